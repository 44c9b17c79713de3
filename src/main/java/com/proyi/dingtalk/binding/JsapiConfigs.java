package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.binding.BindRefusedException.Reason;
import com.proyi.dingtalk.dingtalk.DingTalkApp;
import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import com.proyi.dingtalk.config.ProYiProperties;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private final String proyiBaseUrl;

    public JsapiConfigs(DingTalkProperties dingTalk, JsapiTickets tickets, BindingProperties settings, Clock clock,
                        ProYiProperties proyi) {
        this.dingTalk = dingTalk;
        this.tickets = tickets;
        this.settings = settings;
        this.clock = clock;
        this.proyiBaseUrl = proyi.getBaseUrl();
    }

    /**
     * @param pageUrl       the page's location.href, unencoded
     * @param moduleOrigin  scheme://host[:port] this request reached the module at
     * @throws IllegalArgumentException for a URL that is no page of this module or of ProYi
     */
    public JsapiConfig forPage(String tenantId, String pageUrl, String moduleOrigin) {
        DingTalkApp app = configuredApp(tenantId);
        JsapiSignature.normalizedUrl(pageUrl); // refuses a bad URL before a ticket is fetched for it
        String origin = origin(URI.create(pageUrl));
        List<String> allowed = new ArrayList<>(settings.getJsapiOrigins().stream().map(o -> origin(URI.create(o))).toList());
        allowed.add(origin(URI.create(proyiBaseUrl)));
        if (settings.getJsapiOrigins().isEmpty()) {
            allowed.add(origin(URI.create(moduleOrigin)));
        }
        if (!allowed.contains(origin)) {
            throw new IllegalArgumentException("url " + origin + " is not a page of this module or of ProYi"
                    + " (proyi.binding.jsapi-origins)");
        }
        String timeStamp = Long.toString(clock.millis());
        String nonceStr = SecretTokens.newToken().substring(0, 16);
        String signature = JsapiSignature.sign(settings.getJsapiSignature(), tickets.ticket(tenantId), nonceStr,
                timeStamp, pageUrl);
        return new JsapiConfig(String.valueOf(app.getAgentId()), app.getCorpId(), timeStamp, nonceStr, signature);
    }

    /** scheme://host:port in lower case, with the scheme's default port written out. */
    private static String origin(URI uri) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** The tenant's DingTalk app, for the H5 page's corpId when the URL carries none. */
    public DingTalkApp configuredApp(String tenantId) {
        return dingTalk.app(tenantId).filter(DingTalkApp::isConfigured)
                .orElseThrow(() -> new BindRefusedException(Reason.UNKNOWN_TENANT, "未配置的租户：" + tenantId));
    }
}
