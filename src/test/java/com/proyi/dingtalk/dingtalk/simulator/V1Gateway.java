package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The api.dingtalk.com side of the gateway (paths under {@code /v1.0/}, API.md §0.1, §2.9, §9):
 * a path or method it does not know is 404 {@code InvalidAction.NotFound}; the token comes only
 * from the {@code x-acs-dingtalk-access-token} header; POST and PUT need a JSON body; every answer
 * carries an {@code x-acs-request-id} header, and errors are an HTTP status with
 * {@code {code, message, requestid}}.
 */
final class V1Gateway {

    static final String PREFIX = "/v1.0/";

    /** An API implementation: returns the answer's JSON or throws {@link V1Exception}. */
    @FunctionalInterface
    interface Api {
        JsonNode call(V1Request request);
    }

    /** A route pattern such as {@code /v1.0/todo/users/{unionId}/tasks/{taskId}}; its key names it in counters and limits. */
    private record Route(String method, String[] segments, String key, Policy policy, Api api) {

        /** The path variables when the path fits the pattern, else null. */
        Map<String, String> match(String[] parts) {
            if (parts.length != segments.length) {
                return null;
            }
            Map<String, String> variables = new HashMap<>(4);
            for (int i = 0; i < parts.length; i++) {
                String segment = segments[i];
                if (segment.startsWith("{")) {
                    if (parts[i].isEmpty()) {
                        return null;
                    }
                    variables.put(segment.substring(1, segment.length() - 1), parts[i]);
                } else if (!segment.equals(parts[i])) {
                    return null;
                }
            }
            return variables;
        }
    }

    private record Match(Route route, Map<String, String> variables) {
    }

    private final Clock clock;
    private final OrgDirectory directory;
    private final TokenStore tokens;
    private final Admission admission;
    private final LongAdder rateLimitRejections;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    V1Gateway(Clock clock, OrgDirectory directory, TokenStore tokens, Admission admission, LongAdder rateLimitRejections) {
        this.clock = clock;
        this.directory = directory;
        this.tokens = tokens;
        this.admission = admission;
        this.rateLimitRejections = rateLimitRejections;
    }

    static boolean isV1(String path) {
        return path.startsWith(PREFIX);
    }

    /** "METHOD pattern", the name under which calls are counted and rate limited. */
    static String key(String method, String pattern) {
        return method + " " + pattern;
    }

    void route(String method, String pattern, Policy policy, Api api) {
        routes.add(new Route(method, pattern.split("/", -1), key(method, pattern), policy, api));
    }

    /** The key of the route that serves this request, or null. */
    String keyOf(String method, String path) {
        Match match = resolve(method, path);
        return match == null ? null : match.route().key();
    }

    Gateway.Reply answer(HttpExchange exchange, String path) throws IOException {
        String requestId = Gateway.requestId();
        try {
            Match match = resolve(exchange.getRequestMethod(), path);
            if (match == null) {
                throw V1Exception.notFound();
            }
            Route route = match.route();
            V1Request request = V1Request.read(exchange, match.variables(), clock.instant(), requestId);
            if (route.policy().needsToken()) {
                request = authenticate(request);
                refuse(admission.admit(request.app(), route.key(), route.policy()));
            }
            if (request.body() == null && ("POST".equals(route.method()) || "PUT".equals(route.method()))) {
                throw V1Exception.missingBody();
            }
            return Gateway.Reply.v1(200, route.api().call(request), requestId);
        } catch (V1Exception e) {
            return error(e, requestId);
        }
    }

    Gateway.Reply error(V1Exception e, String requestId) {
        if (e.isRateLimit()) {
            rateLimitRejections.increment();
        }
        return Gateway.Reply.v1(e.status(), e.toJson(requestId), requestId);
    }

    private Match resolve(String method, String path) {
        String[] parts = path.split("/", -1);
        for (Route route : routes) {
            if (route.method().equals(method)) {
                Map<String, String> variables = route.match(parts);
                if (variables != null) {
                    return new Match(route, variables);
                }
            }
        }
        return null;
    }

    /** The header only: a token in {@code ?access_token=} is not read (API.md §2.9). */
    private V1Request authenticate(V1Request request) {
        String token = request.token().orElseThrow(V1Exception::missingToken);
        SimApp app = tokens.appKeyOf(token).flatMap(directory::app).orElseThrow(V1Exception::invalidToken);
        return request.authenticatedAs(app);
    }

    private static void refuse(Admission.Refusal refusal) {
        if (refusal instanceof Admission.Throttled) {
            throw V1Exception.throttled();
        }
        if (refusal instanceof Admission.QuotaSpent spent) {
            throw V1Exception.quotaSpent(spent.plan());
        }
        if (refusal instanceof Admission.NotPermitted missing) {
            throw V1Exception.notPermitted(missing.permission());
        }
    }
}
