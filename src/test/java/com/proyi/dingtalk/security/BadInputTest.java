package com.proyi.dingtalk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.proyi.dingtalk.binding.BindingTestSupport;
import com.proyi.dingtalk.dingtalk.crypto.CallbackCrypto;
import com.proyi.dingtalk.dingtalk.crypto.EncryptedMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Malformed and hostile input on every door of the module: ProYi's webhook, outbox rows written
 * behind its back, DingTalk's callback, free login, bind, ticket redemption and the admin API.
 * Each gets a clear 4xx (or, for a stored row, a dead event that says why), never a 500 and never
 * an ERROR or a stack trace in the log, while good events sent between them are delivered once.
 */
class BadInputTest extends BindingTestSupport {

    private static final String SECRET = "test-webhook-secret-0123456789abcdef";
    private static final String CALLBACK_TOKEN = "testcallbacktoken";
    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CJK = "审";

    /** One hostile request and the answers that count as clear. */
    private record Hostile(String door, String name, HttpRequest.Builder request, IntPredicate expected, String expectation) {}

    private final List<Hostile> hostile = new ArrayList<>();
    private ListAppender<ILoggingEvent> log;
    private int goodEvents;

    @BeforeEach
    void captureTheLog() {
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    @Test
    void everyHostileRequestIsRefusedClearlyAndGoodEventsAroundThemAreDeliveredOnce() throws Exception {
        for (int i = 0; i < 4; i++) {
            employee("default", "good" + i, "u_good" + i);
        }
        person("binder", "right-password", "u_binder");
        webhookInputs();
        callbackInputs();
        ticketInputs();
        h5Inputs(login("u_binder").text("bindToken"));
        adminInputs();
        assertThat(hostile).hasSizeGreaterThanOrEqualTo(60);

        List<Long> good = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < hostile.size(); i++) {
            if (i % 15 == 0) {
                good.add(goodEvent());
            }
            Hostile input = hostile.get(i);
            HttpResponse<String> answer = HTTP.send(input.request().build(), HttpResponse.BodyHandlers.ofString());
            softly.assertThat(input.expected().test(answer.statusCode()))
                    .as("%s: %s -> %s %s, expected %s", input.door(), input.name(), answer.statusCode(),
                            abbreviate(answer.body()), input.expectation())
                    .isTrue();
            softly.assertThat(answer.statusCode()).as("%s: %s", input.door(), input.name()).isLessThan(500);
        }
        good.add(goodEvent());
        softly.assertAll();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(good)
                .allSatisfy(id -> assertThat(eventStatus(id)).isEqualTo("DONE")));
        for (int i = 0; i < goodEvents; i++) {
            assertThat(simulator.inbox("u_good" + (i % 4))).as("notices of u_good" + (i % 4)).isNotEmpty();
        }
        assertThat(simulator.inbox("u_good0").size() + simulator.inbox("u_good1").size()
                + simulator.inbox("u_good2").size() + simulator.inbox("u_good3").size()).isEqualTo(goodEvents);
        assertThat(problemsInTheLog()).isEmpty();
    }

    @Test
    void hostileOutboxRowsBecomeDeadEventsThatSayWhy() {
        employee("default", "good0", "u_good0");
        long before = outboxEvent("default", "purchase_order", "ok-1", "todo", "good0", null);
        Map<Long, String> reasons = Map.of(
                outboxEvent("default", "purchase_order", "long", "todo", "a".repeat(100), null), "100 characters",
                outboxEvent("default", "purchase_order", "empty", "todo", " , ,", null), "no recipients",
                outboxEvent("default", "purchase_order", "badjson", "todo", "good0", "{not json"), "fields is not valid JSON",
                outboxEvent("default", "purchase_order", "array", "todo", "good0", "[1,2]"), "JSON object",
                outboxEvent("nowhere", "purchase_order", "tenant", "todo", "good0", null), "nowhere");
        long after = outboxEvent("default", "purchase_order", "ok-2", "todo", "good0", null);
        employee("default", "twoids", null);
        jdbc.update("UPDATE proyi_hr_record SET dingtalk_userid = 'u_good0,u_other' WHERE account = 'twoids'");
        long twoIds = outboxEvent("default", "purchase_order", "two-ids", "todo", "twoids", null);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(eventStatus(before)).isEqualTo("DONE");
            assertThat(eventStatus(after)).isEqualTo("DONE");
            reasons.forEach((id, reason) -> {
                assertThat(eventStatus(id)).as("event " + id).isEqualTo("DEAD");
                assertThat(lastError(id)).as("event " + id).contains(reason);
            });
        });
        assertThat(jdbc.queryForObject("SELECT MAX(attempts) FROM proyi_doc_event WHERE status = 'DEAD'", Integer.class))
                .as("a row that can never be delivered is not retried").isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !"NEW".equals(eventStatus(twoIds))
                && !"PROCESSING".equals(eventStatus(twoIds)));
        assertThat(deliveryStatus(twoIds, "twoids")).isEqualTo("DEAD");
        assertThat(jdbc.queryForObject("SELECT last_error FROM dingtalk_notice_delivery WHERE event_id = ?", String.class,
                twoIds)).contains("'u_good0,u_other' is not one DingTalk user id");
        assertThat(simulator.inbox("u_good0")).as("the HR id's comma added no recipient").hasSize(2);
        assertThat(problemsInTheLog()).isEmpty();
    }

    // ---------------------------------------------------------------- the webhook

    private void webhookInputs() {
        String event = event("bad", "[\"good0\"]", "\"summary\":\"s\"");
        long now = now();
        webhook("an 8 MB body", signed("x".repeat(8 << 20), now), is(413));
        webhook("an 8 MB body without a length", signedStream("x".repeat(8 << 20), now), is(413));
        webhook("an empty signed body", signed("", now), is(400));
        webhook("a timestamp of Long.MAX_VALUE", signed(event, Long.MAX_VALUE), is(401));
        webhook("a timestamp of Long.MIN_VALUE", signed(event, Long.MIN_VALUE), is(401));
        webhook("a timestamp of -Long.MAX_VALUE", signed(event, -Long.MAX_VALUE), is(401));
        webhook("a timestamp that is no number", webhookRequest(event, "soon", sign("soon", event)), is(401));
        webhook("a timestamp beyond a long", webhookRequest(event, "99999999999999999999",
                sign("99999999999999999999", event)), is(401));
        webhook("no signature", webhookRequest(event, Long.toString(now), null), is(401));
        webhook("a signature under another secret", webhookRequest(event, Long.toString(now),
                "sha256=" + HmacRequestVerifier.sign("guess", now + "." + event)), is(401));
        webhook("a signature of the wrong length", webhookRequest(event, Long.toString(now), "sha256=abc"), is(401));
        webhook("invalid UTF-8, signed over its bytes", signedBytes(new byte[] {'{', '"', (byte) 0xC3, '"', '}'}, now),
                is(400));
        webhook("a lone surrogate in UTF-8", signedBytes(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, now),
                is(400));
        webhook("not JSON", signed("{not json", now), is(400));
        webhook("a JSON array", signed("[1,2,3]", now), is(400));
        webhook("a JSON string", signed("\"todo\"", now), is(400));
        webhook("JSON null", signed("null", now), is(400));
        webhook("10,000 recipients (70 KB joined)", signed(event("many", IntStream.range(0, 10_000)
                .mapToObj(i -> "\"user" + i + "\"").collect(Collectors.joining(",", "[", "]")), "\"summary\":\"s\""), now),
                is(400));
        webhook("a summary of 30,000 CJK characters", signed(event("cjk", "[\"good0\"]",
                "\"summary\":\"" + CJK.repeat(30_000) + "\""), now), is(400));
        webhook("a 70 KB fields object", signed(event("fields", "[\"good0\"]",
                "\"fields\":{\"note\":\"" + "f".repeat(70_000) + "\"}"), now), is(400));
        webhook("fields as an array", signed(event("fields2", "[\"good0\"]", "\"fields\":[1]"), now), is(400));
        webhook("a recipient of 100 characters", signed(event("long", "[\"" + "a".repeat(100) + "\"]", "\"x\":1"), now),
                is(400));
        webhook("a recipient with a comma", signed(event("comma", "[\"a,b\"]", "\"x\":1"), now), is(400));
        webhook("recipients as a string", signed(event("str", "\"good0\"", "\"x\":1"), now), is(400));
        webhook("recipients as numbers", signed(event("num", "[1,2]", "\"x\":1"), now), is(400));
        webhook("no recipients", signed(event("none", "[]", "\"x\":1"), now), is(400));
        webhook("an unknown action", signed(event.replace("\"todo\"", "\"explode\""), now), is(400));
        webhook("no doc_type", signed(event.replace("\"doc_type\":\"purchase_order\",", ""), now), is(400));
        webhook("doc_id as an object", signed(event.replace("\"doc_id\":\"bad\"", "\"doc_id\":{\"a\":1}"), now), is(400));
        webhook("a title of 201 characters", signed(event("title", "[\"good0\"]", "\"title\":\"" + "t".repeat(201) + "\""),
                now), is(400));
        webhook("a tenant_id of 65 characters", signed(event("tenant", "[\"good0\"]", "\"tenant_id\":\"" + "t".repeat(65)
                + "\""), now), is(400));
        webhook("JSON nested 5,000 deep", signed("[".repeat(5_000) + "]".repeat(5_000), now), is(400));
        webhook("a number of 5,000 digits", signed(event("digits", "[\"good0\"]", "\"title\":" + "9".repeat(5_000)), now),
                is(400));
    }

    private void webhook(String name, HttpRequest.Builder request, IntPredicate expected) {
        hostile.add(new Hostile("webhook", name, request, expected, describe(expected)));
    }

    private long goodEvent() throws Exception {
        String account = "good" + (goodEvents++ % 4);
        String body = event("good-" + goodEvents, "[\"" + account + "\"]", "\"summary\":\"第 " + goodEvents + " 个\"");
        HttpResponse<String> answer = HTTP.send(signed(body, now()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return Long.parseLong(answer.body().replaceAll("\\D", ""));
    }

    private static String event(String docId, String recipients, String extra) {
        return "{\"doc_type\":\"purchase_order\",\"doc_id\":\"" + docId + "\",\"action\":\"todo\",\"title\":\"t\","
                + "\"recipients\":" + recipients + "," + extra + "}";
    }

    private HttpRequest.Builder signed(String body, long timestamp) {
        return webhookRequest(body, Long.toString(timestamp), sign(Long.toString(timestamp), body));
    }

    private HttpRequest.Builder signedBytes(byte[] body, long timestamp) {
        return uri("/api/proyi/events").header("X-ProYi-Timestamp", Long.toString(timestamp))
                .header("X-ProYi-Signature", "sha256=" + hmac(timestamp + ".", body))
                .POST(BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder signedStream(String body, long timestamp) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return uri("/api/proyi/events").header("X-ProYi-Timestamp", Long.toString(timestamp))
                .header("X-ProYi-Signature", sign(Long.toString(timestamp), body))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
    }

    private HttpRequest.Builder webhookRequest(String body, String timestamp, String signature) {
        HttpRequest.Builder request = uri("/api/proyi/events").header("X-ProYi-Timestamp", timestamp)
                .POST(BodyPublishers.ofString(body));
        return signature == null ? request : request.header("X-ProYi-Signature", signature);
    }

    private static String sign(String timestamp, String body) {
        return "sha256=" + HmacRequestVerifier.sign(SECRET, timestamp + "." + body);
    }

    private static String hmac(String prefix, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- DingTalk's callback

    private void callbackInputs() {
        CallbackCrypto crypto = new CallbackCrypto(CALLBACK_TOKEN, AES_KEY, APP_KEY);
        String millis = Long.toString(System.currentTimeMillis());
        EncryptedMessage unknownCorp = crypto.encrypt("{\"EventType\":\"user_leave_org\",\"eventId\":\"e-x\","
                + "\"CorpId\":\"dingnobody\",\"UserId\":[\"u_good0\"]}", millis, "nonce-corp");
        callback("an event from an organisation no tenant has", unknownCorp, is(403));
        EncryptedMessage noCorp = crypto.encrypt("{\"EventType\":\"user_leave_org\",\"eventId\":\"e-y\","
                + "\"UserId\":[\"u_good0\"]}", millis, "nonce-nocorp");
        callback("an event without CorpId", noCorp, is(403));
        EncryptedMessage notJson = crypto.encrypt("not json", millis, "nonce-notjson");
        callback("a signed message that is not JSON", notJson, is(400));
        EncryptedMessage stale = crypto.encrypt("{\"EventType\":\"check_url\"}", Long.toString(Long.MIN_VALUE), "nonce-min");
        callback("a signed timestamp of Long.MIN_VALUE", stale, is(403));
        EncryptedMessage future = crypto.encrypt("{\"EventType\":\"check_url\"}", Long.toString(Long.MAX_VALUE), "nonce-max");
        callback("a signed timestamp of Long.MAX_VALUE", future, is(403));
        String badBase64 = "!!!!";
        hostile.add(new Hostile("callback", "an encrypt that is no base64", callbackRequest(
                "{\"encrypt\":\"" + badBase64 + "\"}", crypto.signature(millis, "nonce-b64", badBase64), millis, "nonce-b64"),
                is(400), "400"));
        String garbage = Base64.getEncoder().encodeToString("sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII));
        hostile.add(new Hostile("callback", "a signed encrypt that does not decrypt", callbackRequest(
                "{\"encrypt\":\"" + garbage + "\"}", crypto.signature(millis, "nonce-dec", garbage), millis, "nonce-dec"),
                is(400), "400"));
        String real = crypto.encrypt("{\"EventType\":\"check_url\"}", millis, "n1").encrypt();
        hostile.add(new Hostile("callback", "a forged signature", callbackRequest("{\"encrypt\":\"" + real + "\"}",
                "0".repeat(40), millis, "nonce-forged"), is(403), "403"));
        hostile.add(new Hostile("callback", "no signature", callbackRequest("{\"encrypt\":\"" + real + "\"}", null, millis,
                "nonce-nosig"), is(400), "400"));
        hostile.add(new Hostile("callback", "a nonce of 65 characters", callbackRequest("{\"encrypt\":\"" + real + "\"}",
                crypto.signature(millis, "n".repeat(65), real), millis, "n".repeat(65)), is(400), "400"));
        hostile.add(new Hostile("callback", "a 1 MB body", callbackRequest("{\"encrypt\":\"" + "A".repeat(1 << 20) + "\"}",
                "0".repeat(40), millis, "nonce-big"), is(413), "413"));
        hostile.add(new Hostile("callback", "a body that is not JSON", callbackRequest("{\"encrypt\":", "0".repeat(40),
                millis, "nonce-x"), is(400), "400"));
        hostile.add(new Hostile("callback", "encrypt as a number", callbackRequest("{\"encrypt\":5}", "0".repeat(40),
                millis, "nonce-n"), is(400), "400"));
        hostile.add(new Hostile("callback", "JSON nested 5,000 deep", callbackRequest("{\"encrypt\":" + "[".repeat(5_000)
                + "]".repeat(5_000) + "}", "0".repeat(40), millis, "nonce-deep"), is(400), "400"));
    }

    private void callback(String name, EncryptedMessage message, IntPredicate expected) {
        hostile.add(new Hostile("callback", name, callbackRequest("{\"encrypt\":\"" + message.encrypt() + "\"}",
                message.msgSignature(), message.timeStamp(), message.nonce()), expected, describe(expected)));
    }

    private HttpRequest.Builder callbackRequest(String body, String signature, String timestamp, String nonce) {
        String query = (signature == null ? "" : "signature=" + signature + "&") + "timestamp=" + timestamp
                + "&nonce=" + nonce;
        return uri("/dingtalk/callback?" + query).POST(BodyPublishers.ofString(body));
    }

    // ---------------------------------------------------------------- ticket redemption

    private void ticketInputs() {
        long now = now();
        ticket("a 1 MB body", ticketRequest("{\"ticket\":\"" + "t".repeat(1 << 20) + "\"}", now), is(413));
        ticket("an empty signed body", ticketRequest("", now), is(400));
        ticket("a signed body that is not JSON", ticketRequest("{ticket", now), is(400));
        ticket("a ticket that is an object", ticketRequest("{\"ticket\":{\"a\":1}}", now), is(400));
        ticket("an unknown ticket", ticketRequest("{\"ticket\":\"nope\"}", now), is(404));
        ticket("a timestamp of Long.MIN_VALUE", ticketRequest("{\"ticket\":\"nope\"}", Long.MIN_VALUE), is(401));
        ticket("no signature", uri("/api/tickets/redeem").POST(BodyPublishers.ofString("{\"ticket\":\"x\"}")), is(401));
        ticket("invalid UTF-8", uri("/api/tickets/redeem").header("X-ProYi-Timestamp", Long.toString(now))
                .header("X-ProYi-Signature", "sha256=" + hmac(now + ".", new byte[] {(byte) 0xFF, (byte) 0xFE}))
                .POST(BodyPublishers.ofByteArray(new byte[] {(byte) 0xFF, (byte) 0xFE})), is(400));
    }

    private void ticket(String name, HttpRequest.Builder request, IntPredicate expected) {
        hostile.add(new Hostile("ticket redeem", name, request, expected, describe(expected)));
    }

    private HttpRequest.Builder ticketRequest(String body, long timestamp) {
        return uri("/api/tickets/redeem").header("X-ProYi-Timestamp", Long.toString(timestamp))
                .header("X-ProYi-Signature", "sha256=" + HmacRequestVerifier.sign(TICKET_SECRET, timestamp + "." + body))
                .POST(BodyPublishers.ofString(body));
    }

    // ---------------------------------------------------------------- the H5 page's API: free login, bind, logout

    private void h5Inputs(String bindToken) {
        h5("login: a 1 MB body", json("/api/dingtalk/login", "{\"authCode\":\"" + "c".repeat(1 << 20) + "\"}"), is(413));
        h5("login: not JSON", json("/api/dingtalk/login", "{authCode"), is(400));
        h5("login: a JSON array", json("/api/dingtalk/login", "[1]"), is(400));
        h5("login: no body", json("/api/dingtalk/login", ""), is(400));
        h5("login: no authCode", json("/api/dingtalk/login", "{}"), is(401));
        h5("login: an authCode DingTalk never issued", json("/api/dingtalk/login", "{\"authCode\":\"forged\"}"), is(401));
        h5("login: an authCode of 10,000 characters", json("/api/dingtalk/login",
                "{\"authCode\":\"" + "c".repeat(10_000) + "\"}"), is(401));
        h5("login: authCode as an object", json("/api/dingtalk/login", "{\"authCode\":{\"a\":1}}"), is(400));
        h5("login: an unknown tenant", json("/api/dingtalk/login", "{\"tenantId\":\"nowhere\",\"authCode\":\"x\"}"),
                is(400));
        h5("login: a target with CR LF", json("/api/dingtalk/login", "{\"authCode\":\"x\",\"target\":\"/a\\r\\nb\"}"),
                is(401));
        h5("login: text/plain", uri("/api/dingtalk/login").setHeader("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("{}")), is(415));
        h5("login: invalid UTF-8", uri("/api/dingtalk/login").POST(BodyPublishers.ofByteArray(
                new byte[] {'{', '"', 'a', 'u', 't', 'h', 'C', 'o', 'd', 'e', '"', ':', '"', (byte) 0xC0, '"', '}'})),
                is(400, 401));
        h5("bind: an unknown bind token", json("/api/dingtalk/bind",
                "{\"bindToken\":\"nope\",\"account\":\"binder\",\"password\":\"x\"}"), is(401));
        h5("bind: no fields at all", json("/api/dingtalk/bind", "{}"), is(401));
        h5("bind: a 1 MB password", json("/api/dingtalk/bind", "{\"bindToken\":\"" + bindToken
                + "\",\"account\":\"binder\",\"password\":\"" + "p".repeat(1 << 20) + "\"}"), is(413));
        h5("bind: an account of 10,000 characters", json("/api/dingtalk/bind", "{\"bindToken\":\"" + bindToken
                + "\",\"account\":\"" + "a".repeat(10_000) + "\",\"password\":\"x\"}"), is(401));
        h5("bind: a password of 100 KB", json("/api/dingtalk/bind", "{\"bindToken\":\"" + bindToken
                + "\",\"account\":\"binder\",\"password\":\"" + "p".repeat(100_000) + "\"}"), is(400, 401));
        h5("bind: not JSON", json("/api/dingtalk/bind", "bindToken=x"), is(400));
        h5("logout: neither ticket nor code", json("/api/dingtalk/logout", "{}"), is(401));
        h5("logout: a forged code", json("/api/dingtalk/logout", "{\"authCode\":\"forged\"}"), is(401));
        h5("jsapi-config: a foreign page", uri("/api/dingtalk/jsapi-config?url=https%3A%2F%2Fevil.example%2F").GET(),
                is(400));
        h5("jsapi-config: no url", uri("/api/dingtalk/jsapi-config").GET(), is(400));
        h5("jsapi-config: a url that is no URL", uri("/api/dingtalk/jsapi-config?url=http%3A%2F%2F%5B%3A%3A1").GET(),
                is(400));
        h5("h5-config-report: without a login ticket", json("/api/dingtalk/h5-config-report",
                "{\"url\":\"https://x/\",\"ok\":false,\"errorCode\":52013}"), is(401));
        h5("h5-config-report: a forged ticket", json("/api/dingtalk/h5-config-report",
                "{\"url\":\"https://x/\",\"ok\":true,\"ticket\":\"forged\"}"), is(401));
        h5("h5-config-report: not JSON", json("/api/dingtalk/h5-config-report", "{"), is(400));
    }

    private void h5(String name, HttpRequest.Builder request, IntPredicate expected) {
        hostile.add(new Hostile("H5 API", name, request, expected, describe(expected)));
    }

    private HttpRequest.Builder json(String path, String body) {
        return uri(path).POST(BodyPublishers.ofString(body));
    }

    // ---------------------------------------------------------------- the admin API

    private void adminInputs() {
        String admin = basic("admin", "admin-pass");
        admin("no credentials", uri("/api/admin/overview").GET(), is(401));
        admin("a wrong password", uri("/api/admin/overview").header("Authorization", basic("admin", "wrong")).GET(), is(401));
        admin("Basic credentials that are no base64", uri("/api/admin/overview").header("Authorization", "Basic ###").GET(),
                is(401));
        admin("a read-only user replaying", uri("/api/admin/dead-events/replay").header("Authorization",
                basic("viewer", "viewer-pass")).POST(BodyPublishers.noBody()), is(403));
        admin("a dead event id that is no number", uri("/api/admin/dead-events/abc/replay")
                .header("Authorization", admin).POST(BodyPublishers.noBody()), is(400));
        admin("a dead event id beyond a long", uri("/api/admin/dead-events/99999999999999999999/replay")
                .header("Authorization", admin).POST(BodyPublishers.noBody()), is(400));
        admin("a dead event that does not exist", uri("/api/admin/dead-events/987654321/replay")
                .header("Authorization", admin).POST(BodyPublishers.noBody()), is(404));
        admin("an audit limit that is no number", uri("/api/admin/audit?limit=lots").header("Authorization", admin).GET(),
                is(400));
        admin("unbinding an account that is not bound", uri("/api/admin/bindings/default/nobody")
                .header("Authorization", admin).DELETE(), is(404));
        admin("a dry run that is no boolean", uri("/api/admin/contacts/sync?dryRun=maybe").header("Authorization", admin)
                .POST(BodyPublishers.noBody()), is(400));
        admin("a cross-site form post with cached Basic credentials", uri("/api/admin/dead-events/replay")
                .header("Authorization", admin).header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("a=1")), is(403));
        admin("a console call without its CSRF token", uri("/api/admin/dead-events/replay").header("Cookie", "JSESSIONID=x")
                .header("Sec-Fetch-Site", "same-origin").POST(BodyPublishers.noBody()), is(401, 403));
    }

    private void admin(String name, HttpRequest.Builder request, IntPredicate expected) {
        hostile.add(new Hostile("admin API", name, request, expected, describe(expected)));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- helpers

    private HttpRequest.Builder uri(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json; charset=UTF-8").timeout(Duration.ofSeconds(30));
    }

    private static IntPredicate is(int... statuses) {
        return new IntPredicate() {
            @Override
            public boolean test(int value) {
                return IntStream.of(statuses).anyMatch(status -> status == value);
            }

            @Override
            public String toString() {
                return IntStream.of(statuses).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
            }
        };
    }

    private static String describe(IntPredicate expected) {
        return expected.toString();
    }

    private List<String> problemsInTheLog() {
        return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " [" + e.getThrowableProxy().getClassName() + "]"))
                .toList();
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
