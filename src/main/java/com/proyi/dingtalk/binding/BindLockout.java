package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.binding.BindRefusedException.Reason;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wrong-password counts in dingtalk_bind_failure, per DingTalk user: everyone on the bind form was
 * identified by DingTalk first, so each person has proyi.binding.max-password-failures guesses per
 * lock-duration, whichever accounts they try. Nobody's guesses lock anybody else out of an account.
 * <p>
 * An attempt is counted before the password is checked, under the row's lock, so parallel requests
 * cannot get more guesses than allowed; a correct password then clears the count.
 */
@Component
public class BindLockout {

    private static final String DINGTALK_USER = "DINGTALK_USER";

    /** A counted attempt; {@code last} when it used the final guess and has locked the user already. */
    public record Attempt(String tenantId, String dingtalkUserId, boolean last) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final BindingProperties settings;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public BindLockout(NamedParameterJdbcTemplate jdbc, BindingProperties settings, Clock clock,
                       PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Counts one attempt of the DingTalk user; the one that reaches the limit locks at once, whatever the
     * password turns out to be (a correct one lifts the lock again).
     *
     * @throws BindRefusedException LOCKED while the DingTalk user is locked
     */
    public Attempt begin(String tenantId, String dingtalkUserId) {
        Instant now = clock.instant();
        MapSqlParameterSource subject = new MapSqlParameterSource("tenant", tenantId).addValue("kind", DINGTALK_USER)
                .addValue("subject", dingtalkUserId);
        return transaction.execute(status -> {
            jdbc.update("INSERT INTO dingtalk_bind_failure (tenant_id, subject_kind, subject, failures)"
                    + " VALUES (:tenant, :kind, :subject, 0) ON DUPLICATE KEY UPDATE failures = failures", subject);
            Map<String, Object> row = jdbc.queryForMap("SELECT failures, locked_until FROM dingtalk_bind_failure"
                    + " WHERE tenant_id = :tenant AND subject_kind = :kind AND subject = :subject FOR UPDATE", subject);
            Timestamp lockedUntil = (Timestamp) row.get("locked_until");
            if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
                throw locked(now, lockedUntil.toInstant());
            }
            // a lock that has run out starts the count afresh
            int failures = lockedUntil != null ? 1 : ((Number) row.get("failures")).intValue() + 1;
            boolean last = failures >= settings.getMaxPasswordFailures();
            jdbc.update("UPDATE dingtalk_bind_failure SET failures = :failures, locked_until = :until"
                            + " WHERE tenant_id = :tenant AND subject_kind = :kind AND subject = :subject",
                    subject.addValue("failures", failures)
                            .addValue("until", last ? Timestamp.from(now.plus(settings.getLockDuration())) : null));
            return new Attempt(tenantId, dingtalkUserId, last);
        });
    }

    /** The attempt's password was wrong. @throws BindRefusedException LOCKED when it was the last guess */
    public void failed(Attempt attempt) {
        if (attempt.last()) {
            throw locked(clock.instant(), clock.instant().plus(settings.getLockDuration()));
        }
    }

    /** The password could not be checked at all: the attempt no longer counts, and a lock it set is lifted. */
    public void uncount(Attempt attempt) {
        jdbc.update("UPDATE dingtalk_bind_failure SET failures = failures - 1, locked_until = CASE WHEN :last"
                        + " THEN NULL ELSE locked_until END WHERE tenant_id = :tenant AND subject_kind = :kind"
                        + " AND subject = :subject AND failures > 0",
                new MapSqlParameterSource("tenant", attempt.tenantId()).addValue("kind", DINGTALK_USER)
                        .addValue("subject", attempt.dingtalkUserId()).addValue("last", attempt.last()));
    }

    /** A correct password starts the count afresh. */
    public void succeeded(Attempt attempt) {
        jdbc.update("DELETE FROM dingtalk_bind_failure WHERE tenant_id = :tenant AND subject_kind = :kind"
                        + " AND subject = :subject", new MapSqlParameterSource("tenant", attempt.tenantId())
                        .addValue("kind", DINGTALK_USER).addValue("subject", attempt.dingtalkUserId()));
    }

    private static BindRefusedException locked(Instant now, Instant until) {
        long minutes = Math.max(1, Duration.between(now, until).toSeconds() / 60 + 1);
        return new BindRefusedException(Reason.LOCKED, "密码错误次数过多，绑定已锁定，请 " + minutes + " 分钟后再试");
    }
}
