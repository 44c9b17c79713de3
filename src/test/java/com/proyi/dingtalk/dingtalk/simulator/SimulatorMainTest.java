package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in for benchmarks: settings from arguments or a file, and a child process that prints its URL. */
class SimulatorMainTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void argumentsConfigureAppsUsersPermissionsAndLimits() throws Exception {
        SimulatorMain.Settings settings = SimulatorMain.Settings.parse("--app=k1:s1:20001:corp1", "--app=k2:s2:20002:corp2",
                "--users=corp1:u_bench:3", "--user=corp2:boss:老板", "--grant=k1:Todo.Todo.Write,Todo.Todo.Read", "--qps=1",
                "--monthly-quota=unlimited", "--record-messages=false");

        try (DingTalkSimulator simulator = SimulatorMain.start(settings)) {
            assertThat(simulator.unionIdOf("corp1", "u_bench2")).isNotBlank();
            String v1Token = post(simulator.baseUrl() + TokenApi.ACCESS_TOKEN, "{\"appKey\":\"k1\",\"appSecret\":\"s1\"}")
                    .get("accessToken").asText();
            HttpResponse<String> query = http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1.0/todo/users/"
                            + simulator.unionIdOf("corp1", "u_bench0") + "/org/tasks/query"))
                    .header("Content-Type", "application/json").header(V1Request.TOKEN_HEADER, v1Token)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(query.statusCode()).as("Todo.Todo.Read granted: " + query.body()).isEqualTo(200);
            assertThat(simulator.unionIdOf("corp2", "boss")).isNotBlank();
            String token = get(simulator.baseUrl() + "/gettoken?appkey=k1&appsecret=s1").get("access_token").asText();
            JsonNode sent = post(simulator.baseUrl() + WorkNotificationApi.ASYNCSEND_V2 + "?access_token=" + token,
                    "{\"agent_id\":20001,\"userid_list\":\"u_bench0\",\"msg\":{\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}}");
            assertThat(sent.get("errcode").asInt()).isZero();
            assertThat(simulator.sentMessages()).as("record-messages=false").isEmpty();
            assertThat(post(simulator.baseUrl() + WorkNotificationApi.GETSENDRESULT + "?access_token=" + token,
                    "{\"agent_id\":20001,\"task_id\":" + sent.get("task_id").asLong() + "}").at("/send_result/unread_user_id_list/0").asText())
                    .isEqualTo("u_bench0");
            String result = simulator.baseUrl() + WorkNotificationApi.GETSENDRESULT + "?access_token=" + token;
            assertThat(post(result, "{}").path("sub_code").asText()).as("qps=1: the second call within a second").isEqualTo("90018");
        }
    }

    @Test
    void aPropertiesFileWorksAndArgumentsWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("simulator.properties");
        Files.writeString(file, "app.1=k1:s1:20001:corp1\napp.2=k2:s2:20002:corp1\nusers.1=corp1:p:2\nqps=1\nmonthly-quota=1\n");

        try (DingTalkSimulator simulator = SimulatorMain.start(SimulatorMain.Settings.parse("--config=" + file, "--qps=50"))) {
            assertThat(get(simulator.baseUrl() + "/gettoken?appkey=k2&appsecret=s2").get("errcode").asInt()).isZero();
            assertThat(simulator.unionIdOf("corp1", "p1")).isNotBlank();
            String token = get(simulator.baseUrl() + "/gettoken?appkey=k1&appsecret=s1").get("access_token").asText();
            String result = simulator.baseUrl() + WorkNotificationApi.GETSENDRESULT + "?access_token=" + token;
            assertThat(post(result, "{}").get("errcode").asInt()).as("qps=50 from the argument").isEqualTo(41011);
            assertThat(post(result, "{}").path("sub_code").asText()).as("monthly-quota=1 from the file").isEqualTo("90020");
        }
    }

    @Test
    void theBenchmarkFileStartsTheModuleTestApps() throws Exception {
        SimulatorMain.Settings settings = SimulatorMain.Settings.parse("--config=src/test/resources/simulator/benchmark-stand-in.properties");

        try (DingTalkSimulator simulator = SimulatorMain.start(settings)) {
            assertThat(get(simulator.baseUrl() + "/gettoken?appkey=test-app-key&appsecret=test-app-secret").get("errcode").asInt()).isZero();
            assertThat(get(simulator.baseUrl() + "/gettoken?appkey=acme-app-key&appsecret=acme-app-secret").get("errcode").asInt()).isZero();
            assertThat(simulator.unionIdOf("dingtestcorp", "u_bench999")).isNotBlank();
        }
    }

    @Test
    void aChildProcessPrintsItsUrlServesStatsAndStopsWithItsParent() throws Exception {
        SimulatorProcess child = SimulatorProcess.start("--app=k1:s1:20001:corp1", "--users=corp1:u:2");
        try {
            String token = get(child.baseUrl() + "/gettoken?appkey=k1&appsecret=s1").get("access_token").asText();
            post(child.baseUrl() + WorkNotificationApi.ASYNCSEND_V2 + "?access_token=" + token,
                    "{\"agent_id\":20001,\"userid_list\":\"u0,u1\",\"msg\":{\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}}");

            JsonNode stats = get(child.baseUrl() + "/_simulator/stats");
            assertThat(stats.at("/calls/~1gettoken").asInt()).isEqualTo(1);
            assertThat(stats.get("acceptedSends").asInt()).isEqualTo(1);
            assertThat(stats.at("/monthlyCalls/corp1").asInt()).isEqualTo(1);
            assertThat(stats.at("/maxCallsInAnySecond/~1topapi~1message~1corpconversation~1asyncsend_v2").asInt()).isEqualTo(1);
            assertThat(child.cpuTime()).isPresent();

            http.send(HttpRequest.newBuilder(URI.create(child.baseUrl() + "/_simulator/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(get(child.baseUrl() + "/_simulator/stats").get("acceptedSends").asInt()).isZero();
        } finally {
            child.close();
        }
        assertThat(ProcessHandle.of(child.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        return SimulatorTestSupport.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(String url, String json) throws IOException, InterruptedException {
        return SimulatorTestSupport.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
