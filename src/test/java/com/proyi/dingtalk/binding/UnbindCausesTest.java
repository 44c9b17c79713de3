package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.support.MysqlScript;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A binding never outlives the trust it was based on: logout, a password change, revocation and
 * resignation (from account events and re-checked at login) end it, and the next DingTalk login
 * asks for the password again.
 */
class UnbindCausesTest extends BindingTestSupport {

    @BeforeEach
    void boundEmployee() throws Exception {
        person("zhang", "pw-zhang", "u_zhang");
        assertThat(bindFirstTime("u_zhang", "zhang", "pw-zhang").text("status")).isEqualTo("ok");
    }

    @AfterEach
    void withoutTriggers() {
        jdbc.execute("DROP TRIGGER IF EXISTS proyi_user_account_event_upd");
        jdbc.execute("DROP TRIGGER IF EXISTS proyi_user_account_event_del");
        jdbc.execute("DROP TRIGGER IF EXISTS proyi_hr_record_account_event_upd");
    }

    @Test
    void logoutWithAFreeLoginCodeUnbinds() throws Exception {
        Answer out = post("/api/dingtalk/logout", new ObjectNodeBuilder()
                .put("authCode", simulator.issueAuthCode(APP_KEY, "u_zhang")).toString());

        assertThat(out.json().path("unbound").asBoolean()).isTrue();
        assertUnbound("LOGOUT");
    }

    @Test
    void logoutWithTheSessionsTicketUnbinds() throws Exception {
        String ticket = login("u_zhang").text("ticket");
        redeem(ticket);

        Answer out = post("/api/dingtalk/logout", new ObjectNodeBuilder().put("ticket", ticket).toString());

        assertThat(out.json().path("unbound").asBoolean()).isTrue();
        assertUnbound("LOGOUT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PASSWORD_CHANGED", "LOGOUT", "REVOKED", "RESIGNED"})
    void anAccountEventUnbindsAtOnce(String kind) throws Exception {
        jdbc.update("INSERT INTO proyi_account_event (tenant_id, account, kind) VALUES ('default', 'zhang', ?)", kind);

        await().atMost(Duration.ofSeconds(10)).until(() -> !isBound("zhang"));
        assertUnbound(kind);
        assertThat(jdbc.queryForObject("SELECT outcome FROM proyi_account_event", String.class)).isEqualTo("UNBOUND");
    }

    @Test
    void theExampleTriggersTurnAPasswordChangeIntoAnUnbind() throws Exception {
        MysqlScript.run(jdbc, Path.of("sql/proyi-account-triggers.mysql.sql"));
        jdbc.update("UPDATE proyi_user SET password_hash = ? WHERE account = 'zhang'", PASSWORDS.encode("new-pw"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !isBound("zhang"));
        assertUnbound("PASSWORD_CHANGED");
    }

    @Test
    void aChangedPasswordVoidsTheBindingAtTheNextLoginWithoutAnyTrigger() throws Exception {
        jdbc.update("UPDATE proyi_user SET password_hash = ? WHERE account = 'zhang'", PASSWORDS.encode("new-pw"));
        assertThat(isBound("zhang")).isTrue();

        assertUnbound("PASSWORD_CHANGED");
        assertThat(bindFirstTime("u_zhang", "zhang", "pw-zhang").text("error")).isEqualTo("WRONG_CREDENTIALS");
        assertThat(bindFirstTime("u_zhang", "zhang", "new-pw").text("status")).isEqualTo("ok");
    }

    @Test
    void aDisabledAccountIsUnboundAtTheNextLogin() throws Exception {
        jdbc.update("UPDATE proyi_user SET status = 'DISABLED' WHERE account = 'zhang'");
        assertUnbound("REVOKED");
    }

    @Test
    void aResignedEmployeeIsUnboundAtTheNextLogin() throws Exception {
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account = 'zhang'");
        assertUnbound("RESIGNED");
    }

    @Test
    void anOperatorUnbindsFromTheAdminApi() throws Exception {
        Answer viewer = send(request("/api/admin/bindings/default/zhang").header("Authorization", basic("viewer", "viewer-pass")).DELETE());
        assertThat(viewer.status()).isEqualTo(403);
        Answer list = send(request("/api/admin/bindings?account=zhang").header("Authorization", basic("viewer", "viewer-pass")).GET());
        assertThat(list.json().get(0).path("dingtalkUserId").asText()).isEqualTo("u_zhang");

        Answer admin = send(request("/api/admin/bindings/default/zhang").header("Authorization", basic("admin", "admin-pass")).DELETE());
        assertThat(admin.status()).isEqualTo(200);
        assertUnbound("ADMIN");
        assertThat(jdbc.queryForObject("SELECT actor FROM dingtalk_binding_audit ORDER BY id DESC LIMIT 1", String.class))
                .isEqualTo("admin:admin");
        Answer audit = send(request("/api/admin/bindings/audit?account=zhang").header("Authorization", basic("admin", "admin-pass")).GET());
        assertThat(audit.json().findValuesAsText("reason")).containsExactly("ADMIN", "PASSWORD");
    }

    /** The binding is gone with the given reason, and the next login asks for the password again. */
    private void assertUnbound(String reason) throws Exception {
        assertThat(login("u_zhang").text("status")).isEqualTo("bind_required");
        assertThat(isBound("zhang")).isFalse();
        assertThat(hrDingTalkId("zhang")).isNull();
        assertThat(lastAudit("zhang")).isEqualTo("UNBIND/" + reason);
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }
}
