package com.proyi.dingtalk.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.ProYiDingTalkApplication;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Who waits when a DingTalk app is at its cap (20 calls/s in the module and in the stand-in, which
 * answers 90018 beyond it): another tenant, a todo behind a bulk of copies, and two instances
 * sharing one app. Default settings otherwise.
 */
@Tag("benchmark")
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {"proyi.outbox.poll-interval=100ms", "logging.level.com.proyi.dingtalk=WARN"})
class NoticeFairnessBenchmark extends StandInBenchmarkSupport {

    private static final List<String> ROWS = Collections.synchronizedList(new ArrayList<>());
    private static final int BACKLOG = scaled(2_000);

    @Test
    @Order(1)
    void anotherTenantWhileOneDrainsABacklogAtItsCap() throws Exception {
        employees();
        for (int i = 0; i < 20; i++) {
            employee("acme", "bench" + i, "u_bench" + i);
        }
        clearOutbox();
        resetStandIn(20);
        queueAndRelease("default", "cc", BACKLOG, "noisy");
        await().atMost(Duration.ofSeconds(30)).until(() -> sent("default") >= 40);
        int bEvents = Math.max(5, Math.min(30, BACKLOG / 20 - 5));
        Instant from = Instant.now();
        Map<String, Instant> raised = new HashMap<>();
        for (int i = 0; i < bEvents; i++) {
            jdbc.update("INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, recipients)"
                    + " VALUES ('acme', 'expense_claim', ?, ?, 'cc', '租户B', ?)", "b-" + i, "b-" + i, "bench" + (i % 20));
            raised.put("b-" + i, Instant.now());
            Thread.sleep(1000);
        }
        await().atMost(Duration.ofMinutes(5)).until(() -> pending("acme") == 0);
        Instant to = Instant.now();
        Map<String, Arrival> arrivals = arrivals();
        // A's calls come as bursts of 20 once a sliding second lets them (20 in ~130 ms, then ~880 ms of
        // none), so calls / window under-counts by up to a burst when the window ends between two: the
        // rate is taken from A's 20th call in the window to its last, a whole number of bursts apart
        List<Long> aMeanwhile = arrivals.values().stream().filter(arrival -> arrival.appKey().equals("test-app-key")
                && !arrival.at().isBefore(from) && arrival.at().isBefore(to)).map(arrival -> arrival.at().toEpochMilli())
                .sorted().toList();
        double aRate = aMeanwhile.size() <= 20 ? aMeanwhile.size() * 1000.0 / Duration.between(from, to).toMillis()
                : (aMeanwhile.size() - 20) * 1000.0 / (aMeanwhile.get(aMeanwhile.size() - 1) - aMeanwhile.get(19));
        List<Long> b = latencies(raised, arrivals);
        ROWS.add(String.format(Locale.ROOT, "| tenant A drains %,d queued notices at its cap of 20 calls/s; tenant B raises one a second "
                        + "| %d notices of B | B: p50 **%d ms**, p99 **%d ms**, max %d ms; A meanwhile **%.2f calls/s** "
                        + "| B p99 ≤ 1 s, A ≥ 19.5 calls/s |", BACKLOG, b.size(), percentile(b, 50), percentile(b, 99),
                b.get(b.size() - 1), aRate));
        await().atMost(Duration.ofMinutes(5)).until(() -> pending("default") == 0);
    }

    @Test
    @Order(2)
    void aTodoBehindABulkOfCopies() throws Exception {
        employees();
        clearOutbox();
        resetStandIn(20);
        queueAndRelease("default", "cc", BACKLOG, "bulk");
        await().atMost(Duration.ofSeconds(30)).until(() -> sent("default") >= 40);
        jdbc.update("INSERT INTO proyi_doc_event (doc_type, doc_id, doc_no, action, title, recipients)"
                + " VALUES ('expense_claim', 'urgent', 'urgent', 'todo', '待审批', 'bench7')");
        Map<String, Instant> raised = Map.of("urgent", Instant.now());
        await().atMost(Duration.ofMinutes(5)).until(() -> pendingTodo() == 0);
        List<Long> todo = latencies(raised, arrivals());
        long copiesLeft = pending("default");
        ROWS.add(String.format(Locale.ROOT, "| a `todo` raised behind %,d queued `cc` of the same tenant (cap 20 calls/s) "
                + "| 1 todo | **%d ms**, with %,d copies still waiting | ≤ 2 s |", BACKLOG, todo.get(0), copiesLeft));
        await().atMost(Duration.ofMinutes(5)).until(() -> pending("default") == 0);
    }

