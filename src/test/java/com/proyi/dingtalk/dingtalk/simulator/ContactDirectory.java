package com.proyi.dingtalk.dingtalk.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The address book of each organisation (API.md §5, rules of §9): a department tree under the
 * root 1 and users with unique userid, mobile and email. Members created here also become members
 * in {@link OrgDirectory}, so they can receive work notifications.
 */
final class ContactDirectory {

    static final long ROOT = 1;
    static final int MAX_USER_NAME = 80;
    static final int MAX_DEPT_NAME = 64;
    static final int MAX_USERID = 64;
    /** dept_permits, user_permits, outer_permit_depts, outer_permit_users: at most 50 entries each (API.md §5.8). */
    static final int MAX_PERMITS = 50;
    private static final Pattern MOBILE = Pattern.compile("(\\+\\d{1,4}-)?\\d{5,15}");
    private static final Pattern FORBIDDEN_IN_DEPT_NAME = Pattern.compile("[-,，]");

    /** The fields of a create or update call; null means "not given". */
    record UserFields(String name, String mobile, String email, String title, String jobNumber, List<Long> deptIds) {
    }

    private final OrgDirectory members;
    private final Map<String, Org> orgs = new ConcurrentHashMap<>();

    ContactDirectory(OrgDirectory members) {
        this.members = members;
    }

    private Org org(String corpId) {
        return orgs.computeIfAbsent(corpId, id -> new Org());
    }

    /** One organisation; every operation locks it, as the real org serialises address-book writes. */
    private static final class Org {
        final Map<Long, ContactDepartment> departments = new LinkedHashMap<>(Map.of(ROOT, new ContactDepartment(ROOT, "根部门", 0)));
        final Map<String, ContactUser> users = new LinkedHashMap<>();
        final Map<String, String> userIdByMobile = new HashMap<>();
        final Map<String, String> userIdByEmail = new HashMap<>();
        long nextDeptId = 100_000_001L;
        long nextUserNumber = 1;
    }

    ContactUser createUser(String corpId, String requestedUserId, UserFields fields) {
        Org org = org(corpId);
        synchronized (org) {
            String name = require(fields.name(), "name");
            checkName(name);
            String mobile = require(fields.mobile(), "mobile");
            checkMobile(mobile);
            List<Long> deptIds = fields.deptIds();
            if (deptIds == null || deptIds.isEmpty()) {
                throw OapiException.invalidParam("缺少参数 dept_id_list");
            }
            checkDepartments(org, deptIds);
            checkOptional(fields);
            String userId = requestedUserId != null ? requestedUserId : "sim" + org.nextUserNumber++;
            if (userId.isEmpty() || userId.length() > MAX_USERID) {
                throw OapiException.invalidParam("userid 长度必须为 1-" + MAX_USERID);
            }
            if (org.users.containsKey(userId)) {
                throw OapiException.of(60102, "UserID在公司中已存在: " + userId);
            }
            checkMobileFree(org, mobile, null);
            checkEmailFree(org, fields.email(), null);
            ContactUser user = new ContactUser(userId, OrgDirectory.unionIdOf(corpId, userId), name, mobile, fields.email(), fields.title(),
                    fields.jobNumber(), List.copyOf(new LinkedHashSet<>(deptIds)));
            store(org, corpId, user);
            return user;
        }
    }

    void updateUser(String corpId, String userId, UserFields fields) {
        Org org = org(corpId);
        synchronized (org) {
            ContactUser user = Optional.ofNullable(org.users.get(userId)).orElseThrow(() -> notFoundForUpdate(userId));
            if (fields.name() != null) {
                checkName(fields.name());
            }
            if (fields.mobile() != null) {
                checkMobile(fields.mobile());
                checkMobileFree(org, fields.mobile(), userId);
            }
            if (fields.deptIds() != null) {
                if (fields.deptIds().isEmpty()) {
                    throw OapiException.invalidParam("dept_id_list 不能为空");
                }
                checkDepartments(org, fields.deptIds());
            }
            checkOptional(fields);
            checkEmailFree(org, fields.email(), userId);
            ContactUser updated = new ContactUser(userId, user.unionId(), or(fields.name(), user.name()), or(fields.mobile(), user.mobile()),
                    or(fields.email(), user.email()), or(fields.title(), user.title()),
                    or(fields.jobNumber(), user.jobNumber()),
                    fields.deptIds() == null ? user.deptIds() : List.copyOf(new LinkedHashSet<>(fields.deptIds())));
            unindex(org, user);
            store(org, corpId, updated);
        }
    }

