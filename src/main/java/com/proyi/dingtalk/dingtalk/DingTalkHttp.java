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

    private Response send(String baseUrl, HttpMethods method, String path, Map<String, String> query, byte[] json)
            throws IOException {
        Exchange exchange = template().send(endpoint(baseUrl), request -> {
            Message in = request.getIn();
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
        return endpoints.computeIfAbsent(baseUrl, base -> {
            Map<String, Object> options = new HashMap<>();
            options.put("throwExceptionOnFailure", false);
            options.put("connectTimeout", Timeout.of(properties.getConnectTimeout()));
            options.put("responseTimeout", Timeout.of(properties.getReadTimeout()));
            options.put("connectionsPerRoute", maxConnections);
            options.put("maxTotalConnections", maxConnections);
            options.put("httpClientConfigurer", NO_RETRIES_NO_COOKIES);
            options.put("clearExpiredCookies", false);
            options.put("skipRequestHeaders", true);
            options.put("skipResponseHeaders", true);
            return camel.getEndpoint(base.replaceAll("/+$", ""), options);
        });
    }

    private static String queryString(Map<String, String> query) {
        return query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
    }
}
