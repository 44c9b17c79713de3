package com.proyi.dingtalk.notice.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.StatusBar;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A closing event of a document updates its earlier open notices: status bar, recall, or left, per delivery. */
class DocumentClosingTest extends ModuleIntegrationTest {

    private static final String STATUS_BAR = "/topapi/message/corpconversation/status_bar/update";

    @BeforeEach
    void noQueuedClosings() {
        jdbc.update("DELETE FROM dingtalk_doc_closing");
    }

    @Test
    void approvingADocumentPutsItsStateOnSmallOaCopiesAndRecallsTheToDo() throws Exception {
        employee("default", "boss", "u_boss");
        employee("default", "lisi", "u_lisi");
        employee("default", "wangwu", "u_wangwu");
        long todo = delivered(outboxEvent("default", "expense_claim", "ex-1", "todo", "lisi", null));
        long cc = delivered(outboxEvent("default", "expense_claim", "ex-1", "cc", "lisi,wangwu", null));
        long otherDocument = delivered(outboxEvent("default", "expense_claim", "ex-2", "todo", "wangwu", null));

        long approved = delivered(outboxEvent("default", "expense_claim", "ex-1", "approved", "boss", null));

        await().atMost(Duration.ofSeconds(10)).until(() -> closedAs(cc, "wangwu") != null && closedAs(todo, "lisi") != null);
        assertThat(closedAs(cc, "lisi")).isEqualTo("STATUS_BAR");
        assertThat(simulator.statusBar(taskId(cc, "lisi"))).hasValue(new StatusBar("已同意", "0xFF15BC83"));
        assertThat(closedAs(todo, "lisi")).isEqualTo("RECALLED");
        assertThat(simulator.isRecalled(taskId(todo, "lisi"))).isTrue();
        assertThat(jdbc.queryForObject("SELECT closed_by FROM dingtalk_notice_delivery WHERE event_id = ? AND account = 'lisi'",
                Long.class, todo)).isEqualTo(approved);
        // another document and the closing notice itself stay as they are
        assertThat(closedAs(otherDocument, "wangwu")).isNull();
        assertThat(simulator.isRecalled(taskId(otherDocument, "wangwu"))).isFalse();
        assertThat(closedAs(approved, "boss")).isNull();
        assertThat(jdbc.queryForObject("SELECT status FROM dingtalk_doc_closing WHERE event_id = ?", String.class, approved))
                .isEqualTo("DONE");

        // what the employee sees: the inbox page draws the copy with its new status bar and the recalled to-do
        String inbox = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(simulator.baseUrl() + "/inbox?user=u_lisi")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(inbox).contains("已同意", "此消息已被撤回",
                "data-task-id=\"" + taskId(todo, "lisi") + "\"", "data-task-id=\"" + taskId(cc, "lisi") + "\"");

        // the delivery API shows the document's notices with their current state
        String notices = new AdminApi(port, "viewer", "viewer-pass")
                .get("/api/admin/deliveries?docType=expense_claim&docId=ex-1").body();
        assertThat(notices).contains("\"closedAs\":\"STATUS_BAR\"", "\"closedNote\":\"已同意\"", "\"closedAs\":\"RECALLED\"",
                "\"closedBy\":" + approved);
    }

    @Test
    void withdrawingADocumentWithManyRecipientsRecallsTheToDoAndLeavesTheCopy() {
        List<String> people = IntStream.range(0, 6).mapToObj(i -> "p" + i).toList();
        people.forEach(account -> employee("default", account, "u_" + account));
        long todo = delivered(outboxEvent("default", "expense_claim", "ex-3", "todo", String.join(",", people), null));
        long cc = delivered(outboxEvent("default", "expense_claim", "ex-3", "cc", String.join(",", people), null));
        int statusBarCalls = simulator.calls(STATUS_BAR);

        long withdrawn = delivered(outboxEvent("default", "expense_claim", "ex-3", "withdrawn", "p0", null));

        await().atMost(Duration.ofSeconds(10)).until(() -> closedAs(cc, "p5") != null && closedAs(todo, "p5") != null);
        assertThat(closedAs(todo, "p3")).isEqualTo("RECALLED");
        assertThat(simulator.isRecalled(taskId(todo, "p3"))).isTrue();
        assertThat(closedAs(cc, "p3")).isEqualTo("LEFT");
        assertThat(jdbc.queryForObject("SELECT closed_note FROM dingtalk_notice_delivery WHERE event_id = ? AND account = 'p3'",
                String.class, cc)).isEqualTo("when_closed: leave");
        assertThat(simulator.isRecalled(taskId(cc, "p3"))).isFalse();
        assertThat(simulator.calls(STATUS_BAR)).as("no status bar for more than 5 people").isEqualTo(statusBarCalls);
        // the withdrawn notice itself: an OA with the 已撤回 status bar
        assertThat(simulator.inbox("u_p0").get(2).msg().path("oa").path("status_bar").path("status_value").asText())
                .isEqualTo("已撤回");
        assertThat(withdrawn).isGreaterThan(cc);
    }

    @Test
    void aFailedStatusBarUpdateIsTriedAgain() {
        employee("default", "lisi", "u_lisi");
        long cc = delivered(outboxEvent("default", "expense_claim", "ex-4", "cc", "lisi", null));
        simulator.failNext(STATUS_BAR, 1, com.proyi.dingtalk.dingtalk.simulator.Fault.httpStatus(503));
        simulator.failNext(STATUS_BAR, 5, com.proyi.dingtalk.dingtalk.simulator.Fault.httpStatus(503));

        long rejected = delivered(outboxEvent("default", "expense_claim", "ex-4", "rejected", "lisi", null));

        await().atMost(Duration.ofSeconds(15)).until(() -> "STATUS_BAR".equals(closedAs(cc, "lisi")));
        assertThat(simulator.statusBar(taskId(cc, "lisi"))).hasValue(new StatusBar("已驳回", "0xFFF65E5E"));
        assertThat(jdbc.queryForObject("SELECT attempts FROM dingtalk_doc_closing WHERE event_id = ?", Integer.class, rejected))
                .isGreaterThanOrEqualTo(1);
    }

    private long delivered(long eventId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(eventId)));
        return eventId;
    }

    private String closedAs(long eventId, String account) {
        return jdbc.queryForObject("SELECT closed_as FROM dingtalk_notice_delivery WHERE event_id = ? AND account = ?",
                String.class, eventId, account);
    }

    private long taskId(long eventId, String account) {
        return jdbc.queryForObject("SELECT task_id FROM dingtalk_notice_delivery WHERE event_id = ? AND account = ?",
                Long.class, eventId, account);
    }
}
