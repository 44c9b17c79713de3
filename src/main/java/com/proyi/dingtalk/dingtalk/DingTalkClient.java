package com.proyi.dingtalk.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.DingTalkException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module's only way to DingTalk's legacy API (oapi), for Java callers and for the
 * {@code dingtalk:} component alike: builds the requests, keeps the access token, keeps each
 * tenant under DingTalk's per-API rate limit, renews a refused token once and retries throttled or
 * failed calls with backoff. Requests go over camel-http ({@link DingTalkHttp}). Failures end in a
 * {@link DingTalkException}.
 */
public class DingTalkClient {

    static final String TOKEN_API = "/gettoken";
    static final String SEND_API = "/topapi/message/corpconversation/asyncsend_v2";
    /** What DingTalk did with a send, per recipient (API.md §2.4). */
    public static final String SEND_RESULT_API = "/topapi/message/corpconversation/getsendresult";
    /** Takes a notice back from every recipient (API.md §2.6). */
    public static final String RECALL_API = "/topapi/message/corpconversation/recall";
    /** Changes an OA notice's status bar (API.md §2.7). */
    public static final String STATUS_BAR_API = "/topapi/message/corpconversation/status_bar/update";
    /** The v1.0 token (API.md §1.2), for calls to api.dingtalk.com. */
    static final String V1_TOKEN_API = "/v1.0/oauth2/accessToken";
    /** Creates a 待办 (to-do task) with the creator's unionId in the path (API.md §2.9). */
    public static final String TODO_CREATE_API = "/v1.0/todo/users/{unionId}/tasks";
    /** Updates a to-do task (done: true completes it for every executor) or, with DELETE, deletes it. */
    public static final String TODO_TASK_API = "/v1.0/todo/users/{unionId}/tasks/{taskId}";
    /** A person's to-do tasks created by this organisation's apps, paged (API.md §2.9). */
    public static final String TODO_QUERY_API = "/v1.0/todo/users/{unionId}/org/tasks/query";
    static final int MAX_USERIDS_PER_SEND = 100;
    static final int MAX_MSG_BYTES = 2048;

    private static final Logger log = LoggerFactory.getLogger(DingTalkClient.class);
    private static final int QPS_EXCEEDED = 90018;
    private static final long DEFAULT_TOKEN_SECONDS = 7200;
    private static final long NO_SHARE_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final DingTalkProperties properties;
    private final ObjectMapper mapper;
    private final DingTalkCallListener listener;
    private final DingTalkHttp http;
    private final AccessTokenCache tokens;
    private final AccessTokenCache v1Tokens;
    private final ConcurrentMap<String, SlidingWindowRateLimiter> limiters = new ConcurrentHashMap<>();
    /** Calls per second per API this instance may make per tenant, when instances share the app's limits. */
    private final ConcurrentMap<String, Integer> shares = new ConcurrentHashMap<>();

    /**
     * @param maxConnections pooled connections per DingTalk host, at least the number of threads that
     *                       may call DingTalk at once (a caller beyond it waits for a free connection)
     */
    public DingTalkClient(DingTalkProperties properties, ObjectMapper mapper, DingTalkCallListener listener,
                          CamelContext camel, int maxConnections) {
        this.properties = properties;
        this.mapper = mapper;
        this.listener = listener;
        this.http = new DingTalkHttp(camel, properties, maxConnections);
        this.tokens = new AccessTokenCache(properties.getTokenRefreshMargin());
        this.v1Tokens = new AccessTokenCache(properties.getTokenRefreshMargin());
    }

