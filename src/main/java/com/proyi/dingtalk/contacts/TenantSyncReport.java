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

    /** A person DingTalk refused, with DingTalk's answer (e.g. 60104 mobile taken, 60102 id taken, 40035 bad field). */
    public record Conflict(String account, String kind, String name, int errcode, String error) {
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
    private final List<Entry> toCreate = new ArrayList<>();
    private final List<Entry> toUpdate = new ArrayList<>();
    private final List<Entry> toRemove = new ArrayList<>();
    private final List<String> departmentsToCreate = new ArrayList<>();
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
        conflicts.add(new Conflict(person.account(), person.portal().name(), person.name(), errcode, error));
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
    public List<Entry> getToCreate() { return toCreate; }
    public List<Entry> getToUpdate() { return toUpdate; }
    public List<Entry> getToRemove() { return toRemove; }
    public List<String> getDepartmentsToCreate() { return departmentsToCreate; }
    /** Found in DingTalk, but unbound for cause: only the person's own login binds them again. */
    public List<Entry> getWaitingForLogin() { return waitingForLogin; }
    public List<Conflict> getConflicts() { return conflicts; }
}
