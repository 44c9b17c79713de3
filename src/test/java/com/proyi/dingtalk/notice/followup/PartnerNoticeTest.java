package com.proyi.dingtalk.notice.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A notice to a customer or supplier contact's ProYi account reaches the contact's DingTalk id from the partner table. */
class PartnerNoticeTest extends ModuleIntegrationTest {

    @AfterEach
    void noPartners() {
        jdbc.update("DELETE FROM proyi_partner_contact WHERE account LIKE 'pt_%'");
    }

    @Test
    void partnerAccountsAreLookedUpBesideEmployees() {
        employee("default", "lisi", "u_lisi");
        partner("pt_kehu", "u_pt_kehu");
        partner("pt_unbound", null);

        long id = outboxEvent("default", "sales_order", "so-1", "cc", "lisi,pt_kehu,pt_unbound", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));
        assertThat(deliveryStatus(id, "pt_kehu")).isEqualTo("SENT");
        assertThat(deliveryStatus(id, "lisi")).isEqualTo("SENT");
        assertThat(deliveryStatus(id, "pt_unbound")).isEqualTo("UNBOUND");
        assertThat(simulator.inbox("u_pt_kehu")).hasSize(1);
    }

    private void partner(String account, String dingtalkUserId) {
        jdbc.update("INSERT INTO proyi_partner_contact (tenant_id, account, kind, partner_name, name, dingtalk_userid)"
                + " VALUES ('default', ?, 'CUSTOMER', '客户公司', ?, ?)", account, "联系人" + account, dingtalkUserId);
        if (dingtalkUserId != null) {
            simulator.addUser(CORP, dingtalkUserId, "联系人" + account);
        }
    }
}
