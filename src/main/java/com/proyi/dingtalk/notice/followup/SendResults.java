package com.proyi.dingtalk.notice.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import com.proyi.dingtalk.dingtalk.MonthlyQuotaExceededException;
import com.proyi.dingtalk.dingtalk.QuotaHeldBackException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * After a send, what DingTalk did with it per recipient (getsendresult, API.md §2.4): delivered
 * but unread ({@code receipt} UNREAD), read (READ), or dropped: the row becomes DROPPED with
 * {@code drop_code} {@code invalid} (unknown user id), {@code failed} (DingTalk could not deliver)
 * or the flow-control code (143106 same content to the person today, 143105 the person's daily
 * cap, ...), and the reason in {@code last_error}. The route notice-send-results calls
 * {@link #due()} and {@link #read(Task)}; each read is one API call for one task.
 */
@Component("noticeSendResults")
public class SendResults {

    /** The task ids DingTalk returned for sends, and the tenant whose app sent them. */
    public record Task(String tenantId, long taskId) {}

    private static final Logger log = LoggerFactory.getLogger(SendResults.class);
    /** getsendresult for a task DingTalk no longer (or never) knew: too old, or not this app's. */
    private static final int UNKNOWN_TASK = 40035;

    private static final Map<String, String> FORBIDDEN_REASONS = Map.of(
            "143103", "the app's recipients-per-minute limit was exceeded",
            "143104", "the organisation's recipients-per-minute limit was exceeded",
            "143105", "the person's daily limit of notices from this app was reached",
            "143106", "the same content was already sent to the person today",
            "1430002", "DingTalk judged the content prohibited",
            "1430003", "DingTalk's system protection was triggered",
            "1430004", "the person is under executive protection");

    /** A delivery whose result is due: never read (past first-check-after) or unread past recheck-after. */
    private static final String DUE = "((receipt IS NULL AND COALESCE(checked_at, updated_at) <= :first)"
            + " OR (receipt = 'UNREAD' AND checked_at <= :recheck))";

    private final NamedParameterJdbcTemplate jdbc;
    private final DingTalkClient dingTalk;
    private final FollowUpProperties.SendResults settings;
    private final MeterRegistry registry;
    private final Clock clock;

    public SendResults(NamedParameterJdbcTemplate jdbc, DingTalkClient dingTalk, FollowUpProperties properties,
                       MeterRegistry registry, Clock clock) {
        this.jdbc = jdbc;
        this.dingTalk = dingTalk;
        this.settings = properties.getSendResults();
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Tasks whose result is due, oldest send first: never read (or read before DingTalk had
     * worked through the send) and sent at least proyi.followup.send-results.first-check-after ago,
     * or read with recipients still unread longer than recheck-after ago; never a send older than
     * give-up-after. At most tasks-per-poll.
     */
    public List<Task> due() {
        Instant now = clock.instant();
        return jdbc.query("""
                        SELECT tenant_id, task_id, MIN(updated_at) AS sent_at FROM dingtalk_notice_delivery
                         WHERE status = 'SENT' AND task_id IS NOT NULL AND updated_at >= :window
                           AND """ + DUE + """
                         GROUP BY tenant_id, task_id ORDER BY sent_at LIMIT :limit""",
                dueCutoffs(now).addValue("window", Timestamp.from(now.minus(settings.getGiveUpAfter())))
                        .addValue("limit", settings.getTasksPerPoll()),
                (rs, i) -> new Task(rs.getString("tenant_id"), rs.getLong("task_id")));
    }

    /**
     * Takes the task for this instance: moves its checked_at to now while it is still due, so that
     * another instance that found it due too reads nothing (each read costs a call of the monthly
     * quota), and a failed read is tried again at the next due time.
     */
    private boolean claim(Task task, Instant now) {
        return jdbc.update("UPDATE dingtalk_notice_delivery SET checked_at = :now"
                        + " WHERE tenant_id = :tenant AND task_id = :task AND status = 'SENT' AND " + DUE,
                dueCutoffs(now).addValues(params(task).getValues()).addValue("now", Timestamp.from(now))) > 0;
    }

    private MapSqlParameterSource dueCutoffs(Instant now) {
        return new MapSqlParameterSource("first", Timestamp.from(now.minus(settings.getFirstCheckAfter())))
                .addValue("recheck", Timestamp.from(now.minus(settings.getRecheckAfter())));
    }

    /** Reads one task's result and records it per recipient; a failed read is tried again at the next due time. */
    public void read(@Body Task task) {
        Instant instant = clock.instant();
        Timestamp now = Timestamp.from(instant);
        if (!claim(task, instant)) {
            return;
        }
        JsonNode result;
        try {
            result = dingTalk.sendResult(task.tenantId(), task.taskId());
        } catch (QuotaHeldBackException | MonthlyQuotaExceededException budget) {
            // the monthly budget keeps its rest for notices: try again at the next due time, quietly
            log.debug("Send result of task {} not read: {}", task.taskId(), budget.getMessage());
            return;
        } catch (DingTalkException e) {
            if (e.errcode() == UNKNOWN_TASK) {
                // nothing more will ever be known about it
                update(task, "UNKNOWN", now);
                log.warn("No send result for task {} of tenant {}: {}", task.taskId(), task.tenantId(), e.getMessage());
                return;
            }
            throw e;
        }
        Map<String, Outcome> outcomes = outcomes(result);
        if (outcomes.isEmpty()) {
            // DingTalk has not worked through the send yet: the claim's checked_at has it read again
            // after first-check-after
            return;
        }
        List<SqlParameterSource> rows = new ArrayList<>();
        outcomes.forEach((userId, outcome) -> rows.add(params(task).addValue("userid", userId)
                .addValue("status", outcome.dropCode() == null ? "SENT" : "DROPPED")
                .addValue("receipt", outcome.receipt()).addValue("code", outcome.dropCode())
                .addValue("reason", outcome.reason()).addValue("now", now)));
        jdbc.batchUpdate("""
                UPDATE dingtalk_notice_delivery SET status = :status, receipt = :receipt, drop_code = :code,
                       last_error = COALESCE(:reason, last_error), checked_at = :now
                 WHERE tenant_id = :tenant AND task_id = :task AND dingtalk_userid = :userid AND status = 'SENT'""",
                rows.toArray(SqlParameterSource[]::new));
        Map<String, Integer> counts = new HashMap<>();
        outcomes.values().forEach(outcome -> counts.merge(outcome.kind(), 1, Integer::sum));
        counts.forEach((kind, count) -> Counter.builder("proyi.notices.outcome")
                .description("Recipients of sent notices by what DingTalk reported: delivered, read or dropped")
                .tag("tenant", task.tenantId()).tag("outcome", kind).register(registry).increment(count));
        if (counts.containsKey("dropped")) {
            log.warn("DingTalk dropped {} recipients of task {} (tenant {}): {}", counts.get("dropped"), task.taskId(),
                    task.tenantId(), outcomes.entrySet().stream().filter(e -> e.getValue().dropCode() != null)
                            .map(e -> e.getKey() + " " + e.getValue().dropCode()).toList());
        }
    }

    /** A read that failed for any other reason than a DingTalk answer, logged; tried again at the next due time. */
    public void readFailed(@Body Task task, @ExchangeException Exception failure) {
        log.warn("Reading the send result of task {} (tenant {}) failed, trying again later: {}",
                task.taskId(), task.tenantId(), failure.getMessage());
    }

    private void update(Task task, String receipt, Timestamp now) {
        jdbc.update("UPDATE dingtalk_notice_delivery SET receipt = :receipt, checked_at = :now WHERE tenant_id = :tenant"
                + " AND task_id = :task AND status = 'SENT'", params(task).addValue("receipt", receipt).addValue("now", now));
    }

    private static MapSqlParameterSource params(Task task) {
        return new MapSqlParameterSource("tenant", task.tenantId()).addValue("task", task.taskId());
    }

    /** What one recipient's notice came to. */
    record Outcome(String receipt, String dropCode, String reason) {
        String kind() {
            return dropCode != null ? "dropped" : "READ".equals(receipt) ? "read" : "delivered";
        }
    }

    /** Per user id; later lists win, so a user both forbidden and listed elsewhere counts as dropped. */
    static Map<String, Outcome> outcomes(JsonNode result) {
        Map<String, Outcome> outcomes = new HashMap<>();
        result.path("unread_user_id_list").forEach(id -> outcomes.put(id.asText(), new Outcome("UNREAD", null, null)));
        result.path("read_user_id_list").forEach(id -> outcomes.put(id.asText(), new Outcome("READ", null, null)));
        result.path("failed_user_id_list").forEach(id -> outcomes.put(id.asText(),
                new Outcome(null, "failed", "DingTalk could not deliver the notice (failed_user_id_list)")));
        result.path("invalid_user_id_list").forEach(id -> outcomes.put(id.asText(),
                new Outcome(null, "invalid", "DingTalk does not know the user id " + id.asText()
                        + " (invalid_user_id_list): check the binding")));
        Map<String, String> codes = new HashMap<>();
        result.path("forbidden_list").forEach(item -> codes.put(item.path("userid").asText(), item.path("code").asText()));
        result.path("forbidden_user_id_list").forEach(id -> {
            String code = codes.getOrDefault(id.asText(), "forbidden");
            outcomes.put(id.asText(), new Outcome(null, code, "DingTalk dropped the notice (" + code + "): "
                    + FORBIDDEN_REASONS.getOrDefault(code, "flow control")));
        });
        return outcomes;
    }
}
