package com.proyi.dingtalk.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.proyi.dingtalk.config.ProYiSqlProbe;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Each route that runs SQL on ProYi's tables is run as it runs, against the live MariaDB schema. */
class ProYiSideChecksTest extends ModuleIntegrationTest {

    @Autowired ProYiSideChecks checks;
    @Autowired CamelContext camel;

    @Test
    void everyShippedStatementRunsOnTheReferenceSchema() {
        Map<String, CheckItem> items = check();

        assertThat(items.keySet()).contains("proyi.sql.lookup-recipient-bindings", "proyi.sql.proyi-account",
                "proyi.sql.check-password-in-database", "proyi.sql.lock-hr-dingtalk-id",
                "proyi.sql.clear-partner-dingtalk-id", "proyi.sql.read-proyi-people", "proyi.sql.find-leavers",
                "proyi.sql.claim-account-event", "proyi.sql.record-account-event-outcome");
        assertThat(items.values()).filteredOn(item -> item.key().startsWith("proyi.sql."))
                .allSatisfy(item -> assertThat(item.status()).as(item.key() + ": " + item.found()).isEqualTo(CheckStatus.OK));
        assertThat(items.get("proyi.sql.lookup-recipient-bindings").essential()).isTrue();
        assertThat(items.get("proyi.sql.proyi-account").essential()).isFalse();
    }

    @Test
    void aStatementOnATableProYiDoesNotHaveIsWrongWithTheDatabasesOwnWords() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:read-crm-contacts").routeId("read-crm-contacts").routeGroup(ProYiSqlProbe.GROUP)
                        .to("sql:SELECT account FROM crm_contacts WHERE tenant_id = :#tenant_id?outputType=SelectList");
            }
        });
        try {
            CheckItem item = check().get("proyi.sql.read-crm-contacts");

            assertThat(item.status()).isEqualTo(CheckStatus.WRONG);
            assertThat(item.essential()).isFalse();
            assertThat(item.found()).contains("crm_contacts", "doesn't exist");
            assertThat(item.fix()).contains("read-crm-contacts", "description", "docs/adapting.md");
        } finally {
            camel.getRouteController().stopRoute("read-crm-contacts");
            camel.removeRoute("read-crm-contacts");
        }
    }

    @Test
    void theProbeChangesNothing() {
        employee("default", "probe-check", "u_probe_check");

        check();

        assertThat(jdbc.queryForObject("SELECT dingtalk_userid FROM proyi_hr_record WHERE account = 'probe-check'",
                String.class)).isEqualTo("u_probe_check");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_hr_record WHERE tenant_id = ?", Integer.class,
                ProYiSqlProbe.TENANT)).isZero();
    }

    private Map<String, CheckItem> check() {
        return checks.check().stream().collect(Collectors.toMap(CheckItem::key, Function.identity()));
    }
}
