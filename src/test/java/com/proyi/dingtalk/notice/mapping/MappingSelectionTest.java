package com.proyi.dingtalk.notice.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.proyi.dingtalk.notice.mapping.TestEvents.child;
import static com.proyi.dingtalk.notice.mapping.TestEvents.event;
import static com.proyi.dingtalk.notice.mapping.TestEvents.list;
import static com.proyi.dingtalk.notice.mapping.TestEvents.slideTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which file and entry an event uses: its doc type's file, then default.yaml, per action. */
class MappingSelectionTest {

    private static final Map<String, Object> ORDER = Map.of("amount", 12500.5, "currency", "元",
            "supplier", "华东文具有限公司", "requester", Map.of("department", "行政部"));

    private static final String ONLY_TODO = """
            title: 测试
            description: only a to-do
            links: {mobile: "/m?id=${doc_id}"}
            actions:
              todo:
                description: test
                msgtype: oa
                title: "${title}"
            """;

    @TempDir
    Path dir;

    private final NoticeMappings shipped = TestEvents.shipped();

    @Test
    void docTypeFileWinsOverDefault() {
        Map<String, Object> card = child(shipped.render(event("purchase_order", "todo", ORDER), TestEvents.BASE_URL),
                "action_card");

        assertThat(card.get("title")).isEqualTo("【采购审批】PO-2024-0001 华东文具有限公司");
        assertThat((String) card.get("markdown")).contains("金额：12500.5 元", "供应商：华东文具有限公司", "申请部门：行政部");
        List<Map<String, Object>> buttons = list(card, "btn_json_list");
        assertThat(buttons).extracting(b -> b.get("title")).containsExactly("处理", "审批", "驳回");
        assertThat(slideTarget((String) buttons.get(2).get("action_url")))
                .isEqualTo("https://proyi.example.com/erp/WXDefault.aspx?tenant=t1&doctype=purchase_order&docid=D-1001&op=reject");
    }

    @Test
    void docTypeFileCanShowTheAmountAsRichText() {
        Map<String, Object> body = child(child(shipped.render(event("purchase_order", "approved", ORDER),
                TestEvents.BASE_URL), "oa"), "body");

        assertThat(body.get("rich")).isEqualTo(Map.of("num", "12500.5", "unit", "元"));
        assertThat(body.get("title")).isEqualTo("采购订单 PO-2024-0001 已审批");
    }

    @Test
    void actionsTheDocTypeFileLeavesOutComeFromDefault() {
        Map<String, Object> body = child(child(shipped.render(event("purchase_order", "cc", ORDER),
                TestEvents.BASE_URL), "oa"), "body");

        assertThat(body.get("title")).isEqualTo("【抄送】采购订单 PO-2024-0001");
    }

    @Test
    void docTypesWithoutAFileUseDefault() {
        Map<String, Object> msg = shipped.render(event("expense_claim", "todo"), TestEvents.BASE_URL);

        assertThat(child(msg, "action_card").get("title")).isEqualTo("【待办】采购订单 PO-2024-0001");
    }

    @Test
    void docTypeThatLooksLikeAPathStillUsesDefault() {
        Map<String, Object> msg = shipped.render(event("../purchase_order", "todo"), TestEvents.BASE_URL);

        assertThat(child(msg, "action_card").get("title")).isEqualTo("【待办】采购订单 PO-2024-0001");
    }

    @Test
    void anyActionEntryCoversActionsWithoutTheirOwn() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml",
                ONLY_TODO.replace("  todo:", "  \"*\":")), TestEvents.CHINA);

        Map<String, Object> oa = child(mappings.render(event("x", "returned"), TestEvents.BASE_URL), "oa");

        assertThat(oa.get("message_url")).isEqualTo("https://proyi.example.com/erp/m?id=D-1001");
    }

    @Test
    void missingDefaultIsAnErrorForTheEventNotACrash() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir), TestEvents.CHINA);

        assertThatThrownBy(() -> mappings.render(event("leave", "todo"), TestEvents.BASE_URL))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("event 42 (leave/todo)")
                .hasMessageContaining("neither leave.yaml nor default.yaml exists");
        assertThat(mappings.validateAll()).singleElement().asString().contains("default.yaml: missing");
    }

    @Test
    void actionWithoutAnEntryIsAnError() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", ONLY_TODO), TestEvents.CHINA);

        assertThatThrownBy(() -> mappings.render(event("leave", "cc"), TestEvents.BASE_URL))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("no entry for action 'cc'");
    }

    @Test
    void invalidDocTypeFileIsAnErrorEvenWhenDefaultWouldDo() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", ONLY_TODO,
                "leave.yaml", ONLY_TODO.replace("msgtype: oa", "msgtype: text")), TestEvents.CHINA);

        assertThatThrownBy(() -> mappings.render(event("leave", "todo"), TestEvents.BASE_URL))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("invalid mapping file")
                .hasMessageContaining("leave.yaml: actions.todo.msgtype: 'text' is not one of oa, action_card");
        assertThat(child(mappings.render(event("purchase_order", "todo"), TestEvents.BASE_URL), "oa"))
                .as("other doc types still render")
                .containsKey("body");
    }
}
