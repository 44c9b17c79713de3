package com.proyi.dingtalk.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Limits on what callers who have not (yet) proved who they are can make the module do. */
@Validated
@ConfigurationProperties("proyi.security")
public class ModuleSecurityProperties {

    /**
     * The largest request body read on the endpoints that authenticate by the body itself or not at all
     * (ProYi's webhook, DingTalk's callback, ticket redemption, the H5 page's login, bind and logout); a
     * larger one is answered 413 before anything parses or signs it.
     */
    @NotNull private DataSize maxBodySize = DataSize.ofKilobytes(256);
    @Valid private final OperatorLogin operatorLogin = new OperatorLogin();

    public DataSize getMaxBodySize() { return maxBodySize; }
    public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
    public OperatorLogin getOperatorLogin() { return operatorLogin; }

    /** Operators signing in to the console or the admin API (counted per instance, in memory). */
    public static class OperatorLogin {
        /** Wrong passwords for one user name within lockout before that name is refused (429) without a check. */
        @Min(1) private int maxFailuresPerName = 5;
        /** Wrong passwords from one client address within lockout, whatever names it tries, before it is refused. */
        @Min(1) private int maxFailuresPerAddress = 20;
        /** How long failures are remembered, and so how long a name or address stays refused. */
        @NotNull private Duration lockout = Duration.ofMinutes(15);

        public int getMaxFailuresPerName() { return maxFailuresPerName; }
        public void setMaxFailuresPerName(int maxFailuresPerName) { this.maxFailuresPerName = maxFailuresPerName; }
        public int getMaxFailuresPerAddress() { return maxFailuresPerAddress; }
        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) { this.maxFailuresPerAddress = maxFailuresPerAddress; }
        public Duration getLockout() { return lockout; }
        public void setLockout(Duration lockout) { this.lockout = lockout; }
    }
}
