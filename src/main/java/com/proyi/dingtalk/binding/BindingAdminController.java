package com.proyi.dingtalk.binding;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators see who is bound and why bindings changed, and unbind an account (ADMIN only). */
@RestController
@RequestMapping("/api/admin/bindings")
public class BindingAdminController {

    private final BindingService bindings;

    public BindingAdminController(BindingService bindings) {
        this.bindings = bindings;
    }

    @GetMapping
    public List<BindingService.Binding> list(@RequestParam(defaultValue = "default") String tenant,
                                             @RequestParam(required = false) String account,
                                             @RequestParam(defaultValue = "100") int limit) {
        return bindings.list(tenant, account, bounded(limit));
    }

    @GetMapping("/audit")
    public List<BindingService.AuditEntry> audit(@RequestParam(defaultValue = "default") String tenant,
                                                 @RequestParam(required = false) String account,
                                                 @RequestParam(defaultValue = "100") int limit) {
        return bindings.audit(tenant, account, bounded(limit));
    }

    @DeleteMapping("/{tenant}/{account}")
    public ResponseEntity<Map<String, Object>> unbind(@PathVariable String tenant, @PathVariable String account,
                                                      Principal operator) {
        return bindings.unbind(tenant, account, UnbindReasons.ADMIN, "admin:" + operator.getName())
                ? ResponseEntity.ok(Map.of("tenant", tenant, "account", account, "unbound", true))
                : ResponseEntity.status(404).body(Map.of("error", "account " + account + " of tenant " + tenant
                        + " is not bound"));
    }

    private static int bounded(int limit) {
        return Math.max(1, Math.min(limit, 1000));
    }
}
