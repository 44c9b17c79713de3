package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * DingTalk 待办 on api.dingtalk.com (API.md §2.9, rules of §9): create, update, executorStatus,
 * delete and the org query, with the app token in the header, permission points, unionIds only,
 * and every documented limit. Where the doc leaves a rule open the simulator refuses: a userid
 * where a unionId belongs, a field the API does not have, a person acting on a task they have no
 * role in, a deadline in seconds rather than milliseconds.
 */
final class TodoApi {

    static final String TASKS = "/v1.0/todo/users/{unionId}/tasks";
    static final String TASK = TASKS + "/{taskId}";
    static final String EXECUTOR_STATUS = TASK + "/executorStatus";
    static final String ORG_QUERY = "/v1.0/todo/users/{unionId}/org/tasks/query";

    static final int MAX_SUBJECT_BYTES = 1024;
    static final int MAX_DESCRIPTION_BYTES = 4096;
    static final int MAX_FIELD_BYTES = 1024;
    static final int MAX_PEOPLE_ON_CREATE = 100;
    static final int MAX_PEOPLE_ON_UPDATE = 1000;
    /** The query's page size is undocumented; a small one makes clients page. */
    static final int PAGE_SIZE = 10;
    /** Epoch milliseconds from 2001 on; a smaller number is a deadline given in seconds. */
    private static final long EARLIEST_MILLIS = 1_000_000_000_000L;

    private static final String CREATE = "todo.taskCreate";
    private static final String UPDATE = "todo.taskUpdate";
    private static final String EXECUTOR_UPDATE = "todo.taskExecutorStatusUpdate";
    private static final String DELETE = "todo.taskDelete";
    private static final String QUERY = "todo.orgTaskQuery";

    private static final Set<String> CREATE_FIELDS = Set.of("subject", "description", "detailUrl", "sourceId", "creatorId",
            "dueTime", "executorIds", "participantIds", "contentFieldList", "isOnlyShowExecutor", "priority", "notifyConfigs",
            "remindNotifyConfigs", "reminderTimeStamp", "todoType", "bizCategoryId", "actionList", "thirdExtension");
    private static final Set<String> UPDATE_FIELDS = Set.of("subject", "description", "dueTime", "done", "executorIds",
            "participantIds", "contentFieldList");
    private static final Set<String> QUERY_FIELDS = Set.of("nextToken", "isDone", "roleTypes", "todoType");
    private static final Set<String> ROLES = Set.of("executor", "creator", "participant");
    private static final Set<Integer> PRIORITIES = Set.of(10, 20, 30, 40);
    private static final Set<String> TODO_TYPES = Set.of("TODO", "READ");

    private final OrgDirectory directory;
    private final TodoStore store;

    TodoApi(OrgDirectory directory, TodoStore store) {
        this.directory = directory;
        this.store = store;
    }

    void register(Gateway gateway) {
        gateway.v1Route("POST", TASKS, Policy.billed(Permissions.TODO_WRITE), this::create);
        gateway.v1Route("PUT", TASK, Policy.billed(Permissions.TODO_WRITE), this::update);
        gateway.v1Route("PUT", EXECUTOR_STATUS, Policy.billed(Permissions.TODO_WRITE), this::updateExecutorStatus);
        gateway.v1Route("DELETE", TASK, Policy.billed(Permissions.TODO_WRITE), this::delete);
        gateway.v1Route("POST", ORG_QUERY, Policy.billed(Permissions.TODO_READ), this::query);
    }

