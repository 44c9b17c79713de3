package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.ProYiDingTalkApplication;
import com.proyi.dingtalk.dingtalk.simulator.Fault;
import com.proyi.dingtalk.dingtalk.simulator.SentMessage;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several module instances on one outbox, and instances that stop in the middle of a batch:
 * every (event, recipient) is delivered, and at most the calls in flight at the stop are repeated.
 */
class OutboxConcurrencyTest extends ModuleIntegrationTest {

    private static final String SEND = "/topapi/message/corpconversation/asyncsend_v2";

    @Test
    void twoInstancesOnOneOutboxDeliverEachEventAndRecipientOnce() {
        // each instance keeps its own client-side rate limit; this test is about claiming, not QPS
        simulator.setQpsLimit(1000);
        for (int i = 0; i < 20; i++) {
            employee("default", "worker" + i, "u_worker" + i);
        }
        try (ConfigurableApplicationContext second = startInstance("second", "2m")) {
            for (int e = 0; e < 200; e++) {
                outboxEvent("default", "purchase_order", "pair-" + e, "todo", "worker" + (e % 20) + ",worker" + ((e + 7) % 20), null);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE status = 'DONE'", Integer.class))
                .isEqualTo(200);
        assertThat(duplicateSends(simulator.sentMessages())).isZero();
        assertThat(simulator.sentMessages()).hasSize(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_notice_delivery WHERE status = 'SENT'", Integer.class))
                .isEqualTo(400);
    }

    @Test
    void anInstanceStoppedInTheMiddleOfABatchLosesNothing() {
        for (int i = 0; i < 10; i++) {
            employee("default", "r" + i, "u_r" + i);
        }
        simulator.failNext(SEND, 10_000, Fault.delay(Duration.ofMillis(150)));
        ConfigurableApplicationContext doomed = startInstance("doomed", "2s");
        for (int e = 0; e < 60; e++) {
            outboxEvent("default", "purchase_order", "restart-" + e, "cc", "r" + (e % 10), null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.sentMessages().size() >= 10);
        doomed.close();

        List<SentMessage> beforeStop = List.copyOf(simulator.sentMessages());
        simulator.reset();
        try (ConfigurableApplicationContext survivor = startInstance("survivor", "2s")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE status = 'DONE'", Integer.class))
                .isEqualTo(60);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_notice_delivery WHERE status = 'SENT'", Integer.class))
                .isEqualTo(60);
        List<SentMessage> all = new ArrayList<>(beforeStop);
        all.addAll(simulator.sentMessages());
        // only calls in flight when the instance stopped may repeat: at most one per worker
        assertThat(duplicateSends(all)).isLessThanOrEqualTo(8);
    }

    /** Events not yet finished, by any instance (the test's own context polls too). */
    private int pending() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE status IN ('NEW', 'PROCESSING')",
                Integer.class);
    }

    private static long duplicateSends(List<SentMessage> sentMessages) {
        Map<String, Integer> perRecipientAndDocument = new HashMap<>();
        for (SentMessage sent : sentMessages) {
            for (String user : sent.userIds()) {
                perRecipientAndDocument.merge(user + "|" + sent.msg().toString(), 1, Integer::sum);
            }
        }
        return perRecipientAndDocument.values().stream().filter(count -> count > 1).count();
    }

    private ConfigurableApplicationContext startInstance(String name, String claimTimeout) {
        return new SpringApplicationBuilder(ProYiDingTalkApplication.class)
                .profiles("test")
                .run("--server.port=0",
                        "--proyi.outbox.instance-id=" + name,
                        "--proyi.outbox.claim-timeout=" + claimTimeout,
                        "--proyi.outbox.claim-renew-interval=500ms",
                        "--proyi.outbox.batch-size=10",
                        "--camel.main.shutdown-timeout=1",
                        "--dingtalk.base-url=" + simulator.baseUrl(),
                        "--dingtalk.tenants.acme.base-url=" + simulator.baseUrl());
    }
}
