package com.proyi.dingtalk.contacts;

import java.util.ArrayList;
import java.util.List;

/**
 * What one sync run found and did for one tenant; served as JSON by the admin API. The lists
 * say who; the counters say how many calls succeeded.
 */
public class TenantSyncReport {

    public enum Status {
        /** Every change was made (per-person conflicts are listed, they do not stop the run). */
        DONE,
        /** Dry run: the lists say what a real run would do; nothing was changed. */
        DRY_RUN,
        /** The run would have removed more than proyi.sync.contacts.max-removal-share; nothing was changed. */
        GUARDED,
        /** No DingTalk app is configured for the tenant. */
        SKIPPED,
        /** The run stopped on an error that is not about one person (see error). */
        FAILED
    }

    /** One person in a list; fields that do not apply are null. */
    public record Entry(String account, String kind, String name, String userId, String department, List<String> changes) {
    }

    /**
     * A person DingTalk refused, with DingTalk's answer (e.g. 60104 mobile taken, 60102 id taken, 40035
     * bad field) and what to do about it. {@code retried} is false for a conflict the sync does not try
     * again until the person's data in ProYi changes.
     */
    public record Conflict(String account, String kind, String name, int errcode, String error, String advice,
                           boolean retried) {
    }

    /**
     * A member already in DingTalk whom the sync took over: the id written back, their own departments
     * kept. {@code keptInPlace}: an employee left in exactly those departments, {@code department} not
     * added (proyi.sync.contacts.adopted-employees-join-portal off).
     */
    public record Adoption(String account, String kind, String name, String userId, String department,
                           List<Long> keptDepartments, String matchedBy, boolean keptInPlace) {
    }

    private final String tenantId;
    private final int people;
    private Status status = Status.DONE;
    private String error;
    private int inDingTalk;
    private int unchanged;
    private int created;
    private int updated;
    private int removed;
    private int moved;
    private int unbound;
    private final List<Adoption> adopted = new ArrayList<>();
    private final List<Adoption> toAdopt = new ArrayList<>();
    private final List<Entry> toCreate = new ArrayList<>();
    private final List<Entry> toUpdate = new ArrayList<>();
    private final List<Entry> toRemove = new ArrayList<>();
    private final List<String> departmentsToCreate = new ArrayList<>();
    private final List<String> departmentsRestricted = new ArrayList<>();
    private final List<Entry> waitingForLogin = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();

    public TenantSyncReport(String tenantId, int people) {
        this.tenantId = tenantId;
        this.people = people;
    }

    void describe(ContactPlan plan) {
        inDingTalk = plan.memberCount();
        unchanged = plan.unchanged();
        plan.creates().forEach(c -> toCreate.add(entry(c.person(), null, c.path(), null)));
        plan.updates().forEach(u -> toUpdate.add(entry(u.person(), u.userId(), u.path(), u.changes())));
        plan.removals().forEach(m -> toRemove.add(new Entry(null, null, m.name(), m.userId(), null, null)));
    }

    void finish(Status status, String error) {
        this.status = status;
        this.error = error;
    }

    void conflict(Person person, int errcode, String error) {
        conflicts.add(new Conflict(person.account(), person.portal().name(), person.name(), errcode, error,
                advice(errcode), true));
    }

    /** A refusal the sync does not retry until the person's data changes. */
    void heldBack(Person person, int errcode, String error, String advice) {
        conflicts.add(new Conflict(person.account(), person.portal().name(), person.name(), errcode, error, advice, false));
    }

    void adopted(Person person, String userId, String path, List<Long> kept, String matchedBy, boolean keptInPlace) {
        adopted.add(new Adoption(person.account(), person.portal().name(), person.name(), userId, path, List.copyOf(kept),
                matchedBy, keptInPlace));
    }

    /** A dry run's planned adoption. */
    void toAdopt(Person person, String userId, String path, List<Long> kept, boolean keptInPlace) {
        toCreate.removeIf(entry -> entry.account().equals(person.account()) && entry.kind().equals(person.portal().name()));
        toAdopt.add(new Adoption(person.account(), person.portal().name(), person.name(), userId, path, List.copyOf(kept),
                "mobile", keptInPlace));
    }

