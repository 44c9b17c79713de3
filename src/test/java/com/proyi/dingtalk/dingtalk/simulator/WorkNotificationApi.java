package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The work-notification endpoints of API.md §2.1 and §2.4–2.7, checked as strictly as §9 asks. */
final class WorkNotificationApi {

    static final String ASYNCSEND_V2 = "/topapi/message/corpconversation/asyncsend_v2";
    static final String GETSENDRESULT = "/topapi/message/corpconversation/getsendresult";
    static final String GETSENDPROGRESS = "/topapi/message/corpconversation/getsendprogress";
    static final String RECALL = "/topapi/message/corpconversation/recall";
    static final String STATUS_BAR_UPDATE = "/topapi/message/corpconversation/status_bar/update";

    static final int MAX_USER_IDS = 100;
    static final int MAX_DEPT_IDS = 20;
    static final int MAX_RECIPIENTS = 5000;
    static final int MAX_STATUS_BAR_USERS = 5;
    /** getsendresult only answers for small tasks; bigger ones time out on the real server. */
    static final int MAX_RESULT_RECIPIENTS = 100;
    /** getsendresult, getsendprogress (its doc says 7 days in one place, 24 h in another: the shorter) and recall. */
    static final Duration RESULT_WINDOW = Duration.ofHours(24);
    static final Duration STATUS_BAR_WINDOW = Duration.ofDays(7);

    private static final Pattern DEPT_ID = Pattern.compile("\\d{1,18}");
    private static final int RECALL_INVALID = 400002;

    private final OrgDirectory directory;
    private final ContactDirectory contacts;
    private final WorkNotificationStore store;
    private volatile Duration processingTime = Duration.ZERO;

    WorkNotificationApi(OrgDirectory directory, ContactDirectory contacts, WorkNotificationStore store) {
        this.directory = directory;
        this.contacts = contacts;
        this.store = store;
    }

    void register(Gateway gateway) {
        gateway.route("POST", ASYNCSEND_V2, Policy.billed(Permissions.BASE), this::send);
        gateway.route("POST", GETSENDRESULT, Policy.billed(Permissions.BASE), this::sendResult);
        gateway.route("POST", GETSENDPROGRESS, Policy.billed(Permissions.BASE), this::sendProgress);
        gateway.route("POST", RECALL, Policy.billed(Permissions.BASE), this::recall);
        gateway.route("POST", STATUS_BAR_UPDATE, Policy.billed(Permissions.BASE), this::updateStatusBar);
    }

    /**
     * How long DingTalk takes to work through a send (default: done at once). Until then
     * getsendprogress reports it in progress, getsendresult has empty lists and status_bar/update
     * is refused with 41052.
     */
    void setProcessingTime(Duration time) {
        if (time.isNegative()) {
            throw new IllegalArgumentException("negative processing time: " + time);
        }
        processingTime = time;
    }

    private ObjectNode send(OapiRequest request) {
        SimApp app = request.app();
        checkAgent(request);
        boolean toAll = request.flag("to_all_user");
        List<String> userIds = idList(request, "userid_list", MAX_USER_IDS);
        List<Long> deptIds = idList(request, "dept_id_list", MAX_DEPT_IDS).stream().map(WorkNotificationApi::deptId).toList();
        if (toAll && !(userIds.isEmpty() && deptIds.isEmpty())) {
            throw OapiException.invalidParam("to_all_user=true 时不能再指定 userid_list 或 dept_id_list");
        }
        if (!toAll && userIds.isEmpty() == deptIds.isEmpty()) {
            throw OapiException.invalidParam(userIds.isEmpty()
                    ? "必须指定接收人: userid_list、dept_id_list 或 to_all_user=true"
                    : "userid_list 和 dept_id_list 只能指定其中一个");
        }
        JsonNode msg = request.object("msg").orElseThrow(() -> OapiException.invalidParam("缺少参数 msg"));
        MessageValidator.Checked checked = MessageValidator.validate(msg);
        String type = checked.type();
        boolean statusBarAllowed = !toAll && deptIds.isEmpty() && userIds.size() <= MAX_STATUS_BAR_USERS;
        if ("oa".equals(type) && msg.get("oa").has("status_bar") && !statusBarAllowed) {
            throw OapiException.invalidParam("msg.oa.status_bar 只能用于 userid_list 且不超过 " + MAX_STATUS_BAR_USERS + " 人的消息");
        }
        WorkNotificationStore.Recipients recipients = toAll
                ? new WorkNotificationStore.Recipients(directory.userIds(app.corpId()), List.of(), false)
                : deptIds.isEmpty() ? new WorkNotificationStore.Recipients(userIds, List.of(), statusBarAllowed)
                : contacts.expand(app.corpId(), deptIds);
        if (recipients.userIds().size() > MAX_RECIPIENTS) {
            throw OapiException.invalidParam("接收人数 " + recipients.userIds().size() + " 超过上限 " + MAX_RECIPIENTS);
        }
        WorkNotificationStore.Task task = store.send(app, recipients, checked, msg, request.receivedAt());
        return Json.object().put("task_id", task.taskId());
    }