    private JsonNode create(V1Request request) {
        Body body = new Body(request.body(), CREATE);
        body.onlyKnown(CREATE_FIELDS);
        String creator = pathUnionId(request, CREATE);
        operator(request, CREATE);
        String subject = body.text("subject");
        if (subject == null || subject.isBlank()) {
            throw generic(CREATE, "subject is required");
        }
        maxBytes(subject, MAX_SUBJECT_BYTES, CREATE, "subject is oversize");
        String description = body.text("description");
        maxBytes(description, MAX_DESCRIPTION_BYTES, CREATE, "description is oversize");
        JsonNode detailUrlJson = body.object("detailUrl");
        Body detailUrl = new Body(detailUrlJson == null ? Json.object() : detailUrlJson, CREATE);
        detailUrl.onlyKnown(Set.of("appUrl", "pcUrl"));
        String appUrl = detailUrl.text("appUrl");
        String pcUrl = detailUrl.text("pcUrl");
        if (isBlank(appUrl) && isBlank(pcUrl)) {
            // Work to-dos need a page to open since 2024-02-01; the exact refusal text is unconfirmed.
            throw generic(CREATE, "detailUrl with appUrl or pcUrl is required");
        }
        maxBytes(appUrl, MAX_FIELD_BYTES, CREATE, "detailUrl.appUrl is oversize");
        maxBytes(pcUrl, MAX_FIELD_BYTES, CREATE, "detailUrl.pcUrl is oversize");
        String creatorId = body.text("creatorId");
        if (creatorId != null && !creatorId.equals(creator)) {
            throw generic(CREATE, "creatorId must be the unionId in the path");
        }
        List<String> executors = people(request, body, "executorIds", MAX_PEOPLE_ON_CREATE, "executors is oversize", CREATE);
        List<String> participants = people(request, body, "participantIds", MAX_PEOPLE_ON_CREATE, "participants is oversize", CREATE);
        Long dueTime = millis(body, "dueTime", CREATE, "dueTime is invalid");
        millis(body, "reminderTimeStamp", CREATE, "reminderTimeStamp is invalid");
        Integer priority = body.integer("priority");
        if (priority != null && !PRIORITIES.contains(priority)) {
            throw generic(CREATE, "priority must be 10, 20, 30 or 40");
        }
        String todoType = body.text("todoType");
        if (todoType != null && !TODO_TYPES.contains(todoType)) {
            throw generic(CREATE, "todoType must be TODO or READ");
        }
        notifyConfigs(body, "notifyConfigs", Set.of("dingNotify", "sendTodoApn", "sendAssistantChat"));
        notifyConfigs(body, "remindNotifyConfigs", Set.of("dingNotify", "sendTodoApn"));
        body.text("bizCategoryId");
        body.array("actionList");
        body.object("thirdExtension");
        String sourceId = body.text("sourceId");
        List<TodoTask.Field> fields = contentFields(body, CREATE);
        boolean onlyShowExecutor = Boolean.TRUE.equals(body.bool("isOnlyShowExecutor"));
        TodoStore.NewTask task = new TodoStore.NewTask(request.app().corpId(), request.app().appKey(), sourceId, subject, description,
                creator, executors, participants, appUrl, pcUrl, fields, priority, dueTime, todoType == null ? "TODO" : todoType,
                onlyShowExecutor);
        TodoTask created = store.create(task, request.receivedAt())
                .orElseThrow(() -> V1Exception.paramError(CREATE, "task exist"));
        ObjectNode answer = taskJson(created);
        answer.put("requestId", request.requestId());
        return answer;
    }

    private JsonNode update(V1Request request) {
        Body body = new Body(request.body(), UPDATE);
        body.onlyKnown(UPDATE_FIELDS);
        TodoTask task = ownTask(request, UPDATE, true);
        String subject = body.text("subject");
        maxBytes(subject, MAX_SUBJECT_BYTES, UPDATE, "subject is oversize");
        String description = body.text("description");
        maxBytes(description, MAX_DESCRIPTION_BYTES, UPDATE, "description is oversize");
        TodoStore.Changes changes = new TodoStore.Changes(subject, description, millis(body, "dueTime", UPDATE, "dueTime is invalid"),
                body.bool("done"),
                body.has("executorIds") ? people(request, body, "executorIds", MAX_PEOPLE_ON_UPDATE, "executors is oversize", UPDATE) : null,
                body.has("participantIds") ? people(request, body, "participantIds", MAX_PEOPLE_ON_UPDATE, "participants is oversize", UPDATE) : null,
                body.has("contentFieldList") ? contentFields(body, UPDATE) : null);
        store.update(task.id(), changes, request.receivedAt());
        return Json.object().put("result", true);
    }

