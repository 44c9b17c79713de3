package com.proyi.dingtalk.checklist;

import static com.proyi.dingtalk.checklist.DeveloperConsole.CREDENTIALS;
import static com.proyi.dingtalk.checklist.DeveloperConsole.HOME;
import static com.proyi.dingtalk.checklist.DeveloperConsole.PERMISSIONS;
import static com.proyi.dingtalk.checklist.DeveloperConsole.SECURITY;
import static com.proyi.dingtalk.checklist.DeveloperConsole.property;

import com.proyi.dingtalk.dingtalk.DingTalkApp;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The app's credentials, egress IP, AgentID, message permission and CorpID, checked against DingTalk
 * itself where an API can tell, and against the H5 page's dd.config report where none can.
 */
@Component
public class DingTalkAppChecks {

    /**
     * Read-only and scoped to the app: asking for the result of a task that does not exist answers
     * 40035 once the AgentID and the message permission have passed, and an agent or permission code
     * before that. (Costs one call of the monthly quota, hence the checklist is reused for a while.)
     */
    static final String AGENT_PROBE_API = "/topapi/message/corpconversation/getsendresult";

    private static final int NO_SUCH_TASK = 40035;
    private static final Set<Integer> BAD_CREDENTIALS = Set.of(40096, 40089, 40001);
    private static final int IP_NOT_WHITELISTED = 60020;
    private static final Set<Integer> BAD_AGENT = Set.of(40056, 41011, 52019, 70003, 400002);
    private static final Set<Integer> NO_PERMISSION = Set.of(60011, 43007);
    private static final Set<Integer> BAD_CORP = Set.of(52010, 52011);
    private static final Pattern REQUEST_IP = Pattern.compile("ip\\s*[=:：]\\s*([0-9A-Fa-f.:]+[0-9A-Fa-f])");

    /**
     * A passed AgentID / message-permission probe is reused this long for the same app and AgentID:
     * the probe counts toward the monthly quota (API.md §8.3), the answer does not change by itself.
     */
    static final java.time.Duration PROBE_REUSE = java.time.Duration.ofHours(6);

    private final java.util.Map<String, java.time.Instant> probePassed = new java.util.concurrent.ConcurrentHashMap<>();
    private final DingTalkClient dingTalk;
    private final DingTalkProperties properties;
    private final H5ConfigReports h5Reports;

    public DingTalkAppChecks(DingTalkClient dingTalk, DingTalkProperties properties, H5ConfigReports h5Reports) {
        this.dingTalk = dingTalk;
        this.properties = properties;
        this.h5Reports = h5Reports;
    }

    /** The items of one tenant; when the token cannot be had, the items that need it say so. */
    public List<CheckItem> check(String tenant) {
        Optional<DingTalkApp> app = properties.app(tenant);
        List<CheckItem> items = new ArrayList<>(token(tenant, app));
        items.addAll(agentAndMessagePermission(tenant, app, tokenWorks(items)));
        items.add(corpId(tenant, app));
        return items;
    }

