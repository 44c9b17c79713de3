package com.proyi.dingtalk.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:3306/?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + NAME);
            statement.execute("CREATE DATABASE " + NAME + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            created = true;
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB must run on 127.0.0.1:3306 (root, empty password): " + e.getMessage(), e);
        }
    }
}
