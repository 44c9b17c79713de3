package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.config.ProYiProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Account binding and free login inside DingTalk (proyi.binding.*): how long tokens and tickets
 * live, when binding locks after wrong passwords, where the person lands in ProYi, and which HR
 * column says that an employee has resigned.
 */
@Validated
@ConfigurationProperties("proyi.binding")
public class BindingProperties {

    /** Wrong passwords per DingTalk user (whichever accounts they try) before binding locks for that user (ProYi's 登录允许密码错误次数). */
    @Min(1)
    private int maxPasswordFailures = 5;

    /** How long binding stays locked once the wrong-password limit is reached. */
    @NotNull
    private Duration lockDuration = Duration.ofMinutes(15);

    /**
     * How long a free login or logout may wait for a free slot in DingTalk's calls per second; beyond that it
     * is refused at once with 503 DINGTALK_BUSY instead of holding a web thread in a queue.
     */
    private Duration loginMaxRateWait = Duration.ofMillis(300);

    /**
     * Origins (https://host[:port]) of the pages jsapi-config signs for, besides ProYi's base URL: where the H5
     * page is served. Empty: the origin the request reached this module at.
     */
    private List<String> jsapiOrigins = new ArrayList<>();

    /** How long the bind form may be submitted after DingTalk identified the person. */
    @NotNull
    private Duration bindTokenTtl = Duration.ofMinutes(10);

    /** How long ProYi has to redeem a login ticket (each ticket is redeemed once). */
    @NotNull
    private Duration ticketTtl = Duration.ofSeconds(60);

    /** How long after login a ticket still identifies its session for POST /api/dingtalk/logout. */
    @NotNull
    private Duration sessionLifetime = Duration.ofHours(12);

    /** Notices that waited for an unbound recipient are delivered on binding only if younger than this. */
    @NotNull
    private Duration waitingNoticeMaxAge = Duration.ofDays(7);

    /**
     * Shared HMAC-SHA256 secret ProYi signs POST /api/tickets/redeem with, exactly as it signs the
     * webhook; redemption is refused while it is unset.
     */
    private String ticketSecret;

    /** ProYi page that redeems the ticket and opens the session: ProYi base URL + this path + ?ticket=&target=. */
    @NotBlank
    @Pattern(regexp = "/.*", message = "proyi.binding.ticket-landing-path must start with /")
    private String ticketLandingPath = "/dingtalk/sso";

    /** HR record column with the employment status; accounts whose status is proyi.binding.resigned-status cannot stay bound. */
    @Pattern(regexp = ProYiProperties.IDENTIFIER,
            message = "proyi.binding.hr-status-column must be a plain SQL identifier")
    private String hrStatusColumn = "employment_status";

    /** Value of the HR status column that means the employee has resigned (it ends up in the sync route's SQL). */
    @Pattern(regexp = "[A-Za-z0-9_\\-\\p{IsHan}]{1,32}",
            message = "proyi.binding.resigned-status must be letters, digits, '_' or '-' (it is written into SQL)")
    private String resignedStatus = "RESIGNED";

    /** Hash of the dd.config signature: SHA-256 in DingTalk's current samples, SHA-1 in older clients' docs. */
    @NotNull
    private JsapiSignature.Algorithm jsapiSignature = JsapiSignature.Algorithm.SHA_256;

    /** DingTalk's JSAPI script, loaded by the H5 page only where the DingTalk client has not injected {@code dd}. */
    @NotBlank
    private String jsapiScriptUrl = "https://g.alicdn.com/dingding/dingtalk-jsapi/2.10.3/dingtalk.open.js";

    /**
     * How often ProYi's account events (route pending-account-events) are read for password changes,
     * logouts, revocations and resignations.
     */
    @NotNull
    private Duration accountEventPollInterval = Duration.ofSeconds(1);

    /** How routes/proyi-accounts.camel.yaml checks the ProYi password on the bind form. */
    @NotNull
    private PasswordCheck passwordCheck = PasswordCheck.DATABASE;

    @Valid
    private final LoginApi loginApi = new LoginApi();

    /** The two ways of checking a ProYi password that the routes ship. */
    public enum PasswordCheck {
        /** The stored hash, read by the route and verified by the module (Spring Security's formats). */
        DATABASE,
        /** ProYi's own login web API, called by the route (proyi.binding.login-api.*). */
        HTTP
    }