    void deleteUser(String corpId, String userId) {
        Org org = org(corpId);
        synchronized (org) {
            ContactUser user = org.users.remove(userId);
            if (user == null) {
                throw OapiException.of(33012, "无效的USERID: " + userId);
            }
            unindex(org, user);
            members.removeUser(corpId, userId);
        }
    }

    Optional<ContactUser> findUser(String corpId, String userId) {
        Org org = org(corpId);
        synchronized (org) {
            return Optional.ofNullable(org.users.get(userId));
        }
    }

    String userIdByMobile(String corpId, String mobile) {
        Org org = org(corpId);
        synchronized (org) {
            return Optional.ofNullable(org.userIdByMobile.get(mobile))
                    .orElseThrow(() -> OapiException.of(60121, "找不到该用户"));
        }
    }

    /** Direct members of a department in the order they joined it. */
    List<ContactUser> directMembers(String corpId, long deptId) {
        Org org = org(corpId);
        synchronized (org) {
            requireDepartment(org, deptId, 60003);
            return org.users.values().stream().filter(user -> user.deptIds().contains(deptId)).toList();
        }
    }

    /** The users in these departments or below them, each once, and the department ids that do not exist. */
    WorkNotificationStore.Recipients expand(String corpId, List<Long> deptIds) {
        Org org = org(corpId);
        synchronized (org) {
            Set<Long> subtree = new HashSet<>();
            List<Long> unknown = new ArrayList<>();
            for (long deptId : deptIds) {
                if (org.departments.containsKey(deptId)) {
                    addSubtree(org, deptId, subtree);
                } else {
                    unknown.add(deptId);
                }
            }
            List<String> userIds = org.users.values().stream()
                    .filter(user -> user.deptIds().stream().anyMatch(subtree::contains))
                    .map(ContactUser::userId).toList();
            return new WorkNotificationStore.Recipients(userIds, List.copyOf(unknown), false);
        }
    }

    private static void addSubtree(Org org, long deptId, Set<Long> subtree) {
        if (subtree.add(deptId)) {
            org.departments.values().stream().filter(d -> d.parentId() == deptId && d.id() != ROOT)
                    .forEach(child -> addSubtree(org, child.id(), subtree));
        }
    }

    List<ContactUser> users(String corpId) {
        Org org = org(corpId);
        synchronized (org) {
            return List.copyOf(org.users.values());
        }
    }

    ContactDepartment createDepartment(String corpId, String name, long parentId, DepartmentSettings.Changes changes) {
        Org org = org(corpId);
        synchronized (org) {
            checkDepartmentName(name, 40035);
            requireDepartment(org, parentId, 60004);
            // Unconfirmed on v2 (API.md §5.8): refusing a duplicate name is the strict reading.
            boolean taken = org.departments.values().stream()
                    .anyMatch(d -> d.parentId() == parentId && d.name().equals(name));
            if (taken) {
                throw OapiException.of(60008, "部门名称已经存在: " + name);
            }
            long deptId = org.nextDeptId++;
            DepartmentSettings settings = checkedSettings(org, deptId, DepartmentSettings.DEFAULT.with(changes), 600109);
            ContactDepartment department = new ContactDepartment(deptId, name, parentId, settings);
            org.departments.put(department.id(), department);
            return department;
        }
    }

