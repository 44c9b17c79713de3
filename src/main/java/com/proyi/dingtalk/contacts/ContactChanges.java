package com.proyi.dingtalk.contacts;

import static com.proyi.dingtalk.config.ProYiRoutes.parameters;

import com.proyi.dingtalk.config.ProYiRoutes;
import com.proyi.dingtalk.contacts.TenantSyncReport.Status;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The changes ProYi's triggers write into dingtalk_contact_change, applied within seconds
 * (routes/contact-changes.camel.yaml calls {@link #poll}): the new rows are claimed (by one instance
 * only), coalesced per person, and each person is synced alone through {@link ContactSync#syncPerson}
 * (no member listing, at most two DingTalk calls). A person no longer active (resigned, revoked, a
 * partner contact set inactive) starts the resignation sweep at once; a deleted row unbinds the
 * person and, where configured, removes them from DingTalk. A change DingTalk could not take for
 * a passing reason (throttled, busy) is released and tried again at the next poll; anything else is
 * recorded on the row and in the run's report, and the nightly reconciliation catches what is left.
 */
@Component
public class ContactChanges {

    private static final Logger log = LoggerFactory.getLogger(ContactChanges.class);
    /** Rows claimed per poll. */
    static final int BATCH = 1000;
    static final String STARTED_BY = "contact-changes";
    static final String LEAVER = "LEAVER";

    /** The changes of one person within a poll. */
    record Changed(String tenantId, String source, String account, List<Long> ids, String lastKind) {
    }

    private final JdbcTemplate jdbc;
    private final ProYiRoutes routes;
    private final ProducerTemplate producer;
    private final ContactSync sync;
    private final SyncRuns runs;
    private final DingTalkClient client;
    private final Clock clock;

    public ContactChanges(JdbcTemplate jdbc, ProYiRoutes routes, ProducerTemplate producer, ContactSync sync, SyncRuns runs,
                          DingTalkClient client, Clock clock) {
        this.jdbc = jdbc;
        this.routes = routes;
        this.producer = producer;
        this.sync = sync;
        this.runs = runs;
        this.client = client;
        this.clock = clock;
    }

    /** Claims and applies the pending changes; the report of what was done, null when there were none. */
    public SyncReport poll() {
        List<Changed> changes = claim();
        if (changes.isEmpty()) {
            return null;
        }
        Instant startedAt = clock.instant();
        long runId = runs.start(SyncRuns.CHANGES, false, STARTED_BY, null, startedAt);
        Map<String, TenantSyncReport> reports = new LinkedHashMap<>();
        changes.forEach(change -> reports.computeIfAbsent(change.tenantId(), t -> new TenantSyncReport(t,
                (int) changes.stream().filter(c -> c.tenantId().equals(t)).count())));
        boolean leavers = false;
        for (Changed change : changes) {
            TenantSyncReport report = reports.get(change.tenantId());
            String outcome;
            try {
                outcome = apply(change, report);
            } catch (DingTalkException e) {
                if (e.kind() != DingTalkException.Kind.PERMANENT) {
                    release(change);
                    log.info("Contact change of {} ({}) waits for the next poll: {}", change.account(), change.tenantId(),
                            e.getMessage());
                    continue;
                }
                outcome = "FAILED " + e.errcode();
            } catch (RuntimeException e) {
                log.error("Contact change of {} ({}) failed", change.account(), change.tenantId(), e);
                outcome = "FAILED " + e.getClass().getSimpleName();
            }
            leavers |= LEAVER.equals(outcome);
            record(change, outcome);
        }
        List<TenantSyncReport> tenants = List.copyOf(reports.values());
        SyncReport report = new SyncReport(runId, false, STARTED_BY, startedAt, clock.instant(), Status.DONE.name(), tenants);
        runs.finish(runId, Status.DONE.name(), report, report.finishedAt());
        if (leavers) {
            Exchange sweep = producer.send("direct:resignations", exchange -> exchange.setVariable("startedBy", STARTED_BY));
            if (sweep.getException() != null) {
                log.error("The resignation sweep after contact changes failed", sweep.getException());
            }
        }
        return report;
    }

    private String apply(Changed change, TenantSyncReport report) {
        if (!client.isConfigured(change.tenantId())) {
            return "SKIPPED no DingTalk app";
        }
        if ("DELETED".equals(change.lastKind())) {
            return sync.forgetPerson(change.tenantId(), change.source(), change.account(), report);
        }
        List<Person> active = routes.rows("direct:read-proyi-person", parameters("tenant_id", change.tenantId(),
                "account", change.account())).stream().map(Person::fromRow)
                .filter(person -> person.portal().source().equals(change.source())).toList();
        if (active.isEmpty()) {
            // resigned, revoked or set inactive: the resignation sweep unbinds (and removes, where configured)
            return LEAVER;
        }
        return sync.syncPerson(active.get(0), report);
    }

    /** The pending rows, claimed by this instance and grouped per person in the order they came. */
    List<Changed> claim() {
        List<Long> ids = jdbc.queryForList("SELECT id FROM dingtalk_contact_change WHERE processed_at IS NULL ORDER BY id"
                + " LIMIT " + BATCH, Long.class);
        if (ids.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        jdbc.update("UPDATE dingtalk_contact_change SET claimed_by = ?, processed_at = ? WHERE processed_at IS NULL"
                + " AND id <= ?", token, Timestamp.from(clock.instant()), ids.get(ids.size() - 1));
        Map<String, Changed> byPerson = new LinkedHashMap<>();
        jdbc.query("SELECT id, tenant_id, source, account, kind FROM dingtalk_contact_change WHERE claimed_by = ? ORDER BY id",
                rs -> {
                    String key = rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4);
                    Changed before = byPerson.get(key);
                    List<Long> rowIds = new ArrayList<>(before == null ? List.of() : before.ids());
                    rowIds.add(rs.getLong(1));
                    byPerson.put(key, new Changed(rs.getString(2), rs.getString(3), rs.getString(4), rowIds, rs.getString(5)));
                }, token);
        return List.copyOf(byPerson.values());
    }

    private void release(Changed change) {
        change.ids().forEach(id -> jdbc.update("UPDATE dingtalk_contact_change SET claimed_by = NULL, processed_at = NULL"
                + " WHERE id = ?", id));
    }

    private void record(Changed change, String outcome) {
        String text = outcome.length() > 200 ? outcome.substring(0, 200) : outcome;
        change.ids().forEach(id -> jdbc.update("UPDATE dingtalk_contact_change SET outcome = ? WHERE id = ?", text, id));
    }
}
