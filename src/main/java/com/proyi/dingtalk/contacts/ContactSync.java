package com.proyi.dingtalk.contacts;

import com.proyi.dingtalk.binding.UnbindReasons;
import com.proyi.dingtalk.contacts.TenantSyncReport.Status;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The contact sync (routes/contacts-sync.camel.yaml calls {@link #run}): per tenant it lists the
 * members of its DingTalk departments, reconciles them with ProYi's active people, and creates,
 * updates and (if allowed) removes, recording DingTalk's refusals per person. A dry run, and a run
 * the removal guard stops, only report.
 */
@Component
public class ContactSync {

    private static final Logger log = LoggerFactory.getLogger(ContactSync.class);
    private static final String ACTOR = "contacts-sync";
    static final String CREATED = "CREATED";
    static final String ADOPTED = "ADOPTED";
    static final String UPDATED = "UPDATED";
    static final String UNCHANGED = "UNCHANGED";
    static final String CONFLICT = "CONFLICT ";

    private final DingTalkClient client;
    private final DingTalkContacts contacts;
    private final DepartmentTree departments;
    private final SyncStates states;
    private final SyncRuns runs;
    private final DingTalkIdWriteback writeback;
    private final DingTalkUserUnbinding unbinding;
    private final SyncProperties properties;
    private final Reconciler reconciler;
    private final SyncMetrics metrics;
    private final Clock clock;
    /** A person's state and id write-back commit together: one commit per person instead of three. */
    private final TransactionTemplate transaction;

    public ContactSync(DingTalkClient client, DingTalkContacts contacts, DepartmentTree departments, SyncStates states,
                       SyncRuns runs, DingTalkIdWriteback writeback, DingTalkUserUnbinding unbinding,
                       SyncProperties properties, SyncMetrics metrics, Clock clock,
                       PlatformTransactionManager transactions) {
        this.client = client;
        this.contacts = contacts;
        this.departments = departments;
        this.states = states;
        this.runs = runs;
        this.writeback = writeback;
        this.unbinding = unbinding;
        this.properties = properties;
        this.reconciler = new Reconciler(properties.getContacts());
        this.metrics = metrics;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * @param people            rows of the route's people query
     * @param startedBy         {@code schedule}, or the operator who started the run
     * @param scheduledFireTime Quartz's scheduled time of this firing, null when started on demand
     */
    public SyncReport run(@Body List<Map<String, Object>> people, @Variable("dryRun") boolean dryRun,
                          @Variable("startedBy") String startedBy, @Variable("scheduledFireTime") Date scheduledFireTime) {
        Instant startedAt = clock.instant();
        long runId = runs.start(SyncRuns.CONTACTS, dryRun, startedBy, scheduledFireTime, startedAt);
        Map<String, List<Person>> byTenant = new LinkedHashMap<>();
        people.stream().map(Person::fromRow).forEach(p -> byTenant.computeIfAbsent(p.tenantId(), t -> new ArrayList<>()).add(p));
        departments.tenants().forEach(tenantId -> byTenant.putIfAbsent(tenantId, List.of()));
        List<TenantSyncReport> tenants = new ArrayList<>();
        byTenant.forEach((tenantId, tenantPeople) -> tenants.add(syncTenant(tenantId, tenantPeople, dryRun)));
        String status = tenants.stream().map(TenantSyncReport::getStatus)
                .filter(s -> s == Status.FAILED || s == Status.GUARDED).map(Status::name).findFirst()
                .orElse(dryRun ? Status.DRY_RUN.name() : Status.DONE.name());
        SyncReport report = new SyncReport(runId, dryRun, startedBy, startedAt, clock.instant(), status, tenants);
        runs.finish(runId, status, report, report.finishedAt());
        tenants.forEach(t -> log.info("Contact sync {} of tenant {}: {} ({} people, {} unchanged, {} created, {} updated,"
                        + " {} removed, {} conflicts)", runId, t.getTenantId(), t.getStatus(), t.getPeople(), t.getUnchanged(),
                t.getCreated(), t.getUpdated(), t.getRemoved(), t.getConflicts().size()));
        return report;
    }

    private TenantSyncReport syncTenant(String tenantId, List<Person> people, boolean dryRun) {
        TenantSyncReport report = new TenantSyncReport(tenantId, people.size());
        if (!client.isConfigured(tenantId)) {
            report.finish(Status.SKIPPED, "no DingTalk app is configured for tenant " + tenantId);
            return report;
        }
        // a dry run changes nothing, so it counts for no metric
        SyncMetrics.SyncRun progress = dryRun ? null : metrics.start(SyncMetrics.CONTACTS, tenantId, people.size());
        try {
            reconcile(tenantId, people, dryRun, report, progress);
        } catch (RuntimeException e) {
            log.error("Contact sync of tenant {} failed", tenantId, e);
            report.finish(Status.FAILED, e.getMessage());
        }
        if (progress != null) {
            if (report.getStatus() == Status.FAILED || report.getStatus() == Status.GUARDED) {
                progress.abort(report.getError());
            } else {
                progress.finish(new SyncMetrics.Outcome(report.getCreated(), report.getUpdated(), report.getRemoved(),
                        report.getConflicts().size()));
            }
        }
        return report;
    }

    private void reconcile(String tenantId, List<Person> people, boolean dryRun, TenantSyncReport report,
                           SyncMetrics.SyncRun progress) {
        Map<String, Long> live = new LinkedHashMap<>();
        Map<String, DingTalkMember> members = new LinkedHashMap<>();
        departments.known(tenantId).forEach((path, deptId) -> contacts.members(tenantId, deptId).ifPresentOrElse(
                found -> {
                    live.put(path, deptId);
                    found.forEach(member -> members.merge(member.userId(), member, (a, b) -> a));
                },
                () -> {
                    if (!dryRun) {
                        departments.forget(tenantId, path);
                    }
                }));
        ContactPlan plan = reconciler.plan(people, states.of(tenantId), members, live::get);
        report.describe(plan);
        plan.held().forEach(held -> report.heldBack(held.person(), errcode(held.state()), held.state().lastError(),
                TenantSyncReport.advice(errcode(held.state()))));
        plan.creates().stream().map(ContactPlan.Create::path).distinct().filter(p -> !live.containsKey(p))
                .forEach(report::departmentToCreate);
        boolean removing = properties.getResignations().isRemoveFromDingtalk();
        double share = (double) plan.removals().size() / Math.max(1, plan.memberCount());
        if (removing && share > properties.getContacts().getMaxRemovalShare()) {
            report.finish(Status.GUARDED, String.format("would remove %d of %d people in DingTalk (%.0f%%), more than"
                    + " proyi.sync.contacts.max-removal-share allows (%.0f%%); nothing was changed",
                    plan.removals().size(), plan.memberCount(), share * 100, properties.getContacts().getMaxRemovalShare() * 100));
            return;
        }
        Set<Long> ownDepartments = new HashSet<>(live.values());
        Set<String> knownIds = new HashSet<>(plan.knownIds());
        // Many people to create: read the organisation's members once, page by page, and adopt by mobile.
        // Few: create them, and adopt on DingTalk's 60104 / 60102.
        Map<String, DingTalkMember> orgByMobile = plan.creates().size() > properties.getContacts().getReadOrganisationAbove()
                ? byMobile(contacts.organisationMembers(tenantId, ownDepartments), knownIds) : Map.of();
        if (dryRun) {
            plan.creates().forEach(create -> {
                DingTalkMember existing = orgByMobile.get(create.person().mobile());
                if (existing != null) {
                    report.toAdopt(create.person(), existing.userId(), create.path(), existing.deptIds(),
                            reconciler.adoptInPlace(create.person(), existing.deptIds()));
                }
            });
            report.finish(Status.DRY_RUN, null);
            return;
        }
        Map<String, DingTalkMember> adoptable = new HashMap<>(orgByMobile);
        DepartmentTree.Resolver resolver = departments.resolver(tenantId, live);
        // unchanged people are done as soon as the plan exists; the others one DingTalk call at a time
        AtomicLong done = new AtomicLong(people.size() - plan.creates().size() - plan.updates().size());
        // a department is ensured (perhaps created) only when someone is put into it
        plan.creates().forEach(create -> perPerson(report, create.person(), () -> {
            DingTalkMember existing = create.person().mobile() == null ? null : adoptable.remove(create.person().mobile());
            if (existing != null) {
                adopt(tenantId, create.person(), existing, () -> resolver.ensure(create.path()), create.path(), create.hash(),
                        knownIds, report, "mobile");
            } else {
                createOrAdopt(tenantId, create.person(), resolver.ensure(create.path()), create.path(), create.hash(),
                        knownIds::contains, knownIds, report);
            }
        }, progress, done));
        plan.updates().forEach(update -> perPerson(report, update.person(), () -> {
            update(tenantId, update, () -> resolver.ensure(update.path()), ownDepartments, report);
        }, progress, done));
        plan.links().forEach(link -> pushed(report, link.person(), link.userId(), link.hash()));
        if (removing) {
            plan.removals().forEach(member -> remove(tenantId, member, report));
        }
        departments.restrictPartners(tenantId, resolver).forEach(report::restricted);
    }

    /**
     * Syncs one changed person (routes/contact-changes.camel.yaml): no member listing, at most two
     * DingTalk calls when nothing is in the way (the member's departments, then one update; or one
     * create), none when what the sync last pushed for the person is unchanged.
     *
     * @return what happened, for the change rows: CREATED, ADOPTED, UPDATED, UNCHANGED or CONFLICT errcode
     */
    String syncPerson(Person person, TenantSyncReport report) {
        String tenantId = person.tenantId();
        SyncState state = states.of(person).orElse(null);
        String path = person.departmentPath(properties.getContacts());
        String hash = person.contentHash(path);
        String known = person.boundUserId() != null ? person.boundUserId() : state == null ? null : state.dingtalkUserId();
        if (state != null && state.heldBack(hash)) {
            report.heldBack(person, errcode(state), state.lastError(), TenantSyncReport.advice(errcode(state)));
            return CONFLICT + errcode(state);
        }
        if (state != null && known != null && known.equals(state.dingtalkUserId()) && hash.equals(state.contentHash())) {
            pushed(report, person, known, hash);
            report.unchanged();
            return UNCHANGED;
        }
        Map<String, Long> owned = departments.known(tenantId);
        Set<Long> ownDepartments = new HashSet<>(owned.values());
        DepartmentTree.Resolver resolver = departments.resolver(tenantId, owned);
        try {
            DingTalkMember member = known == null ? null : contacts.user(tenantId, known).orElse(null);
            if (member == null) {
                return createOrAdopt(tenantId, person, resolver.ensure(path), path, hash,
                        userId -> states.heldByOthers(person, userId) || writeback.takenByAnother(person, userId),
                        new HashSet<>(), report);
            }
            boolean keptInPlace = reconciler.keptInPlace(person, state) && member.userId().equals(state.dingtalkUserId());
            update(tenantId, new ContactPlan.Update(person, member.userId(), member, Reconciler.changes(person, member),
                    path, hash, keptInPlace), () -> resolver.ensure(path), ownDepartments, report);
            return UPDATED;
        } catch (DingTalkException e) {
            if (e.kind() == DingTalkException.Kind.PERMANENT) {
                report.conflict(person, e.errcode(), e.getMessage());
                states.failed(person, person.boundUserId(), e.errcode(), e.getMessage());
                return CONFLICT + e.errcode();
            }
            throw e;
        }
    }

    /**
     * A person gone from ProYi's table (the row deleted): unbound, and removed from DingTalk when
     * proyi.sync.resignations.remove-from-dingtalk is set.
     */
    String forgetPerson(String tenantId, String source, String account, TenantSyncReport report) {
        String userId = states.userIdOf(tenantId, source, account).orElse(null);
        if (userId == null) {
            return UNCHANGED;
        }
        unbinding.unbind(tenantId, userId, UnbindReasons.REVOKED, ACTOR).forEach(unbound -> report.unbound());
        if (properties.getResignations().isRemoveFromDingtalk() && client.isConfigured(tenantId)) {
            contacts.deleteUser(tenantId, userId);
            states.forget(tenantId, userId);
            report.removed();
            return "REMOVED";
        }
        return "UNBOUND";
    }

    private static int errcode(SyncState state) {
        return state.errorCode() == null ? DingTalkException.NO_ERRCODE : state.errorCode();
    }

    /** Members by mobile, without those someone already holds. */
    private static Map<String, DingTalkMember> byMobile(Map<String, DingTalkMember> members, Set<String> knownIds) {
        Map<String, DingTalkMember> byMobile = new HashMap<>();
        members.values().stream().filter(m -> m.mobile() != null && !knownIds.contains(m.userId()))
                .forEach(m -> byMobile.putIfAbsent(m.mobile(), m));
        return byMobile;
    }

    /**
     * Creates the person; when DingTalk answers that their mobile (60104) or userid (60102) is taken,
     * looks the member up and adopts them if they are the same person (same mobile, not held by
     * another ProYi account). Otherwise the refusal is remembered with the fingerprint of the
     * person's data and not tried again until it changes.
     */
    private String createOrAdopt(String tenantId, Person person, long deptId, String path, String hash,
                                 Predicate<String> heldByOthers, Set<String> knownIds, TenantSyncReport report) {
        try {
            String userId = contacts.createUser(tenantId, person, List.of(deptId));
            pushed(report, person, userId, hash, false);
            report.created();
            return CREATED;
        } catch (DingTalkException e) {
            if (e.errcode() == DingTalkContacts.MOBILE_TAKEN && person.mobile() != null) {
                Optional<DingTalkMember> owner = contacts.userIdByMobile(tenantId, person.mobile())
                        .flatMap(id -> contacts.user(tenantId, id));
                if (owner.isPresent() && !heldByOthers.test(owner.get().userId())) {
                    adopt(tenantId, person, owner.get(), () -> deptId, path, hash, knownIds, report, "mobile (60104)");
                    return ADOPTED;
                }
                holdBack(person, e, hash, report, owner.map(m -> "the mobile belongs to DingTalk member " + m.userId()
                        + ", whom another ProYi account holds: correct the mobile in ProYi or unbind that account;"
                        + " the sync tries again when the person's data changes").orElse(null));
                return CONFLICT + e.errcode();
            }
            if (e.errcode() == DingTalkContacts.USERID_TAKEN) {
                Optional<DingTalkMember> owner = contacts.user(tenantId, person.account());
                if (owner.isPresent() && Objects.equals(owner.get().mobile(), person.mobile())
                        && !heldByOthers.test(owner.get().userId())) {
                    adopt(tenantId, person, owner.get(), () -> deptId, path, hash, knownIds, report, "userid and mobile (60102)");
                    return ADOPTED;
                }
                holdBack(person, e, hash, report, null);
                return CONFLICT + e.errcode();
            }
            throw e;
        }
    }

    private void holdBack(Person person, DingTalkException e, String hash, TenantSyncReport report, String advice) {
        states.heldBack(person, e.errcode(), e.getMessage(), hash);
        report.heldBack(person, e.errcode(), e.getMessage(), advice != null ? advice : TenantSyncReport.advice(e.errcode()));
    }

    /**
     * Takes over a member already in DingTalk, writing the id back and sending what differs of the
     * profile. An employee who is in a department already is adopted in place: their departments stay
     * exactly as they are, so usually no call at all (unless
     * proyi.sync.contacts.adopted-employees-join-portal). Anyone else gets the portal department added
     * in the same update, keeping every department they are in.
     */
    private void adopt(String tenantId, Person person, DingTalkMember member, LongSupplier deptId, String path, String hash,
                       Set<String> knownIds, TenantSyncReport report, String matchedBy) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> profile = DingTalkContacts.profile(person);
        Reconciler.changes(person, member).forEach(field -> fields.put(field, profile.get(field)));
        boolean inPlace = reconciler.adoptInPlace(person, member.deptIds());
        if (!inPlace) {
            long portal = deptId.getAsLong();
            if (!member.deptIds().contains(portal)) {
                List<Long> deptIds = new ArrayList<>(member.deptIds());
                deptIds.add(portal);
                fields.put("dept_id_list", DingTalkContacts.joined(deptIds));
            }
        }
        if (!fields.isEmpty()) {
            contacts.updateUser(tenantId, member.userId(), fields);
        }
        knownIds.add(member.userId());
        report.adopted(person, member.userId(), path, member.deptIds(), matchedBy, inPlace);
        pushed(report, person, member.userId(), hash, inPlace);
    }

    /**
     * Sends what differs of the person's profile and, unless they are an employee adopted in place,
     * moves them into their department within the sync's own (keeping departments it does not own).
     */
    private void update(String tenantId, ContactPlan.Update update, LongSupplier deptIdOf, Set<Long> ownDepartments,
                        TenantSyncReport report) {
        Person person = update.person();
        DingTalkMember member = update.member() != null ? update.member()
                : contacts.user(tenantId, update.userId()).orElse(null);
        if (member == null) {
            // The remembered or bound id is gone from DingTalk: the person is new again.
            String userId = contacts.createUser(tenantId, person, List.of(deptIdOf.getAsLong()));
            pushed(report, person, userId, update.hash(), false);
            report.created();
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> profile = DingTalkContacts.profile(person);
        List<String> changes = update.member() != null ? update.changes()
                : update.keptInPlace() ? Reconciler.changes(person, member) : List.copyOf(profile.keySet());
        changes.stream().filter(profile::containsKey).forEach(field -> fields.put(field, profile.get(field)));
        if (update.keptInPlace()) {
            if (!fields.isEmpty()) {
                contacts.updateUser(tenantId, member.userId(), fields);
                report.updated();
            }
            pushed(report, person, member.userId(), update.hash(), true);
            return;
        }
        long deptId = deptIdOf.getAsLong();
        if (!member.deptIds().contains(deptId)) {
            // Keep the person in departments the sync does not own; move them within its own.
            List<Long> deptIds = new ArrayList<>(member.deptIds().stream().filter(id -> !ownDepartments.contains(id)).toList());
            deptIds.add(deptId);
            fields.put("dept_id_list", DingTalkContacts.joined(deptIds));
            report.moved();
        }
        if (!fields.isEmpty()) {
            contacts.updateUser(tenantId, member.userId(), fields);
            report.updated();
        }
        pushed(report, person, member.userId(), update.hash(), false);
    }

    private void pushed(TenantSyncReport report, Person person, String userId, String hash) {
        pushed(report, person, userId, hash, null);
    }

    /** @param adoptedInPlace see {@link SyncStates#pushed(Person, String, String, Boolean)} */
    private void pushed(TenantSyncReport report, Person person, String userId, String hash, Boolean adoptedInPlace) {
        DingTalkIdWriteback.Outcome outcome = transaction.execute(status -> {
            states.pushed(person, userId, hash, adoptedInPlace);
            return userId.equals(person.boundUserId()) ? DingTalkIdWriteback.Outcome.WRITTEN : writeback.write(person, userId);
        });
        switch (outcome) {
            case WAITING_FOR_LOGIN -> report.waitingForLogin(person, userId);
            case ID_TAKEN -> report.conflict(person, DingTalkException.NO_ERRCODE,
                    "DingTalk user " + userId + " is already bound to another ProYi account");
            case WRITTEN -> { }
        }
    }

    private void remove(String tenantId, DingTalkMember member, TenantSyncReport report) {
        try {
            contacts.deleteUser(tenantId, member.userId());
            unbinding.unbind(tenantId, member.userId(), UnbindReasons.LEFT_DINGTALK, ACTOR).forEach(account -> report.unbound());
            states.forget(tenantId, member.userId());
            report.removed();
        } catch (DingTalkException e) {
            log.warn("Contact sync could not remove DingTalk user {} of tenant {}: {}", member.userId(), tenantId, e.getMessage());
        }
    }

    /** Runs one person's calls; DingTalk's refusal is recorded against the person and the run goes on. */
    private void perPerson(TenantSyncReport report, Person person, Runnable calls, SyncMetrics.SyncRun progress,
                           AtomicLong done) {
        try {
            calls.run();
        } catch (DingTalkException e) {
            report.conflict(person, e.errcode(), e.getMessage());
            states.failed(person, person.boundUserId(), e.errcode(), e.getMessage());
        }
        progress.progress(done.incrementAndGet());
    }
}
