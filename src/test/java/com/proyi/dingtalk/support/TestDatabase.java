package com.proyi.dingtalk.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh MariaDB database per test JVM, so runs do not see each other's rows. */
public final class TestDatabase {

    public static final String NAME = System.getProperty("proyi.test.database", "proyi_it");
    private static boolean created;

    private TestDatabase() {
    }

    public static synchronized void recreateOnce() {
        if (created) {
            return;
        }
        recreate(NAME);
        created = true;
    }

    /**
     * A fresh database beside the run's, {@code <run's database><suffix>}, for a test class whose module
     * must be the only one polling its outbox (the cached modules of other test classes poll the shared
     * one); call it from the class's {@code @DynamicPropertySource} method.
     */
    public static void useOwn(DynamicPropertyRegistry properties, String suffix) {
        String name = NAME + suffix;
        recreate(name);
        properties.add("proyi.test.database", () -> name);
    }

    private static void recreate(String name) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:3306/?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB must run on 127.0.0.1:3306 (root, empty password): " + e.getMessage(), e);
        }
    }
}
