package com.proyi.dingtalk.notice.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.simulator.Fault;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** After a send the module reads getsendresult and records, per recipient, delivered, read or dropped with the reason. */
class SendResultsTest extends ModuleIntegrationTest {

    private static final String SEND = "/topapi/message/corpconversation/asyncsend_v2";
    private static final String SEND_RESULT = "/topapi/message/corpconversation/getsendresult";

    @Autowired ObjectMapper mapper;
    @Autowired SendResults sendResults;
    @Autowired CamelContext camel;

    @Test
    void eachRecipientIsRecordedDeliveredReadOrDroppedWithTheReason() throws Exception {
        employee("default", "lisi", "u_lisi");
        employee("default", "wangwu", "u_wangwu");
        // bound in ProYi's HR record to a user id DingTalk does not know
        jdbc.update("INSERT INTO proyi_hr_record (tenant_id, account, name, employment_status, dingtalk_userid)"
                + " VALUES ('default', 'ghost', '幽灵', 'ACTIVE', 'u_ghost')");
        simulator.failDeliveriesTo("u_wangwu");
        long id = outboxEvent("default", "expense_claim", "ex-1", "cc", "lisi,wangwu,ghost", null);

        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "DROPPED".equals(deliveryStatus(id, "ghost")));
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "UNREAD".equals(column(id, "lisi", "receipt")));
        assertThat(deliveryStatus(id, "lisi")).isEqualTo("SENT");
        assertThat(column(id, "ghost", "drop_code")).isEqualTo("invalid");
        assertThat(column(id, "ghost", "last_error")).contains("u_ghost");
        assertThat(deliveryStatus(id, "wangwu")).isEqualTo("DROPPED");
        assertThat(column(id, "wangwu", "drop_code")).isEqualTo("failed");

        long taskId = jdbc.queryForObject("SELECT task_id FROM dingtalk_notice_delivery WHERE event_id = ? AND account = 'lisi'",
                Long.class, id);
        simulator.markRead("u_lisi", taskId);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "READ".equals(column(id, "lisi", "receipt")));

        // read receipts end the checks: a READ and the dropped rows are not read again
        int reads = simulator.calls(SEND_RESULT);
        Thread.sleep(1500); // longer than recheck-after (1 s) and several polls: nothing may be read now
        assertThat(simulator.calls(SEND_RESULT)).isEqualTo(reads);

        AdminApi viewer = new AdminApi(port, "viewer", "viewer-pass");
        JsonNode deliveries = json(viewer.get("/api/admin/deliveries?event=" + id));
        assertThat(deliveries).hasSize(3);
        Map<String, JsonNode> byAccount = Map.of(deliveries.get(0).path("account").asText(), deliveries.get(0),
                deliveries.get(1).path("account").asText(), deliveries.get(1),
                deliveries.get(2).path("account").asText(), deliveries.get(2));
        assertThat(byAccount.get("lisi").path("receipt").asText()).isEqualTo("READ");
        assertThat(byAccount.get("ghost").path("status").asText()).isEqualTo("DROPPED");
        assertThat(byAccount.get("ghost").path("reason").asText()).contains("does not know the user id u_ghost");

        JsonNode documentNotices = json(viewer.get("/api/admin/deliveries?docType=expense_claim&docId=ex-1"));
        assertThat(documentNotices).hasSize(3);

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonNode outcomes = json(viewer.get("/api/admin/notice-outcomes?days=7"));
        JsonNode row = null;
        for (JsonNode candidate : outcomes) {
            if (candidate.path("docType").asText().equals("expense_claim") && candidate.path("day").asText().equals(today)) {
                row = candidate;
            }
        }
        assertThat(row).as("today's expense_claim row in %s", outcomes).isNotNull();
        assertThat(row.path("delivered").asLong()).isEqualTo(1);
        assertThat(row.path("read").asLong()).isEqualTo(1);
        assertThat(row.path("dropped").asLong()).isEqualTo(2);
    }

    @Test
    void twoInstancesThatFindOneTaskDueReadItOnce() throws Exception {
        employee("default", "lisi", "u_lisi");
        camel.getRouteController().stopRoute("notice-send-results");
        try {
            long id = outboxEvent("default", "expense_claim", "ex-once", "cc", "lisi", null);
            await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(deliveryStatus(id, "lisi")));
            long taskId = jdbc.queryForObject("SELECT task_id FROM dingtalk_notice_delivery WHERE event_id = ? AND account = 'lisi'",
                    Long.class, id);
            SendResults.Task task = new SendResults.Task("default", taskId);
            assertThat(sendResults.due()).contains(task);

            // both instances found it due; each read costs a call of the monthly quota
            int reads = simulator.calls(SEND_RESULT);
            sendResults.read(task);
            sendResults.read(task);

            assertThat(simulator.calls(SEND_RESULT) - reads).isEqualTo(1);
            assertThat(column(id, "lisi", "receipt")).isEqualTo("UNREAD");
        } finally {
            camel.getRouteController().startRoute("notice-send-results");
        }
    }

    @Test
    void theSameContentTwiceADayIsDroppedAs143106ButTheDefaultReminderOfALaterEventIsNot() {
        employee("default", "lisi", "u_lisi");
        Instant at = Instant.parse("2026-03-02T02:00:00Z");
        long first = eventAt("po-9", at);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "UNREAD".equals(column(first, "lisi", "receipt")));

        // ProYi raised the very same reminder again (same document, same second): the same content
        long again = eventAt("po-9", at);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "DROPPED".equals(deliveryStatus(again, "lisi")));
        assertThat(column(again, "lisi", "drop_code")).isEqualTo("143106");
        assertThat(column(again, "lisi", "last_error")).contains("143106", "same content");

        // a genuine second reminder a minute later: the default mapping shows the event time, so it differs
        long later = eventAt("po-9", at.plusSeconds(60));
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> "UNREAD".equals(column(later, "lisi", "receipt")));
        assertThat(simulator.inbox("u_lisi")).hasSize(2);
        assertThat(simulator.inbox("u_lisi").get(1).msg().path("action_card").path("markdown").asText())
                .contains("PO-9", "2026-03-02 10:01:00");
    }

    @Test
    void aDeadEventCarriesWhatBecameOfEachRecipient() throws Exception {
        employee("default", "lisi", "u_lisi");
        employee("default", "notbound", null);
        simulator.failNext(SEND, 1, Fault.errcode(40056, "不合法的agentid"));
        long id = outboxEvent("default", "expense_claim", "ex-2", "cc", "lisi,notbound", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));

        JsonNode dead = json(new AdminApi(port, "viewer", "viewer-pass").get("/api/admin/dead-events"));
        JsonNode event = dead.get(0);
        assertThat(event.path("id").asLong()).isEqualTo(id);
        assertThat(event.path("deliveries")).hasSize(2);
        for (JsonNode delivery : event.path("deliveries")) {
            if (delivery.path("account").asText().equals("lisi")) {
                assertThat(delivery.path("status").asText()).isEqualTo("DEAD");
                assertThat(delivery.path("reason").asText()).contains("40056");
            } else {
                assertThat(delivery.path("status").asText()).isEqualTo("UNBOUND");
            }
        }
    }

    private long eventAt(String docId, Instant at) {
        jdbc.update("INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, sender, recipients,"
                        + " created_at) VALUES ('default', 'purchase_order', ?, ?, 'todo', '采购订单', 'boss', 'lisi', ?)",
                docId, docId.toUpperCase(), Timestamp.from(at));
        return jdbc.queryForObject("SELECT MAX(id) FROM proyi_doc_event", Long.class);
    }

    private String column(long eventId, String account, String column) {
        return jdbc.queryForObject("SELECT " + column + " FROM dingtalk_notice_delivery WHERE event_id = ? AND account = ?",
                String.class, eventId, account);
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return mapper.readTree(response.body());
    }
}
