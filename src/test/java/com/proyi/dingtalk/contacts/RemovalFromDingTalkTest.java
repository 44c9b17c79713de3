package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** With proyi.sync.resignations.remove-from-dingtalk=true people who left are deleted from DingTalk, within the guard. */
@DirtiesContext
@TestPropertySource(properties = {"proyi.sync.resignations.remove-from-dingtalk=true", "proyi.outbox.enabled=false"})
class RemovalFromDingTalkTest extends ContactsTestSupport {

    @Test
    void theResignationSweepAlsoRemovesThePersonFromDingTalk() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        sync();
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account = 'zhangsan'");

        JsonNode report = post("/api/admin/contacts/resignations");

        assertThat(report.path("accounts").findValues("removedFromDingTalk")).extracting(JsonNode::asBoolean).containsExactly(true);
        assertThat(dingTalkUser("zhangsan")).isEmpty();
        assertThat(hrUserId("zhangsan")).isNull();
        assertThat(auditReasons("zhangsan")).containsExactly("UNBIND RESIGNED");
    }

    @Test
    void aSweepThatWouldRemoveTooManyPeopleUnbindsButKeepsThemInDingTalk() throws Exception {
        for (int i = 0; i < 10; i++) {
            hr("left" + i, "员工" + i, "1390000000" + i, "仓储部");
        }
        sync();
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account IN ('left0', 'left1', 'left2')");

        JsonNode report = post("/api/admin/contacts/resignations");

        assertThat(report.path("accounts").findValues("removedFromDingTalk")).extracting(JsonNode::asBoolean)
                .containsOnly(false).hasSize(3);
        assertThat(report.path("accounts").findValuesAsText("error")).allSatisfy(error ->
                assertThat(error).contains("held back").contains("3 of"));
        assertThat(dingTalkUser("left0")).isPresent();
        assertThat(hrUserId("left0")).isNull();
        assertThat(auditReasons("left0")).containsExactly("UNBIND RESIGNED");
        assertThat(jdbc.queryForObject("SELECT status FROM dingtalk_sync_run WHERE job = 'RESIGNATIONS'"
                + " ORDER BY id DESC LIMIT 1", String.class)).isEqualTo("GUARDED");
    }

    @Test
    void aRunThatWouldRemoveTooManyPeopleStopsAndReports() throws Exception {
        for (int i = 0; i < 10; i++) {
            hr("emp" + i, "员工" + i, "1380000000" + i, "生产部");
        }
        sync();
        simulator.reset();
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account IN ('emp0', 'emp1')");
        jdbc.update("UPDATE proyi_hr_record SET name = '改名' WHERE account = 'emp5'");

        JsonNode report = tenant(sync());

        assertThat(report.path("status").asText()).isEqualTo("GUARDED");
        assertThat(report.path("error").asText()).contains("2 of 10");
        assertThat(report.path("toRemove").findValuesAsText("userId")).containsExactlyInAnyOrder("emp0", "emp1");
        assertThat(writeCalls()).isZero();
        assertThat(simulator.contacts().users(CORP)).hasSize(10);
    }

    @Test
    void aRemovalWithinTheShareIsCarriedOutAndUnbinds() throws Exception {
        for (int i = 0; i < 20; i++) {
            hr(String.format("emp%02d", i), "员工" + i, String.format("138000000%02d", i), "生产部");
        }
        sync();
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account = 'emp07'");

        JsonNode report = tenant(sync());

        assertThat(report.path("status").asText()).isEqualTo("DONE");
        assertThat(report.path("removed").asInt()).isEqualTo(1);
        assertThat(dingTalkUser("emp07")).isEmpty();
        assertThat(hrUserId("emp07")).isNull();
        assertThat(auditReasons("emp07")).containsExactly("UNBIND LEFT_DINGTALK");
    }
}
