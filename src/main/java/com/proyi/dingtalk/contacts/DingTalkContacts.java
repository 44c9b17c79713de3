package com.proyi.dingtalk.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** DingTalk's address-book API (API.md §5) as the contact sync needs it, through {@link DingTalkClient}. */
@Component
public class DingTalkContacts {

    static final String USER_LIST = "/topapi/v2/user/list";
    static final String USER_CREATE = "/topapi/v2/user/create";
    static final String USER_UPDATE = "/topapi/v2/user/update";
    static final String USER_DELETE = "/topapi/v2/user/delete";
    static final String USER_GET = "/topapi/v2/user/get";
    static final String DEPT_CREATE = "/topapi/v2/department/create";
    static final String DEPT_LISTSUB = "/topapi/v2/department/listsub";
    static final String DEPT_LISTSUBID = "/topapi/v2/department/listsubid";
    static final String DEPT_UPDATE = "/topapi/v2/department/update";
    static final String USER_BY_MOBILE = "/topapi/v2/user/getbymobile";

    /** The most DingTalk returns per page. */
    static final int PAGE_SIZE = 100;
    static final int DEPARTMENT_NOT_FOUND = 60003;
    static final int USER_NOT_FOUND_ON_UPDATE = 60121;
    static final int USER_NOT_FOUND = 33012;
    static final int USERID_TAKEN = 60102;
    static final int MOBILE_TAKEN = 60104;

    /** A department directly below another. */
    public record SubDepartment(long id, String name) {
    }

    private final DingTalkClient client;

    public DingTalkContacts(DingTalkClient client) {
        this.client = client;
    }

    /** Every direct member of the department, page by page; empty if the department no longer exists. */
    public Optional<List<DingTalkMember>> members(String tenantId, long deptId) {
        List<DingTalkMember> members = new ArrayList<>();
        long cursor = 0;
        while (true) {
            JsonNode page;
            try {
                page = client.post(tenantId, USER_LIST, Map.of("dept_id", deptId, "cursor", cursor, "size", PAGE_SIZE))
                        .path("result");
            } catch (DingTalkException e) {
                if (e.errcode() == DEPARTMENT_NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
            page.path("list").forEach(user -> members.add(member(user)));
            if (!page.path("has_more").asBoolean(false)) {
                return Optional.of(members);
            }
            cursor = page.path("next_cursor").asLong();
        }
    }

    /**
     * Every member of the organisation outside the given departments, read department by department
     * (listsubid from the root down, then each department's members page by page): what the sync
     * matches by mobile before creating many people. A member of several departments appears once.
     */
    public Map<String, DingTalkMember> organisationMembers(String tenantId, Set<Long> alreadyListed) {
        Map<String, DingTalkMember> members = new LinkedHashMap<>();
        ArrayDeque<Long> pending = new ArrayDeque<>(List.of(DepartmentTree.ROOT));
        Set<Long> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            long deptId = pending.poll();
            if (!seen.add(deptId)) {
                continue;
            }
            client.post(tenantId, DEPT_LISTSUBID, Map.of("dept_id", deptId)).path("result").path("dept_id_list")
                    .forEach(child -> pending.add(child.asLong()));
            if (!alreadyListed.contains(deptId)) {
                members(tenantId, deptId).orElse(List.of()).forEach(m -> members.putIfAbsent(m.userId(), m));
            }
        }
        return members;
    }

    /** The userid of the organisation's current member with this mobile (API.md §5.5); empty if none. */
    public Optional<String> userIdByMobile(String tenantId, String mobile) {
        try {
            return Optional.of(client.post(tenantId, USER_BY_MOBILE, Map.of("mobile", mobile)).path("result")
                    .path("userid").asText());
        } catch (DingTalkException e) {
            if (e.errcode() == USER_NOT_FOUND_ON_UPDATE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public List<SubDepartment> subDepartments(String tenantId, long parentId) {
        List<SubDepartment> children = new ArrayList<>();
        client.post(tenantId, DEPT_LISTSUB, Map.of("dept_id", parentId)).path("result")
                .forEach(d -> children.add(new SubDepartment(d.path("dept_id").asLong(), d.path("name").asText())));
        return children;
    }

    public long createDepartment(String tenantId, String name, long parentId) {
        return createDepartment(tenantId, name, parentId, Map.of());
    }

    /** Creates the department with settings of API.md §5.8 (hide_dept, outer_dept, ...). */
    public long createDepartment(String tenantId, String name, long parentId, Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>(settings);
        body.put("name", name);
        body.put("parent_id", parentId);
        return client.post(tenantId, DEPT_CREATE, body).path("result").path("dept_id").asLong();
    }

    /** Applies settings of API.md §5.8 to the department; fields left out stay as they are. */
    public void updateDepartment(String tenantId, long deptId, Map<String, Object> settings) {
        Map<String, Object> body = new LinkedHashMap<>(settings);
        body.put("dept_id", deptId);
        client.post(tenantId, DEPT_UPDATE, body);
    }

    /** Creates the user with the ProYi account as userid; returns DingTalk's userid. */
    public String createUser(String tenantId, Person person, List<Long> deptIds) {
        Map<String, Object> body = profile(person);
        body.put("userid", person.account());
        body.put("dept_id_list", joined(deptIds));
        return client.post(tenantId, USER_CREATE, body).path("result").path("userid").asText(person.account());
    }

    /** Sends the given fields (API names: name, mobile, email, title, job_number, dept_id_list) for the user. */
    public void updateUser(String tenantId, String userId, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("userid", userId);
        client.post(tenantId, USER_UPDATE, body);
    }

    /** The user wherever they are in the organisation; empty if DingTalk does not know them. */
    public Optional<DingTalkMember> user(String tenantId, String userId) {
        try {
            return Optional.of(member(client.post(tenantId, USER_GET, Map.of("userid", userId)).path("result")));
        } catch (DingTalkException e) {
            if (e.errcode() == USER_NOT_FOUND || e.errcode() == USER_NOT_FOUND_ON_UPDATE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Deletes the user; false if DingTalk did not know them any more. */
    public boolean deleteUser(String tenantId, String userId) {
        try {
            client.post(tenantId, USER_DELETE, Map.of("userid", userId));
            return true;
        } catch (DingTalkException e) {
            if (e.errcode() == USER_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** The profile fields of a person in the API's names, without empty ones. */
    static Map<String, Object> profile(Person person) {
        Map<String, Object> fields = new LinkedHashMap<>();
        putIfSet(fields, "name", person.name());
        putIfSet(fields, "mobile", person.mobile());
        putIfSet(fields, "email", person.email());
        putIfSet(fields, "title", person.title());
        putIfSet(fields, "job_number", person.jobNumber());
        return fields;
    }

    static String joined(List<Long> deptIds) {
        return String.join(",", deptIds.stream().map(String::valueOf).toList());
    }

    private static void putIfSet(Map<String, Object> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static DingTalkMember member(JsonNode user) {
        List<Long> deptIds = new ArrayList<>();
        user.path("dept_id_list").forEach(id -> deptIds.add(id.asLong()));
        return new DingTalkMember(user.path("userid").asText(), textOrNull(user, "name"), textOrNull(user, "mobile"),
                textOrNull(user, "email"), textOrNull(user, "title"), textOrNull(user, "job_number"), List.copyOf(deptIds));
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
