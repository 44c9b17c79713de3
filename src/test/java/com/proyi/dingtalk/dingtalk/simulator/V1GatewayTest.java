package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** api.dingtalk.com's gateway: real HTTP statuses, {code, message, requestid}, the token from /v1.0/oauth2/accessToken. */
class V1GatewayTest extends SimulatorTestSupport {

    @Test
    void accessTokenAnswersTheDocumentedShapeAndTheSameTokenAsGettoken() {
        Answer answer = v1("POST", TokenApi.ACCESS_TOKEN, null, "{\"appKey\":\"" + APP_KEY + "\",\"appSecret\":\"" + APP_SECRET + "\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.requestId()).isNotBlank();
        assertThat(answer.json().get("expireIn").asLong()).isEqualTo(7200);
        assertThat(answer.json().get("accessToken").asText()).isEqualTo(token());
        assertThat(answer.json().has("errcode")).isFalse();
    }

    @Test
    void wrongCredentialsAre400InvalidClientIdOrSecret() {
        Answer answer = v1("POST", TokenApi.ACCESS_TOKEN, null, "{\"appKey\":\"" + APP_KEY + "\",\"appSecret\":\"wrong\"}");

        assertThat(answer.status()).isEqualTo(400);
        JsonNode body = answer.json();
        assertThat(body.get("code").asText()).isEqualTo("invalidClientIdOrSecret");
        assertThat(body.get("message").asText()).isEqualTo("无效的clientId或者clientSecret");
        assertThat(body.get("requestid").asText()).isEqualTo(answer.requestId());
    }

    @Test
    void aFormBodyIsNoBody() {
        Answer answer = postForm(TokenApi.ACCESS_TOKEN, Map.of("appKey", APP_KEY, "appSecret", APP_SECRET));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("Missingbody");
        assertThat(answer.json().get("message").asText()).isEqualTo("body is mandatory for this action.");
    }

    @Test
    void unknownPathsAndMethodsAre404InvalidActionNotFound() {
        Answer unknown = v1("POST", "/v1.0/todo/nothing", null, "{}");
        Answer wrongMethod = v1("GET", TokenApi.ACCESS_TOKEN, null, null);

        for (Answer answer : new Answer[] {unknown, wrongMethod}) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().get("code").asText()).isEqualTo("InvalidAction.NotFound");
        }
    }

    @Test
    void tokenFetchingIsThrottledWith403() {
        simulator.setQpsLimit(1);
        v1Token();

        Answer throttled = v1("POST", TokenApi.ACCESS_TOKEN, null, "{\"appKey\":\"" + APP_KEY + "\",\"appSecret\":\"" + APP_SECRET + "\"}");

        assertThat(throttled.status()).isEqualTo(403);
        assertThat(throttled.json().get("code").asText()).isEqualTo("Forbidden.AccessDenied.QpsLimitForAppkeyAndApi");
        assertThat(simulator.rateLimitRejections()).isEqualTo(1);
    }

    @Test
    void v1FaultsAnswerInTheV1Shape() {
        simulator.failNext(TokenApi.ACCESS_TOKEN, 1, Fault.v1Error(500, "systemBusy", "系统繁忙"));
        simulator.failNext(TokenApi.ACCESS_TOKEN, 1, Fault.rateLimited());

        Answer busy = v1("POST", TokenApi.ACCESS_TOKEN, null, "{}");
        Answer throttled = v1("POST", TokenApi.ACCESS_TOKEN, null, "{}");

        assertThat(busy.status()).isEqualTo(500);
        assertThat(busy.json().get("code").asText()).isEqualTo("systemBusy");
        assertThat(throttled.status()).isEqualTo(403);
        assertThat(throttled.json().get("code").asText()).isEqualTo("Forbidden.AccessDenied.QpsLimitForAppkeyAndApi");
        assertThat(simulator.calls("POST " + TokenApi.ACCESS_TOKEN)).isEqualTo(2);
    }
}