    private JsonNode updateExecutorStatus(V1Request request) {
        Body body = new Body(request.body(), EXECUTOR_UPDATE);
        body.onlyKnown(Set.of("executorStatusList"));
        TodoTask task = ownTask(request, EXECUTOR_UPDATE, false);
        JsonNode list = body.array("executorStatusList");
        if (list == null || list.isEmpty()) {
            throw generic(EXECUTOR_UPDATE, "executorStatusList is required");
        }
        if (list.size() > MAX_PEOPLE_ON_UPDATE) {
            throw V1Exception.paramError(EXECUTOR_UPDATE, "executors is oversize");
        }
        Map<String, Boolean> statuses = new LinkedHashMap<>();
        for (JsonNode entry : list) {
            Body status = new Body(entry, EXECUTOR_UPDATE);
            String unionId = status.text("id");
            Boolean isDone = status.bool("isDone");
            if (unionId == null || isDone == null) {
                throw generic(EXECUTOR_UPDATE, "each executorStatusList entry needs id and isDone");
            }
            member(request, unionId, EXECUTOR_UPDATE, "executorStatusList[].id");
            if (!task.executorIds().contains(unionId)) {
                throw generic(EXECUTOR_UPDATE, unionId + " is not an executor of the task");
            }
            statuses.put(unionId, isDone);
        }
        store.setExecutorsDone(task.id(), statuses, request.receivedAt());
        return Json.object().put("result", true);
    }

    private JsonNode delete(V1Request request) {
        TodoTask task = ownTask(request, DELETE, true);
        store.delete(task.id(), request.receivedAt());
        return Json.object().put("result", true).put("requestId", request.requestId());
    }

    private JsonNode query(V1Request request) {
        Body body = new Body(request.body(), QUERY);
        body.onlyKnown(QUERY_FIELDS);
        String unionId = pathUnionId(request, QUERY);
        int offset = nextToken(body.text("nextToken"));
        Boolean isDone = body.bool("isDone");
        String todoType = body.text("todoType");
        if (todoType != null && !TODO_TYPES.contains(todoType)) {
            throw generic(QUERY, "todoType must be TODO or READ");
        }
        List<Set<String>> roleTypes = roleTypes(body);
        Predicate<TodoTask> visible = task -> holdsRoles(task, unionId, roleTypes)
                && (!task.onlyShowExecutor() || task.executorIds().contains(unionId))
                && (isDone == null || task.doneFor(unionId) == isDone)
                && (todoType == null || todoType.equals(task.todoType()));
        List<TodoTask> found = store.query(request.app().corpId(), request.receivedAt(), visible);
        ArrayNode cards = Json.array();
        found.stream().skip(offset).limit(PAGE_SIZE).forEach(task -> cards.add(card(task, unionId)));
        ObjectNode answer = Json.object();
        if (offset + PAGE_SIZE < found.size()) {
            answer.put("nextToken", String.valueOf(offset + PAGE_SIZE));
        }
        answer.set("todoCards", cards);
        return answer;
    }

    /** The task named in the path, checked the way update, executorStatus and delete need it. */
    private TodoTask ownTask(V1Request request, String api, boolean operatorMustMatch) {
        String unionId = pathUnionId(request, api);
        String operator = operator(request, api);
        if (operatorMustMatch && operator != null && !operator.equals(unionId)) {
            throw generic(api, "operatorId must be the unionId in the path");
        }
        TodoTask task = store.live(request.app().corpId(), request.pathVariable("taskId"))
                .orElseThrow(() -> V1Exception.paramError(api, "task not exist"));
        if (!task.appKey().equals(request.app().appKey())) {
            throw V1Exception.paramError(api, "task not belong to bizTag");
        }
        // Unconfirmed: that only the task's own people may act on it. The stricter reading is kept.
        if (!TodoStore.hasRole(task, unionId)) {
            throw generic(api, "the unionId in the path is not the creator, an executor or a participant of the task");
        }
        return task;
    }

    private String pathUnionId(V1Request request, String api) {
        return member(request, request.pathVariable("unionId"), api, "the unionId in the path");
    }

    /** {@code ?operatorId=}, a unionId when given; null when not. */
    private String operator(V1Request request, String api) {
        String operator = request.query("operatorId");
        return operator == null ? null : member(request, operator, api, "operatorId");
    }

