package com.proyi.dingtalk.config;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component "routes", part of the readiness group: DOWN until Camel has started and every
 * route meant to start automatically runs. Migrations finish before Camel starts, so this also
 * covers them.
 */
@Component("routes")
public class RoutesHealthIndicator extends AbstractHealthIndicator {

    private final CamelContext camel;

    public RoutesHealthIndicator(CamelContext camel) {
        super("route status could not be read");
        this.camel = camel;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        if (!camel.isStarted()) {
            health.down().withDetail("camel", camel.getStatus().name());
            return;
        }
        List<String> notStarted = camel.getRoutes().stream()
                .filter(Route::isAutoStartup)
                .filter(route -> camel.getRouteController().getRouteStatus(route.getRouteId()) != ServiceStatus.Started)
                .map(Route::getRouteId)
                .toList();
        (notStarted.isEmpty() ? health.up() : health.down())
                .withDetail("routes", camel.getRoutes().size())
                .withDetail("notStarted", notStarted);
    }
}
