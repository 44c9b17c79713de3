package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.dingtalk.simulator.ContactUser;
import com.proyi.dingtalk.support.AdminApi;
import java.util.List;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** ProYi's employees and partner contacts appear in DingTalk under their portal, and stay in step. */
class ContactSyncTest extends ContactsTestSupport {

    @Autowired MeterRegistry meters;

    @Test
    void aRunIsCountedInTheMetricsWithItsProgress() throws Exception {
        double createdBefore = people("contacts", "created");
        hr("metric1", "甲", "13700000001", "质检部");
        hr("metric2", "乙", "13700000002", "质检部");
        partner("c_metric", "CUSTOMER", "某公司", "丙", "13700000003");

        tenant(sync());

        assertThat(people("contacts", "created") - createdBefore).isEqualTo(3);
        assertThat(meters.get("proyi.sync.runs").tags("sync", "contacts", "result", "completed").counter().count())
                .isPositive();
        double total = meters.get("proyi.sync.progress.total").tags("sync", "contacts", "tenant", "default").gauge().value();
        assertThat(meters.get("proyi.sync.progress.done").tags("sync", "contacts", "tenant", "default").gauge().value())
                .isEqualTo(total).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theResignationSweepCountsTheAccountsItUnbound() throws Exception {
        hr("metric3", "丁", "13700000004", "质检部");
        sync();
        double unboundBefore = people("resignations", "unbound");
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account = 'metric3'");

        post("/api/admin/contacts/resignations");

        assertThat(people("resignations", "unbound") - unboundBefore).isEqualTo(1);
    }

    private double people(String sync, String outcome) {
        Counter counter = meters.find("proyi.sync.people").tags("sync", sync, "tenant", "default", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void firstSyncIntoAnEmptyOrgCreatesPortalsDepartmentsAndPeopleAndWritesTheIdsBack() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        hr("lisi", "李四", "13800000002", "总部/财务部");
        partner("c_wang", "CUSTOMER", "联想-华东,分公司", "王经理", "13900000001");
        partner("s_zhao", "SUPPLIER", "得力办公", "赵经理", "13900000002");

        JsonNode report = tenant(sync());

        assertThat(report.path("status").asText()).isEqualTo("DONE");
        assertThat(report.path("created").asInt()).isEqualTo(4);
        ContactUser zhangsan = dingTalkUser("zhangsan").orElseThrow();
        assertThat(zhangsan.name()).isEqualTo("张三");
        assertThat(zhangsan.deptIds()).containsExactly(department("员工/采购部"));
        assertThat(dingTalkUser("lisi").orElseThrow().deptIds()).containsExactly(department("员工/总部/财务部"));
        // "-" and "," are refused by DingTalk: cleaned the same way every time
        assertThat(dingTalkUser("c_wang").orElseThrow().deptIds()).containsExactly(department("客户/联想 华东 分公司"));
        assertThat(dingTalkUser("s_zhao").orElseThrow().deptIds()).containsExactly(department("供应商/得力办公"));
        assertThat(hrUserId("zhangsan")).isEqualTo("zhangsan");
        assertThat(partnerUserId("c_wang")).isEqualTo("c_wang");
    }

    @Test
    void aSecondRunWithNoChangeMakesNoWriteCalls() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        partner("c_wang", "CUSTOMER", "联想", "王经理", "13900000001");
        sync();
        simulator.reset();

        JsonNode report = tenant(sync());

        assertThat(writeCalls()).isZero();
        assertThat(report.path("unchanged").asInt()).isEqualTo(2);
        assertThat(report.path("toCreate")).isEmpty();
        assertThat(report.path("toUpdate")).isEmpty();
    }

    @Test
    void changedNameDepartmentAndMobileAreUpdated() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        hr("lisi", "李四", "13800000002", "采购部");
        sync();
        simulator.reset();
        jdbc.update("UPDATE proyi_hr_record SET name = '张三丰', mobile = '13800000009' WHERE account = 'zhangsan'");
        jdbc.update("UPDATE proyi_hr_record SET department = '销售部' WHERE account = 'lisi'");

        JsonNode report = tenant(sync());

        assertThat(report.path("updated").asInt()).isEqualTo(2);
        assertThat(simulator.calls("/topapi/v2/user/update")).isEqualTo(2);
        assertThat(simulator.calls("/topapi/v2/user/create")).isZero();
        ContactUser zhangsan = dingTalkUser("zhangsan").orElseThrow();
        assertThat(zhangsan.name()).isEqualTo("张三丰");
        assertThat(zhangsan.mobile()).isEqualTo("13800000009");
        assertThat(dingTalkUser("lisi").orElseThrow().deptIds()).containsExactly(department("员工/销售部"));
    }

