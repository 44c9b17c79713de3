package com.proyi.dingtalk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * How fast a backlog drains, and what it costs the module, when DingTalk answers at once over real
 * HTTP from another process (the stand-in) and no rate limit applies.
 */
@Tag("benchmark")
@DirtiesContext
@TestPropertySource(properties = {
        "dingtalk.rate-limit-per-second=1000000",
        "proyi.outbox.batch-size=200",
        "proyi.outbox.workers=16",
        "spring.datasource.hikari.maximum-pool-size=24",
        "logging.level.com.proyi.dingtalk=WARN"})
class NoticeDrainBenchmark extends StandInBenchmarkSupport {

    private static final int EVENTS = scaled(10_000);
    private static final int ROUNDS = 3;

    /** One round's outcome. */
    private record Round(double eventsPerSecond, double cpuMillisPerEvent) {
    }

    /** Three rounds, since the shared machine's disk and CPU vary from run to run; the median is the figure. */
    @Test
    void drainRate() throws Exception {
        employees();
        resetStandIn(1_000_000);
        List<Round> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            rounds.add(drain("drain" + round));
        }
        Round median = rounds.stream().sorted(Comparator.comparingDouble(Round::eventsPerSecond)).toList().get(ROUNDS / 2);
        BenchmarkReport.section("Notice outbox drain",
                "One module instance (16 workers, batches of 200), client rate limit off; the DingTalk stand-in runs in"
                        + " a JVM of its own and answers at once over HTTP on loopback. CPU is the module JVM's process"
                        + " CPU time over the round divided by the events (the stand-in's is not included). The first"
                        + " round includes the JVM's warm-up." + scaleNote(),
                List.of(String.format(Locale.ROOT, "| %,d queued events, two recipients each (one call per event), %d rounds "
                                + "| rounds: %s events/s; %s ms CPU/event "
                                + "| median **%.0f events/s**, **%.2f ms CPU/event** | ≥ 3,000 events/s, ≤ 0.4 ms CPU/event |",
                        EVENTS, ROUNDS,
                        rounds.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.eventsPerSecond())).collect(Collectors.joining(", ")),
                        rounds.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.cpuMillisPerEvent())).collect(Collectors.joining(", ")),
                        median.eventsPerSecond(), median.cpuMillisPerEvent())));
    }

    private Round drain(String prefix) throws Exception {
        clearOutbox();
        insertEventsForTwo(EVENTS, prefix);
        long cpuBefore = processCpuNanos();
        // queued as not yet due, then released in one statement: the clock starts with a full outbox
        jdbc.update("UPDATE proyi_doc_event SET next_attempt_at = NULL");

        Instant start = Instant.now();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> done() == EVENTS);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        long cpu = processCpuNanos() - cpuBefore;
        // each recipient sent once; DingTalk (and the stand-in) drops recipients past 5,000 a minute per app
        // (143103), which the send-result reads record as DROPPED
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_notice_delivery WHERE status IN ('SENT', 'DROPPED')",
                Integer.class)).isEqualTo(2 * EVENTS);
        return new Round(EVENTS / seconds, cpu / 1e6 / EVENTS);
    }

    /** Events to two employees each, not due for an hour, so the outbox fills before the poller sees any. */
    private void insertEventsForTwo(int n, String prefix) {
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp later = Timestamp.from(Instant.now().plusSeconds(3600));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {prefix + "-" + i, prefix + "-" + i,
                    "bench" + (i % USERS) + ",bench" + ((i + 1) % USERS), now, later});
            if (rows.size() == 1000 || i == n - 1) {
                jdbc.batchUpdate("INSERT INTO proyi_doc_event (doc_type, doc_id, doc_no, action, title, recipients,"
                        + " created_at, next_attempt_at) VALUES ('expense_claim', ?, ?, 'cc', '基准测试', ?, ?, ?)", rows);
                rows.clear();
            }
        }
    }
}