    void unchanged() {
        unchanged++;
    }

    void restricted(String path) {
        departmentsRestricted.add(path);
    }

    void moved() {
        moved++;
    }

    void unbound() {
        unbound++;
    }

    /** What an operator does about a refusal with this errcode. */
    static String advice(int errcode) {
        return switch (errcode) {
            case 60102 -> "DingTalk already has a member with this userid and another mobile: correct the mobile in"
                    + " ProYi if it is the same person, or rename one of the two accounts; the sync tries again when"
                    + " the person's data changes";
            case 60104, 60107 -> "the mobile belongs to a DingTalk member bound to another ProYi account: correct"
                    + " the mobile in ProYi or unbind the other account; the sync tries again when the person's data changes";
            case 60103, 40104 -> "DingTalk does not accept the mobile: correct it in ProYi (mainland numbers as 11 digits,"
                    + " others as +xx-xxxxxxxx)";
            case 60105, 60106 -> "the email is invalid or used by another DingTalk member: correct it in ProYi";
            case 60112 -> "DingTalk does not accept the name: correct it in ProYi";
            case 60113 -> "the person has no mobile: enter one in ProYi";
            case 40019 -> "the person's DingTalk account is in 5 uncertified organisations already: they must leave one";
            case 40103 -> "the person protects their DingTalk account: DingTalk sent them an invitation to accept";
            case 40035, 400002 -> "DingTalk refused a field: check name, mobile, email, title and job number in ProYi";
            default -> "see DingTalk's message; the next run tries again";
        };
    }

    void waitingForLogin(Person person, String userId) {
        waitingForLogin.add(entry(person, userId, null, null));
    }

    void departmentToCreate(String path) {
        departmentsToCreate.add(path);
    }

    void created() {
        created++;
    }

    void updated() {
        updated++;
    }

    void removed() {
        removed++;
    }

    private static Entry entry(Person person, String userId, String path, List<String> changes) {
        return new Entry(person.account(), person.portal().name(), person.name(), userId, path, changes);
    }

    public String getTenantId() { return tenantId; }
    public Status getStatus() { return status; }
    public String getError() { return error; }
    /** Active people in ProYi. */
    public int getPeople() { return people; }
    /** Members found in the sync's DingTalk departments. */
    public int getInDingTalk() { return inDingTalk; }
    public int getUnchanged() { return unchanged; }
    public int getCreated() { return created; }
    public int getUpdated() { return updated; }
    public int getRemoved() { return removed; }
    /** Updates that moved the person into their ProYi department (counted in updated as well). */
    public int getMoved() { return moved; }
    /** Bindings the run removed (people removed from DingTalk lose their binding). */
    public int getUnbound() { return unbound; }
    /** Members found in DingTalk by mobile and taken over instead of created. */
    public int getAdoptedCount() { return adopted.size(); }
    public List<Adoption> getAdopted() { return adopted; }
    /** Dry run: members a real run would adopt. */
    public List<Adoption> getToAdopt() { return toAdopt; }
    /** Everything the run changed: what a reconciliation had to fix. */
    public int getFixed() { return adopted.size() + created + updated + removed; }
    public List<Entry> getToCreate() { return toCreate; }
    public List<Entry> getToUpdate() { return toUpdate; }
    public List<Entry> getToRemove() { return toRemove; }
    public List<String> getDepartmentsToCreate() { return departmentsToCreate; }
    /** Existing partner departments the run brought to the restricted settings (hidden, outer_dept). */
    public List<String> getDepartmentsRestricted() { return departmentsRestricted; }
    /** Found in DingTalk, but unbound for cause: only the person's own login binds them again. */
    public List<Entry> getWaitingForLogin() { return waitingForLogin; }
    public List<Conflict> getConflicts() { return conflicts; }
}
