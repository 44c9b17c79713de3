package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.config.OpsProperties;
import com.proyi.dingtalk.config.TimeLimitedHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component "outbox": the backlog and the age of the oldest waiting event. DOWN when that age
 * passes proyi.ops.outbox-max-age: events are arriving but not leaving. DOWN as well when the
 * database does not answer within proyi.ops.health-timeout.
 */
@Component("outbox")
public class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxStatistics statistics;
    private final OpsProperties settings;
    private final TimeLimitedHealth timeLimited;

    public OutboxHealthIndicator(OutboxStatistics statistics, OpsProperties settings) {
        this.statistics = statistics;
        this.settings = settings;
        this.timeLimited = new TimeLimitedHealth("outbox", settings.getHealthTimeout(), this::check);
    }

    @Override
    public Health health() {
        return timeLimited.health();
    }

    private Health check() {
        OutboxStatistics.Snapshot snapshot = statistics.snapshot();
        boolean stuck = snapshot.oldestWaitingSeconds() > settings.getOutboxMaxAge().toSeconds();
        return (stuck ? Health.down() : Health.up())
                .withDetail("backlog", snapshot.backlog())
                .withDetail("oldestWaitingSeconds", snapshot.oldestWaitingSeconds())
                .withDetail("dead", snapshot.dead())
                .withDetail("waitingForBinding", snapshot.waitingForBinding())
                .build();
    }
}
