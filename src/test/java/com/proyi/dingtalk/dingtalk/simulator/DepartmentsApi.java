package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The department endpoints of API.md §5.8, with the settings create and update may carry (stored,
 * checked and reported by get) and the listings a reader of the whole organisation walks.
 */
final class DepartmentsApi {

    static final String DEPT_CREATE = "/topapi/v2/department/create";
    static final String DEPT_UPDATE = "/topapi/v2/department/update";
    static final String DEPT_DELETE = "/topapi/v2/department/delete";
    static final String DEPT_GET = "/topapi/v2/department/get";
    static final String DEPT_LISTSUB = "/topapi/v2/department/listsub";
    static final String DEPT_LISTSUBID = "/topapi/v2/department/listsubid";

    private final ContactDirectory contacts;

    DepartmentsApi(ContactDirectory contacts) {
        this.contacts = contacts;
    }

    void register(Gateway gateway) {
        gateway.route("POST", DEPT_CREATE, Policy.exempt(Permissions.MANAGE_ADDRESS_LIST), this::create);
        gateway.route("POST", DEPT_UPDATE, Policy.exempt(Permissions.MANAGE_ADDRESS_LIST), this::update);
        gateway.route("POST", DEPT_DELETE, Policy.exempt(Permissions.MANAGE_ADDRESS_LIST), this::delete);
        gateway.route("POST", DEPT_GET, Policy.exempt(Permissions.GET_DEPARTMENT_LIST), this::get);
        gateway.route("POST", DEPT_LISTSUB, Policy.exempt(Permissions.GET_DEPARTMENT_LIST), this::listSub);
        gateway.route("POST", DEPT_LISTSUBID, Policy.exempt(Permissions.GET_DEPARTMENT_LIST), this::listSubIds);
    }

    private ObjectNode create(OapiRequest request) {
        String name = request.text("name").orElseThrow(() -> OapiException.invalidParam("缺少参数 name"));
        long parentId = request.requiredLong("parent_id", 40035);
        // dept_manager_userid_list is an update field: a new department has no members to manage it.
        ContactDepartment created = contacts.createDepartment(corp(request), name, parentId, changes(request, false));
        return result(Json.object().put("dept_id", created.id()));
    }

    private ObjectNode update(OapiRequest request) {
        long deptId = request.requiredLong("dept_id", 40035);
        Long parentId = request.optionalLong("parent_id").orElse(null);
        ContactsApi.language(request);
        contacts.updateDepartment(corp(request), deptId, request.text("name").orElse(null), parentId, changes(request, true));
        return Json.object();
    }

    private ObjectNode delete(OapiRequest request) {
        contacts.deleteDepartment(corp(request), request.requiredLong("dept_id", 40035));
        return Json.object();
    }

    private ObjectNode get(OapiRequest request) {
        ContactsApi.language(request);
        String corpId = corp(request);
        ContactDepartment department = contacts.requireDepartment(corpId, request.requiredLong("dept_id", 40035));
        DepartmentSettings settings = department.settings();
        ObjectNode json = Json.object().put("dept_id", department.id()).put("name", department.name());
        if (department.id() != ContactDirectory.ROOT) {
            json.put("parent_id", department.parentId());
        }
        if (settings.sourceIdentifier() != null) {
            json.put("source_identifier", settings.sourceIdentifier());
        }
        json.put("create_dept_group", settings.createDeptGroup()).put("auto_add_user", settings.autoAddUser())
                .put("auto_approve_apply", settings.autoApproveApply()).put("from_union_org", false)
                .put("order", settings.order()).put("hide_dept", settings.hideDept())
                .put("outer_dept", settings.outerDept()).put("outer_dept_only_self", settings.outerDeptOnlySelf())
                .put("member_count", contacts.directMembers(corpId, department.id()).size());
        numbers(json.putArray("dept_permits"), settings.deptPermits());
        strings(json.putArray("user_permits"), settings.userPermits());
        numbers(json.putArray("outer_permit_depts"), settings.outerPermitDepts());
        strings(json.putArray("outer_permit_users"), settings.outerPermitUsers());
        strings(json.putArray("dept_manager_userid_list"), settings.managerUserIds());
        return result(json);
    }

    /** One level below the department (root by default), as a plain array in {@code result}. */
    private ObjectNode listSub(OapiRequest request) {
        ContactsApi.language(request);
        ArrayNode list = Json.array();
        contacts.subDepartments(corp(request), parent(request)).forEach(d -> {
            ObjectNode item = list.addObject().put("dept_id", d.id()).put("name", d.name()).put("parent_id", d.parentId())
                    .put("create_dept_group", d.settings().createDeptGroup()).put("auto_add_user", d.settings().autoAddUser());
            if (d.settings().sourceIdentifier() != null) {
                item.put("source_identifier", d.settings().sourceIdentifier());
            }
        });
        ObjectNode answer = Json.object();
        answer.set("result", list);
        return answer;
    }

    private ObjectNode listSubIds(OapiRequest request) {
        ArrayNode ids = Json.array();
        contacts.subDepartments(corp(request), parent(request)).forEach(d -> ids.add(d.id()));
        ObjectNode result = Json.object();
        result.set("dept_id_list", ids);
        return result(result);
    }

    private static long parent(OapiRequest request) {
        return request.optionalLong("dept_id").orElse(ContactDirectory.ROOT);
    }

    /** The settings the call sent; comma-separated lists as in the SDK, an empty string clears a list. */
    private static DepartmentSettings.Changes changes(OapiRequest request, boolean update) {
        return new DepartmentSettings.Changes(
                request.optionalFlag("hide_dept").orElse(null),
                list(request, "dept_permits", DepartmentsApi::deptId),
                list(request, "user_permits", Function.identity()),
                request.optionalFlag("outer_dept").orElse(null),
                request.optionalFlag("outer_dept_only_self").orElse(null),
                list(request, "outer_permit_depts", DepartmentsApi::deptId),
                list(request, "outer_permit_users", Function.identity()),
                request.optionalFlag("create_dept_group").orElse(null),
                request.optionalFlag("auto_add_user").orElse(null),
                request.optionalFlag("auto_approve_apply").orElse(null),
                request.optionalLong("order").orElse(null),
                request.text("source_identifier").orElse(null),
                update ? list(request, "dept_manager_userid_list", Function.identity()) : null);
    }

    private static <T> List<T> list(OapiRequest request, String name, Function<String, T> parse) {
        return request.text(name).map(text -> {
            List<T> values = new ArrayList<>();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    values.add(parse.apply(part.trim()));
                }
            }
            return List.copyOf(values);
        }).orElse(null);
    }

    private static Long deptId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw OapiException.invalidParam("部门 id 必须是数字: " + text);
        }
    }

    private static void numbers(ArrayNode array, List<Long> values) {
        values.forEach(array::add);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String corp(OapiRequest request) {
        return request.app().corpId();
    }

    private static ObjectNode result(ObjectNode payload) {
        ObjectNode answer = Json.object();
        answer.set("result", payload);
        return answer;
    }
}
