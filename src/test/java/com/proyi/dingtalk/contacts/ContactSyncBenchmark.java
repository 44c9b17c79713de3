package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The target: reconciling 20,000 employees of whom 1% changed costs at most one list call
 * per 100 people (one more per department for its last, partial page) plus one write call per
 * changed person. The simulator and the client run at 2,000 calls/s so that the figures show the
 * module's own cost; docs/benchmark-contacts.md also gives the time at DingTalk's 20 calls/s.
 */
@Tag("benchmark")
@DirtiesContext
@TestPropertySource(properties = {"dingtalk.rate-limit-per-second=2000", "proyi.outbox.enabled=false"})
class ContactSyncBenchmark extends ContactsTestSupport {

    private static final int EMPLOYEES = 20_000;
    private static final int DEPARTMENTS = 20;
    private static final int CHANGED = EMPLOYEES / 100;

    @Test
    void reconcileTwentyThousandEmployeesWithOnePercentChanged() throws Exception {
        simulator.setQpsLimit(2000);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < EMPLOYEES; i++) {
            rows.add(new Object[] {String.format("e%05d", i), "员工" + i, String.format("139%08d", i), "部门" + (i % DEPARTMENTS)});
        }
        jdbc.batchUpdate("INSERT INTO proyi_hr_record (tenant_id, account, name, mobile, department, title, employment_status)"
                + " VALUES ('default', ?, ?, ?, ?, '职员', 'ACTIVE')", rows);

        long initialStart = System.nanoTime();
        assertThat(tenant(sync()).path("created").asInt()).isEqualTo(EMPLOYEES);
        Duration initial = Duration.ofNanos(System.nanoTime() - initialStart);

        jdbc.update("UPDATE proyi_hr_record SET name = CONCAT(name, '（新）') WHERE MOD(CAST(SUBSTRING(account, 2) AS UNSIGNED), 100) = 0");
        simulator.reset();
        simulator.setQpsLimit(2000);
        long start = System.nanoTime();
        JsonNode report = tenant(sync());
        Duration reconcile = Duration.ofNanos(System.nanoTime() - start);

        int listCalls = simulator.calls(LIST);
        int writes = writeCalls();
        int departments = DEPARTMENTS + 1;
        assertThat(report.path("updated").asInt()).isEqualTo(CHANGED);
        assertThat(writes).isEqualTo(CHANGED);
        assertThat(listCalls).isLessThanOrEqualTo(EMPLOYEES / 100 + departments);

        // at DingTalk's 20 calls/s per API, list and update calls queue separately
        double atStandardQps = Math.max(listCalls, writes) / 20.0 + Math.min(listCalls, writes) / 20.0;
        Files.writeString(Path.of("docs/benchmark-contacts.md"), """
                # Contact sync benchmark

                `ContactSyncBenchmark` (run with `mvn -Pbenchmark verify`): %,d employees in %d ProYi departments
                (%d DingTalk departments with the portal's top department), against the simulator on a
                real port and MariaDB. Simulator and client allow 2,000 calls/s so that the figures show the
                module's own cost.

                | run | DingTalk list calls | write calls | time |
                |---|---|---|---|
                | first sync into an empty organisation | – | %,d creates + %d departments | %.1f s |
                | second sync, %d people (1%%) renamed | %d | %d | %.2f s |

                Target: at most one list call per 100 people (%d) plus one write call per changed person (%d).
                The list calls are %d full pages of 100 plus, per department, at most one partial last
                page (here only the empty top department 员工); writes are exactly one per changed person.
                Unchanged people cost no call: their hash matches what the last sync pushed.

                At DingTalk's standard 20 calls/s per API the second run needs about %.0f s of calls.
                """.formatted(EMPLOYEES, DEPARTMENTS, departments, EMPLOYEES, departments, initial.toMillis() / 1000.0,
                CHANGED, listCalls, writes, reconcile.toMillis() / 1000.0, EMPLOYEES / 100, CHANGED, EMPLOYEES / 100,
                atStandardQps));
    }
}
