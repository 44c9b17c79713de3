package com.proyi.dingtalk.dingtalk;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health component "dingtalk" with one child per tenant: UP while an access token can be had. The
 * token is cached, so a healthy check costs no call; a failing one tells DingTalk's errcode.
 */
@Configuration(proxyBeanMethods = false)
public class DingTalkHealth {

    @Bean("dingtalk")
    HealthContributor dingTalkHealthContributor(ConfiguredTenants tenants, DingTalkClient dingTalk) {
        Map<String, HealthIndicator> perTenant = new LinkedHashMap<>();
        tenants.ids().forEach(tenant -> perTenant.put(tenant, () -> tokenHealth(dingTalk, tenant)));
        return CompositeHealthContributor.fromMap(perTenant);
    }

    static Health tokenHealth(DingTalkClient dingTalk, String tenant) {
        if (!dingTalk.isConfigured(tenant)) {
            return Health.unknown().withDetail("reason", "no DingTalk settings for this tenant").build();
        }
        try {
            dingTalk.accessToken(tenant);
            return Health.up().build();
        } catch (DingTalkException e) {
            return Health.down().withDetail("errcode", e.errcode()).withDetail("error", e.getMessage()).build();
        }
    }
}
