package com.proyi.dingtalk.contacts.events;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * DingTalk's HTTP event push to {@code POST /dingtalk/callback}, with the values entered in the
 * DingTalk developer console (事件订阅 · HTTP推送). Token and aes-key are secrets: never logged,
 * masked in {@link #toString()}. While either is unset the callback answers 503.
 */
@Validated
@ConfigurationProperties("dingtalk.callback")
public class CallbackProperties {

    /** The console's 签名 token (3–32 letters or digits). Secret. */
    private String token;

    /** The console's 43-character EncodingAESKey (加密 aes_key). Secret. */
    @Pattern(regexp = "[A-Za-z0-9]{43}", message = "dingtalk.callback.aes-key must be the 43-character EncodingAESKey")
    private String aesKey;

    /**
     * The key DingTalk appends to every message: the AppKey for events configured in the developer
     * console (the default, dingtalk.app-key), the corpId for register_call_back subscriptions.
     */
    private String ownerKey;

    /** How far a callback's timestamp may be from this server's clock; older or newer requests are refused. */
    @NotNull private Duration maxClockSkew = Duration.ofMinutes(5);

    /** How often stored events are picked up for handling. */
    @NotNull private Duration inboxPollInterval = Duration.ofSeconds(1);

    /** Attempts to handle a stored event before it is marked FAILED. */
    @Min(1) private int maxAttempts = 5;

    public boolean isConfigured() {
        return hasText(token) && hasText(aesKey) && hasText(ownerKey);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getAesKey() { return aesKey; }
    public void setAesKey(String aesKey) { this.aesKey = aesKey == null || aesKey.isBlank() ? null : aesKey; }
    public String getOwnerKey() { return ownerKey; }
    public void setOwnerKey(String ownerKey) { this.ownerKey = ownerKey; }
    public Duration getMaxClockSkew() { return maxClockSkew; }
    public void setMaxClockSkew(Duration maxClockSkew) { this.maxClockSkew = maxClockSkew; }
    public Duration getInboxPollInterval() { return inboxPollInterval; }
    public void setInboxPollInterval(Duration inboxPollInterval) { this.inboxPollInterval = inboxPollInterval; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }

    @Override
    public String toString() {
        return "CallbackProperties[token=" + (hasText(token) ? "******" : "unset") + ", aesKey="
                + (hasText(aesKey) ? "******" : "unset") + ", ownerKey=" + ownerKey + ", maxClockSkew=" + maxClockSkew + "]";
    }
}
