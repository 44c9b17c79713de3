package com.proyi.dingtalk.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.security.HmacRequestVerifier;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Free login as the H5 page and ProYi drive it: a DingTalk member, a ProYi account with a
 * password, the module's HTTP API. Same Spring context as every other integration test.
 */
public abstract class BindingTestSupport extends ModuleIntegrationTest {

    public static final String APP_KEY = "test-app-key";
    public static final String TICKET_SECRET = "test-webhook-secret-0123456789abcdef";
    protected static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An HTTP answer of the module with its JSON body. */
    public record Answer(int status, JsonNode json) {
        public String text(String field) {
            return json.path(field).asText(null);
        }
    }

    @BeforeEach
    void noBindings() {
        for (String table : new String[] {"proyi_user", "dingtalk_binding", "dingtalk_binding_audit",
                "dingtalk_bind_failure", "dingtalk_bind_token", "dingtalk_login_ticket", "proyi_account_event"}) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    /** A ProYi account with a bcrypt password, an HR record without DingTalk id, and a DingTalk member of that id. */
    protected void person(String account, String password, String dingtalkUserId) {
        proyiUser(account, PASSWORDS.encode(password));
        employee("default", account, null);
        simulator.addUser(CORP, dingtalkUserId, "员工" + account);
    }

    protected void proyiUser(String account, String passwordHash) {
        jdbc.update("INSERT INTO proyi_user (tenant_id, account, password_hash, status) VALUES ('default', ?, ?, 'ACTIVE')",
                account, passwordHash);
    }

    protected Answer login(String dingtalkUserId) throws Exception {
        return loginWithCode(simulator.issueAuthCode(APP_KEY, dingtalkUserId), null);
    }

    protected Answer loginWithCode(String code, String target) throws Exception {
        ObjectNodeBuilder body = new ObjectNodeBuilder().put("authCode", code).put("target", target);
        return post("/api/dingtalk/login", body.toString());
    }

    protected Answer bind(String bindToken, String account, String password) throws Exception {
        return post("/api/dingtalk/bind", new ObjectNodeBuilder().put("bindToken", bindToken).put("account", account)
                .put("password", password).toString());
    }

    /** First login plus bind; returns the answer of the bind. */
    protected Answer bindFirstTime(String dingtalkUserId, String account, String password) throws Exception {
        Answer first = login(dingtalkUserId);
        if (!"bind_required".equals(first.text("status"))) {
            throw new AssertionError("expected bind_required, got " + first);
        }
        return bind(first.text("bindToken"), account, password);
    }

    /** POST /api/tickets/redeem as ProYi sends it, signed with the shared secret. */
    protected Answer redeem(String ticket) throws Exception {
        String body = new ObjectNodeBuilder().put("ticket", ticket).toString();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return send(request("/api/tickets/redeem")
                .header(HmacRequestVerifier.TIMESTAMP_HEADER, timestamp)
                .header(HmacRequestVerifier.SIGNATURE_HEADER,
                        "sha256=" + HmacRequestVerifier.sign(TICKET_SECRET, timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    protected String hrDingTalkId(String account) {
        return jdbc.queryForObject("SELECT dingtalk_userid FROM proyi_hr_record WHERE tenant_id = 'default' AND account = ?",
                String.class, account);
    }

    protected boolean isBound(String account) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_binding WHERE tenant_id = 'default' AND account = ?",
                Integer.class, account) == 1;
    }

    /** action/reason of the account's newest audit row. */
    protected String lastAudit(String account) {
        return jdbc.queryForObject("SELECT CONCAT(action, '/', reason) FROM dingtalk_binding_audit"
                + " WHERE tenant_id = 'default' AND account = ? ORDER BY id DESC LIMIT 1", String.class, account);
    }

    protected Answer post(String path, String json) throws Exception {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Answer get(String path) throws Exception {
        return send(request(path).GET());
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json; charset=UTF-8");
    }

    protected Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), body == null || body.isBlank()
                ? JSON.createObjectNode() : JSON.readTree(body));
    }

    /** JSON bodies without string concatenation; null values are left out. */
    protected static final class ObjectNodeBuilder {
        private final com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();

        public ObjectNodeBuilder put(String field, String value) {
            if (value != null) {
                node.put(field, value);
            }
            return this;
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }
}
