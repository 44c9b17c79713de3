package com.proyi.dingtalk.contacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Matches ProYi's people with DingTalk's members and decides what changes, without calling
 * anyone: by DingTalk id first (the bound id, else the one the sync remembers), by mobile second.
 * A person whose pushed fields hash to what the last successful sync pushed, and who is in the
 * right department, needs nothing. An employee adopted in place (see {@link SyncState#adoptedInPlace})
 * is in the right department wherever they are, as long as
 * {@code proyi.sync.contacts.adopted-employees-join-portal} is off: no department of the sync lists
 * them, and they cost no call while their data is unchanged.
 */
final class Reconciler {

    private final SyncProperties.Contacts settings;

    Reconciler(SyncProperties.Contacts settings) {
        this.settings = settings;
    }

    /**
     * @param states   sync state by {@link Person#key()}
     * @param members  members of the sync's departments by userid
     * @param deptIdOf DingTalk department id of a path, null while it does not exist yet
     */
    ContactPlan plan(List<Person> people, Map<String, SyncState> states, Map<String, DingTalkMember> members,
                     Function<String, Long> deptIdOf) {
        Set<String> knownIds = new HashSet<>();
        people.forEach(person -> {
            String known = knownId(person, states.get(person.key()));
            if (known != null) {
                knownIds.add(known);
            }
        });
        Map<String, DingTalkMember> byMobile = new HashMap<>();
        members.values().stream().filter(m -> m.mobile() != null && !knownIds.contains(m.userId()))
                .forEach(m -> byMobile.putIfAbsent(m.mobile(), m));

        List<ContactPlan.Create> creates = new ArrayList<>();
        List<ContactPlan.Update> updates = new ArrayList<>();
        List<ContactPlan.Link> links = new ArrayList<>();
        List<ContactPlan.Held> held = new ArrayList<>();
        Set<String> matched = new HashSet<>();
        int unchanged = 0;
        for (Person person : people) {
            SyncState state = states.get(person.key());
            String path = person.departmentPath(settings);
            String hash = person.contentHash(path);
            String known = knownId(person, state);
            DingTalkMember member = known != null ? members.get(known) : null;
            if (member == null && known == null && person.mobile() != null) {
                member = byMobile.remove(person.mobile());
            }
            boolean keptInPlace = keptInPlace(person, state) && known != null && known.equals(state.dingtalkUserId());
            if (member == null && keptInPlace) {
                if (!hash.equals(state.contentHash())) {
                    updates.add(new ContactPlan.Update(person, known, null, List.of("profile"), path, hash, true));
                } else if (person.boundUserId() != null) {
                    unchanged++;
                } else {
                    links.add(new ContactPlan.Link(person, known, hash));
                }
                continue;
            }
            if (member == null) {
                if (known != null) {
                    updates.add(new ContactPlan.Update(person, known, null, List.of("department"), path, hash, false));
                } else if (state != null && state.heldBack(hash)) {
                    held.add(new ContactPlan.Held(person, state));
                } else {
                    creates.add(new ContactPlan.Create(person, path, hash));
                }
                continue;
            }
            matched.add(member.userId());
            Long deptId = deptIdOf.apply(path);
            boolean inDepartment = keptInPlace || deptId != null && member.deptIds().contains(deptId);
            boolean pushedAlready = state != null && hash.equals(state.contentHash()) && member.userId().equals(state.dingtalkUserId());
            List<String> changes = pushedAlready ? List.of() : changes(person, member);
            if (!inDepartment) {
                changes = new ArrayList<>(changes);
                changes.add("department");
            }
            if (!changes.isEmpty()) {
                updates.add(new ContactPlan.Update(person, member.userId(), member, changes, path, hash, keptInPlace));
            } else if (pushedAlready && person.boundUserId() != null) {
                unchanged++;
            } else {
                links.add(new ContactPlan.Link(person, member.userId(), hash));
            }
        }
        List<DingTalkMember> removals = members.values().stream().filter(m -> !matched.contains(m.userId())).toList();
        return new ContactPlan(creates, updates, links, unchanged, removals, members.size(), held, knownIds);
    }

    /**
     * Whether the person is an employee the sync adopted in the DingTalk departments they were in and
     * leaves there: true while proyi.sync.contacts.adopted-employees-join-portal is off.
     */
    boolean keptInPlace(Person person, SyncState state) {
        return state != null && state.adoptedInPlace() && person.portal() == Portal.EMPLOYEE
                && !settings.isAdoptedEmployeesJoinPortal();
    }

    /** Whether an employee adopted now, who is in {@code deptIds} already, stays there without the portal department. */
    boolean adoptInPlace(Person person, List<Long> deptIds) {
        return person.portal() == Portal.EMPLOYEE && !settings.isAdoptedEmployeesJoinPortal() && !deptIds.isEmpty();
    }

    private static String knownId(Person person, SyncState state) {
        return person.boundUserId() != null ? person.boundUserId() : state == null ? null : state.dingtalkUserId();
    }

    /** Fields that differ; a field ProYi leaves empty is not cleared in DingTalk. */
    static List<String> changes(Person person, DingTalkMember member) {
        List<String> changes = new ArrayList<>();
        compare(changes, "name", person.name(), member.name());
        compare(changes, "mobile", person.mobile(), member.mobile());
        compare(changes, "email", person.email(), member.email());
        compare(changes, "title", person.title(), member.title());
        compare(changes, "job_number", person.jobNumber(), member.jobNumber());
        return changes;
    }

    private static void compare(List<String> changes, String field, String proyi, String dingtalk) {
        if (proyi != null && !Objects.equals(proyi, dingtalk)) {
            changes.add(field);
        }
    }
}
