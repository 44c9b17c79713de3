package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh simulator per test on a free port, a hand-driven clock and a plain JDK HTTP client. */
abstract class SimulatorTestSupport {

    static final String CORP = "dingcorp1";
    static final String APP_KEY = "app-key-1";
    static final String APP_SECRET = "app-secret-1";
    static final long AGENT_ID = 10001;
    static final String SEND = WorkNotificationApi.ASYNCSEND_V2;
    static final String RESULT = WorkNotificationApi.GETSENDRESULT;
    /** 10:00 in China; far from the day boundary unless a test moves there on purpose. */
    static final Instant START = Instant.parse("2025-03-10T02:00:00Z");

    static final ObjectMapper MAPPER = new ObjectMapper();

    final MutableClock clock = new MutableClock(START);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    DingTalkSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = DingTalkSimulator.start("127.0.0.1", 0, clock);
        simulator.addApp(APP_KEY, APP_SECRET, AGENT_ID, CORP);
        simulator.addUser(CORP, "u1", "张三");
        simulator.addUser(CORP, "u2", "李四");
        simulator.addUser(CORP, "u3", "王五");
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    /** {@code requestId} is the {@code x-acs-request-id} header, which api.dingtalk.com sends. */
    record Answer(int status, String contentType, String body, String requestId) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        int errcode() {
            return json().path("errcode").asInt(Integer.MIN_VALUE);
        }
    }

    Answer get(String pathAndQuery) {
        return call(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    Answer postJson(String pathAndQuery, String json) {
        return call(HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer postForm(String pathAndQuery, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return call(HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers().firstValue("x-acs-request-id").orElse(null));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create(simulator.baseUrl() + pathAndQuery);
    }

    /** An api.dingtalk.com call: the token in the x-acs-dingtalk-access-token header, {@code json} (may be null) as the body. */
    Answer v1(String method, String pathAndQuery, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("x-acs-dingtalk-access-token", token);
        }
        return call(request);
    }

    /** The app's token from POST /v1.0/oauth2/accessToken. */
    String v1Token() {
        Answer answer = v1("POST", TokenApi.ACCESS_TOKEN, null, "{\"appKey\":\"" + APP_KEY + "\",\"appSecret\":\"" + APP_SECRET + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("accessToken").asText();
    }

    String token() {
        Answer answer = get("/gettoken?appkey=" + APP_KEY + "&appsecret=" + APP_SECRET);
        assertThat(answer.errcode()).as(answer.body()).isZero();
        return answer.json().get("access_token").asText();
    }

    /** asyncsend_v2 with a JSON body; {@code msg} is JSON text. */
    Answer send(String token, long agentId, String userIds, String msg) {
        ObjectNode body = MAPPER.createObjectNode().put("agent_id", agentId).put("userid_list", userIds);
        body.set("msg", readTree(msg));
        return postJson(SEND + "?access_token=" + token, body.toString());
    }

    Answer sendResult(String token, long taskId) {
        return postJson(RESULT + "?access_token=" + token, "{\"agent_id\":" + AGENT_ID + ",\"task_id\":" + taskId + "}");
    }

    long acceptedTaskId(Answer answer) {
        assertThat(answer.errcode()).as(answer.body()).isZero();
        assertThat(answer.json().get("task_id").isIntegralNumber()).isTrue();
        return answer.json().get("task_id").asLong();
    }

    static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String text(String content) {
        return "{\"msgtype\":\"text\",\"text\":{\"content\":" + quote(content) + "}}";
    }

    static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
