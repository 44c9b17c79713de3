package com.proyi.dingtalk.contacts;

import com.proyi.dingtalk.binding.BindingService;
import com.proyi.dingtalk.binding.HrDingTalkIds;
import com.proyi.dingtalk.binding.UnbindReasons;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Writes the DingTalk id the sync created or matched into the person's column (HR record or
 * partner contact), unless the account was unbound for cause: after a logout, a password change,
 * a revocation or an operator's unbind only a login binds again. Resigned and rehired people, and
 * people who left DingTalk, are treated as new.
 */
@Component
public class DingTalkIdWriteback {

    /** Unbinding reasons after which only a login may bind again. */
    static final Set<String> FOR_CAUSE = Set.of(UnbindReasons.LOGOUT, UnbindReasons.PASSWORD_CHANGED,
            UnbindReasons.REVOKED, UnbindReasons.ADMIN);

    enum Outcome {
        WRITTEN,
        /** The account was unbound for cause; it waits for the person's own login. */
        WAITING_FOR_LOGIN,
        /** Another account already holds the DingTalk id. */
        ID_TAKEN
    }

    private final BindingService bindings;
    private final PartnerBindings partners;
    private final HrDingTalkIds hrIds;

    public DingTalkIdWriteback(BindingService bindings, PartnerBindings partners, HrDingTalkIds hrIds) {
        this.bindings = bindings;
        this.partners = partners;
        this.hrIds = hrIds;
    }

    Outcome write(Person person, String userId) {
        if (unboundForCause(person)) {
            return Outcome.WAITING_FOR_LOGIN;
        }
        if (takenByAnother(person, userId)) {
            return Outcome.ID_TAKEN;
        }
        if (person.portal() == Portal.EMPLOYEE) {
            hrIds.writeIfEmpty(person.tenantId(), person.account(), userId);
        } else {
            partners.bind(person.tenantId(), person.account(), userId);
        }
        return Outcome.WRITTEN;
    }

    /** Whether another account of the person's kind (employee or partner contact) holds the DingTalk id. */
    boolean takenByAnother(Person person, String userId) {
        if (person.portal() == Portal.EMPLOYEE) {
            return bindings.accountOf(person.tenantId(), userId).filter(a -> !a.equals(person.account())).isPresent()
                    || hrIds.accountsWith(person.tenantId(), userId).stream().anyMatch(a -> !a.equals(person.account()));
        }
        return partners.accountsWith(person.tenantId(), userId).stream().anyMatch(a -> !a.equals(person.account()));
    }

    private boolean unboundForCause(Person person) {
        return bindings.audit(person.tenantId(), person.account(), 1).stream()
                .anyMatch(last -> "UNBIND".equals(last.action()) && FOR_CAUSE.contains(last.reason()));
    }
}
