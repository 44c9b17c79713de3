package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The front door, doing what DingTalk's gateway does before an API runs: count the call, play any
 * injected fault, resolve the path (errcode 22 if unknown), check the method, the access token and
 * the per-app QPS limit, then wrap the API's payload in the oapi envelope.
 */
final class Gateway implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    private static final String JSON = "application/json;charset=utf-8";
    private static final String HTML = "text/html;charset=utf-8";
    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    /** An API implementation: returns the payload fields of a successful answer or throws {@link OapiException}. */
    @FunctionalInterface
    interface Api {
        ObjectNode call(OapiRequest request);
    }

    /** Whether an API needs {@code ?access_token=}. */
    enum Auth { NONE, ACCESS_TOKEN }

    private record Route(String method, Auth auth, Api api) {
    }

    private record Reply(int status, String contentType, byte[] body) {
    }

    private final Clock clock;
    private final OrgDirectory directory;
    private final TokenStore tokens;
    private final RateLimiter rateLimiter;
    private final FaultQueue faults;
    private final ScheduledExecutorService delayer;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Supplier<String>> pages = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder rateLimitRejections = new LongAdder();

    Gateway(Clock clock, OrgDirectory directory, TokenStore tokens, RateLimiter rateLimiter, FaultQueue faults,
            ScheduledExecutorService delayer) {
        this.clock = clock;
        this.directory = directory;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.delayer = delayer;
    }

    void route(String method, String path, Auth auth, Api api) {
        routes.put(path, new Route(method, auth, api));
    }

    /** An HTML page for people (GET only); not part of the DingTalk API. */
    void page(String path, Supplier<String> html) {
        pages.put(path, html);
    }

    static boolean isTopapi(String path) {
        return path.startsWith("/topapi/");
    }

    /** The gateway's API name for a path: /topapi/v2/user/get -> dingtalk.oapi.v2.user.get. */
    static String apiName(String path) {
        String name = isTopapi(path) ? path.substring("/topapi/".length()) : path.replaceFirst("^/+", "");
        return "dingtalk.oapi." + name.replace('/', '.');
    }

    int calls(String path) {
        LongAdder counter = calls.get(path);
        return counter == null ? 0 : counter.intValue();
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
        calls.computeIfAbsent(path, p -> new LongAdder()).increment();
        Reply reply;
        Fault fault = faults.next(path);
        try {
            reply = fault == null || fault instanceof Fault.Delay ? answer(exchange, path) : play(fault, path);
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.ERROR, "DingTalk simulator failed on " + path, e);
            reply = new Reply(500, JSON, Json.write(Json.object().put("errcode", -1).put("errmsg", "simulator error: " + e)).getBytes(StandardCharsets.UTF_8));
        }
        if (fault instanceof Fault.Delay delay) {
            // Hold the answer without holding a worker thread, so slow answers don't starve the pool.
            Reply delayed = reply;
            delayer.schedule(() -> send(exchange, delayed), delay.delay().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            send(exchange, reply);
        }
    }

    private Reply answer(HttpExchange exchange, String path) throws IOException {
        Supplier<String> page = pages.get(path);
        if (page != null && "GET".equals(exchange.getRequestMethod())) {
            return new Reply(200, HTML, page.get().getBytes(StandardCharsets.UTF_8));
        }
        Route route = routes.get(path);
        if (route == null) {
            // The real gateway answers unknown APIs with a request_id wherever they are.
            return json(OapiException.unknownApi(apiName(path)).toJson(), true);
        }
        OapiRequest request = OapiRequest.read(exchange, clock.instant());
        try {
            if (!route.method().equals(request.method())) {
                throw "GET".equals(route.method()) ? OapiException.of(43001, "需要GET请求") : OapiException.of(43002, "需要POST请求");
            }
            if (route.auth() == Auth.ACCESS_TOKEN) {
                request = authenticate(request, exchange);
                rateLimiter.check(request.app().appKey(), path);
            }
            ObjectNode body = Json.object().put("errcode", 0).put("errmsg", "ok");
            body.setAll(route.api().call(request));
            return json(body, isTopapi(path));
        } catch (OapiException e) {
            return error(e, path);
        }
    }

    private OapiRequest authenticate(OapiRequest request, HttpExchange exchange) {
        String token = request.accessToken().orElseThrow(() ->
                // Sending only the api.dingtalk.com header to oapi is a classic mix-up; the real gateway says so.
                exchange.getRequestHeaders().containsKey("x-acs-dingtalk-access-token")
                        ? OapiException.gateway("40000", "access_token is blank")
                        : OapiException.of(41001, "缺少参数access_token"));
        SimApp app = tokens.appKeyOf(token)
                .flatMap(directory::app)
                .orElseThrow(() -> OapiException.invalidToken(request.path()));
        return request.authenticatedAs(app);
    }

    private Reply play(Fault fault, String path) {
        if (fault instanceof Fault.HttpStatus http) {
            String html = "<html><head><title>" + http.status() + "</title></head><body><h1>" + http.status()
                    + "</h1><p>simulated gateway fault</p></body></html>";
            return new Reply(http.status(), HTML, html.getBytes(StandardCharsets.UTF_8));
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
        return json(e.toJson(), isTopapi(path));
    }

    /** Topapi answers carry a request_id like the real ones; it lets clients log a traceable id. */
    private static Reply json(ObjectNode body, boolean withRequestId) {
        if (withRequestId) {
            body.put("request_id", requestId());
        }
        return new Reply(200, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static String requestId() {
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
