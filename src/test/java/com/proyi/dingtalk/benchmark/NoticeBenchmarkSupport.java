package com.proyi.dingtalk.benchmark;

import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Loads the outbox the way ProYi's triggers do: in bulk, or at a steady rate from another thread. */
abstract class NoticeBenchmarkSupport extends ModuleIntegrationTest {

    static final int USERS = 1_000;
    private static final String INSERT = "INSERT INTO proyi_doc_event (doc_type, doc_id, doc_no, action, title, recipients,"
            + " created_at) VALUES ('expense_claim', ?, ?, 'cc', '基准测试', ?, ?)";

    void employees() {
        for (int i = 0; i < USERS; i++) {
            employee("default", "bench" + i, "u_bench" + i);
        }
    }

    /** Inserts n events that are not due for an hour, so the outbox fills before the poller sees any. */
    void insertEvents(int n, String prefix) {
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp later = Timestamp.from(Instant.now().plusSeconds(3600));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {prefix + "-" + i, prefix + "-" + i, "bench" + (i % USERS), now, later});
            if (rows.size() == 1000 || i == n - 1) {
                jdbc.batchUpdate("INSERT INTO proyi_doc_event (doc_type, doc_id, doc_no, action, title, recipients,"
                        + " created_at, next_attempt_at) VALUES ('expense_claim', ?, ?, 'cc', '基准测试', ?, ?, ?)", rows);
                rows.clear();
            }
        }
    }

    /** Inserts events at a steady rate; returns when each doc_no was committed to the outbox. */
    Map<String, Instant> feed(int perSecond, int seconds, String prefix) {
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        Map<String, Instant> inserted = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        int total = perSecond * seconds;
        feeder.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i < total) {
                String docNo = prefix + "-" + i;
                jdbc.update(INSERT, docNo, docNo, "bench" + (i % USERS), Timestamp.from(Instant.now()));
                inserted.put(docNo, Instant.now());
            }
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        await().atMost(Duration.ofSeconds(seconds + 30)).until(() -> inserted.size() >= total);
        feeder.shutdownNow();
        return inserted;
    }

    int done() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE status = 'DONE'", Integer.class);
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