    /** ProYi's login web API, used when {@code password-check} is {@code http}. */
    public static class LoginApi {
        /** URL the route POSTs account and password to, e.g. https://proyi.example.com/api/login. */
        private String url;
        /** JSON Pointer to the field of the answer that says whether the login succeeded. */
        @NotBlank
        @Pattern(regexp = "/.*", message = "proyi.binding.login-api.success-field must be a JSON Pointer such as /success")
        private String successField = "/success";
        /** The field's value when the login succeeded. */
        @NotBlank
        private String successValue = "true";
        /** Milliseconds for connecting and for the answer. */
        @Min(100)
        private long timeout = 5000;

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getSuccessField() { return successField; }
        public void setSuccessField(String successField) { this.successField = successField; }
        public String getSuccessValue() { return successValue; }
        public void setSuccessValue(String successValue) { this.successValue = successValue; }
        public long getTimeout() { return timeout; }
        public void setTimeout(long timeout) { this.timeout = timeout; }
    }

    @AssertTrue(message = "proyi.binding.login-api.url must be set when proyi.binding.password-check is http")
    public boolean isLoginApiSetWhenUsed() {
        return passwordCheck != PasswordCheck.HTTP || loginApi.getUrl() != null && !loginApi.getUrl().isBlank();
    }

    public int getMaxPasswordFailures() { return maxPasswordFailures; }
    public void setMaxPasswordFailures(int maxPasswordFailures) { this.maxPasswordFailures = maxPasswordFailures; }
    public List<String> getJsapiOrigins() { return jsapiOrigins; }
    public void setJsapiOrigins(List<String> jsapiOrigins) { this.jsapiOrigins = jsapiOrigins; }
    public Duration getLoginMaxRateWait() { return loginMaxRateWait; }
    public void setLoginMaxRateWait(Duration loginMaxRateWait) { this.loginMaxRateWait = loginMaxRateWait; }
    public Duration getLockDuration() { return lockDuration; }
    public void setLockDuration(Duration lockDuration) { this.lockDuration = lockDuration; }
    public Duration getBindTokenTtl() { return bindTokenTtl; }
    public void setBindTokenTtl(Duration bindTokenTtl) { this.bindTokenTtl = bindTokenTtl; }
    public Duration getTicketTtl() { return ticketTtl; }
    public void setTicketTtl(Duration ticketTtl) { this.ticketTtl = ticketTtl; }
    public Duration getSessionLifetime() { return sessionLifetime; }
    public void setSessionLifetime(Duration sessionLifetime) { this.sessionLifetime = sessionLifetime; }
    public Duration getWaitingNoticeMaxAge() { return waitingNoticeMaxAge; }
    public void setWaitingNoticeMaxAge(Duration waitingNoticeMaxAge) { this.waitingNoticeMaxAge = waitingNoticeMaxAge; }
    public String getTicketSecret() { return ticketSecret; }
    public void setTicketSecret(String ticketSecret) { this.ticketSecret = ticketSecret; }
    public String getTicketLandingPath() { return ticketLandingPath; }
    public void setTicketLandingPath(String ticketLandingPath) { this.ticketLandingPath = ticketLandingPath; }
    public String getHrStatusColumn() { return hrStatusColumn; }
    public void setHrStatusColumn(String hrStatusColumn) { this.hrStatusColumn = hrStatusColumn; }
    public String getResignedStatus() { return resignedStatus; }
    public void setResignedStatus(String resignedStatus) { this.resignedStatus = resignedStatus; }
    public JsapiSignature.Algorithm getJsapiSignature() { return jsapiSignature; }
    public void setJsapiSignature(JsapiSignature.Algorithm jsapiSignature) { this.jsapiSignature = jsapiSignature; }
    public String getJsapiScriptUrl() { return jsapiScriptUrl; }
    public void setJsapiScriptUrl(String jsapiScriptUrl) { this.jsapiScriptUrl = jsapiScriptUrl; }
    public PasswordCheck getPasswordCheck() { return passwordCheck; }
    public void setPasswordCheck(PasswordCheck passwordCheck) { this.passwordCheck = passwordCheck; }
    public LoginApi getLoginApi() { return loginApi; }
    public Duration getAccountEventPollInterval() { return accountEventPollInterval; }
    public void setAccountEventPollInterval(Duration accountEventPollInterval) { this.accountEventPollInterval = accountEventPollInterval; }

    @Override
    public String toString() {
        return "BindingProperties[maxPasswordFailures=" + maxPasswordFailures + ", lockDuration=" + lockDuration
                + ", ticketTtl=" + ticketTtl + ", ticketSecret="
                + (ticketSecret == null || ticketSecret.isBlank() ? "unset" : "******") + "]";
    }
}
