package com.proyi.dingtalk.notice;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/** dingtalk_notice_delivery: one row per (event, recipient account), the guard against sending twice. */
@Component
public class NoticeDeliveries {

    private static final String UPSERT = """
            INSERT INTO dingtalk_notice_delivery
                   (tenant_id, event_id, account, dingtalk_userid, status, task_id, attempts, last_error, created_at, updated_at)
            VALUES (:tenant, :event, :account, :userid, :status, :task, 1, :error, :now, :now)
            ON DUPLICATE KEY UPDATE dingtalk_userid = VALUES(dingtalk_userid), status = VALUES(status),
                   task_id = VALUES(task_id), attempts = attempts + 1, last_error = VALUES(last_error),
                   updated_at = VALUES(updated_at)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    /** The workers' outcomes, several events' rows to one statement and commit when they come together. */
    private final GroupedWrites<SqlParameterSource> upserts;

    public NoticeDeliveries(NamedParameterJdbcTemplate jdbc, Clock clock, BookkeepingWrites writes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.upserts = new GroupedWrites<>(rows -> writes.write("Recording the outcomes of " + rows.size()
                + " notice recipients", () -> jdbc.batchUpdate(UPSERT, rows.toArray(SqlParameterSource[]::new))));
    }

    /** Current status per account for the event (empty before its first attempt). */
    public Map<String, DeliveryStatus> statuses(long eventId) {
        Map<String, DeliveryStatus> statuses = new HashMap<>();
        jdbc.query("SELECT account, status FROM dingtalk_notice_delivery WHERE event_id = :event",
                Map.of("event", eventId),
                rs -> { statuses.put(rs.getString(1), DeliveryStatus.valueOf(rs.getString(2))); });
        return statuses;
    }

    /**
     * Records one outcome for several recipients of the event, returning once it is written: in one
     * multi-row statement (rewriteBatchedStatements) together with the outcomes other workers record
     * at the same moment; tried again on a fresh connection when the connection drops, so that an
     * accepted chunk is recorded SENT.
     */
    public void record(DocEvent event, List<Recipient> recipients, DeliveryStatus status, Long taskId, String error) {
        if (recipients.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<SqlParameterSource> rows = recipients.stream()
                .map(recipient -> new MapSqlParameterSource()
                        .addValue("tenant", event.tenantId()).addValue("event", event.id())
                        .addValue("account", recipient.account()).addValue("userid", recipient.dingtalkUserId())
                        .addValue("status", status.name()).addValue("task", taskId)
                        .addValue("error", error == null ? null : truncate(error)).addValue("now", now))
                .map(SqlParameterSource.class::cast).toList();
        upserts.write(rows);
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
    }

    /** A recipient account and its DingTalk user id (null while unbound). */
    public record Recipient(String account, String dingtalkUserId) {}
}
