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
 * dingtalk_login_ticket: the one-time tickets ProYi redeems server to server for the account.
 * A ticket is redeemable once within proyi.binding.ticket-ttl; afterwards it still names its
 * session for a mobile logout until proyi.binding.session-lifetime has passed.
 */
@Component
public class LoginTickets {

    /** The account a ticket logs in, and the ProYi target it was issued for. */
    public record Ticket(String tenantId, String account, String dingtalkUserId, String target) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final BindingProperties settings;
    private final Clock clock;

    public LoginTickets(NamedParameterJdbcTemplate jdbc, BindingProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    public String issue(String tenantId, String account, String dingtalkUserId, String target) {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM dingtalk_login_ticket WHERE created_at < :cutoff",
                new MapSqlParameterSource("cutoff", Timestamp.from(now.minus(settings.getSessionLifetime()))));
        String ticket = SecretTokens.newToken();
        jdbc.update("INSERT INTO dingtalk_login_ticket (ticket_hash, tenant_id, account, dingtalk_userid, target,"
                        + " created_at, expires_at) VALUES (:hash, :tenant, :account, :userid, :target, :now, :expires)",
                new MapSqlParameterSource().addValue("hash", SecretTokens.sha256(ticket))
                        .addValue("tenant", tenantId).addValue("account", account)
                        .addValue("userid", dingtalkUserId).addValue("target", target)
                        .addValue("now", Timestamp.from(now))
                        .addValue("expires", Timestamp.from(now.plus(settings.getTicketTtl()))));
        return ticket;
    }

    /** The ticket's account, exactly once and only before it expires; the conditional update makes concurrent redeems safe. */
    public Optional<Ticket> redeem(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            return Optional.empty();
        }
        Timestamp now = Timestamp.from(clock.instant());
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("hash", SecretTokens.sha256(ticket)).addValue("now", now);
        int redeemed = jdbc.update("UPDATE dingtalk_login_ticket SET redeemed_at = :now"
                + " WHERE ticket_hash = :hash AND redeemed_at IS NULL AND expires_at > :now", params);
        return redeemed == 1 ? find(params) : Optional.empty();
    }

    /** The session a ticket opened, for logout: redeemed or not, until the session lifetime has passed. */
    public Optional<Ticket> session(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            return Optional.empty();
        }
        return find(new MapSqlParameterSource().addValue("hash", SecretTokens.sha256(ticket)));
    }

    private Optional<Ticket> find(MapSqlParameterSource params) {
        params.addValue("cutoff", Timestamp.from(clock.instant().minus(settings.getSessionLifetime())));
        List<Ticket> found = jdbc.query("SELECT tenant_id, account, dingtalk_userid, target FROM dingtalk_login_ticket"
                        + " WHERE ticket_hash = :hash AND created_at >= :cutoff", params,
                (rs, i) -> new Ticket(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        return found.stream().findFirst();
    }
}
