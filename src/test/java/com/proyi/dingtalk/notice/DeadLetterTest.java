package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.Fault;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Events that cannot be delivered end dead with a reason an operator can act on, and can be replayed. */
class DeadLetterTest extends ModuleIntegrationTest {

    private static final String SEND = "/topapi/message/corpconversation/asyncsend_v2";

    @Test
    void invalidJsonInFieldsIsDead() {
        long id = outboxEvent("default", "purchase_order", "d-1", "todo", "lisi", "{not json");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));
        assertThat(lastError(id)).contains("fields is not valid JSON");
    }

    @Test
    void fieldsThatAreNotAnObjectAreDead() {
        long id = outboxEvent("default", "purchase_order", "d-1b", "todo", "lisi", "[1,2]");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));
        assertThat(lastError(id)).contains("fields must hold a JSON object");
    }

    @Test
    void anEventWithoutRecipientsIsDead() {
        long id = outboxEvent("default", "purchase_order", "d-2", "todo", " , ", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));
        assertThat(lastError(id)).contains("no recipients");
    }

    @Test
    void aMessageOverDingTalksSizeLimitIsDeadWithoutCallingDingTalk() {
        employee("default", "lisi", "u_lisi");
        jdbc.update("INSERT INTO proyi_doc_event (doc_type, doc_id, action, title, summary, recipients)"
                + " VALUES ('expense_claim', 'd-3', 'todo', '超长摘要', ?, 'lisi')", "很长的摘要".repeat(300));
        long id = jdbc.queryForObject("SELECT MAX(id) FROM proyi_doc_event", Long.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));
        assertThat(lastError(id)).contains("2048");
        assertThat(simulator.calls(SEND)).isZero();
    }

    @Test
    void aTenantWithoutDingTalkSettingsIsDead() {
        long id = outboxEvent("ghost", "purchase_order", "d-4", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));
        assertThat(lastError(id)).contains("no DingTalk settings for tenant 'ghost'");
    }

    @Test
    void anActionWithoutMappingIsDead() {
        employee("default", "lisi", "u_lisi");
        long id = outboxEvent("default", "purchase_order", "d-5", "teleported", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));
        assertThat(lastError(id)).contains("teleported");
    }

    @Test
    void exhaustedAttemptsAreDeadAndAReplayDeliversAfterTheCauseIsFixed() throws Exception {
        employee("default", "lisi", "u_lisi");
        simulator.failNext(SEND, 10_000, Fault.httpStatus(502));
        long id = outboxEvent("default", "purchase_order", "d-6", "todo", "lisi", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD".equals(eventStatus(id)));
        assertThat(lastError(id)).startsWith("gave up after 4 attempts").contains("502");
        assertThat(deliveryStatus(id, "lisi")).isEqualTo("DEAD");

        AdminApi admin = new AdminApi(port, "admin", "admin-pass");
        assertThat(admin.get("/api/admin/dead-events").body()).contains("\"id\":" + id).contains("gave up after 4 attempts");

        simulator.reset();
        assertThat(admin.post("/api/admin/dead-events/" + id + "/replay").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));
        assertThat(deliveryStatus(id, "lisi")).isEqualTo("SENT");
        assertThat(simulator.inbox("u_lisi")).hasSize(1);
    }

    @Test
    void replayAllPutsEveryDeadEventBackAfterTheDataIsFixed() throws Exception {
        employee("default", "lisi", "u_lisi");
        long first = outboxEvent("default", "purchase_order", "d-7", "todo", "lisi", "{broken");
        long second = outboxEvent("default", "purchase_order", "d-8", "cc", "lisi", "{broken");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(first)) && "DEAD".equals(eventStatus(second)));

        jdbc.update("UPDATE proyi_doc_event SET fields = '{}' WHERE id IN (?, ?)", first, second);
        AdminApi admin = new AdminApi(port, "admin", "admin-pass");
        assertThat(admin.post("/api/admin/dead-events/replay").body()).contains("\"replayed\":2");

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(first)) && "DONE".equals(eventStatus(second)));
        assertThat(simulator.inbox("u_lisi")).hasSize(2);
    }

    @Test
    void onlyAdminsMayReplayAndOnlyOperatorsMayLook() throws Exception {
        assertThat(new AdminApi(port, null, null).get("/api/admin/dead-events").statusCode()).isEqualTo(401);
        assertThat(new AdminApi(port, "admin", "wrong").get("/api/admin/dead-events").statusCode()).isEqualTo(401);
        AdminApi viewer = new AdminApi(port, "viewer", "viewer-pass");
        assertThat(viewer.get("/api/admin/dead-events").statusCode()).isEqualTo(200);
        assertThat(viewer.post("/api/admin/dead-events/replay").statusCode()).isEqualTo(403);
        assertThat(new AdminApi(port, "admin", "admin-pass").post("/api/admin/dead-events/999999/replay").statusCode())
                .isEqualTo(404);
    }
}
