package com.proyi.dingtalk.dingtalk;

import jakarta.validation.constraints.Min;

/** One DingTalk app (enterprise-internal micro-app) that a tenant sends through. */
public class DingTalkApp {

    static final int STANDARD_EDITION_QPS = 20;

    /** CorpID of the DingTalk organisation (开发者后台 → 基础信息); the H5 page's free login and dd.config need it. */
    private String corpId;

    /** AgentID of the micro-app (应用详情); work notifications are sent in its name. */
    private Long agentId;

    /** AppKey (Client ID) of the micro-app (凭证与基础信息). */
    private String appKey;

    /** AppSecret (Client Secret) of the micro-app. Secret: set it from the environment, never logged. */
    private String appSecret;

    /**
     * Calls per second per DingTalk API that this app may make, in any sliding second: 20 on DingTalk's
     * standard edition, 60 with the paid add-on.
     */
    @Min(1)
    private int rateLimitPerSecond = STANDARD_EDITION_QPS;

    /**
     * DingTalk's legacy API host: https://oapi.dingtalk.com unless set. Under dingtalk.tenants.&lt;name&gt;
     * it overrides dingtalk.base-url for that tenant, e.g. to point it at a simulator.
     */
    private String baseUrl;

    /**
     * DingTalk's new API host (v1.0), used for the 待办 (to-do task) calls: https://api.dingtalk.com
     * unless set. Under dingtalk.tenants.&lt;name&gt; it overrides dingtalk.api-base-url for that tenant.
     */
    private String apiBaseUrl;

    /** Without key, secret and agent id no token can be fetched and no notice sent. */
    public boolean isConfigured() {
        return hasText(appKey) && hasText(appSecret) && agentId != null;
    }

    DingTalkApp withBaseUrlOr(String fallback, String apiFallback) {
        DingTalkApp copy = new DingTalkApp();
        copy.corpId = corpId;
        copy.agentId = agentId;
        copy.appKey = appKey;
        copy.appSecret = appSecret;
        copy.rateLimitPerSecond = rateLimitPerSecond;
        copy.baseUrl = hasText(baseUrl) ? baseUrl : fallback;
        copy.apiBaseUrl = hasText(apiBaseUrl) ? apiBaseUrl : apiFallback;
        return copy;
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    public String getCorpId() {
        return corpId;
    }

    public void setCorpId(String corpId) {
        this.corpId = corpId;
    }

    public Long getAgentId() {
        return agentId;
    }

    public void setAgentId(Long agentId) {
        this.agentId = agentId;
    }

    public String getAppKey() {
        return appKey;
    }

    public void setAppKey(String appKey) {
        this.appKey = appKey;
    }

    public String getAppSecret() {
        return appSecret;
    }

    public void setAppSecret(String appSecret) {
        this.appSecret = appSecret;
    }

    public int getRateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    public void setRateLimitPerSecond(int rateLimitPerSecond) {
        this.rateLimitPerSecond = rateLimitPerSecond;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiBaseUrl() {
        return apiBaseUrl;
    }

    public void setApiBaseUrl(String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    @Override
    public String toString() {
        return "DingTalkApp[corpId=" + corpId + ", agentId=" + agentId + ", appKey=" + appKey
                + ", appSecret=" + (hasText(appSecret) ? "******" : "<not set>")
                + ", rateLimitPerSecond=" + rateLimitPerSecond + ", baseUrl=" + baseUrl + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
