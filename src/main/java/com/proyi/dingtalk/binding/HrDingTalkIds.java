package com.proyi.dingtalk.binding;

import static com.proyi.dingtalk.config.ProYiRoutes.parameters;

import com.proyi.dingtalk.config.ProYiRoutes;
import org.springframework.stereotype.Component;

/**
 * The DingTalk user id in ProYi's HR record (人员档案), through the routes of
 * routes/proyi-dingtalk-ids.camel.yaml. The notice lookup reads the same column.
 */
@Component
public class HrDingTalkIds extends DingTalkIdColumn {

    public HrDingTalkIds(ProYiRoutes routes) {
        super(routes, "direct:lock-hr-dingtalk-id", "direct:hr-accounts-with-dingtalk-id", "direct:write-hr-dingtalk-id",
                "direct:clear-hr-dingtalk-id");
    }

    /** Writes the id unless the HR record holds one already. */
    public void writeIfEmpty(String tenantId, String account, String dingtalkUserId) {
        routes().run("direct:write-hr-dingtalk-id-if-empty", parameters("tenant_id", tenantId, "account", account,
                "dingtalk_userid", dingtalkUserId));
    }
}
