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
 *
 * <p>A scheduler that must not block asks with {@link #tryReserve()}: it either gets a permit, counted
 * as a start at once and handed to the next {@link #acquire()} within the safety margin, or learns
 * how long until the next one. N can change at run time ({@link #setCallsPerSecond}), when instances
 * share an app's limit.
 */
public final class SlidingWindowRateLimiter {

    private static final long ONE_SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long windowNanos;
    private final long marginNanos;
    private long[] lastStarts;
    private int oldest;
    /** Permits handed out by tryReserve and not yet taken by a call; each counted at reservedAt. */
    private int reserved;
    private long reservedAt;
    // Fair, so that waiting callers start in arrival order and none starves.
    private final ReentrantLock lock = new ReentrantLock(true);

    public SlidingWindowRateLimiter(int callsPerSecond, Duration safetyMargin) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("callsPerSecond must be at least 1, was " + callsPerSecond);
        }
        this.marginNanos = safetyMargin.toNanos();
        this.windowNanos = ONE_SECOND_NANOS + marginNanos;
        this.lastStarts = new long[callsPerSecond];
        long longAgo = System.nanoTime() - windowNanos;
        Arrays.fill(lastStarts, longAgo);
    }

    /**
     * Blocks until a call may start and counts it as started now; takes a fresh reservation instead
     * when there is one.
     *
     * @return nanoseconds spent waiting
     */
    public long acquire() throws InterruptedException {
        long arrived = System.nanoTime();
        lock.lockInterruptibly();
        try {
            if (takeReservation(arrived)) {
                return 0;
            }
            // Holding the lock while sleeping is intended: the next caller could not start earlier anyway.
            long allowedAt = lastStarts[oldest] + windowNanos;
            long now = System.nanoTime();
            while (now - allowedAt < 0) {
                TimeUnit.NANOSECONDS.sleep(allowedAt - now);
                now = System.nanoTime();
                allowedAt = lastStarts[oldest] + windowNanos;
            }
            record(now);
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

    /**
     * Never blocks: counts a start now and keeps it for the next {@link #acquire()} (which must come
     * within the safety margin, else the reservation lapses, still counted), or tells how long until a
     * call may start.
     *
     * @return 0 when a permit was reserved, else nanoseconds until the next permit
     */
    public long tryReserve() {
        lock.lock();
        try {
            long now = System.nanoTime();
            long allowedAt = lastStarts[oldest] + windowNanos;
            if (now - allowedAt < 0) {
                return allowedAt - now;
            }
            record(now);
            if (reserved > 0 && now - reservedAt > marginNanos) {
                reserved = 0;
            }
            reserved++;
            reservedAt = now;
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** Changes N, keeping the most recent starts so that the window stays honest across the change. */
    public void setCallsPerSecond(int callsPerSecond) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("callsPerSecond must be at least 1, was " + callsPerSecond);
        }
        lock.lock();
        try {
            if (callsPerSecond == lastStarts.length) {
                return;
            }
            long[] ordered = new long[lastStarts.length];
            for (int i = 0; i < lastStarts.length; i++) {
                ordered[i] = lastStarts[(oldest + i) % lastStarts.length];
            }
            long[] resized = new long[callsPerSecond];
            long longAgo = System.nanoTime() - windowNanos;
            Arrays.fill(resized, longAgo);
            int keep = Math.min(callsPerSecond, ordered.length);
            System.arraycopy(ordered, ordered.length - keep, resized, callsPerSecond - keep, keep);
            lastStarts = resized;
            oldest = 0;
        } finally {
            lock.unlock();
        }
    }

    public int callsPerSecond() {
        lock.lock();
        try {
            return lastStarts.length;
        } finally {
            lock.unlock();
        }
    }

    private boolean takeReservation(long now) {
        if (reserved > 0 && now - reservedAt <= marginNanos) {
            reserved--;
            return true;
        }
        reserved = 0;
        return false;
    }

    private void record(long now) {
        lastStarts[oldest] = now;
        oldest = (oldest + 1) % lastStarts.length;
    }
}
