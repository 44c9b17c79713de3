package com.proyi.dingtalk.notice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counters of notices per recipient: {@code proyi.notices.sent} and {@code proyi.notices.failed}
 * (tagged with DingTalk's errcode, "none" when DingTalk gave none). Waiting notices are gauges, see
 * {@link OutboxGauges}.
 */
@Component
public class NoticeMetrics {

    private final MeterRegistry registry;

    public NoticeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void sent(String tenant, int recipients) {
        Counter.builder("proyi.notices.sent").description("Notices DingTalk accepted, per recipient")
                .tag("tenant", tenant).register(registry).increment(recipients);
    }

    public void failed(String tenant, int errcode, int recipients) {
        Counter.builder("proyi.notices.failed").description("Notices DingTalk refused or did not answer, per recipient")
                .tag("tenant", tenant).tag("errcode", errcode < 0 ? "none" : String.valueOf(errcode))
                .register(registry).increment(recipients);
    }
}
