package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately strict stand-in for DingTalk's server API, oapi.dingtalk.com and api.dingtalk.com
 * on one port, following /work/shared/dingtalk/API.md section 9. Where the real behaviour is
 * unconfirmed it refuses rather than guesses, so code that passes here has no hidden reliance on
 * leniency.
 *
 * <p>Implemented: tokens (§1), work notifications with send result, progress, recall and status bar
 * (§2.1–2.7), 待办 (§2.9), free login and jsapi tickets (§3, §4), contacts and departments (§5),
 * event push (§6), per (app, API) QPS limits, the monthly quota (§8.3), permission points, fault
 * injection, an inbox page at {@code /} for people and, for a stand-in in its own process
 * ({@link SimulatorMain}), counters at {@code /_simulator/stats}. New APIs plug into the
 * {@link Gateway} as further routes.
 */
public final class DingTalkSimulator implements AutoCloseable {

    private static final int BACKLOG = 512;
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ScheduledExecutorService delayer;
    private final OrgDirectory directory = new OrgDirectory();
    private final TokenStore tokens;
    private final RateLimiter rateLimiter;
    private final MonthlyQuota quota;
    private final Permissions permissions = new Permissions();
    private final FaultQueue faults = new FaultQueue();
    private final WorkNotificationStore notices = new WorkNotificationStore(directory);
    private final WorkNotificationApi workNotifications;
    private final TodoStore todos = new TodoStore();
    private final Gateway gateway;
    private final AuthScopesApi authScopes = new AuthScopesApi();
    private final FreeLoginApi freeLogin;
    private final JsapiTicketApi jsapiTickets;
    private final ContactsConsole contacts;

    private DingTalkSimulator(HttpServer server, Clock clock) {
        this.server = server;
        this.delayer = Executors.newSingleThreadScheduledExecutor(daemonThreads("dingtalk-sim-delay-"));
        this.tokens = new TokenStore(clock);
        this.rateLimiter = new RateLimiter(clock);
        this.quota = new MonthlyQuota(clock);
        Admission admission = new Admission(rateLimiter, quota, permissions);
        this.gateway = new Gateway(clock, directory, tokens, rateLimiter, admission, faults, delayer);
        new TokenApi(directory, tokens, rateLimiter).register(gateway);
        authScopes.register(gateway);
        this.freeLogin = new FreeLoginApi(clock, directory);
        freeLogin.register(gateway);
        this.jsapiTickets = new JsapiTicketApi(clock, directory);
        jsapiTickets.register(gateway);
        ContactDirectory contactDirectory = new ContactDirectory(directory);
        this.workNotifications = new WorkNotificationApi(directory, contactDirectory, notices);
        workNotifications.register(gateway);
        new TodoApi(directory, todos).register(gateway);
        new ContactsApi(contactDirectory, directory).register(gateway);
        new DepartmentsApi(contactDirectory).register(gateway);
        this.contacts = new ContactsConsole(contactDirectory, clock);
        InboxPage inboxPage = new InboxPage(directory, notices, todos::of);
        Gateway.Page inbox = new Gateway.Page("GET", "text/html;charset=utf-8", inboxPage::render);
        gateway.page("/", inbox);
        gateway.page("/inbox", inbox);
        registerControlPages();
        server.createContext("/", gateway);
        // Every call is answered on the server's own thread: no API blocks (injected delays are
        // scheduled, not slept), and without a hand-over to a pool a call costs a quarter less CPU
        // (SimulatorThroughputBenchmark: 0.12-0.16 instead of 0.17-0.19 ms), so a benchmark's
        // stand-in takes at most one core and answers several thousand sends per second.
        server.setExecutor(null);
    }

    /**
     * For a simulator in another process (see {@link SimulatorMain}): {@code GET /_simulator/stats}
     * (calls per path and route, 90018 answers, accepted sends, busiest second per API, quota counts),
     * {@code POST /_simulator/reset}, {@code POST /_simulator/qps?limit=N} and {@code GET /_simulator/sent}
     * (accepted sends: appKey, arrival time in epoch ms, msg).
     */
    private void registerControlPages() {
        String json = "application/json;charset=utf-8";
        gateway.page("/_simulator/stats", new Gateway.Page("GET", json, query -> Json.write(stats())));
        gateway.page("/_simulator/reset", new Gateway.Page("POST", json, query -> {
            reset();
            return "{}";
        }));
        gateway.page("/_simulator/qps", new Gateway.Page("POST", json, query -> {
            setQpsLimit(Integer.parseInt(query == null ? "" : query.replaceFirst("^limit=", "")));
            return "{}";
        }));
        // accepted sends with their arrival time (epoch ms), for latency benchmarks; needs record-messages
        gateway.page("/_simulator/sent", new Gateway.Page("GET", json, query -> {
            var sent = Json.array();
            sentMessages().forEach(message -> sent.addObject().put("appKey", message.appKey())
                    .put("at", message.at().toEpochMilli()).put("msg", message.msg().toString()));
            return Json.write(sent);
        }));
    }

