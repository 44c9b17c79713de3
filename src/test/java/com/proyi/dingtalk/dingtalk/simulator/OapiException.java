package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answer of the legacy oapi: HTTP 200 with a non-zero {@code errcode}. Gateway errors
 * carry {@code errcode 88} plus {@code sub_code}/{@code sub_msg}, exactly like the real gateway.
 */
final class OapiException extends RuntimeException {

    static final int GATEWAY = 88;
    static final String RATE_LIMITED = "90018";
    static final String INVALID_TOKEN_MSG = "不合法的access_token";

    private final int errcode;
    private final String subCode;
    private final String subMsg;

    private OapiException(int errcode, String errmsg, String subCode, String subMsg) {
        // Thrown for ordinary rejections (rate limits at benchmark speed), so no stack trace.
        super(errmsg, null, false, false);
        this.errcode = errcode;
        this.subCode = subCode;
        this.subMsg = subMsg;
    }

    static OapiException of(int errcode, String errmsg) {
        return new OapiException(errcode, errmsg, null, null);
    }

    /** 40035, the code DingTalk uses for illegal or missing parameters. */
    static OapiException invalidParam(String errmsg) {
        return of(40035, errmsg);
    }

    static OapiException gateway(String subCode, String subMsg) {
        return new OapiException(GATEWAY, "ding talk error[subcode=" + subCode + ",submsg=" + subMsg + "]", subCode, subMsg);
    }

    /** Topapi paths answer through the gateway (88/40014); older paths answer 40014 directly. */
    static OapiException invalidToken(String path) {
        return Gateway.isTopapi(path) ? gateway("40014", INVALID_TOKEN_MSG) : of(40014, INVALID_TOKEN_MSG);
    }

    /** errcode 22: the gateway derives an API name from the path and does not know it. */
    static OapiException unknownApi(String apiName) {
        return new OapiException(22, "Invalid method[" + apiName + "]", null, "不合法ApiName，ApiName = " + apiName);
    }

    /** The monthly quota is spent (API.md §8.3); worded as the gateway words its other flow-control codes. */
    static OapiException quotaSpent(long plan) {
        return gateway("90020", "本月接口调用次数已达上限 " + plan + " 次, 下月恢复或升级套餐");
    }

    /** 60011: the app lacks the permission point; the errmsg names it, as the real one lists requiredScopes. */
    static OapiException notPermitted(String permission) {
        return of(60011, "应用尚未开通所需的权限, requiredScopes: [" + permission + "]");
    }

    int errcode() {
        return errcode;
    }

    boolean isRateLimit() {
        return RATE_LIMITED.equals(subCode);
    }

    ObjectNode toJson() {
        ObjectNode body = Json.object().put("errcode", errcode);
        if (subCode != null) {
            body.put("sub_code", subCode);
        }
        if (subMsg != null) {
            body.put("sub_msg", subMsg);
        }
        return body.put("errmsg", getMessage());
    }
}
