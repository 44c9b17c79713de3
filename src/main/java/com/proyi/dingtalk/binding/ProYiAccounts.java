package com.proyi.dingtalk.binding;

import static com.proyi.dingtalk.config.ProYiRoutes.parameters;

import com.proyi.dingtalk.binding.BindRefusedException.Reason;
import com.proyi.dingtalk.config.ProYiRoutes;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * ProYi's accounts as binding needs them, through the routes of routes/proyi-accounts.camel.yaml:
 * whether an account may bind, and whether a password is right (in ProYi's database or through
 * its login web API, as proyi.binding.password-check says).
 */
@Component
public class ProYiAccounts {

    private static final Logger log = LoggerFactory.getLogger(ProYiAccounts.class);

    /** An account, whether it may log in, and what changes whenever its password changes. */
    public record Account(String tenantId, String account, boolean active, boolean resigned, String passwordVersion) {

        /** What the binding remembers of the password: a changed password changes it, and it reveals nothing. */
        public String passwordFingerprint() {
            return SecretTokens.sha256(Objects.toString(passwordVersion, ""));
        }
    }

    private final ProYiRoutes routes;

    public ProYiAccounts(ProYiRoutes routes) {
        this.routes = routes;
    }

    public Optional<Account> find(String tenantId, String account) {
        return routes.rows("direct:proyi-account", parameters("tenant_id", tenantId, "account", account)).stream()
                .findFirst().map(row -> new Account(tenantId, account, isTrue(row.get("active")),
                        isTrue(row.get("resigned")), ProYiRoutes.text(row.get("password_version"))));
    }

    /**
     * Whether ProYi accepts the password. The password goes to the route in the body map only.
     *
     * @throws BindRefusedException PROYI_UNAVAILABLE when the password could not be checked
     */
    public boolean passwordMatches(String tenantId, String account, String password) {
        Boolean matches;
        try {
            matches = routes.ask("direct:check-proyi-password", parameters("tenant_id", tenantId, "account", account,
                    "password", password), Boolean.class);
        } catch (RuntimeException e) {
            log.warn("Could not check the ProYi password of account {} of tenant {}: {}", account, tenantId,
                    NestedExceptionUtils.getMostSpecificCause(e).toString());
            throw new BindRefusedException(Reason.PROYI_UNAVAILABLE, "暂时无法核对过程易密码，请稍后再试");
        }
        return Boolean.TRUE.equals(matches);
    }

    /** SQL booleans arrive as Boolean, as 1/0, or as text, depending on the database and the query. */
    private static boolean isTrue(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof Number number) {
            return number.intValue() != 0;
        }
        return value != null && Set.of("true", "1", "y", "yes").contains(value.toString().trim().toLowerCase(Locale.ROOT));
    }
}
