package com.proyi.dingtalk.contacts;

import static com.proyi.dingtalk.config.ProYiRoutes.parameters;

import com.proyi.dingtalk.binding.BindingService;
import com.proyi.dingtalk.config.ProYiRoutes;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The DingTalk id of customer and supplier contacts, through the routes of
 * routes/proyi-dingtalk-ids.camel.yaml. Unbinding clears it and records it in BindingService's
 * audit log, like an employee's unbinding (which covers the HR record only).
 */
@Component
public class PartnerBindings {

    private static final Logger log = LoggerFactory.getLogger(PartnerBindings.class);

    private final ProYiRoutes routes;
    private final BindingService bindings;

    public PartnerBindings(ProYiRoutes routes, BindingService bindings) {
        this.routes = routes;
        this.bindings = bindings;
    }

    /** Accounts of the tenant's partner contacts holding the DingTalk id. */
    List<String> accountsWith(String tenantId, String userId) {
        return ProYiRoutes.column(routes.rows("direct:partner-accounts-with-dingtalk-id",
                parameters("tenant_id", tenantId, "dingtalk_userid", userId)), "account");
    }

    /** Writes the id into a contact that has none. */
    void bind(String tenantId, String account, String userId) {
        routes.run("direct:write-partner-dingtalk-id-if-empty", parameters("tenant_id", tenantId, "account", account,
                "dingtalk_userid", userId));
    }

    /** Clears the contact's DingTalk id and records why; false if it had none. */
    @Transactional
    public boolean unbind(String tenantId, String account, String reason, String actor) {
        if (bindings.bindingOfAccount(tenantId, account).isPresent()) {
            // bound through the H5 page like an employee: the binding row goes too
            return bindings.unbind(tenantId, account, reason, actor);
        }
        List<Map<String, Object>> held = routes.rows("direct:lock-partner-dingtalk-id",
                parameters("tenant_id", tenantId, "account", account));
        List<String> ids = ProYiRoutes.column(held, "dingtalk_userid");
        if (ids.isEmpty() || ids.get(0) == null) {
            return false;
        }
        routes.run("direct:clear-partner-dingtalk-id", parameters("tenant_id", tenantId, "account", account));
        bindings.recordAudit(tenantId, account, ids.get(0), "UNBIND", reason, actor);
        log.info("Unbound partner contact {} of tenant {} from DingTalk user {}: {} ({})",
                account, tenantId, ids.get(0), reason, actor);
        return true;
    }
}
