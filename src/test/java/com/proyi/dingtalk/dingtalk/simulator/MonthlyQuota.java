package com.proyi.dingtalk.dingtalk.simulator;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The monthly API-call budget of each organisation (API.md §8.3): standard edition 5,000 calls per
 * natural month (China time), shared by all the organisation's apps. Only calls that passed the QPS
 * limit are counted; the call that finds the budget spent is refused and not counted. Whether other
 * failed calls count is unconfirmed; they count here, the stricter reading.
 */
final class MonthlyQuota {

    static final long STANDARD_PLAN = 5_000;
    static final long UNLIMITED = Long.MAX_VALUE;

    /** One organisation's calls in one month. */
    private record Usage(YearMonth month, AtomicLong calls) {
    }

    private final Clock clock;
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    private final Map<String, Long> plans = new ConcurrentHashMap<>();
    private final AtomicInteger monthsAhead = new AtomicInteger();
    private volatile long defaultPlan = STANDARD_PLAN;

    MonthlyQuota(Clock clock) {
        this.clock = clock;
    }

    /** Counts one call of the organisation, or answers false when this month's budget is spent. */
    boolean tryCount(String corpId) {
        AtomicLong calls = current(corpId).calls();
        long plan = plan(corpId);
        for (long used = calls.get(); used < plan; used = calls.get()) {
            if (calls.compareAndSet(used, used + 1)) {
                return true;
            }
        }
        return false;
    }

    long used(String corpId) {
        return current(corpId).calls().get();
    }

    Map<String, Long> usedByOrganisation() {
        Map<String, Long> used = new TreeMap<>();
        usage.keySet().forEach(corpId -> used.put(corpId, used(corpId)));
        return used;
    }

    void setUsed(String corpId, long calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must not be negative: " + calls);
        }
        current(corpId).calls().set(calls);
    }

    long plan(String corpId) {
        return plans.getOrDefault(corpId, defaultPlan);
    }

    void setPlan(String corpId, long calls) {
        plans.put(corpId, checkedPlan(calls));
    }

    void setDefaultPlan(long calls) {
        defaultPlan = checkedPlan(calls);
    }

    /** The simulated month: the clock's month in China, moved on by {@link #startNextMonth()}. */
    YearMonth month() {
        return YearMonth.from(clock.instant().atZone(WorkNotificationStore.CHINA)).plusMonths(monthsAhead.get());
    }

    /** The month turns for every organisation: all budgets are whole again. */
    void startNextMonth() {
        monthsAhead.incrementAndGet();
    }

    /** Forgets the calls counted; plans and the simulated month stay. */
    void reset() {
        usage.clear();
    }

    private Usage current(String corpId) {
        YearMonth month = month();
        Usage known = usage.get(corpId);
        if (known != null && known.month().equals(month)) {
            return known;
        }
        return usage.compute(corpId, (id, old) -> old != null && old.month().equals(month) ? old : new Usage(month, new AtomicLong()));
    }

    private static long checkedPlan(long calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("a plan must not be negative: " + calls);
        }
        return calls;
    }
}
