package com.proyi.dingtalk.binding;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's binding search: one box for a ProYi account or a DingTalk user id. Unbinding goes
 * through the binding admin API ({@code DELETE /api/admin/bindings/{tenant}/{account}}).
 */
@RestController
public class ConsoleBindingsController {

    private static final int LATEST = 100;

    private final BindingService bindings;

    public ConsoleBindingsController(BindingService bindings) {
        this.bindings = bindings;
    }

    /** Without {@code q}: the latest bindings of the tenant. */
    @GetMapping("/api/admin/binding-search")
    public List<Found> search(@RequestParam(defaultValue = "default") String tenant,
                              @RequestParam(required = false) String q) {
        if (q == null || q.isBlank()) {
            return bindings.list(tenant, null, LATEST).stream().map(Found::of).toList();
        }
        Set<BindingService.Binding> found = new LinkedHashSet<>();
        bindings.bindingOfAccount(tenant, q.trim()).ifPresent(found::add);
        bindings.bindingOfUser(tenant, q.trim()).ifPresent(found::add);
        return found.stream().map(Found::of).toList();
    }

    /** A binding as the console shows it (without the password fingerprint). */
    public record Found(String tenantId, String account, String dingtalkUserId, Instant boundAt) {
        static Found of(BindingService.Binding binding) {
            return new Found(binding.tenantId(), binding.account(), binding.dingtalkUserId(), binding.boundAt());
        }
    }
}
