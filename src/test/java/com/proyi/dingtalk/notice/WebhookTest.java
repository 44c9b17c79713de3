package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ProYi POSTs signed events; they are stored before the 202 and delivered like trigger-written rows. */
class WebhookTest extends ModuleIntegrationTest {

    private static final String SECRET = "test-webhook-secret-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EVENT = """
            {"doc_type":"purchase_order","doc_id":"wh-1","doc_no":"PO-WH-1","action":"todo",
             "title":"采购订单 \\"紧急\\" 待审批","summary":"请尽快处理","sender":"zhangsan",
             "recipients":["lisi","nobody"],"fields":{"amount":"12.30","supplier":"A&B 公司"}}""";

    @Test
    void aSignedEventIsStoredAnsweredWith202AndDelivered() throws Exception {
        employee("default", "lisi", "u_lisi");
        HttpResponse<String> response = post(EVENT, now(), null);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).matches("\\{\"id\":\\d+,\"status\":\"accepted\"}");
        long id = Long.parseLong(response.body().replaceAll("\\D", ""));
        assertThat(jdbc.queryForObject("SELECT recipients FROM proyi_doc_event WHERE id = ?", String.class, id))
                .isEqualTo("lisi,nobody");
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-proyi"));

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));
        assertThat(simulator.inbox("u_lisi")).hasSize(1);
        assertThat(deliveryStatus(id, "nobody")).isEqualTo("UNBOUND");
    }

    @Test
    void aWrongSignatureIsRefusedAndNothingIsStored() throws Exception {
        HttpResponse<String> response = post(EVENT, now(), "sha256=" + "0".repeat(64));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("signature does not match");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event", Integer.class)).isZero();
    }

    @Test
    void aSignatureOverADifferentBodyIsRefused() throws Exception {
        long ts = now();
        String signature = "sha256=" + ProYiWebhook.sign(SECRET, ts + "." + EVENT);
        HttpResponse<String> response = post(EVENT.replace("wh-1", "wh-2"), ts, signature);
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void missingSignatureHeadersAreRefused() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(EVENT)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("X-ProYi-Signature");
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffIsRefused() throws Exception {
        assertThat(post(EVENT, now() - 301, null).statusCode()).isEqualTo(401);
        assertThat(post(EVENT, now() + 301, null).statusCode()).isEqualTo(401);
        assertThat(post(EVENT, now() - 290, null).statusCode()).isEqualTo(202);
    }

    @Test
    void malformedEventsGetAClearError() throws Exception {
        assertThat(post("{not json", now(), null)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("not valid JSON");
        });
        assertThat(post(EVENT.replace("\"recipients\":[\"lisi\",\"nobody\"]", "\"recipients\":[]"), now(), null))
                .satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(400);
                    assertThat(r.body()).contains("recipients");
                });
        assertThat(post(EVENT.replace("\"action\":\"todo\"", "\"action\":\"explode\""), now(), null).body())
                .contains("action must be one of");
        assertThat(post(EVENT.replace("\"doc_type\":\"purchase_order\",", ""), now(), null).body())
                .contains("doc_type is required");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event", Integer.class)).isZero();
    }

    @Test
    void aReplayedRequestAnswersWithTheFirstEventAndCreatesNothing() throws Exception {
        employee("default", "lisi", "u_lisi");
        long ts = now();
        String signature = "sha256=" + ProYiWebhook.sign(SECRET, ts + "." + EVENT);
        HttpResponse<String> first = post(EVENT, ts, signature);
        HttpResponse<String> replay = post(EVENT, ts, signature.toUpperCase().replace("SHA256=", "sha256="));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(replay.statusCode()).isEqualTo(202);
        long id = Long.parseLong(first.body().replaceAll("\\D", ""));
        assertThat(replay.body()).isEqualTo("{\"id\":" + id + ",\"status\":\"accepted\",\"duplicate\":true}");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event", Integer.class)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));
        assertThat(simulator.inbox("u_lisi")).hasSize(1);
    }

    @Test
    void aRepeatedIdempotencyKeyForTheSameDocumentAndActionCreatesNothing() throws Exception {
        String keyed = EVENT.replace("\"action\":\"todo\",", "\"action\":\"todo\",\"idempotency_key\":\"step-7\",");
        HttpResponse<String> first = post(keyed, now(), null);
        HttpResponse<String> again = post(keyed.replace("请尽快处理", "请尽快处理！"), now() - 1, null);
        long ts = now() - 2;
        HttpResponse<String> byHeader = HTTP.send(HttpRequest.newBuilder(uri())
                .header("Content-Type", "application/json").header("Idempotency-Key", "step-7")
                .header("X-ProYi-Timestamp", Long.toString(ts))
                .header("X-ProYi-Signature", "sha256=" + ProYiWebhook.sign(SECRET, ts + "." + EVENT))
                .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherAction = post(keyed.replace("\"todo\"", "\"cc\""), now(), null);

        long id = Long.parseLong(first.body().replaceAll("\\D", ""));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("\"id\":" + id + ",").contains("\"duplicate\":true");
        assertThat(byHeader.body()).contains("\"id\":" + id + ",");
        assertThat(otherAction.body()).doesNotContain("\"id\":" + id + ",").doesNotContain("duplicate");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event", Integer.class)).isEqualTo(2);
    }

    @Test
    void theSameRequestSentInParallelIsStoredOnce() throws Exception {
        long ts = now();
        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return post(EVENT, ts, null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();

        assertThat(answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)).containsOnly(202);
        assertThat(answers.stream().map(CompletableFuture::join).map(r -> r.body().replaceAll(",\"duplicate\":true", "")))
                .hasSize(8).containsOnly(answers.get(0).join().body().replaceAll(",\"duplicate\":true", ""));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event", Integer.class)).isEqualTo(1);
    }

    private HttpResponse<String> post(String body, long timestamp, String signature) throws Exception {
        String sig = signature != null ? signature : "sha256=" + ProYiWebhook.sign(SECRET, timestamp + "." + body);
        return HTTP.send(HttpRequest.newBuilder(uri())
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .header("X-ProYi-Timestamp", Long.toString(timestamp))
                        .header("X-ProYi-Signature", sig)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/api/proyi/events");
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
