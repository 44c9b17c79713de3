package com.proyi.dingtalk.contacts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The DingTalk departments the sync owns (dingtalk_contact_department), by path such as
 * {@code 员工/总部/采购部}. Missing levels are adopted when DingTalk already has a department of
 * that name under the parent, and created otherwise.
 */
@Repository
public class DepartmentTree {

    static final long ROOT = 1;

    private final JdbcTemplate jdbc;
    private final DingTalkContacts contacts;

    public DepartmentTree(JdbcTemplate jdbc, DingTalkContacts contacts) {
        this.jdbc = jdbc;
        this.contacts = contacts;
    }

    /** The tenant's known departments: path to DingTalk id. */
    Map<String, Long> known(String tenantId) {
        Map<String, Long> departments = new LinkedHashMap<>();
        jdbc.query("SELECT path, dept_id FROM dingtalk_contact_department WHERE tenant_id = ? ORDER BY path",
                rs -> {
                    departments.put(rs.getString(1), rs.getLong(2));
                }, tenantId);
        return departments;
    }

    /** Tenants the sync owns departments for: they are reconciled even when ProYi has nobody left. */
    List<String> tenants() {
        return jdbc.queryForList("SELECT DISTINCT tenant_id FROM dingtalk_contact_department", String.class);
    }

    /** Forgets a department DingTalk no longer has; it is adopted or created again when needed. */
    void forget(String tenantId, String path) {
        jdbc.update("DELETE FROM dingtalk_contact_department WHERE tenant_id = ? AND path = ?", tenantId, path);
    }

    /** Resolves paths to DingTalk ids within one run, creating what is missing. */
    Resolver resolver(String tenantId, Map<String, Long> known) {
        return new Resolver(tenantId, new HashMap<>(known));
    }

    final class Resolver {
        private final String tenantId;
        private final Map<String, Long> ids;
        private final Map<Long, List<DingTalkContacts.SubDepartment>> children = new HashMap<>();

        private Resolver(String tenantId, Map<String, Long> ids) {
            this.tenantId = tenantId;
            this.ids = ids;
        }

        long ensure(String path) {
            Long id = ids.get(path);
            if (id != null) {
                return id;
            }
            int cut = path.lastIndexOf(DepartmentNames.LEVEL_SEPARATOR);
            long parent = cut < 0 ? ROOT : ensure(path.substring(0, cut));
            String name = path.substring(cut + 1);
            long deptId = children.computeIfAbsent(parent, p -> contacts.subDepartments(tenantId, p)).stream()
                    .filter(child -> child.name().equals(name)).map(DingTalkContacts.SubDepartment::id).findFirst()
                    .orElseGet(() -> contacts.createDepartment(tenantId, name, parent));
            jdbc.update("INSERT INTO dingtalk_contact_department (tenant_id, path, dept_id) VALUES (?, ?, ?)",
                    tenantId, path, deptId);
            ids.put(path, deptId);
            return deptId;
        }
    }
}
