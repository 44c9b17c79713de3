package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenTest extends SimulatorTestSupport {

    @Test
    void refetchWithinValidityReturnsTheSameTokenAndExtendsIt() {
        simulator.setTokenTtl(Duration.ofSeconds(10));
        String first = token();

        clock.advance(Duration.ofSeconds(6));
        Answer again = get("/gettoken?appkey=" + APP_KEY + "&appsecret=" + APP_SECRET);
        assertThat(again.json().get("access_token").asText()).isEqualTo(first);
        assertThat(again.json().get("expires_in").asLong()).isEqualTo(10);

        // 12 s after the first fetch, but only 6 s after the renewal: still valid.
        clock.advance(Duration.ofSeconds(6));
        assertThat(sendResult(first, 1).errcode()).as("task unknown, token fine").isEqualTo(40035);

        clock.advance(Duration.ofSeconds(4));
        assertThat(sendResult(first, 1).json().path("sub_code").asText()).isEqualTo("40014");
        assertThat(token()).isNotEqualTo(first);
    }

    @Test
    void answersTheDocumentedShapeWithDefaultTtl() {
        JsonNode body = get("/gettoken?appkey=" + APP_KEY + "&appsecret=" + APP_SECRET).json();

        assertThat(body.get("errcode").asInt()).isZero();
        assertThat(body.get("errmsg").asText()).isEqualTo("ok");
        assertThat(body.get("access_token").asText()).isNotBlank();
        assertThat(body.get("expires_in").asLong()).isEqualTo(7200);
    }

    @Test
    void expireAllTokensInvalidatesLiveTokens() {
        String old = token();

        simulator.expireAllTokens();

        assertThat(sendResult(old, 1).json().path("sub_code").asText()).isEqualTo("40014");
        assertThat(token()).isNotEqualTo(old);
    }

    @Test
    void refusesUnknownCredentialsAndMissingParameters() {
        assertThat(get("/gettoken?appkey=" + APP_KEY + "&appsecret=wrong").errcode()).isEqualTo(40096);
        assertThat(get("/gettoken?appkey=nobody&appsecret=" + APP_SECRET).errcode()).isEqualTo(40096);
        assertThat(get("/gettoken?appkey=" + APP_KEY).errcode()).isEqualTo(40035);
        // Credentials in a body are not read, as on the real server.
        assertThat(call(HttpRequest.newBuilder(uri("/gettoken"))
                .method("GET", HttpRequest.BodyPublishers.ofString("appkey=" + APP_KEY + "&appsecret=" + APP_SECRET))
                .header("Content-Type", "application/x-www-form-urlencoded")).errcode()).isEqualTo(40035);
    }

    @Test
    void badTokenOnTopapiGetsTheGatewayShape() {
        JsonNode body = sendResult("not-a-token", 1).json();

        assertThat(body.get("errcode").asInt()).isEqualTo(88);
        assertThat(body.get("sub_code").asText()).isEqualTo("40014");
        assertThat(body.get("sub_msg").asText()).isEqualTo("不合法的access_token");
        assertThat(body.get("errmsg").asText()).isEqualTo("ding talk error[subcode=40014,submsg=不合法的access_token]");
        assertThat(body.get("request_id").asText()).isNotBlank();
    }

    @Test
    void missingTokenIs41001() {
        assertThat(postJson(RESULT, "{\"agent_id\":" + AGENT_ID + ",\"task_id\":1}").errcode()).isEqualTo(41001);
    }

    @Test
    void tokenOnlyInTheNewApiHeaderIsBlankToOapi() {
        Answer answer = call(HttpRequest.newBuilder(uri(RESULT))
                .header("Content-Type", "application/json")
                .header("x-acs-dingtalk-access-token", token())
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(answer.errcode()).isEqualTo(88);
        assertThat(answer.json().get("sub_code").asText()).isEqualTo("40000");
    }

    @Test
    void tokenInFormBodyIsAccepted() {
        Answer answer = postForm(SEND, java.util.Map.of(
                "access_token", token(), "agent_id", String.valueOf(AGENT_ID), "userid_list", "u1", "msg", text("hi")));

        assertThat(answer.errcode()).as(answer.body()).isZero();
    }
}
