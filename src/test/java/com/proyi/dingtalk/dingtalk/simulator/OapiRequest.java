package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * A parsed oapi request: query string plus body parameters. Topapi accepts both a JSON body
 * (nested objects allowed) and a form body (nested objects as JSON strings), so both end up in
 * one {@link ObjectNode}; the typed getters enforce what the real API accepts for each field.
 */
final class OapiRequest {

    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,18}");
    private static final Pattern LENGTH = Pattern.compile("\\d{1,9}");

    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final ObjectNode params;
    /** Why the body could not be read; raised on first use so the call is still authenticated and counted. */
    private final OapiException bodyError;
    private final SimApp app;
    private final Instant receivedAt;

    private OapiRequest(String method, String path, Map<String, String> query, ObjectNode params, OapiException bodyError,
                        SimApp app, Instant receivedAt) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.params = params;
        this.bodyError = bodyError;
        this.app = app;
        this.receivedAt = receivedAt;
    }

    /** Reads the whole request; a body in an unsupported format (43004) or bad JSON (40035) fails on first use. */
    static OapiRequest read(HttpExchange exchange, Instant receivedAt) throws IOException {
        Map<String, String> query = new HashMap<>();
        decodeForm(exchange.getRequestURI().getRawQuery(), query::put);
        byte[] body = body(exchange);
        ObjectNode params = Json.object();
        OapiException bodyError = null;
        try {
            if (body.length > 0) {
                params = parseBody(exchange.getRequestHeaders().getFirst("Content-Type"), body);
            }
        } catch (OapiException e) {
            bodyError = e;
        }
        return new OapiRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query, params, bodyError, null, receivedAt);
    }

    /** Exactly Content-Length bytes when it is given: readAllBytes would allocate 8 KB buffers per call. */
    static byte[] body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = exchange.getRequestBody()) {
            if (length != null && LENGTH.matcher(length).matches()) {
                return in.readNBytes(Integer.parseInt(length));
            }
            return in.readAllBytes();
        }
    }

    private static ObjectNode parseBody(String contentType, byte[] body) throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw OapiException.invalidParam("请求体不是合法的JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw OapiException.invalidParam("请求体必须是JSON对象");
            }
            return (ObjectNode) node;
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            ObjectNode params = Json.object();
            decodeForm(new String(body, StandardCharsets.US_ASCII), params::put);
            return params;
        }
        throw OapiException.of(43004, "无效的HTTP HEADER Content-Type: " + contentType);
    }

    /** Decodes {@code a=1&b=2} (query strings and form bodies) into the sink. */
    static void decodeForm(String raw, BiConsumer<String, String> sink) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            sink.accept(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    OapiRequest authenticatedAs(SimApp caller) {
        return new OapiRequest(method, path, query, params, bodyError, caller, receivedAt);
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /** The calling app; only set on routes that require an access token. */
    SimApp app() {
        return app;
    }

    Instant receivedAt() {
        return receivedAt;
    }

    /** A query-string parameter, or null. */
    String query(String name) {
        return query.get(name);
    }

    /** The access token: query string first, a form/JSON body field is accepted too (as topapi does). */
    Optional<String> accessToken() {
        String fromQuery = query.get("access_token");
        if (fromQuery != null && !fromQuery.isBlank()) {
            return Optional.of(fromQuery);
        }
        JsonNode fromBody = params.get("access_token");
        return fromBody != null && fromBody.isTextual() && !fromBody.asText().isBlank() ? Optional.of(fromBody.asText()) : Optional.empty();
    }

    /** A body parameter that is present and not JSON null. */
    Optional<JsonNode> param(String name) {
        if (bodyError != null) {
            throw bodyError;
        }
        JsonNode node = params.get(name);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    /** A string parameter; numbers or objects are refused rather than coerced. */
    Optional<String> text(String name) {
        return param(name).map(node -> {
            if (!node.isTextual()) {
                throw OapiException.invalidParam("参数 " + name + " 必须是字符串");
            }
            return node.asText();
        });
    }

    /** A Long parameter: a JSON integer, or digits in a string (form bodies have nothing else). */
    long requiredLong(String name, int missingCode) {
        JsonNode node = param(name).orElseThrow(() -> OapiException.of(missingCode, "缺少参数 " + name));
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && DIGITS.matcher(node.asText().trim()).matches()) {
            return Long.parseLong(node.asText().trim());
        }
        throw OapiException.invalidParam("参数 " + name + " 必须是整数: " + node);
    }

    /** A Boolean parameter: JSON true/false or the strings "true"/"false"; false when absent. */
    boolean flag(String name) {
        return optionalFlag(name).orElse(false);
    }

    /** A Boolean parameter, empty when absent (update calls leave absent fields unchanged). */
    Optional<Boolean> optionalFlag(String name) {
        return param(name).map(node -> {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isTextual() && ("true".equals(node.asText()) || "false".equals(node.asText()))) {
                return Boolean.parseBoolean(node.asText());
            }
            throw OapiException.invalidParam("参数 " + name + " 必须是布尔值: " + node);
        });
    }

    /** An optional Long parameter (see {@link #requiredLong}). */
    Optional<Long> optionalLong(String name) {
        return param(name).isPresent() ? Optional.of(requiredLong(name, 40035)) : Optional.empty();
    }

    /** A nested object: a JSON object in a JSON body, or a JSON string (always so in a form body). */
    Optional<JsonNode> object(String name) {
        return param(name).map(node -> {
            JsonNode value = node;
            if (node.isTextual()) {
                try {
                    value = Json.MAPPER.readTree(node.asText());
                } catch (JsonProcessingException e) {
                    throw OapiException.invalidParam("参数 " + name + " 不是合法的JSON: " + e.getOriginalMessage());
                }
            }
            if (value == null || !value.isObject()) {
                throw OapiException.invalidParam("参数 " + name + " 必须是JSON对象");
            }
            return value;
        });
    }
}
