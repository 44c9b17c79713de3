package com.proyi.dingtalk.binding;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * dingtalk_bind_token: proof that DingTalk identified a person a moment ago, so the bind form can
 * be submitted (and mistyped) a few times without a new free-login code. Used up by a successful bind.
 */
@Component
public class BindTokens {

    /** Whom DingTalk identified, and where they wanted to go in ProYi. */
    public record PendingBind(String tenantId, String dingtalkUserId, String target) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final BindingProperties settings;
    private final Clock clock;

    public BindTokens(NamedParameterJdbcTemplate jdbc, BindingProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public String issue(String tenantId, String dingtalkUserId, String target) {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM dingtalk_bind_token WHERE expires_at < :now",
                new MapSqlParameterSource("now", Timestamp.from(now)));
        String token = SecretTokens.newToken();
        jdbc.update("INSERT INTO dingtalk_bind_token (token_hash, tenant_id, dingtalk_userid, target, expires_at)"
                        + " VALUES (:hash, :tenant, :userid, :target, :expires)",
                new MapSqlParameterSource().addValue("hash", SecretTokens.sha256(token))
                        .addValue("tenant", tenantId).addValue("userid", dingtalkUserId).addValue("target", target)
                        .addValue("expires", Timestamp.from(now.plus(settings.getBindTokenTtl()))));
        return token;
    }

    /** The pending bind, while the token has not expired or been used. */
    public Optional<PendingBind> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        List<PendingBind> found = jdbc.query("SELECT tenant_id, dingtalk_userid, target FROM dingtalk_bind_token"
                        + " WHERE token_hash = :hash AND expires_at > :now",
                new MapSqlParameterSource().addValue("hash", SecretTokens.sha256(token))
                        .addValue("now", Timestamp.from(clock.instant())),
                (rs, i) -> new PendingBind(rs.getString(1), rs.getString(2), rs.getString(3)));
        return found.stream().findFirst();
    }

    public void useUp(String token) {
        jdbc.update("DELETE FROM dingtalk_bind_token WHERE token_hash = :hash",
                new MapSqlParameterSource("hash", SecretTokens.sha256(token)));
    }
}
