package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The user endpoints of API.md §5.1–5.7 and getbyunionid (§2.9), backed by {@link ContactDirectory}. */
final class ContactsApi {

    static final String USER_CREATE = "/topapi/v2/user/create";
    static final String USER_UPDATE = "/topapi/v2/user/update";
    static final String USER_DELETE = "/topapi/v2/user/delete";
    static final String USER_GET = "/topapi/v2/user/get";
    static final String USER_BY_MOBILE = "/topapi/v2/user/getbymobile";
    static final String USER_LIST = "/topapi/v2/user/list";
    static final String USER_BY_UNIONID = "/topapi/user/getbyunionid";
    static final String USER_LISTID = "/topapi/user/listid";

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_CURSOR = 100_000;
    static final int MAX_MOBILE = 15;
    static final List<String> ORDER_FIELDS = List.of("entry_asc", "entry_desc", "modify_asc", "modify_desc", "custom");

    private final ContactDirectory contacts;
    private final OrgDirectory members;

    ContactsApi(ContactDirectory contacts, OrgDirectory members) {
        this.contacts = contacts;
        this.members = members;
    }

    void register(Gateway gateway) {
        gateway.route("POST", USER_CREATE, Policy.exempt(Permissions.MANAGE_ADDRESS_LIST), this::createUser);
        gateway.route("POST", USER_UPDATE, Policy.exempt(Permissions.MANAGE_ADDRESS_LIST), this::updateUser);
        gateway.route("POST", USER_DELETE, Policy.exempt(Permissions.MANAGE_ADDRESS_LIST), this::deleteUser);
        gateway.route("POST", USER_GET, Policy.exempt(Permissions.GET_MEMBER), this::getUser);
        gateway.route("POST", USER_BY_MOBILE, Policy.exempt(Permissions.GET_MEMBER_BY_MOBILE), this::userByMobile);
        gateway.route("POST", USER_LIST, Policy.exempt(Permissions.GET_DEPARTMENT_MEMBER), this::listUsers);
        // Not among §8.3's exempt contact APIs (it is documented with the to-do API, §2.9), so it counts.
        gateway.route("POST", USER_BY_UNIONID, Policy.billed(Permissions.GET_MEMBER), this::userByUnionId);
        gateway.route("POST", USER_LISTID, Policy.exempt(Permissions.GET_DEPARTMENT_MEMBER), this::listUserIds);
    }

    private ObjectNode createUser(OapiRequest request) {
        ContactUser user = contacts.createUser(corp(request), request.text("userid").orElse(null), fields(request));
        // camelCase unionId here, unlike every other contacts answer (API.md §5.2)
        return result(Json.object().put("userid", user.userId()).put("unionId", user.unionId()));
    }

    private ObjectNode updateUser(OapiRequest request) {
        contacts.updateUser(corp(request), userId(request), fields(request));
        return Json.object();
    }

    private ObjectNode deleteUser(OapiRequest request) {
        contacts.deleteUser(corp(request), userId(request));
        return Json.object();
    }

    /**
     * Members added with {@code DingTalkSimulator.addUser} (not through the address book) are known
     * here with their name and unionId only, so a module can resolve their unionIds; the address
     * book's listings do not show them.
     */
    private ObjectNode getUser(OapiRequest request) {
        String corpId = corp(request);
        String userId = userId(request);
        return result(contacts.findUser(corpId, userId).map(ContactsApi::userJson)
                .or(() -> members.member(corpId, userId).map(ContactsApi::memberJson))
                .orElseThrow(() -> OapiException.of(33012, "无效的USERID: " + userId)));
    }

    private ObjectNode userByUnionId(OapiRequest request) {
        String unionId = request.text("unionid").filter(value -> !value.isBlank())
                .orElseThrow(() -> OapiException.of(400002, "缺少参数 unionid"));
        OrgDirectory.Member member = members.byUnionId(corp(request), unionId)
                .orElseThrow(() -> OapiException.of(60121, "找不到该用户: " + unionId));
        // contact_type 0: an employee; the simulator has no external contacts
        return result(Json.object().put("contact_type", 0).put("userid", member.userId()));
    }

    /** An exact match on the stored mobile: "+86-138..." and "138..." are different numbers here. */
    private ObjectNode userByMobile(OapiRequest request) {
        String mobile = request.text("mobile").orElseThrow(() -> OapiException.of(400002, "缺少参数 mobile"));
        if (mobile.length() > MAX_MOBILE || !ContactDirectory.isMobile(mobile)) {
            throw OapiException.of(40104, "无效的手机号: " + mobile);
        }
        ObjectNode result = Json.object().put("userid", contacts.userIdByMobile(corp(request), mobile));
        if (request.flag("support_exclusive_account_search")) {
            // The simulator has no exclusive (专属) accounts.
            result.putArray("exclusive_account_userid_list");
        }
        return result(result);
    }

