package com.proyi.dingtalk.dingtalk;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly budget for operators: {@code GET /api/admin/quota} (use, plan, month-end projection,
 * warning, stopped work per organisation), {@code PUT /api/admin/quota/plan?tenant=default&calls=10000}
 * after buying more (without {@code calls}: back to dingtalk.quota.plan), and the health component
 * {@code dingtalkQuota}.
 */
@RestController
public class QuotaController {

    private final QuotaBudget budget;
    private final ConfiguredTenants tenants;

    public QuotaController(QuotaBudget budget, ConfiguredTenants tenants) {
        this.budget = budget;
        this.tenants = tenants;
    }

    @GetMapping("/api/admin/quota")
    public List<QuotaBudget.Usage> usage() {
        return budget.usage();
    }

    @PutMapping("/api/admin/quota/plan")
    public ResponseEntity<?> plan(@RequestParam(defaultValue = DingTalkProperties.DEFAULT_TENANT) String tenant,
                                  @RequestParam(required = false) Long calls) {
        if (!tenants.ids().contains(tenant)) {
            return ResponseEntity.status(404).body(Map.of("error", "no tenant " + tenant));
        }
        if (calls != null && calls < 1) {
            return ResponseEntity.badRequest().body(Map.of("error", "calls must be at least 1"));
        }
        budget.setPlan(tenant, calls);
        return ResponseEntity.ok(budget.usage());
    }

    /** UP with each organisation's use and projection; a warning detail past dingtalk.quota.warn-at-percent. */
    @Bean("dingtalkQuota")
    static HealthIndicator quotaHealth(QuotaBudget budget) {
        return () -> {
            Health.Builder health = Health.up();
            for (QuotaBudget.Usage usage : budget.usage()) {
                Map<String, Object> details = new java.util.LinkedHashMap<>();
                details.put("month", usage.month());
                details.put("used", usage.used());
                details.put("plan", usage.plan() < 0 ? "unlimited" : usage.plan());
                details.put("projected", usage.projected());
                if (usage.exhausted()) {
                    details.put("warning", "monthly quota used up: notices wait until the month turns or the plan is raised");
                } else if (usage.warning()) {
                    details.put("warning", usage.percent() + "% of the monthly calls used; stopped: " + usage.stopped());
                }
                health.withDetail(usage.organisation(), details);
            }
            return health.build();
        };
    }
}
