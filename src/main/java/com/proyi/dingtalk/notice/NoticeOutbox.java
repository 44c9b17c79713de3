package com.proyi.dingtalk.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.dingtalk.Batching;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import com.proyi.dingtalk.notice.mapping.MappingException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.ExchangeException;
import org.apache.camel.language.simple.Simple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The proyi_doc_event outbox: claims due events for this instance, and records how each one ended.
 *
 * <p>Claiming runs in a short READ COMMITTED transaction with {@code FOR UPDATE SKIP LOCKED}, so
 * several instances polling the same table take disjoint rows, and rows are marked PROCESSING
 * before the transaction ends so nothing is held locked while DingTalk is called. A claim whose
 * instance died is released after {@code proyi.outbox.claim-timeout}.
 */
@Component("noticeOutbox")
public class NoticeOutbox {

    private static final Logger log = LoggerFactory.getLogger(NoticeOutbox.class);
    private static final int MAX_ERROR_LENGTH = 2000;
    private static final int ID_LIST_SIZE = 1000;
    /** Column added to each claimed row: true when no instance has claimed the event before. */
    public static final String FIRST_CLAIM = "first_claim";

    /** What a claim reads of an event. */
    private static final String CLAIMED_COLUMNS = """
            SELECT id, tenant_id, doc_type, doc_id, doc_no, action, title, summary, sender,
                   recipients, fields, created_at, attempts, claimed_at
            """;
    private static final String CLAIM = CLAIMED_COLUMNS + """
              FROM proyi_doc_event
             WHERE status = 'NEW' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)%s
             ORDER BY id
             LIMIT :limit
               FOR UPDATE SKIP LOCKED""";
    private static final String EARLIER_OF_DOCUMENT = CLAIMED_COLUMNS + """
              FROM proyi_doc_event
             WHERE tenant_id = :tenant AND doc_type = :type AND doc_id = :doc AND id < :id
               AND status = 'NEW' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
             ORDER BY id
               FOR UPDATE SKIP LOCKED""";
    /** Tenants whose queue on this instance is full give only their todo events. */
    private static final String EXCEPT_FULL_TENANTS = "\n               AND (tenant_id NOT IN (:full) OR action = 'todo')";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate claimTransaction;
    private final ProYiProperties.Outbox settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final String instanceId;
    private final BookkeepingWrites writes;
    private final ApplicationEventPublisher events;

    public NoticeOutbox(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
                        ProYiProperties properties, ObjectMapper json, Clock clock, BookkeepingWrites writes,
                        ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.events = events;
        this.settings = properties.getOutbox();
        this.json = json;
        this.clock = clock;
        this.claimTransaction = new TransactionTemplate(transactions);
        this.claimTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.instanceId = settings.getInstanceId() != null && !settings.getInstanceId().isBlank()
                ? settings.getInstanceId() : defaultInstanceId();
    }

    public String instanceId() {
        return instanceId;
    }

    /** Published when append stored an event; the notice scheduler claims it once the insert is committed. */
    public record EventStored(long id) {}

