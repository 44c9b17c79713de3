package com.proyi.dingtalk.config;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * MySQL Connector/J settings the module relies on, added to a MySQL/MariaDB connection pool unless
 * the JDBC URL or {@code spring.datasource.hikari.data-source-properties} set them already, so that
 * a URL written without them (SPRING_DATASOURCE_URL=jdbc:mysql://db:3306/proyi) still gets them:
 * <ul>
 *   <li>{@code rewriteBatchedStatements}: a batch of delivery rows goes as one multi-row INSERT, not
 *       one statement per row;</li>
 *   <li>{@code cachePrepStmts} with room for the module's statements: Connector/J otherwise parses
 *       every statement's text again each time it is prepared, thousands of times a second in a
 *       drain.</li>
 * </ul>
 */
@Component
class MySqlDriverDefaults implements BeanPostProcessor {

    static final Map<String, String> DEFAULTS = Map.of(
            "rewriteBatchedStatements", "true",
            "cachePrepStmts", "true",
            "prepStmtCacheSize", "500",
            "prepStmtCacheSqlLimit", "4096");

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().toLowerCase(Locale.ROOT).startsWith("jdbc:mysql:")) {
            String url = pool.getJdbcUrl().toLowerCase(Locale.ROOT);
            DEFAULTS.forEach((name, value) -> {
                if (!url.contains(name.toLowerCase(Locale.ROOT) + "=") && !pool.getDataSourceProperties().containsKey(name)) {
                    pool.addDataSourceProperty(name, value);
                }
            });
        }
        return bean;
    }
}
