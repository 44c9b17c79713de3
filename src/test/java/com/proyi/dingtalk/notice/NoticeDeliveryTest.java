package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.dingtalk.simulator.Fault;
import com.proyi.dingtalk.dingtalk.simulator.InboxEntry;
import com.proyi.dingtalk.dingtalk.simulator.SentMessage;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A ProYi document change written to the outbox reaches the right people in DingTalk, once. */
class NoticeDeliveryTest extends ModuleIntegrationTest {

    private static final String SEND = "/topapi/message/corpconversation/asyncsend_v2";

    @Test
    void todoEventBecomesAnActionCardThatOpensTheDocument() {
        employee("default", "lisi", "u_lisi");
        long id = outboxEvent("default", "purchase_order", "po-1", "todo", "lisi", "{\"amount\":\"99.50\",\"supplier\":\"得力\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));

        List<InboxEntry> inbox = simulator.inbox("u_lisi");
        assertThat(inbox).hasSize(1);
        JsonNode msg = inbox.get(0).msg();
        assertThat(msg.path("msgtype").asText()).isEqualTo("action_card");
        List<String> buttons = msg.path("action_card").path("btn_json_list").findValuesAsText("title");
        assertThat(buttons).contains("处理", "审批", "驳回");
        String firstUrl = msg.path("action_card").path("btn_json_list").get(0).path("action_url").asText();
        assertThat(firstUrl).startsWith("dingtalk://dingtalkclient/page/link?url=").endsWith("&pc_slide=true");
        String target = URLDecoder.decode(firstUrl.substring(firstUrl.indexOf("url=") + 4, firstUrl.indexOf("&pc_slide")),
                StandardCharsets.UTF_8);
        assertThat(target).startsWith("https://proyi.test.example/").contains("po-1");

        long taskId = jdbc.queryForObject("SELECT task_id FROM dingtalk_notice_delivery WHERE event_id = ? AND account = 'lisi'",
                Long.class, id);
        assertThat(taskId).isEqualTo(inbox.get(0).taskId());
        assertThat(deliveryStatus(id, "lisi")).isEqualTo("SENT");
    }

    @Test
    void ccEventBecomesAnOaMessageWithSidePanelLinkOnPc() {
        employee("default", "wangwu", "u_wangwu");
        long id = outboxEvent("default", "expense_claim", "ex-7", "cc", "wangwu", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));

        JsonNode oa = simulator.inbox("u_wangwu").get(0).msg().path("oa");
        assertThat(oa.path("message_url").asText()).startsWith("https://proyi.test.example/WXDefault.aspx?");
        String pc = oa.path("pc_message_url").asText();
        assertThat(pc).startsWith("dingtalk://dingtalkclient/page/link?url=").endsWith("&pc_slide=true");
        assertThat(URLDecoder.decode(pc, StandardCharsets.UTF_8)).contains("https://proyi.test.example/LoginPage.html?");
    }

    @Test
    void unboundRecipientsWaitWhileTheOthersGetTheNotice() {
        employee("default", "bound", "u_bound");
        employee("default", "notbound", null);
        long id = outboxEvent("default", "purchase_order", "po-2", "todo", "bound,notbound,nobody", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));

        assertThat(deliveryStatus(id, "bound")).isEqualTo("SENT");
        assertThat(deliveryStatus(id, "notbound")).isEqualTo("UNBOUND");
        assertThat(deliveryStatus(id, "nobody")).isEqualTo("UNBOUND");
        assertThat(simulator.sentMessages()).singleElement()
                .satisfies(sent -> assertThat(sent.userIds()).containsExactly("u_bound"));
    }

    @Test
    void twoHundredFiftyRecipientsAreSentInThreeCallsOfAtMostOneHundred() {
        List<String> accounts = IntStream.range(0, 250).mapToObj(i -> "emp" + i).toList();
        accounts.forEach(account -> employee("default", account, "u_" + account));
        long id = outboxEvent("default", "notice", "n-250", "cc", String.join(",", accounts), null);

        await().atMost(Duration.ofSeconds(15)).until(() -> "DONE".equals(eventStatus(id)));

        List<SentMessage> sent = simulator.sentMessages();
        assertThat(sent).hasSize(3);
        assertThat(sent).allSatisfy(message -> assertThat(message.userIds()).hasSizeLessThanOrEqualTo(100));
        assertThat(sent.stream().flatMap(message -> message.userIds().stream()).collect(Collectors.toSet()))
                .hasSize(250);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_notice_delivery WHERE event_id = ? AND status = 'SENT'",
                Integer.class, id)).isEqualTo(250);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT task_id) FROM dingtalk_notice_delivery WHERE event_id = ?",
                Integer.class, id)).isEqualTo(3);
    }

    @Test
    void anExpiredTokenIsRenewedAndTheCallRetriedOnce() {
        employee("default", "lisi", "u_lisi");
        long first = outboxEvent("default", "purchase_order", "po-3", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(first)));
        int tokensBefore = simulator.calls("/gettoken");

        simulator.expireAllTokens();
        long second = outboxEvent("default", "purchase_order", "po-4", "todo", "lisi", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(second)));
        assertThat(simulator.calls("/gettoken")).isEqualTo(tokensBefore + 1);
        assertThat(simulator.inbox("u_lisi")).hasSize(2);
    }

    @Test
    void rateLimitAndServerErrorsAreRetriedWithoutLossOrDuplicates() {
        employee("default", "lisi", "u_lisi");
        simulator.failNext(SEND, 2, Fault.rateLimited());
        simulator.failNext(SEND, 2, Fault.httpStatus(503));
        long id = outboxEvent("default", "purchase_order", "po-5", "todo", "lisi", null);

        await().atMost(Duration.ofSeconds(15)).until(() -> "DONE".equals(eventStatus(id)));

        assertThat(simulator.inbox("u_lisi")).hasSize(1);
        assertThat(simulator.sentMessages()).hasSize(1);
    }

    @Test
    void anOutageLongerThanTheClientRetriesIsRetriedByTheOutbox() {
        employee("default", "lisi", "u_lisi");
        simulator.failNext(SEND, 6, Fault.httpStatus(500));
        long id = outboxEvent("default", "purchase_order", "po-6", "todo", "lisi", null);

        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(eventStatus(id)));

        assertThat(jdbc.queryForObject("SELECT attempts FROM proyi_doc_event WHERE id = ?", Integer.class, id))
                .isGreaterThanOrEqualTo(1);
        assertThat(simulator.inbox("u_lisi")).hasSize(1);
    }

    @Test
    void eachTenantSendsWithItsOwnDingTalkApp() {
        employee("acme", "zhou", "u_zhou");
        long id = outboxEvent("acme", "purchase_order", "po-7", "approved", "zhou", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));

        assertThat(simulator.sentMessages()).singleElement().satisfies(sent -> {
            assertThat(sent.appKey()).isEqualTo("acme-app-key");
            assertThat(sent.agentId()).isEqualTo(30001L);
        });
    }
}
