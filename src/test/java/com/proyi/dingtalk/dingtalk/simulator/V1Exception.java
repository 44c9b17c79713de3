package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer of api.dingtalk.com (the v1.0 API, API.md §0.1 and §2.9): a real HTTP status and
 * {@code {"code": "...", "message": "...", "requestid": "..."}}, plus details some errors carry.
 */
final class V1Exception extends RuntimeException {

    static final String THROTTLED = "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi";

    private final int status;
    private final String code;
    private final ObjectNode detail;

    private V1Exception(int status, String code, String message, ObjectNode detail) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    static V1Exception of(int status, String code, String message) {
        return new V1Exception(status, code, message, null);
    }

    /** {@code <api>.paramError}, e.g. todo.taskCreate.paramError, the to-do API's answer to any bad parameter. */
    static V1Exception paramError(String api, String message) {
        return of(400, api + ".paramError", message);
    }

    static V1Exception notFound() {
        return of(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }

    static V1Exception missingBody() {
        return of(400, "Missingbody", "body is mandatory for this action.");
    }

    static V1Exception missingToken() {
        return of(400, "AuthenticationFailed.MissingParameter", "缺少参数：x-acs-dingtalk-access-token");
    }

    static V1Exception invalidToken() {
        return of(400, "InvalidAuthentication", OapiException.INVALID_TOKEN_MSG);
    }

    static V1Exception throttled() {
        return of(403, THROTTLED, "当前应用调用该接口的频率超过了限制 (QPS), 请稍后重试");
    }

    static V1Exception quotaSpent(long plan) {
        return of(403, "Forbidden.AccessDenied.ApiCountLimitForOrg", "本月接口调用次数已达上限 " + plan + " 次, 下月恢复或升级套餐");
    }

    static V1Exception notPermitted(String permission) {
        ObjectNode detail = Json.object();
        detail.putObject("accessdenieddetail").putArray("requiredScopes").add(permission);
        return new V1Exception(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied",
                "应用尚未开通所需的权限：[" + permission + "]", detail);
    }

    int status() {
        return status;
    }

    boolean isRateLimit() {
        return THROTTLED.equals(code);
    }

    ObjectNode toJson(String requestId) {
        ObjectNode body = Json.object().put("code", code).put("message", getMessage()).put("requestid", requestId);
        if (detail != null) {
            body.setAll(detail);
        }
        return body;
    }
}
