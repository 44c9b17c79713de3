package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.checklist.CheckItem;
import com.proyi.dingtalk.checklist.CheckStatus;
import com.proyi.dingtalk.checklist.ProYiSideChecks;
import com.proyi.dingtalk.dingtalk.simulator.ContactUser;
import com.proyi.dingtalk.support.MysqlScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The example triggers of sql/proyi-contact-triggers.mysql.sql, installed in MariaDB, turn changes
 * of HR records and partner contacts into DingTalk changes within seconds, person by person.
 */
class ContactChangesTest extends ContactsTestSupport {

    static final Path TRIGGERS = Path.of("sql/proyi-contact-triggers.mysql.sql");
    static final Duration SECONDS = Duration.ofSeconds(10);

    @Autowired CamelContext camel;
    @Autowired SyncProperties properties;
    @Autowired ProYiSideChecks checks;

    @BeforeEach
    void installTriggers() throws Exception {
        MysqlScript.run(jdbc, TRIGGERS);
    }

    /** Other test classes change the same tables without expecting change rows. */
    @AfterEach
    void dropTriggers() throws Exception {
        for (String line : Files.readAllLines(TRIGGERS)) {
            if (line.startsWith("DROP TRIGGER")) {
                jdbc.execute(line.substring(0, line.length() - 1));
            }
        }
        camel.getRouteController().startRoute("contact-changes-poll");
    }

    @Test
    void theChecklistSeesTheTriggers() throws Exception {
        assertThat(checks.check()).filteredOn(item -> item.key().equals("proyi.contact-triggers")).singleElement()
                .satisfies(item -> assertThat(item.found()).contains("proyi_hr_record", "proyi_partner_contact"))
                .extracting(CheckItem::status).isEqualTo(CheckStatus.OK);
        dropTriggers();
        assertThat(checks.check()).filteredOn(item -> item.key().equals("proyi.contact-triggers")).singleElement()
                .extracting(CheckItem::status).isNotEqualTo(CheckStatus.OK);
    }

    @Test
    void aNewHireIsInDingTalkWithinSecondsWithOneCallAndNoListing() {
        simulator.reset();
        hr("zhangsan", "张三", "13800000001", "采购部");

        await().atMost(SECONDS).until(() -> "zhangsan".equals(hrUserId("zhangsan")));

        assertThat(dingTalkUser("zhangsan").orElseThrow().deptIds()).containsExactly(department("员工/采购部"));
        assertThat(simulator.calls(LIST)).isZero();
        assertThat(simulator.calls("/topapi/v2/user/create")).isEqualTo(1);
        // writing the id back is no change of the person: one row only, and it says what happened
        awaitOutcomes("zhangsan");
        assertThat(jdbc.queryForList("SELECT outcome FROM dingtalk_contact_change WHERE account = 'zhangsan'", String.class))
                .containsExactly("CREATED");
    }

    @Test
    void aChangedMobileAndAMoveCostTwoCallsAndKeepOtherDepartments() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        await().atMost(SECONDS).until(() -> "zhangsan".equals(hrUserId("zhangsan")));
        long project = simulator.contacts().createDepartment(CORP, "项目组", 1).id();
        simulatorMoveInto("zhangsan", project);
        simulator.reset();

        jdbc.update("UPDATE proyi_hr_record SET mobile = '13800000009', department = '销售部' WHERE account = 'zhangsan'");

