package com.proyi.dingtalk.dingtalk;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Every DingTalk request as Micrometer metrics: {@code dingtalk.api.requests} (latency histogram
 * per tenant, API and errcode) and {@code dingtalk.ratelimit.waits} (time spent waiting for the
 * client-side rate limiter). Failed requests also go to the console's list of recent errors.
 */
@Component
public class DingTalkMetrics implements DingTalkCallListener {

    private final MeterRegistry registry;
    private final RecentDingTalkErrors recentErrors;

    public DingTalkMetrics(MeterRegistry registry, RecentDingTalkErrors recentErrors) {
        this.registry = registry;
        this.recentErrors = recentErrors;
    }

    @Override
    public void onCall(String tenant, String api, long durationNanos, int effectiveErrcode) {
        Timer.builder("dingtalk.api.requests").description("Requests to DingTalk's server API")
                .tag("tenant", tenant).tag("api", api)
                .tag("errcode", effectiveErrcode == DingTalkException.NO_ERRCODE ? "none" : String.valueOf(effectiveErrcode))
                .publishPercentileHistogram()
                .register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
        if (effectiveErrcode != 0) {
            recentErrors.record(tenant, api, effectiveErrcode);
        }
    }

    @Override
    public void onRateLimitWait(String tenant, String api, long waitedNanos) {
        // Only real waits: the count then says how often the limiter held a call back.
        if (waitedNanos > 0) {
            Timer.builder("dingtalk.ratelimit.waits").description("Calls held back by the client-side rate limiter")
                    .tag("tenant", tenant).tag("api", api)
                    .register(registry).record(waitedNanos, TimeUnit.NANOSECONDS);
        }
    }
}
