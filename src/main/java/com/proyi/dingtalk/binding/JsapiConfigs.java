package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.binding.BindRefusedException.Reason;
import com.proyi.dingtalk.dingtalk.DingTalkApp;
import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** What the H5 page passes to dd.config (API.md §4.3), signed over the page's URL with the cached jsapi ticket. */
@Component
public class JsapiConfigs {

    /** dd.config's parameters; agentId and timeStamp are strings, as DingTalk's samples pass them. */
    public record JsapiConfig(String agentId, String corpId, String timeStamp, String nonceStr, String signature) {}

    private final DingTalkProperties dingTalk;
    private final JsapiTickets tickets;
    private final BindingProperties settings;
    private final Clock clock;

    public JsapiConfigs(DingTalkProperties dingTalk, JsapiTickets tickets, BindingProperties settings, Clock clock) {
        this.dingTalk = dingTalk;
        this.tickets = tickets;
        this.settings = settings;
        this.clock = clock;
    }

    /** @param pageUrl the page's location.href, unencoded */
    public JsapiConfig forPage(String tenantId, String pageUrl) {
        DingTalkApp app = configuredApp(tenantId);
        JsapiSignature.normalizedUrl(pageUrl); // refuses a bad URL before a ticket is fetched for it
        String timeStamp = Long.toString(clock.millis());
        String nonceStr = SecretTokens.newToken().substring(0, 16);
        String signature = JsapiSignature.sign(settings.getJsapiSignature(), tickets.ticket(tenantId), nonceStr,
                timeStamp, pageUrl);
        return new JsapiConfig(String.valueOf(app.getAgentId()), app.getCorpId(), timeStamp, nonceStr, signature);
    }

    /** The tenant's DingTalk app, for the H5 page's corpId when the URL carries none. */
    public DingTalkApp configuredApp(String tenantId) {
        return dingTalk.app(tenantId).filter(DingTalkApp::isConfigured)
                .orElseThrow(() -> new BindRefusedException(Reason.UNKNOWN_TENANT, "未配置的租户：" + tenantId));
    }
}
