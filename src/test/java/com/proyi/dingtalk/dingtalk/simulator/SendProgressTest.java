package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** getsendprogress (API.md §2.5): {progress_in_percent, status 0/1/2}, only for the sender's own tasks. */
class SendProgressTest extends SimulatorTestSupport {

    static final String PROGRESS = WorkNotificationApi.GETSENDPROGRESS;

    private String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void aTaskIsDoneAtOnceByDefault() {
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));

        JsonNode progress = progress(AGENT_ID, taskId).json().get("progress");

        assertThat(progress.get("progress_in_percent").asInt()).isEqualTo(100);
        assertThat(progress.get("status").asInt()).isEqualTo(2);
    }

    @Test
    void aSlowSendIsInProgressUntilItsProcessingTimeHasPassed() {
        simulator.setSendProcessingTime(Duration.ofSeconds(4));
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));
        clock.advance(Duration.ofSeconds(1));

        JsonNode during = progress(AGENT_ID, taskId).json().get("progress");
        assertThat(during.get("status").asInt()).isEqualTo(1);
        assertThat(during.get("progress_in_percent").asInt()).isEqualTo(25);

        clock.advance(Duration.ofSeconds(3));
        assertThat(progress(AGENT_ID, taskId).json().at("/progress/status").asInt()).isEqualTo(2);
    }

    @Test
    void wrongAgentUnknownTaskOrOldTaskIs40035() {
        simulator.addApp("other-key", "other-secret", 20002, CORP);
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));

        assertThat(progress(20002, taskId).errcode()).isEqualTo(40035);
        assertThat(progress(AGENT_ID, taskId + 1000).errcode()).isEqualTo(40035);
        assertThat(postJson(PROGRESS + "?access_token=" + token, "{\"agent_id\":" + AGENT_ID + "}").errcode()).isEqualTo(40035);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        token = token();
        assertThat(progress(AGENT_ID, taskId).errcode()).isEqualTo(40035);
    }

    private Answer progress(long agentId, long taskId) {
        return postJson(PROGRESS + "?access_token=" + token, "{\"agent_id\":" + agentId + ",\"task_id\":" + taskId + "}");
    }
}
