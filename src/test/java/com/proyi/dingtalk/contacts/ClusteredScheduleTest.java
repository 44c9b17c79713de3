package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two module instances on one clustered Quartz job store: every firing of a schedule runs on one
 * of them only. The pair forms its own cluster (scheduler name), so the test's main context and
 * the other tests never see its every-second trigger.
 */
class ClusteredScheduleTest extends ContactsTestSupport {

    private static final String CLUSTER = "contacts-pair";

    @Test
    void twoInstancesFireEachScheduledRunOnce() {
        try (ConfigurableApplicationContext first = startInstance();
             ConfigurableApplicationContext second = startInstance()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduledRuns() >= 5);
        }

        int runs = scheduledRuns();
        int distinctFirings = jdbc.queryForObject("SELECT COUNT(DISTINCT scheduled_fire_time) FROM dingtalk_sync_run"
                + " WHERE job = 'RESIGNATIONS' AND started_by = 'schedule'", Integer.class);
        assertThat(distinctFirings).isEqualTo(runs);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = ?", Integer.class,
                CLUSTER)).isGreaterThanOrEqualTo(1);
    }

    private int scheduledRuns() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_sync_run WHERE job = 'RESIGNATIONS'"
                + " AND started_by = 'schedule'", Integer.class);
    }

    private ConfigurableApplicationContext startInstance() {
        return startAnotherInstance("--spring.quartz.scheduler-name=" + CLUSTER,
                "--proyi.sync.resignations.cron=0/1 * * * * ?", "--proyi.outbox.enabled=false");
    }
}
