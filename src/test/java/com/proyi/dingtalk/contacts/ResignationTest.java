package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Resigned employees, revoked accounts and inactive partner contacts lose their binding, with the reason. */
class ResignationTest extends ContactsTestSupport {

    @Test
    void resignationRevocationAndPartnerDeactivationUnbindWithTheirReason() throws Exception {
        employee("default", "quitter", "u_quitter");
        employee("default", "revoked", "u_revoked");
        employee("default", "stayer", "u_stayer");
        partner("c_gone", "CUSTOMER", "联想", "王经理", "13900000001");
        jdbc.update("UPDATE proyi_partner_contact SET dingtalk_userid = 'u_gone', status = 'INACTIVE' WHERE account = 'c_gone'");
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account = 'quitter'");
        jdbc.update("INSERT INTO proyi_user (tenant_id, account, password_hash, status) VALUES ('default', 'revoked', '{noop}x', 'DISABLED')");

        JsonNode report = post("/api/admin/contacts/resignations");

        assertThat(report.path("accounts").findValuesAsText("account")).containsExactlyInAnyOrder("quitter", "revoked", "c_gone");
        assertThat(hrUserId("quitter")).isNull();
        assertThat(hrUserId("revoked")).isNull();
        assertThat(partnerUserId("c_gone")).isNull();
        assertThat(hrUserId("stayer")).isEqualTo("u_stayer");
        assertThat(auditReasons("quitter")).containsExactly("UNBIND RESIGNED");
        assertThat(auditReasons("revoked")).containsExactly("UNBIND REVOKED");
        assertThat(auditReasons("c_gone")).containsExactly("UNBIND PARTNER_INACTIVE");
        // removal from DingTalk is off by default
        assertThat(simulator.calls("/topapi/v2/user/delete")).isZero();
        assertThat(JSON.readTree(admin().get("/api/admin/contacts/resignations/report").body()).path("accounts")).hasSize(3);
    }

    @Test
    void aSecondSweepFindsNothingLeftToUnbind() throws Exception {
        employee("default", "quitter", "u_quitter");
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account = 'quitter'");
        post("/api/admin/contacts/resignations");

        assertThat(post("/api/admin/contacts/resignations").path("accounts")).isEmpty();
    }

    @Test
    void aResignedEmployeeIsNotPushedToDingTalkAndARehiredOneIsTreatedAsNew() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        sync();
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account = 'zhangsan'");
        post("/api/admin/contacts/resignations");
        assertThat(tenant(sync()).path("toRemove").findValuesAsText("userId")).containsExactly("zhangsan");

        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'ACTIVE' WHERE account = 'zhangsan'");
        sync();

        assertThat(hrUserId("zhangsan")).isEqualTo("zhangsan");
        assertThat(auditReasons("zhangsan")).containsExactly("UNBIND RESIGNED");
    }
}
