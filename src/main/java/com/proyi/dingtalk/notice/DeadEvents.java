package com.proyi.dingtalk.notice;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Events the outbox gave up on, and putting them back once the cause is fixed. */
@Component
public class DeadEvents {

    private static final String REPLAY = "UPDATE proyi_doc_event SET status = 'NEW', attempts = 0,"
            + " next_attempt_at = NULL, last_error = NULL, claimed_by = NULL, processed_at = NULL"
            + " WHERE status = 'DEAD'";

    private final NamedParameterJdbcTemplate jdbc;
    private final DeliveryLog deliveryLog;

    public DeadEvents(NamedParameterJdbcTemplate jdbc, DeliveryLog deliveryLog) {
        this.jdbc = jdbc;
        this.deliveryLog = deliveryLog;
    }

    /** Newest first, each with what became of each recipient (some may have got it before the event died). */
    public List<DeadEvent> list(String tenant, int limit) {
        List<DeadEvent> dead = jdbc.query("SELECT id, tenant_id, doc_type, doc_id, doc_no, action, recipients, attempts, last_error,"
                        + " created_at, processed_at FROM proyi_doc_event WHERE status = 'DEAD'"
                        + (tenant == null ? "" : " AND tenant_id = :tenant") + " ORDER BY id DESC LIMIT :limit",
                new MapSqlParameterSource().addValue("tenant", tenant).addValue("limit", limit),
                (rs, i) -> new DeadEvent(rs.getLong("id"), rs.getString("tenant_id"), rs.getString("doc_type"),
                        rs.getString("doc_id"), rs.getString("doc_no"), rs.getString("action"),
                        rs.getString("recipients"), rs.getInt("attempts"), rs.getString("last_error"),
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("processed_at")), List.of()));
        Map<Long, List<DeliveryLog.Delivery>> deliveries = deliveryLog.ofEvents(dead.stream().map(DeadEvent::id).toList());
        return dead.stream().map(event -> event.withDeliveries(deliveries.getOrDefault(event.id(), List.of()))).toList();
    }

    /** @return false when there is no dead event with that id */
    public boolean replay(long id) {
        return jdbc.update(REPLAY + " AND id = :id", new MapSqlParameterSource("id", id)) == 1;
    }

    public int replayAll(String tenant) {
        return jdbc.update(REPLAY + (tenant == null ? "" : " AND tenant_id = :tenant"),
                new MapSqlParameterSource("tenant", tenant));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public record DeadEvent(long id, String tenantId, String docType, String docId, String docNo, String action,
                            String recipients, int attempts, String reason, Instant createdAt, Instant deadAt,
                            List<DeliveryLog.Delivery> deliveries) {

        DeadEvent withDeliveries(List<DeliveryLog.Delivery> outcomes) {
            return new DeadEvent(id, tenantId, docType, docId, docNo, action, recipients, attempts, reason, createdAt,
                    deadAt, outcomes);
        }
    }
}
