package com.proyi.dingtalk.notice.mapping;

import static com.proyi.dingtalk.notice.mapping.TestEvents.child;
import static com.proyi.dingtalk.notice.mapping.TestEvents.event;
import static com.proyi.dingtalk.notice.mapping.TestEvents.list;
import static com.proyi.dingtalk.notice.mapping.TestEvents.slideTarget;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import com.proyi.dingtalk.notice.DocEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With proyi.module-url set, taps enter through the module's free-login page, which lands on the page per platform. */
class FreeLoginLinksTest {

    private static final String MODULE = "https://dt.example.com/";
    private static final String ENTRY = "https://dt.example.com/dingtalk/h5/?tenantId=t1&notice=42";

    @TempDir
    Path dir;

    private final NoticeMappings shipped = new NoticeMappings(TestEvents.SHIPPED, TestEvents.CHINA, MODULE);

    @Test
    void anOaNoticeOpensTheFreeLoginPageOnThePhoneAndInThePcSidePanel() {
        Map<String, Object> oa = child(shipped.render(event("leave", "cc"), TestEvents.BASE_URL), "oa");

        assertThat(oa.get("message_url")).isEqualTo(ENTRY);
        assertThat(slideTarget((String) oa.get("pc_message_url"))).isEqualTo(ENTRY);
        assertThat(shipped.target(event("leave", "cc"), null, false))
                .hasValue("/WXDefault.aspx?tenant=t1&doctype=leave&docid=D-1001&op=view");
        assertThat(shipped.target(event("leave", "cc"), null, true))
                .hasValue("/LoginPage.html?tenant=t1&doctype=leave&docid=D-1001&op=view");
    }

    @Test
    void eachButtonLandsOnItsOwnPageForPhoneAndPc() {
        Map<String, Object> card = child(shipped.render(event("purchase_order", "todo"), TestEvents.BASE_URL), "action_card");

        List<Map<String, Object>> buttons = list(card, "btn_json_list");
        assertThat(buttons).extracting(button -> slideTarget((String) button.get("action_url")))
                .containsExactly(ENTRY + "&button=0", ENTRY + "&button=1", ENTRY + "&button=2");
        assertThat(shipped.target(event("purchase_order", "todo"), 1, false))
                .hasValue("/WXDefault.aspx?tenant=t1&doctype=purchase_order&docid=D-1001&op=approve");
        assertThat(shipped.target(event("purchase_order", "todo"), 1, true))
                .hasValue("/LoginPage.html?tenant=t1&doctype=purchase_order&docid=D-1001&op=approve");
        assertThat(shipped.target(event("purchase_order", "todo"), 3, true)).isEmpty();
    }

    @Test
    void theDefaultTenantNeedsNoTenantInTheLinkAndWithoutAModuleUrlLinksOpenProYi() {
        DocEvent defaultTenant = new DocEvent(7, "default", "leave", "D-1", "L-1", "cc", "t", null, null,
                List.of("u1"), Map.of(), java.time.Instant.now());
        assertThat(child(shipped.render(defaultTenant, TestEvents.BASE_URL), "oa").get("message_url"))
                .isEqualTo("https://dt.example.com/dingtalk/h5/?notice=7");
        assertThat(child(TestEvents.shipped().render(defaultTenant, TestEvents.BASE_URL), "oa").get("message_url"))
                .isEqualTo("https://proyi.example.com/erp/WXDefault.aspx?tenant=default&doctype=leave&docid=D-1&op=view");
    }

    @Test
    void aMappingMayAskForDirectLinks() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", """
                title: 测试
                description: test
                links: {mobile: "/m?id=${doc_id}", pc: "/p?id=${doc_id}", direct: true}
                actions:
                  cc:
                    description: direct
                    msgtype: oa
                    title: "${title}"
                  todo:
                    description: one button direct, one through free login
                    msgtype: action_card
                    title: "${title}"
                    markdown: "${title}"
                    buttons:
                      - {title: 直接, target: "/direct?id=${doc_id}", direct: true}
                      - {title: 登录, target: "/login?id=${doc_id}"}
                """), TestEvents.CHINA, MODULE);
        assertThat(mappings.validateAll()).isEmpty();

        Map<String, Object> oa = child(mappings.render(event("x", "cc"), TestEvents.BASE_URL), "oa");
        assertThat(oa.get("message_url")).isEqualTo("https://proyi.example.com/erp/m?id=D-1001");
        assertThat(slideTarget((String) oa.get("pc_message_url"))).isEqualTo("https://proyi.example.com/erp/p?id=D-1001");
        List<Map<String, Object>> buttons = list(child(mappings.render(event("x", "todo"), TestEvents.BASE_URL),
                "action_card"), "btn_json_list");
        assertThat(slideTarget((String) buttons.get(0).get("action_url"))).isEqualTo("https://proyi.example.com/erp/direct?id=D-1001");
        assertThat(slideTarget((String) buttons.get(1).get("action_url"))).isEqualTo(ENTRY + "&button=1");
    }
}
