package com.proyi.dingtalk.dingtalk.simulator;

import java.util.List;

/**
 * A department's settings of API.md §5.8 as create, update and get carry them. The visibility ones
 * ({@code hide_dept} with {@code dept_permits}/{@code user_permits}, {@code outer_dept} with
 * {@code outer_dept_only_self}/{@code outer_permit_depts}/{@code outer_permit_users}) shape what
 * members see in the DingTalk client's directory, modelled by {@link ContactsConsole#canSee}; they do
 * not filter the app's own API reads (API.md gives them no meaning there; the app's contact range
 * is {@code /auth/scopes}). {@code sourceIdentifier} may be null.
 */
public record DepartmentSettings(boolean hideDept, List<Long> deptPermits, List<String> userPermits, boolean outerDept,
                                 boolean outerDeptOnlySelf, List<Long> outerPermitDepts, List<String> outerPermitUsers,
                                 boolean createDeptGroup, boolean autoAddUser, boolean autoApproveApply, long order,
                                 String sourceIdentifier, List<String> managerUserIds) {

    /** A new department's settings when the create call gives none. */
    public static final DepartmentSettings DEFAULT = new DepartmentSettings(false, List.of(), List.of(), false, false, List.of(),
            List.of(), false, false, false, 0, null, List.of());

    public DepartmentSettings {
        deptPermits = List.copyOf(deptPermits);
        userPermits = List.copyOf(userPermits);
        outerPermitDepts = List.copyOf(outerPermitDepts);
        outerPermitUsers = List.copyOf(outerPermitUsers);
        managerUserIds = List.copyOf(managerUserIds);
    }

    /** What a create or update call sent; null fields were not sent and stay as they are. */
    record Changes(Boolean hideDept, List<Long> deptPermits, List<String> userPermits, Boolean outerDept,
                   Boolean outerDeptOnlySelf, List<Long> outerPermitDepts, List<String> outerPermitUsers,
                   Boolean createDeptGroup, Boolean autoAddUser, Boolean autoApproveApply, Long order,
                   String sourceIdentifier, List<String> managerUserIds) {
    }

    DepartmentSettings with(Changes changes) {
        return new DepartmentSettings(or(changes.hideDept(), hideDept), or(changes.deptPermits(), deptPermits),
                or(changes.userPermits(), userPermits), or(changes.outerDept(), outerDept),
                or(changes.outerDeptOnlySelf(), outerDeptOnlySelf), or(changes.outerPermitDepts(), outerPermitDepts),
                or(changes.outerPermitUsers(), outerPermitUsers), or(changes.createDeptGroup(), createDeptGroup),
                or(changes.autoAddUser(), autoAddUser), or(changes.autoApproveApply(), autoApproveApply),
                or(changes.order(), order), or(changes.sourceIdentifier(), sourceIdentifier),
                or(changes.managerUserIds(), managerUserIds));
    }

    private static <T> T or(T given, T stored) {
        return given != null ? given : stored;
    }
}