    @Test
    void moreThanOneHundredPeopleInOneDepartmentAreAllSeen() throws Exception {
        for (int i = 0; i < 130; i++) {
            hr(String.format("emp%03d", i), "员工" + i, String.format("1370000%04d", i), "生产部");
        }
        sync();
        simulator.reset();

        JsonNode report = tenant(sync());

        assertThat(report.path("inDingTalk").asInt()).isEqualTo(130);
        assertThat(report.path("unchanged").asInt()).isEqualTo(130);
        assertThat(writeCalls()).isZero();
        // 130 members in pages of 100, plus the empty top department 员工
        assertThat(simulator.calls(LIST)).isEqualTo(3);
    }

    @Test
    void dingTalkRefusalsAreRecordedPerPersonAndTheRunGoesOn() throws Exception {
        long elsewhere = simulator.contacts().createDepartment(CORP, "外部", 1).id();
        simulator.contacts().addUser(CORP, "lisi", "另一个李四", "13600000000", List.of(elsewhere));
        hr("lisi", "李四", "13800000002", "采购部");
        hr("badmobile", "赵六", "1380000000x", "采购部");
        hr("wangwu", "王五", "13800000003", "采购部");

        JsonNode report = tenant(sync());

        assertThat(report.path("status").asText()).isEqualTo("DONE");
        assertThat(report.path("conflicts").findValuesAsText("account")).containsExactlyInAnyOrder("badmobile", "lisi");
        assertThat(report.path("conflicts").findValues("errcode")).extracting(JsonNode::asInt).containsExactlyInAnyOrder(60103, 60102);
        assertThat(report.path("conflicts").findValuesAsText("advice")).allSatisfy(advice -> assertThat(advice).isNotBlank());
        assertThat(dingTalkUser("wangwu")).isPresent();
        assertThat(hrUserId("badmobile")).isNull();
        assertThat(jdbc.queryForObject("SELECT error_code FROM dingtalk_contact_sync_state WHERE account = 'badmobile'",
                Integer.class)).isEqualTo(60103);
    }

    @Test
    void aPersonAlreadyInTheDepartmentIsMatchedByMobileAndBound() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        sync();
        jdbc.update("UPDATE proyi_hr_record SET dingtalk_userid = NULL");
        jdbc.update("DELETE FROM dingtalk_contact_sync_state");
        simulator.reset();

        sync();

        assertThat(simulator.calls("/topapi/v2/user/create")).isZero();
        assertThat(hrUserId("zhangsan")).isEqualTo("zhangsan");
    }

    @Test
    void anAccountUnboundAtLogoutIsNotBoundAgainBySync() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        sync();
        jdbc.update("UPDATE proyi_hr_record SET dingtalk_userid = NULL WHERE account = 'zhangsan'");
        jdbc.update("INSERT INTO dingtalk_binding_audit (tenant_id, account, dingtalk_userid, action, reason, actor)"
                + " VALUES ('default', 'zhangsan', 'zhangsan', 'UNBIND', 'LOGOUT', 'test')");
        jdbc.update("UPDATE proyi_hr_record SET title = '主管' WHERE account = 'zhangsan'");

        JsonNode report = tenant(sync());

        assertThat(hrUserId("zhangsan")).isNull();
        assertThat(report.path("waitingForLogin").findValuesAsText("account")).containsExactly("zhangsan");
        assertThat(dingTalkUser("zhangsan").orElseThrow().title()).isEqualTo("主管");
    }

    @Test
    void aDryRunReportsWithoutChangingAnything() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        partner("c_wang", "CUSTOMER", "联想", "王经理", "13900000001");

        JsonNode report = tenant(dryRun());

        assertThat(report.path("status").asText()).isEqualTo("DRY_RUN");
        assertThat(report.path("toCreate").findValuesAsText("account")).containsExactlyInAnyOrder("zhangsan", "c_wang");
        assertThat(report.path("departmentsToCreate")).extracting(JsonNode::asText).contains("员工/采购部", "客户/联想");
        assertThat(writeCalls()).isZero();
        assertThat(simulator.contacts().users(CORP)).isEmpty();
        assertThat(hrUserId("zhangsan")).isNull();
        JsonNode last = JSON.readTree(admin().get("/api/admin/contacts/sync/report").body());
        assertThat(last.path("dryRun").asBoolean()).isTrue();
    }

    @Test
    void viewersReadTheLastReportButCannotStartARun() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        sync();
        AdminApi viewer = new AdminApi(port, "viewer", "viewer-pass");

        assertThat(viewer.get("/api/admin/contacts/sync/report").statusCode()).isEqualTo(200);
        assertThat(viewer.post("/api/admin/contacts/sync").statusCode()).isEqualTo(403);
    }
}