        await().atMost(SECONDS).until(() -> "13800000009".equals(dingTalkUser("zhangsan").orElseThrow().mobile()));
        assertThat(dingTalkUser("zhangsan").orElseThrow().deptIds()).containsExactlyInAnyOrder(project, department("员工/销售部"));
        assertThat(simulator.calls(LIST)).isZero();
        assertThat(simulator.calls("/topapi/v2/user/get") + writeCalls() - simulator.calls("/topapi/v2/department/create"))
                .isEqualTo(2);
        JsonNode report = JSON.readTree(admin().get("/api/admin/contacts/changes/report").body());
        assertThat(tenant(report).path("moved").asInt()).isEqualTo(1);
    }

    @Test
    void changesToOnePersonWithinAPollCoalesce() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        await().atMost(SECONDS).until(() -> "zhangsan".equals(hrUserId("zhangsan")));
        camel.getRouteController().stopRoute("contact-changes-poll");
        simulator.reset();

        jdbc.update("UPDATE proyi_hr_record SET title = '主管' WHERE account = 'zhangsan'");
        jdbc.update("UPDATE proyi_hr_record SET title = '经理' WHERE account = 'zhangsan'");
        jdbc.update("UPDATE proyi_hr_record SET name = '张三丰' WHERE account = 'zhangsan'");
        camel.getRouteController().startRoute("contact-changes-poll");

        awaitOutcomes("zhangsan");
        assertThat(dingTalkUser("zhangsan").orElseThrow().name()).isEqualTo("张三丰");
        assertThat(dingTalkUser("zhangsan").orElseThrow().title()).isEqualTo("经理");
        assertThat(simulator.calls("/topapi/v2/user/update")).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT outcome FROM dingtalk_contact_change WHERE account = 'zhangsan' ORDER BY id",
                String.class)).containsExactly("CREATED", "UPDATED", "UPDATED", "UPDATED");
    }

    @Test
    void aResignationIsUnboundWithinSeconds() {
        hr("zhangsan", "张三", "13800000001", "采购部");
        await().atMost(SECONDS).until(() -> "zhangsan".equals(hrUserId("zhangsan")));

        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account = 'zhangsan'");

        await().atMost(SECONDS).until(() -> hrUserId("zhangsan") == null);
        assertThat(auditReasons("zhangsan")).containsExactly("UNBIND RESIGNED");
        assertThat(jdbc.queryForObject("SELECT outcome FROM dingtalk_contact_change WHERE kind = 'RESIGNED'", String.class))
                .isEqualTo(ContactChanges.LEAVER);
    }

    @Test
    void aNewPartnerContactGoesBelowTheirCompany() {
        partner("c_wang", "CUSTOMER", "联想", "王经理", "13900000001");

        await().atMost(SECONDS).until(() -> "c_wang".equals(partnerUserId("c_wang")));
        assertThat(dingTalkUser("c_wang").orElseThrow().deptIds()).containsExactly(department("客户/联想"));
    }

    @Test
    void aNewHireAlreadyInDingTalkIsAdoptedIntoThePortalWhereConfigured() {
        properties.getContacts().setAdoptedEmployeesJoinPortal(true);
        try {
            long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
            simulator.contacts().addUser(CORP, "dt_zhang", "张三", "13800000001", List.of(sales));

            hr("zhangsan", "张三", "13800000001", "采购部");

            await().atMost(SECONDS).until(() -> "dt_zhang".equals(hrUserId("zhangsan")));
            assertThat(dingTalkUser("dt_zhang").orElseThrow().deptIds()).containsExactly(sales, department("员工/采购部"));
        } finally {
            properties.getContacts().setAdoptedEmployeesJoinPortal(false);
        }
    }

    @Test
    void aNewHireAlreadyInDingTalkIsAdoptedInPlaceAndTheirChangesLeaveTheirDepartmentsAlone() {
        long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
        simulator.contacts().addUser(CORP, "dt_zhang", "张三", "13800000001", List.of(sales));

        hr("zhangsan", "张三", "13800000001", "采购部");

        await().atMost(SECONDS).until(() -> "dt_zhang".equals(hrUserId("zhangsan")));
        awaitOutcomes("zhangsan");
        assertThat(dingTalkUser("dt_zhang").orElseThrow().deptIds()).containsExactly(sales);
        assertThat(jdbc.queryForList("SELECT outcome FROM dingtalk_contact_change WHERE account = 'zhangsan'", String.class))
                .containsExactly("ADOPTED");
        simulator.reset();

        jdbc.update("UPDATE proyi_hr_record SET title = '经理' WHERE account = 'zhangsan'");

        await().atMost(SECONDS).until(() -> "经理".equals(dingTalkUser("dt_zhang").orElseThrow().title()));
        awaitOutcomes("zhangsan");
        assertThat(dingTalkUser("dt_zhang").orElseThrow().deptIds()).containsExactly(sales);
        assertThat(simulator.calls(LIST)).isZero();
        assertThat(simulator.calls("/topapi/v2/user/update")).isEqualTo(1);
        assertThat(writeCalls()).isEqualTo(1);
    }

    @Test
    void aMemberBoundToAnotherAccountIsNotAdoptedByANewHire() {
        long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
        simulator.contacts().addUser(CORP, "dt_boss", "老板", "13800000001", List.of(sales));
        jdbc.update("INSERT INTO dingtalk_binding (tenant_id, account, dingtalk_userid, password_fingerprint)"
                + " VALUES ('default', 'boss', 'dt_boss', REPEAT('0', 64))");

        hr("zhangsan", "张三", "13800000001", "采购部");

        await().atMost(SECONDS).until(() -> jdbc.queryForObject("SELECT outcome FROM dingtalk_contact_change"
                + " WHERE account = 'zhangsan'", String.class) != null);
        assertThat(jdbc.queryForObject("SELECT outcome FROM dingtalk_contact_change WHERE account = 'zhangsan'", String.class))
                .isEqualTo("CONFLICT 60104");
        assertThat(hrUserId("zhangsan")).isNull();
        assertThat(dingTalkUser("dt_boss").orElseThrow().deptIds()).containsExactly(sales);
    }

    @Test
    void aDeletedRowIsRemovedFromDingTalkWhereConfigured() {
        hr("zhangsan", "张三", "13800000001", "采购部");
        await().atMost(SECONDS).until(() -> "zhangsan".equals(hrUserId("zhangsan")));
        properties.getResignations().setRemoveFromDingtalk(true);
        try {
            jdbc.update("DELETE FROM proyi_hr_record WHERE account = 'zhangsan'");

            await().atMost(SECONDS).until(() -> dingTalkUser("zhangsan").isEmpty());
            awaitOutcomes("zhangsan");
            assertThat(jdbc.queryForObject("SELECT outcome FROM dingtalk_contact_change WHERE kind = 'DELETED'", String.class))
                    .isEqualTo("REMOVED");
        } finally {
            properties.getResignations().setRemoveFromDingtalk(false);
        }
    }

    @Test
    void whatTheTriggersMissedTheReconciliationFixesAndReports() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        await().atMost(SECONDS).until(() -> "zhangsan".equals(hrUserId("zhangsan")));
        dropTriggers();
        jdbc.update("UPDATE proyi_hr_record SET title = '主管' WHERE account = 'zhangsan'");

        JsonNode report = tenant(sync());

        assertThat(report.path("fixed").asInt()).isEqualTo(1);
        assertThat(report.path("updated").asInt()).isEqualTo(1);
        assertThat(dingTalkUser("zhangsan").orElseThrow().title()).isEqualTo("主管");
    }

    /** Each row's outcome is recorded right after DingTalk's answer, a moment after the change shows there. */
    private void awaitOutcomes(String account) {
        await().atMost(SECONDS).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_contact_change"
                + " WHERE account = ? AND outcome IS NULL", Integer.class, account) == 0);
    }

    private void simulatorMoveInto(String userId, long deptId) {
        // an administrator adds the member to another department in DingTalk
        ContactUser user = simulator.contacts().user(CORP, userId).orElseThrow();
        simulator.contacts().removeUser(CORP, userId);
        simulator.contacts().addUser(CORP, userId, user.name(), user.mobile(),
                Stream.concat(user.deptIds().stream(), Stream.of(deptId)).toList());
    }
}
