package com.proyi.dingtalk.notice.followup;

import com.proyi.dingtalk.dingtalk.QuotaProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.ExchangeException;
import org.apache.camel.language.simple.Simple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A notice that met a used-up monthly quota (90020) waits instead of dying: the event goes back to
 * NEW, its attempts untouched, due again after dingtalk.quota.exhausted-recheck, with the reason in
 * last_error; its unsent recipients are FAILED with the same reason. It goes out once the month
 * turns or the plan is raised.
 */
@Component("noticeQuotaWait")
public class QuotaWaits {

    private static final Logger log = LoggerFactory.getLogger(QuotaWaits.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final QuotaProperties settings;
    private final Clock clock;

    public QuotaWaits(NamedParameterJdbcTemplate jdbc, QuotaProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public void hold(@Simple("${variable.row[id]}") long eventId, @ExchangeException Exception quota) {
        Instant next = clock.instant().plus(settings.getExhaustedRecheck());
        String reason = "waiting for the monthly DingTalk API quota (90020): sent when the month turns or the plan is"
                + " raised; " + quota.getMessage();
        String stored = reason.length() > 1900 ? reason.substring(0, 1900) : reason;
        MapSqlParameterSource params = new MapSqlParameterSource("id", eventId).addValue("reason", stored)
                .addValue("next", Timestamp.from(next)).addValue("now", Timestamp.from(clock.instant()));
        jdbc.update("UPDATE proyi_doc_event SET status = 'NEW', next_attempt_at = :next, last_error = :reason,"
                + " claimed_by = NULL WHERE id = :id AND status = 'PROCESSING'", params);
        jdbc.update("UPDATE dingtalk_notice_delivery SET status = 'FAILED', last_error = :reason, updated_at = :now"
                + " WHERE event_id = :id AND status IN ('FAILED', 'DEAD')", params);
        log.warn("Notice event {} waits for the monthly DingTalk API quota, next try at {}", eventId, next);
    }
}
