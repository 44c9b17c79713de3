package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /gettoken?appkey=&appsecret=} (API.md §1.1) and {@code POST /v1.0/oauth2/accessToken}
 * (§1.2). Both hand out the app's one live token, so either works on both hosts (§1.4, §9).
 */
final class TokenApi {

    static final String GETTOKEN = "/gettoken";
    static final String ACCESS_TOKEN = "/v1.0/oauth2/accessToken";

    private final OrgDirectory directory;
    private final TokenStore tokens;
    private final RateLimiter rateLimiter;

    TokenApi(OrgDirectory directory, TokenStore tokens, RateLimiter rateLimiter) {
        this.directory = directory;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
    }

    void register(Gateway gateway) {
        gateway.route("GET", GETTOKEN, Policy.open(), this::getToken);
        gateway.v1Route("POST", ACCESS_TOKEN, Policy.open(), this::accessToken);
    }

    private ObjectNode getToken(OapiRequest request) {
        // Only the query string counts: credentials sent in a body are "missing" to the real server.
        String appKey = request.query("appkey");
        String appSecret = request.query("appsecret");
        if (isBlank(appKey) || isBlank(appSecret)) {
            throw OapiException.invalidParam("缺少参数 corpid or appkey");
        }
        SimApp app = app(appKey, appSecret).orElseThrow(() -> OapiException.of(40096, "不合法的appKey或appSecret"));
        // DingTalk throttles token fetching too; a client that fetches per call should notice.
        rateLimiter.check(app.appKey(), GETTOKEN);
        TokenStore.Token token = tokens.issue(app.appKey());
        return Json.object()
                .put("access_token", token.value())
                .put("expires_in", secondsLeft(token, request.receivedAt()));
    }

    private JsonNode accessToken(V1Request request) {
        SimApp app = app(text(request.body(), "appKey"), text(request.body(), "appSecret"))
                .orElseThrow(() -> V1Exception.of(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret"));
        if (rateLimiter.acquire(app.appKey(), V1Gateway.key("POST", ACCESS_TOKEN)).isPresent()) {
            throw V1Exception.throttled();
        }
        TokenStore.Token token = tokens.issue(app.appKey());
        return Json.object().put("accessToken", token.value()).put("expireIn", secondsLeft(token, request.receivedAt()));
    }

    private Optional<SimApp> app(String appKey, String appSecret) {
        return appKey == null ? Optional.empty()
                : directory.app(appKey).filter(candidate -> candidate.appSecret().equals(appSecret));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static long secondsLeft(TokenStore.Token token, Instant now) {
        return Math.max(1, Duration.between(now, token.expiresAt()).toSeconds());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
