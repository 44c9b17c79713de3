package com.proyi.dingtalk.contacts;

import com.proyi.dingtalk.binding.BindingService;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The resignation sweep (routes/resignations.camel.yaml calls {@link #run}): every account the
 * route's query returns (resigned, revoked, or a partner contact set inactive, still bound) is
 * unbound with its reason, and removed from DingTalk when proyi.sync.resignations.remove-from-dingtalk
 * is set. The sync state is forgotten on removal, so a rehired employee is treated as new.
 * Removal is held back for a tenant when it would take more than
 * proyi.sync.contacts.max-removal-share of the people the sync put into DingTalk (a ProYi
 * mistake that marks everyone resigned must not empty the address book); unbinding still happens.
 */
@Component
public class Resignations {

    private static final Logger log = LoggerFactory.getLogger(Resignations.class);
    private static final String ACTOR = "resignations";

    /** One account the sweep handled. */
    public record Entry(String tenantId, String account, String kind, String reason, String userId, boolean unbound,
                        boolean removedFromDingTalk, String error) {
    }

    /** One sweep, as stored in dingtalk_sync_run.report. */
    public record Report(long runId, String startedBy, Instant startedAt, Instant finishedAt, List<Entry> accounts) {
    }

    private final BindingService bindings;
    private final PartnerBindings partners;
    private final DingTalkContacts contacts;
    private final DingTalkClient client;
    private final SyncStates states;
    private final SyncRuns runs;
    private final SyncProperties properties;
    private final SyncMetrics metrics;
    private final Clock clock;

    public Resignations(BindingService bindings, PartnerBindings partners, DingTalkContacts contacts,
                        DingTalkClient client, SyncStates states, SyncRuns runs, SyncProperties properties,
                        SyncMetrics metrics, Clock clock) {
        this.bindings = bindings;
        this.partners = partners;
        this.contacts = contacts;
        this.client = client;
        this.states = states;
        this.runs = runs;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param leavers rows with tenant_id, kind, account, dingtalk_userid and reason (an UnbindReasons value)
     */
    public Report run(@Body List<Map<String, Object>> leavers, @Variable("startedBy") String startedBy,
                      @Variable("scheduledFireTime") Date scheduledFireTime) {
        Instant startedAt = clock.instant();
        long runId = runs.start(SyncRuns.RESIGNATIONS, false, startedBy, scheduledFireTime, startedAt);
        Map<String, String> heldBack = removalsHeldBack(leavers);
        List<Entry> entries = new ArrayList<>();
        leavers.forEach(row -> entries.add(handle(row, heldBack)));
        Report report = new Report(runId, startedBy, startedAt, clock.instant(), entries);
        runs.finish(runId, heldBack.isEmpty() ? "DONE" : "GUARDED", report, report.finishedAt());
        heldBack.forEach((tenant, why) -> log.warn("Resignation sweep {}, tenant {}: {}", runId, tenant, why));
        entries.stream().collect(Collectors.groupingBy(Entry::tenantId)).forEach((tenant, handled) ->
                metrics.start(SyncMetrics.RESIGNATIONS, tenant, handled.size()).finish(new SyncMetrics.Outcome(0, 0,
                        handled.stream().filter(Entry::unbound).count(),
                        handled.stream().filter(entry -> entry.error() != null && !heldBack.containsKey(tenant)).count())));
        if (!entries.isEmpty()) {
            log.info("Resignation sweep {} unbound {} account(s)", runId, entries.stream().filter(Entry::unbound).count());
        }
        return report;
    }

    /** Tenants whose removals would exceed the share, with the reason to report. */
    private Map<String, String> removalsHeldBack(List<Map<String, Object>> leavers) {
        Map<String, String> heldBack = new HashMap<>();
        if (!properties.getResignations().isRemoveFromDingtalk()) {
            return heldBack;
        }
        Map<String, Long> removals = leavers.stream().filter(row -> row.get("dingtalk_userid") != null)
                .collect(Collectors.groupingBy(row -> String.valueOf(row.get("tenant_id")), Collectors.counting()));
        double maxShare = properties.getContacts().getMaxRemovalShare();
        removals.forEach((tenant, count) -> {
            int inDingTalk = Math.max(states.peopleInDingTalk(tenant), count.intValue());
            double share = (double) count / inDingTalk;
            // a single leaver is never a mass removal, whatever the size of the organisation
            if (count > 1 && share > maxShare) {
                heldBack.put(tenant, String.format(Locale.ROOT, "removal from DingTalk held back: would remove %d of %d"
                        + " people (%.0f%%), more than proyi.sync.contacts.max-removal-share (%.0f%%); the accounts are"
                        + " unbound", count, inDingTalk, share * 100, maxShare * 100));
            }
        });
        return heldBack;
    }

    private Entry handle(Map<String, Object> row, Map<String, String> heldBack) {
        String tenantId = String.valueOf(row.get("tenant_id"));
        String account = String.valueOf(row.get("account"));
        String kind = String.valueOf(row.get("kind")).toUpperCase(Locale.ROOT);
        String reason = String.valueOf(row.get("reason"));
        String userId = row.get("dingtalk_userid") == null ? null : row.get("dingtalk_userid").toString();
        boolean unbound = Portal.EMPLOYEE.name().equals(kind)
                ? bindings.unbind(tenantId, account, reason, ACTOR)
                : partners.unbind(tenantId, account, reason, ACTOR);
        if (userId == null || !properties.getResignations().isRemoveFromDingtalk() || !client.isConfigured(tenantId)) {
            return new Entry(tenantId, account, kind, reason, userId, unbound, false, null);
        }
        if (heldBack.containsKey(tenantId)) {
            return new Entry(tenantId, account, kind, reason, userId, unbound, false, heldBack.get(tenantId));
        }
        try {
            contacts.deleteUser(tenantId, userId);
            states.forget(tenantId, userId);
            return new Entry(tenantId, account, kind, reason, userId, unbound, true, null);
        } catch (DingTalkException e) {
            log.warn("Could not remove DingTalk user {} ({} of tenant {}) after {}: {}", userId, account, tenantId,
                    reason, e.getMessage());
            return new Entry(tenantId, account, kind, reason, userId, unbound, false, e.getMessage());
        }
    }
}
