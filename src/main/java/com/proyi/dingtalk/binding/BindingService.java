package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.binding.BindRefusedException.Reason;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The binding between a ProYi account and a DingTalk user id, per tenant. dingtalk_binding holds
 * who is bound and the fingerprint of the password the binding was based on; ProYi's HR record
 * holds the same DingTalk user id for the notice lookup ({@link HrDingTalkIds}, whose route
 * statements join these transactions); every change is written to dingtalk_binding_audit. Binding
 * and unbinding go through this class only.
 */
@Service
public class BindingService {

    private static final Logger log = LoggerFactory.getLogger(BindingService.class);

    /** One row of dingtalk_binding. */
    public record Binding(String tenantId, String account, String dingtalkUserId, String passwordFingerprint,
                          Instant boundAt) {}

    /** One row of dingtalk_binding_audit; action is BIND or UNBIND. */
    public record AuditEntry(long id, String tenantId, String account, String dingtalkUserId, String action,
                             String reason, String actor, Instant createdAt) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final HrDingTalkIds hrIds;
    private final PartnerDingTalkIds partnerIds;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    public BindingService(NamedParameterJdbcTemplate jdbc, HrDingTalkIds hrIds, PartnerDingTalkIds partnerIds,
                          Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.hrIds = hrIds;
        this.partnerIds = partnerIds;
        this.clock = clock;
    }

    /**
     * Binds the account to the DingTalk user id: the binding row, the HR column and an audit row
     * with reason PASSWORD (the caller has verified the ProYi password).
     *
     * @throws BindRefusedException if either side is already bound elsewhere, or the account has no HR record
     */
    @Transactional
    public void bind(String tenantId, String account, String dingtalkUserId, String passwordFingerprint, String actor) {
        // an employee's id lives in the HR record, a partner account's (customer or supplier contact) in its contact
        Optional<String> hrRecord = hrIds.lock(tenantId, account);
        DingTalkIdColumn idColumn = hrRecord.isPresent() ? hrIds : partnerIds;
        String hrUserId = hrRecord.or(() -> partnerIds.lock(tenantId, account)).orElseThrow(() -> new BindRefusedException(
                Reason.NO_HR_RECORD, "账号 " + account + " 没有人员档案，无法绑定钉钉，请联系管理员"));
        if (!hrUserId.isEmpty() && !hrUserId.equals(dingtalkUserId)
                || bindingOfAccount(tenantId, account).filter(b -> !b.dingtalkUserId().equals(dingtalkUserId)).isPresent()) {
            throw accountTaken(account);
        }
        if (accountOf(tenantId, dingtalkUserId).filter(other -> !other.equals(account)).isPresent()
                || hrIds.accountsWith(tenantId, dingtalkUserId).stream().anyMatch(other -> !other.equals(account))
                || partnerIds.accountsWith(tenantId, dingtalkUserId).stream().anyMatch(other -> !other.equals(account))) {
            throw dingtalkUserTaken();
        }
        MapSqlParameterSource params = params(tenantId, account).addValue("userid", dingtalkUserId)
                .addValue("fingerprint", passwordFingerprint);
        try {
            jdbc.update("DELETE FROM dingtalk_binding WHERE tenant_id = :tenant AND account = :account", params);
            jdbc.update("INSERT INTO dingtalk_binding (tenant_id, account, dingtalk_userid, password_fingerprint, bound_at)"
                    + " VALUES (:tenant, :account, :userid, :fingerprint, :now)", params);
        } catch (DuplicateKeyException raced) {
            throw dingtalkUserTaken();
        }
        idColumn.write(tenantId, account, dingtalkUserId);
        recordAudit(tenantId, account, dingtalkUserId, "BIND", "PASSWORD", actor);
        log.info("Bound ProYi account {} of tenant {} to DingTalk user {} ({})", account, tenantId, dingtalkUserId, actor);
    }