    /**
     * A unionId of a member of the app's organisation. What DingTalk does with a userid here is
     * unconfirmed; refusing it catches the commonest integration bug.
     */
    private String member(V1Request request, String unionId, String api, String where) {
        String corpId = request.app().corpId();
        if (directory.byUnionId(corpId, unionId).isPresent()) {
            return unionId;
        }
        boolean isUserId = directory.isMember(corpId, unionId);
        throw generic(api, where + " \"" + unionId + "\" is not the unionId of a member"
                + (isUserId ? " (it is a userid: read the unionid with /topapi/v2/user/get)" : ""));
    }

    private List<String> people(V1Request request, Body body, String field, int max, String oversize, String api) {
        List<String> unionIds = body.strings(field);
        if (unionIds.size() > max) {
            throw V1Exception.paramError(api, oversize);
        }
        unionIds.forEach(unionId -> member(request, unionId, api, field));
        return List.copyOf(new LinkedHashSet<>(unionIds));
    }

    private static List<TodoTask.Field> contentFields(Body body, String api) {
        JsonNode list = body.array("contentFieldList");
        List<TodoTask.Field> fields = new ArrayList<>();
        if (list != null) {
            for (JsonNode entry : list) {
                Body field = new Body(entry, api);
                String key = field.text("fieldKey");
                String value = field.text("fieldValue");
                if (key == null || value == null) {
                    throw generic(api, "each contentFieldList entry needs fieldKey and fieldValue");
                }
                maxBytes(key, MAX_FIELD_BYTES, api, "contentFieldList fieldKey is oversize");
                maxBytes(value, MAX_FIELD_BYTES, api, "contentFieldList fieldValue is oversize");
                fields.add(new TodoTask.Field(key, value));
            }
        }
        return List.copyOf(fields);
    }

