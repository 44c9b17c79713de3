package com.proyi.dingtalk.notice.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** when_closed: what happens to a notice when its document closes and its status bar cannot be updated. */
class WhenClosedTest {

    @TempDir
    Path dir;

    @Test
    void theShippedDefaultRecallsAToDoAndLeavesACopy() {
        NoticeMappings shipped = TestEvents.shipped();

        assertThat(shipped.followup("leave", "todo")).hasValue(new NoticeMappings.Followup("action_card", "recall"));
        assertThat(shipped.followup("leave", "cc")).hasValue(new NoticeMappings.Followup("oa", "leave"));
        assertThat(shipped.followup("purchase_order", "todo").orElseThrow().recall()).isTrue();
        assertThat(shipped.followup("leave", "withdrawn").orElseThrow().msgtype()).isEqualTo("oa");
    }

    @Test
    void aMappingMayKeepItsToDoOrRecallItsCopy() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", """
                title: 测试
                description: test
                links: {mobile: "/m?id=${doc_id}"}
                actions:
                  todo:
                    description: kept
                    msgtype: action_card
                    title: "${title}"
                    markdown: "${title}"
                    buttons: [{title: 看}]
                    when_closed: leave
                  cc:
                    description: recalled
                    msgtype: oa
                    title: "${title}"
                    when_closed: recall
                  approved:
                    description: "no key, the default"
                    msgtype: oa
                    title: "${title}"
                """), TestEvents.CHINA);

        assertThat(mappings.validateAll()).isEmpty();
        assertThat(mappings.followup("x", "todo").orElseThrow().recall()).isFalse();
        assertThat(mappings.followup("x", "cc").orElseThrow().recall()).isTrue();
        assertThat(mappings.followup("x", "approved").orElseThrow().recall()).isFalse();
        assertThat(mappings.followup("x", "returned")).isEmpty();
    }

    @Test
    void whenClosedAcceptsOnlyRecallOrLeave() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", """
                title: 测试
                description: test
                links: {mobile: "/m?id=${doc_id}"}
                actions:
                  cc:
                    description: wrong
                    msgtype: oa
                    title: "${title}"
                    when_closed: delete
                """), TestEvents.CHINA);

        assertThat(mappings.validateAll()).singleElement().asString().contains("actions.cc.when_closed");
    }
}
