package com.proyi.dingtalk.notice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** How the notice pipeline is doing, read from the outbox and the delivery log. */
@Component
public class OutboxStatistics {

    static final int CHART_HOURS = 24;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public OutboxStatistics(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param backlog            events not yet handled (new, waiting for a retry, or being processed)
     * @param oldestWaitingSeconds age of the oldest of them; zero when there are none
     * @param dead               events given up on, waiting for an admin's replay
     * @param waitingForBinding  notices held back because the recipient has no DingTalk binding yet
     */
    public record Snapshot(long backlog, long oldestWaitingSeconds, long dead, long waitingForBinding) {}

    /** Notices per recipient in one hour: sent, failed (retried or dead), and held for a binding. */
    public record Hour(Instant start, long sent, long failed, long waiting) {}

    public Snapshot snapshot() {
        Map<String, Object> events = jdbc.queryForMap("""
                SELECT SUM(CASE WHEN status IN ('NEW', 'PROCESSING') THEN 1 ELSE 0 END) AS backlog,
                       MIN(CASE WHEN status IN ('NEW', 'PROCESSING') THEN created_at END) AS oldest,
                       SUM(CASE WHEN status = 'DEAD' THEN 1 ELSE 0 END) AS dead
                  FROM proyi_doc_event WHERE status IN ('NEW', 'PROCESSING', 'DEAD')""", Map.of());
        Long waiting = jdbc.queryForObject(
                "SELECT COUNT(*) FROM dingtalk_notice_delivery WHERE status = 'UNBOUND'", Map.of(), Long.class);
        Timestamp oldest = (Timestamp) events.get("oldest");
        Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), clock.instant());
        return new Snapshot(number(events.get("backlog")), Math.max(0, age.toSeconds()),
                number(events.get("dead")), waiting == null ? 0 : waiting);
    }

    /** The last 24 hours, oldest first, the current hour included. */
    public List<Hour> lastDay() {
        Instant currentHour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant since = currentHour.minus(CHART_HOURS - 1, ChronoUnit.HOURS);
        long[][] counts = new long[CHART_HOURS][3];
        // bucketed here rather than in SQL: hour arithmetic differs between MariaDB and the demo's H2
        jdbc.query("SELECT status, updated_at FROM dingtalk_notice_delivery"
                        + " WHERE status IN ('SENT', 'FAILED', 'DEAD', 'UNBOUND') AND updated_at >= :since",
                new MapSqlParameterSource("since", Timestamp.from(since)), rs -> {
                    int hour = (int) ChronoUnit.HOURS.between(since, rs.getTimestamp("updated_at").toInstant());
                    if (hour >= 0 && hour < CHART_HOURS) {
                        counts[hour][column(rs.getString("status"))]++;
                    }
                });
        List<Hour> hours = new ArrayList<>(CHART_HOURS);
        for (int i = 0; i < CHART_HOURS; i++) {
            hours.add(new Hour(since.plus(i, ChronoUnit.HOURS), counts[i][0], counts[i][1], counts[i][2]));
        }
        return hours;
    }

    private static int column(String status) {
        return switch (status) {
            case "SENT" -> 0;
            case "UNBOUND" -> 2;
            default -> 1;
        };
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
