package com.proyi.dingtalk.config;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/** Reads a table's columns from the live schema, for the checks of the ProYi tables the module reads. */
public final class TableColumns {

    private TableColumns() {
    }

    /**
     * Lower-case column names of the table in the connection's own schema, however the server cases
     * names (MySQL on Linux keeps them, H2 may upper- or lower-case them); empty when there is no such table.
     */
    public static Set<String> of(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String candidate : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
                Set<String> columns = new TreeSet<>();
                try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), candidate, null)) {
                    while (rs.next()) {
                        columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                if (!columns.isEmpty()) {
                    return columns;
                }
            }
            return Set.of();
        }
    }
}
