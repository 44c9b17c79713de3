package com.proyi.dingtalk.contacts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An active person in ProYi as the contact-sync SQL returns them (columns tenant_id, kind,
 * account, name, mobile, email, title, job_number, department, dingtalk_userid). For a partner
 * contact the department is the company name.
 */
public record Person(String tenantId, Portal portal, String account, String name, String mobile, String email,
                     String title, String jobNumber, String department, String boundUserId) {

    static Person fromRow(Map<String, Object> row) {
        return new Person(text(row, "tenant_id"), Portal.valueOf(text(row, "kind").toUpperCase(Locale.ROOT)),
                text(row, "account"), text(row, "name"), text(row, "mobile"), text(row, "email"), text(row, "title"),
                text(row, "job_number"), text(row, "department"), text(row, "dingtalk_userid"));
    }

    /** Key of the sync state: source and account. */
    String key() {
        return portal.source() + "/" + account;
    }

    /** The DingTalk department path, e.g. {@code 员工/总部/采购部}, with cleaned names. */
    String departmentPath(SyncProperties.Contacts settings) {
        List<String> levels = new ArrayList<>();
        levels.add(DepartmentNames.clean(portal.topDepartment(settings)));
        levels.addAll(DepartmentNames.levels(department));
        return String.join(DepartmentNames.LEVEL_SEPARATOR, levels);
    }

    /** SHA-256 over everything the sync sends to DingTalk for this person. */
    String contentHash(String departmentPath) {
        String content = String.join("\u001f", portal.name(), Objects.toString(name, ""), Objects.toString(mobile, ""),
                Objects.toString(email, ""), Objects.toString(title, ""), Objects.toString(jobNumber, ""), departmentPath);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String text(Map<String, Object> row, String column) {
        Object value = row.get(column);
        String text = value == null ? null : value.toString().strip();
        return text == null || text.isEmpty() ? null : text;
    }
}