    /**
     * Removes the account's binding: clears the HR column, deletes the binding row and writes an
     * audit row with the reason. Safe to call for an account that is not bound.
     *
     * @param reason one of {@link UnbindReasons}, e.g. LOGOUT, PASSWORD_CHANGED, REVOKED, RESIGNED, ADMIN,
     *               LEFT_DINGTALK, PARTNER_INACTIVE
     * @param actor  who or what unbound: an operator's name, {@code account-event:<id>}, {@code dingtalk:<userid>}, ...
     * @return whether there was a binding (a binding row or a DingTalk id in the HR column) to remove
     */
    @Transactional
    public boolean unbind(String tenantId, String account, String reason, String actor) {
        Optional<String> hrRecord = hrIds.lock(tenantId, account);
        DingTalkIdColumn idColumn = hrRecord.isPresent() ? hrIds : partnerIds;
        Optional<String> hrUserId = (hrRecord.isPresent() ? hrRecord : partnerIds.lock(tenantId, account))
                .filter(id -> !id.isEmpty());
        Optional<Binding> binding = bindingOfAccount(tenantId, account);
        if (hrUserId.isEmpty() && binding.isEmpty()) {
            return false;
        }
        MapSqlParameterSource params = params(tenantId, account);
        jdbc.update("DELETE FROM dingtalk_binding WHERE tenant_id = :tenant AND account = :account", params);
        idColumn.clear(tenantId, account);
        String userId = binding.map(Binding::dingtalkUserId).orElseGet(hrUserId::get);
        recordAudit(tenantId, account, userId, "UNBIND", reason, actor);
        events.publishEvent(new AccountUnbound(tenantId, account, userId, reason));
        log.info("Unbound ProYi account {} of tenant {} from DingTalk user {}: {} ({})",
                account, tenantId, userId, reason, actor);
        return true;
    }

    /** The ProYi account bound to the DingTalk user id in the tenant. */
    public Optional<String> accountOf(String tenantId, String dingtalkUserId) {
        return bindingOfUser(tenantId, dingtalkUserId).map(Binding::account);
    }

    public Optional<Binding> bindingOfUser(String tenantId, String dingtalkUserId) {
        return first(bindings("WHERE tenant_id = :tenant AND dingtalk_userid = :userid",
                new MapSqlParameterSource("tenant", tenantId).addValue("userid", dingtalkUserId)));
    }

    public Optional<Binding> bindingOfAccount(String tenantId, String account) {
        return first(bindings("WHERE tenant_id = :tenant AND account = :account", params(tenantId, account)));
    }

    /** Bindings of a tenant (optionally one account), newest first. */
    public List<Binding> list(String tenantId, String account, int limit) {
        return bindings("WHERE tenant_id = :tenant" + accountFilter(account) + " ORDER BY bound_at DESC LIMIT " + limit,
                params(tenantId, account));
    }

    /** Audit rows of a tenant (optionally one account), newest first. */
    public List<AuditEntry> audit(String tenantId, String account, int limit) {
        return jdbc.query("SELECT id, tenant_id, account, dingtalk_userid, action, reason, actor, created_at"
                        + " FROM dingtalk_binding_audit WHERE tenant_id = :tenant" + accountFilter(account)
                        + " ORDER BY id DESC LIMIT " + limit, params(tenantId, account),
                (rs, i) -> new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
    }

    private List<Binding> bindings(String where, MapSqlParameterSource params) {
        return jdbc.query("SELECT tenant_id, account, dingtalk_userid, password_fingerprint, bound_at"
                        + " FROM dingtalk_binding " + where, params,
                (rs, i) -> new Binding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
    }

    /**
     * Writes one dingtalk_binding_audit row. For bindings kept outside the HR record (partner
     * contacts), whose owners clear the DingTalk id themselves and record it here.
     */
    public void recordAudit(String tenantId, String account, String userId, String action, String reason, String actor) {
        jdbc.update("INSERT INTO dingtalk_binding_audit (tenant_id, account, dingtalk_userid, action, reason, actor,"
                        + " created_at) VALUES (:tenant, :account, :userid, :action, :reason, :actor, :now)",
                params(tenantId, account).addValue("userid", userId).addValue("action", action)
                        .addValue("reason", reason).addValue("actor", actor));
    }

    private MapSqlParameterSource params(String tenantId, String account) {
        return new MapSqlParameterSource("tenant", tenantId).addValue("account", account)
                .addValue("now", Timestamp.from(clock.instant()));
    }

    private static String accountFilter(String account) {
        return account == null ? "" : " AND account = :account";
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }

    private static BindRefusedException accountTaken(String account) {
        return new BindRefusedException(Reason.ACCOUNT_TAKEN, "账号 " + account
                + " 已绑定其他钉钉用户。请先在原钉钉上退出登录，或请管理员解除绑定后再试");
    }

    private static BindRefusedException dingtalkUserTaken() {
        return new BindRefusedException(Reason.DINGTALK_USER_TAKEN,
                "您的钉钉账号已绑定其他过程易账号，一个钉钉账号只能绑定一个过程易账号。请先退出登录或请管理员解除绑定");
    }
}
