package com.proyi.dingtalk.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Runs a script written for the mysql client (DELIMITER //, comments) through JDBC, one statement at a time. */
public final class MysqlScript {

    private MysqlScript() {
    }

    public static void run(JdbcTemplate jdbc, Path file) throws Exception {
        for (String statement : statements(file)) {
            jdbc.execute(statement);
        }
    }

    static List<String> statements(Path file) throws Exception {
        List<String> statements = new ArrayList<>();
        String delimiter = ";";
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--") || trimmed.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (trimmed.toUpperCase().startsWith("DELIMITER ")) {
                delimiter = trimmed.substring("DELIMITER ".length()).trim();
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(delimiter)) {
                String statement = current.toString().trim();
                statements.add(statement.substring(0, statement.length() - delimiter.length()));
                current.setLength(0);
            }
        }
        return statements;
    }
}