    /**
     * Sends a work notification to at most 100 users (split longer lists with {@link Batching#chunks}).
     *
     * @param msg the {@code msg} object of API.md §2.2, e.g. {@code {"msgtype":"text","text":{...}}}
     * @return DingTalk's task_id for getsendresult, recall and status bar updates
     */
    public long sendWorkNotification(String tenantId, List<String> userIds, Map<String, Object> msg) {
        if (userIds.isEmpty() || userIds.size() > MAX_USERIDS_PER_SEND) {
            throw new IllegalArgumentException("a work notification goes to 1 to " + MAX_USERIDS_PER_SEND
                    + " userids, got " + userIds.size() + "; split the list with Batching.chunks");
        }
        DingTalkApp app = configuredApp(tenantId, SEND_API);
        int size = json(msg).length;
        if (size > MAX_MSG_BYTES) {
            throw new DingTalkException(SEND_API, DingTalkException.NO_ERRCODE, "not sent: message is " + size
                    + " bytes, DingTalk allows " + MAX_MSG_BYTES, 0, Kind.PERMANENT, null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", app.getAgentId());
        body.put("userid_list", String.join(",", userIds));
        body.put("msg", msg);
        return taskId(post(tenantId, SEND_API, body));
    }

    /**
     * What DingTalk did with a send of the last 24 hours (at most 100 recipients): the
     * {@code send_result} object of API.md §2.4, with read, unread, invalid, forbidden and failed
     * user ids and the {@code forbidden_list} reasons.
     */
    public JsonNode sendResult(String tenantId, long taskId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", configuredApp(tenantId, SEND_RESULT_API).getAgentId());
        body.put("task_id", taskId);
        return post(tenantId, SEND_RESULT_API, body).path("send_result");
    }

    /** Recalls a notice sent in the last 24 hours from all its recipients (API.md §2.6). */
    public void recall(String tenantId, long taskId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", configuredApp(tenantId, RECALL_API).getAgentId());
        body.put("msg_task_id", taskId);
        post(tenantId, RECALL_API, body);
    }

    /**
     * Sets the status bar of an OA notice sent in the last 7 days to at most 5 user ids (API.md §2.7).
     *
     * @param background AARRGGBB without {@code 0x}, or null for DingTalk's default
     */
    public void updateStatusBar(String tenantId, long taskId, String value, String background) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", configuredApp(tenantId, STATUS_BAR_API).getAgentId());
        body.put("task_id", taskId);
        body.put("status_value", value);
        if (background != null) {
            body.put("status_bg", "0x" + background);
        }
        post(tenantId, STATUS_BAR_API, body);
    }

    /** POSTs a JSON body to an oapi path such as {@code /topapi/v2/user/getuserinfo}; returns the answer on errcode 0. */
    public JsonNode post(String tenantId, String apiPath, Map<String, Object> body) {
        listener.beforeCall(tenantId, apiPath);
        byte[] json = json(body);
        return withRetries(tenantId, apiPath, (app, token) -> rateLimitedExchange(tenantId, apiPath, app,
                () -> http.post(app.getBaseUrl(), apiPath, Map.of("access_token", token), json)));
    }

    /**
     * Like {@link #post}, for callers that must not queue (a person waiting on the H5 page): when the
     * API's calls for the current second are spent and none frees within {@code maxWait}, it fails at
     * once with {@link DingTalkBusyException} instead of waiting its turn.
     */
    public JsonNode postWithoutQueueing(String tenantId, String apiPath, Map<String, Object> body, Duration maxWait) {
        byte[] json = json(body);
        return withRetries(tenantId, apiPath, (app, token) -> {
            SlidingWindowRateLimiter limiter = limiter(tenantId, apiPath, app);
            long start = limiter.tryAcquireStart(maxWait).orElseThrow(() -> new DingTalkBusyException(apiPath));
            try {
                return exchange(tenantId, apiPath, () -> http.post(app.getBaseUrl(), apiPath, Map.of("access_token", token), json));
            } finally {
                limiter.answered(start);
            }
        });
    }

    /** GETs an oapi path with query parameters (the access token is added); returns the answer on errcode 0. */
    public JsonNode get(String tenantId, String apiPath, Map<String, String> query) {
        listener.beforeCall(tenantId, apiPath);
        return withRetries(tenantId, apiPath, (app, token) -> {
            Map<String, String> params = new LinkedHashMap<>(query);
            params.put("access_token", token);
            return rateLimitedExchange(tenantId, apiPath, app, () -> http.get(app.getBaseUrl(), apiPath, params));
        });
    }

    /**
     * Creates a DingTalk 待办 (API.md §2.9) in the name of the creator; returns its task id. A
     * {@code sourceId} already used answers 400 {@code task exist} (a {@link DingTalkException}
     * with errmsg "task exist"): the task was created before.
     *
     * @param body the create fields of §2.9: subject, detailUrl, sourceId, executorIds, ... (unionIds only)
     */
    public String createTodoTask(String tenantId, String creatorUnionId, Map<String, Object> body) {
        String path = "/v1.0/todo/users/" + segment(creatorUnionId) + "/tasks";
        JsonNode answer = v1(tenantId, "POST", TODO_CREATE_API, path, Map.of("operatorId", creatorUnionId), body);
        String id = answer.path("id").asText("");
        if (id.isBlank()) {
            throw new DingTalkException(TODO_CREATE_API, 0, "accepted, but the answer has no id: " + answer,
                    200, Kind.PERMANENT, null);
        }
        return id;
    }

    /** Changes a to-do task (e.g. {@code {"done": true}} completes it for everyone); unionId: its creator. */
    public void updateTodoTask(String tenantId, String unionId, String taskId, Map<String, Object> changes) {
        String path = "/v1.0/todo/users/" + segment(unionId) + "/tasks/" + segment(taskId);
        v1(tenantId, "PUT", TODO_TASK_API, path, Map.of("operatorId", unionId), changes);
    }

    /** Deletes a to-do task; unionId: its creator. */
    public void deleteTodoTask(String tenantId, String unionId, String taskId) {
        String path = "/v1.0/todo/users/" + segment(unionId) + "/tasks/" + segment(taskId);
        v1(tenantId, "DELETE", TODO_TASK_API, path, Map.of("operatorId", unionId), null);
    }

    /**
     * The id of the person's to-do task created with this sourceId, from the org query (needs
     * Todo.Todo.Read); empty when none is listed.
     */
    public java.util.Optional<String> findTodoTask(String tenantId, String unionId, String sourceId) {
        String path = "/v1.0/todo/users/" + segment(unionId) + "/org/tasks/query";
        String next = null;
        for (int page = 0; page < 100; page++) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (next != null) {
                body.put("nextToken", next);
            }
            JsonNode answer = v1(tenantId, "POST", TODO_QUERY_API, path, Map.of(), body);
            for (JsonNode card : answer.path("todoCards")) {
                if (sourceId.equals(card.path("sourceId").asText(null))) {
                    return java.util.Optional.of(card.path("taskId").asText());
                }
            }
            next = answer.path("nextToken").isTextual() ? answer.path("nextToken").asText() : null;
            if (next == null || next.isBlank()) {
                break;
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * One call to api.dingtalk.com (v1.0): the token in the header, the answer's JSON on HTTP 2xx,
     * else a {@link DingTalkException} from {@code {code, message}} (errcode: the HTTP status).
     *
     * @param api  the path pattern, as counted, ranked and rate limited (e.g. {@link #TODO_TASK_API})
     * @param path the path with its variables filled in
     * @param body the JSON body, or null (DELETE)
     */
    public JsonNode v1(String tenantId, String method, String api, String path, Map<String, String> query,
                       Map<String, Object> body) {
        listener.beforeCall(tenantId, api);
        byte[] json = body == null ? null : json(body);
        return withRetries(tenantId, api, true, (app, token) -> {
            // the same limiter as every other call: shared among instances, counted from the answer
            return rateLimited(tenantId, method + " " + api, api, app,
                    () -> exchangeV1(tenantId, api, () -> http.v1(app.getApiBaseUrl(), method, path, query, token, json)));
        });
    }

    /** The tenant's current access token, for calls that sign with it (e.g. the jsapi ticket). */
    public String accessToken(String tenantId) {
        return withRetries(tenantId, TOKEN_API, (app, token) -> token);
    }

    public boolean isConfigured(String tenantId) {
        return properties.app(tenantId).map(DingTalkApp::isConfigured).orElse(false);
    }

    /** The JSON mapper requests are written with, for the component to read message bodies the same way. */
    ObjectMapper mapper() {
        return mapper;
    }

    /** One try: gets a token, then does what the caller wants with it. */
    @FunctionalInterface
    private interface Attempt<T> {
        T run(DingTalkApp app, String token) throws InterruptedException;
    }

    /** One HTTP request, as {@link DingTalkHttp} sends it. */
    @FunctionalInterface
    private interface Request {
        DingTalkHttp.Response send() throws IOException;
    }

    private <T> T withRetries(String tenantId, String api, Attempt<T> attempt) {
        return withRetries(tenantId, api, false, attempt);
    }

    private <T> T withRetries(String tenantId, String api, boolean v1, Attempt<T> attempt) {
        DingTalkApp app = configuredApp(tenantId, api);
        AccessTokenCache tokens = v1 ? v1Tokens : this.tokens;
        int maxAttempts = properties.getRetry().getMaxAttempts();
        boolean tokenRenewed = false;
        int failures = 0;
        try {
            while (true) {
                String token = null;
                try {
                    token = tokens.get(app, () -> v1 ? fetchV1Token(tenantId, app) : fetchToken(tenantId, app));
                    return attempt.run(app, token);
                } catch (DingTalkException e) {
                    if (e.kind() == Kind.AUTH && !tokenRenewed) {
                        // Tokens can die before their 7200 s (API.md §1.4): one new token, one more try.
                        log.warn("DingTalk {} refused the access token of tenant {} (errcode {}), fetching a new one",
                                api, tenantId, e.errcode());
                        tokens.invalidate(app, token);
                        tokenRenewed = true;
                        continue;
                    }
                    failures++;
                    if (!e.retryable() || failures >= maxAttempts) {
                        throw e;
                    }
                    long pauseMillis = backoffMillis(failures, e.errcode());
                    log.warn("{} (tenant {}, attempt {} of {}); trying again in {} ms",
                            e.getMessage(), tenantId, failures, maxAttempts, pauseMillis);
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(api, e);
        }
    }

    /** Exponential backoff with full jitter; a QPS penalty lasts at least until the next whole second. */
    private long backoffMillis(int failures, int errcode) {
        DingTalkProperties.Retry retry = properties.getRetry();
        double exponential = retry.getInitialBackoff().toMillis() * Math.pow(retry.getMultiplier(), failures - 1);
        long cap = (long) Math.min(retry.getMaxBackoff().toMillis(), exponential);
        long pause = ThreadLocalRandom.current().nextLong(cap + 1);
        if (errcode == QPS_EXCEEDED) {
            pause = Math.max(pause, 1000 - System.currentTimeMillis() % 1000);
        }
        return pause;
    }

    private JsonNode rateLimitedExchange(String tenantId, String api, DingTalkApp app, Request request)
            throws InterruptedException {
        return rateLimited(tenantId, api, api, app, () -> exchange(tenantId, api, request));
    }

    /**
     * Runs one call within the tenant app's limit for the API (DingTalk counts each API on its own).
     *
     * @param limitedApi the API as DingTalk limits it (v1.0: method and path)
     * @param api        the API as metrics name it
     */
    private JsonNode rateLimited(String tenantId, String limitedApi, String api, DingTalkApp app, Supplier<JsonNode> call)
            throws InterruptedException {
        SlidingWindowRateLimiter limiter = limiter(tenantId, limitedApi, app);
        long arrived = System.nanoTime();
        long start = limiter.acquireStart();
        listener.onRateLimitWait(tenantId, api, Math.max(0, start - arrived));
        try {
            return call.get();
        } finally {
            // DingTalk counted the call somewhere between our start and now: count it from now
            limiter.answered(start);
        }
    }

    /**
     * Asks, without waiting, for a permit to send one work notification for the tenant: a scheduler
     * calls this before handing a notice to a worker, so that no worker waits in the rate limit
     * while other tenants' notices are due. The permit is taken by the next send of the tenant.
     *
     * @return 0 when a permit is reserved (also for a tenant without settings, whose send fails
     *         anyway), else nanoseconds until the next permit
     */
    public long tryReserveWorkNotification(String tenantId) {
        Integer share = shares.get(tenantId);
        if (share != null && share == 0) {
            return NO_SHARE_RETRY_NANOS;
        }
        return properties.app(tenantId).filter(DingTalkApp::isConfigured)
                .map(app -> limiter(tenantId, SEND_API, app).tryReserve()).orElse(0L);
    }

    /** The app's calls per second per API, as configured (the limit instances share). */
    public int rateLimitPerSecond(String tenantId) {
        return properties.app(tenantId).map(DingTalkApp::getRateLimitPerSecond).orElse(0);
    }

    /**
     * This instance's share of the tenant app's per-API limit (calls per second per API), while
     * several instances divide it: DingTalk counts each API of an app on its own, so the share holds
     * for every API this instance calls (sends, send-result reads, recalls, ...). 0 while this instance
     * may not send yet (it is joining); null gives back the whole configured limit.
     */
    public void shareRateLimit(String tenantId, Integer callsPerSecond) {
        if (callsPerSecond == null) {
            shares.remove(tenantId);
        } else {
            shares.put(tenantId, Math.max(0, callsPerSecond));
        }
        String prefix = tenantId + " ";
        limiters.forEach((key, limiter) -> {
            if (key.startsWith(prefix)) {
                limiter.setCallsPerSecond(callsPerSecond(tenantId));
            }
        });
    }

    private int callsPerSecond(String tenantId) {
        int configured = Math.max(1, rateLimitPerSecond(tenantId));
        Integer share = shares.get(tenantId);
        return share == null ? configured : Math.max(1, Math.min(configured, share));
    }

    private SlidingWindowRateLimiter limiter(String tenantId, String api, DingTalkApp app) {
        return limiters.computeIfAbsent(tenantId + " " + api,
                key -> new SlidingWindowRateLimiter(callsPerSecond(tenantId), properties.getRateLimitSafetyMargin()));
    }

    private AccessTokenCache.Token fetchToken(String tenantId, DingTalkApp app) {
        return token(TOKEN_API, () -> exchange(tenantId, TOKEN_API, () -> http.get(app.getBaseUrl(), TOKEN_API,
                Map.of("appkey", app.getAppKey(), "appsecret", app.getAppSecret()))), "access_token", "expires_in");
    }

    private AccessTokenCache.Token fetchV1Token(String tenantId, DingTalkApp app) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("appKey", app.getAppKey());
        credentials.put("appSecret", app.getAppSecret());
        byte[] json = json(credentials);
        return token(V1_TOKEN_API, () -> exchangeV1(tenantId, V1_TOKEN_API,
                () -> http.v1(app.getApiBaseUrl(), "POST", V1_TOKEN_API, Map.of(), null, json)), "accessToken", "expireIn");
    }

    /** One token request (oapi or v1.0, which name the fields differently) and its answer read. */
    private static AccessTokenCache.Token token(String api, Supplier<JsonNode> request, String tokenField,
                                                String expiresField) {
        JsonNode answer;
        try {
            answer = request.get();
        } catch (DingTalkException e) {
            // 40001 while fetching a token means a wrong secret: a new token cannot help.
            if (e.kind() != Kind.AUTH) {
                throw e;
            }
            throw new DingTalkException(api, e.errcode(), e.errmsg(), e.httpStatus(), Kind.PERMANENT, e);
        }
        String value = answer.path(tokenField).asText("");
        if (value.isBlank()) {
            throw new DingTalkException(api, DingTalkException.NO_ERRCODE, "answer has no " + tokenField,
                    0, Kind.TRANSIENT, null);
        }
        long seconds = answer.path(expiresField).asLong(DEFAULT_TOKEN_SECONDS);
        return new AccessTokenCache.Token(value, Duration.ofSeconds(seconds > 0 ? seconds : DEFAULT_TOKEN_SECONDS));
    }

    /** A v1.0 answer: JSON on 2xx, else HTTP status and {code, message} (API.md §2.9, §7.2). */
    private JsonNode exchangeV1(String tenantId, String api, Request request) {
        long started = System.nanoTime();
        int errcode = DingTalkException.NO_ERRCODE;
        try {
            DingTalkHttp.Response response = request.send();
            int status = response.status();
            byte[] raw = response.body() == null ? new byte[0] : response.body();
            JsonNode answer;
            try {
                answer = raw.length == 0 ? mapper.createObjectNode() : mapper.readTree(raw);
            } catch (IOException unreadable) {
                answer = mapper.createObjectNode().put("message", new String(raw, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (status >= 200 && status < 300) {
                errcode = 0;
                return answer;
            }
            String code = answer.path("code").asText("");
            String message = answer.path("message").asText("");
            errcode = code.startsWith("Forbidden.AccessDenied.ApiCountLimit") ? MonthlyQuotaExceededException.ERRCODE
                    : code.contains("QpsLimit") || code.contains("Throttling") ? QPS_EXCEEDED : status;
            if (errcode == MonthlyQuotaExceededException.ERRCODE) {
                throw new MonthlyQuotaExceededException(api, message, null);
            }
            Kind kind = code.equals("InvalidAuthentication") ? Kind.AUTH
                    : errcode == QPS_EXCEEDED || code.endsWith(".lockError") || code.endsWith(".flowControlError")
                    || status == 429 ? Kind.RATE_LIMITED
                    : status >= 500 ? Kind.TRANSIENT : Kind.PERMANENT;
            throw new DingTalkException(api, status, code.isEmpty() ? message : code + ": " + message, status, kind, null);
        } catch (IOException e) {
            throw unanswered(api, e);
        } finally {
            answered(tenantId, api, started, errcode);
        }
    }

    /** No answer at all (connection refused or reset, timeouts included): worth trying again. */
    private static DingTalkException unanswered(String api, IOException e) {
        return new DingTalkException(api, DingTalkException.NO_ERRCODE,
                e.getClass().getSimpleName() + ": " + e.getMessage(), 0, Kind.TRANSIENT, e);
    }

    /** Every call, answered or not, for the metrics, the quota count and the debug log. */
    private void answered(String tenantId, String api, long started, int errcode) {
        long took = System.nanoTime() - started;
        listener.onCall(tenantId, api, took, errcode);
        log.debug("DingTalk {} for tenant {}: errcode {} after {} ms", api, tenantId, errcode, TimeUnit.NANOSECONDS.toMillis(took));
    }

    private static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode exchange(String tenantId, String api, Request request) {
        long started = System.nanoTime();
        int errcode = DingTalkException.NO_ERRCODE;
        try {
            DingTalkHttp.Response response = request.send();
            JsonNode answer = DingTalkAnswer.bodyOrThrow(api, response.status(), response.body(), mapper);
            errcode = 0;
            return answer;
        } catch (DingTalkException e) {
            errcode = e.errcode();
            if (errcode == MonthlyQuotaExceededException.ERRCODE) {
                // no cause: Camel's doCatch and the outbox look at the innermost exception
                throw new MonthlyQuotaExceededException(api, e.errmsg(), null);
            }
            throw e;
        } catch (IOException e) {
            throw unanswered(api, e);
        } finally {
            answered(tenantId, api, started, errcode);
        }
    }

    private DingTalkApp configuredApp(String tenantId, String api) {
        return properties.app(tenantId).filter(DingTalkApp::isConfigured).orElseThrow(() -> {
            String prefix = DingTalkProperties.DEFAULT_TENANT.equals(tenantId)
                    ? "dingtalk." : "dingtalk.tenants." + tenantId + ".";
            return new DingTalkException(api, DingTalkException.NO_ERRCODE, "no DingTalk settings for tenant "
                    + tenantId + " (set " + prefix + "app-key, " + prefix + "app-secret and " + prefix + "agent-id)",
                    0, Kind.PERMANENT, null);
        });
    }

    private static long taskId(JsonNode answer) {
        JsonNode taskId = answer.path("task_id");
        if (taskId.canConvertToLong()) {
            return taskId.asLong();
        }
        try {
            return Long.parseLong(taskId.asText().trim());
        } catch (NumberFormatException e) {
            // Accepted by DingTalk, so sending again would only duplicate; the caller must look at it.
            throw new DingTalkException(SEND_API, 0, "accepted, but the answer has no task_id: " + answer,
                    0, Kind.PERMANENT, e);
        }
    }

    private byte[] json(Map<String, Object> body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static DingTalkException interrupted(String api, InterruptedException e) {
        return new DingTalkException(api, DingTalkException.NO_ERRCODE, "interrupted before DingTalk answered",
                0, Kind.TRANSIENT, e);
    }
}