    private ObjectNode stats() {
        ObjectNode stats = Json.object();
        ObjectNode calls = stats.putObject("calls");
        gateway.allCalls().forEach(calls::put);
        stats.put("rateLimitRejections", rateLimitRejections()).put("acceptedSends", notices.taskCount());
        ObjectNode busiest = stats.putObject("maxCallsInAnySecond");
        rateLimiter.maxAdmittedByApi().forEach(busiest::put);
        ObjectNode monthly = stats.putObject("monthlyCalls");
        quota.usedByOrganisation().forEach(monthly::put);
        return stats;
    }

    /** Starts on {@code host:port}; port 0 picks a free port (see {@link #port()}). */
    public static DingTalkSimulator start(String host, int port) {
        return start(host, port, Clock.systemUTC());
    }

    /** With a controllable clock, so tests can cross token expiry, days and windows without sleeping. */
    static DingTalkSimulator start(String host, int port, Clock clock) {
        // The JDK server flushes headers and body separately; without TCP_NODELAY, Nagle plus the
        // client's delayed ACK add ~40 ms to every answer. Read once per JVM, so set it early.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("DingTalk simulator cannot listen on " + host + ":" + port, e);
        }
        DingTalkSimulator simulator = new DingTalkSimulator(server, clock);
        server.start();
        return simulator;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where clients should point; a wildcard or loopback bind is reached through 127.0.0.1. */
    public String baseUrl() {
        InetAddress address = server.getAddress().getAddress();
        String host = address.isAnyLocalAddress() || address.isLoopbackAddress() ? "127.0.0.1" : address.getHostAddress();
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        delayer.shutdownNow();
    }

    /**
     * Registers an enterprise-internal app of the organisation {@code corpId}. It holds the oapi
     * permission points for messages and contacts; the to-do points need {@link #grantPermissions}.
     */
    public void addApp(String appKey, String appSecret, long agentId, String corpId) {
        directory.addApp(new SimApp(appKey, appSecret, agentId, corpId));
    }

    /** Adds a member to the organisation {@code corpId}; only members can receive notices. */
    public void addUser(String corpId, String userId, String name) {
        directory.addUser(corpId, userId, name);
    }

    /**
     * The member's unionId, as v2/user/get, v2/user/list and free login report it and as the to-do
     * API expects it: stable for the same corpId and userId, never equal to the userId.
     */
    public String unionIdOf(String corpId, String userId) {
        return directory.member(corpId, userId).map(OrgDirectory.Member::unionId)
                .orElseThrow(() -> new IllegalArgumentException(userId + " is not a member of " + corpId));
    }

    /** The address book (departments, contact users) and the event subscription, as the admin console shows them. */
    public ContactsConsole contacts() {
        return contacts;
    }

    /** A free-login code, as requestAuthCode gives the app's page for the member; 5 minutes, single use. */
    public String issueAuthCode(String appKey, String userId) {
        return freeLogin.issue(appKey, userId);
    }

    /** 0 if the DingTalk client would accept this dd.config on the page, else its error code (52011, 52013, 52019). */
    public int verifyJsapiConfig(String appKey, String pageUrl, String agentId, String corpId, String timeStamp,
                                 String nonceStr, String signature) {
        return jsapiTickets.verifyConfig(appKey, pageUrl, agentId, corpId, timeStamp, nonceStr, signature);
    }

    /** What /auth/scopes shows for the app: readable user fields and contact range (default: everything, dept 1). */
    public void setAuthScopes(String appKey, List<String> userFields, List<Long> authedDepartments) {
        authScopes.grant(appKey, new AuthScopesApi.Grant(List.copyOf(userFields), List.copyOf(authedDepartments)));
    }

    /**
     * Grants permission points (权限点) to the app, e.g. {@code "Todo.Todo.Write", "Todo.Todo.Read"}
     * for the to-do API. Apps start with the oapi points for messages and contacts only.
     */
    public void grantPermissions(String appKey, String... permissions) {
        this.permissions.grant(appKey, permissions);
    }

    /** Takes permission points away: oapi calls then answer 60011, api.dingtalk.com calls HTTP 403. */
    public void revokePermissions(String appKey, String... permissions) {
        this.permissions.revoke(appKey, permissions);
    }

    /** Calls the organisation has made this (simulated) month that count toward its quota (API.md §8.3). */
    public long monthlyCalls(String corpId) {
        return quota.used(corpId);
    }

    /** Sets this month's count, e.g. to just below the plan. */
    public void setMonthlyCalls(String corpId, long calls) {
        quota.setUsed(corpId, calls);
    }

    /** The organisation's calls per month (default: the standard plan, 5,000); {@link Long#MAX_VALUE} for no limit. */
    public void setMonthlyQuota(String corpId, long callsPerMonth) {
        quota.setPlan(corpId, callsPerMonth);
    }

