package com.proyi.dingtalk.notice.mapping;

import com.proyi.dingtalk.notice.DocEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.proyi.dingtalk.notice.mapping.TestEvents.child;
import static com.proyi.dingtalk.notice.mapping.TestEvents.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rendered messages stay within DingTalk's hard limits (API.md 2.2), or the event fails with the reason. */
class DingTalkLimitsTest {

    private static final String MAPPING = """
            title: 测试
            description: limits
            links: {mobile: "/m?no=${doc_no}"}
            actions:
              todo:
                description: two buttons, one titled by the event
                msgtype: action_card
                title: "${title}"
                markdown: "${summary}"
                buttons:
                  - title: "${title}"
                  - title: 驳回
            """;

    @TempDir
    Path dir;

    private NoticeMappings mappings;

    @BeforeEach
    void folder() throws IOException {
        mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", MAPPING), TestEvents.CHINA);
    }

    @Test
    void longButtonTitleIsCutToTwentyCharacters() {
        Map<String, Object> card = child(mappings.render(event("审批一二三四五六七八九十一二三四五六七八九十", "PO-1", "s"),
                TestEvents.BASE_URL), "action_card");

        assertThat(list(card, "btn_json_list").get(0).get("title")).isEqualTo("审批一二三四五六七八九十一二三四五六七…");
    }

    @Test
    void tooLongButtonLinkFailsTheEvent() {
        assertThatThrownBy(() -> mappings.render(event("t", "P".repeat(600), "s"), TestEvents.BASE_URL))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("actions.todo.buttons[0].target: the link is")
                .hasMessageContaining("DingTalk accepts at most 700");
    }

    @Test
    void messageOverTwoKilobytesFailsTheEvent() {
        assertThatThrownBy(() -> mappings.render(event("t", "PO-1", "摘要".repeat(400)), TestEvents.BASE_URL))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("DingTalk accepts at most 2048");
    }

    private static DocEvent event(String title, String docNo, String summary) {
        return new DocEvent(1, "t1", "x", "D-1", docNo, "todo", title, summary, "张三", List.of("u1"), Map.of(),
                Instant.parse("2024-05-06T01:02:03Z"));
    }
}
