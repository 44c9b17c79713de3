package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /auth/scopes} (API.md §5.8a): the user fields the calling app may read and its contact
 * range. An app sees the whole organisation with every field until a test narrows it.
 */
final class AuthScopesApi {

    static final String AUTH_SCOPES = "/auth/scopes";

    /** What the app was granted in the developer console's 权限管理. */
    record Grant(List<String> userFields, List<Long> departments) {}

    static final Grant EVERYTHING = new Grant(
            List.of("name", "mobile", "email", "title", "job_number", "dept_id_list", "avatar"), List.of(1L));

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    void register(Gateway gateway) {
        gateway.route("GET", AUTH_SCOPES, Policy.exempt(null), this::scopes);
    }

    void grant(String appKey, Grant grant) {
        grants.put(appKey, grant);
    }

    private ObjectNode scopes(OapiRequest request) {
        Grant grant = grants.getOrDefault(request.app().appKey(), EVERYTHING);
        ObjectNode answer = Json.object();
        ArrayNode fields = answer.putArray("auth_user_field");
        grant.userFields().forEach(fields::add);
        answer.putArray("condition_field");
        ObjectNode range = answer.putObject("auth_org_scopes");
        ArrayNode departments = range.putArray("authed_dept");
        grant.departments().forEach(departments::add);
        range.putArray("authed_user");
        return answer;
    }
}
