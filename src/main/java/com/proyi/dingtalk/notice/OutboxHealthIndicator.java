package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.config.OpsProperties;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component "outbox": the backlog and the age of the oldest waiting event. DOWN when that age
 * passes proyi.ops.outbox-max-age: events are arriving but not leaving.
 */
@Component("outbox")
public class OutboxHealthIndicator extends AbstractHealthIndicator {

    private final OutboxStatistics statistics;
    private final OpsProperties settings;

    public OutboxHealthIndicator(OutboxStatistics statistics, OpsProperties settings) {
        super("outbox statistics could not be read");
        this.statistics = statistics;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        OutboxStatistics.Snapshot snapshot = statistics.snapshot();
        boolean stuck = snapshot.oldestWaitingSeconds() > settings.getOutboxMaxAge().toSeconds();
        (stuck ? health.down() : health.up())
                .withDetail("backlog", snapshot.backlog())
                .withDetail("oldestWaitingSeconds", snapshot.oldestWaitingSeconds())
                .withDetail("dead", snapshot.dead())
                .withDetail("waitingForBinding", snapshot.waitingForBinding());
    }
}
