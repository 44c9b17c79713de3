package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.config.OpsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the outbox tables: {@code proyi.outbox.backlog}, {@code proyi.outbox.oldest.age},
 * {@code proyi.outbox.dead} and {@code proyi.notices.waiting} (held for a binding). One query per
 * refresh interval serves all of them and every scraper.
 */
@Component
public class OutboxGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(OutboxGauges.class);

    private final OutboxStatistics statistics;
    private final OpsProperties settings;
    private final Clock clock;
    private OutboxStatistics.Snapshot snapshot;
    private Instant readAt = Instant.MIN;

    public OutboxGauges(OutboxStatistics statistics, OpsProperties settings, Clock clock) {
        this.statistics = statistics;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "proyi.outbox.backlog", "Events waiting to be handled (new, retrying or in progress)",
                OutboxStatistics.Snapshot::backlog);
        gauge(registry, "proyi.outbox.dead", "Events given up on, waiting for a replay", OutboxStatistics.Snapshot::dead);
        gauge(registry, "proyi.notices.waiting", "Notices held until the recipient binds DingTalk",
                OutboxStatistics.Snapshot::waitingForBinding);
        TimeGauge.builder("proyi.outbox.oldest.age", this,
                        TimeUnit.SECONDS, gauges -> gauges.read(OutboxStatistics.Snapshot::oldestWaitingSeconds))
                .description("Age of the oldest event waiting in the outbox").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<OutboxStatistics.Snapshot> value) {
        Gauge.builder(name, this, gauges -> gauges.read(value)).description(description).register(registry);
    }

    private synchronized double read(ToDoubleFunction<OutboxStatistics.Snapshot> value) {
        Instant now = clock.instant();
        if (snapshot == null || readAt.plus(settings.getGaugeRefresh()).isBefore(now)) {
            try {
                snapshot = statistics.snapshot();
                readAt = now;
            } catch (RuntimeException e) {
                log.warn("Outbox gauges could not read the database: {}", e.getMessage());
                return Double.NaN;
            }
        }
        return value.applyAsDouble(snapshot);
    }
}
