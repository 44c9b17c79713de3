package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.config.ProYiProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The delivery log read for people: each recipient's notice with its outcome (sent, delivered,
 * read, dropped with the reason, waiting for a binding, failed) and, per day and document type,
 * how many notices were delivered, read and dropped.
 */
@Component
public class DeliveryLog {

    private static final String COLUMNS = """
            SELECT d.event_id, e.doc_type, e.doc_id, e.doc_no, e.action, d.account, d.dingtalk_userid, d.status,
                   d.receipt, d.drop_code, d.last_error, d.task_id, d.attempts, d.updated_at, d.checked_at,
                   d.closed_as, d.closed_note, d.closed_by, t.status AS todo_status, t.task_id AS todo_task_id
              FROM dingtalk_notice_delivery d JOIN proyi_doc_event e ON e.id = d.event_id
              LEFT JOIN dingtalk_todo_task t ON t.event_id = d.event_id AND t.account = d.account""";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final ZoneId zone;

    public DeliveryLog(NamedParameterJdbcTemplate jdbc, Clock clock, ProYiProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = ZoneId.of(properties.getMappings().getTimeZone());
    }

    /**
     * One recipient's notice.
     *
     * @param status   SENT, DROPPED, UNBOUND, FAILED or DEAD
     * @param receipt  for SENT, what getsendresult said: UNREAD (delivered), READ, UNKNOWN; null before it was read
     * @param dropCode for DROPPED: invalid, failed, or DingTalk's flow-control code (143106, 143105, ...)
     * @param reason   why it was dropped, is waiting or failed
     * @param closedAs what a later closing event of the document did to it: STATUS_BAR, RECALLED, LEFT, FAILED
     * @param closedNote the status it shows, or why it was left or failed
     * @param closedBy the closing event
     * @param todoTaskStatus the recipient's DingTalk 待办 for this notice: NEW, CREATED, DONE, DELETED,
     *                       CANCELLED, FAILED or CLOSE_FAILED; null when the notice makes none
     * @param todoTaskId     DingTalk's id of that task once created
     */
    public record Delivery(long eventId, String docType, String docId, String docNo, String action, String account,
                           String dingtalkUserId, String status, String receipt, String dropCode, String reason,
                           Long taskId, int attempts, Instant updatedAt, Instant checkedAt, String closedAs,
                           String closedNote, Long closedBy, String todoTaskStatus, String todoTaskId) {}

    /** Per day (in proyi.mappings.time-zone) and document type: what became of the notices sent that day. */
    public record DayOutcome(LocalDate day, String docType, long delivered, long read, long dropped, long waiting,
                             long failed) {}

    public List<Delivery> ofEvent(long eventId) {
        return jdbc.query(COLUMNS + " WHERE d.event_id = :event ORDER BY d.id",
                new MapSqlParameterSource("event", eventId), (rs, i) -> delivery(rs));
    }

    /** Every notice about one document, newest event first. */
    public List<Delivery> ofDocument(String tenantId, String docType, String docId, int limit) {
        return jdbc.query(COLUMNS + " WHERE e.tenant_id = :tenant AND e.doc_type = :type AND e.doc_id = :doc"
                        + " ORDER BY d.event_id DESC, d.id LIMIT :limit",
                new MapSqlParameterSource("tenant", tenantId).addValue("type", docType).addValue("doc", docId)
                        .addValue("limit", limit), (rs, i) -> delivery(rs));
    }

    /** The deliveries of several events, by event id. */
    public Map<Long, List<Delivery>> ofEvents(List<Long> eventIds) {
        Map<Long, List<Delivery>> byEvent = new LinkedHashMap<>();
        if (eventIds.isEmpty()) {
            return byEvent;
        }
        jdbc.query(COLUMNS + " WHERE d.event_id IN (:events) ORDER BY d.id", new MapSqlParameterSource("events", eventIds),
                rs -> {
                    Delivery delivery = delivery(rs);
                    byEvent.computeIfAbsent(delivery.eventId(), id -> new ArrayList<>()).add(delivery);
                });
        return byEvent;
    }

    /** The last {@code days} days, newest first, one row per day and document type that had notices. */
    public List<DayOutcome> byDay(int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Instant since = today.minusDays(days - 1L).atStartOfDay(zone).toInstant();
        Map<String, long[]> counts = new LinkedHashMap<>();
        // bucketed here rather than in SQL: date arithmetic differs between MariaDB and the demo's H2
        jdbc.query("SELECT e.doc_type, d.status, d.receipt, d.created_at FROM dingtalk_notice_delivery d"
                        + " JOIN proyi_doc_event e ON e.id = d.event_id WHERE d.created_at >= :since",
                new MapSqlParameterSource("since", Timestamp.from(since)), rs -> {
                    LocalDate day = LocalDate.ofInstant(rs.getTimestamp("created_at").toInstant(), zone);
                    long[] row = counts.computeIfAbsent(day + "\u0000" + rs.getString("doc_type"), key -> new long[5]);
                    switch (rs.getString("status")) {
                        case "SENT" -> row["READ".equals(rs.getString("receipt")) ? 1 : 0]++;
                        case "DROPPED" -> row[2]++;
                        case "UNBOUND" -> row[3]++;
                        default -> row[4]++;
                    }
                });
        return counts.entrySet().stream().map(entry -> {
            String[] key = entry.getKey().split("\u0000", 2);
            long[] row = entry.getValue();
            return new DayOutcome(LocalDate.parse(key[0]), key[1], row[0] + row[1], row[1], row[2], row[3], row[4]);
        }).sorted((a, b) -> a.day().equals(b.day()) ? a.docType().compareTo(b.docType()) : b.day().compareTo(a.day()))
                .toList();
    }

    private static Delivery delivery(java.sql.ResultSet rs) throws java.sql.SQLException {
        long taskId = rs.getLong("task_id");
        Long task = rs.wasNull() ? null : taskId;
        return new Delivery(rs.getLong("event_id"), rs.getString("doc_type"), rs.getString("doc_id"),
                rs.getString("doc_no"), rs.getString("action"), rs.getString("account"), rs.getString("dingtalk_userid"),
                rs.getString("status"), rs.getString("receipt"), rs.getString("drop_code"), rs.getString("last_error"),
                task, rs.getInt("attempts"), instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("checked_at")),
                rs.getString("closed_as"), rs.getString("closed_note"), (Long) rs.getObject("closed_by", Long.class),
                rs.getString("todo_status"), rs.getString("todo_task_id"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
