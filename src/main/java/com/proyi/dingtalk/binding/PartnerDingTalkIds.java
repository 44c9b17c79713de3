package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.config.ProYiRoutes;
import org.springframework.stereotype.Component;

/**
 * The DingTalk id of a partner account (customer or supplier contact without an HR record) as binding
 * sees it, through the routes of routes/proyi-dingtalk-ids.camel.yaml: partner contacts bind through
 * the same H5 page, and their bindings end by the same rules.
 */
@Component
public class PartnerDingTalkIds extends DingTalkIdColumn {

    public PartnerDingTalkIds(ProYiRoutes routes) {
        super(routes, "direct:lock-partner-dingtalk-id", "direct:partner-accounts-with-dingtalk-id",
                "direct:write-partner-dingtalk-id-if-empty", "direct:clear-partner-dingtalk-id");
    }
}
