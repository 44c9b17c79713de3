package com.proyi.dingtalk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.SentMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** At DingTalk's 20 calls/s: how close the module gets to the cap without a 90018, and the latency below it. */
@Tag("benchmark")
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// production defaults: the test profile polls every 100 ms
@TestPropertySource(properties = {"dingtalk.rate-limit-per-second=20", "proyi.outbox.poll-interval=100ms",
        "proyi.outbox.batch-size=100", "proyi.outbox.workers=8", "logging.level.com.proyi.dingtalk=WARN"})
class NoticeRateCapBenchmark extends NoticeBenchmarkSupport {

    private static final String SEND = "/topapi/message/corpconversation/asyncsend_v2";
    private static final Pattern DOC_NO = Pattern.compile("latency-\\d+");
    private static final List<String> ROWS = Collections.synchronizedList(new ArrayList<>());

    @Test
    @Order(1)
    void callsPerSecondAtTheCap() {
        employees();
        simulator.setQpsLimit(20);
        int seconds = 30;
        feed(25, seconds, "cap");
        await().atMost(Duration.ofMinutes(3)).until(() -> done() == 25 * seconds);

        List<Instant> calls = simulator.sentMessages().stream().map(SentMessage::at).sorted().toList();
        Instant from = calls.get(0).plusSeconds(2);
        Instant to = from.plusSeconds(seconds - 6);
        long inWindow = calls.stream().filter(at -> !at.isBefore(from) && at.isBefore(to)).count();
        double achieved = inWindow / (double) Duration.between(from, to).toSeconds();

        ROWS.add(String.format(Locale.ROOT, "| 25 events/s offered for %d s, cap 20 calls/s in client and simulator "
                        + "| %d s of steady state | **%.2f calls/s**, %d × 88/90018, busiest sliding second %d calls "
                        + "| ≥ 19 calls/s, 0 × 90018 |",
                seconds, Duration.between(from, to).toSeconds(), achieved, simulator.rateLimitRejections(),
                simulator.maxCallsInAnySecond(SEND)));
        assertThat(simulator.rateLimitRejections()).isZero();
        assertThat(achieved).isGreaterThanOrEqualTo(19.0);
    }

    @Test
    @Order(2)
    void latencyFromOutboxInsertToDingTalkCall() {
        employees();
        simulator.setQpsLimit(20);
        Map<String, Instant> inserted = feed(10, 30, "latency");
        await().atMost(Duration.ofMinutes(2)).until(() -> done() == 300);

        // the simulator timestamps each call on arrival; the doc_no is in the message text
        List<Long> millis = new ArrayList<>();
        for (SentMessage sent : simulator.sentMessages()) {
            Matcher docNo = DOC_NO.matcher(sent.msg().toString());
            if (docNo.find() && inserted.containsKey(docNo.group())) {
                millis.add(Duration.between(inserted.get(docNo.group()), sent.at()).toMillis());
            }
        }
        assertThat(millis).hasSize(300);
        Collections.sort(millis);
        ROWS.add(String.format(Locale.ROOT, "| outbox insert committed → call arrives at DingTalk, 10 events/s for 30 s, poll interval 100 ms "
                        + "| %d events | p50 **%d ms**, p95 %d ms, max %d ms | within 1–2 s |",
                millis.size(), percentile(millis, 50), percentile(millis, 95), millis.get(millis.size() - 1)));
        assertThat(percentile(millis, 95)).isLessThan(2000);
    }

    @AfterAll
    static void report() throws Exception {
        BenchmarkReport.section("Notices at the DingTalk rate limit",
                "One module instance with default settings (8 workers, poll interval 100 ms).", ROWS);
    }
}
