package com.proyi.dingtalk.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class MySqlDriverDefaultsTest {

    private final MySqlDriverDefaults defaults = new MySqlDriverDefaults();

    @Test
    void aMySqlUrlWithoutTheSettingsGetsThem() {
        HikariDataSource pool = pool("jdbc:mysql://db.example.com:3306/proyi");
        defaults.postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).containsEntry("rewriteBatchedStatements", "true")
                .containsEntry("cachePrepStmts", "true").containsKeys("prepStmtCacheSize", "prepStmtCacheSqlLimit");
    }

    @Test
    void whatTheUrlOrThePropertiesSayStays() {
        HikariDataSource pool = pool("jdbc:mysql://db:3306/proyi?useSSL=false&rewriteBatchedStatements=false");
        pool.addDataSourceProperty("cachePrepStmts", "false");
        defaults.postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).doesNotContainKey("rewriteBatchedStatements")
                .containsEntry("cachePrepStmts", "false").containsEntry("prepStmtCacheSize", "500");
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        HikariDataSource pool = pool("jdbc:h2:mem:demo");
        defaults.postProcessBeforeInitialization(pool, "dataSource");

        assertThat(pool.getDataSourceProperties()).isEmpty();
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }
}
