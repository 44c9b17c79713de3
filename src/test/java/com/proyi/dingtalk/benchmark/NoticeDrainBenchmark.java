package com.proyi.dingtalk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

    @Test
    void drainRate() throws Exception {
        employees();
        simulator.setQpsLimit(1_000_000);
        insertEvents(EVENTS, "drain");
        // queued as not yet due, then released in one statement: the clock starts with a full outbox
        jdbc.update("UPDATE proyi_doc_event SET next_attempt_at = NULL");

        Instant start = Instant.now();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> done() == EVENTS);
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;

        BenchmarkReport.section("Notice outbox drain",
                "One module instance (16 workers, batches of 200), client rate limit off, simulator without latency.",
                List.of(String.format(Locale.ROOT, "| %,d queued events, one recipient each | %.1f s | **%.0f events/s** | ≥ 1,000 events/s |",
                        EVENTS, seconds, EVENTS / seconds)));
        assertThat(simulator.sentMessages()).hasSize(EVENTS);
    }
}