    private static Long millis(Body body, String field, String api, String invalid) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode value = body.json.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < EARLIEST_MILLIS) {
            throw V1Exception.paramError(api, invalid);
        }
        return value.longValue();
    }

    /** Their values are strings ("1", "true"), not numbers or booleans (API.md §2.9). */
    private static void notifyConfigs(Body body, String field, Set<String> keys) {
        JsonNode configs = body.object(field);
        if (configs == null) {
            return;
        }
        Body config = new Body(configs, CREATE);
        config.onlyKnown(keys);
        String dingNotify = config.text("dingNotify");
        if (dingNotify != null && !dingNotify.equals("0") && !dingNotify.equals("1")) {
            throw generic(CREATE, field + ".dingNotify must be \"0\" or \"1\"");
        }
        for (String flag : List.of("sendTodoApn", "sendAssistantChat")) {
            String value = config.text(flag);
            if (value != null && !value.equals("true") && !value.equals("false")) {
                throw generic(CREATE, field + "." + flag + " must be \"true\" or \"false\"");
            }
        }
    }

    private static int nextToken(String token) {
        if (token == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(token);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw V1Exception.paramError(QUERY, "nextToken is invalid");
    }

    /** roleTypes: outer list OR, inner list AND; absent means any role. */
    private static List<Set<String>> roleTypes(Body body) {
        JsonNode outer = body.array("roleTypes");
        List<Set<String>> alternatives = new ArrayList<>();
        if (outer == null) {
            return alternatives;
        }
        for (JsonNode inner : outer) {
            if (!inner.isArray() || inner.isEmpty()) {
                throw generic(QUERY, "roleTypes must be a list of lists, e.g. [[\"executor\"],[\"creator\"]]");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (JsonNode role : inner) {
                if (!role.isTextual() || !ROLES.contains(role.asText())) {
                    throw generic(QUERY, "roleTypes entries must be executor, creator or participant: " + role);
                }
                roles.add(role.asText());
            }
            alternatives.add(roles);
        }
        return alternatives;
    }

    private static boolean holdsRoles(TodoTask task, String unionId, List<Set<String>> roleTypes) {
        if (roleTypes.isEmpty()) {
            return TodoStore.hasRole(task, unionId);
        }
        return roleTypes.stream().anyMatch(roles -> roles.stream().allMatch(role -> switch (role) {
            case "executor" -> task.executorIds().contains(unionId);
            case "creator" -> unionId.equals(task.creatorId());
            default -> task.participantIds().contains(unionId);
        }));
    }

    /** The create answer (API.md §2.9, CreateTodoTaskResponseBody); bizTag and source name the creating app. */
    private static ObjectNode taskJson(TodoTask task) {
        ObjectNode json = Json.object().put("id", task.id()).put("subject", task.subject());
        putIfSet(json, "description", task.description());
        if (task.dueTime() != null) {
            json.put("dueTime", task.dueTime());
        }
        json.put("done", task.done());
        strings(json.putArray("executorIds"), task.executorIds());
        strings(json.putArray("participantIds"), task.participantIds());
        json.set("detailUrl", detailUrl(task));
        json.put("source", bizTag(task));
        putIfSet(json, "sourceId", task.sourceId());
        json.put("createdTime", task.createdAt().toEpochMilli()).put("modifiedTime", task.modifiedAt().toEpochMilli())
                .put("creatorId", task.creatorId()).put("modifierId", task.creatorId()).put("bizTag", bizTag(task));
        ArrayNode fields = json.putArray("contentFieldList");
        task.contentFields().forEach(field -> fields.addObject().put("fieldKey", field.key()).put("fieldValue", field.value()));
        json.put("isOnlyShowExecutor", task.onlyShowExecutor());
        if (task.priority() != null) {
            json.put("priority", task.priority());
        }
        return json;
    }

    /** A card of the org query: {@code taskId} and {@code isDone} here, unlike {@code id} and {@code done} on create. */
    private static ObjectNode card(TodoTask task, String unionId) {
        ObjectNode card = Json.object().put("taskId", task.id()).put("subject", task.subject());
        if (task.dueTime() != null) {
            card.put("dueTime", task.dueTime());
        }
        card.set("detailUrl", detailUrl(task));
        if (task.priority() != null) {
            card.put("priority", task.priority());
        }
        card.put("createdTime", task.createdAt().toEpochMilli()).put("modifiedTime", task.modifiedAt().toEpochMilli())
                .put("creatorId", task.creatorId());
        putIfSet(card, "sourceId", task.sourceId());
        return card.put("bizTag", bizTag(task)).put("isDone", task.doneFor(unionId)).put("todoType", task.todoType());
    }

    private static ObjectNode detailUrl(TodoTask task) {
        ObjectNode url = Json.object();
        putIfSet(url, "appUrl", task.appUrl());
        putIfSet(url, "pcUrl", task.pcUrl());
        return url;
    }

    /** What an internal app's bizTag looks like is unconfirmed; any stable per-app value will do. */
    private static String bizTag(TodoTask task) {
        return "app_" + task.appKey();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void putIfSet(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void maxBytes(String value, int max, String api, String oversize) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > max) {
            throw V1Exception.paramError(api, oversize);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The documented answer to any other bad parameter is the bare code; the simulator adds what was wrong. */
    private static V1Exception generic(String api, String detail) {
        return V1Exception.paramError(api, api + ".paramError: " + detail);
    }

    /** Typed reads of a JSON object that refuse a wrong type instead of coercing it. */
    private static final class Body {
        private final JsonNode json;
        private final String api;

        Body(JsonNode json, String api) {
            if (json == null || !json.isObject()) {
                throw generic(api, "expected a JSON object: " + json);
            }
            this.json = json;
            this.api = api;
        }

        boolean has(String field) {
            return json.hasNonNull(field);
        }

        void onlyKnown(Set<String> fields) {
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw generic(api, "unknown field " + name);
                }
            }
        }

        String text(String field) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw generic(api, field + " must be a string");
            }
            return value.asText();
        }

        Boolean bool(String field) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                throw generic(api, field + " must be true or false");
            }
            return value.booleanValue();
        }

        Integer integer(String field) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isInt()) {
                throw generic(api, field + " must be an integer");
            }
            return value.intValue();
        }

        JsonNode object(String field) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isObject()) {
                throw generic(api, field + " must be an object");
            }
            return value;
        }

        JsonNode array(String field) {
            JsonNode value = json.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isArray()) {
                throw generic(api, field + " must be a list");
            }
            return value;
        }

        List<String> strings(String field) {
            JsonNode list = array(field);
            List<String> values = new ArrayList<>();
            if (list != null) {
                for (JsonNode value : list) {
                    if (!value.isTextual()) {
                        throw generic(api, field + " must be a list of strings");
                    }
                    values.add(value.asText());
                }
            }
            return values;
        }
    }
}
