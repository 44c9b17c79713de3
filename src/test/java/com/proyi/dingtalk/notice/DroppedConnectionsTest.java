package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.SentMessage;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import com.proyi.dingtalk.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The database server ends the module's connections again and again while it drains the outbox (as
 * a failover, a proxy, a DBA or wait_timeout does): every (event, recipient) still reaches DingTalk
 * exactly once, and no event is left claimed.
 */
@DirtiesContext
@TestPropertySource(properties = {"proyi.outbox.claim-timeout=10s", "proyi.outbox.claim-renew-interval=1s",
        "proyi.outbox.max-attempts=50", "proyi.outbox.batch-size=20"})
class DroppedConnectionsTest extends ModuleIntegrationTest {

    private static final int EVENTS = 100;

    @Test
    void connectionsKilledDuringADrainLoseNothingAndSendNothingTwice() throws Exception {
        simulator.setQpsLimit(1000);
        for (int i = 0; i < 20; i++) {
            employee("default", "k" + i, "u_k" + i);
        }
        for (int e = 0; e < EVENTS; e++) {
            outboxEvent("default", "expense_claim", "kill-" + e, "cc", "k" + (e % 20) + ",k" + ((e + 3) % 20), null);
        }

        AtomicBoolean draining = new AtomicBoolean(true);
        AtomicInteger killed = new AtomicInteger();
        Thread killer = new Thread(() -> killConnectionsWhile(draining, killed), "connection-killer");
        killer.start();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> simulator.sentMessages().size() >= EVENTS / 2);
        } finally {
            draining.set(false);
            killer.join();
        }
        assertThat(killed.get()).as("connections killed during the drain").isGreaterThanOrEqualTo(5);

        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM proyi_doc_event WHERE status IN ('NEW', 'PROCESSING')", Integer.class) == 0);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE status = 'DONE'", Integer.class))
                .isEqualTo(EVENTS);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_notice_delivery WHERE status = 'SENT'",
                Integer.class)).isEqualTo(EVENTS * 2);
        Map<String, Integer> sends = sendsPerRecipientAndDocument(simulator.sentMessages());
        assertThat(sends).hasSize(EVENTS * 2);
        assertThat(sends.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("notices sent twice").isEmpty();
    }

    /** KILLs every connection of the module's database (all but its own) every second. */
    private static void killConnectionsWhile(AtomicBoolean draining, AtomicInteger killed) {
        try (Connection admin = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:3306/?useSSL=false&allowPublicKeyRetrieval=true", "root", "")) {
            while (draining.get()) {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement select = admin.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST"
                        + " WHERE DB = ? AND ID <> CONNECTION_ID()")) {
                    select.setString(1, TestDatabase.NAME);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                }
                try (Statement kill = admin.createStatement()) {
                    for (long id : ids) {
                        try {
                            kill.execute("KILL " + id);
                            killed.incrementAndGet();
                        } catch (SQLException gone) {
                            // ended by itself meanwhile
                        }
                    }
                }
                Thread.sleep(1000);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Integer> sendsPerRecipientAndDocument(List<SentMessage> sentMessages) {
        Map<String, Integer> sends = new HashMap<>();
        for (SentMessage sent : sentMessages) {
            for (String user : sent.userIds()) {
                sends.merge(user + "|" + sent.msg().toString(), 1, Integer::sum);
            }
        }
        return sends;
    }
}
