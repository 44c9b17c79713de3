package com.proyi.dingtalk.notice.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.binding.BindingService;
import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.notice.mapping.NoticeMappings;
import java.time.Clock;
import java.time.ZoneId;
import org.apache.camel.CamelContext;
import com.proyi.dingtalk.dingtalk.simulator.TodoTask;
import com.proyi.dingtalk.notice.DocEvent;
import com.proyi.dingtalk.notice.NoticeOutbox;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DingTalk 待办 end to end against the simulator's api.dingtalk.com and MariaDB: a todo notice gives
 * each recipient a to-do task that opens the notice's page through free login; approving the
 * document marks it done, withdrawing deletes it; a mapping or the property switches it off; the
 * unionId is asked once and cached, and unbinding evicts it.
 */
class TodoTaskTest extends ModuleIntegrationTest {

    private static final String MODULE_URL = "https://dt.test.example";
    private static final String APP_KEY = "test-app-key";
    private static final String USER_GET = "/topapi/v2/user/get";
    private static final String CREATE = "POST /v1.0/todo/users/{unionId}/tasks";
    private static final Path MAPPINGS = mappingsWithoutTodoTasksFor("leave_request");
    private static final String ROUTE = "notice-todo-tasks";

    @Autowired FollowUpProperties followUp;
    @Autowired BindingService bindings;
    @Autowired TodoTasks todoTasks;
    @Autowired NoticeOutbox outbox;
    @Autowired CamelContext camel;
    @Autowired DingTalkClient dingTalk;
    @Autowired UnionIds unionIds;
    @Autowired ProYiProperties proyi;
    @Autowired Clock clock;
    @Autowired com.proyi.dingtalk.dingtalk.QuotaBudget budget;
    @Autowired org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate namedJdbc;

    /**
     * The to-do tasks as a module with proyi.module-url and MAPPINGS would make them. The test
     * context is shared with every other integration test (one module on the outbox), so it keeps
     * its own settings; these tests stop its route notice-todo-tasks and work the tasks with this one.
     */
    private TodoTasks withModuleUrlAndLeaveMapping() {
        return new TodoTasks(namedJdbc, dingTalk, unionIds, new NoticeMappings(MAPPINGS, ZoneId.of("Asia/Shanghai"), MODULE_URL),
                proyi, outbox, followUp, clock);
    }

