package com.proyi.dingtalk.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Health thresholds and the console's limits. */
@Validated
@ConfigurationProperties("proyi.ops")
public class OpsProperties {

    /** The outbox health is DOWN once its oldest waiting event is older than this. */
    @NotNull private Duration outboxMaxAge = Duration.ofMinutes(30);

    /**
     * Longest a health check that reads the database may take: past it the component answers DOWN
     * ("no answer within ..."), so that /actuator/health answers in time while the database hangs.
     */
    @NotNull private Duration healthTimeout = Duration.ofSeconds(2);

    /** Outbox gauges read the database at most this often, however many scrapers ask. */
    @NotNull private Duration gaugeRefresh = Duration.ofSeconds(10);

    /** DingTalk errors this instance remembers for the console. */
    @Min(1) private int recentErrors = 200;

    public Duration getHealthTimeout() { return healthTimeout; }
    public void setHealthTimeout(Duration healthTimeout) { this.healthTimeout = healthTimeout; }
    public Duration getOutboxMaxAge() { return outboxMaxAge; }
    public void setOutboxMaxAge(Duration outboxMaxAge) { this.outboxMaxAge = outboxMaxAge; }
    public Duration getGaugeRefresh() { return gaugeRefresh; }
    public void setGaugeRefresh(Duration gaugeRefresh) { this.gaugeRefresh = gaugeRefresh; }
    public int getRecentErrors() { return recentErrors; }
    public void setRecentErrors(int recentErrors) { this.recentErrors = recentErrors; }
}
