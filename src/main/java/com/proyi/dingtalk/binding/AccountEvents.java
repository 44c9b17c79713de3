package com.proyi.dingtalk.binding;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * proyi_account_event, written by ProYi's triggers (sql/proyi-account-triggers.mysql.sql): each
 * password change, logout, revocation or resignation unbinds the account at once. Read by the
 * route in routes/account-events.camel.yaml.
 */
@Component("accountEvents")
public class AccountEvents {

    private static final Logger log = LoggerFactory.getLogger(AccountEvents.class);
    private static final int BATCH = 100;
    /** Every kind ProYi writes ends the binding; the kind is recorded as the unbind reason. */
    private static final Set<String> KINDS = Set.of(UnbindReasons.PASSWORD_CHANGED, UnbindReasons.LOGOUT,
            UnbindReasons.REVOKED, UnbindReasons.RESIGNED);

    private record AccountEvent(long id, String tenantId, String account, String kind) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final BindingService bindings;
    private final Clock clock;

    public AccountEvents(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
                         BindingService bindings, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.bindings = bindings;
        this.clock = clock;
    }

    /** Ids of events not handled yet, oldest first. */
    public List<Long> pending() {
        return jdbc.queryForList("SELECT id FROM proyi_account_event WHERE processed_at IS NULL ORDER BY id LIMIT "
                + BATCH, new MapSqlParameterSource(), Long.class);
    }

    /**
     * Handles one event exactly once, even with several instances polling: the event is marked
     * processed and the account unbound in one transaction, or neither happens and the next poll retries.
     */
    public void apply(long id) {
        transaction.executeWithoutResult(status -> {
            MapSqlParameterSource params = new MapSqlParameterSource("id", id)
                    .addValue("now", Timestamp.from(clock.instant()));
            if (jdbc.update("UPDATE proyi_account_event SET processed_at = :now WHERE id = :id AND processed_at IS NULL",
                    params) == 0) {
                return;
            }
            AccountEvent event = jdbc.queryForObject("SELECT id, tenant_id, account, kind FROM proyi_account_event"
                    + " WHERE id = :id", params, (rs, i) -> new AccountEvent(rs.getLong(1), rs.getString(2),
                    rs.getString(3), rs.getString(4)));
            jdbc.update("UPDATE proyi_account_event SET outcome = :outcome WHERE id = :id",
                    params.addValue("outcome", outcomeOf(event)));
        });
    }

    private String outcomeOf(AccountEvent event) {
        String kind = event.kind() == null ? "" : event.kind().trim().toUpperCase(Locale.ROOT);
        if (!KINDS.contains(kind)) {
            log.warn("Account event {} has the unknown kind '{}'; expected one of {}", event.id(), event.kind(), KINDS);
            return "IGNORED: unknown kind";
        }
        boolean unbound = bindings.unbind(event.tenantId(), event.account(), kind, "account-event:" + event.id());
        return unbound ? "UNBOUND" : "NOT_BOUND";
    }
}