    /**
     * AppKey/AppSecret and the egress IP whitelist, both told by one token fetch: 40096 means a wrong
     * key or secret, 60020 an IP missing from the whitelist, with the IP DingTalk saw in errmsg.
     */
    private List<CheckItem> token(String tenant, Optional<DingTalkApp> app) {
        String title = "AppKey / AppSecret";
        String ipTitle = "服务器出口IP白名单";
        if (app.isEmpty() || isBlank(app.get().getAppKey()) || isBlank(app.get().getAppSecret())) {
            return List.of(CheckItem.missing("dingtalk.credentials", title, true, "未设置",
                            "在 " + CREDENTIALS + " 复制 AppKey 和 AppSecret，填入 " + property(tenant, "app-key")
                                    + " 和 " + property(tenant, "app-secret") + "（或对应的环境变量），然后重启模块"),
                    CheckItem.cannotCheck("dingtalk.egress-ip", ipTitle, true, "未设置密钥", "先处理“AppKey / AppSecret”一项"));
        }
        String appKey = app.get().getAppKey();
        try {
            dingTalk.accessToken(tenant);
            return List.of(CheckItem.ok("dingtalk.credentials", title, true, "已取得 access_token（AppKey " + appKey + "）"),
                    CheckItem.ok("dingtalk.egress-ip", ipTitle, true, "钉钉接受本服务器的请求"));
        } catch (DingTalkException e) {
            if (BAD_CREDENTIALS.contains(e.errcode())) {
                return List.of(CheckItem.wrong("dingtalk.credentials", title, true,
                                "钉钉拒绝了 AppKey " + appKey + " 与 AppSecret（errcode " + e.errcode() + " " + e.errmsg() + "）",
                                "在 " + CREDENTIALS + " 核对 AppKey 和 AppSecret（AppSecret 可在此处重置），重新填入 "
                                        + property(tenant, "app-key") + " 和 " + property(tenant, "app-secret")),
                        CheckItem.cannotCheck("dingtalk.egress-ip", ipTitle, true, "钉钉先拒绝了密钥",
                                "先处理“AppKey / AppSecret”一项"));
            }
            if (e.errcode() == IP_NOT_WHITELISTED) {
                String ip = requestIp(e.errmsg()).orElse("本服务器的公网出口IP");
                return List.of(CheckItem.cannotCheck("dingtalk.credentials", title, true,
                                "钉钉拒绝了本服务器的出口IP，无法验证密钥", "先处理“服务器出口IP白名单”一项"),
                        CheckItem.wrong("dingtalk.egress-ip", ipTitle, true,
                                "钉钉看到的请求IP是 " + ip + "，不在白名单中（errcode 60020）",
                                "在 " + SECURITY + " → 服务器出口IP 中加入 " + ip + "，保存后再检查"));
            }
            return List.of(unreachable("dingtalk.credentials", title, true, e),
                    unreachable("dingtalk.egress-ip", ipTitle, true, e));
        }
    }

    private List<CheckItem> agentAndMessagePermission(String tenant, Optional<DingTalkApp> app, boolean tokenWorks) {
        String agentTitle = "AgentID 属于本应用";
        String messageTitle = "工作通知权限";
        Long agentId = app.map(DingTalkApp::getAgentId).orElse(null);
        if (agentId == null) {
            return List.of(
                    CheckItem.missing("dingtalk.agent-id", agentTitle, true, "未设置",
                            "在 " + CREDENTIALS + " 复制 AgentId，填入 " + property(tenant, "agent-id")),
                    CheckItem.cannotCheck("dingtalk.message-permission", messageTitle, true, "需要 AgentID", "先处理“AgentID”一项"));
        }
        if (!tokenWorks) {
            return List.of(
                    CheckItem.cannotCheck("dingtalk.agent-id", agentTitle, true, "AgentId " + agentId, "先处理“AppKey / AppSecret”一项"),
                    CheckItem.cannotCheck("dingtalk.message-permission", messageTitle, true, "需要 access_token", "先处理“AppKey / AppSecret”一项"));
        }
        String probe = tenant + " " + app.get().getAppKey() + " " + agentId;
        java.time.Instant passed = probePassed.get(probe);
        if (passed != null && passed.isAfter(java.time.Instant.now().minus(PROBE_REUSE))) {
            return List.of(agentOk(agentId), messageOk());
        }
        try {
            dingTalk.post(tenant, AGENT_PROBE_API, Map.of("agent_id", agentId, "task_id", 0));
            probePassed.put(probe, java.time.Instant.now());
            return List.of(agentOk(agentId), messageOk());
        } catch (DingTalkException e) {
            if (e.errcode() == NO_SUCH_TASK) {
                probePassed.put(probe, java.time.Instant.now());
                return List.of(agentOk(agentId), messageOk());
            }
            if (BAD_AGENT.contains(e.errcode())) {
                return List.of(
                        CheckItem.wrong("dingtalk.agent-id", agentTitle, true,
                                "AgentId " + agentId + " 不属于 AppKey " + app.get().getAppKey() + " 的应用（errcode " + e.errcode() + "）",
                                "在 " + CREDENTIALS + " 复制本应用的 AgentId，填入 " + property(tenant, "agent-id")),
                        CheckItem.cannotCheck("dingtalk.message-permission", messageTitle, true, "需要正确的 AgentID", "先处理“AgentID”一项"));
            }
            if (NO_PERMISSION.contains(e.errcode())) {
                return List.of(agentOk(agentId),
                        CheckItem.missing("dingtalk.message-permission", messageTitle, true,
                                "钉钉答复应用没有消息接口权限（errcode " + e.errcode() + " " + e.errmsg() + "）",
                                "在 " + PERMISSIONS + " 搜索“企业内消息通知”并申请开通该权限"));
            }
            return List.of(unreachable("dingtalk.agent-id", agentTitle, true, e),
                    unreachable("dingtalk.message-permission", messageTitle, true, e));
        }
    }

