package com.proyi.dingtalk.contacts;

import com.proyi.dingtalk.binding.BindingService;
import com.proyi.dingtalk.binding.PartnerDingTalkIds;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DingTalk id of customer and supplier contacts as the contact sync sees it, through the
 * partner contact's id column ({@link PartnerDingTalkIds}). Unbinding clears it and records it in
 * BindingService's audit log, like an employee's unbinding.
 */
@Component
public class PartnerBindings {

    private static final Logger log = LoggerFactory.getLogger(PartnerBindings.class);

    private final PartnerDingTalkIds ids;
    private final BindingService bindings;

    public PartnerBindings(PartnerDingTalkIds ids, BindingService bindings) {
        this.ids = ids;
        this.bindings = bindings;
    }

    /** Accounts of the tenant's partner contacts holding the DingTalk id. */
    List<String> accountsWith(String tenantId, String userId) {
        return ids.accountsWith(tenantId, userId);
    }

    /** Writes the id into a contact that has none. */
    void bind(String tenantId, String account, String userId) {
        ids.write(tenantId, account, userId);
    }

    /** Clears the contact's DingTalk id and records why; false if it had none. */
    @Transactional
    public boolean unbind(String tenantId, String account, String reason, String actor) {
        if (bindings.bindingOfAccount(tenantId, account).isPresent()) {
            // bound through the H5 page like an employee: the binding row goes too
            return bindings.unbind(tenantId, account, reason, actor);
        }
        Optional<String> held = ids.lock(tenantId, account).filter(id -> !id.isEmpty());
        if (held.isEmpty()) {
            return false;
        }
        ids.clear(tenantId, account);
        bindings.recordAudit(tenantId, account, held.get(), "UNBIND", reason, actor);
        log.info("Unbound partner contact {} of tenant {} from DingTalk user {}: {} ({})",
                account, tenantId, held.get(), reason, actor);
        return true;
    }
}
