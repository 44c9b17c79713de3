package com.proyi.dingtalk.contacts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The DingTalk departments the sync owns (dingtalk_contact_department), by path such as
 * {@code 员工/总部/采购部}. Missing levels are adopted when DingTalk already has a department of
 * that name under the parent, and created otherwise.
 *
 * <p>Partners are kept apart (API.md §5.8): the customer and supplier portal departments and every
 * department below them are hidden ({@code hide_dept}) from everyone but their own members and the
 * departments of proyi.sync.contacts.customers-visible-to / suppliers-visible-to, and their members'
 * view is restricted ({@code outer_dept}): the portal department shows them nobody
 * ({@code outer_dept_only_self}), a company department its own people, and both the visible-to
 * departments. New ones are created so; existing ones are brought to it ({@link #restrictPartners}).
 */
@Repository
public class DepartmentTree {

    static final long ROOT = 1;

    private final JdbcTemplate jdbc;
    private final DingTalkContacts contacts;
    private final SyncProperties.Contacts settings;

    public DepartmentTree(JdbcTemplate jdbc, DingTalkContacts contacts, SyncProperties properties) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.settings = properties.getContacts();
    }

    /** The visible-to property of the partner portal the path is in; null when it is not a partner path. */
    private List<String> visibleTo(String path) {
        String top = path.split(DepartmentNames.LEVEL_SEPARATOR, 2)[0];
        if (top.equals(DepartmentNames.clean(settings.getCustomersDepartment()))) {
            return settings.getCustomersVisibleTo();
        }
        if (top.equals(DepartmentNames.clean(settings.getSuppliersDepartment()))) {
            return settings.getSuppliersVisibleTo();
        }
        return null;
    }

    /**
     * Brings every partner department of the tenant to the restricted settings, where they were not
     * applied yet or the visible-to properties changed since; one update call each, once.
     *
     * @return the paths it changed
     */
    List<String> restrictPartners(String tenantId, Resolver resolver) {
        record Known(String path, long deptId, String settingsHash) {
        }
        List<Known> partners = jdbc.query("SELECT path, dept_id, settings_hash FROM dingtalk_contact_department"
                + " WHERE tenant_id = ? ORDER BY path", (rs, n) -> new Known(rs.getString(1), rs.getLong(2), rs.getString(3)),
                tenantId).stream().filter(known -> visibleTo(known.path()) != null).toList();
        List<String> changed = new ArrayList<>();
        for (Known known : partners) {
            Map<String, Object> wanted = resolver.partnerSettings(known.path());
            String hash = hash(wanted);
            if (!hash.equals(known.settingsHash())) {
                contacts.updateDepartment(tenantId, known.deptId(), wanted);
                jdbc.update("UPDATE dingtalk_contact_department SET settings_hash = ? WHERE tenant_id = ? AND path = ?",
                        hash, tenantId, known.path());
                changed.add(known.path());
            }
        }
        return changed;
    }

    static String hash(Map<String, Object> settings) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(new TreeMap<>(settings).toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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
            Map<String, Object> partner = partnerSettings(path);
            Long existing = children.computeIfAbsent(parent, p -> contacts.subDepartments(tenantId, p)).stream()
                    .filter(child -> child.name().equals(name)).map(DingTalkContacts.SubDepartment::id).findFirst()
                    .orElse(null);
            long deptId;
            if (existing != null) {
                deptId = existing;
                if (partner != null) {
                    contacts.updateDepartment(tenantId, deptId, partner);
                }
            } else {
                deptId = contacts.createDepartment(tenantId, name, parent, partner == null ? Map.of() : partner);
            }
            jdbc.update("INSERT INTO dingtalk_contact_department (tenant_id, path, dept_id, settings_hash) VALUES (?, ?, ?, ?)",
                    tenantId, path, deptId, partner == null ? null : hash(partner));
            ids.put(path, deptId);
            return deptId;
        }

        /** The settings of API.md §5.8 a partner department must have; null for other departments. */
        Map<String, Object> partnerSettings(String path) {
            List<String> visibleTo = visibleTo(path);
            if (visibleTo == null) {
                return null;
            }
            List<String> permitted = new ArrayList<>();
            for (String entry : visibleTo) {
                String trimmed = entry.strip();
                if (trimmed.matches("\\d+")) {
                    permitted.add(trimmed);
                } else if (!trimmed.isEmpty() && visibleTo(trimmed) == null) {
                    permitted.add(String.valueOf(ensure(trimmed)));
                }
            }
            Map<String, Object> wanted = new LinkedHashMap<>();
            wanted.put("hide_dept", true);
            wanted.put("outer_dept", true);
            // the portal department shows its members nobody; a company department its own people
            wanted.put("outer_dept_only_self", !path.contains(DepartmentNames.LEVEL_SEPARATOR));
            if (!permitted.isEmpty()) {
                wanted.put("dept_permits", String.join(",", permitted));
                wanted.put("outer_permit_depts", String.join(",", permitted));
            }
            return wanted;
        }
    }
}
