package com.proyi.dingtalk.dingtalk.simulator;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DingTalk's per (appKey, API) QPS limit: a sliding 1 s window of admitted calls. The call that
 * would exceed the limit is refused and so is every call until the next whole second (the real
 * penalty). Refused calls never enter the window, so a client that keeps retrying is not punished
 * beyond the real rules.
 */
final class RateLimiter {

    static final int DEFAULT_LIMIT = 20;
    private static final long WINDOW_MILLIS = 1000;
    private static final DateTimeFormatter CHINA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(WorkNotificationStore.CHINA);

    private record Key(String appKey, String path) {
    }

    private final Clock clock;
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private volatile int limit = DEFAULT_LIMIT;

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    void setLimit(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("QPS limit must be at least 1: " + perSecond);
        }
        this.limit = perSecond;
    }

    /** Admits the call or throws the gateway's 88/90018 answer. */
    void check(String appKey, String path) {
        OptionalLong penaltyEnd = acquire(appKey, path);
        if (penaltyEnd.isPresent()) {
            throw rejection(path, clock.millis(), penaltyEnd.getAsLong());
        }
    }

    /** Admits the call (empty) or tells when the penalty ends; {@code api} is the path or, on api.dingtalk.com, "METHOD pattern". */
    OptionalLong acquire(String appKey, String api) {
        return windows.computeIfAbsent(new Key(appKey, api), key -> new Window()).acquire(clock.millis(), limit);
    }

    /** The 90018 answer as of now, for injected faults. */
    OapiException rejectionNow(String path) {
        long now = clock.millis();
        return rejection(path, now, (now / 1000 + 1) * 1000);
    }

    /** Worded like the real gateway, which names the API and says when the penalty ends. */
    OapiException rejection(String path, long now, long penaltyEnd) {
        String from = CHINA_TIME.format(Instant.ofEpochMilli(now - WINDOW_MILLIS));
        String to = CHINA_TIME.format(Instant.ofEpochMilli(now));
        return OapiException.gateway(OapiException.RATE_LIMITED, "当前应用调用该接口的频率超过了限制, apiPath(" + Gateway.apiName(path)
                + "), 从 " + from + " 到 " + to + " 请求总次数超过了 " + limit + " 次, 处罚将在 "
                + CHINA_TIME.format(Instant.ofEpochMilli(penaltyEnd)) + " 结束.");
    }

    /** The most admitted calls one (app, path) window ever held, over all apps. */
    int maxAdmittedInAnySecond(String path) {
        return windows.entrySet().stream()
                .filter(entry -> entry.getKey().path().equals(path))
                .mapToInt(entry -> entry.getValue().maxAdmitted())
                .max()
                .orElse(0);
    }

    /** The busiest second of each API over all apps, by path or v1 route. */
    Map<String, Integer> maxAdmittedByApi() {
        Map<String, Integer> busiest = new TreeMap<>();
        windows.forEach((key, window) -> busiest.merge(key.path(), window.maxAdmitted(), Math::max));
        return busiest;
    }

    void reset() {
        windows.clear();
    }

    /** One (app, path) window; its own lock keeps apps and APIs from contending with each other. */
    private static final class Window {
        private final ArrayDeque<Long> admitted = new ArrayDeque<>();
        private long penaltyUntil;
        private int maxAdmitted;

        synchronized OptionalLong acquire(long now, int limit) {
            while (!admitted.isEmpty() && admitted.peekFirst() <= now - WINDOW_MILLIS) {
                admitted.pollFirst();
            }
            if (now < penaltyUntil) {
                return OptionalLong.of(penaltyUntil);
            }
            if (admitted.size() >= limit) {
                penaltyUntil = (now / 1000 + 1) * 1000;
                return OptionalLong.of(penaltyUntil);
            }
            admitted.addLast(now);
            maxAdmitted = Math.max(maxAdmitted, admitted.size());
            return OptionalLong.empty();
        }

        synchronized int maxAdmitted() {
            return maxAdmitted;
        }
    }
}
