package com.proyi.dingtalk.benchmark;

import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.notice.ProYiWebhook;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * How long a notice takes from ProYi to DingTalk at 50 events/s, below any rate limit: through the
 * webhook (handed to the engine at once) and through a trigger's insert (found by the poll).
 */
@Tag("benchmark")
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {"dingtalk.rate-limit-per-second=1000", "proyi.outbox.poll-interval=100ms",
        "logging.level.com.proyi.dingtalk=WARN"})
class NoticeLatencyBenchmark extends StandInBenchmarkSupport {

    private static final String SECRET = "test-webhook-secret-0123456789abcdef";
    private static final List<String> ROWS = Collections.synchronizedList(new ArrayList<>());
    private static final int PER_SECOND = 50;
    private static final int SECONDS = Math.max(4, scaled(20));
    private static final int WARM_UP_SECONDS = Math.max(2, scaled(10));

    @Test
    @Order(1)
    void webhookToDingTalk() throws Exception {
        employees();
        clearOutbox();
        resetStandIn(1000);
        HttpClient http = HttpClient.newHttpClient();
        URI events = URI.create("http://127.0.0.1:" + port + "/api/proyi/events");
        // a deployed module runs warm: the same load, unmeasured, until the JIT has compiled the webhook's path
        AtomicInteger warmUpFailures = new AtomicInteger();
        atSteadyRate(WARM_UP_SECONDS, i -> postEvent(http, events, "warm-" + i, new ConcurrentHashMap<>(), warmUpFailures));
        await().atMost(Duration.ofMinutes(2)).until(() -> done() == PER_SECOND * WARM_UP_SECONDS - warmUpFailures.get());
        clearOutbox();
        resetStandIn(1000);

        AtomicInteger failures = new AtomicInteger();
        Map<String, Instant> accepted = new ConcurrentHashMap<>();
        atSteadyRate(SECONDS, i -> postEvent(http, events, "hook-" + i, accepted, failures));
        await().atMost(Duration.ofMinutes(2)).until(() -> done() == PER_SECOND * SECONDS - failures.get());
        List<Long> millis = latencies(accepted, arrivals());
        ROWS.add(String.format(Locale.ROOT, "| webhook 202 → DingTalk accepted the call, %d events/s for %d s after %d s of"
                        + " unmeasured warm-up | %d events | p50 **%d ms**, p99 **%d ms**, max %d ms | p99 ≤ 100 ms |",
                PER_SECOND, SECONDS, WARM_UP_SECONDS,
                millis.size(), percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1)));
    }

    private static void postEvent(HttpClient http, URI events, String docId, Map<String, Instant> accepted,
                                  AtomicInteger failures) {
        String body = "{\"doc_type\":\"expense_claim\",\"doc_id\":\"" + docId + "\",\"action\":\"cc\",\"title\":\"基准\","
                + "\"recipients\":[\"bench" + Math.floorMod(docId.hashCode(), USERS) + "\"]}";
        long timestamp = Instant.now().getEpochSecond();
        http.sendAsync(HttpRequest.newBuilder(events).header("Content-Type", "application/json; charset=UTF-8")
                .header("X-ProYi-Timestamp", Long.toString(timestamp))
                .header("X-ProYi-Signature", "sha256=" + ProYiWebhook.sign(SECRET, timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .thenAccept(response -> {
                    if (response.statusCode() == 202) {
                        accepted.put(docId, Instant.now());
                    } else {
                        failures.incrementAndGet();
                    }
                });
    }

    @Test
    @Order(2)
    void triggerInsertToDingTalk() throws Exception {
        employees();
        clearOutbox();
        resetStandIn(1000);
        Map<String, Instant> committed = new ConcurrentHashMap<>();
        atSteadyRate(SECONDS, i -> {
            jdbc.update("INSERT INTO proyi_doc_event (doc_type, doc_id, doc_no, action, title, recipients)"
                    + " VALUES ('expense_claim', ?, ?, 'cc', '基准', ?)", "trigger-" + i, "trigger-" + i, "bench" + (i % USERS));
            committed.put("trigger-" + i, Instant.now());
        });
        await().atMost(Duration.ofMinutes(2)).until(() -> done() == PER_SECOND * SECONDS);
        List<Long> millis = latencies(committed, arrivals());
        ROWS.add(String.format(Locale.ROOT, "| trigger insert → DingTalk accepted the call, %d events/s for %d s, poll every 100 ms "
                        + "| %d events | p50 **%d ms**, p99 **%d ms**, max %d ms | p99 ≤ 300 ms |", PER_SECOND, SECONDS,
                millis.size(), percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1)));
    }

    @AfterAll
    static void report() throws Exception {
        BenchmarkReport.section("Notice latency",
                "One module instance with default settings (poll every 100 ms) and a rate limit above the load; the"
                        + " DingTalk stand-in runs in a JVM of its own. Latency is from the webhook's 202 arriving at the"
                        + " caller (or the trigger's insert committed) to the call arriving at the stand-in, both on this"
                        + " machine's clock. The webhook hands an event to the engine when its insert commits, before it"
                        + " answers, so a call can reach the stand-in before the 202 reaches the caller: such a latency"
                        + " counts as 0 ms or less." + scaleNote(), ROWS);
    }

    /** Runs the step PER_SECOND times a second for the given seconds, from one thread. */
    private static void atSteadyRate(int seconds, java.util.function.IntConsumer step) throws InterruptedException {
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        int total = PER_SECOND * seconds;
        feeder.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i < total) {
                step.accept(i);
            }
        }, 0, 1_000_000 / PER_SECOND, TimeUnit.MICROSECONDS);
        await().atMost(Duration.ofSeconds(seconds + 30)).until(() -> next.get() >= total);
        feeder.shutdownNow();
        feeder.awaitTermination(5, TimeUnit.SECONDS);
    }
}
