package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.binding.AccountBound;
import com.proyi.dingtalk.binding.BindingProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Notices that waited (UNBOUND) because their recipient had no DingTalk binding. When the account
 * binds, each document that still needs the person (that person's latest event for it is a to-do
 * or a copy) and whose event is younger than proyi.binding.waiting-notice-max-age goes back into
 * the outbox; the dispatcher then sends it only to recipients it has not reached yet.
 */
@Component
public class WaitingNotices {

    private static final Logger log = LoggerFactory.getLogger(WaitingNotices.class);
    private static final Set<String> STILL_NEEDS_THE_PERSON = Set.of("todo", "cc");

    private record Doc(String docType, String docId) {}

    private record WaitingEvent(long id, Doc doc) {}

    private record DocAction(String action, String recipients) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final BindingProperties settings;
    private final Clock clock;

    public WaitingNotices(NamedParameterJdbcTemplate jdbc, BindingProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    public void accountBound(AccountBound bound) {
        releaseFor(bound.tenantId(), bound.account());
    }

    /** @return how many events went back into the outbox */
    public int releaseFor(String tenantId, String account) {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(settings.getWaitingNoticeMaxAge()));
        List<WaitingEvent> waiting = jdbc.query("""
                        SELECT e.id, e.doc_type, e.doc_id
                          FROM dingtalk_notice_delivery d JOIN proyi_doc_event e ON e.id = d.event_id
                         WHERE d.tenant_id = :tenant AND d.account = :account AND d.status = 'UNBOUND'
                           AND e.status = 'DONE' AND e.created_at >= :cutoff""",
                new MapSqlParameterSource("tenant", tenantId).addValue("account", account).addValue("cutoff", cutoff),
                (rs, i) -> new WaitingEvent(rs.getLong(1), new Doc(rs.getString(2), rs.getString(3))));
        Map<Doc, String> latestActions = new LinkedHashMap<>();
        waiting.forEach(event -> latestActions.computeIfAbsent(event.doc(), doc -> latestActionFor(tenantId, account, doc)));
        List<Long> release = waiting.stream()
                .filter(event -> STILL_NEEDS_THE_PERSON.contains(latestActions.get(event.doc())))
                .map(WaitingEvent::id).toList();
        if (release.isEmpty()) {
            return 0;
        }
        int released = jdbc.update("UPDATE proyi_doc_event SET status = 'NEW', next_attempt_at = NULL, attempts = 0,"
                        + " last_error = NULL WHERE id IN (:ids) AND status = 'DONE'",
                new MapSqlParameterSource("ids", release));
        log.info("Account {} of tenant {} bound: {} waiting notices go out again (events {})",
                account, tenantId, released, release);
        return released;
    }

    /** The action of the account's newest event for the document, by outbox order. */
    private String latestActionFor(String tenantId, String account, Doc doc) {
        List<DocAction> events = jdbc.query("""
                        SELECT action, recipients FROM proyi_doc_event
                         WHERE tenant_id = :tenant AND doc_type = :docType AND doc_id = :docId
                         ORDER BY id DESC""",
                new MapSqlParameterSource("tenant", tenantId).addValue("docType", doc.docType())
                        .addValue("docId", doc.docId()),
                (rs, i) -> new DocAction(rs.getString(1), rs.getString(2)));
        return events.stream()
                .filter(event -> Arrays.stream(event.recipients().split(",")).map(String::trim).anyMatch(account::equals))
                .map(DocAction::action)
                .findFirst().orElse(null);
    }
}
