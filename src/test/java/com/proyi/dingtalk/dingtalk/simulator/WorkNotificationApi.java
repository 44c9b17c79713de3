package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The work-notification endpoints of API.md 2.1 and 2.4, checked as strictly as section 9 asks. */
final class WorkNotificationApi {

    static final String ASYNCSEND_V2 = "/topapi/message/corpconversation/asyncsend_v2";
    static final String GETSENDRESULT = "/topapi/message/corpconversation/getsendresult";

    static final int MAX_USER_IDS = 100;
    static final int MAX_DEPT_IDS = 20;
    static final int MAX_RECIPIENTS = 5000;
    static final int MAX_STATUS_BAR_USERS = 5;
    /** getsendresult only answers for small tasks; bigger ones time out on the real server. */
    static final int MAX_RESULT_RECIPIENTS = 100;
    static final Duration RESULT_WINDOW = Duration.ofHours(24);

    private static final Pattern DEPT_ID = Pattern.compile("\\d{1,18}");

    private final OrgDirectory directory;
    private final WorkNotificationStore store;

    WorkNotificationApi(OrgDirectory directory, WorkNotificationStore store) {
        this.directory = directory;
        this.store = store;
    }

    void register(Gateway gateway) {
        gateway.route("POST", ASYNCSEND_V2, Policy.billed(Permissions.BASE), this::send);
        gateway.route("POST", GETSENDRESULT, Policy.billed(Permissions.BASE), this::sendResult);
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
        String type = MessageValidator.validate(msg);
        if ("oa".equals(type) && msg.get("oa").has("status_bar") && (toAll || !deptIds.isEmpty() || userIds.size() > MAX_STATUS_BAR_USERS)) {
            throw OapiException.invalidParam("msg.oa.status_bar 只能用于 userid_list 且不超过 " + MAX_STATUS_BAR_USERS + " 人的消息");
        }
        List<String> addressed = toAll ? directory.userIds(app.corpId()) : userIds;
        if (addressed.size() > MAX_RECIPIENTS) {
            throw OapiException.invalidParam("接收人数 " + addressed.size() + " 超过上限 " + MAX_RECIPIENTS);
        }
        WorkNotificationStore.Task task = store.send(app, addressed, deptIds, msg, request.receivedAt());
        return Json.object().put("task_id", task.taskId());
    }

    private ObjectNode sendResult(OapiRequest request) {
        SimApp app = request.app();
        checkAgent(request);
        long taskId = request.requiredLong("task_id", 40035);
        WorkNotificationStore.Task task = store.task(taskId)
                .filter(candidate -> candidate.appKey().equals(app.appKey()))
                .orElseThrow(() -> OapiException.invalidParam("task_id 不存在或不属于该应用: " + taskId));
        if (Duration.between(task.at(), request.receivedAt()).compareTo(RESULT_WINDOW) > 0) {
            throw OapiException.invalidParam("只能查询24小时内的发送结果, task_id: " + taskId);
        }
        if (task.recipientCount() > MAX_RESULT_RECIPIENTS) {
            throw OapiException.of(-1, "系统繁忙: 查询超时 (timeout), 不支持接收人超过 " + MAX_RESULT_RECIPIENTS + " 人的任务");
        }
        ObjectNode result = Json.object();
        result.set("invalid_user_id_list", strings(task.invalidUserIds()));
        result.set("forbidden_user_id_list", strings(task.forbidden().stream().map(WorkNotificationStore.Forbidden::userId).toList()));
        result.set("failed_user_id_list", Json.array());
        result.set("read_user_id_list", Json.array());
        result.set("unread_user_id_list", strings(task.deliveredUserIds()));
        ArrayNode invalidDepts = Json.array();
        task.invalidDeptIds().forEach(invalidDepts::add);
        result.set("invalid_dept_id_list", invalidDepts);
        ArrayNode forbiddenList = Json.array();
        task.forbidden().forEach(forbidden -> forbiddenList.addObject()
                .put("code", forbidden.code())
                .put("count", forbidden.count())
                .put("userid", forbidden.userId()));
        result.set("forbidden_list", forbiddenList);
        ObjectNode payload = Json.object();
        payload.set("send_result", result);
        return payload;
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
