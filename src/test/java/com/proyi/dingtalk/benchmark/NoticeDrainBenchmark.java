package com.proyi.dingtalk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** How fast a backlog drains when DingTalk answers at once and no rate limit applies. */
@Tag("benchmark")
@DirtiesContext
@TestPropertySource(properties = {
        "dingtalk.rate-limit-per-second=1000000",
        "proyi.outbox.batch-size=200",
        "proyi.outbox.workers=16",
        "spring.datasource.hikari.maximum-pool-size=24",
        "logging.level.com.proyi.dingtalk=WARN"})
class NoticeDrainBenchmark extends NoticeBenchmarkSupport {

    private static final int EVENTS = 20_000;
    private static final int ROUNDS = 3;

    /** Three rounds, since the shared machine's disk and CPU vary from run to run; the median is the figure. */
    @Test
    void drainRate() throws Exception {
        employees();
        simulator.setQpsLimit(1_000_000);
        // 30,000 sends to one organisation: far past the standard edition's 5,000 calls a month
        simulator.setDefaultMonthlyQuota(Long.MAX_VALUE);
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            rates.add(drain("drain" + round + "-"));
        }
        List<Double> sorted = rates.stream().sorted().toList();
        BenchmarkReport.section("Notice outbox drain",
                "One module instance (16 workers, batches of 200), client rate limit off, simulator without latency;"
                        + " the first round includes the JVM's warm-up.",
                List.of(String.format(Locale.ROOT, "| %,d queued events, one recipient each, %d rounds | rounds: %s events/s "
                                + "| median **%.0f events/s** | ≥ 1,000 events/s |", EVENTS, ROUNDS,
                        rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).collect(Collectors.joining(", ")),
                        sorted.get(ROUNDS / 2))));
    }

    private double drain(String prefix) {
        jdbc.update("DELETE FROM dingtalk_notice_delivery");
        jdbc.update("DELETE FROM proyi_doc_event");
        simulator.reset();
        insertEvents(EVENTS, prefix);
        // queued as not yet due, then released in one statement: the clock starts with a full outbox
        jdbc.update("UPDATE proyi_doc_event SET next_attempt_at = NULL");

        Instant start = Instant.now();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> done() == EVENTS);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        assertThat(simulator.sentMessages()).hasSize(EVENTS);
        return EVENTS / seconds;
    }
}
