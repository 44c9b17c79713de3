package com.proyi.dingtalk.contacts;

import com.proyi.dingtalk.binding.BindingService;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DingTalk id of customer and supplier contacts (proyi.sync.partners.*). Unbinding clears it
 * and records it in BindingService's audit log, like an employee's unbinding (which covers the HR
 * record only).
 */
@Repository
public class PartnerBindings {

    private static final Logger log = LoggerFactory.getLogger(PartnerBindings.class);

    private final JdbcTemplate jdbc;
    private final SyncProperties.Partners table;
    private final BindingService bindings;

    public PartnerBindings(JdbcTemplate jdbc, SyncProperties properties, BindingService bindings) {
        this.jdbc = jdbc;
        this.table = properties.getPartners();
        this.bindings = bindings;
    }

    /** Accounts of the tenant's partner contacts holding the DingTalk id. */
    List<String> accountsWith(String tenantId, String userId) {
        return jdbc.queryForList("SELECT " + table.getLoginColumn() + " FROM " + table.getTable()
                + " WHERE tenant_id = ? AND " + table.getDingtalkColumn() + " = ?", String.class, tenantId, userId);
    }

    /** Writes the id into a contact that has none; false if the contact holds one already. */
    boolean bind(String tenantId, String account, String userId) {
        return jdbc.update("UPDATE " + table.getTable() + " SET " + table.getDingtalkColumn() + " = ? WHERE tenant_id = ?"
                + " AND " + table.getLoginColumn() + " = ? AND " + table.getDingtalkColumn() + " IS NULL",
                userId, tenantId, account) == 1;
    }

    /** Clears the contact's DingTalk id and records why; false if it had none. */
    @Transactional
    public boolean unbind(String tenantId, String account, String reason, String actor) {
        List<String> ids = jdbc.queryForList("SELECT " + table.getDingtalkColumn() + " FROM " + table.getTable()
                + " WHERE tenant_id = ? AND " + table.getLoginColumn() + " = ? AND " + table.getDingtalkColumn()
                + " IS NOT NULL FOR UPDATE", String.class, tenantId, account);
        if (ids.isEmpty()) {
            return false;
        }
        jdbc.update("UPDATE " + table.getTable() + " SET " + table.getDingtalkColumn() + " = NULL WHERE tenant_id = ?"
                + " AND " + table.getLoginColumn() + " = ?", tenantId, account);
        bindings.recordAudit(tenantId, account, ids.get(0), "UNBIND", reason, actor);
        log.info("Unbound partner contact {} of tenant {} from DingTalk user {}: {} ({})",
                account, tenantId, ids.get(0), reason, actor);
        return true;
    }
}
