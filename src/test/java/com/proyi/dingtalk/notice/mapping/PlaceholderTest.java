package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.notice.DocEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.proyi.dingtalk.notice.mapping.TestEvents.child;
import static com.proyi.dingtalk.notice.mapping.TestEvents.list;
import static com.proyi.dingtalk.notice.mapping.TestEvents.slideTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How ${...} placeholders take event values: defaults, missing values, and values with special characters. */
class PlaceholderTest {

    private static final String MAPPING = """
            title: 测试
            description: placeholder tests
            links:
              mobile: "/WXDefault.aspx?docno=${doc_no}&supplier=${fields.supplier:}"
            actions:
              cc:
                description: an oa message showing values
                msgtype: oa
                title: "${title}"
                form:
                  - {key: "金额：", value: "${fields.amount:-}"}
                  - {key: "部门：", value: "${fields.requester.department}"}
                  - {key: "备注：", value: "${fields.remark:}"}
                content: "${summary}"
                author: "${sender} @ ${created_at}"
              todo:
                description: an action card with one button
                msgtype: action_card
                title: "${title}"
                markdown: "${summary}"
                buttons:
                  - title: "查看 ${doc_no}"
                    target: "/WXDefault.aspx?docno=${doc_no}&op=view"
            """;

    @TempDir
    Path dir;

    private NoticeMappings mappings;

    @BeforeEach
    void folder() throws IOException {
        mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", MAPPING), TestEvents.CHINA);
    }

    @Test
    void valuesFillThePlaceholders() {
        Map<String, Object> body = body(TestEvents.event("x", "cc", Map.of("amount", 12_000_000.0,
                "requester", Map.of("department", "行政部"))));

        assertThat(list(body, "form")).containsExactly(Map.of("key", "金额：", "value", "12000000"),
                Map.of("key", "部门：", "value", "行政部"));
        assertThat(body).containsEntry("content", "办公用品采购").containsEntry("author", "张三 @ 2024-05-06 09:02");
    }

    @Test
    void defaultsStandInForMissingOrBlankValues() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("amount", " ");
        fields.put("remark", null);
        fields.put("requester", Map.of("department", "行政部"));

        List<Map<String, Object>> form = list(body(TestEvents.event("x", "cc", fields)), "form");

        // "-" is the default of ${fields.amount:-}; the remark row comes out blank and is left out
        assertThat(form).containsExactly(Map.of("key", "金额：", "value", "-"), Map.of("key", "部门：", "value", "行政部"));
    }

    @Test
    void missingValueWithoutDefaultIsAnErrorNamingIt() {
        assertThatThrownBy(() -> mappings.render(TestEvents.event("x", "cc"), TestEvents.BASE_URL))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("actions.cc.form[1].value")
                .hasMessageContaining("${fields.requester.department} has no value");
    }

    @Test
    void specialCharactersSurviveAsPlainText() throws Exception {
        String title = "\"引号\" & <b>加粗</b> \\ }{ ${title}";
        DocEvent event = event("cc", "DOC-1 & 2/\"三\"", title, Map.of("supplier", "A&B 公司",
                "requester", Map.of("department", "研发部")));

        Map<String, Object> msg = mappings.render(event, TestEvents.BASE_URL);

        Map<String, Object> oa = child(msg, "oa");
        assertThat(child(oa, "body").get("title")).isEqualTo(title);
        assertThat(oa.get("message_url")).isEqualTo("https://proyi.example.com/erp/WXDefault.aspx"
                + "?docno=DOC-1%20%26%202%2F%22%E4%B8%89%22&supplier=A%26B%20%E5%85%AC%E5%8F%B8");
        assertThat(slideTarget((String) oa.get("pc_message_url"))).isEqualTo(oa.get("message_url"));
        String json = new ObjectMapper().writeValueAsString(msg);
        assertThat(new ObjectMapper().readTree(json).at("/oa/body/title").asText()).isEqualTo(title);
    }

    @Test
    void singleButtonMakesTheWholeCardALink() {
        Map<String, Object> card = child(mappings.render(event("todo", "PO 7&8", "t", Map.of()),
                TestEvents.BASE_URL), "action_card");

        assertThat(card).containsOnlyKeys("title", "markdown", "single_title", "single_url")
                .containsEntry("single_title", "查看 PO 7&8");
        assertThat(slideTarget((String) card.get("single_url")))
                .isEqualTo("https://proyi.example.com/erp/WXDefault.aspx?docno=PO%207%268&op=view");
    }

    @Test
    void markdownInAValueCannotAddLinksImagesOrLinesToTheCard() throws Exception {
        String summary = "请审批 [点此加急](https://evil.example/x) ![](https://evil.example/t.gif)\n# 已批准\n<font color=red>急</font> **粗**";
        DocEvent event = new DocEvent(7, "t1", "x", "D-7", "PO_7", "todo", "t\u202Eab", summary, "李四", List.of("u1"),
                Map.of(), Instant.parse("2024-05-06T01:02:03Z"));

        Map<String, Object> card = child(mappings.render(event, TestEvents.BASE_URL), "action_card");

        String markdown = (String) card.get("markdown");
        assertThat(markdown).doesNotContain("\n").doesNotContain("](").doesNotContain("![")
                .doesNotContainPattern("[^\\\\]<font").doesNotContain("**");
        assertThat(markdown).isEqualTo("请审批 \\[点此加急\\]\\(https://evil.example/x\\) \\!\\[\\]\\(https://evil.example/t.gif\\)"
                + " # 已批准 \\<font color=red\\>急\\</font\\> \\*\\*粗\\*\\*");
        assertThat(card.get("title")).as("a bidi override cannot reverse the title").isEqualTo("tab");
    }

    @Test
    void aMappingAsksForRawInsertionWithAnExclamationMark() throws IOException {
        NoticeMappings raw = new NoticeMappings(TestEvents.folder(Files.createDirectories(dir.resolve("raw")), "default.yaml",
                MAPPING.replace("markdown: \"${summary}\"", "markdown: \"${!summary} ${title}\"")), TestEvents.CHINA);
        DocEvent event = new DocEvent(7, "t1", "x", "D-7", "PO", "todo", "**t**", "**加粗**", "李四", List.of("u1"),
                Map.of(), Instant.parse("2024-05-06T01:02:03Z"));

        assertThat(child(raw.render(event, TestEvents.BASE_URL), "action_card").get("markdown"))
                .isEqualTo("**加粗** \\*\\*t\\*\\*");
        assertThatThrownBy(() -> new NoticeMappings(TestEvents.folder(Files.createDirectories(dir.resolve("bad")), "default.yaml",
                MAPPING.replace("markdown: \"${summary}\"", "markdown: \"${!sumary}\"")), TestEvents.CHINA)
                .render(event, TestEvents.BASE_URL)).hasMessageContaining("${!sumary}");
    }

    private Map<String, Object> body(DocEvent event) {
        return child(child(mappings.render(event, TestEvents.BASE_URL), "oa"), "body");
    }

    private static DocEvent event(String action, String docNo, String title, Map<String, Object> fields) {
        return new DocEvent(7, "t1", "x", "D-7", docNo, action, title, "摘要", "李四", List.of("u1"), fields,
                Instant.parse("2024-05-06T01:02:03Z"));
    }
}
