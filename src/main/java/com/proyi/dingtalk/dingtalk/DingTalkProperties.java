package com.proyi.dingtalk.dingtalk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach DingTalk: the app of tenant {@value #DEFAULT_TENANT} at the top level
 * ({@code dingtalk.app-key}, ...), further tenants under {@code dingtalk.tenants.<tenantId>.*}.
 * Plain getters and setters so that relaxed binding and environment variables
 * ({@code DINGTALK_APP_SECRET}, {@code DINGTALK_TENANTS_ACME_AGENT_ID}) work.
 */
@ConfigurationProperties("dingtalk")
@Validated
public class DingTalkProperties {

    public static final String DEFAULT_TENANT = "default";

    /** Legacy ("oapi") host; every call of this module goes there. */
    @NotBlank
    private String baseUrl = "https://oapi.dingtalk.com";

    /** The organisation (corp) the app of the default tenant belongs to. */
    private String corpId;

    /** AgentId of the default tenant's micro-app; work notifications are sent in its name. */
    private Long agentId;

    /** AppKey (Client ID) of the default tenant's app. */
    private String appKey;

    /** AppSecret (Client Secret) of the default tenant's app. */
    private String appSecret;

    /** Calls per second per API that the default tenant's app may make (20 on the standard edition). */
    @Min(1)
    private int rateLimitPerSecond = App.STANDARD_EDITION_QPS;

    /** Further tenants, each with its own DingTalk app. */
    @Valid
    private Map<String, App> tenants = new LinkedHashMap<>();

    @NotNull
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** How long to wait for DingTalk's answer to one request. */
    @NotNull
    private Duration readTimeout = Duration.ofSeconds(10);

    /** Fetch a new access token this long before the old one (7200 s) runs out. */
    @NotNull
    private Duration tokenRefreshMargin = Duration.ofMinutes(10);

    /**
     * Added to the rate-limit window (1 s) so that network jitter cannot make DingTalk count
     * one call more in its own window than we did in ours.
     */
    @NotNull
    private Duration rateLimitSafetyMargin = Duration.ofMillis(25);

    @Valid
    private Retry retry = new Retry();

    /**
     * The app of a tenant, with {@link App#getBaseUrl()} filled in. For the default tenant the
     * top-level settings count when an app key is set there.
     */
    public Optional<App> app(String tenantId) {
        App app = DEFAULT_TENANT.equals(tenantId) && appKey != null ? topLevelApp() : tenants.get(tenantId);
        return Optional.ofNullable(app).map(a -> a.withBaseUrlOr(baseUrl));
    }

    private App topLevelApp() {
        App app = new App();
        app.setCorpId(corpId);
        app.setAgentId(agentId);
        app.setAppKey(appKey);
        app.setAppSecret(appSecret);
        app.setRateLimitPerSecond(rateLimitPerSecond);
        return app;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
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

    public Map<String, App> getTenants() {
        return tenants;
    }

    public void setTenants(Map<String, App> tenants) {
        this.tenants = tenants;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getTokenRefreshMargin() {
        return tokenRefreshMargin;
    }

    public void setTokenRefreshMargin(Duration tokenRefreshMargin) {
        this.tokenRefreshMargin = tokenRefreshMargin;
    }

    public Duration getRateLimitSafetyMargin() {
        return rateLimitSafetyMargin;
    }

    public void setRateLimitSafetyMargin(Duration rateLimitSafetyMargin) {
        this.rateLimitSafetyMargin = rateLimitSafetyMargin;
    }

    public Retry getRetry() {
        return retry;
    }

    public void setRetry(Retry retry) {
        this.retry = retry;
    }

    @Override
    public String toString() {
        return "DingTalkProperties[baseUrl=" + baseUrl + ", default=" + topLevelApp() + ", tenants=" + tenants
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", tokenRefreshMargin=" + tokenRefreshMargin + ", retry=" + retry + "]";
    }

    /** One DingTalk app (enterprise-internal micro-app) that a tenant sends through. */
    public static class App {

        static final int STANDARD_EDITION_QPS = 20;

        private String corpId;

        private Long agentId;

        private String appKey;

        private String appSecret;

        @Min(1)
        private int rateLimitPerSecond = STANDARD_EDITION_QPS;

        /** Overrides {@code dingtalk.base-url} for this tenant, e.g. to point it at a simulator. */
        private String baseUrl;

        /** Without key, secret and agent id no token can be fetched and no notice sent. */
        public boolean isConfigured() {
            return hasText(appKey) && hasText(appSecret) && agentId != null;
        }

        App withBaseUrlOr(String fallback) {
            App copy = new App();
            copy.corpId = corpId;
            copy.agentId = agentId;
            copy.appKey = appKey;
            copy.appSecret = appSecret;
            copy.rateLimitPerSecond = rateLimitPerSecond;
            copy.baseUrl = hasText(baseUrl) ? baseUrl : fallback;
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

        @Override
        public String toString() {
            return "App[corpId=" + corpId + ", agentId=" + agentId + ", appKey=" + appKey
                    + ", appSecret=" + (hasText(appSecret) ? "******" : "<not set>")
                    + ", rateLimitPerSecond=" + rateLimitPerSecond + ", baseUrl=" + baseUrl + "]";
        }
    }

    /** Retries of rate-limited and transient failures: exponential backoff with full jitter. */
    public static class Retry {

        /** Attempts in total, the first one included. */
        @Min(1)
        private int maxAttempts = 4;

        @NotNull
        private Duration initialBackoff = Duration.ofMillis(500);

        @NotNull
        private Duration maxBackoff = Duration.ofSeconds(10);

        @DecimalMin("1.0")
        private double multiplier = 2.0;

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        @Override
        public String toString() {
            return "Retry[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                    + ", maxBackoff=" + maxBackoff + ", multiplier=" + multiplier + "]";
        }
    }
}