    /**
     * Stores an event handed over by the webhook; it is durable once this returns its id (or, inside a
     * caller's transaction, once that commits), and the scheduler is told at once.
     */
    public long append(NewDocEvent event) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, summary, sender,
                                             recipients, fields, created_at)
                VALUES (:tenant, :docType, :docId, :docNo, :action, :title, :summary, :sender,
                        :recipients, :fields, :now)""",
                new MapSqlParameterSource()
                        .addValue("tenant", event.tenantId()).addValue("docType", event.docType())
                        .addValue("docId", event.docId()).addValue("docNo", event.docNo())
                        .addValue("action", event.action()).addValue("title", event.title())
                        .addValue("summary", event.summary()).addValue("sender", event.sender())
                        .addValue("recipients", String.join(",", event.recipients()))
                        .addValue("fields", writeFields(event.fields()))
                        .addValue("now", Timestamp.from(clock.instant())),
                key, new String[] {"id"});
        long id = key.getKeyAs(Number.class).longValue();
        events.publishEvent(new EventStored(id));
        return id;
    }

    private String writeFields(Map<String, Object> fields) {
        try {
            return fields == null ? null : json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("fields cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Claims up to {@code limit} due events for this instance, in outbox order; the rows come back as
     * column maps. Of the tenants in {@code fullTenants} only todo events are taken, so that other
     * instances get their share of a backlog while a todo still jumps the queue.
     */
    public List<Map<String, Object>> claim(int limit, Collection<String> fullTenants) {
        Timestamp now = Timestamp.from(clock.instant());
        String sql = CLAIM.formatted(fullTenants.isEmpty() ? "" : EXCEPT_FULL_TENANTS);
        List<Map<String, Object>> rows = claimTransaction.execute(status -> {
            List<Map<String, Object>> due = new ArrayList<>(jdbc.queryForList(sql, new MapSqlParameterSource()
                    .addValue("now", now).addValue("limit", limit).addValue("full", List.copyOf(fullTenants))));
            if (!fullTenants.isEmpty()) {
                due.addAll(earlierOfTheSameDocuments(due, fullTenants, now));
            }
            if (!due.isEmpty()) {
                jdbc.update("UPDATE proyi_doc_event SET status = 'PROCESSING', claimed_by = :me, claimed_at = :now"
                                + " WHERE id IN (:ids)",
                        new MapSqlParameterSource().addValue("me", instanceId).addValue("now", now)
                                .addValue("ids", due.stream().map(row -> row.get("id")).toList()));
            }
            // a row never claimed before cannot have delivery rows yet: the dispatcher skips that lookup
            due.forEach(row -> row.put(FIRST_CLAIM, row.remove("claimed_at") == null));
            return due;
        });
        return rows == null ? List.of() : rows;
    }

    /**
     * A todo taken ahead of its full tenant's backlog brings along the due events of its document that
     * came before it (a copy sent when the document was raised, say), so that the scheduler still sends
     * a document's notices in their order. Called within the claim's transaction.
     */
    private List<Map<String, Object>> earlierOfTheSameDocuments(List<Map<String, Object>> due,
                                                                Collection<String> fullTenants, Timestamp now) {
        Set<Object> claimed = new HashSet<>();
        due.forEach(row -> claimed.add(row.get("id")));
        List<Map<String, Object>> earlier = new ArrayList<>();
        for (Map<String, Object> todo : List.copyOf(due)) {
            if (!fullTenants.contains(String.valueOf(todo.get("tenant_id"))) || !"todo".equals(todo.get("action"))) {
                continue;
            }
            for (Map<String, Object> row : jdbc.queryForList(EARLIER_OF_DOCUMENT, new MapSqlParameterSource()
                    .addValue("tenant", todo.get("tenant_id")).addValue("type", todo.get("doc_type"))
                    .addValue("doc", todo.get("doc_id")).addValue("id", todo.get("id")).addValue("now", now))) {
                if (claimed.add(row.get("id"))) {
                    earlier.add(row);
                }
            }
        }
        return earlier;
    }

    /** dingtalk_notice_delivery.account holds no more. */
    static final int MAX_ACCOUNT = 64;

    /** Turns a claimed row into an event, refusing rows that can never be delivered. */
    public DocEvent parse(Map<String, Object> row) {
        List<String> recipients = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(
                        String.valueOf(row.getOrDefault("recipients", "")).split(","))
                .map(String::trim).filter(account -> !account.isEmpty()).toList()));
        if (recipients.isEmpty()) {
            throw new InvalidEventException("no recipients: the recipients column is empty");
        }
        recipients.stream().filter(account -> account.length() > MAX_ACCOUNT).findFirst().ifPresent(account -> {
            throw new InvalidEventException("recipient '" + account.substring(0, 16) + "…' has " + account.length()
                    + " characters; ProYi accounts have at most " + MAX_ACCOUNT);
        });
        Timestamp created = (Timestamp) row.get("created_at");
        return new DocEvent(((Number) row.get("id")).longValue(), (String) row.get("tenant_id"),
                (String) row.get("doc_type"), (String) row.get("doc_id"), (String) row.get("doc_no"),
                (String) row.get("action"), (String) row.get("title"), (String) row.get("summary"),
                (String) row.get("sender"), List.copyOf(recipients), parseFields((String) row.get("fields")),
                created == null ? clock.instant() : created.toInstant());
    }

    private Map<String, Object> parseFields(String fields) {
        if (fields == null || fields.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = json.readTree(fields);
            if (!node.isObject()) {
                throw new InvalidEventException("fields must hold a JSON object, found " + node.getNodeType());
            }
            return json.convertValue(node, Map.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("fields is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Marks the events of a finished batch done in one statement: every recipient has an outcome.
     * One write per batch instead of per event; should the instance stop before it, the claim times
     * out and the next instance finds every recipient already recorded, so nothing is sent again.
     *
     * @param eventIds ids of the events that went through; nulls (events that failed) are skipped
     */
    public void markDone(List<?> eventIds) {
        List<Long> ids = eventIds.stream().filter(Number.class::isInstance).map(id -> ((Number) id).longValue()).toList();
        if (ids.isEmpty()) {
            return;
        }
        writes.write("Marking " + ids.size() + " notice events done", () -> jdbc.update(
                "UPDATE proyi_doc_event SET status = 'DONE', processed_at = :now, last_error = NULL,"
                        + " claimed_by = NULL WHERE id IN (:ids) AND claimed_by = :me",
                new MapSqlParameterSource().addValue("ids", ids).addValue("me", instanceId)
                        .addValue("now", Timestamp.from(clock.instant()))));
    }

    /**
     * Records a failed attempt: permanent causes and exhausted attempts make the event dead with a
     * readable reason, anything else puts it back with an exponential, jittered delay.
     */
    public void recordFailure(@Simple("${variable.row[id]}") long eventId, @Simple("${variable.row[attempts]}") int attemptsBefore,
                              @ExchangeException Throwable failure) {
        Throwable cause = rootCause(failure);
        // the database dropping a connection is no fault of the event: tried again, not counted
        boolean connectionTrouble = BookkeepingWrites.isConnectionTrouble(failure);
        int attempts = connectionTrouble ? attemptsBefore : attemptsBefore + 1;
        String reason = describe(cause);
        if (!isPermanent(cause) && !(cause instanceof DingTalkException) && !connectionTrouble) {
            log.warn("Unexpected failure of notice event {}", eventId, cause);
        }
        if (isPermanent(cause) || !connectionTrouble && attempts >= settings.getMaxAttempts()) {
            String deadReason = isPermanent(cause) ? reason
                    : "gave up after " + attempts + " attempts; last error: " + reason;
            log.warn("Notice event {} is dead: {}", eventId, deadReason);
            writes.write("Recording notice event " + eventId + " as dead", () -> {
                jdbc.update("UPDATE proyi_doc_event SET status = 'DEAD', attempts = :attempts, last_error = :reason,"
                                + " processed_at = :now, claimed_by = NULL WHERE id = :id AND claimed_by = :me",
                        failureParams(eventId, attempts, deadReason));
                jdbc.update("UPDATE dingtalk_notice_delivery SET status = 'DEAD', updated_at = :now"
                        + " WHERE event_id = :id AND status = 'FAILED'", failureParams(eventId, attempts, deadReason));
            });
            return;
        }
        Instant next = clock.instant().plus(backoff(attempts));
        log.info("Notice event {} failed (attempt {} of {}), retrying at {}: {}",
                eventId, attempts, settings.getMaxAttempts(), next, reason);
        writes.write("Rescheduling notice event " + eventId, () -> jdbc.update(
                "UPDATE proyi_doc_event SET status = 'NEW', attempts = :attempts, last_error = :reason,"
                        + " next_attempt_at = :next, claimed_by = NULL WHERE id = :id AND claimed_by = :me",
                failureParams(eventId, attempts, reason).addValue("next", Timestamp.from(next))));
    }

    private MapSqlParameterSource failureParams(long eventId, int attempts, String reason) {
        return new MapSqlParameterSource().addValue("id", eventId).addValue("me", instanceId)
                .addValue("attempts", attempts).addValue("reason", truncate(reason))
                .addValue("now", Timestamp.from(clock.instant()));
    }

    /**
     * Keeps fresh the claims of the events this instance still holds (queued or being worked on), so
     * that they are not mistaken for the claims of a dead instance. Only those: a row whose work
     * ended without its outcome being written is left to time out and be released.
     */
    public int renewClaims(Collection<Long> heldIds) {
        int renewed = 0;
        Timestamp now = Timestamp.from(clock.instant());
        for (List<Long> ids : Batching.chunks(List.copyOf(heldIds), ID_LIST_SIZE)) {
            renewed += jdbc.update("UPDATE proyi_doc_event SET claimed_at = :now"
                            + " WHERE id IN (:ids) AND status = 'PROCESSING' AND claimed_by = :me",
                    new MapSqlParameterSource().addValue("ids", ids).addValue("me", instanceId).addValue("now", now));
        }
        return renewed;
    }

    /** Of the given events, those still claimed by this instance. */
    public Set<Long> stillClaimed(Collection<Long> heldIds) {
        Set<Long> claimed = new HashSet<>();
        for (List<Long> ids : Batching.chunks(List.copyOf(heldIds), ID_LIST_SIZE)) {
            claimed.addAll(jdbc.queryForList("SELECT id FROM proyi_doc_event WHERE id IN (:ids)"
                            + " AND status = 'PROCESSING' AND claimed_by = :me",
                    new MapSqlParameterSource().addValue("ids", ids).addValue("me", instanceId), Long.class));
        }
        return claimed;
    }

    /** Gives claimed events that were not started back to any instance (this one is stopping). */
    public int release(Collection<Long> heldIds) {
        int released = 0;
        for (List<Long> ids : Batching.chunks(List.copyOf(heldIds), ID_LIST_SIZE)) {
            released += writes.write("Releasing " + ids.size() + " claimed notice events", () -> jdbc.update(
                    "UPDATE proyi_doc_event SET status = 'NEW', claimed_by = NULL"
                            + " WHERE id IN (:ids) AND status = 'PROCESSING' AND claimed_by = :me",
                    new MapSqlParameterSource().addValue("ids", ids).addValue("me", instanceId)));
        }
        return released;
    }

    /** Releases claims of instances that stopped before finishing (claim older than claim-timeout). */
    public int releaseStaleClaims() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(settings.getClaimTimeout()));
        int released = jdbc.update("UPDATE proyi_doc_event SET status = 'NEW', claimed_by = NULL"
                + " WHERE status = 'PROCESSING' AND claimed_at < :cutoff", Map.of("cutoff", cutoff));
        if (released > 0) {
            log.warn("Released {} notice events claimed more than {} ago by an instance that did not finish them",
                    released, settings.getClaimTimeout());
        }
        return released;
    }

    Duration backoff(int attempts) {
        long initial = settings.getRetryInitialBackoff().toMillis();
        long capped = Math.min(settings.getRetryMaxBackoff().toMillis(),
                initial * (1L << Math.min(attempts - 1, 20)));
        // equal jitter: at least half the delay, so retries still spread out under a long outage
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    static boolean isPermanent(Throwable cause) {
        return cause instanceof InvalidEventException || cause instanceof MappingException
                || cause instanceof DingTalkException dingTalk && !dingTalk.retryable();
    }

    /** Camel may wrap what a bean threw; the reason worth recording is the one we raised. */
    static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof InvalidEventException || current instanceof MappingException
                || current instanceof DingTalkException)) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }
}
