package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A customer or supplier contact binds through the same H5 page with their ProYi partner account; the same rules end it. */
class PartnerBindingTest extends BindingTestSupport {

    @AfterEach
    void noPartners() {
        jdbc.update("DELETE FROM proyi_partner_contact WHERE account LIKE 'pt_%'");
    }

    @Test
    void aPartnerContactBindsWithTheirPartnerAccountAndGetsNotices() throws Exception {
        partner("pt_gys", "pw-gys", "u_pt_gys");

        Answer first = login("u_pt_gys");
        assertThat(first.text("status")).isEqualTo("bind_required");
        Answer bound = bind(first.text("bindToken"), "pt_gys", "pw-gys");

        assertThat(bound.status()).as(bound.json().toString()).isEqualTo(200);
        assertThat(bound.text("status")).isEqualTo("ok");
        assertThat(partnerDingTalkId("pt_gys")).isEqualTo("u_pt_gys");
        assertThat(isBound("pt_gys")).isTrue();
        assertThat(lastAudit("pt_gys")).isEqualTo("BIND/PASSWORD");

        long id = outboxEvent("default", "purchase_order", "po-pt", "cc", "pt_gys", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));
        assertThat(deliveryStatus(id, "pt_gys")).isEqualTo("SENT");
    }

    @Test
    void aBoundPartnerLogsStraightInAndNoOtherContactGetsTheId() throws Exception {
        partner("pt_a", "pw-a", "u_pt_shared");
        partner("pt_b", "pw-b", null);
        bindFirstTime("u_pt_shared", "pt_a", "pw-a");

        Answer second = login("u_pt_shared");
        assertThat(second.text("status")).isEqualTo("ok");
        assertThat(second.text("account")).isEqualTo("pt_a");
        assertThat(partnerDingTalkId("pt_b")).isNull();
    }

    @Test
    void aPartnersLogoutEndsTheBindingLikeAnEmployees() throws Exception {
        partner("pt_kh", "pw-kh", "u_pt_kh");
        bindFirstTime("u_pt_kh", "pt_kh", "pw-kh");

        Answer out = post("/api/dingtalk/logout", new ObjectNodeBuilder()
                .put("authCode", simulator.issueAuthCode(APP_KEY, "u_pt_kh")).toString());

        assertThat(out.json().path("unbound").asBoolean()).isTrue();
        assertThat(isBound("pt_kh")).isFalse();
        assertThat(partnerDingTalkId("pt_kh")).isNull();
        assertThat(lastAudit("pt_kh")).isEqualTo("UNBIND/LOGOUT");
    }

    /** A partner account in ProYi's users, its contact without DingTalk id, and the DingTalk member. */
    private void partner(String account, String password, String dingtalkUserId) {
        proyiUser(account, PASSWORDS.encode(password));
        jdbc.update("INSERT INTO proyi_partner_contact (tenant_id, account, kind, partner_name, name)"
                + " VALUES ('default', ?, 'SUPPLIER', '供应商公司', ?)", account, "联系人" + account);
        if (dingtalkUserId != null) {
            simulator.addUser(CORP, dingtalkUserId, "联系人" + account);
        }
    }

    private String partnerDingTalkId(String account) {
        return jdbc.queryForObject("SELECT dingtalk_userid FROM proyi_partner_contact WHERE account = ?", String.class, account);
    }
}
