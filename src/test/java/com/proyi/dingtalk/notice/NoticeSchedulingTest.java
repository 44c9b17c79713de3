package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.SentMessage;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import com.proyi.dingtalk.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Who goes first when a DingTalk app has more notices than its rate limit lets out: other apps are
 * not held up, a todo goes before copies, the notices of one document keep their order, and a
 * webhook event does not wait for the poll.
 */
// a slow poll (only the webhook's hand-over can be quick) and a low cap for tenant default; a database of
// its own, since the cached modules of other test classes poll the shared outbox and would send these
// notices at their own rate; closed afterwards
@DirtiesContext
@TestPropertySource(properties = {"proyi.outbox.poll-interval=10s", "dingtalk.rate-limit-per-second=5",
        "proyi.outbox.batch-size=50"})
class NoticeSchedulingTest extends ModuleIntegrationTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) {
        TestDatabase.useOwn(properties, "_scheduling");
    }

    private static final String SECRET = "test-webhook-secret-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired NoticeScheduler scheduler;

    @Test
    void anotherTenantIsNotHeldUpByATenantAtItsCap() {
        employee("default", "bulk", "u_bulk");
        employee("acme", "other", "u_other");
        for (int i = 0; i < 60; i++) {
            outboxEvent("default", "expense_claim", "bulk-" + i, "cc", "bulk", null);
        }
        // default needs 12 s at 5 calls a second; acme's notice must not wait behind it
        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.sentMessages().size() >= 5);
        Instant raised = Instant.now();
        long acme = outboxEvent("acme", "expense_claim", "acme-1", "cc", "other", null);
        scheduler.wake(); // claimed at once, as a webhook event is: this test is about what comes after

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(acme)));
        SentMessage acmeSent = sentTo("u_other").get(0);
        assertThat(Duration.between(raised, acmeSent.at())).isLessThan(Duration.ofMillis(3500));
        assertThat(pendingOf("default")).as("default's backlog is still draining").isGreaterThan(20);
    }

    @Test
    void aTodoGoesAheadOfCopiesOfTheSameTenant() {
        employee("default", "reader", "u_reader");
        employee("default", "approver", "u_approver");
        for (int i = 0; i < 60; i++) {
            outboxEvent("default", "expense_claim", "copy-" + i, "cc", "reader", null);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.sentMessages().size() >= 5);
        long todo = outboxEvent("default", "expense_claim", "urgent", "todo", "approver", null);
        scheduler.wake();

        await().atMost(Duration.ofSeconds(8)).until(() -> "DONE".equals(eventStatus(todo)));
        assertThat(pendingOf("default")).as("copies still waiting").isGreaterThan(20);
    }

    @Test
    void aTodoTakenAheadOfAFullQueueBringsTheEarlierNoticesOfItsDocumentAlong() {
        employee("default", "reader", "u_reader");
        employee("default", "approver", "u_approver");
        for (int i = 0; i < 60; i++) {
            outboxEvent("default", "expense_claim", "copy-" + i, "cc", "reader", null);
        }
        // the tenant's queue here is full (a batch of 50); its 60th copy is claimed only when there is room
        await().atMost(Duration.ofSeconds(20)).until(() -> simulator.sentMessages().size() >= 5);
        long copy = outboxEvent("default", "expense_claim", "raised", "cc", "approver", null);
        long todo = outboxEvent("default", "expense_claim", "raised", "todo", "approver", null);
        scheduler.wake();

        await().atMost(Duration.ofSeconds(8)).until(() -> "DONE".equals(eventStatus(todo)));
        assertThat(eventStatus(copy)).as("the document's earlier copy came along").isEqualTo("DONE");
        List<Long> taskIds = jdbc.queryForList("SELECT task_id FROM dingtalk_notice_delivery WHERE event_id IN (?, ?)"
                + " ORDER BY event_id", Long.class, copy, todo);
        assertThat(taskIds).as("the copy went first, as it was raised first").isSorted();
        assertThat(pendingOf("default")).as("the backlog still waits").isGreaterThan(20);
    }

    @Test
    void theNoticesOfOneDocumentKeepTheirOrder() {
        employee("default", "lisi", "u_lisi");
        List<Long> ids = new ArrayList<>();
        ids.add(outboxEvent("default", "expense_claim", "same-doc", "cc", "lisi", null));
        ids.add(outboxEvent("default", "expense_claim", "same-doc", "todo", "lisi", null));
        ids.add(outboxEvent("default", "expense_claim", "same-doc", "approved", "lisi", null));

        await().atMost(Duration.ofSeconds(25)).until(() -> ids.stream().allMatch(id -> "DONE".equals(eventStatus(id))));
        List<Long> taskIds = jdbc.queryForList("SELECT task_id FROM dingtalk_notice_delivery WHERE event_id IN (?, ?, ?)"
                + " ORDER BY event_id", Long.class, ids.get(0), ids.get(1), ids.get(2));
        assertThat(taskIds).as("sent in event order, although the todo ranks first").isSorted();
    }

    @Test
    void aWebhookEventIsSentWithoutWaitingForThePoll() throws Exception {
        employee("default", "lisi", "u_lisi");
        // the poll runs every 10 s here; wait for one to pass, so the next is seconds away
        long warmUp = outboxEvent("default", "expense_claim", "warm-up", "cc", "lisi", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(eventStatus(warmUp)));

        String body = """
                {"doc_type":"expense_claim","doc_id":"hook-1","action":"todo","title":"报销","recipients":["lisi"]}""";
        long timestamp = Instant.now().getEpochSecond();
        Instant posted = Instant.now();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/proyi/events"))
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .header("X-ProYi-Timestamp", Long.toString(timestamp))
                        .header("X-ProYi-Signature", "sha256=" + ProYiWebhook.sign(SECRET, timestamp + "." + body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(8)).until(() -> sentTo("u_lisi").size() == 2);
        // well below the poll interval (on a busy test machine; the benchmark measures the latency)
        assertThat(Duration.between(posted, sentTo("u_lisi").get(1).at())).isLessThan(Duration.ofSeconds(4));
    }

    private List<SentMessage> sentTo(String userId) {
        return simulator.sentMessages().stream().filter(sent -> sent.userIds().contains(userId)).toList();
    }

    private int pendingOf(String tenant) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM proyi_doc_event WHERE tenant_id = ?"
                + " AND status IN ('NEW', 'PROCESSING')", Integer.class, tenant);
    }
}
