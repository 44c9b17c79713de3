package com.proyi.dingtalk.checklist;

import com.proyi.dingtalk.dingtalk.DingTalkProperties;

/** Where things are in DingTalk's developer console (开发者后台), and which module property takes each value. */
final class DeveloperConsole {

    static final String APP = "钉钉开发者后台 → 应用开发 → 企业内部应用 → 本应用";
    static final String CREDENTIALS = APP + " → 基础信息 → 凭证与基础信息";
    static final String SECURITY = APP + " → 开发配置 → 安全设置";
    static final String PERMISSIONS = APP + " → 开发配置 → 权限管理";
    static final String WEB_APP = APP + " → 应用能力 → 网页应用";
    static final String HOME = "钉钉开发者后台首页 → 企业信息";

    private DeveloperConsole() {
    }

    /** The property of a tenant's setting: dingtalk.app-key for "default", dingtalk.tenants.acme.app-key otherwise. */
    static String property(String tenant, String name) {
        return DingTalkProperties.DEFAULT_TENANT.equals(tenant) ? "dingtalk." + name : "dingtalk.tenants." + tenant + "." + name;
    }
}
