package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.checklist.CheckItem;
import com.proyi.dingtalk.checklist.ProYiSideChecks;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Binding with ProYi's own login web API (proyi.binding.password-check=http) instead of the stored
 * hash, against a small stand-in for that API: the lockout, the fingerprint and the binding rules
 * are the same as with the database check. This context does not drain the outbox.
 */
@TestPropertySource(properties = {
        "proyi.binding.password-check=http",
        "proyi.binding.login-api.success-field=/data/loggedIn",
        "proyi.binding.login-api.timeout=2000",
        "proyi.outbox.enabled=false"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ProYiLoginApiTest extends BindingTestSupport {

    private static final StandInLoginApi proyi = new StandInLoginApi();
    private static final String URL = proyi.url();

    @Autowired ProYiSideChecks checks;

    @DynamicPropertySource
    static void loginApi(DynamicPropertyRegistry registry) {
        registry.add("proyi.binding.login-api.url", () -> URL);
    }

    @BeforeEach
    void proyiKnowsZhang() {
        proyi.start();
        proyi.answer.set(null);
        proyi.passwords.clear();
        proyi.passwords.put("zhang", "pw-api");
        // the stored hash is not what decides here; it only gives the binding its fingerprint
        person("zhang", "pw-database", "u_zhang");
    }

    @Test
    void theRightPasswordBindsAndProYiSeesOnlyTheJsonItNeeds() throws Exception {
        Answer bound = bindFirstTime("u_zhang", "zhang", "pw-api");

        assertThat(bound.status()).as(bound.json().toString()).isEqualTo(200);
        assertThat(isBound("zhang")).isTrue();
        JsonNode request = JSON.readTree(proyi.lastBody.get());
        assertThat(request.path("tenant_id").asText()).isEqualTo("default");
        assertThat(request.path("account").asText()).isEqualTo("zhang");
        assertThat(request.path("password").asText()).isEqualTo("pw-api");
        assertThat(proyi.lastHeaders.get().keySet()).map(String::toLowerCase)
                .allMatch(name -> !name.startsWith("camel") && !name.contains("account") && !name.contains("tenant"));
        assertThat(proyi.lastHeaders.get().getFirst("Content-Type")).startsWith("application/json");
    }

    @Test
    void aWrongPasswordIsRefusedAndCounted() throws Exception {
        Answer refused = bindFirstTime("u_zhang", "zhang", "pw-database");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("error")).isEqualTo("WRONG_CREDENTIALS");
        assertThat(failures("u_zhang")).isEqualTo(1);
    }

    @Test
    void aRefusalWithoutA2xxStatusIsAWrongPassword() throws Exception {
        proyi.answer.set(new Reply(401, "{\"error\":\"bad credentials\"}"));

        assertThat(bindFirstTime("u_zhang", "zhang", "pw-api").text("error")).isEqualTo("WRONG_CREDENTIALS");
    }

    @Test
    void aProYiErrorIsAClearRefusalThatCountsNoWrongPassword(CapturedOutput output) throws Exception {
        proyi.answer.set(new Reply(500, "<html>Server Error</html>"));

        Answer refused = bindFirstTime("u_zhang", "zhang", "pw-api");

        assertProYiUnavailable(refused);
        assertThat(output).doesNotContain("pw-api");
    }

    @Test
    void aProYiSlowerThanTheTimeoutIsAClearRefusal() throws Exception {
        proyi.answer.set(new Reply(200, "{\"data\":{\"loggedIn\":true}}", Duration.ofSeconds(3)));

        assertProYiUnavailable(bindFirstTime("u_zhang", "zhang", "pw-api"));
    }

    @Test
    void anUnreachableProYiIsAClearRefusalThatCountsNoWrongPassword(CapturedOutput output) throws Exception {
        proyi.stop();

        Answer refused = bindFirstTime("u_zhang", "zhang", "pw-api");

        assertProYiUnavailable(refused);
        assertThat(output).doesNotContain("pw-api");
    }

    @Test
    void theFingerprintComesFromTheAccountRouteSoAPasswordChangeStillEndsTheBinding() throws Exception {
        bindFirstTime("u_zhang", "zhang", "pw-api");
        String hash = jdbc.queryForObject("SELECT password_hash FROM proyi_user WHERE account = 'zhang'", String.class);
        assertThat(jdbc.queryForObject("SELECT password_fingerprint FROM dingtalk_binding WHERE account = 'zhang'",
                String.class)).isEqualTo(SecretTokens.sha256(hash));

        jdbc.update("UPDATE proyi_user SET password_hash = ? WHERE account = 'zhang'", PASSWORDS.encode("new"));

        assertThat(login("u_zhang").text("status")).isEqualTo("bind_required");
        assertThat(lastAudit("zhang")).isEqualTo("UNBIND/PASSWORD_CHANGED");
    }

    @Test
    void theChecklistLeavesOutTheStoredHashItDoesNotUse() {
        assertThat(checks.check()).extracting(CheckItem::key)
                .contains("proyi.sql.proyi-account").doesNotContain("proyi.sql.check-password-in-database");
    }

    private void assertProYiUnavailable(Answer refused) {
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text("error")).isEqualTo("PROYI_UNAVAILABLE");
        assertThat(refused.text("message")).contains("暂时无法核对过程易密码");
        assertThat(failures("u_zhang")).isZero();
        assertThat(isBound("zhang")).isFalse();
    }

    /** Wrong passwords counted against the DingTalk user (binding locks per DingTalk user). */
    private int failures(String dingtalkUserId) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(failures), 0) FROM dingtalk_bind_failure WHERE subject = ?",
                Integer.class, dingtalkUserId);
    }

    private record Reply(int status, String body, Duration delay) {
        Reply(int status, String body) {
            this(status, body, Duration.ZERO);
        }
    }

    /** ProYi's login API as the route expects it: JSON in, {"data":{"loggedIn":...}} out. */
    private static final class StandInLoginApi {
        final Map<String, String> passwords = new ConcurrentHashMap<>();
        final AtomicReference<Reply> answer = new AtomicReference<>();
        final AtomicReference<String> lastBody = new AtomicReference<>();
        final AtomicReference<Headers> lastHeaders = new AtomicReference<>();
        private int port;
        private HttpServer server;

        synchronized String url() {
            start();
            return "http://127.0.0.1:" + port + "/api/login";
        }

        /** Starts on the same port each time, so that the module's URL stays right after a stop. */
        synchronized void start() {
            if (server != null) {
                return;
            }
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            port = server.getAddress().getPort();
            server.createContext("/api/login", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                lastBody.set(body);
                lastHeaders.set(exchange.getRequestHeaders());
                Reply reply = answer.get() != null ? answer.get() : verdict(body);
                try {
                    Thread.sleep(reply.delay().toMillis()); // a ProYi that answers slowly
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        synchronized void stop() {
            server.stop(0);
            server = null;
        }

        private Reply verdict(String body) throws IOException {
            JsonNode request = JSON.readTree(body);
            boolean ok = request.path("password").asText().equals(passwords.get(request.path("account").asText()));
            return new Reply(200, "{\"data\":{\"loggedIn\":" + ok + ",\"name\":\"张三\"}}");
        }
    }
}
