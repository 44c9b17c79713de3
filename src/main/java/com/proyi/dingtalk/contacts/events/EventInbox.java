package com.proyi.dingtalk.contacts.events;

import com.proyi.dingtalk.security.RefusedRequestException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * dingtalk_event_inbox and dingtalk_callback_nonce: a callback's nonce and event are stored in one
 * transaction before DingTalk gets its answer; events are then claimed and handled by the
 * dingtalk-event-inbox route, each by one instance.
 */
@Repository
public class EventInbox {

    public enum Stored { STORED, DUPLICATE_EVENT }

    /** A stored event for the handler. */
    public record Event(long id, String eventType, String tenantId, String payload, int attempts) {
    }

    private static final int BATCH = 50;
    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final CallbackProperties properties;
    private final String instance = UUID.randomUUID().toString();

    public EventInbox(JdbcTemplate jdbc, Clock clock, CallbackProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Records the nonce and, unless it is already there, the event.
     *
     * @throws RefusedRequestException 409 if the nonce was used before (a replay)
     */
    @Transactional
    public Stored store(String nonce, String eventId, String eventType, String tenantId, String payload) {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM dingtalk_callback_nonce WHERE received_at < ?",
                Timestamp.from(now.minus(properties.getMaxClockSkew().multipliedBy(2))));
        try {
            jdbc.update("INSERT INTO dingtalk_callback_nonce (nonce, received_at) VALUES (?, ?)", nonce, Timestamp.from(now));
        } catch (DuplicateKeyException replay) {
            throw new RefusedRequestException(409, "nonce already used");
        }
        if (eventId == null) {
            return Stored.STORED;
        }
        try {
            jdbc.update("INSERT INTO dingtalk_event_inbox (event_id, event_type, tenant_id, payload, received_at)"
                    + " VALUES (?, ?, ?, ?, ?)", eventId, eventType, tenantId, payload, Timestamp.from(now));
            return Stored.STORED;
        } catch (DuplicateKeyException redelivered) {
            return Stored.DUPLICATE_EVENT;
        }
    }

    /** Claims waiting events (and events whose claimer went away) for this instance. */
    public List<Event> claim() {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp stale = Timestamp.from(clock.instant().minus(CLAIM_TIMEOUT));
        List<Long> candidates = jdbc.queryForList("SELECT id FROM dingtalk_event_inbox WHERE status = 'NEW'"
                + " OR (status = 'PROCESSING' AND claimed_at < ?) ORDER BY id LIMIT " + BATCH, Long.class, stale);
        List<Event> claimed = new ArrayList<>();
        for (long id : candidates) {
            int won = jdbc.update("UPDATE dingtalk_event_inbox SET status = 'PROCESSING', claimed_by = ?, claimed_at = ?"
                    + " WHERE id = ? AND (status = 'NEW' OR (status = 'PROCESSING' AND claimed_at < ?))", instance, now, id, stale);
            if (won == 1) {
                Map<String, Object> row = jdbc.queryForMap("SELECT event_type, tenant_id, payload, attempts"
                        + " FROM dingtalk_event_inbox WHERE id = ?", id);
                claimed.add(new Event(id, (String) row.get("event_type"), (String) row.get("tenant_id"),
                        (String) row.get("payload"), ((Number) row.get("attempts")).intValue()));
            }
        }
        return claimed;
    }

    /** @param status DONE (handled) or IGNORED (an event type the module does not act on) */
    public void finished(Event event, String status) {
        jdbc.update("UPDATE dingtalk_event_inbox SET status = ?, attempts = attempts + 1, processed_at = ?, last_error = NULL"
                + " WHERE id = ?", status, Timestamp.from(clock.instant()), event.id());
    }

    /** Back to NEW for another attempt, or FAILED after dingtalk.callback.max-attempts. */
    public void failed(Event event, Exception error) {
        String status = event.attempts() + 1 >= properties.getMaxAttempts() ? "FAILED" : "NEW";
        String message = String.valueOf(error.getMessage());
        jdbc.update("UPDATE dingtalk_event_inbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
                status, message.length() > 1000 ? message.substring(0, 1000) : message, event.id());
    }
}
