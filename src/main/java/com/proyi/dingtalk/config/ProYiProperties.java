package com.proyi.dingtalk.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The ProYi side of the link: where ProYi lives, which HR columns hold the binding, how events
 * arrive and how the outbox is drained. Every key works as an environment variable
 * ({@code proyi.hr.dingtalk-column} = {@code PROYI_HR_DINGTALKCOLUMN}).
 */
@Validated
@ConfigurationProperties("proyi")
public class ProYiProperties {

    /** Plain SQL identifier: the HR names end up inside SQL text, so nothing else is accepted. */
    public static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]{0,63}";

    /** ProYi's public base URL, e.g. https://proyi.example.com; notice links start with it. */
    @NotBlank(message = "proyi.base-url must be set to ProYi's public URL, e.g. https://proyi.example.com")
    private String baseUrl;

    /**
     * The module's public URL as DingTalk clients reach it, e.g. https://dingtalk.example.com. When set,
     * notice links and buttons enter through its free-login page (/dingtalk/h5/): one tap logs the
     * person in (binding first if needed) and lands on the ProYi page for the phone or the PC. Unset:
     * links open ProYi directly, and whether the person arrives logged in is up to ProYi.
     */
    private String moduleUrl;

    @Valid private final Hr hr = new Hr();
    @Valid private final Webhook webhook = new Webhook();
    @Valid private final Outbox outbox = new Outbox();
    @Valid private final Admin admin = new Admin();
    @Valid private final Routes routes = new Routes();
    @Valid private final Sql sql = new Sql();
    @Valid private final Mappings mappings = new Mappings();

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getModuleUrl() { return moduleUrl; }
    public void setModuleUrl(String moduleUrl) { this.moduleUrl = moduleUrl; }
    public Hr getHr() { return hr; }
    public Webhook getWebhook() { return webhook; }
    public Outbox getOutbox() { return outbox; }
    public Admin getAdmin() { return admin; }
    public Routes getRoutes() { return routes; }
    public Sql getSql() { return sql; }
    public Mappings getMappings() { return mappings; }

    /** The Camel YAML routes, read from the file system and edited without a rebuild. */
    public static class Routes {
        /**
         * Folder of the route files, absolute or relative to the working directory (start the module in
         * its installation folder); camel.main.routes-include-pattern and the reload watch follow it.
         */
        @NotBlank private String directory = "routes";

        public String getDirectory() { return directory; }
        public void setDirectory(String directory) { this.directory = directory; }
    }

    /** ProYi SQL kept in files, and the example triggers. */
    public static class Sql {
        /** Folder of the SQL files (sql:file:... in routes) and example triggers, absolute or relative to the working directory. */
        @NotBlank private String directory = "sql";

        public String getDirectory() { return directory; }
        public void setDirectory(String directory) { this.directory = directory; }
    }

    /** The declarative notice mappings (mappings/README.md). */
    public static class Mappings {
        /** Folder of the mapping files and mapping.schema.json; a changed file is re-read at the next event. */
        @NotBlank private String directory = "mappings";
        /** Time zone in which mappings show times such as ${created_at}, e.g. Asia/Shanghai. */
        @NotBlank private String timeZone = "Asia/Shanghai";

        public String getDirectory() { return directory; }
        public void setDirectory(String directory) { this.directory = directory; }
        public String getTimeZone() { return timeZone; }
        public void setTimeZone(String timeZone) { this.timeZone = timeZone; }

        public java.time.ZoneId zone() { return java.time.ZoneId.of(timeZone); }

        @AssertTrue(message = "proyi.mappings.time-zone must be a time zone id such as Asia/Shanghai")
        public boolean isTimeZoneKnown() {
            try {
                java.time.ZoneId.of(timeZone);
                return true;
            } catch (java.time.DateTimeException | NullPointerException e) {
                return false;
            }
        }
    }

    /**
     * Where ProYi's HR record (人员档案) keeps the DingTalk user id of an account. Only the shipped
     * routes read these keys ({{proyi.hr.table}} ...); a route adapted to another schema may ignore them.
     */
    public static class Hr {
        /** HR record table. */
        @Pattern(regexp = IDENTIFIER, message = "proyi.hr.table must be a plain SQL identifier")
        private String table = "proyi_hr_record";
        /** Column holding the ProYi login account. */
        @Pattern(regexp = IDENTIFIER, message = "proyi.hr.login-column must be a plain SQL identifier")
        private String loginColumn = "account";
        /** Column holding the DingTalk user id, as configured on ProYi's admin screen. */
        @Pattern(regexp = IDENTIFIER, message = "proyi.hr.dingtalk-column must be a plain SQL identifier")
        private String dingtalkColumn = "dingtalk_userid";

        public String getTable() { return table; }
        public void setTable(String table) { this.table = table; }
        public String getLoginColumn() { return loginColumn; }
        public void setLoginColumn(String loginColumn) { this.loginColumn = loginColumn; }
        public String getDingtalkColumn() { return dingtalkColumn; }
        public void setDingtalkColumn(String dingtalkColumn) { this.dingtalkColumn = dingtalkColumn; }
    }

    /** The HMAC-signed webhook ProYi can POST events to instead of using triggers. */
    public static class Webhook {
        /** Shared HMAC-SHA256 secret; the webhook refuses every request while it is unset. */
        private String secret;
        /** How far X-ProYi-Timestamp may be from this server's clock. */
        @NotNull private Duration maxClockSkew = Duration.ofMinutes(5);
        /** Most recipients one event may name; an event with more is refused with 400 (split it in ProYi). */
        @Min(1) private int maxRecipients = 1000;
        /**
         * How long the webhook remembers what it stored, to answer a replayed signed request or a repeated
         * Idempotency-Key with the first event's id instead of storing it again.
         */
        @NotNull private Duration receiptRetention = Duration.ofDays(7);

        public Duration getReceiptRetention() { return receiptRetention; }
        public void setReceiptRetention(Duration receiptRetention) { this.receiptRetention = receiptRetention; }
        public int getMaxRecipients() { return maxRecipients; }
        public void setMaxRecipients(int maxRecipients) { this.maxRecipients = maxRecipients; }
        public String getSecret() { return secret; }
        public void setSecret(String secret) { this.secret = secret; }
        public Duration getMaxClockSkew() { return maxClockSkew; }
        public void setMaxClockSkew(Duration maxClockSkew) { this.maxClockSkew = maxClockSkew; }

        @Override
        public String toString() {
            return "Webhook[secret=" + (secret == null || secret.isBlank() ? "unset" : "******") + "]";
        }
    }

    /** Draining proyi_doc_event. */
    public static class Outbox {
        /** Whether this instance drains the outbox (false: webhook and admin API only). */
        private boolean enabled = true;
        /**
         * Pause between polls for events written by ProYi's triggers (one indexed query each); events
         * stored by the webhook are claimed at once, without waiting for the poll.
         */
        @NotNull private Duration pollInterval = Duration.ofMillis(100);
        /** Events claimed per query, and looked up together (one recipient lookup per tenant and batch). */
        @Min(1) private int batchSize = 100;
        /** Notices being sent at once (requests to DingTalk in flight); each tenant's rate limit still applies. */
        @Min(1) private int workers = 8;
        /**
         * Most events this instance holds claimed at once (waiting in its per-tenant queues or being
         * sent), so that a todo raised behind a long backlog is claimed and goes first.
         */
        @Min(1) private int maxClaimed = 5000;
        /** Attempts before an event that keeps failing is dead. */
        @Min(1) private int maxAttempts = 8;
        /** Delay before the first retry of a failed event; doubles per attempt, with jitter. */
        @NotNull private Duration retryInitialBackoff = Duration.ofSeconds(10);
        /** Upper bound of the retry delay. */
        @NotNull private Duration retryMaxBackoff = Duration.ofMinutes(15);
        /** A claim older than this is taken to belong to a dead instance and is released. */
        @NotNull private Duration claimTimeout = Duration.ofMinutes(2);
        /** How often this instance renews its claims while it works on them; well below claim-timeout. */
        @NotNull private Duration claimRenewInterval = Duration.ofSeconds(30);
        /** Name of this instance in claimed_by; defaults to host name and process id. */
        private String instanceId;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public int getWorkers() { return workers; }
        public int getMaxClaimed() { return maxClaimed; }
        public void setMaxClaimed(int maxClaimed) { this.maxClaimed = maxClaimed; }
        public void setWorkers(int workers) { this.workers = workers; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getRetryInitialBackoff() { return retryInitialBackoff; }
        public void setRetryInitialBackoff(Duration retryInitialBackoff) { this.retryInitialBackoff = retryInitialBackoff; }
        public Duration getRetryMaxBackoff() { return retryMaxBackoff; }
        public void setRetryMaxBackoff(Duration retryMaxBackoff) { this.retryMaxBackoff = retryMaxBackoff; }
        public Duration getClaimTimeout() { return claimTimeout; }
        public void setClaimTimeout(Duration claimTimeout) { this.claimTimeout = claimTimeout; }
        public Duration getClaimRenewInterval() { return claimRenewInterval; }
        public void setClaimRenewInterval(Duration claimRenewInterval) { this.claimRenewInterval = claimRenewInterval; }
        public String getInstanceId() { return instanceId; }
        public void setInstanceId(String instanceId) { this.instanceId = instanceId; }

        @AssertTrue(message = "proyi.outbox.claim-renew-interval must be shorter than proyi.outbox.claim-timeout")
        public boolean isClaimRenewedInTime() {
            return claimRenewInterval.compareTo(claimTimeout) < 0;
        }
    }

    /** Operators of the admin API: proyi.admin.users.NAME.password / .role. */
    public static class Admin {
        /**
         * Operators of the console and the admin API by name: proyi.admin.users.&lt;name&gt;.password
         * (Spring Security encoded, e.g. {bcrypt}$2a$10$...; {noop} only for a demo) and .role (ADMIN may
         * replay and unbind, VIEWER only reads; default VIEWER). None configured: the admin API answers 401
         * to everyone.
         */
        @Valid private final Map<String, User> users = new LinkedHashMap<>();

        public Map<String, User> getUsers() { return users; }
    }

    public static class User {
        /** Spring Security encoded password, e.g. {bcrypt}$2a$10$... ({noop} only for demos). */
        @NotBlank private String password;
        /** ADMIN may replay and unbind; VIEWER may only read. */
        @NotNull private Role role = Role.VIEWER;

        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public Role getRole() { return role; }
        public void setRole(Role role) { this.role = role; }

        @Override
        public String toString() { return "User[role=" + role + "]"; }
    }

    public enum Role { ADMIN, VIEWER }
}
