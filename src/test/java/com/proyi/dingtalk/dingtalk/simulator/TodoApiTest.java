package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DingTalk 待办 (API.md §2.9) and every rule §9 lists for it. */
class TodoApiTest extends SimulatorTestSupport {

    static final String DETAIL = "\"detailUrl\":{\"appUrl\":\"https://proyi.example.com/m/1\",\"pcUrl\":\"https://proyi.example.com/pc/1\"}";

    private String token;
    private String zhang;
    private String li;
    private String wang;

    @BeforeEach
    void grantAndFetchToken() {
        simulator.grantPermissions(APP_KEY, Permissions.TODO_WRITE, Permissions.TODO_READ);
        token = v1Token();
        zhang = simulator.unionIdOf(CORP, "u1");
        li = simulator.unionIdOf(CORP, "u2");
        wang = simulator.unionIdOf(CORP, "u3");
    }

    @Test
    void createAnswersTheWholeTaskAndThePeopleSeeIt() {
        Answer answer = create(zhang, "{\"subject\":\"审批采购单 PO-1\",\"sourceId\":\"PO-1\"," + DETAIL + ",\"executorIds\":[\"" + li
                + "\"],\"participantIds\":[\"" + wang + "\"],\"priority\":30,\"dueTime\":1741600000000,"
                + "\"contentFieldList\":[{\"fieldKey\":\"金额\",\"fieldValue\":\"128000.00\"}],\"notifyConfigs\":{\"dingNotify\":\"1\"}}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode task = answer.json();
        assertThat(task.get("id").isTextual()).isTrue();
        assertThat(task.get("done").asBoolean()).isFalse();
        assertThat(task.get("creatorId").asText()).isEqualTo(zhang);
        assertThat(task.get("executorIds")).extracting(JsonNode::asText).containsExactly(li);
        assertThat(task.get("createdTime").asLong()).isEqualTo(START.toEpochMilli());
        assertThat(task.get("requestId").asText()).isEqualTo(answer.requestId());
        assertThat(task.at("/detailUrl/appUrl").asText()).isEqualTo("https://proyi.example.com/m/1");
        assertThat(simulator.todoTasks(CORP, "u2")).singleElement().satisfies(stored -> {
            assertThat(stored.id()).isEqualTo(task.get("id").asText());
            assertThat(stored.subject()).isEqualTo("审批采购单 PO-1");
            assertThat(stored.contentFields()).containsExactly(new TodoTask.Field("金额", "128000.00"));
            assertThat(stored.priority()).isEqualTo(30);
            assertThat(stored.doneFor(li)).isFalse();
        });
        assertThat(simulator.todoTasks(CORP, "u3")).hasSize(1);
        assertThat(simulator.todoTasks(CORP, "u1")).hasSize(1);
        assertThat(simulator.calls("POST " + TodoApi.TASKS)).isEqualTo(1);
    }

    @Test
    void theTokenComesOnlyFromTheHeader() {
        String path = tasks(zhang);
        String body = "{\"subject\":\"x\"," + DETAIL + "}";

        assertError(v1("POST", path, null, body), 400, "AuthenticationFailed.MissingParameter");
        assertError(v1("POST", path + "?access_token=" + token, null, body), 400, "AuthenticationFailed.MissingParameter");
        assertError(v1("POST", path, "not-a-token", body), 400, "InvalidAuthentication");
        assertThat(v1("POST", path, token(), body).status()).as("the /gettoken token is the same token").isEqualTo(200);
    }

    @Test
    void writeAndReadNeedTheirPermissionPoints() {
        simulator.revokePermissions(APP_KEY, Permissions.TODO_WRITE);

        Answer refused = create(zhang, "{\"subject\":\"x\"," + DETAIL + "}");

        assertError(refused, 403, "Forbidden.AccessDenied.AccessTokenPermissionDenied");
        assertThat(refused.json().at("/accessdenieddetail/requiredScopes/0").asText()).isEqualTo("Todo.Todo.Write");
        assertThat(query(zhang, "{}").status()).isEqualTo(200);
        simulator.revokePermissions(APP_KEY, Permissions.TODO_READ);
        assertError(query(zhang, "{}"), 403, "Forbidden.AccessDenied.AccessTokenPermissionDenied");
    }

    @Test
    void postAndPutNeedAJsonBodyAndUnknownRoutesAre404() {
        assertError(v1("POST", tasks(zhang), token, null), 400, "Missingbody");
        assertError(v1("GET", tasks(zhang), token, null), 404, "InvalidAction.NotFound");
        assertError(v1("POST", "/v1.0/todo/users/" + zhang + "/tasks/list/all", token, "{}"), 404, "InvalidAction.NotFound");
    }

    @Test
    void peopleAreUnionIdsNeverUserids() {
        Answer userIdInPath = create("u1", "{\"subject\":\"x\"," + DETAIL + "}");
        Answer userIdAsExecutor = create(zhang, "{\"subject\":\"x\"," + DETAIL + ",\"executorIds\":[\"u2\"]}");
        Answer stranger = create(zhang, "{\"subject\":\"x\"," + DETAIL + ",\"participantIds\":[\"nobody-at-all\"]}");

        assertError(userIdInPath, 400, "todo.taskCreate.paramError");
        assertThat(userIdInPath.json().get("message").asText()).contains("userid");
        assertError(userIdAsExecutor, 400, "todo.taskCreate.paramError");
        assertThat(userIdAsExecutor.json().get("message").asText()).contains("executorIds").contains("userid");
        assertError(stranger, 400, "todo.taskCreate.paramError");
        assertThat(simulator.todoTasks(CORP, "u1")).isEmpty();
    }

    @Test
    void createRefusesWhatTheDocsRefuse() {
        String hundredAndOne = IntStream.rangeClosed(1, 101).mapToObj(i -> {
            simulator.addUser(CORP, "x" + i, "成员" + i);
            return "\"" + simulator.unionIdOf(CORP, "x" + i) + "\"";
        }).collect(Collectors.joining(","));

        assertCreateRefused("{" + DETAIL + "}", "todo.taskCreate.paramError: subject is required");
        assertCreateRefused("{\"subject\":\"" + "汉".repeat(342) + "\"," + DETAIL + "}", "subject is oversize");
        assertThat(create(zhang, "{\"subject\":\"" + "汉".repeat(341) + "\"," + DETAIL + "}").status()).as("1023 bytes").isEqualTo(200);
        assertCreateRefused("{\"subject\":\"x\",\"description\":\"" + "d".repeat(4097) + "\"," + DETAIL + "}", "description is oversize");
        assertCreateRefused("{\"subject\":\"x\"}", "detailUrl");
        assertCreateRefused("{\"subject\":\"x\",\"detailUrl\":{\"appUrl\":\"https://x/" + "a".repeat(1015) + "\"}}", "appUrl is oversize");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"dueTime\":1741600000}", "dueTime is invalid");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"dueTime\":\"1741600000000\"}", "dueTime is invalid");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"executorIds\":[" + hundredAndOne + "]}", "executors is oversize");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"participantIds\":[" + hundredAndOne + "]}", "participants is oversize");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"priority\":25}", "priority");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"todoType\":\"DONE\"}", "todoType");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"creatorId\":\"" + li + "\"}", "creatorId");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"notifyConfigs\":{\"dingNotify\":1}}", "dingNotify");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"contentFieldList\":[{\"fieldKey\":\"k\"}]}", "contentFieldList");
        assertCreateRefused("{\"subject\":\"x\"," + DETAIL + ",\"detailURL\":{}}", "unknown field detailURL");
        assertCreateRefused("{\"subject\":\"x\",\"detailUrl\":{\"appUrl\":\"https://x\",\"pcURL\":\"https://y\"}}", "unknown field pcURL");
    }

    @Test
    void aSourceIdIsUniqueAmongLiveTasks() {
        String first = create(zhang, "{\"subject\":\"a\",\"sourceId\":\"PO-9\"," + DETAIL + "}").json().get("id").asText();

        Answer again = create(zhang, "{\"subject\":\"a\",\"sourceId\":\"PO-9\"," + DETAIL + "}");

        assertError(again, 400, "todo.taskCreate.paramError");
        assertThat(again.json().get("message").asText()).isEqualTo("task exist");
        assertThat(v1("DELETE", task(zhang, first), token, null).status()).isEqualTo(200);
        assertThat(create(zhang, "{\"subject\":\"a\",\"sourceId\":\"PO-9\"," + DETAIL + "}").status()).isEqualTo(200);
    }

    @Test
    void doneCompletesEveryExecutorsPartAndListsAreReplaced() {
        String id = create(zhang, "{\"subject\":\"a\"," + DETAIL + ",\"executorIds\":[\"" + li + "\",\"" + wang + "\"]}")
                .json().get("id").asText();

        Answer replaced = v1("PUT", task(zhang, id), token, "{\"executorIds\":[\"" + li + "\"],\"subject\":\"b\"}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("result").asBoolean()).isTrue();
        assertThat(simulator.todoTasks(CORP, "u3")).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        assertThat(v1("PUT", task(zhang, id) + "?operatorId=" + zhang, token, "{\"done\":true}").status()).isEqualTo(200);

        TodoTask done = simulator.todoTask(id).orElseThrow();
        assertThat(done.subject()).isEqualTo("b");
        assertThat(done.done()).isTrue();
        assertThat(done.doneExecutorIds()).containsExactly(li);
        assertThat(done.modifiedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    }

    @Test
    void updateChecksTheTaskItsAppAndThePerson() {
        simulator.addApp("other-key", "other-secret", 20002, CORP);
        simulator.grantPermissions("other-key", Permissions.TODO_WRITE);
        String id = create(zhang, "{\"subject\":\"a\"," + DETAIL + ",\"executorIds\":[\"" + li + "\"]}").json().get("id").asText();
        String otherToken = v1("POST", TokenApi.ACCESS_TOKEN, null, "{\"appKey\":\"other-key\",\"appSecret\":\"other-secret\"}")
                .json().get("accessToken").asText();

        assertTaskError(v1("PUT", task(zhang, "no-such-task"), token, "{\"done\":true}"), "todo.taskUpdate.paramError", "task not exist");
        assertTaskError(v1("PUT", task(zhang, id), otherToken, "{\"done\":true}"), "todo.taskUpdate.paramError", "task not belong to bizTag");
        assertError(v1("PUT", task(wang, id), token, "{\"done\":true}"), 400, "todo.taskUpdate.paramError");
        assertError(v1("PUT", task(zhang, id) + "?operatorId=" + li, token, "{\"done\":true}"), 400, "todo.taskUpdate.paramError");
        assertError(v1("PUT", task(zhang, id), token, "{\"done\":\"true\"}"), 400, "todo.taskUpdate.paramError");
        assertError(v1("PUT", task(zhang, id), token, "{\"priority\":10}"), 400, "todo.taskUpdate.paramError");
        assertThat(v1("PUT", task(li, id), token, "{\"subject\":\"改\"}").status()).as("an executor may").isEqualTo(200);
        assertThat(simulator.todoTask(id).orElseThrow().done()).isFalse();
    }

    @Test
    void executorStatusMarksOneExecutorsPart() {
        String id = create(zhang, "{\"subject\":\"a\"," + DETAIL + ",\"executorIds\":[\"" + li + "\",\"" + wang + "\"]}")
                .json().get("id").asText();

        Answer answer = v1("PUT", executorStatus(zhang, id), token, "{\"executorStatusList\":[{\"id\":\"" + li + "\",\"isDone\":true}]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        TodoTask task = simulator.todoTask(id).orElseThrow();
        assertThat(task.doneFor(li)).isTrue();
        assertThat(task.doneFor(wang)).isFalse();
        assertThat(task.done()).isFalse();
        assertTaskError(v1("PUT", executorStatus(zhang, id), token, "{\"executorStatusList\":[{\"id\":\"" + zhang + "\",\"isDone\":true}]}"),
                "todo.taskExecutorStatusUpdate.paramError", "todo.taskExecutorStatusUpdate.paramError: " + zhang + " is not an executor of the task");
    }

    @Test
    void deleteRemovesTheTaskForEveryone() {
        String id = create(zhang, "{\"subject\":\"a\"," + DETAIL + ",\"executorIds\":[\"" + li + "\"]}").json().get("id").asText();

        Answer deleted = v1("DELETE", task(zhang, id), token, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("result").asBoolean()).isTrue();
        assertThat(deleted.json().get("requestId").asText()).isEqualTo(deleted.requestId());
        assertThat(simulator.todoTasks(CORP, "u2")).isEmpty();
        assertThat(simulator.todoTask(id)).hasValueSatisfying(task -> assertThat(task.deleted()).isTrue());
        assertTaskError(v1("DELETE", task(zhang, id), token, null), "todo.taskDelete.paramError", "task not exist");
    }

    @Test
    void queryPagesThroughTheUsersTasksByRoleAndState() {
        for (int i = 0; i < 12; i++) {
            create(zhang, "{\"subject\":\"任务" + i + "\",\"sourceId\":\"S" + i + "\"," + DETAIL + ",\"executorIds\":[\"" + li + "\"]}");
        }
        create(li, "{\"subject\":\"李四自己的\"," + DETAIL + "}");
        String onlyExecutors = create(zhang, "{\"subject\":\"仅执行人可见\"," + DETAIL + ",\"isOnlyShowExecutor\":true,\"participantIds\":[\""
                + li + "\"]}").json().get("id").asText();

        JsonNode first = query(li, "{\"roleTypes\":[[\"executor\"]]}").json();
        assertThat(first.get("todoCards")).hasSize(TodoApi.PAGE_SIZE);
        assertThat(first.at("/todoCards/0/taskId").isTextual()).isTrue();
        assertThat(first.at("/todoCards/0/sourceId").asText()).isEqualTo("S0");
        assertThat(first.at("/todoCards/0/isDone").asBoolean()).isFalse();
        JsonNode second = query(li, "{\"roleTypes\":[[\"executor\"]],\"nextToken\":\"" + first.get("nextToken").asText() + "\"}").json();
        assertThat(second.get("todoCards")).hasSize(2);
        assertThat(second.has("nextToken")).isFalse();

        JsonNode mine = query(li, "{\"roleTypes\":[[\"creator\"]]}").json();
        assertThat(mine.get("todoCards").findValuesAsText("subject")).containsExactly("李四自己的");
        assertThat(query(li, "{}").json().get("todoCards").findValuesAsText("taskId")).doesNotContain(onlyExecutors);
        assertError(query(li, "{\"nextToken\":\"abc\"}"), 400, "todo.orgTaskQuery.paramError");
        assertThat(query(li, "{\"nextToken\":\"abc\"}").json().get("message").asText()).isEqualTo("nextToken is invalid");
    }

    @Test
    void completedTasksLeaveTheQueryAfter180Days() {
        String id = create(zhang, "{\"subject\":\"a\"," + DETAIL + ",\"executorIds\":[\"" + li + "\"]}").json().get("id").asText();
        v1("PUT", task(zhang, id), token, "{\"done\":true}");

        assertThat(query(li, "{\"isDone\":true}").json().get("todoCards")).hasSize(1);
        assertThat(query(li, "{\"isDone\":false}").json().get("todoCards")).isEmpty();
        clock.advance(Duration.ofDays(181));
        token = v1Token();
        assertThat(query(li, "{\"isDone\":true}").json().get("todoCards")).isEmpty();
    }

    @Test
    void qpsIsPerAppAndApiAndCallsCountTowardTheQuota() {
        simulator.setQpsLimit(2);
        create(zhang, "{\"subject\":\"a\"," + DETAIL + "}");
        create(zhang, "{\"subject\":\"b\"," + DETAIL + "}");

        assertError(create(zhang, "{\"subject\":\"c\"," + DETAIL + "}"), 403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi");
        assertThat(query(zhang, "{}").status()).as("another API").isEqualTo(200);
        assertThat(simulator.monthlyCalls(CORP)).isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));
        simulator.setMonthlyCalls(CORP, MonthlyQuota.STANDARD_PLAN);
        assertError(create(zhang, "{\"subject\":\"d\"," + DETAIL + "}"), 403, "Forbidden.AccessDenied.ApiCountLimitForOrg");
    }

    @Test
    void injectedV1FaultsCanTargetARoute() {
        simulator.failNext("POST " + TodoApi.TASKS, 1, Fault.v1Error(400, "todo.taskCreate.lockError", "todo.taskCreate.lockError"));

        assertError(create(zhang, "{\"subject\":\"a\"," + DETAIL + "}"), 400, "todo.taskCreate.lockError");
        assertThat(create(zhang, "{\"subject\":\"a\"," + DETAIL + "}").status()).isEqualTo(200);
    }

    private Answer create(String unionId, String json) {
        return v1("POST", tasks(unionId), token, json);
    }

    private Answer query(String unionId, String json) {
        return v1("POST", "/v1.0/todo/users/" + unionId + "/org/tasks/query", token, json);
    }

    private void assertCreateRefused(String json, String messageMentions) {
        Answer answer = create(zhang, json);
        assertError(answer, 400, "todo.taskCreate.paramError");
        assertThat(answer.json().get("message").asText()).contains(messageMentions);
    }

    private static void assertTaskError(Answer answer, String code, String message) {
        assertError(answer, 400, code);
        assertThat(answer.json().get("message").asText()).isEqualTo(message);
    }

    private static void assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("code").asText()).isEqualTo(code);
        assertThat(answer.json().get("requestid").asText()).isEqualTo(answer.requestId());
    }

    private static String tasks(String unionId) {
        return "/v1.0/todo/users/" + unionId + "/tasks";
    }

    private static String task(String unionId, String taskId) {
        return tasks(unionId) + "/" + taskId;
    }

    private static String executorStatus(String unionId, String taskId) {
        return task(unionId, taskId) + "/executorStatus";
    }
}
