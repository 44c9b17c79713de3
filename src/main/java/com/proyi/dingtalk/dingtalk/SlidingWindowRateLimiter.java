package com.proyi.dingtalk.dingtalk;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most N call starts in any sliding window of 1 s plus a safety margin. DingTalk counts calls
 * per app and API in a sliding second (API.md §8.1); a token bucket with burst N would allow 2N
 * there. It remembers the last N start times: a call may start once the oldest of them is a whole
 * window ago.
 */
public final class SlidingWindowRateLimiter {

    private static final long ONE_SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long windowNanos;
    private final long[] lastStarts;
    private int oldest;
    // Fair, so that waiting callers start in arrival order and none starves.
    private final ReentrantLock lock = new ReentrantLock(true);

    public SlidingWindowRateLimiter(int callsPerSecond, Duration safetyMargin) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("callsPerSecond must be at least 1, was " + callsPerSecond);
        }
        this.windowNanos = ONE_SECOND_NANOS + safetyMargin.toNanos();
        this.lastStarts = new long[callsPerSecond];
        long longAgo = System.nanoTime() - windowNanos;
        Arrays.fill(lastStarts, longAgo);
    }

    /**
     * Blocks until a call may start and counts it as started now.
     *
     * @return nanoseconds spent waiting
     */
    public long acquire() throws InterruptedException {
        long arrived = System.nanoTime();
        lock.lockInterruptibly();
        try {
            // Holding the lock while sleeping is intended: the next caller could not start earlier anyway.
            long allowedAt = lastStarts[oldest] + windowNanos;
            long now = System.nanoTime();
            while (now - allowedAt < 0) {
                TimeUnit.NANOSECONDS.sleep(allowedAt - now);
                now = System.nanoTime();
            }
            lastStarts[oldest] = now;
            oldest = (oldest + 1) % lastStarts.length;
            return now - arrived;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a call as started if it may start within {@code maxWait}, waiting at most that long; for
     * callers that must not queue (a person on a page), so that a burst cannot tie up their threads.
     *
     * @return false, having counted nothing, when no call may start within {@code maxWait}
     */
    public boolean tryAcquire(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        if (!lock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            long allowedAt = lastStarts[oldest] + windowNanos;
            if (allowedAt - deadline > 0) {
                return false;
            }
            long now = System.nanoTime();
            while (now - allowedAt < 0) {
                TimeUnit.NANOSECONDS.sleep(allowedAt - now);
                now = System.nanoTime();
            }
            lastStarts[oldest] = now;
            oldest = (oldest + 1) % lastStarts.length;
            return true;
        } finally {
            lock.unlock();
        }
    }
}
