package com.proyi.dingtalk.notice.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.QuotaBudget;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The monthly API quota: counted per organisation, lower ranks stop first, and on 90020 notices wait. */
class QuotaTest extends ModuleIntegrationTest {

    private static final String SEND_RESULT = "/topapi/message/corpconversation/getsendresult";

    @Autowired QuotaBudget budget;
    @Autowired ObjectMapper mapper;

    @BeforeEach
    void freshMonth() {
        // a send-result read of an earlier test may still be under way (a module reads in the background):
        // it would reach the simulator's count but not this month's, so both counts start once it is over
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            long before = simulator.monthlyCalls(CORP);
            Thread.sleep(300);
            return simulator.monthlyCalls(CORP) == before;
        });
        simulator.reset();
        budget.flush();
        jdbc.update("DELETE FROM dingtalk_quota_usage");
        jdbc.update("DELETE FROM dingtalk_quota_plan");
        budget.flush();
    }

    @AfterEach
    void backToTheConfiguredPlan() {
        budget.setPlan("default", null);
        simulator.setMonthlyQuota(CORP, 5000);
    }

    @Test
    void theModuleCountsWhatDingTalkCountsAndShowsItWithAProjection() throws Exception {
        employee("default", "lisi", "u_lisi");
        long id = outboxEvent("default", "expense_claim", "ex-1", "cc", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.calls(SEND_RESULT) > 0);
        // once read, the notice's result is not read again: the count stands still
        simulator.markRead("u_lisi", jdbc.queryForObject(
                "SELECT task_id FROM dingtalk_notice_delivery WHERE event_id = ?", Long.class, id));
        await().atMost(Duration.ofSeconds(10)).until(() -> "READ".equals(jdbc.queryForObject(
                "SELECT receipt FROM dingtalk_notice_delivery WHERE event_id = ?", String.class, id)));

        // the send and the send-result read count; the token does not
        await().atMost(Duration.ofSeconds(10)).until(() -> usage().path("used").asLong() == simulator.monthlyCalls(CORP));
        assertThat(simulator.monthlyCalls(CORP)).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT calls FROM dingtalk_quota_usage WHERE organisation = ?", Long.class, CORP))
                .isEqualTo(simulator.monthlyCalls(CORP));
        JsonNode usage = usage();
        assertThat(usage.path("plan").asLong()).isEqualTo(-1);
        assertThat(usage.path("projected").asLong()).isGreaterThanOrEqualTo(usage.path("used").asLong());
        assertThat(usage.path("stopped")).isEmpty();

        JsonNode health = mapper.readTree(new AdminApi(port, "admin", "admin-pass").get("/actuator/health/dingtalkQuota").body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("details").path(CORP).path("used").asLong()).isEqualTo(usage.path("used").asLong());
    }

    @Test
    void asTheBudgetRunsLowSendResultsStopFirstAndNoticesStillGoOut() throws Exception {
        employee("default", "lisi", "u_lisi");
        assertThat(admin().put("/api/admin/quota/plan?tenant=default&calls=100").statusCode()).isEqualTo(200);
        jdbc.update("INSERT INTO dingtalk_quota_usage (organisation, quota_month, calls) VALUES (?, ?, 85)",
                CORP, usage().path("month").asText());
        budget.flush();
        int reads = simulator.calls(SEND_RESULT);

        long id = outboxEvent("default", "expense_claim", "ex-2", "cc", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));
        assertThat(deliveryStatus(id, "lisi")).isEqualTo("SENT");

        Thread.sleep(1000); // several send-result polls: none may call DingTalk
        assertThat(simulator.calls(SEND_RESULT)).isEqualTo(reads);
        JsonNode usage = usage();
        assertThat(usage.path("warning").asBoolean()).isTrue();
        assertThat(usage.path("stopped").toString()).contains("FOLLOWUP").doesNotContain("NOTICE").doesNotContain("TODO");
        assertThat(usage.path("percent").asInt()).isGreaterThanOrEqualTo(86);
    }

    @Test
    void onAUsedUpQuotaANoticeWaitsAndGoesOutOnceThePlanIsRaised() throws Exception {
        employee("default", "lisi", "u_lisi");
        simulator.setMonthlyQuota(CORP, 3);
        simulator.setMonthlyCalls(CORP, 3);

        long id = outboxEvent("default", "expense_claim", "ex-3", "cc", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastError(id) != null && lastError(id).contains("90020"));
        assertThat(eventStatus(id)).isIn("NEW", "PROCESSING");
        assertThat(jdbc.queryForObject("SELECT attempts FROM proyi_doc_event WHERE id = ?", Integer.class, id)).isZero();
        assertThat(deliveryStatus(id, "lisi")).isEqualTo("FAILED");
        assertThat(usage().path("exhausted").asBoolean()).isTrue();
        assertThat(simulator.inbox("u_lisi")).isEmpty();

        // the organisation buys more calls; the admin tells the module
        simulator.setMonthlyQuota(CORP, 10_000);
        assertThat(admin().put("/api/admin/quota/plan?tenant=default&calls=10000").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));
        assertThat(deliveryStatus(id, "lisi")).isEqualTo("SENT");
        assertThat(simulator.inbox("u_lisi")).hasSize(1);
        assertThat(usage().path("exhausted").asBoolean()).isFalse();
    }

    private AdminApi admin() {
        return new AdminApi(port, "admin", "admin-pass");
    }

    private JsonNode usage() throws Exception {
        HttpResponse<String> response = new AdminApi(port, "viewer", "viewer-pass").get("/api/admin/quota");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode organisation : mapper.readTree(response.body())) {
            if (organisation.path("organisation").asText().equals(CORP)) {
                return organisation;
            }
        }
        throw new AssertionError("no " + CORP + " in " + response.body());
    }
}
