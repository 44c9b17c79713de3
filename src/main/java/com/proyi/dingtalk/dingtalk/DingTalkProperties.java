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
public class DingTalkProperties extends DingTalkApp {

    public static final String DEFAULT_TENANT = "default";

    /**
     * Further ProYi tenants, each with its own DingTalk app: dingtalk.tenants.&lt;name&gt;.corp-id, .agent-id,
     * .app-key, .app-secret, .rate-limit-per-second and .base-url, meaning what the same keys mean for the
     * default tenant. The name is ProYi's tenant id.
     */
    @Valid
    private Map<String, DingTalkApp> tenants = new LinkedHashMap<>();

    /** How long to wait for a connection to DingTalk. */
    @NotNull
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** How long to wait for DingTalk's answer to one request. */
    @NotNull
    private Duration readTimeout = Duration.ofSeconds(10);

    /** Fetch a new access token this long before the old one (7200 s) runs out. */
    @NotNull
    private Duration tokenRefreshMargin = Duration.ofMinutes(10);

    /**
     * Added to the rate-limit window (1 s). A call counts from its answer, after DingTalk counted
     * it on arrival, so network delay cannot crowd DingTalk's second; the margin covers DingTalk
     * measuring its second a little differently from ours.
     */
    @NotNull
    private Duration rateLimitSafetyMargin = Duration.ofMillis(10);

    @Valid
    private Retry retry = new Retry();

    public DingTalkProperties() {
        setBaseUrl("https://oapi.dingtalk.com");
        setApiBaseUrl("https://api.dingtalk.com");
    }

    /**
     * The app of a tenant, with {@link DingTalkApp#getBaseUrl()} filled in. For the default tenant the
     * top-level settings count when an app key is set there.
     */
    public Optional<DingTalkApp> app(String tenantId) {
        DingTalkApp app = DEFAULT_TENANT.equals(tenantId) && getAppKey() != null ? this : tenants.get(tenantId);
        return Optional.ofNullable(app).map(a -> a.withBaseUrlOr(getBaseUrl(), getApiBaseUrl()));
    }

    /** Legacy ("oapi") host; every call of this module goes there except the 待办 (to-do task) calls. */
    @Override
    @NotBlank
    public String getBaseUrl() {
        return super.getBaseUrl();
    }

    public Map<String, DingTalkApp> getTenants() {
        return tenants;
    }

    public void setTenants(Map<String, DingTalkApp> tenants) {
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
        return "DingTalkProperties[default=" + super.toString() + ", tenants=" + tenants
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", tokenRefreshMargin=" + tokenRefreshMargin + ", retry=" + retry + "]";
    }

    /** Retries of rate-limited and transient failures: exponential backoff with full jitter. */
    public static class Retry {

        /** Attempts in total, the first one included. */
        @Min(1)
        private int maxAttempts = 4;

        /** Longest pause before the first retry; each pause is a random time up to its limit (full jitter). */
        @NotNull
        private Duration initialBackoff = Duration.ofMillis(500);

        /** Longest pause between two attempts. */
        @NotNull
        private Duration maxBackoff = Duration.ofSeconds(10);

        /** Growth of the pause limit from one attempt to the next. */
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
