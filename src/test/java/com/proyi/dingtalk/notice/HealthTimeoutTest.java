package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import com.proyi.dingtalk.support.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** /actuator/health answers DOWN within proyi.ops.health-timeout while the database does not answer. */
class HealthTimeoutTest extends ModuleIntegrationTest {

    @Test
    void aDatabaseThatDoesNotAnswerMakesHealthDownInTime() throws Exception {
        AdminApi viewer = new AdminApi(port, "viewer", "viewer-pass");
        try (Connection locker = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + TestDatabase.NAME
                + "?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
             Statement statement = locker.createStatement()) {
            // the outbox statistics now wait for the lock, as they would for a frozen database
            statement.execute("LOCK TABLES proyi_doc_event WRITE");
            try {
                for (int call = 0; call < 2; call++) {
                    long began = System.nanoTime();
                    HttpResponse<String> response = viewer.get("/actuator/health");
                    Duration took = Duration.ofNanos(System.nanoTime() - began);

                    // the 2 s timeout plus the other components, on a busy machine; without the timeout
                    // the call would wait as long as the lock is held
                    assertThat(took).as("call %d", call).isLessThan(Duration.ofSeconds(8));
                    assertThat(response.statusCode()).isEqualTo(503);
                    JsonNode outbox = new ObjectMapper().readTree(response.body()).path("components").path("outbox");
                    assertThat(outbox.path("status").asText()).isEqualTo("DOWN");
                    assertThat(outbox.path("details").path("error").asText()).contains("no answer within 2000 ms");
                }
            } finally {
                statement.execute("UNLOCK TABLES");
            }
        }
    }
}
