package com.proyi.dingtalk.notice.followup;

import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import com.proyi.dingtalk.dingtalk.MonthlyQuotaExceededException;
import com.proyi.dingtalk.dingtalk.QuotaHeldBackException;
import com.proyi.dingtalk.notice.DocEvent;
import com.proyi.dingtalk.notice.NoticeOutbox;
import com.proyi.dingtalk.notice.mapping.NoticeMappings;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * DingTalk 待办 (to-do tasks, API.md §2.9) for notices. Once a notice whose mapping wants a task
 * ({@code todo_task}, by default every {@code todo}) is sent, {@link #enqueue} records one task per
 * recipient the notice reached; the route notice-todo-tasks then creates each in DingTalk (creator
 * and executor: the recipient's unionId, see {@link UnionIds}; detail link: the notice's page through
 * free login; sourceId per event and account, so a retry never makes a second task). When the
 * document closes, {@link DocumentClosings} calls {@link #documentClosed}: each task is marked done
 * for everyone, or deleted when the document was withdrawn. State per task in dingtalk_todo_task.
 */
@Component("noticeTodoTasks")
public class TodoTasks {

    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);
    private static final int PER_POLL = 20;
    private static final int MAX_SUBJECT_BYTES = 1024;
    private static final String DUE = "(claimed_at IS NULL OR claimed_at < :stale)"
            + " AND (status = 'NEW' OR (status = 'CREATED' AND close_action IS NOT NULL))"
            + " AND (next_attempt_at IS NULL OR next_attempt_at <= :now)";

    private static final Logger log = LoggerFactory.getLogger(TodoTasks.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final DingTalkClient dingTalk;
    private final UnionIds unionIds;
    private final NoticeMappings mappings;
    private final ProYiProperties proyi;
    private final NoticeOutbox outbox;
    private final FollowUpProperties.TodoTasks settings;
    private final Clock clock;

    public TodoTasks(NamedParameterJdbcTemplate jdbc, DingTalkClient dingTalk, UnionIds unionIds, NoticeMappings mappings,
                     ProYiProperties proyi, NoticeOutbox outbox, FollowUpProperties properties, Clock clock) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.dingTalk = dingTalk;
        this.unionIds = unionIds;
        this.mappings = mappings;
        this.proyi = proyi;
        this.settings = properties.getTodoTasks();
        this.clock = clock;
    }

    /**
     * After a send: one task per recipient the notice reached (SENT), when to-do tasks are on and the
     * event's mapping wants one. No DingTalk call here; a second call for the same event adds only new recipients.
     */
    public void enqueue(@Variable("event") DocEvent event) {
        if (!settings.isEnabled() || mappings.todoTask(event, proyi.getBaseUrl()).isEmpty()) {
            return;
        }
        List<Map<String, Object>> reached = jdbc.queryForList("SELECT account, dingtalk_userid FROM dingtalk_notice_delivery"
                + " WHERE event_id = :event AND status = 'SENT' AND dingtalk_userid IS NOT NULL",
                new MapSqlParameterSource("event", event.id()));
        for (Map<String, Object> recipient : reached) {
            String account = (String) recipient.get("account");
            try {
                jdbc.update("INSERT INTO dingtalk_todo_task (event_id, account, tenant_id, doc_type, doc_id, dingtalk_userid,"
                                + " source_id, created_at) VALUES (:event, :account, :tenant, :type, :doc, :userid, :source, :now)",
                        new MapSqlParameterSource("event", event.id()).addValue("account", account)
                                .addValue("tenant", event.tenantId()).addValue("type", event.docType())
                                .addValue("doc", event.docId()).addValue("userid", recipient.get("dingtalk_userid"))
                                .addValue("source", sourceId(event.id(), account))
                                .addValue("now", Timestamp.from(clock.instant())));
            } catch (DuplicateKeyException alreadyQueued) {
                // a retry or replay of the event: the task is already there
            }
        }
    }

    /**
     * The document closed with the given event: every earlier task of it that is not closed yet is
     * to be marked done, or deleted when the document was withdrawn. No DingTalk call here.
     */
    public int documentClosed(String tenantId, String docType, String docId, long closingEventId, String action) {
        return jdbc.update("UPDATE dingtalk_todo_task SET close_action = :close, closed_by = :closing, attempts = 0,"
                        + " next_attempt_at = NULL, updated_at = :now WHERE tenant_id = :tenant AND doc_type = :type"
                        + " AND doc_id = :doc AND event_id < :closing AND close_action IS NULL AND status IN ('NEW', 'CREATED')",
                new MapSqlParameterSource("close", "withdrawn".equals(action) ? "delete" : "done")
                        .addValue("closing", closingEventId).addValue("now", Timestamp.from(clock.instant()))
                        .addValue("tenant", tenantId).addValue("type", docType).addValue("doc", docId));
    }

    /** Claims tasks with work due (create, done or delete), oldest first; each is claimed by one instance. */
    public List<Long> claim() {
        MapSqlParameterSource params = new MapSqlParameterSource("now", Timestamp.from(clock.instant()))
                .addValue("stale", Timestamp.from(clock.instant().minus(CLAIM_TIMEOUT)));
        List<Long> candidates = jdbc.queryForList("SELECT id FROM dingtalk_todo_task WHERE " + DUE
                + " ORDER BY id LIMIT " + PER_POLL, params, Long.class);
        List<Long> claimed = new ArrayList<>();
        for (Long id : candidates) {
            if (jdbc.update("UPDATE dingtalk_todo_task SET claimed_at = :now WHERE id = :id AND " + DUE,
                    new MapSqlParameterSource(params.getValues()).addValue("id", id)) == 1) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    /** Does the task's due work: creates it, or marks it done or deletes it once its document closed. */
    public void work(@Body long id) {
        Map<String, Object> task = jdbc.queryForMap("SELECT * FROM dingtalk_todo_task WHERE id = :id",
                new MapSqlParameterSource("id", id));
        String tenant = (String) task.get("tenant_id");
        String closeAction = (String) task.get("close_action");
        if ("NEW".equals(task.get("status"))) {
            if (closeAction != null) {
                finish(id, "CANCELLED", null, null, "the document closed before the task was created");
                return;
            }
            create(id, task, tenant);
            return;
        }
        String unionId = (String) task.get("union_id");
        String taskId = (String) task.get("task_id");
        if ("delete".equals(closeAction)) {
            try {
                dingTalk.deleteTodoTask(tenant, unionId, taskId);
            } catch (DingTalkException e) {
                if (!isNotFound(e)) {
                    throw e;
                }
            }
            finish(id, "DELETED", null, null, null);
        } else {
            dingTalk.updateTodoTask(tenant, unionId, taskId, Map.of("done", true));
            finish(id, "DONE", null, null, null);
        }
    }

    /**
     * Tried again after retry-backoff (doubling) until max-attempts, then given up with the reason
     * (FAILED, or CLOSE_FAILED for a created task); a permanent DingTalk error gives up at once. Held
     * back by the monthly quota: waits retry-backoff without counting a try.
     */
    public void failed(@Body long id, @ExchangeException Exception failure) {
        Map<String, Object> task = jdbc.queryForMap("SELECT status, attempts FROM dingtalk_todo_task WHERE id = :id",
                new MapSqlParameterSource("id", id));
        String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        boolean budget = failure instanceof QuotaHeldBackException || failure instanceof MonthlyQuotaExceededException;
        int tried = ((Number) task.get("attempts")).intValue() + (budget ? 0 : 1);
        boolean permanent = failure instanceof DingTalkException e && !e.retryable() && !budget;
        boolean giveUp = permanent || tried >= settings.getMaxAttempts();
        Instant next = clock.instant().plus(budget ? settings.getRetryBackoff()
                : settings.getRetryBackoff().multipliedBy(1L << Math.min(Math.max(tried - 1, 0), 10)));
        String status = giveUp ? ("NEW".equals(task.get("status")) ? "FAILED" : "CLOSE_FAILED") : (String) task.get("status");
        jdbc.update("UPDATE dingtalk_todo_task SET status = :status, attempts = :attempts, next_attempt_at = :next,"
                        + " last_error = :error, claimed_at = NULL, updated_at = :now WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("status", status).addValue("attempts", tried)
                        .addValue("next", Timestamp.from(next)).addValue("now", Timestamp.from(clock.instant()))
                        .addValue("error", reason.length() > 1900 ? reason.substring(0, 1900) : reason));
        log.warn("DingTalk to-do task {} failed (try {} of {}){}: {}", id, tried, settings.getMaxAttempts(),
                giveUp ? ", given up" : "", reason);
    }

    private void create(long id, Map<String, Object> task, String tenant) {
        long eventId = ((Number) task.get("event_id")).longValue();
        Optional<DocEvent> event = event(eventId);
        Optional<NoticeMappings.TodoTaskContent> content = event.flatMap(e -> mappings.todoTask(e, proyi.getBaseUrl()));
        if (content.isEmpty()) {
            finish(id, "CANCELLED", null, null, "the event or its mapping no longer asks for a to-do task");
            return;
        }
        String unionId = unionIds.of(tenant, (String) task.get("dingtalk_userid"));
        String sourceId = (String) task.get("source_id");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", limited(content.get().subject()));
        body.put("sourceId", sourceId);
        body.put("creatorId", unionId);
        body.put("executorIds", List.of(unionId));
        body.put("detailUrl", Map.of("appUrl", content.get().appUrl(), "pcUrl", content.get().pcUrl()));
        body.put("isOnlyShowExecutor", true);
        String taskId;
        try {
            taskId = dingTalk.createTodoTask(tenant, unionId, body);
        } catch (DingTalkException e) {
            if (e.errmsg() == null || !e.errmsg().contains("task exist")) {
                throw e;
            }
            // an earlier try went through before its answer was recorded: find that task
            taskId = dingTalk.findTodoTask(tenant, unionId, sourceId).orElseThrow(() -> e);
        }
        finish(id, "CREATED", unionId, taskId, null);
    }

    private void finish(long id, String status, String unionId, String taskId, String note) {
        jdbc.update("UPDATE dingtalk_todo_task SET status = :status, union_id = COALESCE(:union, union_id),"
                        + " task_id = COALESCE(:task, task_id), last_error = :note, attempts = 0, next_attempt_at = NULL,"
                        + " claimed_at = NULL, updated_at = :now WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("status", status).addValue("union", unionId)
                        .addValue("task", taskId).addValue("note", note).addValue("now", Timestamp.from(clock.instant())));
    }

    private Optional<DocEvent> event(long eventId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM proyi_doc_event WHERE id = :id",
                new MapSqlParameterSource("id", eventId));
        return rows.isEmpty() ? Optional.empty() : Optional.of(outbox.parse(rows.get(0)));
    }

    static String sourceId(long eventId, String account) {
        return "proyi-notice-" + eventId + "-" + account;
    }

    private static boolean isNotFound(DingTalkException e) {
        return e.errmsg() != null && e.errmsg().contains("task not exist");
    }

    private static String limited(String subject) {
        byte[] bytes = subject.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_SUBJECT_BYTES) {
            return subject;
        }
        String cut = subject;
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_SUBJECT_BYTES - 3) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }
}
