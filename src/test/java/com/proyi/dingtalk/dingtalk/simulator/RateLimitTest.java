package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitTest extends SimulatorTestSupport {

    String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void the21stCallInsideOneSecondGets90018() {
        for (int i = 0; i < 20; i++) {
            assertThat(sendResult(token, 1).errcode()).as("call %d", i + 1).isEqualTo(40035);
        }

        JsonNode refused = sendResult(token, 1).json();

        assertThat(refused.get("errcode").asInt()).isEqualTo(88);
        assertThat(refused.get("sub_code").asText()).isEqualTo("90018");
        assertThat(refused.get("errmsg").asText()).startsWith("ding talk error[subcode=90018,submsg=")
                .contains("dingtalk.oapi.message.corpconversation.getsendresult");
        assertThat(simulator.rateLimitRejections()).isEqualTo(1);
        assertThat(simulator.maxCallsInAnySecond(RESULT)).isEqualTo(20);
        assertThat(simulator.calls(RESULT)).isEqualTo(21);
    }

    @Test
    void theWindowSlidesAndThrottledCallsDoNotFillIt() {
        for (int i = 0; i < 20; i++) {
            sendResult(token, 1);
        }
        clock.advance(Duration.ofMillis(999));
        assertThat(sendResult(token, 1).errcode()).isEqualTo(88);
        assertThat(sendResult(token, 1).errcode()).isEqualTo(88);

        clock.advance(Duration.ofMillis(1));
        for (int i = 0; i < 20; i++) {
            assertThat(sendResult(token, 1).errcode()).as("call %d of the next second", i + 1).isEqualTo(40035);
        }
        assertThat(simulator.rateLimitRejections()).isEqualTo(2);
        assertThat(simulator.maxCallsInAnySecond(RESULT)).isEqualTo(20);
    }

    @Test
    void thePenaltyLastsUntilTheNextWholeSecond() {
        simulator.setQpsLimit(2);
        clock.advance(Duration.ofMillis(950));
        sendResult(token, 1);                                 // t = 0.950
        clock.advance(Duration.ofMillis(150));
        sendResult(token, 1);                                 // t = 1.100
        clock.advance(Duration.ofMillis(800));
        assertThat(sendResult(token, 1).errcode()).isEqualTo(88); // t = 1.900, window full

        clock.advance(Duration.ofMillis(60));                 // t = 1.960: window has room again, penalty does not
        assertThat(sendResult(token, 1).errcode()).isEqualTo(88);
        clock.advance(Duration.ofMillis(40));                 // t = 2.000
        assertThat(sendResult(token, 1).errcode()).isEqualTo(40035);
    }

    @Test
    void limitsArePerAppAndPerApi() {
        simulator.addApp("other-key", "other-secret", 20002, CORP);
        String otherToken = get("/gettoken?appkey=other-key&appsecret=other-secret").json().get("access_token").asText();
        for (int i = 0; i < 20; i++) {
            sendResult(token, 1);
        }

        assertThat(sendResult(token, 1).errcode()).isEqualTo(88);
        assertThat(postJson(RESULT + "?access_token=" + otherToken, "{\"agent_id\":20002,\"task_id\":1}").errcode()).isEqualTo(40035);
        assertThat(send(token, AGENT_ID, "u1", text("other API")).errcode()).isZero();
    }

    @Test
    void tokenFetchingIsThrottledToo() {
        for (int i = 0; i < 19; i++) {
            token();
        }

        Answer refused = get("/gettoken?appkey=" + APP_KEY + "&appsecret=" + APP_SECRET);

        assertThat(refused.json().get("sub_code").asText()).isEqualTo("90018");
    }
}
