package com.proyi.dingtalk.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The admin audit log (admin_audit): who did what on the admin API and the console, when, and the outcome. */
@Component
public class AdminAudit {

    static final int MAX_ACTION = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public AdminAudit(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One admin action; {@code action} is the request, e.g. {@code POST /api/admin/dead-events/7/replay}. */
    public record Entry(long id, Instant at, String actor, String action, int httpStatus) {}

    public void record(String actor, String action, int httpStatus) {
        jdbc.update("INSERT INTO admin_audit (acted_at, actor, action, http_status) VALUES (:at, :actor, :action, :status)",
                new MapSqlParameterSource().addValue("at", Timestamp.from(clock.instant())).addValue("actor", actor)
                        .addValue("action", action.length() <= MAX_ACTION ? action : action.substring(0, MAX_ACTION))
                        .addValue("status", httpStatus));
    }

    /** Newest first. */
    public List<Entry> latest(int limit) {
        return jdbc.query("SELECT id, acted_at, actor, action, http_status FROM admin_audit ORDER BY id DESC LIMIT :limit",
                new MapSqlParameterSource("limit", limit),
                (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getInt(5)));
    }
}
