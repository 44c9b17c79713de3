package com.proyi.dingtalk.dingtalk;

import com.proyi.dingtalk.config.OpsProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The last DingTalk errors this instance saw, for the console; counted per errcode. */
@Component
public class RecentDingTalkErrors {

    /** One failed call. */
    public record Error(Instant at, String tenant, String api, int errcode) {}

    /** Errors with one code: how many, and the latest. */
    public record ByErrcode(int errcode, long count, Instant lastAt, String lastTenant, String lastApi) {}

    private final Clock clock;
    private final int capacity;
    private final Deque<Error> errors = new ArrayDeque<>();

    public RecentDingTalkErrors(Clock clock, OpsProperties settings) {
        this.clock = clock;
        this.capacity = settings.getRecentErrors();
    }

    public synchronized void record(String tenant, String api, int errcode) {
        if (errors.size() == capacity) {
            errors.removeFirst();
        }
        errors.addLast(new Error(clock.instant(), tenant, api, errcode));
    }

    /** Most frequent code first. */
    public synchronized List<ByErrcode> byErrcode() {
        Map<Integer, ByErrcode> groups = new LinkedHashMap<>();
        for (Error error : errors) {
            groups.merge(error.errcode(), new ByErrcode(error.errcode(), 1, error.at(), error.tenant(), error.api()),
                    (older, newer) -> new ByErrcode(older.errcode(), older.count() + 1, newer.lastAt(),
                            newer.lastTenant(), newer.lastApi()));
        }
        List<ByErrcode> sorted = new ArrayList<>(groups.values());
        sorted.sort(Comparator.comparingLong(ByErrcode::count).reversed());
        return sorted;
    }
}
