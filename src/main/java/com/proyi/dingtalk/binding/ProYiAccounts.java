package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.config.ProYiProperties;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * ProYi's accounts as binding needs them: proyi_user (password hash in Spring Security's
 * {@code {id}} format, status ACTIVE or DISABLED) joined with the HR record's employment status.
 */
@Component
public class ProYiAccounts {

    private static final Logger log = LoggerFactory.getLogger(ProYiAccounts.class);

    /** An account, whether it may log in, and its password hash. */
    public record Account(String tenantId, String account, String passwordHash, boolean active, boolean resigned) {

        /** What the binding remembers of the password: a changed password changes it, and it reveals nothing. */
        public String passwordFingerprint() {
            return SecretTokens.sha256(passwordHash);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ProYiProperties.Hr hr;
    private final BindingProperties settings;
    private final PasswordEncoder passwords;
    /** Compared against when the account does not exist, so the answer takes as long as for a real one. */
    private final String absentAccountHash;

    public ProYiAccounts(NamedParameterJdbcTemplate jdbc, ProYiProperties properties, BindingProperties settings,
                         PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.hr = properties.getHr();
        this.settings = settings;
        this.passwords = passwords;
        this.absentAccountHash = passwords.encode(SecretTokens.newToken());
    }

    public Optional<Account> find(String tenantId, String account) {
        List<Account> found = jdbc.query("SELECT u.password_hash, u.status, h." + settings.getHrStatusColumn()
                        + " FROM proyi_user u LEFT JOIN " + hr.getTable() + " h ON h.tenant_id = u.tenant_id"
                        + " AND h." + hr.getLoginColumn() + " = u.account"
                        + " WHERE u.tenant_id = :tenant AND u.account = :account",
                new MapSqlParameterSource("tenant", tenantId).addValue("account", account),
                (rs, i) -> new Account(tenantId, account, rs.getString(1), "ACTIVE".equalsIgnoreCase(rs.getString(2)),
                        settings.getResignedStatus().equalsIgnoreCase(rs.getString(3))));
        return found.stream().findFirst();
    }

    /** Checks the password against the account's hash; an absent account costs the same time and never matches. */
    public boolean passwordMatches(Optional<Account> account, String password) {
        String hash = account.map(Account::passwordHash).orElse(absentAccountHash);
        try {
            return passwords.matches(password, hash) && account.isPresent();
        } catch (IllegalArgumentException unsupportedHash) {
            log.warn("The password hash of ProYi account {} is in a format Spring Security cannot check: {}",
                    account.map(Account::account).orElse("?"), unsupportedHash.getMessage());
            return false;
        }
    }
}
