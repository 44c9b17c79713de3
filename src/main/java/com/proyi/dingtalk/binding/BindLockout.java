package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.binding.BindRefusedException.Reason;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Wrong-password counters in dingtalk_bind_failure, per account name and per DingTalk user id.
 * Account names are counted whether or not they exist, so neither the counting nor the lock tells
 * a guesser which accounts are real.
 */
@Component
public class BindLockout {

    private static final String ACCOUNT = "ACCOUNT";
    private static final String DINGTALK_USER = "DINGTALK_USER";

    private final NamedParameterJdbcTemplate jdbc;
    private final BindingProperties settings;
    private final Clock clock;

    public BindLockout(NamedParameterJdbcTemplate jdbc, BindingProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** @throws BindRefusedException LOCKED while the account or the DingTalk user is locked */
    public void requireUnlocked(String tenantId, String account, String dingtalkUserId) {
        List<Timestamp> until = jdbc.queryForList("SELECT MAX(locked_until) FROM dingtalk_bind_failure"
                        + " WHERE tenant_id = :tenant AND locked_until > :now AND ((subject_kind = :account_kind"
                        + " AND subject = :account) OR (subject_kind = :user_kind AND subject = :userid))",
                subjects(tenantId, account, dingtalkUserId), Timestamp.class);
        if (!until.isEmpty() && until.get(0) != null) {
            long minutes = Math.max(1, Duration.between(clock.instant(), until.get(0).toInstant()).toSeconds() / 60 + 1);
            throw new BindRefusedException(Reason.LOCKED, "密码错误次数过多，绑定已锁定，请 " + minutes + " 分钟后再试");
        }
    }

    /** Counts a wrong password for both; whichever reaches the limit is locked for proyi.binding.lock-duration. */
    public void recordFailure(String tenantId, String account, String dingtalkUserId) {
        count(tenantId, ACCOUNT, account);
        count(tenantId, DINGTALK_USER, dingtalkUserId);
        Instant now = clock.instant();
        jdbc.update("UPDATE dingtalk_bind_failure SET locked_until = :until, failures = 0"
                        + " WHERE tenant_id = :tenant AND failures >= :max AND ((subject_kind = :account_kind"
                        + " AND subject = :account) OR (subject_kind = :user_kind AND subject = :userid))",
                subjects(tenantId, account, dingtalkUserId).addValue("max", settings.getMaxPasswordFailures())
                        .addValue("until", Timestamp.from(now.plus(settings.getLockDuration()))));
    }

    /** A correct password starts both counts afresh. */
    public void reset(String tenantId, String account, String dingtalkUserId) {
        jdbc.update("DELETE FROM dingtalk_bind_failure WHERE tenant_id = :tenant AND ((subject_kind = :account_kind"
                        + " AND subject = :account) OR (subject_kind = :user_kind AND subject = :userid))",
                subjects(tenantId, account, dingtalkUserId));
    }

    private void count(String tenantId, String kind, String subject) {
        jdbc.update("INSERT INTO dingtalk_bind_failure (tenant_id, subject_kind, subject, failures)"
                        + " VALUES (:tenant, :kind, :subject, 1) ON DUPLICATE KEY UPDATE failures = failures + 1",
                new MapSqlParameterSource("tenant", tenantId).addValue("kind", kind).addValue("subject", subject));
    }

    private MapSqlParameterSource subjects(String tenantId, String account, String dingtalkUserId) {
        return new MapSqlParameterSource("tenant", tenantId).addValue("now", Timestamp.from(clock.instant()))
                .addValue("account_kind", ACCOUNT).addValue("account", account)
                .addValue("user_kind", DINGTALK_USER).addValue("userid", dingtalkUserId);
    }
}