    @Test
    @Order(3)
    void twoInstancesShareTheCap() throws Exception {
        employees();
        clearOutbox();
        resetStandIn(20);
        int events = scaled(1_000);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ProYiDingTalkApplication.class).run(
                "--spring.profiles.active=test", "--server.port=0", "--camel.main.shutdown-timeout=1",
                "--dingtalk.base-url=" + STAND_IN.baseUrl(), "--dingtalk.tenants.acme.base-url=" + STAND_IN.baseUrl(),
                "--proyi.outbox.instance-id=second", "--proyi.outbox.poll-interval=100ms",
                "--logging.level.com.proyi.dingtalk=WARN")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_instance_lease"
                    + " WHERE instance_id = 'second' AND joined_at < CURRENT_TIMESTAMP(3) - INTERVAL 2 SECOND", Integer.class) == 1);
            queueAndRelease("default", "cc", events, "pair");
            Instant start = Instant.now();
            await().atMost(Duration.ofMinutes(10)).until(() -> done() == events);
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            JsonNode stats = standInStats();
            List<String> leases = jdbc.queryForList("SELECT DISTINCT instance_id FROM dingtalk_instance_lease", String.class);
            ROWS.add(String.format(Locale.ROOT, "| two instances, default settings, %,d queued notices of one app capped at 20 calls/s "
                            + "| %,d calls in %.1f s, %d instances leased | **%.2f calls/s** together, **%d × 90018** "
                            + "| ≥ 19 calls/s, 0 × 90018 |", events, stats.path("acceptedSends").asInt(), seconds, leases.size(),
                    events / seconds, stats.path("rateLimitRejections").asInt()));
        }
    }

    @AfterAll
    static void report() throws Exception {
        BenchmarkReport.section("Fair scheduling at the DingTalk cap",
                "One module instance (two in the last row) with default settings: 8 workers, poll every 100 ms,"
                        + " 20 calls/s per app; the DingTalk stand-in runs in a JVM of its own and enforces the same 20"
                        + " calls/s. Latency is from the event's insert committed to its call arriving at the stand-in, both"
                        + " on this machine's clock. At its cap an app's calls come in bursts of 20 as DingTalk's sliding"
                        + " second allows them, so tenant A's rate is counted from its 20th call in the measured time to its"
                        + " last, a whole number of bursts (counting calls over the whole time under-counts by up to a"
                        + " burst when it ends between two)." + scaleNote(), ROWS);
    }

    /** Queues n events not yet due, then releases them in one statement. */
    private void queueAndRelease(String tenant, String action, int n, String prefix) {
        Timestamp later = Timestamp.from(Instant.now().plusSeconds(3600));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {tenant, prefix + "-" + i, prefix + "-" + i, action, "bench" + (i % USERS), later});
            if (rows.size() == 1000 || i == n - 1) {
                jdbc.batchUpdate("INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, recipients,"
                        + " next_attempt_at) VALUES (?, 'expense_claim', ?, ?, ?, '基准测试', ?, ?)", rows);
                rows.clear();
            }
        }
        jdbc.update("UPDATE proyi_doc_event SET next_attempt_at = NULL WHERE doc_id LIKE ?", prefix + "-%");
    }

    private long sent(String tenant) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_notice_delivery WHERE tenant_id = ? AND status = 'SENT'",
                Long.class, tenant);
    }

    private long pending(String tenant) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE tenant_id = ? AND status IN ('NEW', 'PROCESSING')",
                Long.class, tenant);
    }

    private long pendingTodo() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE doc_id = 'urgent' AND status <> 'DONE'", Long.class);
    }
}
