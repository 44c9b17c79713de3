package com.proyi.dingtalk.contacts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs of a people sync (contacts, resignations) as metrics and log lines. A run calls
 * {@link #start}, then {@link SyncRun#progress} as it goes, then {@link SyncRun#finish}:
 * <ul>
 *   <li>{@code proyi.sync.progress.done} / {@code proyi.sync.progress.total}: people done of total
 *       in the current (or last) run, per sync and tenant;</li>
 *   <li>{@code proyi.sync.runs} (tag {@code result} = completed / failed);</li>
 *   <li>{@code proyi.sync.people} (tag {@code outcome} = created / updated / unbound / failed).</li>
 * </ul>
 */
@Component
public class SyncMetrics {

    private static final Logger log = LoggerFactory.getLogger(SyncMetrics.class);
    /** A long run logs its progress at most this often. */
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    /** The names runs are reported under (tag {@code sync}). */
    public static final String CONTACTS = "contacts";
    public static final String RESIGNATIONS = "resignations";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();

    public SyncMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** What a run did to people; each count goes to {@code proyi.sync.people}. */
    public record Outcome(long created, long updated, long unbound, long failed) {}

    private record Progress(AtomicLong done, AtomicLong total) {}

    /**
     * @param sync  which sync, e.g. "contacts" or "resignations"
     * @param total people the run will go through
     */
    public SyncRun start(String sync, String tenant, long total) {
        Progress gauges = progress.computeIfAbsent(sync + "/" + tenant, key -> register(sync, tenant));
        gauges.done().set(0);
        gauges.total().set(total);
        log.info("Sync {} for tenant {} started: {} people", sync, tenant, total);
        return new SyncRun(sync, tenant, gauges);
    }

    private Progress register(String sync, String tenant) {
        Progress gauges = new Progress(new AtomicLong(), new AtomicLong());
        Gauge.builder("proyi.sync.progress.done", gauges.done(), AtomicLong::get)
                .description("People done in the current or last sync run").tag("sync", sync).tag("tenant", tenant)
                .register(registry);
        Gauge.builder("proyi.sync.progress.total", gauges.total(), AtomicLong::get)
                .description("People in the current or last sync run").tag("sync", sync).tag("tenant", tenant)
                .register(registry);
        return gauges;
    }

    /** One run of a sync, used by the thread that runs it. */
    public final class SyncRun {

        private final String sync;
        private final String tenant;
        private final Progress gauges;
        private final Instant started;
        private Instant loggedAt;

        private SyncRun(String sync, String tenant, Progress gauges) {
            this.sync = sync;
            this.tenant = tenant;
            this.gauges = gauges;
            this.started = clock.instant();
            this.loggedAt = started;
        }

        /** People done so far (not an increment); logs now and then so a long run shows it is alive. */
        public void progress(long done) {
            gauges.done().set(done);
            Instant now = clock.instant();
            if (Duration.between(loggedAt, now).compareTo(LOG_EVERY) >= 0) {
                loggedAt = now;
                log.info("Sync {} for tenant {}: {} of {} people done", sync, tenant, done, gauges.total().get());
            }
        }

        public void finish(Outcome outcome) {
            gauges.done().set(gauges.total().get());
            count("created", outcome.created());
            count("updated", outcome.updated());
            count("unbound", outcome.unbound());
            count("failed", outcome.failed());
            runs("completed");
            log.info("Sync {} for tenant {} finished in {} s: created {}, updated {}, unbound {}, failed {}", sync, tenant,
                    Duration.between(started, clock.instant()).toSeconds(), outcome.created(), outcome.updated(),
                    outcome.unbound(), outcome.failed());
        }

        /** The run stopped before the end (an error, or a safety guard). */
        public void abort(String reason) {
            runs("failed");
            log.warn("Sync {} for tenant {} stopped after {} of {} people: {}", sync, tenant, gauges.done().get(),
                    gauges.total().get(), reason);
        }

        private void count(String outcome, long people) {
            Counter.builder("proyi.sync.people").description("People a sync run created, updated, unbound or failed on")
                    .tag("sync", sync).tag("tenant", tenant).tag("outcome", outcome)
                    .register(registry).increment(people);
        }

        private void runs(String result) {
            Counter.builder("proyi.sync.runs").description("Sync runs by result")
                    .tag("sync", sync).tag("tenant", tenant).tag("result", result)
                    .register(registry).increment();
        }
    }
}
