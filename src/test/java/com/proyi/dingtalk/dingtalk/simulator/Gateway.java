package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The front door, doing what DingTalk's gateways do before an API runs: count the call, play any
 * injected fault, resolve the path, check the method and the access token, then the QPS limit, the
 * monthly quota and the permission point ({@link Admission}), and wrap the API's payload. Paths
 * under {@code /v1.0/} are api.dingtalk.com's and answered by {@link V1Gateway}; all others are
 * oapi's, answered here in the oapi envelope (HTTP 200, {@code errcode}).
 */
final class Gateway implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    private static final String JSON = "application/json;charset=utf-8";
    private static final String HTML = "text/html;charset=utf-8";
    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    /** An oapi implementation: returns the payload fields of a successful answer or throws {@link OapiException}. */
    @FunctionalInterface
    interface Api {
        ObjectNode call(OapiRequest request);
    }

    /** A page for people or test tools, not part of the DingTalk API: gets the query string, answers HTML or JSON. */
    record Page(String method, String contentType, Function<String, String> render) {
    }

    private record Route(String method, Policy policy, Api api) {
    }

    /** An answer; {@code requestId} also goes into the {@code x-acs-request-id} header (api.dingtalk.com does that). */
    record Reply(int status, String contentType, byte[] body, String requestId) {

        static Reply v1(int status, JsonNode body, String requestId) {
            return new Reply(status, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8), requestId);
        }

        static Reply html(int status, String html) {
            return new Reply(status, HTML, html.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private final Clock clock;
    private final OrgDirectory directory;
    private final TokenStore tokens;
    private final RateLimiter rateLimiter;
    private final Admission admission;
    private final FaultQueue faults;
    private final ScheduledExecutorService delayer;
    private final V1Gateway v1;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder rateLimitRejections = new LongAdder();

    Gateway(Clock clock, OrgDirectory directory, TokenStore tokens, RateLimiter rateLimiter, Admission admission,
            FaultQueue faults, ScheduledExecutorService delayer) {
        this.clock = clock;
        this.directory = directory;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.admission = admission;
        this.faults = faults;
        this.delayer = delayer;
        this.v1 = new V1Gateway(clock, directory, tokens, admission, rateLimitRejections);
    }

    /** An oapi endpoint at an exact path. */
    void route(String method, String path, Policy policy, Api api) {
        routes.put(path, new Route(method, policy, api));
    }

    /** An api.dingtalk.com endpoint; {@code pattern} may hold {@code {variables}} as path segments. */
    void v1Route(String method, String pattern, Policy policy, V1Gateway.Api api) {
        v1.route(method, pattern, policy, api);
    }

    void page(String path, Page page) {
        pages.put(path, page);
    }

    static boolean isTopapi(String path) {
        return path.startsWith("/topapi/");
    }

    /** The gateway's API name for a path: /topapi/v2/user/get -> dingtalk.oapi.v2.user.get. */
    static String apiName(String path) {
        String name = isTopapi(path) ? path.substring("/topapi/".length()) : path.replaceFirst("^/+", "");
        return "dingtalk.oapi." + name.replace('/', '.');
    }

    /** Calls received on an oapi path, or on an api.dingtalk.com route named "METHOD pattern" (or its concrete path). */
    int calls(String pathOrRoute) {
        LongAdder counter = calls.get(pathOrRoute);
        return counter == null ? 0 : counter.intValue();
    }

    Map<String, Integer> allCalls() {
        Map<String, Integer> copy = new TreeMap<>();
        calls.forEach((path, counter) -> copy.put(path, counter.intValue()));
        return copy;
    }

    int rateLimitRejections() {
        return rateLimitRejections.intValue();
    }

    void resetCounters() {
        calls.clear();
        rateLimitRejections.reset();
    }

    @Override
    public void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        count(path);
        String v1Route = V1Gateway.isV1(path) ? v1.keyOf(exchange.getRequestMethod(), path) : null;
        if (v1Route != null) {
            count(v1Route);
        }
        Fault fault = faults.next(path);
        if (fault == null && v1Route != null) {
            fault = faults.next(v1Route);
        }
        Reply reply;
        try {
            reply = fault == null || fault instanceof Fault.Delay ? answer(exchange, path) : play(fault, path);
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.ERROR, "DingTalk simulator failed on " + path, e);
            byte[] body = Json.write(Json.object().put("errcode", -1).put("errmsg", "simulator error: " + e)).getBytes(StandardCharsets.UTF_8);
            reply = new Reply(500, JSON, body, null);
        }
        if (fault instanceof Fault.Delay delay) {
            // Hold the answer without holding a worker thread, so slow answers don't starve the pool.
            Reply delayed = reply;
            delayer.schedule(() -> send(exchange, delayed), delay.delay().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            send(exchange, reply);
        }
    }

    private void count(String key) {
        calls.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private Reply answer(HttpExchange exchange, String path) throws IOException {
        Page page = pages.get(path);
        if (page != null && page.method().equals(exchange.getRequestMethod())) {
            String text = page.render().apply(exchange.getRequestURI().getRawQuery());
            return new Reply(200, page.contentType(), text.getBytes(StandardCharsets.UTF_8), null);
        }
        if (V1Gateway.isV1(path)) {
            return v1.answer(exchange, path);
        }
        Route route = routes.get(path);
        if (route == null) {
            // The real gateway answers unknown APIs with a request_id wherever they are.
            return oapiJson(OapiException.unknownApi(apiName(path)).toJson(), true);
        }
        OapiRequest request = OapiRequest.read(exchange, clock.instant());
        try {
            if (!route.method().equals(request.method())) {
                throw "GET".equals(route.method()) ? OapiException.of(43001, "需要GET请求") : OapiException.of(43002, "需要POST请求");
            }
            if (route.policy().needsToken()) {
                request = authenticate(request, exchange);
                refuse(admission.admit(request.app(), path, route.policy()), path);
            }
            ObjectNode body = Json.object().put("errcode", 0).put("errmsg", "ok");
            body.setAll(route.api().call(request));
            return oapiJson(body, isTopapi(path));
        } catch (OapiException e) {
            return error(e, path);
        }
    }

    private OapiRequest authenticate(OapiRequest request, HttpExchange exchange) {
        String token = request.accessToken().orElseThrow(() ->
                // Sending only the api.dingtalk.com header to oapi is a classic mix-up; the real gateway says so.
                exchange.getRequestHeaders().containsKey(V1Request.TOKEN_HEADER)
                        ? OapiException.gateway("40000", "access_token is blank")
                        : OapiException.of(41001, "缺少参数access_token"));
        SimApp app = tokens.appKeyOf(token)
                .flatMap(directory::app)
                .orElseThrow(() -> OapiException.invalidToken(request.path()));
        return request.authenticatedAs(app);
    }

    private void refuse(Admission.Refusal refusal, String path) {
        if (refusal instanceof Admission.Throttled throttled) {
            throw rateLimiter.rejection(path, clock.millis(), throttled.penaltyEndMillis());
        }
        if (refusal instanceof Admission.QuotaSpent spent) {
            throw OapiException.quotaSpent(spent.plan());
        }
        if (refusal instanceof Admission.NotPermitted missing) {
            throw OapiException.notPermitted(missing.permission());
        }
    }

    private Reply play(Fault fault, String path) {
        if (fault instanceof Fault.HttpStatus http) {
            return Reply.html(http.status(), "<html><head><title>" + http.status() + "</title></head><body><h1>" + http.status()
                    + "</h1><p>simulated gateway fault</p></body></html>");
        }
        if (V1Gateway.isV1(path)) {
            V1Exception error = fault instanceof Fault.V1Error v1Error
                    ? V1Exception.of(v1Error.status(), v1Error.code(), v1Error.message())
                    : V1Exception.throttled();
            return v1.error(error, requestId());
        }
        if (fault instanceof Fault.ErrorCode code) {
            return error(injected(code, path), path);
        }
        return error(rateLimiter.rejectionNow(path), path);
    }

    private static OapiException injected(Fault.ErrorCode code, String path) {
        String subCode = String.valueOf(code.errcode());
        if (OapiException.RATE_LIMITED.equals(subCode) || (code.errcode() == 40014 && isTopapi(path))) {
            return OapiException.gateway(subCode, code.errmsg());
        }
        return OapiException.of(code.errcode(), code.errmsg());
    }

    private Reply error(OapiException e, String path) {
        if (e.isRateLimit()) {
            rateLimitRejections.increment();
        }
        return oapiJson(e.toJson(), isTopapi(path));
    }

    /** Topapi answers carry a request_id like the real ones; it lets clients log a traceable id. */
    private static Reply oapiJson(ObjectNode body, boolean withRequestId) {
        if (withRequestId) {
            body.put("request_id", requestId());
        }
        return new Reply(200, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8), null);
    }

    static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    private static void send(HttpExchange exchange, Reply reply) {
        try {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            if (reply.requestId() != null) {
                exchange.getResponseHeaders().set("x-acs-request-id", reply.requestId());
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (IOException e) {
            // The client went away (typically a timeout test); nothing left to tell it.
            LOG.log(Level.DEBUG, "DingTalk simulator could not answer " + exchange.getRequestURI().getPath(), e);
        } finally {
            exchange.close();
        }
    }
}
