package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.SentMessage;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Two instances at default settings against a DingTalk that enforces the app's 20 calls a second:
 * they divide the limit between them, so DingTalk refuses nothing, and both send.
 */
@DirtiesContext
class SharedRateLimitTest extends ModuleIntegrationTest {

    private static final int EVENTS = 240;

    @Test
    void twoInstancesStayUnderTheAppsLimitTogether() {
        for (int i = 0; i < 20; i++) {
            employee("default", "s" + i, "u_s" + i);
        }
        try (ConfigurableApplicationContext second = startAnotherInstance("--proyi.outbox.instance-id=second")) {
            // both leases past the joining grace: each instance has seen the other and taken its share
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM dingtalk_instance_lease WHERE instance_id = 'second'"
                            + " AND joined_at < CURRENT_TIMESTAMP(3) - INTERVAL 2 SECOND", Integer.class) == 1);
            for (int e = 0; e < EVENTS; e++) {
                outboxEvent("default", "expense_claim", "shared-" + e, "cc", "s" + (e % 20), null);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM proyi_doc_event WHERE status IN ('NEW', 'PROCESSING')", Integer.class) == 0);

            assertThat(simulator.rateLimitRejections()).as("answers 90018").isZero();
            assertThat(simulator.maxCallsInAnySecond(SEND)).isLessThanOrEqualTo(20);
            // only this test's notices (an earlier test class's context may still have been finishing)
            List<SentMessage> sent = simulator.sentMessages().stream()
                    .filter(message -> message.msg().toString().contains("docid=shared-")).toList();
            assertThat(sent).hasSize(EVENTS);
            Duration drain = Duration.between(sent.get(0).at(), sent.get(sent.size() - 1).at());
            // one instance alone gets at most 10 a second: more shows that both sent. How close together they
            // come to 20 is the benchmark's figure (NoticeFairnessBenchmark, docs/benchmark.md); on a loaded
            // test machine a late lease renewal costs a join grace now and then
            assertThat(EVENTS * 1000.0 / drain.toMillis()).as("calls per second together").isGreaterThan(11);
        }
    }

    private static final String SEND = "/topapi/message/corpconversation/asyncsend_v2";
}
