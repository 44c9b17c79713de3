package com.proyi.dingtalk.binding;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The rule of ProYi's account events (routes/account-events.camel.yaml reads, claims and records
 * them): each password change, logout, revocation or resignation ends the account's binding, with
 * the kind as the unbind reason.
 */
@Component("accountEvents")
public class AccountEvents {

    private static final Logger log = LoggerFactory.getLogger(AccountEvents.class);
    /** Every kind ProYi writes ends the binding; the kind is recorded as the unbind reason. */
    private static final Set<String> KINDS = Set.of(UnbindReasons.PASSWORD_CHANGED, UnbindReasons.LOGOUT,
            UnbindReasons.REVOKED, UnbindReasons.RESIGNED);

    private final BindingService bindings;

    public AccountEvents(BindingService bindings) {
        this.bindings = bindings;
    }

    /**
     * Unbinds the event's account; runs in the route's transaction, which also claims the event.
     *
     * @param event a row of the route pending-account-events: id, tenant_id, account, kind
     * @return the outcome to record: UNBOUND, NOT_BOUND, or IGNORED with the reason
     */
    public String apply(@Body Map<String, Object> event) {
        Object id = event.get("id");
        Object rawKind = event.get("kind");
        String kind = rawKind == null ? "" : rawKind.toString().trim().toUpperCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            log.warn("Account event {} has the unknown kind '{}'; expected one of {}", id, rawKind, KINDS);
            return "IGNORED: unknown kind";
        }
        boolean unbound = bindings.unbind(String.valueOf(event.get("tenant_id")), String.valueOf(event.get("account")),
                kind, "account-event:" + id);
        return unbound ? "UNBOUND" : "NOT_BOUND";
    }
}
