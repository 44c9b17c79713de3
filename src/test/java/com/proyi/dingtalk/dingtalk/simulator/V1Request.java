package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed api.dingtalk.com request: path variables, query, the token header and the JSON body.
 * Only a JSON object sent as {@code application/json} is a body; anything else counts as none,
 * which is how the real gateway treats a form body (API.md §1.2, {@code Missingbody}).
 */
final class V1Request {

    static final String TOKEN_HEADER = "x-acs-dingtalk-access-token";

    private final Map<String, String> pathVariables;
    private final Map<String, String> query;
    private final String token;
    private final ObjectNode body;
    private final SimApp app;
    private final Instant receivedAt;
    private final String requestId;

    private V1Request(Map<String, String> pathVariables, Map<String, String> query, String token,
                      ObjectNode body, SimApp app, Instant receivedAt, String requestId) {
        this.pathVariables = pathVariables;
        this.query = query;
        this.token = token;
        this.body = body;
        this.app = app;
        this.receivedAt = receivedAt;
        this.requestId = requestId;
    }

    static V1Request read(HttpExchange exchange, Map<String, String> pathVariables, Instant receivedAt, String requestId)
            throws IOException {
        byte[] bytes = OapiRequest.body(exchange);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        ObjectNode body = null;
        if (bytes.length > 0 && contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            try {
                JsonNode node = Json.MAPPER.readTree(bytes);
                body = node != null && node.isObject() ? (ObjectNode) node : null;
            } catch (IOException unreadable) {
                body = null;
            }
        }
        String token = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        return new V1Request(pathVariables, decodeQuery(exchange.getRequestURI().getRawQuery()),
                token == null || token.isBlank() ? null : token, body, null, receivedAt, requestId);
    }

    private static Map<String, String> decodeQuery(String raw) {
        Map<String, String> query = new HashMap<>();
        OapiRequest.decodeForm(raw, query::put);
        return query;
    }

    V1Request authenticatedAs(SimApp caller) {
        return new V1Request(pathVariables, query, token, body, caller, receivedAt, requestId);
    }

    String pathVariable(String name) {
        return pathVariables.get(name);
    }

    /** A query parameter, or null. */
    String query(String name) {
        return query.get(name);
    }

    Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** The JSON body, or null when none was sent (routes that need one are refused before they run). */
    ObjectNode body() {
        return body;
    }

    SimApp app() {
        return app;
    }

    Instant receivedAt() {
        return receivedAt;
    }

    /** The id of this call, also sent as the {@code x-acs-request-id} header; some answers repeat it. */
    String requestId() {
        return requestId;
    }
}
