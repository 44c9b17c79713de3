package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** {@code GET /gettoken?appkey=&appsecret=} (API.md 1.1). */
final class TokenApi {

    static final String GETTOKEN = "/gettoken";

    private final OrgDirectory directory;
    private final TokenStore tokens;
    private final RateLimiter rateLimiter;

    TokenApi(OrgDirectory directory, TokenStore tokens, RateLimiter rateLimiter) {
        this.directory = directory;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    void register(Gateway gateway) {
        gateway.route("GET", GETTOKEN, Gateway.Auth.NONE, this::getToken);
    }

    private ObjectNode getToken(OapiRequest request) {
        // Only the query string counts: credentials sent in a body are "missing" to the real server.
        String appKey = request.query("appkey");
        String appSecret = request.query("appsecret");
        if (isBlank(appKey) || isBlank(appSecret)) {
            throw OapiException.invalidParam("缺少参数 corpid or appkey");
        }
        SimApp app = directory.app(appKey)
                .filter(candidate -> candidate.appSecret().equals(appSecret))
                .orElseThrow(() -> OapiException.of(40096, "不合法的appKey或appSecret"));
        // DingTalk throttles token fetching too; a client that fetches per call should notice.
        rateLimiter.check(app.appKey(), GETTOKEN);
        TokenStore.Token token = tokens.issue(app.appKey());
        Duration remaining = Duration.between(request.receivedAt(), token.expiresAt());
        return Json.object()
                .put("access_token", token.value())
                .put("expires_in", Math.max(1, remaining.toSeconds()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
