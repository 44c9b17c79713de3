package com.proyi.dingtalk.dingtalk;

import java.io.IOException;
import java.net.URLEncoder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpMethods;
import org.apache.hc.core5.util.Timeout;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * One HTTP request to oapi over camel-http, and nothing more: no token, no retry, no reading of
 * the answer. One {@code http:} endpoint per DingTalk host, set up so that the client stays the
 * only place that decides about retries and errors: HttpClient never re-sends by itself (it would
 * on 503 and 429), every status comes back with its body, no cookies are kept, and no header of
 * the calling route can reach DingTalk.
 */
final class DingTalkHttp {

    /** DingTalk's answer as it came: status and raw body. */
    record Response(int status, byte[] body) {
    }

    private static final String JSON = "application/json; charset=utf-8";
    private static final String V1_TOKEN_HEADER = "x-acs-dingtalk-access-token";
    private static final HttpClientConfigurer NO_RETRIES_NO_COOKIES =
            builder -> builder.disableAutomaticRetries().disableCookieManagement();

    private final CamelContext camel;
    private final DingTalkProperties properties;
    private final int maxConnections;
    private final ConcurrentMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile ProducerTemplate template;

    /**
     * @param maxConnections pooled connections per DingTalk host: the most calls that can be under way at once
     */
    DingTalkHttp(CamelContext camel, DingTalkProperties properties, int maxConnections) {
        this.camel = camel;
        this.properties = properties;
        this.maxConnections = maxConnections;
    }

    Response get(String baseUrl, String path, Map<String, String> query) throws IOException {
        return send(baseUrl, HttpMethods.GET, path, query, null);
    }

    Response post(String baseUrl, String path, Map<String, String> query, byte[] json) throws IOException {
        return send(baseUrl, HttpMethods.POST, path, query, json);
    }

    /**
     * A call to api.dingtalk.com (v1.0): the token goes in the {@code x-acs-dingtalk-access-token}
     * header, the only header besides Content-Type that this request carries.
     *
     * @param json the body, or null for a DELETE
     */
    Response v1(String baseUrl, String method, String path, Map<String, String> query, String token, byte[] json)
            throws IOException {
        return send(baseUrl, HttpMethods.valueOf(method), path, query, json, token);
    }

    private Response send(String baseUrl, HttpMethods method, String path, Map<String, String> query, byte[] json)
            throws IOException {
        return send(baseUrl, method, path, query, json, null);
    }

    private Response send(String baseUrl, HttpMethods method, String path, Map<String, String> query, byte[] json,
                          String v1Token) throws IOException {
        Exchange exchange = template().send(v1Token == null ? endpoint(baseUrl) : v1Endpoint(baseUrl), request -> {
            Message in = request.getIn();
            if (v1Token != null) {
                in.setHeader(V1_TOKEN_HEADER, v1Token);
            }
            // camel-http's own enum: as the String "POST" it cost a failed type-converter lookup per request
            in.setHeader(Exchange.HTTP_METHOD, method);
            in.setHeader(Exchange.HTTP_PATH, path);
            in.setHeader(Exchange.HTTP_RAW_QUERY, queryString(query));
            if (json != null) {
                in.setHeader(Exchange.CONTENT_TYPE, JSON);
                in.setBody(json);
            }
        });
        Exception failure = exchange.getException();
        if (failure instanceof IOException io) { // timeouts included
            throw io;
        }
        if (failure != null) {
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        Message answer = exchange.getMessage();
        return new Response(answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class), answer.getBody(byte[].class));
    }

    private ProducerTemplate template() {
        ProducerTemplate current = template;
        if (current == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                current = template;
            }
        }
        return current;
    }

    private Endpoint endpoint(String baseUrl) {
        return endpoint(baseUrl, true);
    }

    /**
     * The v1.0 host needs one header of the request (the token): a fresh exchange per call carries
     * only the headers set above, and camel-http drops its own Camel* headers.
     */
    private Endpoint v1Endpoint(String baseUrl) {
        return endpoint(baseUrl, false);
    }

    private Endpoint endpoint(String baseUrl, boolean skipRequestHeaders) {
        return endpoints.computeIfAbsent((skipRequestHeaders ? "" : "v1 ") + baseUrl, key -> {
            String base = baseUrl;
            Map<String, Object> options = new HashMap<>();
            options.put("throwExceptionOnFailure", false);
            options.put("connectTimeout", Timeout.of(properties.getConnectTimeout()));
            options.put("responseTimeout", Timeout.of(properties.getReadTimeout()));
            options.put("connectionsPerRoute", maxConnections);
            options.put("maxTotalConnections", maxConnections);
            options.put("httpClientConfigurer", NO_RETRIES_NO_COOKIES);
            options.put("clearExpiredCookies", false);
            if (skipRequestHeaders) {
                options.put("skipRequestHeaders", true);
            }
            options.put("skipResponseHeaders", true);
            // a URI of its own for the v1.0 endpoint: Camel caches endpoints by URI, not by options
            return camel.getEndpoint(base.replaceAll("/+$", "") + (skipRequestHeaders ? "" : "?skipRequestHeaders=false"),
                    options);
        });
    }

    private static String queryString(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }
}