    private ObjectNode sendResult(OapiRequest request) {
        checkAgent(request);
        WorkNotificationStore.Task task = ownTask(request, request.requiredLong("task_id", 40035), 40035);
        checkWithin(task, RESULT_WINDOW, request.receivedAt(), 40035, "只能查询24小时内的发送结果");
        if (task.recipientCount() > MAX_RESULT_RECIPIENTS) {
            throw OapiException.of(-1, "系统繁忙: 查询超时 (timeout), 不支持接收人超过 " + MAX_RESULT_RECIPIENTS + " 人的任务");
        }
        boolean done = isDone(task, request.receivedAt());
        ObjectNode result = Json.object();
        result.set("invalid_user_id_list", strings(done ? task.invalidUserIds() : List.of()));
        result.set("forbidden_user_id_list", strings(done ? task.forbidden().stream().map(WorkNotificationStore.Forbidden::userId).toList() : List.of()));
        result.set("failed_user_id_list", strings(done ? task.failedUserIds() : List.of()));
        result.set("read_user_id_list", strings(done ? task.readUserIds() : List.of()));
        result.set("unread_user_id_list", strings(done ? task.unreadUserIds() : List.of()));
        ArrayNode invalidDepts = result.putArray("invalid_dept_id_list");
        ArrayNode forbiddenList = result.putArray("forbidden_list");
        if (done) {
            task.invalidDeptIds().forEach(invalidDepts::add);
            task.forbidden().forEach(forbidden -> forbiddenList.addObject()
                    .put("code", forbidden.code())
                    .put("count", forbidden.count())
                    .put("userid", forbidden.userId()));
        }
        ObjectNode payload = Json.object();
        payload.set("send_result", result);
        return payload;
    }

    /** Every error here is 40035 (API.md §2.5: "bad task_id/agent_id"). */
    private ObjectNode sendProgress(OapiRequest request) {
        if (request.requiredLong("agent_id", 40035) != request.app().agentId()) {
            throw OapiException.invalidParam("agent_id 不属于当前access_token对应的应用");
        }
        WorkNotificationStore.Task task = ownTask(request, request.requiredLong("task_id", 40035), 40035);
        checkWithin(task, RESULT_WINDOW, request.receivedAt(), 40035, "只能查询24小时内的发送进度");
        Duration elapsed = Duration.between(task.at(), request.receivedAt());
        boolean done = isDone(task, request.receivedAt());
        int percent = done ? 100 : (int) (100 * elapsed.toMillis() / processingTime.toMillis());
        ObjectNode payload = Json.object();
        payload.putObject("progress").put("progress_in_percent", percent).put("status", done ? 2 : 1);
        return payload;
    }

    /** The id field is {@code msg_task_id} here; every refusal is 400002 (API.md §2.6). */
    private ObjectNode recall(OapiRequest request) {
        if (recallParam(request, "agent_id", "agent_id 缺少或无效") != request.app().agentId()) {
            throw OapiException.of(RECALL_INVALID, "agent_id 不属于当前access_token对应的应用");
        }
        long taskId = recallParam(request, "msg_task_id", "msg_task_id 缺少或无效 (撤回接口用 msg_task_id, 不是 task_id)");
        WorkNotificationStore.Task task = ownTask(request, taskId, RECALL_INVALID);
        checkWithin(task, RESULT_WINDOW, request.receivedAt(), RECALL_INVALID, "只能撤回24小时内发送的消息");
        // A second recall of the same task is answered ok: what DingTalk does then is not documented.
        task.recall();
        return Json.object();
    }