    private CheckItem corpId(String tenant, Optional<DingTalkApp> app) {
        String title = "CorpID 是本组织的";
        String corpId = app.map(DingTalkApp::getCorpId).orElse(null);
        String fix = "在 " + HOME + " 复制 CorpId，填入 " + property(tenant, "corp-id");
        if (isBlank(corpId)) {
            return CheckItem.missing("dingtalk.corp-id", title, true, "未设置", fix);
        }
        if (!corpId.startsWith("ding")) {
            return CheckItem.wrong("dingtalk.corp-id", title, true, "CorpId " + corpId + " 不是以 ding 开头", fix);
        }
        Optional<H5ConfigReports.Report> report = h5Reports.latest(tenant);
        if (report.isPresent() && !report.get().ok() && BAD_CORP.contains(report.get().errorCode())) {
            return CheckItem.wrong("dingtalk.corp-id", title, true, "钉钉客户端拒绝了 CorpId " + corpId
                    + "（dd.config 错误 " + report.get().errorCode() + "，" + report.get().reportedAt() + "）", fix);
        }
        if (report.isPresent() && report.get().ok()) {
            return CheckItem.ok("dingtalk.corp-id", title, true,
                    "钉钉客户端已接受 CorpId " + corpId + "（dd.config 成功，" + report.get().reportedAt() + "）");
        }
        // No server API can confirm a CorpID, so only a known-bad one fails the checklist.
        return CheckItem.cannotCheck("dingtalk.corp-id", title, false, "CorpId " + corpId + "，服务端接口无法核对",
                "在钉钉客户端打开一次本应用（工作台），页面会回报 dd.config 的结果，此项随之更新；或与 " + HOME + " 中的 CorpId 比对");
    }

    /** Whether the items show that an access token could be fetched. */
    static boolean tokenWorks(List<CheckItem> items) {
        return items.stream().anyMatch(item -> "dingtalk.credentials".equals(item.key()) && item.status() == CheckStatus.OK);
    }

    private static CheckItem agentOk(long agentId) {
        return CheckItem.ok("dingtalk.agent-id", "AgentID 属于本应用", true, "AgentId " + agentId);
    }

    private static CheckItem messageOk() {
        return CheckItem.ok("dingtalk.message-permission", "工作通知权限", true, "钉钉接受本应用的消息接口调用");
    }

    static CheckItem unreachable(String key, String title, boolean essential, DingTalkException e) {
        return CheckItem.cannotCheck(key, title, essential, "钉钉未能答复：" + e.getMessage(),
                "检查本服务器到 oapi.dingtalk.com 的网络（代理、防火墙），稍后再检查");
    }

    static Optional<String> requestIp(String errmsg) {
        Matcher m = REQUEST_IP.matcher(errmsg == null ? "" : errmsg);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
