package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each organisation's calls per natural month, as API.md §8.3 counts them. */
class MonthlyQuotaTest extends SimulatorTestSupport {

    private String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void theStandardPlanIs5000CallsAndTheNextOneIs90020() {
        simulator.setMonthlyCalls(CORP, MonthlyQuota.STANDARD_PLAN - 1);

        acceptedTaskId(send(token, AGENT_ID, "u1", text("最后一次")));
        JsonNode refused = send(token, AGENT_ID, "u2", text("超额")).json();

        assertThat(refused.get("errcode").asInt()).isEqualTo(88);
        assertThat(refused.get("sub_code").asText()).isEqualTo("90020");
        assertThat(refused.get("errmsg").asText()).startsWith("ding talk error[subcode=90020,").contains("5000");
        assertThat(simulator.monthlyCalls(CORP)).as("a refused call is not counted").isEqualTo(5000);
        assertThat(simulator.inbox("u2")).isEmpty();
    }

    @Test
    void countsNoticeCallsButNotTheExemptOnes() {
        simulator.contacts().addUser(CORP, "c1", "通讯录", "13800000001", List.of(1L));
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));
        sendResult(token, taskId);
        assertThat(sendResult(token, 424242).errcode()).as("a failed call counts too").isEqualTo(40035);
        postJson(ContactsApi.USER_GET + "?access_token=" + token, "{\"userid\":\"c1\"}");
        postJson(ContactsApi.USER_LIST + "?access_token=" + token, "{\"dept_id\":1,\"cursor\":0,\"size\":10}");
        postJson(FreeLoginApi.GETUSERINFO + "?access_token=" + token, "{\"code\":\"" + simulator.issueAuthCode(APP_KEY, "u1") + "\"}");
        get(JsapiTicketApi.GET_JSAPI_TICKET + "?access_token=" + token);
        get(AuthScopesApi.AUTH_SCOPES + "?access_token=" + token);
        token();
        v1Token();

        assertThat(simulator.monthlyCalls(CORP)).isEqualTo(3);
    }

    @Test
    void throttledCallsAndCallsWithoutAValidTokenAreNotCounted() {
        simulator.setQpsLimit(2);
        for (int i = 0; i < 5; i++) {
            sendResult(token, 1);
        }
        sendResult("not-a-token", 1);

        assertThat(simulator.rateLimitRejections()).isEqualTo(3);
        assertThat(simulator.monthlyCalls(CORP)).isEqualTo(2);
    }

    @Test
    void allAppsOfAnOrganisationShareItsQuotaAndOtherOrganisationsHaveTheirOwn() {
        simulator.addApp("second-key", "second-secret", 20002, CORP);
        simulator.addApp("other-org-key", "other-org-secret", 30003, "other-corp");
        simulator.setMonthlyQuota(CORP, 1);
        String second = get("/gettoken?appkey=second-key&appsecret=second-secret").json().get("access_token").asText();
        String otherOrg = get("/gettoken?appkey=other-org-key&appsecret=other-org-secret").json().get("access_token").asText();

        acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));

        assertThat(postJson(RESULT + "?access_token=" + second, "{\"agent_id\":20002,\"task_id\":1}").json().path("sub_code").asText())
                .isEqualTo("90020");
        assertThat(postJson(RESULT + "?access_token=" + otherOrg, "{\"agent_id\":30003,\"task_id\":1}").errcode()).isEqualTo(40035);
        assertThat(simulator.monthlyCalls("other-corp")).isEqualTo(1);
    }

    @Test
    void theBudgetIsWholeAgainWhenTheChinaMonthTurns() {
        clock.set(Instant.parse("2025-03-31T15:59:00Z")); // 23:59 on 31 March in China
        token = token();
        simulator.setMonthlyQuota(CORP, 1);
        acceptedTaskId(send(token, AGENT_ID, "u1", text("三月")));
        assertThat(send(token, AGENT_ID, "u1", text("还是三月")).json().path("sub_code").asText()).isEqualTo("90020");
        assertThat(simulator.quotaMonth()).isEqualTo(YearMonth.of(2025, 3));

        clock.advance(Duration.ofMinutes(1));

        assertThat(simulator.quotaMonth()).isEqualTo(YearMonth.of(2025, 4));
        assertThat(simulator.monthlyCalls(CORP)).isZero();
        acceptedTaskId(send(token, AGENT_ID, "u1", text("四月")));
    }

    @Test
    void testsCanTurnTheMonthRaiseThePlanAndLiftTheLimit() {
        simulator.setMonthlyQuota(CORP, 1);
        acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));

        simulator.startNextQuotaMonth();
        assertThat(simulator.quotaMonth()).isEqualTo(YearMonth.of(2025, 4));
        acceptedTaskId(send(token, AGENT_ID, "u1", text("b")));

        simulator.setMonthlyQuota(CORP, Long.MAX_VALUE);
        acceptedTaskId(send(token, AGENT_ID, "u1", text("c")));
        assertThat(simulator.monthlyCalls(CORP)).isEqualTo(2);
    }

    @Test
    void resetForgetsTheCountButKeepsThePlan() {
        simulator.setMonthlyQuota(CORP, 1);
        acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));

        simulator.reset();

        assertThat(simulator.monthlyCalls(CORP)).isZero();
        acceptedTaskId(send(token, AGENT_ID, "u1", text("b")));
        assertThat(send(token, AGENT_ID, "u1", text("c")).json().path("sub_code").asText()).isEqualTo("90020");
    }
}