    void updateDepartment(String corpId, long deptId, String name, Long parentId, DepartmentSettings.Changes changes) {
        Org org = org(corpId);
        synchronized (org) {
            if (deptId == ROOT) {
                throw OapiException.of(60018, "根部门不能被修改");
            }
            ContactDepartment department = requireDepartment(org, deptId, 60003);
            if (name != null) {
                checkDepartmentName(name, 60001);
            }
            long newParent = parentId == null ? department.parentId() : parentId;
            requireDepartment(org, newParent, 60004);
            for (long ancestor = newParent; ancestor != 0; ancestor = org.departments.get(ancestor).parentId()) {
                if (ancestor == deptId) {
                    throw OapiException.of(60010, "部门不能移动到自己的子部门下");
                }
            }
            DepartmentSettings settings = checkedSettings(org, deptId, department.settings().with(changes), 60109);
            org.departments.put(deptId, new ContactDepartment(deptId, or(name, department.name()), newParent, settings));
        }
    }

    Optional<ContactDepartment> department(String corpId, long deptId) {
        Org org = org(corpId);
        synchronized (org) {
            return Optional.ofNullable(org.departments.get(deptId));
        }
    }

    ContactDepartment requireDepartment(String corpId, long deptId) {
        Org org = org(corpId);
        synchronized (org) {
            return requireDepartment(org, deptId, 60003);
        }
    }

    /** Whether the viewer sees the target in the DingTalk client's directory (see {@link DirectoryVisibility}). */
    boolean canSee(String corpId, String viewerId, String targetId) {
        Org org = org(corpId);
        synchronized (org) {
            return new DirectoryVisibility(org.departments).canSee(existing(org, viewerId), existing(org, targetId));
        }
    }

    List<ContactUser> visibleTo(String corpId, String viewerId) {
        Org org = org(corpId);
        synchronized (org) {
            ContactUser viewer = existing(org, viewerId);
            DirectoryVisibility visibility = new DirectoryVisibility(org.departments);
            return org.users.values().stream().filter(target -> visibility.canSee(viewer, target)).toList();
        }
    }

    private static ContactUser existing(Org org, String userId) {
        ContactUser user = org.users.get(userId);
        if (user == null) {
            throw new IllegalArgumentException("no contact user " + userId);
        }
        return user;
    }

    /** The visibility lists name existing departments and users, at most 50 each; managers are members. */
    private static DepartmentSettings checkedSettings(Org org, long deptId, DepartmentSettings settings, int listErrcode) {
        for (List<Long> depts : List.of(settings.deptPermits(), settings.outerPermitDepts())) {
            if (depts.size() > MAX_PERMITS || !depts.stream().allMatch(org.departments::containsKey)) {
                throw OapiException.of(listErrcode, "可见范围设置不合法: 部门 " + depts + " (最多 " + MAX_PERMITS + " 个已存在的部门)");
            }
        }
        for (List<String> users : List.of(settings.userPermits(), settings.outerPermitUsers())) {
            if (users.size() > MAX_PERMITS || !users.stream().allMatch(org.users::containsKey)) {
                throw OapiException.of(listErrcode, "可见范围设置不合法: 用户 " + users + " (最多 " + MAX_PERMITS + " 个已存在的用户)");
            }
        }
        for (String manager : settings.managerUserIds()) {
            ContactUser user = org.users.get(manager);
            if (user == null || !user.deptIds().contains(deptId)) {
                throw OapiException.of(40031, "部门主管必须是本部门的成员: " + manager);
            }
        }
        return settings;
    }

    void deleteDepartment(String corpId, long deptId) {
        Org org = org(corpId);
        synchronized (org) {
            if (deptId == ROOT) {
                throw OapiException.of(60007, "根部门不能删除");
            }
            requireDepartment(org, deptId, 60003);
            if (org.users.values().stream().anyMatch(user -> user.deptIds().contains(deptId))) {
                throw OapiException.of(60005, "部门中存在员工，不能删除");
            }
            if (org.departments.values().stream().anyMatch(d -> d.parentId() == deptId)) {
                throw OapiException.of(60006, "部门中存在子部门，不能删除");
            }
            org.departments.remove(deptId);
        }
    }

