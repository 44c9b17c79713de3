package com.proyi.dingtalk.notice.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static com.proyi.dingtalk.notice.mapping.TestEvents.child;
import static com.proyi.dingtalk.notice.mapping.TestEvents.event;
import static com.proyi.dingtalk.notice.mapping.TestEvents.list;
import static com.proyi.dingtalk.notice.mapping.TestEvents.slideTarget;
import static org.assertj.core.api.Assertions.assertThat;

/** The shipped mappings/default.yaml turns every action into the message API.md 2.2 describes. */
class DefaultMappingTest {

    private static final String PAGE = "https://proyi.example.com/erp/WXDefault.aspx?tenant=t1&doctype=leave&docid=D-1001";

    private final NoticeMappings mappings = TestEvents.shipped();

    @Test
    void shippedMappingsAreValid() {
        assertThat(mappings.validateAll()).isEmpty();
    }

    @Test
    void todoIsAnActionCardWithProcessApproveAndRejectButtons() {
        Map<String, Object> msg = mappings.render(event("leave", "todo"), TestEvents.BASE_URL);

        assertThat(msg).containsOnlyKeys("msgtype", "action_card").containsEntry("msgtype", "action_card");
        Map<String, Object> card = child(msg, "action_card");
        assertThat(card).containsOnlyKeys("title", "markdown", "btn_orientation", "btn_json_list")
                .containsEntry("title", "【待办】采购订单 PO-2024-0001")
                .containsEntry("btn_orientation", "1");
        assertThat((String) card.get("markdown"))
                .contains("采购订单 PO-2024-0001", "PO-2024-0001", "张三", "办公用品采购");
        List<Map<String, Object>> buttons = list(card, "btn_json_list");
        assertThat(buttons).extracting(b -> b.get("title")).containsExactly("处理", "审批", "驳回");
        assertThat(buttons).allSatisfy(b -> assertThat(b).containsOnlyKeys("title", "action_url"));
        assertThat(buttons).extracting(b -> slideTarget((String) b.get("action_url")))
                .containsExactly(PAGE + "&op=process", PAGE + "&op=approve", PAGE + "&op=reject");
    }

    @Test
    void ccIsAnOaCopyNotice() {
        Map<String, Object> oa = child(mappings.render(event("leave", "cc"), TestEvents.BASE_URL), "oa");

        assertThat(oa).containsOnlyKeys("message_url", "pc_message_url", "head", "body")
                .containsEntry("message_url", PAGE + "&op=view");
        assertThat(slideTarget((String) oa.get("pc_message_url")))
                .isEqualTo("https://proyi.example.com/erp/LoginPage.html?tenant=t1&doctype=leave&docid=D-1001&op=view");
        assertThat(child(oa, "head")).containsEntry("bgcolor", "FF3296FA").containsEntry("text", "过程易单据");
        Map<String, Object> body = child(oa, "body");
        assertThat(body).containsEntry("title", "【抄送】采购订单 PO-2024-0001")
                .containsEntry("content", "办公用品采购")
                .containsEntry("author", "张三");
        assertThat(list(body, "form")).containsExactly(
                Map.of("key", "单号：", "value", "PO-2024-0001"),
                Map.of("key", "发起人：", "value", "张三"),
                Map.of("key", "时间：", "value", "2024-05-06 09:02:03"));
    }

    @ParameterizedTest
    @CsvSource({"approved, 已审批, 0xFF15BC83", "rejected, 已驳回, 0xFFF65E5E",
            "returned, 已退回, 0xFFFF9200", "done, 已完成, 0xFF8C8C8C"})
    void outcomesAreOaNoticesWithTheirStatus(String action, String status, String color) {
        Map<String, Object> oa = child(mappings.render(event("leave", action), TestEvents.BASE_URL), "oa");

        assertThat(child(oa, "status_bar")).isEqualTo(Map.of("status_value", status, "status_bg", color));
        assertThat((String) child(oa, "head").get("bgcolor")).matches("[0-9A-F]{8}");
        assertThat(list(child(oa, "body"), "form")).contains(Map.of("key", "状态：", "value", status));
    }

    @Test
    void statusBarIsLeftOutForMoreThanFiveRecipients() {
        var many = TestEvents.withRecipients(event("leave", "approved"), List.of("u1", "u2", "u3", "u4", "u5", "u6"));

        Map<String, Object> oa = child(mappings.render(many, TestEvents.BASE_URL), "oa");

        assertThat(oa).doesNotContainKey("status_bar");
        assertThat(list(child(oa, "body"), "form")).contains(Map.of("key", "状态：", "value", "已审批"));
    }
}
