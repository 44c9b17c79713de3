package com.proyi.dingtalk.dingtalk.simulator;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who sees whom in the DingTalk client's directory, from the department settings of API.md §5.8.
 * API.md names the settings but not their exact semantics; this is the reading of the admin
 * console's wording, stated so tests can rely on it:
 * <ul>
 * <li>{@code hide_dept}: the department and everything below it are hidden from everyone except
 * its own members (and those of its sub-departments), the users in {@code user_permits} and the
 * members of the departments in {@code dept_permits} (and below them). A person is hidden when
 * every one of their departments is.</li>
 * <li>{@code outer_dept}: the department's members (and those below it) see only the members of
 * their own department and below it (nobody else at all with {@code outer_dept_only_self}), plus
 * the members of {@code outer_permit_depts} (and below) and the {@code outer_permit_users}. A
 * person in several restricted departments sees what any of them allows.</li>
 * <li>Everyone always sees themselves.</li>
 * </ul>
 */
final class DirectoryVisibility {

    private final Map<Long, ContactDepartment> departments;

    DirectoryVisibility(Map<Long, ContactDepartment> departments) {
        this.departments = departments;
    }

    boolean canSee(ContactUser viewer, ContactUser target) {
        if (viewer.userId().equals(target.userId())) {
            return true;
        }
        return target.deptIds().stream().anyMatch(deptId -> !hiddenFrom(deptId, viewer)) && allowedByRestrictions(viewer, target);
    }

    private boolean hiddenFrom(long deptId, ContactUser viewer) {
        for (long id = deptId; departments.containsKey(id); id = departments.get(id).parentId()) {
            DepartmentSettings settings = departments.get(id).settings();
            if (settings.hideDept() && !settings.userPermits().contains(viewer.userId())
                    && !inAnySubtree(viewer, concat(id, settings.deptPermits()))) {
                return true;
            }
        }
        return false;
    }

    private boolean allowedByRestrictions(ContactUser viewer, ContactUser target) {
        boolean restricted = false;
        for (long restricting : restrictingDepartments(viewer)) {
            restricted = true;
            DepartmentSettings settings = departments.get(restricting).settings();
            boolean allowed = (!settings.outerDeptOnlySelf() && inAnySubtree(target, List.of(restricting)))
                    || inAnySubtree(target, settings.outerPermitDepts())
                    || settings.outerPermitUsers().contains(target.userId());
            if (allowed) {
                return true;
            }
        }
        return !restricted;
    }

    /** The viewer's departments and their ancestors that restrict their members' view. */
    private Set<Long> restrictingDepartments(ContactUser viewer) {
        Set<Long> restricting = new HashSet<>();
        for (long deptId : viewer.deptIds()) {
            for (long id = deptId; departments.containsKey(id); id = departments.get(id).parentId()) {
                if (departments.get(id).settings().outerDept()) {
                    restricting.add(id);
                }
            }
        }
        return restricting;
    }

    /** Whether one of the user's departments is one of the roots or below one. */
    private boolean inAnySubtree(ContactUser user, Collection<Long> roots) {
        for (long deptId : user.deptIds()) {
            for (long id = deptId; departments.containsKey(id); id = departments.get(id).parentId()) {
                if (roots.contains(id)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Long> concat(long first, List<Long> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
