package com.proyi.dingtalk.config;

import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Health component "db" in place of Spring Boot's, which waits as long as the database does: a
 * validation query bounded by proyi.ops.health-timeout (see {@link TimeLimitedHealth}).
 */
@Component("dbHealthIndicator")
public class DatabaseHealthIndicator implements HealthIndicator {

    private final TimeLimitedHealth check;

    public DatabaseHealthIndicator(DataSource dataSource, OpsProperties settings) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        this.check = new TimeLimitedHealth("db", settings.getHealthTimeout(), () -> {
            jdbc.queryForObject("SELECT 1", Integer.class);
            return Health.up().withDetail("validationQuery", "SELECT 1").build();
        });
    }

    @Override
    public Health health() {
        return check.health();
    }
}
