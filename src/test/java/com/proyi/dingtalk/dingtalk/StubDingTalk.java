package com.proyi.dingtalk.dingtalk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A scripted stand-in for oapi on a free local port. Answers each path with the replies queued for
 * it, then with a default: a fresh token (token-1, token-2, ...) on /gettoken, success with a task_id
 * elsewhere. Records every request.
 */
final class StubDingTalk implements AutoCloseable {

    static final String APP_KEY = "ding-app-key";
    static final String APP_SECRET = "s3cr3t-never-shown";
    static final long AGENT_ID = 4711L;

    record Reply(int status, String body, Duration delay) {
    }

    record Request(String method, String path, Map<String, String> query, String contentType, String body,
                   long receivedAtMillis) {
    }

    private final HttpServer server;
    private final CamelContext camel = new DefaultCamelContext();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Reply>> queued = new ConcurrentHashMap<>();
    private final Map<String, Reply> always = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile long tokenExpiresIn = 7200;
    private volatile Duration tokenDelay = Duration.ZERO;

    StubDingTalk() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Settings of tenant "default" pointing at this stub, with short backoffs so that retry tests are quick. */
    DingTalkProperties properties() {
        DingTalkProperties properties = new DingTalkProperties();
        properties.setBaseUrl(baseUrl());
        properties.setAppKey(APP_KEY);
        properties.setAppSecret(APP_SECRET);
        properties.setAgentId(AGENT_ID);
        properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
        properties.getRetry().setMaxBackoff(Duration.ofMillis(40));
        return properties;
    }

    /** The client as the module builds it, over camel-http in a Camel context of its own, calling this stub. */
    DingTalkClient client(DingTalkProperties properties, DingTalkCallListener listener) {
        camel.start();
        return new DingTalkClient(properties, new ObjectMapper(), listener, camel, 20);
    }

    /** Answers the next request to {@code path} like this, before any earlier default. */
    StubDingTalk thenReply(String path, int status, String body) {
        return thenReply(path, status, body, Duration.ZERO);
    }

    StubDingTalk thenReply(String path, int status, String body, Duration delay) {
        queued.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Reply(status, body, delay));
        return this;
    }

    /** Answers every request to {@code path} like this once the queued replies are used up. */
    StubDingTalk alwaysReply(String path, int status, String body) {
        always.put(path, new Reply(status, body, Duration.ZERO));
        return this;
    }

    StubDingTalk tokenExpiresIn(long seconds) {
        tokenExpiresIn = seconds;
        return this;
    }

    StubDingTalk tokenDelay(Duration delay) {
        tokenDelay = delay;
        return this;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    int count(String path) {
        return requests(path).size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), path, query(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, System.currentTimeMillis()));
        Reply reply = nextReply(path);
        try {
            Thread.sleep(reply.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            out.write(bytes);
        } catch (IOException clientGaveUp) {
            // the client timed out on a delayed reply
        }
    }

    private Reply nextReply(String path) {
        Deque<Reply> replies = queued.get(path);
        Reply next = replies == null ? null : replies.poll();
        if (next != null) {
            return next;
        }
        if (always.containsKey(path)) {
            return always.get(path);
        }
        if (path.equals(DingTalkClient.TOKEN_API)) {
            return new Reply(200, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"token-"
                    + tokensIssued.incrementAndGet() + "\",\"expires_in\":" + tokenExpiresIn + "}", tokenDelay);
        }
        return new Reply(200, "{\"errcode\":0,\"errmsg\":\"ok\",\"task_id\":256271667526,\"request_id\":\"r1\"}",
                Duration.ZERO);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    @Override
    public void close() {
        camel.stop();
        server.stop(0);
        executor.shutdownNow();
    }
}