    /** The plan of every organisation without its own {@link #setMonthlyQuota(String, long)}. */
    public void setDefaultMonthlyQuota(long callsPerMonth) {
        quota.setDefaultPlan(callsPerMonth);
    }

    /** The simulated month: the clock's month in China time, plus every {@link #startNextQuotaMonth()}. */
    public YearMonth quotaMonth() {
        return quota.month();
    }

    /** The month turns: every organisation's count starts again at 0. */
    public void startNextQuotaMonth() {
        quota.startNextMonth();
    }

    /** Lifetime of tokens issued or renewed from now on (default 7200 s). */
    public void setTokenTtl(Duration ttl) {
        tokens.setTtl(ttl);
    }

    /** Invalidates every live token at once, as if they had all expired. */
    public void expireAllTokens() {
        tokens.expireAll();
    }

    /** Per (appKey, API path) calls allowed in any sliding 1 s window (default 20). */
    public void setQpsLimit(int perSecond) {
        rateLimiter.setLimit(perSecond);
    }

    /** The next {@code times} requests to {@code apiPath} get {@code fault}; queued faults play in order. */
    public void failNext(String apiPath, int times, Fault fault) {
        faults.add(apiPath, times, fault);
    }

    /**
     * Off for long throughput runs: every send is still checked and its outcome kept (getsendresult,
     * recall and status bars work), but the message, {@link #sentMessages()} and the inboxes are not
     * stored. On by default.
     */
    public void setRecordMessages(boolean record) {
        notices.recordMessages(record);
    }

    /** Every accepted asyncsend_v2 call, in order. */
    public List<SentMessage> sentMessages() {
        return notices.sentMessages();
    }

    /** What the user actually received, oldest first (dropped messages are not in it). */
    public List<InboxEntry> inbox(String userId) {
        return notices.inbox(userId);
    }

    /**
     * The user opened the notice: getsendresult now lists them under {@code read_user_id_list}.
     * Only a user who received it can read it, and nobody can read a recalled notice.
     */
    public void markRead(String userId, long taskId) {
        notices.task(taskId).orElseThrow(() -> new IllegalArgumentException("no task " + taskId)).markRead(userId);
    }

    /** From now on (until {@link #reset()}), notices to these users fail: {@code failed_user_id_list}, no inbox entry. */
    public void failDeliveriesTo(String... userIds) {
        notices.failDeliveriesTo(List.of(userIds));
    }

    /** The OA notice's status bar as last set by the send or status_bar/update; empty if it has none. */
    public Optional<StatusBar> statusBar(long taskId) {
        return notices.task(taskId).orElseThrow(() -> new IllegalArgumentException("no task " + taskId)).statusBar();
    }

    /** Whether the notice was recalled (every recipient then sees it withdrawn). */
    public boolean isRecalled(long taskId) {
        return notices.task(taskId).orElseThrow(() -> new IllegalArgumentException("no task " + taskId)).recalled();
    }

    /**
     * How long DingTalk takes to work through each send (default: none). Until it is done,
     * getsendprogress reports it in progress, getsendresult has empty lists and status_bar/update
     * answers 41052.
     */
    public void setSendProcessingTime(Duration time) {
        workNotifications.setProcessingTime(time);
    }

    /** The person's live to-do tasks (待办) in the organisation, any role (creator, executor, participant), oldest first. */
    public List<TodoTask> todoTasks(String corpId, String userId) {
        return todos.of(corpId, unionIdOf(corpId, userId));
    }

    /** A to-do task by its id, deleted ones included ({@link TodoTask#deleted()}). */
    public Optional<TodoTask> todoTask(String taskId) {
        return todos.any(taskId);
    }

    /** All inboxes that received anything, by userId. */
    public Map<String, List<InboxEntry>> inboxes() {
        return notices.inboxes();
    }

    /**
     * Requests received on the path, whatever the answer was. api.dingtalk.com calls are also
     * counted per route, named "METHOD pattern", e.g. {@code "POST /v1.0/todo/users/{unionId}/tasks"}.
     */
    public int calls(String apiPath) {
        return gateway.calls(apiPath);
    }

    /** How many 88/90018 answers were given, injected ones included. */
    public int rateLimitRejections() {
        return gateway.rateLimitRejections();
    }

    /** The most calls on the path admitted by the QPS limit within any 1 s window, for one app. */
    public int maxCallsInAnySecond(String apiPath) {
        return rateLimiter.maxAdmittedInAnySecond(apiPath);
    }

    /**
     * Forgets messages, tasks, inboxes, to-do tasks, flow-control history, counters, this month's quota counts,
     * QPS windows and pending faults. Apps, users, permissions, live tokens and settings (ttl, QPS
     * limit, quota plans) stay.
     */
    public void reset() {
        faults.clear();
        notices.reset();
        todos.reset();
        rateLimiter.reset();
        quota.reset();
        gateway.resetCounters();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            // A forgotten simulator must not keep a test JVM or the demo alive.
            thread.setDaemon(true);
            return thread;
        };
    }
}
