package com.proyi.dingtalk.binding;

import static com.proyi.dingtalk.config.ProYiRoutes.parameters;

import com.proyi.dingtalk.config.ProYiRoutes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The DingTalk user id in ProYi's HR record (人员档案), through the routes of
 * routes/proyi-dingtalk-ids.camel.yaml. The notice lookup reads the same column.
 */
@Component
public class HrDingTalkIds {

    private final ProYiRoutes routes;

    public HrDingTalkIds(ProYiRoutes routes) {
        this.routes = routes;
    }

    /**
     * The HR record's DingTalk id ("" when empty), locking the record until the caller's
     * transaction ends; empty when the account has no HR record.
     */
    public Optional<String> lock(String tenantId, String account) {
        List<Map<String, Object>> rows = routes.rows("direct:lock-hr-dingtalk-id", parameters("tenant_id", tenantId,
                "account", account));
        return rows.stream().findFirst().map(row -> Objects.toString(row.get("dingtalk_userid"), "").trim());
    }

    /** Accounts whose HR record holds the DingTalk id. */
    public List<String> accountsWith(String tenantId, String dingtalkUserId) {
        return ProYiRoutes.column(routes.rows("direct:hr-accounts-with-dingtalk-id", parameters("tenant_id", tenantId,
                "dingtalk_userid", dingtalkUserId)), "account");
    }

    public void write(String tenantId, String account, String dingtalkUserId) {
        routes.run("direct:write-hr-dingtalk-id", parameters("tenant_id", tenantId, "account", account,
                "dingtalk_userid", dingtalkUserId));
    }

    /** Writes the id unless the HR record holds one already. */
    public void writeIfEmpty(String tenantId, String account, String dingtalkUserId) {
        routes.run("direct:write-hr-dingtalk-id-if-empty", parameters("tenant_id", tenantId, "account", account,
                "dingtalk_userid", dingtalkUserId));
    }

    public void clear(String tenantId, String account) {
        routes.run("direct:clear-hr-dingtalk-id", parameters("tenant_id", tenantId, "account", account));
    }
}
