package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.binding.BindRefusedException.Reason;
import com.proyi.dingtalk.binding.BindTokens.PendingBind;
import com.proyi.dingtalk.binding.ProYiAccounts.Account;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Free login inside DingTalk: the person DingTalk identifies is logged in with a one-time ticket
 * while a binding exists and still holds, and is asked once for the ProYi password otherwise.
 * Every login re-checks the binding (password fingerprint, account status, resignation), so a
 * missing ProYi trigger cannot keep a binding alive that should be gone.
 */
@Service
public class FreeLogin {

    /** What the H5 page does next: continue to {@code redirectUrl}, or show the bind form for {@code bindToken}. */
    public record Answer(String status, String account, String ticket, String redirectUrl, String bindToken) {

        static Answer loggedIn(String account, String ticket, String redirectUrl) {
            return new Answer("ok", account, ticket, redirectUrl, null);
        }

        static Answer bindRequired(String bindToken) {
            return new Answer("bind_required", null, null, null, bindToken);
        }
    }

    /** No ProYi account name is longer (dingtalk_binding.account). */
    private static final int MAX_ACCOUNT = 64;

    private final DingTalkIdentity identity;
    private final BindingService bindings;
    private final ProYiAccounts accounts;
    private final BindLockout lockout;
    private final BindTokens bindTokens;
    private final LoginTickets tickets;
    private final ProYiLanding landing;
    private final ApplicationEventPublisher events;

    public FreeLogin(DingTalkIdentity identity, BindingService bindings, ProYiAccounts accounts, BindLockout lockout,
                     BindTokens bindTokens, LoginTickets tickets, ProYiLanding landing, ApplicationEventPublisher events) {
        this.identity = identity;
        this.bindings = bindings;
        this.accounts = accounts;
        this.lockout = lockout;
        this.bindTokens = bindTokens;
        this.tickets = tickets;
        this.landing = landing;
        this.events = events;
    }

    /** POST /api/dingtalk/login: a ticket for a bound person, a bind token for anyone else. */
    public Answer login(String tenantId, String authCode, String target) {
        String userId = identity.userIdOf(tenantId, authCode);
        String safeTarget = landing.safeTarget(target);
        Optional<BindingService.Binding> binding = bindings.bindingOfUser(tenantId, userId)
                .filter(this::stillValid);
        if (binding.isEmpty()) {
            return Answer.bindRequired(bindTokens.issue(tenantId, userId, safeTarget));
        }
        return loggedIn(tenantId, binding.get().account(), userId, safeTarget);
    }

    /** POST /api/dingtalk/bind: checks the ProYi password once, binds, and logs in. */
    public Answer bind(String bindToken, String account, String password) {
        PendingBind pending = bindTokens.find(bindToken).orElseThrow(() -> new BindRefusedException(
                Reason.INVALID_BIND_TOKEN, "页面已过期，请关闭后重新进入应用"));
        String tenantId = pending.tenantId();
        String userId = pending.dingtalkUserId();
        String name = account == null ? "" : account.strip();
        BindLockout.Attempt attempt = lockout.begin(tenantId, userId);
        Optional<Account> found;
        boolean matches;
        try {
            // read before the check: a password changed in between leaves a fingerprint that voids the binding
            found = name.length() > MAX_ACCOUNT ? Optional.empty() : accounts.find(tenantId, name);
            matches = name.length() <= MAX_ACCOUNT && accounts.passwordMatches(tenantId, name, password == null ? "" : password);
        } catch (RuntimeException e) {
            // the password could not be checked (ProYi unreachable...): no guess was made
            lockout.uncount(attempt);
            throw e;
        }
        if (!matches) {
            lockout.failed(attempt);
            throw new BindRefusedException(Reason.WRONG_CREDENTIALS, "账号或密码错误");
        }
        lockout.succeeded(attempt);
        // with ProYi's login API the password can be right for an account the account route does not know
        Account checked = found.filter(Account::active).orElseThrow(() ->
                new BindRefusedException(Reason.ACCOUNT_DISABLED, "该过程易账号已停用，无法绑定"));
        if (checked.resigned()) {
            throw new BindRefusedException(Reason.RESIGNED, "该员工已离职，无法绑定");
        }
        bindings.bind(tenantId, name, userId, checked.passwordFingerprint(), "dingtalk:" + userId);
        bindTokens.useUp(bindToken);
        events.publishEvent(new AccountBound(tenantId, name, userId));
        return loggedIn(tenantId, name, userId, pending.target());
    }

    /** POST /api/dingtalk/logout with a fresh free-login code: unbinds whatever that DingTalk user is bound to. */
    public boolean logoutWithCode(String tenantId, String authCode) {
        String userId = identity.userIdOf(tenantId, authCode);
        return bindings.accountOf(tenantId, userId)
                .map(account -> bindings.unbind(tenantId, account, UnbindReasons.LOGOUT, "dingtalk:" + userId))
                .orElse(false);
    }

    /** POST /api/dingtalk/logout with the ticket that opened the session; a later binding of the account stays. */
    public boolean logoutWithTicket(String ticket) {
        return tickets.session(ticket)
                .filter(session -> bindings.accountOf(session.tenantId(), session.dingtalkUserId())
                        .filter(session.account()::equals).isPresent())
                .map(session -> bindings.unbind(session.tenantId(), session.account(), UnbindReasons.LOGOUT,
                        "dingtalk:" + session.dingtalkUserId()))
                .orElse(false);
    }

    private Answer loggedIn(String tenantId, String account, String userId, String target) {
        String ticket = tickets.issue(tenantId, account, userId, target);
        return Answer.loggedIn(account, ticket, landing.urlFor(ticket, target));
    }

    /** A binding holds while the account is active, not resigned, and its password unchanged; otherwise it goes. */
    private boolean stillValid(BindingService.Binding binding) {
        Optional<Account> account = accounts.find(binding.tenantId(), binding.account());
        String reason = account.isEmpty() || !account.get().active() ? UnbindReasons.REVOKED
                : account.get().resigned() ? UnbindReasons.RESIGNED
                : !account.get().passwordFingerprint().equals(binding.passwordFingerprint()) ? UnbindReasons.PASSWORD_CHANGED
                : null;
        if (reason == null) {
            return true;
        }
        bindings.unbind(binding.tenantId(), binding.account(), reason, "login-check");
        return false;
    }
}