    private static long recallParam(OapiRequest request, String name, String errmsg) {
        try {
            return request.requiredLong(name, RECALL_INVALID);
        } catch (OapiException e) {
            throw e.errcode() == 40035 ? OapiException.of(RECALL_INVALID, errmsg) : e;
        }
    }

    private ObjectNode updateStatusBar(OapiRequest request) {
        checkAgent(request);
        WorkNotificationStore.Task task = ownTask(request, request.requiredLong("task_id", 40035), 40035);
        String value = request.text("status_value").filter(text -> !text.isBlank())
                .orElseThrow(() -> OapiException.invalidParam("缺少参数 status_value"));
        String bg = request.text("status_bg").orElse(null);
        if (bg != null) {
            MessageValidator.checkStatusBg(bg, "status_bg");
        }
        if (!"oa".equals(task.msgType())) {
            throw OapiException.invalidParam("只有OA消息可以更新状态栏, task_id " + task.taskId() + " 是 " + task.msgType() + " 消息");
        }
        checkWithin(task, STATUS_BAR_WINDOW, request.receivedAt(), 40035, "只能更新7天内发送的消息的状态栏");
        if (task.recalled()) {
            throw OapiException.invalidParam("消息已撤回, 不能更新状态栏: " + task.taskId());
        }
        if (!task.statusBarAllowed()) {
            throw OapiException.of(41052, "接收人过多: 只有发给不超过 " + MAX_STATUS_BAR_USERS + " 个 userid 的消息可以更新状态栏");
        }
        if (!isDone(task, request.receivedAt())) {
            throw OapiException.of(41052, "消息发送尚未完成, 请稍后再更新状态栏");
        }
        task.updateStatusBar(value, bg);
        return Json.object();
    }

    private boolean isDone(WorkNotificationStore.Task task, Instant now) {
        return !now.isBefore(task.at().plus(processingTime));
    }

    /** The task, if it exists and was sent by the calling app; otherwise {@code errcode}. */
    private WorkNotificationStore.Task ownTask(OapiRequest request, long taskId, int errcode) {
        return store.task(taskId)
                .filter(candidate -> candidate.appKey().equals(request.app().appKey()))
                .orElseThrow(() -> OapiException.of(errcode, "task_id 不存在或不属于该应用: " + taskId));
    }

    private static void checkWithin(WorkNotificationStore.Task task, Duration window, Instant now, int errcode, String errmsg) {
        if (Duration.between(task.at(), now).compareTo(window) > 0) {
            throw OapiException.of(errcode, errmsg + ", task_id: " + task.taskId());
        }
    }

    /** agent_id is required and must be the calling app's own micro-app. */
    private static void checkAgent(OapiRequest request) {
        long agentId = request.requiredLong("agent_id", 41011);
        if (agentId != request.app().agentId()) {
            throw OapiException.of(40056, "不合法的agentid: " + agentId + " 不属于当前access_token对应的应用");
        }
    }

    /** A comma-separated id list; blank means absent, empty entries are refused. Duplicates count once. */
    private static List<String> idList(OapiRequest request, String name, int max) {
        String raw = request.text(name).orElse("").trim();
        if (raw.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String id : raw.split(",", -1)) {
            if (id.isBlank()) {
                throw OapiException.invalidParam(name + " 中有空的 id: \"" + raw + "\"");
            }
            ids.add(id.trim());
        }
        if (ids.size() > max) {
            throw OapiException.invalidParam(name + " 最多 " + max + " 个, 实际 " + ids.size() + " 个");
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    private static long deptId(String id) {
        if (!DEPT_ID.matcher(id).matches()) {
            throw OapiException.invalidParam("dept_id_list 中的部门 id 必须是数字: " + id);
        }
        return Long.parseLong(id);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = Json.array();
        values.forEach(array::add);
        return array;
    }
}
