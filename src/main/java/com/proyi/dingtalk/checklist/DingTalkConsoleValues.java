package com.proyi.dingtalk.checklist;

import static com.proyi.dingtalk.checklist.DeveloperConsole.SECURITY;
import static com.proyi.dingtalk.checklist.DeveloperConsole.WEB_APP;

import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The values to enter in DingTalk's developer console, computed from the module's public URL. DingTalk
 * has no API to read them back; the H5 page's dd.config report shows whether the page was opened from
 * the home URL and whether the domain is accepted.
 */
@Component
public class DingTalkConsoleValues {

    /** dd.config errors that point at the page URL or its domain (API.md §4.3). */
    private static final Set<Integer> DOMAIN_ERRORS = Set.of(52012, 52013, 52014, 52016);

    private final ChecklistProperties settings;
    private final H5ConfigReports h5Reports;

    public DingTalkConsoleValues(ChecklistProperties settings, H5ConfigReports h5Reports) {
        this.settings = settings;
        this.h5Reports = h5Reports;
    }

    public List<CheckItem> check(String tenant) {
        String base = settings.getModuleUrl();
        if (base == null || base.isBlank()) {
            String fix = "设置 proyi.checklist.module-url 为本模块在钉钉中可访问的公网地址（如 https://dingtalk.proyi.example.com），"
                    + "检查表会据此算出要填写的地址";
            return List.of(
                    CheckItem.missing("dingtalk.home-url", "应用首页链接", false, "模块公网地址未设置", fix),
                    CheckItem.missing("dingtalk.pc-home-url", "PC端首页地址", false, "模块公网地址未设置", fix),
                    CheckItem.missing("dingtalk.admin-url", "管理后台地址", false, "模块公网地址未设置", fix),
                    CheckItem.missing("dingtalk.jsapi-domain", "JS-API 安全域名 / 网页授权域名", false, "模块公网地址未设置", fix));
        }
        String root = base.replaceAll("/+$", "");
        String h5 = root + settings.getH5Path();
        // DingTalk replaces $CORPID$ with the organisation's CorpId when it opens the page (API.md §3.1).
        String homeUrl = h5 + "?corpId=$CORPID$"
                + (DingTalkProperties.DEFAULT_TENANT.equals(tenant) ? "" : "&tenantId=" + tenant);
        String adminUrl = root + settings.getConsolePath();
        String domain = URI.create(root).getHost();
        Optional<H5ConfigReports.Report> report = h5Reports.latest(tenant);
        return List.of(homeUrl(homeUrl, h5, report),
                CheckItem.cannotCheck("dingtalk.pc-home-url", "PC端首页地址", false, "钉钉没有接口可读回此设置",
                        "在 " + WEB_APP + " → PC端首页地址 填写 " + homeUrl),
                CheckItem.cannotCheck("dingtalk.admin-url", "管理后台地址", false, "钉钉没有接口可读回此设置",
                        "在 " + WEB_APP + " → 管理后台地址 填写 " + adminUrl),
                jsapiDomain(domain, report));
    }

    private static CheckItem homeUrl(String homeUrl, String h5, Optional<H5ConfigReports.Report> report) {
        String fix = "在 " + WEB_APP + " → 应用首页链接 填写 " + homeUrl;
        if (report.isPresent() && report.get().pageUrl().startsWith(h5)) {
            return CheckItem.ok("dingtalk.home-url", "应用首页链接", false,
                    "钉钉已从 " + report.get().pageUrl() + " 打开本应用（" + report.get().reportedAt() + "）");
        }
        if (report.isPresent()) {
            return CheckItem.wrong("dingtalk.home-url", "应用首页链接", false,
                    "钉钉打开的是 " + report.get().pageUrl() + "，不是本模块的入口页", fix);
        }
        return CheckItem.cannotCheck("dingtalk.home-url", "应用首页链接", false, "尚未收到入口页的回报", fix);
    }

    private static CheckItem jsapiDomain(String domain, Optional<H5ConfigReports.Report> report) {
        String title = "JS-API 安全域名 / 网页授权域名";
        String fix = "在 " + SECURITY + " 的 JS-API 安全域名 与 网页授权域名 填写 " + domain;
        if (report.isPresent() && report.get().ok()) {
            return CheckItem.ok("dingtalk.jsapi-domain", title, false, "dd.config 成功（" + report.get().reportedAt() + "）");
        }
        if (report.isPresent() && DOMAIN_ERRORS.contains(report.get().errorCode())) {
            return CheckItem.wrong("dingtalk.jsapi-domain", title, false, "dd.config 失败：错误 " + report.get().errorCode()
                    + " " + String.valueOf(report.get().errorMessage()) + "（" + report.get().pageUrl() + "）", fix);
        }
        return CheckItem.cannotCheck("dingtalk.jsapi-domain", title, false,
                report.map(r -> "dd.config 最近一次结果：错误 " + r.errorCode()).orElse("尚未收到入口页的 dd.config 回报"),
                fix + "，然后在钉钉客户端打开一次本应用");
    }
}