    /**
     * One page of a department's direct members. The department settings of §5.8 do not filter this
     * (they govern what members see in the client); the app sees what its contact range allows.
     * Members are in the order they joined; {@code modify_*} orders are served as {@code entry_*}.
     */
    private ObjectNode listUsers(OapiRequest request) {
        long deptId = request.requiredLong("dept_id", 40035);
        long cursor = request.requiredLong("cursor", 40035);
        long size = request.requiredLong("size", 40035);
        if (deptId < 1 || cursor < 0 || cursor > MAX_CURSOR || size < 1 || size > MAX_PAGE_SIZE) {
            throw OapiException.invalidParam("dept_id >= 1, cursor 0-" + MAX_CURSOR + ", size 1-" + MAX_PAGE_SIZE);
        }
        String order = request.text("order_field").orElse("custom");
        if (!ORDER_FIELDS.contains(order)) {
            throw OapiException.invalidParam("order_field 只能是 " + ORDER_FIELDS + ": " + order);
        }
        request.flag("contain_access_limit");
        language(request);
        List<ContactUser> members = new ArrayList<>(contacts.directMembers(corp(request), deptId));
        if (order.endsWith("_desc")) {
            Collections.reverse(members);
        }
        int from = (int) Math.min(cursor, members.size());
        int to = (int) Math.min(cursor + size, members.size());
        ArrayNode list = Json.array();
        members.subList(from, to).forEach(user -> list.add(userJson(user)));
        ObjectNode page = Json.object().put("has_more", to < members.size());
        if (to < members.size()) {
            page.put("next_cursor", to);
        }
        page.set("list", list);
        return result(page);
    }

    /** Direct members' userids; not limited by the contact range (API.md §5.7). */
    private ObjectNode listUserIds(OapiRequest request) {
        long deptId = request.requiredLong("dept_id", 40035);
        if (deptId < 1) {
            throw OapiException.invalidParam("dept_id >= 1");
        }
        ArrayNode userIds = Json.array();
        contacts.directMembers(corp(request), deptId).forEach(user -> userIds.add(user.userId()));
        ObjectNode result = Json.object();
        result.set("userid_list", userIds);
        return result(result);
    }

    static void language(OapiRequest request) {
        String language = request.text("language").orElse("zh_CN");
        if (!language.equals("zh_CN") && !language.equals("en_US")) {
            throw OapiException.invalidParam("language 只能是 zh_CN 或 en_US: " + language);
        }
    }

    private static String corp(OapiRequest request) {
        return request.app().corpId();
    }

    private static String userId(OapiRequest request) {
        return request.text("userid").orElseThrow(() -> OapiException.invalidParam("缺少参数 userid"));
    }

    private static ContactDirectory.UserFields fields(OapiRequest request) {
        return new ContactDirectory.UserFields(request.text("name").orElse(null), request.text("mobile").orElse(null),
                request.text("email").orElse(null), request.text("title").orElse(null),
                request.text("job_number").orElse(null), deptIds(request));
    }

    /** dept_id_list is a comma-separated string on create and update (API.md §5.2). */
    private static List<Long> deptIds(OapiRequest request) {
        return request.text("dept_id_list").map(text -> {
            List<Long> ids = new ArrayList<>();
            for (String part : text.split(",")) {
                try {
                    ids.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw OapiException.invalidParam("dept_id_list 必须是逗号分隔的部门 id: " + text);
                }
            }
            return ids;
        }).orElse(null);
    }

    private static ObjectNode userJson(ContactUser user) {
        ObjectNode json = Json.object().put("userid", user.userId()).put("unionid", user.unionId())
                .put("name", user.name()).put("mobile", user.mobile()).put("active", true);
        putIfSet(json, "email", user.email());
        putIfSet(json, "title", user.title());
        putIfSet(json, "job_number", user.jobNumber());
        ArrayNode deptIds = json.putArray("dept_id_list");
        user.deptIds().forEach(deptIds::add);
        return json;
    }

    private static ObjectNode memberJson(OrgDirectory.Member member) {
        ObjectNode json = Json.object().put("userid", member.userId()).put("unionid", member.unionId())
                .put("name", member.name()).put("active", true);
        json.putArray("dept_id_list").add(ContactDirectory.ROOT);
        return json;
    }

    private static void putIfSet(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static ObjectNode result(JsonNode payload) {
        ObjectNode answer = Json.object();
        answer.set("result", payload);
        return answer;
    }
}
