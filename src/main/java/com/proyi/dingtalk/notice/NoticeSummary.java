package com.proyi.dingtalk.notice;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The notice engine's INFO log in steady state: one line per interval with what went out, instead of
 * a line per notice (those are at DEBUG, and every outcome is in dingtalk_notice_delivery).
 */
@Component
public class NoticeSummary {

    private static final Logger log = LoggerFactory.getLogger(NoticeSummary.class);
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong notDone = new AtomicLong();
    private final AtomicLong recipients = new AtomicLong();
    private final AtomicLong unbound = new AtomicLong();
    private final AtomicLong intervalStart = new AtomicLong(System.nanoTime());

    void done(int events) {
        done.addAndGet(events);
        maybeLog();
    }

    void notDone() {
        notDone.incrementAndGet();
        maybeLog();
    }

    void delivered(int sent, int waitingForBinding) {
        recipients.addAndGet(sent);
        unbound.addAndGet(waitingForBinding);
    }

    private void maybeLog() {
        long start = intervalStart.get();
        long now = System.nanoTime();
        if (now - start < INTERVAL.toNanos() || !intervalStart.compareAndSet(start, now)) {
            return;
        }
        long events = done.getAndSet(0);
        long failed = notDone.getAndSet(0);
        long sent = recipients.getAndSet(0);
        long waiting = unbound.getAndSet(0);
        log.info("Notices in the last {} s: {} events done ({} recipients sent, {} waiting for a binding),"
                        + " {} events failed for now or dead (see last_error)",
                Duration.ofNanos(now - start).toSeconds(), events, sent, waiting, failed);
    }
}
