package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.config.ModuleConfiguration;
import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.notice.mapping.NoticeMappings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Decides which claimed notice goes out next. Claimed events wait in one queue per tenant (one
 * DingTalk app each); the dispatcher serves the tenants in turn and hands one event at a time to a
 * worker, which runs it through {@code direct:deliver-notice}. Before that it asks the tenant's rate
 * limit for a permit without waiting: a tenant at its cap is skipped until its next permit, so no
 * worker sleeps in a rate limit while another tenant's notices are due. Within a tenant, a
 * document type's mapping priority comes first, then todo before informational actions, then the
 * outbox order; an event waits while an earlier event of the same document is queued or being sent.
 *
 * <p>Events are independent: one in retry is rescheduled on its row (next_attempt_at) and the rest
 * go on. Finished events are marked DONE together, one statement per flush. Claims are renewed for
 * held events only (queued or being sent), so an event whose outcome could not be written is
 * released after proyi.outbox.claim-timeout rather than kept claimed for good.
 */
@Component("noticeScheduler")
public class NoticeScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NoticeScheduler.class);
    /** Bindings looked up at claim time are used for this long; an event sent later looks up its own. */
    static final long BINDINGS_FRESH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Row key: the HR lookup done for the event's batch, and when. */
    static final String BINDINGS = "bindings";
    static final String BINDINGS_AT = "bindings_at";
    private static final long DONE_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int DONE_FLUSH_SIZE = 200;
    private static final int ACCOUNTS_PER_LOOKUP = 500;
    private static final Set<String> ACTING = Set.of("todo");

    private final NoticeOutbox outbox;
    private final DingTalkClient dingTalk;
    private final NoticeMappings mappings;
    private final ApplicationContext application;
    private final ProYiProperties.Outbox settings;
    private final NoticeSummary summary;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workChanged = lock.newCondition();
    private final Condition claimWanted = lock.newCondition();
    private final Map<String, TreeSet<Held>> queues = new LinkedHashMap<>();
    private final Map<Long, Held> held = new HashMap<>();
    private final Map<String, TreeSet<Long>> perDocument = new HashMap<>();
    private final List<Long> done = new ArrayList<>();
    private final List<String> turn = new ArrayList<>();
    /** Events handed to a worker and not finished yet. */
    private final Map<Long, Held> sending = new HashMap<>();
    /** Per tenant, the lookup under way for events whose bindings went stale, for its other stale events to share. */
    private final Map<String, Refresh> refreshes = new HashMap<>();
    private int nextTurn;
    private int inFlight;
    private boolean wakeRequested;
    /** Tenants whose queue was full at the last claim. */
    private Set<String> capped = Set.of();
    private long doneSince;
    private volatile boolean running;
    private Thread dispatcher;
    private ExecutorService doneWriter;
    private ExecutorService workers;
    private ProducerTemplate template;

    /** A claimed event as the scheduler keeps it. */
    private record Held(long id, String tenant, String document, int priority, int actionRank,
                        Map<String, Object> row) {
    }

    /** One lookup for stale bindings: the accounts it asks for, and its rows by account once done (null: failed). */
    private record Refresh(Set<String> accounts, CompletableFuture<Map<String, List<Map<String, Object>>>> result) {
    }

    private static final Comparator<Held> ORDER = Comparator.comparingInt(Held::priority)
            .thenComparingInt(Held::actionRank).thenComparingLong(Held::id);

    /**
     * The Camel context is looked up when first needed, not injected: a lifecycle bean's injected
     * dependencies are started before it, and a Camel context started that early would come up
     * without the routes from routes/.
     */
    public NoticeScheduler(NoticeOutbox outbox, DingTalkClient dingTalk, NoticeMappings mappings,
                           ApplicationContext application, ProYiProperties properties, NoticeSummary summary) {
        this.outbox = outbox;
        this.dingTalk = dingTalk;
        this.mappings = mappings;
        this.application = application;
        this.settings = properties.getOutbox();
        this.summary = summary;
    }

    /**
     * The outbox poll (route notice-outbox-poll): claims what is due while there is room, then waits
     * up to proyi.outbox.poll-interval for {@link #wake()}, claiming again at once when woken.
     */
    public void poll() throws InterruptedException {
        long deadline = System.nanoTime() + settings.getPollInterval().toNanos();
        do {
            claimDue();
        } while (awaitWake(deadline));
    }

    /** The webhook stored an event: claimed after its commit, not at the next poll. */
    @TransactionalEventListener(fallbackExecution = true)
    public void stored(NoticeOutbox.EventStored event) {
        wake();
    }

    /** Claim now rather than at the next poll. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            claimWanted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Renews the claims of the events this instance holds (route notice-claim-renewal). A queued event
     * whose claim is no longer this instance's (released after a database outage longer than the
     * claim timeout, and maybe taken by another instance) is dropped from the queue, not sent.
     */
    public int renewClaims() {
        List<Long> ids;
        lock.lock();
        try {
            ids = List.copyOf(held.keySet());
        } finally {
            lock.unlock();
        }
        if (ids.isEmpty()) {
            return 0;
        }
        int renewed = outbox.renewClaims(ids);
        if (renewed < ids.size()) {
            dropLost(ids, outbox.stillClaimed(ids));
        }
        return renewed;
    }

    private void dropLost(List<Long> ids, Set<Long> stillOurs) {
        lock.lock();
        try {
            int dropped = 0;
            for (Long id : ids) {
                Held event = held.get(id);
                TreeSet<Held> queue = event == null ? null : queues.get(event.tenant());
                if (!stillOurs.contains(id) && queue != null && queue.remove(event)) {
                    held.remove(id);
                    TreeSet<Long> ofDocument = perDocument.get(event.document());
                    ofDocument.remove(id);
                    if (ofDocument.isEmpty()) {
                        perDocument.remove(event.document());
                    }
                    dropped++;
                }
            }
            if (dropped > 0) {
                log.warn("Dropped {} queued notice events whose claim this instance has lost; another instance finishes them",
                        dropped);
                workChanged.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Events held: waiting in a tenant queue or being sent. */
    public int held() {
        lock.lock();
        try {
            return held.size();
        } finally {
            lock.unlock();
        }
    }

    private void claimDue() {
        while (running) {
            int room;
            List<String> full;
            lock.lock();
            try {
                room = Math.min(settings.getBatchSize(), settings.getMaxClaimed() - held.size());
                full = queues.entrySet().stream().filter(queue -> queue.getValue().size() >= queueCap(queue.getKey()))
                        .map(Map.Entry::getKey).toList();
                capped = Set.copyOf(full);
            } finally {
                lock.unlock();
            }
            if (room <= 0) {
                return;
            }
            List<Map<String, Object>> rows = outbox.claim(room, full);
            if (rows.isEmpty()) {
                return;
            }
            lookUpBindings(rows);
            List<Held> claimed = rows.stream().map(this::held).toList();
            lock.lock();
            try {
                if (!running) {
                    // stopping while this claim was under way: give the rows back at once
                    outbox.release(claimed.stream().map(Held::id).toList());
                    return;
                }
                claimed.forEach(this::enqueue);
                workChanged.signalAll();
            } finally {
                lock.unlock();
            }
            if (rows.size() < room) {
                return;
            }
        }
    }

    /**
     * Most events of a tenant queued here before the claim leaves the rest to other instances: a
     * batch, or two seconds of the tenant's rate limit when that is more.
     */
    private int queueCap(String tenant) {
        return Math.max(settings.getBatchSize(), 2 * dingTalk.rateLimitPerSecond(tenant));
    }

    private boolean awaitWake(long deadline) throws InterruptedException {
        lock.lock();
        try {
            long remaining = deadline - System.nanoTime();
            while (!wakeRequested && remaining > 0 && running) {
                remaining = claimWanted.awaitNanos(remaining);
            }
            boolean woken = wakeRequested;
            wakeRequested = false;
            return woken && running;
        } finally {
            lock.unlock();
        }
    }

    private Held held(Map<String, Object> row) {
        long id = ((Number) row.get("id")).longValue();
        String tenant = String.valueOf(row.get("tenant_id"));
        String docType = String.valueOf(row.get("doc_type"));
        return new Held(id, tenant, tenant + '\u0000' + docType + '\u0000' + row.get("doc_id"),
                mappings.priority(docType), ACTING.contains(String.valueOf(row.get("action"))) ? 0 : 1, row);
    }

    /**
     * One HR lookup per tenant for all recipients of the claimed rows; the rows keep the result for
     * {@link #BINDINGS_FRESH_NANOS}. A failed lookup leaves each event to look up its own.
     */
    private void lookUpBindings(List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> byTenant = new LinkedHashMap<>();
        rows.forEach(row -> byTenant.computeIfAbsent(String.valueOf(row.get("tenant_id")), t -> new ArrayList<>()).add(row));
        byTenant.forEach((tenant, tenantRows) -> {
            for (int from = 0; from < tenantRows.size(); ) {
                // as many rows as fit into one lookup
                Set<String> accounts = new LinkedHashSet<>();
                int to = from;
                while (to < tenantRows.size()) {
                    Set<String> ofRow = recipients(tenantRows.get(to));
                    if (to > from && accounts.size() + ofRow.size() > ACCOUNTS_PER_LOOKUP) {
                        break;
                    }
                    accounts.addAll(ofRow);
                    to++;
                }
                List<Map<String, Object>> group = tenantRows.subList(from, to);
                Map<String, List<Map<String, Object>>> bindings = lookUp(tenant, accounts);
                long at = System.nanoTime();
                group.forEach(row -> assign(row, bindings, at));
                from = to;
            }
        });
    }

    /**
     * The event's bindings are older than {@link #BINDINGS_FRESH_NANOS} (it waited in its queue):
     * looks them up again together with those of the tenant's other events whose bindings are getting
     * as old (queued, or handed to a worker that is about to ask too), so that a long queue still costs
     * one lookup per batch rather than one per event. While such a lookup is under way, a worker whose
     * event it covers waits for it instead of asking again.
     */
    private void refreshBindings(Held event) {
        Set<String> own = recipients(event.row());
        Refresh refresh;
        boolean mine = false;
        List<Held> stale = new ArrayList<>();
        lock.lock();
        try {
            refresh = refreshes.get(event.tenant());
            if (refresh == null || !refresh.accounts().containsAll(own)) {
                refresh = new Refresh(staleAccounts(event, own, stale), new CompletableFuture<>());
                refreshes.put(event.tenant(), refresh);
                mine = true;
            }
        } finally {
            lock.unlock();
        }
        if (mine) {
            Map<String, List<Map<String, Object>>> bindings = null;
            try {
                bindings = lookUp(event.tenant(), refresh.accounts());
            } finally {
                refresh.result().complete(bindings);
                long at = System.nanoTime();
                lock.lock();
                try {
                    refreshes.remove(event.tenant(), refresh);
                    TreeSet<Held> queue = queues.get(event.tenant());
                    for (Held refreshed : stale) {
                        // a queued event's row is written only while it is queued, never while a worker reads it
                        if (queue != null && queue.contains(refreshed)) {
                            assign(refreshed.row(), bindings, at);
                        }
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        Map<String, List<Map<String, Object>>> bindings = refresh.result().join();
        lock.lock();
        try {
            // rows of events being sent are written under the lock too: a refresh reads them
            assign(event.row(), bindings, System.nanoTime());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The accounts of the event and of the tenant's events whose bindings are over half as old as
     * allowed: those being handed to workers, then queued ones in order (collected into {@code
     * stale}), up to a batch and {@link #ACCOUNTS_PER_LOOKUP} accounts. Called under the lock.
     */
    private Set<String> staleAccounts(Held event, Set<String> own, List<Held> stale) {
        Set<String> accounts = new LinkedHashSet<>(own);
        long now = System.nanoTime();
        TreeSet<Held> queue = queues.get(event.tenant());
        List<Held> candidates = new ArrayList<>();
        sending.values().stream().filter(other -> other != event && other.tenant().equals(event.tenant())).forEach(candidates::add);
        int dispatched = candidates.size();
        if (queue != null) {
            candidates.addAll(queue);
        }
        for (int i = 0; i < candidates.size() && i < dispatched + settings.getBatchSize(); i++) {
            Held other = candidates.get(i);
            if (!(other.row().get(BINDINGS_AT) instanceof Long at) || now - at > BINDINGS_FRESH_NANOS / 2) {
                Set<String> ofRow = recipients(other.row());
                if (accounts.size() + ofRow.size() > ACCOUNTS_PER_LOOKUP) {
                    break;
                }
                accounts.addAll(ofRow);
                if (i >= dispatched) {
                    stale.add(other);
                }
            }
        }
        return accounts;
    }

    private static Set<String> recipients(Map<String, Object> row) {
        Set<String> accounts = new LinkedHashSet<>();
        for (String account : String.valueOf(row.getOrDefault("recipients", "")).split(",")) {
            if (!account.isBlank()) {
                accounts.add(account.trim());
            }
        }
        return accounts;
    }

    /** The row's share of a lookup (its recipients' rows), or none so that the event looks up its own. */
    private static void assign(Map<String, Object> row, Map<String, List<Map<String, Object>>> bindings, long at) {
        if (bindings == null) {
            row.remove(BINDINGS);
        } else {
            List<Map<String, Object>> own = new ArrayList<>();
            recipients(row).forEach(account -> own.addAll(bindings.getOrDefault(account, List.of())));
            row.put(BINDINGS, own);
        }
        row.put(BINDINGS_AT, at);
    }

    /**
     * One lookup of the tenant's accounts, its rows by account; null (each event looks up its own)
     * when it fails or asks for too many.
     */
    private Map<String, List<Map<String, Object>>> lookUp(String tenant, Set<String> accounts) {
        if (accounts.isEmpty() || accounts.size() > ACCOUNTS_PER_LOOKUP) {
            return null;
        }
        DocEvent lookup = new DocEvent(0, tenant, null, null, null, null, null, null, null,
                List.copyOf(accounts), Map.of(), null);
        Exchange result = template().send("direct:lookup-recipient-bindings", exchange -> exchange.setVariable("event", lookup));
        if (result.getException() != null) {
            log.debug("Recipient lookup for tenant {} failed; each event looks up its own", tenant, result.getException());
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = result.getMessage().getBody(List.class);
        return NoticeRecipients.byAccount(rows);
    }

    private void enqueue(Held event) {
        held.put(event.id(), event);
        perDocument.computeIfAbsent(event.document(), d -> new TreeSet<>()).add(event.id());
        queues.computeIfAbsent(event.tenant(), t -> {
            turn.add(t);
            return new TreeSet<>(ORDER);
        }).add(event);
    }

    private void dispatchLoop() {
        while (running) {
            List<Long> toMark = null;
            lock.lock();
            try {
                long waitNanos = dispatchDue();
                if (!done.isEmpty() && (done.size() >= DONE_FLUSH_SIZE || inFlight == 0
                        || System.nanoTime() - doneSince >= DONE_FLUSH_NANOS)) {
                    toMark = List.copyOf(done);
                    done.clear();
                } else {
                    if (!done.isEmpty()) {
                        waitNanos = Math.min(waitNanos, DONE_FLUSH_NANOS);
                    }
                    workChanged.awaitNanos(waitNanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (toMark != null) {
                // off the dispatcher: a write waiting for the database must not hold up dispatching
                List<Long> ids = toMark;
                doneWriter.execute(() -> markDone(ids));
            }
        }
    }

    /**
     * Hands due events to free workers, one per tenant in turn, skipping tenants at their cap.
     *
     * @return how long until something may be due, when nothing more can be dispatched now
     */
    private long dispatchDue() {
        long waitNanos = settings.getPollInterval().toNanos();
        boolean progress = true;
        while (progress && inFlight < settings.getWorkers()) {
            progress = false;
            int tenants = turn.size();
            for (int i = 0; i < tenants && inFlight < settings.getWorkers(); i++) {
                String tenant = turn.get((nextTurn + i) % tenants);
                Held next = nextEligible(queues.get(tenant));
                if (next == null) {
                    continue;
                }
                long untilPermit = dingTalk.tryReserveWorkNotification(tenant);
                if (untilPermit > 0) {
                    waitNanos = Math.min(waitNanos, untilPermit);
                    continue;
                }
                queues.get(tenant).remove(next);
                sending.put(next.id(), next);
                inFlight++;
                progress = true;
                workers().execute(() -> deliver(next));
            }
            if (tenants > 0) {
                nextTurn = (nextTurn + 1) % tenants;
            }
        }
        dropEmptyTenants();
        return Math.max(waitNanos, TimeUnit.MICROSECONDS.toNanos(100));
    }

    /**
     * The first queued event in order whose document has no earlier event waiting or being sent; an
     * event that waits for an earlier queued one of its document (a todo behind the document's first
     * copy) sends that one now, in its place, so that the order holds without the todo waiting behind
     * everything queued ahead of the copy.
     */
    private Held nextEligible(TreeSet<Held> queue) {
        if (queue == null) {
            return null;
        }
        for (Held candidate : queue) {
            long first = perDocument.get(candidate.document()).first();
            if (first == candidate.id()) {
                return candidate;
            }
            Held earlier = held.get(first);
            if (earlier != null && queue.contains(earlier)) {
                return earlier;
            }
        }
        return null;
    }

    private void dropEmptyTenants() {
        if (turn.size() > 64) {
            turn.removeIf(tenant -> queues.get(tenant).isEmpty() && queues.remove(tenant) != null);
            nextTurn = 0;
        }
    }

    private void deliver(Held event) {
        Object outcome = null;
        try {
            Map<String, Object> row = event.row();
            if (!(row.get(BINDINGS_AT) instanceof Long lookedUp) || System.nanoTime() - lookedUp > BINDINGS_FRESH_NANOS) {
                refreshBindings(event);
            }
            Exchange exchange = template().send("direct:deliver-notice", ex -> ex.getIn().setBody(row));
            if (exchange.getException() != null) {
                recordEscapedFailure(event, exchange.getException());
            } else {
                outcome = exchange.getMessage().getBody();
            }
        } catch (RuntimeException e) {
            recordEscapedFailure(event, e);
        } finally {
            finished(event, outcome instanceof Number);
        }
    }

    /** A failure the route could not record (its own bookkeeping failed): one more try, else the claim times out. */
    private void recordEscapedFailure(Held event, Throwable failure) {
        try {
            outbox.recordFailure(event.id(), ((Number) event.row().getOrDefault("attempts", 0)).intValue(), failure);
        } catch (RuntimeException e) {
            log.warn("Could not record the failure of notice event {} ({}); its claim is released after {}",
                    event.id(), e.getMessage(), settings.getClaimTimeout());
        }
    }

    private void finished(Held event, boolean delivered) {
        lock.lock();
        try {
            sending.remove(event.id());
            inFlight--;
            TreeSet<Long> ofDocument = perDocument.get(event.document());
            ofDocument.remove(event.id());
            if (ofDocument.isEmpty()) {
                perDocument.remove(event.document());
            }
            if (delivered) {
                if (done.isEmpty()) {
                    doneSince = System.nanoTime();
                }
                done.add(event.id());
            } else {
                held.remove(event.id());
                summary.notDone();
            }
            workChanged.signalAll();
            TreeSet<Held> queue = queues.get(event.tenant());
            boolean roomForCapped = capped.contains(event.tenant()) && queue != null
                    && queue.size() <= queueCap(event.tenant()) / 2;
            if (held.size() <= settings.getMaxClaimed() / 2 || roomForCapped) {
                wakeRequested = true;
                claimWanted.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void markDone(List<Long> ids) {
        try {
            outbox.markDone(ids);
            summary.done(ids.size());
        } catch (RuntimeException e) {
            log.warn("Could not mark {} delivered notice events done ({}); their claims are released after {}"
                    + " and nothing is sent again", ids.size(), e.getMessage(), settings.getClaimTimeout());
        } finally {
            lock.lock();
            try {
                ids.forEach(held::remove);
            } finally {
                lock.unlock();
            }
        }
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = application.getBean(CamelContext.class).createProducerTemplate();
        }
        return template;
    }

    private synchronized ExecutorService workers() {
        if (workers == null) {
            workers = application.getBean(CamelContext.class).getExecutorServiceManager().newThreadPool(this, "noticeWorkers",
                    ModuleConfiguration.NOTICE_WORKERS);
        }
        return workers;
    }

    @Override
    public void start() {
        running = true;
        doneWriter = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "notice-done-writer");
            thread.setDaemon(true);
            return thread;
        });
        dispatcher = new Thread(this::dispatchLoop, "notice-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /**
     * Stops dispatching, lets the notices being sent finish (up to 10 s), marks them done and gives
     * the events that were only queued back to the outbox for any instance.
     */
    @Override
    public void stop() {
        lock.lock();
        try {
            running = false;
            workChanged.signalAll();
            claimWanted.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
            doneWriter.shutdown();
            doneWriter.awaitTermination(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            lock.lock();
            try {
                while (inFlight > 0 && deadline - System.nanoTime() > 0) {
                    workChanged.awaitNanos(deadline - System.nanoTime());
                }
            } finally {
                lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Long> toMark;
        List<Long> queued = new ArrayList<>();
        lock.lock();
        try {
            toMark = List.copyOf(done);
            done.clear();
            queues.values().forEach(queue -> queue.forEach(event -> queued.add(event.id())));
            queues.clear();
            turn.clear();
        } finally {
            lock.unlock();
        }
        if (!toMark.isEmpty()) {
            markDone(toMark);
        }
        if (!queued.isEmpty()) {
            try {
                outbox.release(queued);
            } catch (RuntimeException e) {
                log.warn("Could not give back {} claimed notice events ({}); they are released after {}",
                        queued.size(), e.getMessage(), settings.getClaimTimeout());
            }
        }
        lock.lock();
        try {
            queued.forEach(held::remove);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the Camel context and stops before it, so that the routes are there throughout. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
