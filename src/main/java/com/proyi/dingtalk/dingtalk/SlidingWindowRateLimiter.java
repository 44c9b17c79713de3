package com.proyi.dingtalk.dingtalk;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
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
 *
 * <p>The counted calls are kept in the order they count from (every count is "now", later than all
 * before it), so the next slot to free is always the first: each call costs the same whether N is
 * 20 or a million.
 */
public final class SlidingWindowRateLimiter {

    private static final long ONE_SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A counted call: from when it counts, and whether a caller still holds it to report its answer. */
    private static final class Slot {
        final long at;
        boolean pending;
        boolean gone;

        Slot(long at) {
            this.at = at;
        }
    }

    private final long windowNanos;
    private int limit;
    /** The counted calls within the window (and pending ones older), oldest first; gone ones are skipped. */
    private final ArrayDeque<Slot> counted = new ArrayDeque<>();
    private int live;
    /** Calls whose start a caller holds (acquired, or reserved and not yet taken), by their start. */
    private final Map<Long, Slot> pending = new HashMap<>();
    /** Permits handed out by tryReserve and not yet taken by a call: their start times, oldest first. */
    private final ArrayDeque<Long> reserved = new ArrayDeque<>();
    /** The latest count; every count is later, so that a start names one call. */
    private long lastCount;
    // Fair, so that waiting callers start in arrival order and none starves.
    private final ReentrantLock lock = new ReentrantLock(true);

    public SlidingWindowRateLimiter(int callsPerSecond, Duration safetyMargin) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("callsPerSecond must be at least 1, was " + callsPerSecond);
        }
        this.windowNanos = ONE_SECOND_NANOS + safetyMargin.toNanos();
        this.limit = callsPerSecond;
        this.lastCount = System.nanoTime() - windowNanos;
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
            long now = System.nanoTime();
            Slot reservation = takeReservation(now);
            if (reservation != null) {
                return reservation.at;
            }
            // Holding the lock while sleeping is intended: the next caller could not start earlier anyway.
            long wait;
            while ((wait = untilFree(now)) > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
                now = System.nanoTime();
            }
            return count(now, true).at;
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
            Slot slot = pending.remove(start);
            if (slot == null) {
                return;
            }
            slot.pending = false;
            long now = System.nanoTime();
            if (now - start > 0) {
                forget(slot);
                count(now, false);
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
            long now = System.nanoTime();
            long wait = untilFree(now);
            if (now + wait - deadline > 0) {
                return OptionalLong.empty();
            }
            while (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
                now = System.nanoTime();
                wait = untilFree(now);
            }
            return OptionalLong.of(count(now, true).at);
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
            long wait = untilFree(now);
            if (wait > 0) {
                return wait;
            }
            dropLapsedReservations(now);
            reserved.addLast(count(now, true).at);
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
            limit = callsPerSecond;
            while (live > limit) {
                forget(oldestLive());
            }
        } finally {
            lock.unlock();
        }
    }

    public int callsPerSecond() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the oldest fresh reservation, if any: it now counts from now, when the call really
     * starts (a worker may pick it up a while after the scheduler reserved it).
     *
     * @return the call's slot, or null without a reservation; lapsed ones stay counted at their time
     */
    private Slot takeReservation(long now) {
        dropLapsedReservations(now);
        Long reservation;
        while ((reservation = reserved.pollFirst()) != null) {
            Slot slot = pending.remove(reservation);
            if (slot != null) {
                forget(slot);
                return count(now, true);
            }
            // its slot went with a smaller share: try the next one, else wait like any caller
        }
        return null;
    }

    /** Reservations lapse together when the latest is a window old: its slot has freed by then anyway. */
    private void dropLapsedReservations(long now) {
        if (!reserved.isEmpty() && now - reserved.peekLast() >= windowNanos) {
            for (Long lapsed : reserved) {
                Slot slot = pending.remove(lapsed);
                if (slot != null) {
                    slot.pending = false;
                }
            }
            reserved.clear();
        }
    }

    /** 0 when a call may start now, else how long until the oldest counted call leaves the window. */
    private long untilFree(long now) {
        prune(now);
        if (live < limit) {
            return 0;
        }
        return Math.max(0, oldestLive().at + windowNanos - now);
    }

    /** Counts a call from now (or just after the latest count); takes the oldest slot when all are used. */
    private Slot count(long now, boolean held) {
        if (live >= limit) {
            forget(oldestLive());
        }
        long at = now - lastCount > 0 ? now : lastCount + 1;
        lastCount = at;
        Slot slot = new Slot(at);
        counted.addLast(slot);
        live++;
        if (held) {
            slot.pending = true;
            pending.put(at, slot);
        }
        return slot;
    }

    private void forget(Slot slot) {
        if (!slot.gone) {
            slot.gone = true;
            live--;
            if (slot.pending) {
                slot.pending = false;
                pending.remove(slot.at);
            }
        }
    }

    /** Drops what no longer counts from the front: forgotten slots, and a window's old ones nobody holds. */
    private void prune(long now) {
        Slot first;
        while ((first = counted.peekFirst()) != null && (first.gone || !first.pending && now - first.at >= windowNanos)) {
            counted.pollFirst();
            if (!first.gone) {
                first.gone = true;
                live--;
            }
        }
    }

    private Slot oldestLive() {
        Slot first;
        while ((first = counted.peekFirst()).gone) {
            counted.pollFirst();
        }
        return first;
    }
}
