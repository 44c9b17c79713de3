package com.proyi.dingtalk.dingtalk.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The permission points (权限点) each app was granted in the developer console. An app starts with
 * the oapi points this project's apps have always had (messages, reading and managing contacts);
 * the to-do points ({@code Todo.Todo.Write}, {@code Todo.Todo.Read}) must be granted explicitly,
 * as an administrator must apply for them on a real app.
 */
final class Permissions {

    static final String BASE = "qyapi_base";
    static final String GET_MEMBER = "qyapi_get_member";
    static final String GET_DEPARTMENT_MEMBER = "qyapi_get_department_member";
    static final String GET_DEPARTMENT_LIST = "qyapi_get_department_list";
    static final String GET_MEMBER_BY_MOBILE = "qyapi_get_member_by_mobile";
    static final String MANAGE_ADDRESS_LIST = "qyapi_manage_addresslist";
    static final String TODO_WRITE = "Todo.Todo.Write";
    static final String TODO_READ = "Todo.Todo.Read";

    static final List<String> GRANTED_AT_START = List.of(BASE, GET_MEMBER, GET_DEPARTMENT_MEMBER, GET_DEPARTMENT_LIST,
            GET_MEMBER_BY_MOBILE, MANAGE_ADDRESS_LIST);

    private final Map<String, Set<String>> byApp = new ConcurrentHashMap<>();

    boolean has(String appKey, String permission) {
        return permission == null || granted(appKey).contains(permission);
    }

    void grant(String appKey, String... permissions) {
        granted(appKey).addAll(Arrays.asList(permissions));
    }

    void revoke(String appKey, String... permissions) {
        granted(appKey).removeAll(Arrays.asList(permissions));
    }

    private Set<String> granted(String appKey) {
        return byApp.computeIfAbsent(appKey, key -> {
            Set<String> granted = ConcurrentHashMap.newKeySet();
            granted.addAll(GRANTED_AT_START);
            return granted;
        });
    }
}
