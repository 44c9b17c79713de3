package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.SentMessage;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import com.proyi.dingtalk.support.TestDatabase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Notices that wait in their tenant's queue longer than their recipients' lookup stays fresh (1 s)
 * use the binding as it is when they are sent, and a long queue costs a lookup per batch, not per
 * notice. A database of its own: the cached modules of other test classes poll the shared outbox,
 * and would send these notices at their own rate.
 */
@DirtiesContext
@TestPropertySource(properties = {"dingtalk.rate-limit-per-second=5", "proyi.outbox.batch-size=50"})
class StaleBindingsTest extends ModuleIntegrationTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) {
        TestDatabase.useOwn(properties, "_stale_bindings");
    }

    @Autowired NoticeScheduler scheduler;
    @Autowired MeterRegistry registry;

    @Test
    void aQueueLongerThanBindingsStayFreshUsesABindingChangedMeanwhileAndLooksUpPerBatchNotPerEvent() {
        employee("default", "waiter", "u_old");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(outboxEvent("default", "expense_claim", "queued-" + i, "cc", "waiter", null));
        }
        scheduler.wake();
        // 30 notices at 5 a second take 6 s: most wait in the queue longer than a lookup stays fresh
        await().atMost(Duration.ofSeconds(20)).until(() -> sentTo("u_old").size() >= 3);
        double lookupsBefore = lookups();
        jdbc.update("UPDATE proyi_hr_record SET dingtalk_userid = 'u_new' WHERE account = 'waiter'");

        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> "DONE".equals(eventStatus(id))));
        assertThat(sentTo("u_new")).as("the later notices go to the binding made meanwhile").hasSizeGreaterThan(15);
        assertThat(sentTo("u_old").size() + sentTo("u_new").size()).isEqualTo(30);
        // about one lookup a second for the queue's next events, rather than one per notice sent
        assertThat(lookups() - lookupsBefore).isBetween(1.0, 12.0);
    }

    private double lookups() {
        Meter meter = registry.find("camel.exchanges.total").tag("routeId", "lookup-recipient-bindings").meter();
        assertThat(meter).as("Camel's route metrics").isNotNull();
        double count = 0;
        for (Measurement measurement : meter.measure()) {
            count += measurement.getValue();
        }
        return count;
    }

    private List<SentMessage> sentTo(String userId) {
        return simulator.sentMessages().stream().filter(sent -> sent.userIds().contains(userId)).toList();
    }
}
