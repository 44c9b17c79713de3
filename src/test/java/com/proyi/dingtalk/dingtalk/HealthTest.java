package com.proyi.dingtalk.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** Actuator health: DingTalk per tenant, the outbox backlog, and readiness that waits for the routes. */
class HealthTest extends ModuleIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();
    @Autowired private CamelContext camel;

    @Test
    void operatorsSeeDingTalkPerTenantAndTheOutbox() throws Exception {
        JsonNode health = health(new AdminApi(port, "viewer", "viewer-pass"), "/actuator/health");

        JsonNode dingTalk = health.path("components").path("dingtalk").path("components");
        assertThat(dingTalk.path("default").path("status").asText()).isEqualTo("UP");
        assertThat(dingTalk.path("acme").path("status").asText()).isEqualTo("UP");
        JsonNode outbox = health.path("components").path("outbox");
        assertThat(outbox.path("status").asText()).isEqualTo("UP");
        assertThat(outbox.path("details").has("backlog")).isTrue();
        assertThat(outbox.path("details").has("oldestWaitingSeconds")).isTrue();
    }

    @Test
    void aTenantWhoseTokenCannotBeHadIsDownWithDingTalksErrcode() {
        DingTalkProperties properties = new DingTalkProperties();
        properties.setBaseUrl(simulator.baseUrl());
        properties.setAppKey("test-app-key");
        properties.setAppSecret("not-the-secret");
        properties.setAgentId(20001L);
        DingTalkClient freshClient = new DingTalkClient(properties, json, DingTalkCallListener.NONE, camel, 1);

        Health health = DingTalkHealth.tokenHealth(freshClient, "default");

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("errcode", 40096);
        assertThat(health.getDetails().toString()).doesNotContain("not-the-secret");
    }

    @Test
    void readinessIncludesTheRoutesAndStrangersSeeOnlyTheStatus() throws Exception {
        JsonNode readiness = health(new AdminApi(port, "viewer", "viewer-pass"), "/actuator/health/readiness");
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").path("routes").path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").has("dingtalk")).isFalse();

        JsonNode anonymous = health(new AdminApi(port, null, null), "/actuator/health");
        assertThat(anonymous.has("status")).isTrue();
        assertThat(anonymous.has("components")).isFalse();
    }

    private JsonNode health(AdminApi api, String path) throws Exception {
        HttpResponse<String> response = api.get(path);
        return json.readTree(response.body());
    }
}
