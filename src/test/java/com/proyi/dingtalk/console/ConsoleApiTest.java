package com.proyi.dingtalk.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.binding.LoginTickets;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The JSON behind the console: the checklist, the pipeline overview, the dd.config report and the audit log. */
class ConsoleApiTest extends ModuleIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    @Autowired private LoginTickets loginTickets;

    @Test
    void theChecklistIsJsonForOperatorsAndNeverShowsASecret() throws Exception {
        HttpResponse<String> response = new AdminApi(port, "viewer", "viewer-pass").get("/api/admin/checklist?fresh=true");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode credentials = item(json.readTree(response.body()), "钉钉应用（租户 default）", "dingtalk.credentials");
        assertThat(credentials.path("status").asText()).isEqualTo("OK");
        assertThat(credentials.path("statusLabel").asText()).isEqualTo("正常");
        assertThat(response.body()).doesNotContain("test-app-secret", "acme-app-secret", "test-webhook-secret");
        assertThat(new AdminApi(port, null, null).get("/api/admin/checklist").statusCode()).isEqualTo(401);
    }

    @Test
    void theH5PagesDdConfigReportShowsInTheChecklist() throws Exception {
        String ticket = loginTickets.issue("default", "zhang", "u_zhang", "/");
        HttpResponse<String> report = postJson("/api/dingtalk/h5-config-report",
                "{\"url\":\"https://dt.example.com/dingtalk/h5/?corpId=" + CORP + "\",\"ok\":true,\"ticket\":\"" + ticket + "\"}");
        assertThat(report.statusCode()).isEqualTo(202);
        assertThat(postJson("/api/dingtalk/h5-config-report", "{\"url\":\"https://x/\",\"ok\":false,\"errorCode\":52013}")
                .statusCode()).as("anyone without a login ticket").isEqualTo(401);
        assertThat(postJson("/api/dingtalk/h5-config-report", "{\"tenantId\":\"acme\",\"url\":\"https://x/\",\"ok\":false,"
                + "\"ticket\":\"" + ticket + "\"}").statusCode()).as("a ticket of another tenant").isEqualTo(401);

        JsonNode checklist = json.readTree(new AdminApi(port, "viewer", "viewer-pass").get("/api/admin/checklist?fresh=true").body());

        assertThat(item(checklist, "钉钉应用（租户 default）", "dingtalk.corp-id").path("status").asText()).isEqualTo("OK");
        assertThat(postJson("/api/dingtalk/h5-config-report", "{\"tenantId\":\"nobody\",\"url\":\"x\",\"ok\":true}")
                .statusCode()).isEqualTo(404);
        jdbc.update("DELETE FROM dingtalk_h5_config_report");
    }

    @Test
    void theOverviewHasTheBacklogAndTwentyFourHours() throws Exception {
        JsonNode overview = json.readTree(new AdminApi(port, "viewer", "viewer-pass").get("/api/admin/overview").body());

        assertThat(overview.path("outbox").has("backlog")).isTrue();
        assertThat(overview.path("outbox").has("oldestWaitingSeconds")).isTrue();
        assertThat(overview.path("hours")).hasSize(24);
        assertThat(overview.path("dingTalkErrors").isArray()).isTrue();
    }

    @Test
    void adminActionsAreAuditedAndReadOnlyUsersAreRefused() throws Exception {
        jdbc.update("DELETE FROM admin_audit");

        assertThat(new AdminApi(port, "viewer", "viewer-pass").post("/api/admin/dead-events/replay").statusCode()).isEqualTo(403);
        assertThat(new AdminApi(port, "admin", "admin-pass").post("/api/admin/dead-events/replay?tenant=acme").statusCode())
                .isEqualTo(202);

        JsonNode audit = json.readTree(new AdminApi(port, "viewer", "viewer-pass").get("/api/admin/audit").body());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actor").asText()).isEqualTo("admin");
        assertThat(audit.get(0).path("action").asText()).isEqualTo("POST /api/admin/dead-events/replay?tenant=acme");
        assertThat(audit.get(0).path("httpStatus").asInt()).isEqualTo(202);
        assertThat(audit.get(0).path("at").asText()).isNotBlank();
    }

    @Test
    void aBrowsersCachedBasicCredentialsDoNotPassWithoutACsrfToken() throws Exception {
        HttpRequest.Builder crossSite = HttpRequest.newBuilder(uri("/api/admin/dead-events/replay?tenant=acme"))
                .header("Authorization", basic("admin", "admin-pass"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("x=1"));

        assertThat(HTTP.send(crossSite.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(new AdminApi(port, "admin", "admin-pass").post("/api/admin/dead-events/replay?tenant=acme").statusCode())
                .as("a script with Basic credentials needs no token").isEqualTo(202);
    }

    @Test
    void anonymousRequestsCreateNoSessionAndTheOperatorsSessionCookieIsStrict() throws Exception {
        for (HttpRequest.Builder anonymous : List.of(
                HttpRequest.newBuilder(uri("/console/session")).GET(),
                HttpRequest.newBuilder(uri("/console/")).GET(),
                HttpRequest.newBuilder(uri("/api/admin/overview")).GET(),
                HttpRequest.newBuilder(uri("/api/admin/dead-events/replay")).POST(HttpRequest.BodyPublishers.noBody()),
                HttpRequest.newBuilder(uri("/console/login")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=wrong")),
                HttpRequest.newBuilder(uri("/api/dingtalk/config")).GET())) {
            HttpResponse<String> answer = HTTP.send(anonymous.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.headers().allValues("Set-Cookie")).as(answer.uri().toString())
                    .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
        }

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        JsonNode session = json.readTree(browser.send(HttpRequest.newBuilder(uri("/console/session")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin-pass&"
                        + session.path("csrfParameter").asText() + "=" + session.path("csrfToken").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Strict"));
    }

    @Test
    void wrongOperatorPasswordsAreThrottledPerNameAndAudited() throws Exception {
        jdbc.update("DELETE FROM admin_audit");
        AdminApi guesser = new AdminApi(port, "mallory", "guess");
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.get("/api/admin/overview").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> refused = guesser.get("/api/admin/overview");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(uri("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=MALLORY&password=guess")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as("the name is refused on the login form too").isEqualTo(429);
        assertThat(new AdminApi(port, "admin", "admin-pass").get("/api/admin/overview").statusCode())
                .as("other operators are not affected").isEqualTo(200);
        assertThat(jdbc.queryForList("SELECT CONCAT(actor, ' ', action, ' ', http_status) FROM admin_audit", String.class))
                .hasSize(5).allSatisfy(row -> assertThat(row).isEqualTo("mallory LOGIN FAILED from 127.0.0.1 401"));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode item(JsonNode checklist, String section, String key) {
        for (JsonNode s : checklist.path("sections")) {
            if (s.path("name").asText().equals(section)) {
                for (JsonNode item : s.path("items")) {
                    if (item.path("key").asText().equals(key)) {
                        return item;
                    }
                }
            }
        }
        throw new AssertionError("no item " + key + " in section " + section + ": " + checklist);
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
