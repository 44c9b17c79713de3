package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest extends SimulatorTestSupport {

    String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void errcodeFaultsAnswerInsteadOfTheApiForTheGivenNumberOfCalls() {
        simulator.failNext(SEND, 2, Fault.errcode(-1, "系统繁忙"));

        for (int i = 0; i < 2; i++) {
            Answer busy = send(token, AGENT_ID, "u1", text("a"));
            assertThat(busy.status()).isEqualTo(200);
            assertThat(busy.json().get("errcode").asInt()).isEqualTo(-1);
            assertThat(busy.json().get("errmsg").asText()).isEqualTo("系统繁忙");
        }
        acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));

        assertThat(simulator.sentMessages()).hasSize(1);
        assertThat(simulator.calls(SEND)).isEqualTo(3);
    }

    @Test
    void gatewayCodesComeBackAs88WithSubCode() {
        simulator.failNext(SEND, 1, Fault.errcode(40014, "不合法的access_token"));
        simulator.failNext(SEND, 1, Fault.errcode(90018, "限流"));

        JsonNode invalidToken = send(token, AGENT_ID, "u1", text("a")).json();
        JsonNode throttled = send(token, AGENT_ID, "u1", text("a")).json();

        assertThat(invalidToken.get("errcode").asInt()).isEqualTo(88);
        assertThat(invalidToken.get("sub_code").asText()).isEqualTo("40014");
        assertThat(throttled.get("sub_code").asText()).isEqualTo("90018");
        assertThat(simulator.rateLimitRejections()).isEqualTo(1);
    }

    @Test
    void rateLimitedFaultIsTheReal90018Body() {
        simulator.failNext(SEND, 1, Fault.rateLimited());

        JsonNode body = send(token, AGENT_ID, "u1", text("a")).json();

        assertThat(body.get("errcode").asInt()).isEqualTo(88);
        assertThat(body.get("sub_code").asText()).isEqualTo("90018");
        assertThat(body.get("errmsg").asText()).startsWith("ding talk error[subcode=90018,");
        assertThat(body.get("request_id").asText()).isNotBlank();
        assertThat(simulator.rateLimitRejections()).isEqualTo(1);
        assertThat(simulator.sentMessages()).isEmpty();
    }

    @Test
    void httpStatusFaultIsABareServerError() {
        simulator.failNext(SEND, 1, Fault.httpStatus(500));

        Answer answer = send(token, AGENT_ID, "u1", text("a"));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(simulator.sentMessages()).isEmpty();
        acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));
    }

    @Test
    void delayedAnswersTimeOutClientsWhileTheSendStillHappens() throws Exception {
        simulator.failNext(SEND, 2, Fault.delay(Duration.ofMillis(400)));
        HttpRequest request = HttpRequest.newBuilder(uri(SEND + "?access_token=" + token))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMillis(100))
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent_id\":" + AGENT_ID + ",\"userid_list\":\"u1\",\"msg\":" + text("慢") + "}"))
                .build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        // The server did the work; only the answer was late. A blind retry would be a duplicate.
        assertThat(simulator.sentMessages()).hasSize(1);

        long started = System.nanoTime();
        Answer late = send(token, AGENT_ID, "u2", text("慢"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        acceptedTaskId(late);
    }

    @Test
    void delayHoldsNoWorkerSoOtherCallsStayFast() {
        simulator.failNext(SEND, 20, Fault.delay(Duration.ofSeconds(2)));
        for (int i = 0; i < 20; i++) {
            http.sendAsync(HttpRequest.newBuilder(uri(SEND + "?access_token=" + token)).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        await().atMost(Duration.ofSeconds(1)).until(() -> simulator.calls(SEND) == 20);

        long started = System.nanoTime();
        assertThat(sendResult(token, 1).errcode()).isEqualTo(40035);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void faultsAreRejectedWhenNonsensical() {
        assertThatThrownBy(() -> Fault.httpStatus(200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulator.failNext(SEND, 0, Fault.rateLimited())).isInstanceOf(IllegalArgumentException.class);
    }
}
