package com.proyi.dingtalk.binding;

import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Verifies a password against the hash the route check-password-in-database read
 * (routes/proyi-accounts.camel.yaml), in any format of Spring Security's delegating encoder.
 */
@Component("proyiPasswordHashes")
public class PasswordHashes {

    private static final Logger log = LoggerFactory.getLogger(PasswordHashes.class);

    private final PasswordEncoder passwords;
    /** Compared against when the account does not exist, so the answer takes as long as for a real one. */
    private final String absentAccountHash;

    public PasswordHashes(PasswordEncoder passwords) {
        this.passwords = passwords;
        this.absentAccountHash = passwords.encode(SecretTokens.newToken());
    }

    /**
     * @param request the password check's request: {@code account} and {@code password}
     * @param rows    the route's answer: one row whose first column is the hash, or none for an unknown account
     * @return whether the password matches; an absent account costs the same time and never matches
     */
    public boolean matches(@Body Map<String, Object> request, @Variable("storedHash") List<Map<String, Object>> rows) {
        Object account = request.get("account");
        Object password = request.get("password");
        Object stored = rows == null || rows.isEmpty() || rows.get(0).isEmpty() ? null
                : rows.get(0).values().iterator().next();
        String hash = stored == null ? absentAccountHash : stored.toString();
        try {
            return passwords.matches(password == null ? "" : password.toString(), hash) && stored != null;
        } catch (IllegalArgumentException unsupportedHash) {
            log.warn("The password hash of ProYi account {} is in a format Spring Security cannot check: {}",
                    account, unsupportedHash.getMessage());
            return false;
        }
    }
}
