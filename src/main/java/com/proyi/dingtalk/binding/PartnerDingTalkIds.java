package com.proyi.dingtalk.binding;

import static com.proyi.dingtalk.config.ProYiRoutes.parameters;

import com.proyi.dingtalk.config.ProYiRoutes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The DingTalk id of a partner account (customer or supplier contact without an HR record) as binding
 * sees it, through the routes of routes/proyi-dingtalk-ids.camel.yaml: partner contacts bind through
 * the same H5 page, and their bindings end by the same rules.
 */
@Component
public class PartnerDingTalkIds {

    private final ProYiRoutes routes;

    public PartnerDingTalkIds(ProYiRoutes routes) {
        this.routes = routes;
    }

    /** The contact's DingTalk id ("" when empty), locked until the transaction ends; empty when no partner contact. */
    public Optional<String> lock(String tenantId, String account) {
        List<Map<String, Object>> rows = routes.rows("direct:lock-partner-contact", parameters("tenant_id", tenantId,
                "account", account));
        return rows.stream().findFirst().map(row -> Objects.toString(row.get("dingtalk_userid"), "").trim());
    }

    /** Partner accounts holding the DingTalk id. */
    public List<String> accountsWith(String tenantId, String dingtalkUserId) {
        return ProYiRoutes.column(routes.rows("direct:partner-accounts-with-dingtalk-id", parameters("tenant_id", tenantId,
                "dingtalk_userid", dingtalkUserId)), "account");
    }

    /** Writes the id into the contact, which holds none (the caller has locked and checked it). */
    public void write(String tenantId, String account, String dingtalkUserId) {
        routes.run("direct:write-partner-dingtalk-id-if-empty", parameters("tenant_id", tenantId, "account", account,
                "dingtalk_userid", dingtalkUserId));
    }

    public void clear(String tenantId, String account) {
        routes.run("direct:clear-partner-dingtalk-id", parameters("tenant_id", tenantId, "account", account));
    }
}