    /** The shipped mappings plus leave_request.yaml, whose todo says todo_task: false. */
    private static Path mappingsWithoutTodoTasksFor(String docType) {
        try {
            Path dir = Files.createTempDirectory("todo-task-mappings");
            try (var files = Files.list(Path.of("mappings"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
            Files.writeString(dir.resolve(docType + ".yaml"), """
                    # yaml-language-server: $schema=mapping.schema.json
                    title: 请假单
                    description: Leave requests; their to-dos stay out of DingTalk's to-do list.
                    links:
                      mobile: "/WXDefault.aspx?doctype=${doc_type}&docid=${doc_id}"
                    actions:
                      todo:
                        description: A leave request to approve, as a notice only.
                        msgtype: oa
                        title: "【请假】${title}"
                        todo_task: false
                        form:
                          - {key: "单号：", value: "${doc_no:-} ${event_time:-}"}
                    """);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void toDoPermissions() {
        jdbc.update("DELETE FROM dingtalk_todo_task");
        jdbc.update("DELETE FROM dingtalk_union_id");
        jdbc.update("DELETE FROM dingtalk_doc_closing");
        simulator.grantPermissions(APP_KEY, "Todo.Todo.Write", "Todo.Todo.Read");
    }

    @AfterEach
    void asOtherTestsExpectIt() throws Exception {
        camel.getRouteController().startRoute(ROUTE);
        simulator.revokePermissions(APP_KEY, "Todo.Todo.Write", "Todo.Todo.Read");
        followUp.getTodoTasks().setEnabled(true);
    }

    @Test
    void eachRecipientOfATodoGetsATaskThatOpensTheNoticeThroughFreeLogin() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
        TodoTasks module = withModuleUrlAndLeaveMapping();
        employee("default", "lisi", "u_lisi");
        employee("default", "wangwu", "u_wangwu");
        long todo = outboxEvent("default", "expense_claim", "ex-1", "todo", "lisi,wangwu", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(todo)));
        // queued after the send, before any DingTalk call
        assertThat(todoStatus(todo, "lisi")).isEqualTo("NEW");
        assertThat(todoStatus(todo, "wangwu")).isEqualTo("NEW");

        module.claim().forEach(module::work);

        assertThat(deliveryStatus(todo, "lisi")).isEqualTo("SENT");
        for (String account : List.of("lisi", "wangwu")) {
            assertThat(todoStatus(todo, account)).isEqualTo("CREATED");
            String unionId = simulator.unionIdOf(CORP, "u_" + account);
            List<TodoTask> tasks = simulator.todoTasks(CORP, "u_" + account);
            assertThat(tasks).hasSize(1);
            TodoTask task = tasks.get(0);
            assertThat(task.id()).isEqualTo(taskId(todo, account));
            assertThat(task.executorIds()).containsExactly(unionId);
            assertThat(task.creatorId()).isEqualTo(unionId);
            assertThat(task.subject()).isEqualTo("【待办】单据 ex-1");
            assertThat(task.appUrl()).isEqualTo(MODULE_URL + "/dingtalk/h5/?notice=" + todo);
            assertThat(slideTarget(task.pcUrl())).isEqualTo(MODULE_URL + "/dingtalk/h5/?notice=" + todo);
            assertThat(task.sourceId()).isEqualTo("proyi-notice-" + todo + "-" + account);
            assertThat(task.done()).isFalse();
        }
    }

    @Test
    void aRetriedCreateNeverMakesASecondTask() throws Exception {
        employee("default", "lisi", "u_lisi");
        employee("default", "wangwu", "u_wangwu");
        long todo = outboxEvent("default", "expense_claim", "ex-9", "todo", "lisi,wangwu", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CREATED".equals(todoStatus(todo, "lisi"))
                && "CREATED".equals(todoStatus(todo, "wangwu")));
        // without proyi.module-url the task opens ProYi's pages directly, like the notice
        TodoTask created = simulator.todoTasks(CORP, "u_lisi").get(0);
        assertThat(created.appUrl()).isEqualTo("https://proyi.test.example/WXDefault.aspx?tenant=default"
                + "&doctype=expense_claim&docid=ex-9&op=view");
        assertThat(slideTarget(created.pcUrl())).isEqualTo("https://proyi.test.example/LoginPage.html?tenant=default"
                + "&doctype=expense_claim&docid=ex-9&op=view");

        // a replay of the event queues nothing new; a create tried again (answer lost) finds the first task
        todoTasks.enqueue(event(todo));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_todo_task WHERE event_id = ?", Integer.class, todo))
                .isEqualTo(2);
        String first = taskId(todo, "lisi");
        int creates = simulator.calls(CREATE);
        jdbc.update("UPDATE dingtalk_todo_task SET status = 'NEW', task_id = NULL WHERE event_id = ? AND account = 'lisi'", todo);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CREATED".equals(todoStatus(todo, "lisi")));
        assertThat(simulator.calls(CREATE)).isEqualTo(creates + 1);
        assertThat(taskId(todo, "lisi")).isEqualTo(first);
        assertThat(simulator.todoTasks(CORP, "u_lisi")).hasSize(1);

        // the delivery API shows each recipient's to-do task
        String deliveries = new AdminApi(port, "viewer", "viewer-pass")
                .get("/api/admin/deliveries?docType=expense_claim&docId=ex-9").body();
        assertThat(deliveries).contains("\"todoTaskStatus\":\"CREATED\"", "\"todoTaskId\":\"" + first + "\"");
    }

    @Test
    void approvingTheDocumentMarksTheTaskDoneForEveryone() {
        employee("default", "lisi", "u_lisi");
        employee("default", "boss", "u_boss");
        long todo = outboxEvent("default", "expense_claim", "ex-2", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CREATED".equals(todoStatus(todo, "lisi")));

        long approved = outboxEvent("default", "expense_claim", "ex-2", "approved", "boss", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(todoStatus(todo, "lisi")));
        TodoTask task = simulator.todoTask(taskId(todo, "lisi")).orElseThrow();
        assertThat(task.done()).isTrue();
        assertThat(task.deleted()).isFalse();
        assertThat(jdbc.queryForObject("SELECT closed_by FROM dingtalk_todo_task WHERE event_id = ?", Long.class, todo))
                .isEqualTo(approved);
        // an approved notice makes no task of its own
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_todo_task WHERE event_id = ?", Integer.class, approved))
                .isZero();
    }

    @Test
    void withdrawingTheDocumentDeletesTheTask() {
        employee("default", "lisi", "u_lisi");
        long todo = outboxEvent("default", "expense_claim", "ex-3", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CREATED".equals(todoStatus(todo, "lisi")));

        outboxEvent("default", "expense_claim", "ex-3", "withdrawn", "lisi", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DELETED".equals(todoStatus(todo, "lisi")));
        assertThat(simulator.todoTask(taskId(todo, "lisi")).orElseThrow().deleted()).isTrue();
        assertThat(simulator.todoTasks(CORP, "u_lisi")).isEmpty();
    }

    @Test
    void aMappingWithTodoTaskFalseMakesNoTask() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
        TodoTasks module = withModuleUrlAndLeaveMapping();
        employee("default", "lisi", "u_lisi");
        long leave = outboxEvent("default", "leave_request", "lv-1", "todo", "lisi", null);
        long claim = outboxEvent("default", "expense_claim", "ex-4", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(leave)) && "DONE".equals(eventStatus(claim)));
        // what the module with leave_request.yaml queues after each send
        jdbc.update("DELETE FROM dingtalk_todo_task");
        module.enqueue(event(leave));
        module.enqueue(event(claim));

        module.claim().forEach(module::work);

        assertThat(deliveryStatus(leave, "lisi")).isEqualTo("SENT");
        assertThat(todoStatus(leave, "lisi")).isNull();
        assertThat(todoStatus(claim, "lisi")).isEqualTo("CREATED");
        assertThat(simulator.todoTasks(CORP, "u_lisi")).extracting(TodoTask::subject).containsExactly("【待办】单据 ex-4");
    }

    @Test
    void asTheMonthlyBudgetRunsLowTasksWaitWhileNoticesGoOut() throws Exception {
        employee("default", "lisi", "u_lisi");
        budget.flush();
        jdbc.update("DELETE FROM dingtalk_quota_usage");
        budget.flush();
        try {
            budget.setPlan("default", 100L);
            jdbc.update("INSERT INTO dingtalk_quota_usage (organisation, quota_month, calls) VALUES (?, ?, 92)",
                    CORP, java.time.YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
            budget.flush();

            long todo = outboxEvent("default", "expense_claim", "ex-10", "todo", "lisi", null);

            await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(todo)));
            assertThat(deliveryStatus(todo, "lisi")).isEqualTo("SENT");
            await().atMost(Duration.ofSeconds(10)).until(() -> lastTodoError(todo, "lisi") != null);
            assertThat(lastTodoError(todo, "lisi")).contains("held back");
            assertThat(todoStatus(todo, "lisi")).isEqualTo("NEW");
            assertThat(simulator.calls(CREATE)).isZero();
            // waiting for the budget is not a failed try
            assertThat(jdbc.queryForObject("SELECT attempts FROM dingtalk_todo_task WHERE event_id = ?", Integer.class, todo))
                    .isZero();

            // the plan is raised: the task follows
            budget.setPlan("default", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> "CREATED".equals(todoStatus(todo, "lisi")));
        } finally {
            budget.setPlan("default", null);
            budget.flush();
            jdbc.update("DELETE FROM dingtalk_quota_usage");
            budget.flush();
        }
    }

    @Test
    void thePropertySwitchesTasksOff() throws Exception {
        followUp.getTodoTasks().setEnabled(false);
        employee("default", "lisi", "u_lisi");
        long todo = outboxEvent("default", "expense_claim", "ex-5", "todo", "lisi", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(todo)));
        Thread.sleep(600); // several polls of the to-do route: nothing may reach DingTalk
        assertThat(deliveryStatus(todo, "lisi")).isEqualTo("SENT");
        assertThat(todoStatus(todo, "lisi")).isNull();
        assertThat(simulator.calls(CREATE)).isZero();
        assertThat(simulator.todoTasks(CORP, "u_lisi")).isEmpty();
    }

    @Test
    void theUnionIdIsAskedOnceAndForgottenWhenTheAccountIsUnbound() {
        employee("default", "lisi", "u_lisi");
        int asked = simulator.calls(USER_GET);
        long first = outboxEvent("default", "expense_claim", "ex-6", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CREATED".equals(todoStatus(first, "lisi")));
        long second = outboxEvent("default", "expense_claim", "ex-7", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CREATED".equals(todoStatus(second, "lisi")));

        assertThat(simulator.calls(USER_GET)).isEqualTo(asked + 1);
        assertThat(jdbc.queryForObject("SELECT union_id FROM dingtalk_union_id WHERE tenant_id = 'default'"
                + " AND dingtalk_userid = 'u_lisi'", String.class)).isEqualTo(simulator.unionIdOf(CORP, "u_lisi"));

        assertThat(bindings.unbind("default", "lisi", "ADMIN", "test")).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_union_id WHERE dingtalk_userid = 'u_lisi'",
                Integer.class)).isZero();

        // bound again: the next task asks DingTalk once more
        jdbc.update("UPDATE proyi_hr_record SET dingtalk_userid = 'u_lisi' WHERE account = 'lisi'");
        long third = outboxEvent("default", "expense_claim", "ex-8", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "CREATED".equals(todoStatus(third, "lisi")));
        assertThat(simulator.calls(USER_GET)).isEqualTo(asked + 2);
    }

    private DocEvent event(long id) {
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM proyi_doc_event WHERE id = ?", id);
        return outbox.parse(row);
    }

    private String todoStatus(long eventId, String account) {
        List<String> status = jdbc.queryForList("SELECT status FROM dingtalk_todo_task WHERE event_id = ? AND account = ?",
                String.class, eventId, account);
        return status.isEmpty() ? null : status.get(0);
    }

    private String lastTodoError(long eventId, String account) {
        return jdbc.queryForObject("SELECT last_error FROM dingtalk_todo_task WHERE event_id = ? AND account = ?",
                String.class, eventId, account);
    }

    private String taskId(long eventId, String account) {
        return jdbc.queryForObject("SELECT task_id FROM dingtalk_todo_task WHERE event_id = ? AND account = ?",
                String.class, eventId, account);
    }

    private static String slideTarget(String link) {
        String prefix = "dingtalk://dingtalkclient/page/link?url=";
        String suffix = "&pc_slide=true";
        assertThat(link).startsWith(prefix).endsWith(suffix);
        return URLDecoder.decode(link.substring(prefix.length(), link.length() - suffix.length()), StandardCharsets.UTF_8);
    }
}
