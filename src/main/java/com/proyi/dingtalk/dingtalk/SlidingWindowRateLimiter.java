package com.proyi.dingtalk.dingtalk;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most N call starts in any sliding window of 1 s plus a safety margin. DingTalk counts calls
 * per app and API in a sliding second (API.md §8.1); a token bucket with burst N would allow 2N
 * there. It remembers the last N start times: a call may start once the oldest of them is a whole
 * window ago.
 *
 * <p>DingTalk counts a call when its request arrives, which is some time between our start and its
 * answer: a thread paused after the start, a busy connection or a slow network moves the arrival
 * by tens of milliseconds, more than the safety margin. A caller that reports the answer
 * ({@link #answered(long)}) makes the call count from then instead, so that its slot frees a whole
 * window after DingTalk certainly had it: N calls in any of DingTalk's seconds, whatever the delay.
 *
 * <p>A scheduler that must not block asks with {@link #tryReserve()}: it either gets a permit, counted
 * as a start at once and handed to the next {@link #acquire()} (whose start then counts instead), or learns
 * how long until the next one. N can change at run time ({@link #setCallsPerSecond}), when instances
 * share an app's limit.
 */
public final class SlidingWindowRateLimiter {

    private static final long ONE_SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long windowNanos;
    /** The last N start times (answer times once answered), in no order. */
    private long[] lastStarts;
    /** Permits handed out by tryReserve and not yet taken by a call: their start times, oldest first. */
    private final ArrayDeque<Long> reserved = new ArrayDeque<>();
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
     * Blocks until a call may start and counts it as started now; takes a fresh reservation instead
     * when there is one.
     *
     * @return nanoseconds spent waiting
     */
    public long acquire() throws InterruptedException {
        long arrived = System.nanoTime();
        return Math.max(0, acquireStart() - arrived);
    }

    /**
     * Like {@link #acquire()}, for a caller that reports the answer with {@link #answered(long)}.
     *
     * @return the start time ({@link System#nanoTime()}) the call is counted at, a reservation's
     *         if it took one
     */
    public long acquireStart() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            Long reservation = takeReservation(System.nanoTime());
            if (reservation != null) {
                return reservation;
            }
            // Holding the lock while sleeping is intended: the next caller could not start earlier anyway.
            int slot = oldest();
            long allowedAt = lastStarts[slot] + windowNanos;
            long now = System.nanoTime();
            while (now - allowedAt < 0) {
                TimeUnit.NANOSECONDS.sleep(allowedAt - now);
                now = System.nanoTime();
                slot = oldest();
                allowedAt = lastStarts[slot] + windowNanos;
            }
            lastStarts[slot] = now;
            return now;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The call counted at {@code start} (from {@link #acquireStart()} or {@link #tryAcquireStart})
     * got its answer, or failed, now: DingTalk had it by now at the latest, so it counts from now and
     * its slot frees a window later. Nothing happens when the start is no longer remembered.
     */
    public void answered(long start) {
        lock.lock();
        try {
            long now = System.nanoTime();
            for (int i = 0; i < lastStarts.length; i++) {
                if (lastStarts[i] == start) {
                    if (now - start > 0) {
                        lastStarts[i] = now;
                    }
                    return;
                }
            }
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
        return tryAcquireStart(maxWait).isPresent();
    }

    /**
     * Like {@link #tryAcquire(Duration)}, for a caller that reports the answer with {@link #answered(long)}.
     *
     * @return the start time the call is counted at, or empty when it may not start within {@code maxWait}
     */
    public OptionalLong tryAcquireStart(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        if (!lock.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
            return OptionalLong.empty();
        }
        try {
            int slot = oldest();
            long allowedAt = lastStarts[slot] + windowNanos;
            if (allowedAt - deadline > 0) {
                return OptionalLong.empty();
            }
            long now = System.nanoTime();
            while (now - allowedAt < 0) {
                TimeUnit.NANOSECONDS.sleep(allowedAt - now);
                now = System.nanoTime();
            }
            lastStarts[slot] = now;
            return OptionalLong.of(now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Never blocks: counts a start now and keeps it for the next {@link #acquire()}, which counts
     * from its own start instead (within a window, else the reservation lapses, counted at its
     * time), or tells how long until a call may start.
     *
     * @return 0 when a permit was reserved, else nanoseconds until the next permit
     */
    public long tryReserve() {
        lock.lock();
        try {
            long now = System.nanoTime();
            int slot = oldest();
            long allowedAt = lastStarts[slot] + windowNanos;
            if (now - allowedAt < 0) {
                return allowedAt - now;
            }
            lastStarts[slot] = now;
            dropLapsedReservations(now);
            reserved.addLast(now);
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
            long now = System.nanoTime();
            long[] ordered = lastStarts.clone();
            // nanoTime values compare by difference; all lie within a few windows of now
            for (int i = 0; i < ordered.length; i++) {
                ordered[i] -= now;
            }
            Arrays.sort(ordered);
            for (int i = 0; i < ordered.length; i++) {
                ordered[i] += now;
            }
            long[] resized = new long[callsPerSecond];
            Arrays.fill(resized, now - windowNanos);
            int keep = Math.min(callsPerSecond, ordered.length);
            System.arraycopy(ordered, ordered.length - keep, resized, callsPerSecond - keep, keep);
            lastStarts = resized;
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

    /**
     * Takes the oldest fresh reservation, if any: its slot now counts from now, when the call really
     * starts (a worker may pick it up a while after the scheduler reserved it).
     *
     * @return the call's start, or null without a reservation; lapsed ones stay counted at their time
     */
    private Long takeReservation(long now) {
        dropLapsedReservations(now);
        Long reservation;
        while ((reservation = reserved.pollFirst()) != null) {
            for (int i = 0; i < lastStarts.length; i++) {
                if (lastStarts[i] == reservation) {
                    lastStarts[i] = now;
                    return now;
                }
            }
            // its slot went with a smaller share: try the next one, else wait like any caller
        }
        return null;
    }

    /** Reservations lapse together when the latest is a window old: its slot has freed by then anyway. */
    private void dropLapsedReservations(long now) {
        if (!reserved.isEmpty() && now - reserved.peekLast() >= windowNanos) {
            reserved.clear();
        }
    }

    /** The slot of the oldest remembered start: the next call takes it. */
    private int oldest() {
        int oldest = 0;
        for (int i = 1; i < lastStarts.length; i++) {
            if (lastStarts[i] - lastStarts[oldest] < 0) {
                oldest = i;
            }
        }
        return oldest;
    }
}
