package com.proyi.dingtalk.checklist;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the H5 page saw when it called {@code dd.config} inside DingTalk (API.md §4.3): the only
 * proof the server gets that the CorpID and the JS-API domain are entered correctly. One row per
 * tenant, the latest report wins.
 */
@Component
public class H5ConfigReports {

    static final int MAX_URL = 1000;
    static final int MAX_MESSAGE = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public H5ConfigReports(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A dd.config outcome: ok, or the client's error code (52010 invalid corpid, 52013 signature mismatch...). */
    public record Report(String tenantId, String pageUrl, boolean ok, Integer errorCode, String errorMessage,
                         Instant reportedAt) {}

    public void record(String tenantId, String pageUrl, boolean ok, Integer errorCode, String errorMessage) {
        jdbc.update("""
                INSERT INTO dingtalk_h5_config_report (tenant_id, page_url, ok, error_code, error_message, reported_at)
                VALUES (:tenant, :url, :ok, :code, :message, :now)
                ON DUPLICATE KEY UPDATE page_url = VALUES(page_url), ok = VALUES(ok), error_code = VALUES(error_code),
                       error_message = VALUES(error_message), reported_at = VALUES(reported_at)""",
                new MapSqlParameterSource().addValue("tenant", tenantId).addValue("url", cut(pageUrl, MAX_URL))
                        .addValue("ok", ok).addValue("code", ok ? null : errorCode)
                        .addValue("message", ok ? null : cut(errorMessage, MAX_MESSAGE))
                        .addValue("now", Timestamp.from(clock.instant())));
    }

    /**
     * Whether the module's tables exist: not before its first start, when Flyway creates them (the
     * checklist is meant to run before that too).
     */
    public boolean tablesExist() {
        try {
            jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_h5_config_report WHERE 1 = 0", Map.of(), Integer.class);
            return true;
        } catch (BadSqlGrammarException e) {
            return false;
        }
    }

    /** The tenant's latest report; none before the module's first start. */
    public Optional<Report> latest(String tenantId) {
        if (!tablesExist()) {
            return Optional.empty();
        }
        return jdbc.query("SELECT tenant_id, page_url, ok, error_code, error_message, reported_at"
                        + " FROM dingtalk_h5_config_report WHERE tenant_id = :tenant",
                new MapSqlParameterSource("tenant", tenantId),
                (rs, i) -> new Report(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        (Integer) rs.getObject(4, Integer.class), rs.getString(5), rs.getTimestamp(6).toInstant()))
                .stream().findFirst();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
