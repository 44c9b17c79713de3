package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** status_bar/update (API.md §2.7): OA notices to at most 5 userids, within 7 days, by the sending app. */
class StatusBarUpdateTest extends SimulatorTestSupport {

    static final String UPDATE = WorkNotificationApi.STATUS_BAR_UPDATE;
    static final String OA_WITH_BAR = AsyncSendTest.OA.replace("\"body\":",
            "\"status_bar\":{\"status_value\":\"待审批\",\"status_bg\":\"0xFFF65E5E\"},\"body\":");

    private String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void keepsTheLatestValueAndColourPerTask() {
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1,u2", OA_WITH_BAR));
        assertThat(simulator.statusBar(taskId)).contains(new StatusBar("待审批", "0xFFF65E5E"));

        assertThat(update(taskId, "\"status_value\":\"已同意\",\"status_bg\":\"0xFF78C06E\"").errcode()).isZero();
        assertThat(update(taskId, "\"status_value\":\"已归档\"").errcode()).isZero();

        assertThat(simulator.statusBar(taskId)).contains(new StatusBar("已归档", "0xFF78C06E"));
        assertThat(simulator.inbox("u2")).singleElement().extracting(InboxEntry::statusBar)
                .isEqualTo(new StatusBar("已归档", "0xFF78C06E"));
    }

    @Test
    void anOaNoticeWithoutABarGetsOne() {
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", AsyncSendTest.OA));
        assertThat(simulator.statusBar(taskId)).isEmpty();

        assertThat(update(taskId, "\"status_value\":\"已处理\"").errcode()).isZero();

        assertThat(simulator.statusBar(taskId)).contains(new StatusBar("已处理", null));
    }

    @Test
    void onlyOaNotices() {
        long card = acceptedTaskId(send(token, AGENT_ID, "u1", AsyncSendTest.CARD_BUTTONS));

        Answer refused = update(card, "\"status_value\":\"已同意\"");

        assertThat(refused.errcode()).isEqualTo(40035);
        assertThat(refused.json().get("errmsg").asText()).contains("OA");
        assertThat(simulator.statusBar(card)).isEmpty();
    }

    @Test
    void notForNoticesToMoreThanFiveUsersOrToDepartments() {
        for (int i = 4; i <= 6; i++) {
            simulator.addUser(CORP, "u" + i, "user" + i);
        }
        long six = acceptedTaskId(send(token, AGENT_ID, "u1,u2,u3,u4,u5,u6", AsyncSendTest.OA));
        long dept = acceptedTaskId(postJson(SEND + "?access_token=" + token,
                "{\"agent_id\":" + AGENT_ID + ",\"dept_id_list\":\"1\",\"msg\":" + AsyncSendTest.OA + "}"));

        assertThat(update(six, "\"status_value\":\"已同意\"").errcode()).isEqualTo(41052);
        assertThat(update(dept, "\"status_value\":\"已同意\"").errcode()).isEqualTo(41052);
    }

    @Test
    void checksOwnershipParametersAndTheSevenDayWindow() {
        simulator.addApp("other-key", "other-secret", 20002, CORP);
        String other = get("/gettoken?appkey=other-key&appsecret=other-secret").json().get("access_token").asText();
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", AsyncSendTest.OA));

        assertThat(postJson(UPDATE + "?access_token=" + other, "{\"agent_id\":20002,\"task_id\":" + taskId
                + ",\"status_value\":\"x\"}").errcode()).as("another app's task").isEqualTo(40035);
        assertThat(postJson(UPDATE + "?access_token=" + token, "{\"agent_id\":20002,\"task_id\":" + taskId
                + ",\"status_value\":\"x\"}").errcode()).as("another app's agent").isEqualTo(40056);
        assertThat(update(taskId + 1000, "\"status_value\":\"x\"").errcode()).isEqualTo(40035);
        assertThat(update(taskId, "\"status_bg\":\"0xFF78C06E\"").errcode()).as("status_value is required").isEqualTo(40035);
        assertThat(update(taskId, "\"status_value\":\"x\",\"status_bg\":\"FF78C06E\"").errcode()).as("0x prefix").isEqualTo(40035);

        clock.advance(Duration.ofDays(7));
        token = token();
        assertThat(update(taskId, "\"status_value\":\"七天\"").errcode()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(update(taskId, "\"status_value\":\"太晚\"").errcode()).isEqualTo(40035);
        assertThat(simulator.statusBar(taskId)).contains(new StatusBar("七天", null));
    }

    @Test
    void notWhileSendingNorAfterARecall() {
        simulator.setSendProcessingTime(Duration.ofSeconds(5));
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", AsyncSendTest.OA));

        assertThat(update(taskId, "\"status_value\":\"早了\"").errcode()).isEqualTo(41052);

        clock.advance(Duration.ofSeconds(5));
        token = token();
        postJson(WorkNotificationApi.RECALL + "?access_token=" + token, "{\"agent_id\":" + AGENT_ID + ",\"msg_task_id\":" + taskId + "}");
        assertThat(update(taskId, "\"status_value\":\"撤回后\"").errcode()).isEqualTo(40035);
    }

    private Answer update(long taskId, String fields) {
        return postJson(UPDATE + "?access_token=" + token, "{\"agent_id\":" + AGENT_ID + ",\"task_id\":" + taskId + "," + fields + "}");
    }
}