    List<ContactDepartment> subDepartments(String corpId, long parentId) {
        Org org = org(corpId);
        synchronized (org) {
            requireDepartment(org, parentId, 60003);
            return org.departments.values().stream().filter(d -> d.parentId() == parentId && d.id() != ROOT).toList();
        }
    }

    List<ContactDepartment> departments(String corpId) {
        Org org = org(corpId);
        synchronized (org) {
            return List.copyOf(org.departments.values());
        }
    }

    /** Forgets every department and contact user; notice-only members added elsewhere stay. */
    void reset() {
        orgs.forEach((corpId, org) -> {
            synchronized (org) {
                org.users.keySet().forEach(userId -> members.removeUser(corpId, userId));
            }
        });
        orgs.clear();
    }

    private void store(Org org, String corpId, ContactUser user) {
        org.users.put(user.userId(), user);
        org.userIdByMobile.put(user.mobile(), user.userId());
        if (user.email() != null) {
            org.userIdByEmail.put(user.email(), user.userId());
        }
        members.addUser(corpId, user.userId(), user.name());
    }

    private static void unindex(Org org, ContactUser user) {
        org.userIdByMobile.remove(user.mobile());
        if (user.email() != null) {
            org.userIdByEmail.remove(user.email());
        }
    }

    private static ContactDepartment requireDepartment(Org org, long deptId, int errcode) {
        ContactDepartment department = org.departments.get(deptId);
        if (department == null) {
            throw OapiException.of(errcode, errcode == 60004 ? "父部门不存在: " + deptId : "部门不存在: " + deptId);
        }
        return department;
    }

    private static void checkDepartments(Org org, List<Long> deptIds) {
        if (deptIds.size() > 100) {
            throw OapiException.invalidParam("dept_id_list 最多 100 个部门");
        }
        deptIds.forEach(id -> requireDepartment(org, id, 60003));
    }

    private static void checkMobileFree(Org org, String mobile, String self) {
        String owner = mobile == null ? null : org.userIdByMobile.get(mobile);
        if (owner != null && !owner.equals(self)) {
            throw OapiException.of(60104, "手机号码在公司中已存在, userid: " + owner);
        }
    }

    private static void checkEmailFree(Org org, String email, String self) {
        String owner = email == null ? null : org.userIdByEmail.get(email);
        if (owner != null && !owner.equals(self)) {
            throw OapiException.of(60106, "邮箱在公司中已存在");
        }
    }

    private static void checkName(String name) {
        if (name.isBlank() || name.length() > MAX_USER_NAME) {
            throw OapiException.invalidParam("name 长度必须为 1-" + MAX_USER_NAME);
        }
    }

    static boolean isMobile(String mobile) {
        return MOBILE.matcher(mobile).matches();
    }

    private static void checkMobile(String mobile) {
        if (!isMobile(mobile)) {
            throw OapiException.of(60103, "手机号码不合法: " + mobile);
        }
    }

    private static void checkOptional(UserFields fields) {
        checkLength("email", fields.email(), 50);
        checkLength("title", fields.title(), 200);
        checkLength("job_number", fields.jobNumber(), 50);
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw OapiException.invalidParam(field + " 最长 " + max + " 个字符");
        }
    }

    private static void checkDepartmentName(String name, int errcode) {
        if (name == null || name.isEmpty() || name.length() > MAX_DEPT_NAME || FORBIDDEN_IN_DEPT_NAME.matcher(name).find()) {
            throw OapiException.of(errcode, "部门名称不合法 (1-" + MAX_DEPT_NAME + " 个字符，不能包含 - 或 ,): " + name);
        }
    }

    private static String require(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw OapiException.invalidParam("缺少参数 " + field);
        }
        return value;
    }

    /** The given field, or the stored one when the call left it out. */
    private static <T> T or(T given, T stored) {
        return given != null ? given : stored;
    }

    private static OapiException notFoundForUpdate(String userId) {
        return OapiException.of(60121, "找不到该用户: " + userId);
    }
}
