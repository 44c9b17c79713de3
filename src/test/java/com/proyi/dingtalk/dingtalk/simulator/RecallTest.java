package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** recall (API.md §2.6): by msg_task_id, within 24 hours, by the sending app only; every refusal is 400002. */
class RecallTest extends SimulatorTestSupport {

    static final String RECALL = WorkNotificationApi.RECALL;

    private String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void recallMarksEveryRecipientsNoticeRecalled() {
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1,u2", text("发错了")));

        Answer answer = recall(AGENT_ID, taskId);

        assertThat(answer.errcode()).as(answer.body()).isZero();
        assertThat(simulator.isRecalled(taskId)).isTrue();
        assertThat(simulator.inbox("u1")).singleElement().extracting(InboxEntry::recalled).isEqualTo(true);
        assertThat(simulator.inbox("u2")).singleElement().extracting(InboxEntry::recalled).isEqualTo(true);
        assertThatThrownBy(() -> simulator.markRead("u1", taskId)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void taskIdInsteadOfMsgTaskIdIsAWrongId() {
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));

        Answer answer = postJson(RECALL + "?access_token=" + token, "{\"agent_id\":" + AGENT_ID + ",\"task_id\":" + taskId + "}");

        assertThat(answer.errcode()).isEqualTo(400002);
        assertThat(answer.json().get("errmsg").asText()).contains("msg_task_id");
        assertThat(simulator.isRecalled(taskId)).isFalse();
    }

    @Test
    void onlyTheSendingAppWithItsOwnAgentMayRecallWithin24Hours() {
        simulator.addApp("other-key", "other-secret", 20002, CORP);
        String other = get("/gettoken?appkey=other-key&appsecret=other-secret").json().get("access_token").asText();
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));

        assertThat(postJson(RECALL + "?access_token=" + other, "{\"agent_id\":20002,\"msg_task_id\":" + taskId + "}").errcode())
                .isEqualTo(400002);
        assertThat(recall(20002, taskId).errcode()).isEqualTo(400002);
        assertThat(recall(AGENT_ID, taskId + 1000).errcode()).isEqualTo(400002);
        assertThat(postJson(RECALL + "?access_token=" + token, "{\"msg_task_id\":" + taskId + "}").errcode()).isEqualTo(400002);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        token = token();
        assertThat(recall(AGENT_ID, taskId).errcode()).isEqualTo(400002);
        assertThat(simulator.isRecalled(taskId)).isFalse();
    }

    private Answer recall(long agentId, long taskId) {
        return postJson(RECALL + "?access_token=" + token, "{\"agent_id\":" + agentId + ",\"msg_task_id\":" + taskId + "}");
    }
}
