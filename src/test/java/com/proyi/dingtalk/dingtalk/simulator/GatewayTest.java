package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class GatewayTest extends SimulatorTestSupport {

    @Test
    void publicStartPicksAFreePortReachableThroughLoopback() {
        try (DingTalkSimulator onWildcard = DingTalkSimulator.start("0.0.0.0", 0)) {
            assertThat(onWildcard.port()).isPositive();
            assertThat(onWildcard.baseUrl()).isEqualTo("http://127.0.0.1:" + onWildcard.port());
        }
    }

    @Test
    void unknownPathIsErrcode22WithTheDerivedApiName() {
        JsonNode body = postJson("/topapi/v2/user/notexist?access_token=whatever", "{}").json();

        assertThat(body.get("errcode").asInt()).isEqualTo(22);
        assertThat(body.get("errmsg").asText()).isEqualTo("Invalid method[dingtalk.oapi.v2.user.notexist]");
        assertThat(body.get("sub_msg").asText()).contains("dingtalk.oapi.v2.user.notexist");
    }

    @Test
    void wrongMethodIsRefused() {
        assertThat(get(SEND + "?access_token=" + token()).errcode()).isEqualTo(43002);
        assertThat(postJson("/gettoken?appkey=" + APP_KEY + "&appsecret=" + APP_SECRET, "{}").errcode()).isEqualTo(43001);
    }

    @Test
    void unsupportedContentTypeIs43004() {
        Answer answer = call(HttpRequest.newBuilder(uri(SEND + "?access_token=" + token()))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("agent_id=1")));

        assertThat(answer.errcode()).isEqualTo(43004);
    }

    @Test
    void malformedJsonBodyIsAPermanentParameterError() {
        assertThat(postJson(SEND + "?access_token=" + token(), "{\"agent_id\":").errcode()).isEqualTo(40035);
    }

    @Test
    void countsEveryCallPerPathIncludingRejectedOnes() {
        String token = token();
        send(token, AGENT_ID, "u1", text("a"));
        send("bad", AGENT_ID, "u1", text("a"));
        send(token, 999, "u1", text("a"));

        assertThat(simulator.calls(SEND)).isEqualTo(3);
        assertThat(simulator.calls("/gettoken")).isEqualTo(1);
        assertThat(simulator.calls(RESULT)).isZero();
    }

    @Test
    void resetForgetsMessagesAndCountersButKeepsAppsUsersAndTokens() {
        String token = token();
        acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));
        simulator.failNext(SEND, 1, Fault.httpStatus(500));

        simulator.reset();

        assertThat(simulator.sentMessages()).isEmpty();
        assertThat(simulator.inboxes()).isEmpty();
        assertThat(simulator.calls(SEND)).isZero();
        // same token still works, the queued fault is gone and the same content is new again
        acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));
        assertThat(simulator.inbox("u1")).hasSize(1);
    }
}
