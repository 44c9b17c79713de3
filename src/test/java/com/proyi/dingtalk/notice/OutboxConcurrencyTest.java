package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.ProYiDingTalkApplication;
import com.proyi.dingtalk.dingtalk.simulator.Fault;
import com.proyi.dingtalk.dingtalk.simulator.SentMessage;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import com.proyi.dingtalk.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several module instances on one outbox, and an instance killed in the middle of a batch:
 * every (event, recipient) is delivered, and at most the calls in flight at the kill are repeated.
 */
// stops this context's outbox poll and starts other instances in the JVM: later test classes get a fresh context
@DirtiesContext
class OutboxConcurrencyTest extends ModuleIntegrationTest {

    @Autowired CamelContext camel;

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
    void anInstanceKilledInTheMiddleOfABatchLosesNothing() throws Exception {
        for (int i = 0; i < 10; i++) {
            employee("default", "r" + i, "u_r" + i);
        }
        simulator.failNext(SEND, 10_000, Fault.delay(Duration.ofMillis(150)));
        // this test's own context stays out of the way, so the doomed instance takes the events
        camel.getRouteController().stopRoute("notice-outbox-poll");
        Process doomed = startProcess("doomed");
        try {
            for (int e = 0; e < 60; e++) {
                outboxEvent("default", "purchase_order", "restart-" + e, "cc", "r" + (e % 10), null);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> simulator.sentMessages().size() >= 10);
        } finally {
            doomed.destroyForcibly().waitFor();   // kill -9: no shutdown hooks, calls in flight are cut
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE claimed_by = 'doomed'", Integer.class))
                .as("events the killed instance held").isPositive();

        List<SentMessage> beforeKill = List.copyOf(simulator.sentMessages());
        simulator.reset();
        try (ConfigurableApplicationContext survivor = startInstance("survivor", "2s")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
        } finally {
            camel.getRouteController().startRoute("notice-outbox-poll");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE status = 'DONE'", Integer.class))
                .isEqualTo(60);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_notice_delivery WHERE status = 'SENT'", Integer.class))
                .isEqualTo(60);
        List<SentMessage> all = new ArrayList<>(beforeKill);
        all.addAll(simulator.sentMessages());
        // only calls in flight when the process died may repeat: at most one per worker (8)
        assertThat(duplicateSends(all)).isLessThanOrEqualTo(8);
    }

    /** The module in a JVM of its own, on the test classpath, so that it can really be killed. */
    private Process startProcess(String name) throws Exception {
        Path log = Path.of("target", name + "-instance.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dproyi.test.database=" + TestDatabase.NAME, "-cp", System.getProperty("java.class.path"),
                ProYiDingTalkApplication.class.getName()));
        command.addAll(List.of(anotherInstanceArguments(outboxSettings(name, "2s"))));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // an instance left running would drain the next tests' outbox against a simulator that is gone
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> !process.isAlive() || Files.readString(log).contains("Started "));
            assertThat(process.isAlive()).as("the instance started; see " + log).isTrue();
        } catch (RuntimeException | AssertionError e) {
            process.destroyForcibly().waitFor();
            throw e;
        }
        return process;
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
        return startAnotherInstance(outboxSettings(name, claimTimeout));
    }

    private static String[] outboxSettings(String name, String claimTimeout) {
        return new String[] {"--proyi.outbox.instance-id=" + name, "--proyi.outbox.claim-timeout=" + claimTimeout,
                "--proyi.outbox.claim-renew-interval=500ms", "--proyi.outbox.batch-size=10"};
    }
}
