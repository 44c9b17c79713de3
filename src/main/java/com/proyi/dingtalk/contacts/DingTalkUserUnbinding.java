package com.proyi.dingtalk.contacts;

import com.proyi.dingtalk.binding.BindingService;
import com.proyi.dingtalk.binding.HrDingTalkIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Unbinds every ProYi account that holds a DingTalk user id: employees through
 * {@link BindingService#unbind} (binding row or HR column), partner contacts through
 * {@link PartnerBindings}. Used when the user leaves or is removed from DingTalk.
 */
@Component
public class DingTalkUserUnbinding {

    private final BindingService bindings;
    private final PartnerBindings partners;
    private final HrDingTalkIds hrIds;

    public DingTalkUserUnbinding(BindingService bindings, PartnerBindings partners, HrDingTalkIds hrIds) {
        this.bindings = bindings;
        this.partners = partners;
        this.hrIds = hrIds;
    }

    /** @return the accounts that were unbound */
    public List<String> unbind(String tenantId, String userId, String reason, String actor) {
        Set<String> employees = new LinkedHashSet<>();
        bindings.accountOf(tenantId, userId).ifPresent(employees::add);
        // The sync links people through the HR column alone, without a password-based binding row.
        employees.addAll(hrIds.accountsWith(tenantId, userId));
        List<String> unbound = new ArrayList<>();
        employees.stream().filter(account -> bindings.unbind(tenantId, account, reason, actor)).forEach(unbound::add);
        partners.accountsWith(tenantId, userId).stream()
                .filter(account -> partners.unbind(tenantId, account, reason, actor)).forEach(unbound::add);
        return unbound;
    }
}
