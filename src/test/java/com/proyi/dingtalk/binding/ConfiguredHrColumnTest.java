package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.proyi.dingtalk.notice.DocEvent;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import com.proyi.dingtalk.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * ProYi admins name the HR table and columns that hold the binding; the lookup route follows them.
 * Here the DingTalk id lives in hr_people.ding_id, keyed by login_name. This context does not
 * drain the outbox, so it cannot take events meant for the other test contexts.
 */
@TestPropertySource(properties = {
        "proyi.hr.table=hr_people",
        "proyi.hr.login-column=login_name",
        "proyi.hr.dingtalk-column=ding_id",
        "proyi.outbox.enabled=false"})
@DirtiesContext
class ConfiguredHrColumnTest extends ModuleIntegrationTest {

    static {
        TestDatabase.recreateOnce();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:3306/" + TestDatabase.NAME, "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS hr_people (tenant_id VARCHAR(64) NOT NULL,"
                    + " login_name VARCHAR(64) NOT NULL, ding_id VARCHAR(64), PRIMARY KEY (tenant_id, login_name))");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired ProducerTemplate camel;

    @Test
    void allRecipientsAreLookedUpInTheConfiguredColumnInOneQuery() {
        jdbc.update("DELETE FROM hr_people");
        jdbc.update("INSERT INTO hr_people VALUES ('default', 'chen', 'u_chen_custom'), ('default', 'lin', NULL),"
                + " ('acme', 'chen', 'u_chen_acme')");
        // the reference table says otherwise; it must not be consulted
        employee("default", "chen", "u_chen_reference");

        List<Map<String, Object>> bindings = lookup(event("default", List.of("chen", "lin", "nobody")));

        assertThat(bindings).extracting(row -> row.get("account") + "=" + row.get("dingtalk_userid"))
                .containsExactlyInAnyOrder("chen=u_chen_custom", "lin=null");
        assertThat(lookup(event("acme", List.of("chen"))))
                .extracting(row -> row.get("dingtalk_userid")).containsExactly("u_chen_acme");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lookup(DocEvent event) {
        return camel.send("direct:lookup-recipient-bindings", exchange -> exchange.setVariable("event", event))
                .getMessage().getBody(List.class);
    }

    private static DocEvent event(String tenant, List<String> recipients) {
        return new DocEvent(1, tenant, "purchase_order", "hr-1", "HR-1", "todo", "t", null, null, recipients,
                Map.of(), Instant.now());
    }
}
