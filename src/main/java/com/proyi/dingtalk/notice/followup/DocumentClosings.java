package com.proyi.dingtalk.notice.followup;

import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import com.proyi.dingtalk.dingtalk.MonthlyQuotaExceededException;
import com.proyi.dingtalk.notice.DocEvent;
import com.proyi.dingtalk.notice.mapping.NoticeMappings;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeException;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The notice follows its document. A closing event ({@code approved}, {@code rejected},
 * {@code returned}, {@code done}, {@code withdrawn}) is queued once it is delivered
 * ({@link #enqueue}); the route notice-document-closed then updates every earlier open notice
 * ({@code todo}, {@code cc}) of the same document, task by task: an OA notice sent to at most 5
 * people within 7 days gets the new status in its status bar (API.md §2.7); any other is recalled
 * (§2.6, within 24 hours) or left, as its mapping's {@code when_closed} says. What was done is
 * recorded on each delivery row (closed_as, closed_by, closed_note, closed_at).
 */
@Component("noticeClosings")
public class DocumentClosings {

    /** The status bar a closing action puts on earlier OA notices. */
    public record Status(String value, String color) {}

    /** Closing actions and what they show. */
    public static final Map<String, Status> CLOSING_ACTIONS = Map.of(
            "approved", new Status("已同意", "FF15BC83"),
            "rejected", new Status("已驳回", "FFF65E5E"),
            "returned", new Status("已退回", "FFFF9200"),
            "done", new Status("已处理", "FF8C8C8C"),
            "withdrawn", new Status("已撤回", "FF8C8C8C"));

    /** Actions whose notices stay open until the document closes. */
    private static final List<String> OPEN_ACTIONS = List.of("todo", "cc");
    private static final int MAX_STATUS_BAR_RECIPIENTS = 5;
    private static final Duration STATUS_BAR_WINDOW = Duration.ofDays(7);
    private static final Duration RECALL_WINDOW = Duration.ofHours(24);
    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);
    private static final int PER_POLL = 20;

    private static final Logger log = LoggerFactory.getLogger(DocumentClosings.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final DingTalkClient dingTalk;
    private final NoticeMappings mappings;
    private final FollowUpProperties.Closing settings;
    private final TodoTasks todoTasks;
    private final Clock clock;

    public DocumentClosings(NamedParameterJdbcTemplate jdbc, DingTalkClient dingTalk, NoticeMappings mappings,
                            FollowUpProperties properties, Clock clock, TodoTasks todoTasks) {
        this.todoTasks = todoTasks;
        this.jdbc = jdbc;
        this.dingTalk = dingTalk;
        this.mappings = mappings;
        this.settings = properties.getClosing();
        this.clock = clock;
    }

    /** Queues a delivered closing event (any other action is ignored); a second call for the same event does nothing. */
    public void enqueue(@Variable("event") DocEvent event) {
        if (!CLOSING_ACTIONS.containsKey(event.action())) {
            return;
        }
        try {
            jdbc.update("INSERT INTO dingtalk_doc_closing (event_id, tenant_id, doc_type, doc_id, action, created_at)"
                            + " VALUES (:event, :tenant, :type, :doc, :action, :now)",
                    new MapSqlParameterSource("event", event.id()).addValue("tenant", event.tenantId())
                            .addValue("type", event.docType()).addValue("doc", event.docId())
                            .addValue("action", event.action()).addValue("now", Timestamp.from(clock.instant())));
        } catch (DuplicateKeyException alreadyQueued) {
            // a retry or replay of the event: already queued
        }
    }

    /** Claims closing events that are due, oldest first; each is claimed by one instance. */
    public List<Long> claim() {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp stale = Timestamp.from(clock.instant().minus(CLAIM_TIMEOUT));
        String due = "((status = 'NEW' AND (next_attempt_at IS NULL OR next_attempt_at <= :now))"
                + " OR (status = 'PROCESSING' AND claimed_at < :stale))";
        MapSqlParameterSource params = new MapSqlParameterSource("now", now).addValue("stale", stale);
        List<Long> candidates = jdbc.queryForList("SELECT event_id FROM dingtalk_doc_closing WHERE " + due
                + " ORDER BY event_id LIMIT " + PER_POLL, params, Long.class);
        List<Long> claimed = new ArrayList<>();
        for (Long id : candidates) {
            if (jdbc.update("UPDATE dingtalk_doc_closing SET status = 'PROCESSING', claimed_at = :now WHERE event_id = :id AND "
                    + due, new MapSqlParameterSource(params.getValues()).addValue("id", id)) == 1) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    /** Updates the document's earlier open notices; a retryable DingTalk failure is thrown after the other tasks are done. */
    public void close(@Body long closingEventId) {
        Map<String, Object> closing = jdbc.queryForMap("SELECT tenant_id, doc_type, doc_id, action FROM dingtalk_doc_closing"
                + " WHERE event_id = :id", new MapSqlParameterSource("id", closingEventId));
        String tenant = (String) closing.get("tenant_id");
        Status status = CLOSING_ACTIONS.get((String) closing.get("action"));
        Instant now = clock.instant();
        // the document's DingTalk 待办: done for everyone, or deleted when withdrawn (route notice-todo-tasks)
        todoTasks.documentClosed(tenant, (String) closing.get("doc_type"), (String) closing.get("doc_id"), closingEventId,
                (String) closing.get("action"));
        DingTalkException retryable = null;
        int updated = 0;
        for (OpenTask task : openTasks(closingEventId, tenant, (String) closing.get("doc_type"), (String) closing.get("doc_id"))) {
            try {
                Outcome outcome = follow(tenant, task, status, now);
                record(tenant, task.taskId(), closingEventId, outcome);
                updated++;
            } catch (DingTalkException e) {
                if (e.retryable() || e instanceof MonthlyQuotaExceededException) {
                    retryable = e;
                } else {
                    record(tenant, task.taskId(), closingEventId, new Outcome("FAILED", e.getMessage()));
                }
            }
        }
        if (retryable != null) {
            throw retryable;
        }
        jdbc.update("UPDATE dingtalk_doc_closing SET status = 'DONE', processed_at = :now, last_error = NULL"
                + " WHERE event_id = :id", new MapSqlParameterSource("id", closingEventId).addValue("now", Timestamp.from(now)));
        if (updated > 0) {
            log.info("Document {} {} of tenant {} {}: {} earlier notices followed", closing.get("doc_type"),
                    closing.get("doc_id"), tenant, closing.get("action"), updated);
        }
    }

    /** Tried again after retry-backoff (doubling) until max-attempts, then given up with the reason. */
    public void failed(@Body long closingEventId, @ExchangeException Exception failure) {
        Integer attempts = jdbc.queryForObject("SELECT attempts FROM dingtalk_doc_closing WHERE event_id = :id",
                new MapSqlParameterSource("id", closingEventId), Integer.class);
        int tried = (attempts == null ? 0 : attempts) + 1;
        boolean giveUp = tried >= settings.getMaxAttempts();
        Instant next = clock.instant().plus(settings.getRetryBackoff().multipliedBy(1L << Math.min(tried - 1, 10)));
        String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        jdbc.update("UPDATE dingtalk_doc_closing SET status = :status, attempts = :attempts, next_attempt_at = :next,"
                        + " last_error = :error, processed_at = :processed WHERE event_id = :id",
                new MapSqlParameterSource("id", closingEventId).addValue("status", giveUp ? "FAILED" : "NEW")
                        .addValue("attempts", tried).addValue("next", Timestamp.from(next))
                        .addValue("error", reason.length() > 1900 ? reason.substring(0, 1900) : reason)
                        .addValue("processed", giveUp ? Timestamp.from(clock.instant()) : null));
        log.warn("Following the closing event {} failed (try {} of {}){}: {}", closingEventId, tried,
                settings.getMaxAttempts(), giveUp ? ", given up" : "", reason);
    }

    private Outcome follow(String tenant, OpenTask task, Status status, Instant now) {
        NoticeMappings.Followup followup = mappings.followup(task.docType(), task.action())
                .orElse(new NoticeMappings.Followup(null, "todo".equals(task.action()) ? "recall" : "leave"));
        Duration age = Duration.between(task.sentAt(), now);
        if ("oa".equals(followup.msgtype()) && task.recipients() <= MAX_STATUS_BAR_RECIPIENTS
                && age.compareTo(STATUS_BAR_WINDOW) < 0) {
            dingTalk.updateStatusBar(tenant, task.taskId(), status.value(), status.color());
            return new Outcome("STATUS_BAR", status.value());
        }
        if (!followup.recall()) {
            return new Outcome("LEFT", "when_closed: leave");
        }
        if (age.compareTo(RECALL_WINDOW) >= 0) {
            return new Outcome("LEFT", "sent more than 24 hours ago: DingTalk recalls only younger notices");
        }
        dingTalk.recall(tenant, task.taskId());
        return new Outcome("RECALLED", null);
    }

    private record OpenTask(long taskId, String docType, String action, Instant sentAt, int recipients) {}

    private record Outcome(String closedAs, String note) {}

    /** The tasks of the document's earlier todo and cc events that some recipient got and nothing closed yet. */
    private List<OpenTask> openTasks(long closingEventId, String tenant, String docType, String docId) {
        Map<Long, OpenTask> tasks = new LinkedHashMap<>();
        jdbc.query("""
                        SELECT d.task_id, e.doc_type, e.action, MIN(d.updated_at) AS sent_at FROM dingtalk_notice_delivery d
                          JOIN proyi_doc_event e ON e.id = d.event_id
                         WHERE e.tenant_id = :tenant AND e.doc_type = :type AND e.doc_id = :doc AND e.id < :closing
                           AND e.action IN (:open) AND d.status = 'SENT' AND d.task_id IS NOT NULL AND d.closed_as IS NULL
                         GROUP BY d.task_id, e.doc_type, e.action ORDER BY d.task_id""",
                new MapSqlParameterSource("tenant", tenant).addValue("type", docType).addValue("doc", docId)
                        .addValue("closing", closingEventId).addValue("open", OPEN_ACTIONS),
                rs -> {
                    long taskId = rs.getLong("task_id");
                    tasks.put(taskId, new OpenTask(taskId, rs.getString("doc_type"), rs.getString("action"),
                            rs.getTimestamp("sent_at").toInstant(), 0));
                });
        if (tasks.isEmpty()) {
            return List.of();
        }
        // the status bar rule counts every user id of the send, dropped ones included
        Map<Long, Integer> recipients = new LinkedHashMap<>();
        jdbc.query("SELECT task_id, COUNT(DISTINCT dingtalk_userid) AS n FROM dingtalk_notice_delivery"
                        + " WHERE tenant_id = :tenant AND task_id IN (:tasks) GROUP BY task_id",
                new MapSqlParameterSource("tenant", tenant).addValue("tasks", List.copyOf(tasks.keySet())),
                rs -> { recipients.put(rs.getLong("task_id"), rs.getInt("n")); });
        return tasks.values().stream().map(task -> new OpenTask(task.taskId(), task.docType(), task.action(),
                task.sentAt(), recipients.getOrDefault(task.taskId(), 0))).toList();
    }

    private void record(String tenant, long taskId, long closingEventId, Outcome outcome) {
        jdbc.update("UPDATE dingtalk_notice_delivery SET closed_as = :as, closed_by = :by, closed_note = :note,"
                        + " closed_at = :now WHERE tenant_id = :tenant AND task_id = :task AND closed_as IS NULL",
                new MapSqlParameterSource("as", outcome.closedAs()).addValue("by", closingEventId)
                        .addValue("note", outcome.note() == null ? null
                                : outcome.note().length() > 490 ? outcome.note().substring(0, 490) : outcome.note())
                        .addValue("now", Timestamp.from(clock.instant())).addValue("tenant", tenant).addValue("task", taskId));
    }
}
