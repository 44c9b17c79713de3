package com.proyi.dingtalk.notice.mapping;

import static com.proyi.dingtalk.notice.mapping.TestEvents.event;
import static com.proyi.dingtalk.notice.mapping.TestEvents.slideTarget;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which notices make a DingTalk 待办 (mapping key todo_task) and what the task shows and opens. */
class TodoTaskMappingTest {

    private static final String ENTRY = "https://dt.example.com/dingtalk/h5/?tenantId=t1&notice=42";

    @TempDir
    Path dir;

    @Test
    void byDefaultOnlyATodoMakesATaskAndItOpensWhatTheNoticeOpens() {
        NoticeMappings throughModule = new NoticeMappings(TestEvents.SHIPPED, TestEvents.CHINA, "https://dt.example.com/");

        NoticeMappings.TodoTaskContent task = throughModule.todoTask(event("purchase_order", "todo"), TestEvents.BASE_URL)
                .orElseThrow();

        assertThat(task.subject()).isEqualTo("【采购审批】PO-2024-0001");
        assertThat(task.appUrl()).isEqualTo(ENTRY);
        assertThat(slideTarget(task.pcUrl())).isEqualTo(ENTRY);
        assertThat(throughModule.todoTask(event("purchase_order", "cc"), TestEvents.BASE_URL)).isEmpty();
        assertThat(throughModule.todoTask(event("purchase_order", "approved"), TestEvents.BASE_URL)).isEmpty();
        // without proyi.module-url the task opens ProYi's own pages, phone and PC each its own
        NoticeMappings.TodoTaskContent direct = TestEvents.shipped().todoTask(event("leave", "todo"), TestEvents.BASE_URL)
                .orElseThrow();
        assertThat(direct.appUrl()).isEqualTo("https://proyi.example.com/erp/WXDefault.aspx?tenant=t1&doctype=leave"
                + "&docid=D-1001&op=view");
        assertThat(slideTarget(direct.pcUrl())).isEqualTo("https://proyi.example.com/erp/LoginPage.html?tenant=t1"
                + "&doctype=leave&docid=D-1001&op=view");
    }

    @Test
    void todoTaskSwitchesItPerAction() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", """
                title: 单据
                description: Test mapping.
                links:
                  mobile: "/WXDefault.aspx?docid=${doc_id}"
                actions:
                  todo:
                    description: No task for this one.
                    msgtype: oa
                    title: "${title}"
                    todo_task: false
                  cc:
                    description: A copy that still asks for a task.
                    msgtype: oa
                    title: "抄送 ${title}"
                    todo_task: true
                """), TestEvents.CHINA);

        assertThat(mappings.validateAll()).isEmpty();
        assertThat(mappings.todoTask(event("leave", "todo"), TestEvents.BASE_URL)).isEmpty();
        assertThat(mappings.todoTask(event("leave", "cc"), TestEvents.BASE_URL)).get()
                .extracting(NoticeMappings.TodoTaskContent::subject).isEqualTo("抄送 采购订单 PO-2024-0001");
    }
}
