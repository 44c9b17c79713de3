package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.dingtalk.simulator.ContactUser;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * People already in DingTalk (in departments the sync does not own) are adopted, not collided
 * with: found by mobile, their id written back, their departments kept. Employees stay exactly
 * where they are unless proyi.sync.contacts.adopted-employees-join-portal adds the portal's
 * department; partners always go into their portal.
 */
class AdoptionTest extends ContactsTestSupport {

    static final String CREATE = "/topapi/v2/user/create";
    static final String UPDATE = "/topapi/v2/user/update";
    static final String BY_MOBILE = "/topapi/v2/user/getbymobile";
    static final String GET = "/topapi/v2/user/get";

    @Autowired SyncProperties properties;

    @AfterEach
    void defaultThreshold() {
        properties.getContacts().setReadOrganisationAbove(20);
        properties.getContacts().setAdoptedEmployeesJoinPortal(false);
    }

    @Test
    void aMemberWhoseMobileDingTalkAlreadyHasIsAdoptedOn60104AndKeepsTheirDepartments() throws Exception {
        properties.getContacts().setAdoptedEmployeesJoinPortal(true);
        long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
        simulator.contacts().addUser(CORP, "dt_zhang", "张三", "13800000001", List.of(sales));
        hr("zhangsan", "张三", "13800000001", "采购部");

        JsonNode report = tenant(sync());

        assertThat(report.path("created").asInt()).isZero();
        assertThat(report.path("adoptedCount").asInt()).isEqualTo(1);
        JsonNode adoption = report.path("adopted").get(0);
        assertThat(adoption.path("account").asText()).isEqualTo("zhangsan");
        assertThat(adoption.path("userId").asText()).isEqualTo("dt_zhang");
        assertThat(adoption.path("keptDepartments")).extracting(JsonNode::asLong).containsExactly(sales);
        assertThat(report.path("conflicts")).isEmpty();
        assertThat(hrUserId("zhangsan")).isEqualTo("dt_zhang");
        ContactUser member = dingTalkUser("dt_zhang").orElseThrow();
        assertThat(member.deptIds()).containsExactly(sales, department("员工/采购部"));
        assertThat(member.title()).isEqualTo("职员");
        assertThat(dingTalkUser("zhangsan")).isEmpty();

        simulator.reset();
        JsonNode second = tenant(sync());

        assertThat(writeCalls()).isZero();
        assertThat(second.path("unchanged").asInt()).isEqualTo(1);
        assertThat(second.path("adopted")).isEmpty();
    }

    @Test
    void manyNewPeopleAreMatchedByReadingTheOrganisationPageByPageNotPersonByPerson() throws Exception {
        properties.getContacts().setReadOrganisationAbove(2);
        properties.getContacts().setAdoptedEmployeesJoinPortal(true);
        long north = simulator.contacts().createDepartment(CORP, "华北", 1).id();
        long south = simulator.contacts().createDepartment(CORP, "华南", north).id();
        for (int i = 0; i < 150; i++) {
            simulator.contacts().addUser(CORP, "dt" + i, "员工" + i, String.format("1370000%04d", i), List.of(i % 2 == 0 ? north : south));
            hr("emp" + i, "员工" + i, String.format("1370000%04d", i), "生产部");
        }
        hr("newcomer", "新人", "13711111111", "生产部");

        JsonNode report = tenant(sync());

        assertThat(report.path("adoptedCount").asInt()).isEqualTo(150);
        assertThat(report.path("created").asInt()).isEqualTo(1);
        assertThat(simulator.calls(CREATE)).isEqualTo(1);
        assertThat(simulator.calls(BY_MOBILE)).isZero();
        // the organisation's members: root (empty), 华北 75 and 华南 75, one page each
        assertThat(simulator.calls(LIST)).isLessThanOrEqualTo(4);
        assertThat(hrUserId("emp7")).isEqualTo("dt7");
        assertThat(dingTalkUser("dt7").orElseThrow().deptIds()).containsExactly(south, department("员工/生产部"));

        simulator.reset();
        tenant(sync());
        assertThat(writeCalls()).isZero();
    }

    @Test
    void aDryRunListsWhomItWouldAdopt() throws Exception {
        properties.getContacts().setReadOrganisationAbove(0);
        long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
        simulator.contacts().addUser(CORP, "dt_zhang", "张三", "13800000001", List.of(sales));
        hr("zhangsan", "张三", "13800000001", "采购部");
        hr("lisi", "李四", "13800000002", "采购部");

        JsonNode report = tenant(dryRun());

        assertThat(report.path("toAdopt").findValuesAsText("account")).containsExactly("zhangsan");
        assertThat(report.path("toCreate").findValuesAsText("account")).containsExactly("lisi");
        assertThat(writeCalls()).isZero();
    }

    @Test
    void aTakenUseridWithTheSameMobileIsAdopted() throws Exception {
        properties.getContacts().setAdoptedEmployeesJoinPortal(true);
        long old = simulator.contacts().createDepartment(CORP, "老部门", 1).id();
        simulator.contacts().addUser(CORP, "zhangsan", "张三", "13800000001", List.of(old));
        hr("zhangsan", "张三", "13800000001", "采购部");

        JsonNode report = tenant(sync());

        assertThat(report.path("adopted").findValuesAsText("matchedBy")).containsExactly("userid and mobile (60102)");
        assertThat(hrUserId("zhangsan")).isEqualTo("zhangsan");
        assertThat(dingTalkUser("zhangsan").orElseThrow().deptIds()).containsExactly(old, department("员工/采购部"));
    }

    @Test
    void aTakenUseridWithAnotherMobileIsAConflictNotRetriedUntilThePersonChanges() throws Exception {
        long elsewhere = simulator.contacts().createDepartment(CORP, "外部", 1).id();
        simulator.contacts().addUser(CORP, "lisi", "另一个李四", "13600000000", List.of(elsewhere));
        hr("lisi", "李四", "13800000002", "采购部");

        JsonNode first = tenant(sync());
        assertThat(first.path("conflicts").findValues("errcode")).extracting(JsonNode::asInt).containsExactly(60102);
        assertThat(first.path("conflicts").get(0).path("retried").asBoolean()).isFalse();
        assertThat(first.path("conflicts").get(0).path("advice").asText()).contains("mobile");

        simulator.reset();
        JsonNode second = tenant(sync());
        assertThat(writeCalls()).isZero();
        assertThat(simulator.calls("/topapi/v2/user/get")).isZero();
        assertThat(second.path("conflicts").findValues("errcode")).extracting(JsonNode::asInt).containsExactly(60102);

        // the person's data changes: tried again (and this time the mobile is the member's)
        jdbc.update("UPDATE proyi_hr_record SET mobile = '13600000000' WHERE account = 'lisi'");
        simulator.reset();
        JsonNode third = tenant(sync());
        assertThat(simulator.calls(CREATE)).isEqualTo(1);
        assertThat(third.path("conflicts")).isEmpty();
        assertThat(third.path("adopted").findValuesAsText("account")).containsExactly("lisi");
        assertThat(hrUserId("lisi")).isEqualTo("lisi");
    }

    @Test
    void aMobileHeldByAnotherProYiAccountIsAConflictNotAnAdoption() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        sync();
        hr("zhang2", "张三二号", "13800000001", "采购部");

        JsonNode report = tenant(sync());

        assertThat(report.path("adopted")).isEmpty();
        assertThat(report.path("conflicts").findValuesAsText("account")).containsExactly("zhang2");
        assertThat(report.path("conflicts").get(0).path("errcode").asInt()).isEqualTo(60104);
        assertThat(report.path("conflicts").get(0).path("retried").asBoolean()).isFalse();
        assertThat(hrUserId("zhang2")).isNull();
        assertThat(hrUserId("zhangsan")).isEqualTo("zhangsan");
    }

    // proyi.sync.contacts.adopted-employees-join-portal off (the default): employees adopted in place

    @Test
    void anEmployeeAlreadyInADepartmentIsAdoptedInPlaceWithoutAWrite() throws Exception {
        properties.getContacts().setReadOrganisationAbove(0);
        long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
        simulator.contacts().addUser(CORP, "dt_zhang", "张三", "13800000001", List.of(sales));
        hr("zhangsan", "张三", "13800000001", "采购部");
        jdbc.update("UPDATE proyi_hr_record SET title = NULL WHERE account = 'zhangsan'");
        simulator.reset();

        JsonNode report = tenant(sync());

        assertThat(writeCalls()).isZero();
        assertThat(simulator.calls(UPDATE)).isZero();
        assertThat(report.path("created").asInt()).isZero();
        assertThat(report.path("adoptedCount").asInt()).isEqualTo(1);
        JsonNode adoption = report.path("adopted").get(0);
        assertThat(adoption.path("userId").asText()).isEqualTo("dt_zhang");
        assertThat(adoption.path("keptInPlace").asBoolean()).isTrue();
        assertThat(adoption.path("keptDepartments")).extracting(JsonNode::asLong).containsExactly(sales);
        assertThat(hrUserId("zhangsan")).isEqualTo("dt_zhang");
        assertThat(dingTalkUser("dt_zhang").orElseThrow().deptIds()).containsExactly(sales);
        // no empty portal department made for nobody
        assertThat(simulator.contacts().departments(CORP)).extracting(d -> d.name()).doesNotContain("员工");

        simulator.reset();
        JsonNode second = tenant(sync());

        assertThat(writeCalls()).isZero();
        assertThat(simulator.calls(GET)).isZero();
        assertThat(second.path("unchanged").asInt()).isEqualTo(1);
        assertThat(second.path("toUpdate")).isEmpty();
        assertThat(second.path("adopted")).isEmpty();
        assertThat(dingTalkUser("dt_zhang").orElseThrow().deptIds()).containsExactly(sales);
    }

    @Test
    void onA60104AnEmployeeIsAdoptedInPlaceAndOnlyTheirDifferingProfileIsSent() throws Exception {
        long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
        simulator.contacts().addUser(CORP, "dt_zhang", "张三", "13800000001", List.of(sales));
        hr("zhangsan", "张三", "13800000001", "采购部");

        JsonNode report = tenant(sync());

        assertThat(report.path("adopted").findValuesAsText("matchedBy")).containsExactly("mobile (60104)");
        assertThat(report.path("adopted").get(0).path("keptInPlace").asBoolean()).isTrue();
        assertThat(hrUserId("zhangsan")).isEqualTo("dt_zhang");
        // the title differs: one update, without departments
        assertThat(simulator.calls(UPDATE)).isEqualTo(1);
        ContactUser member = dingTalkUser("dt_zhang").orElseThrow();
        assertThat(member.title()).isEqualTo("职员");
        assertThat(member.deptIds()).containsExactly(sales);

        simulator.reset();
        JsonNode second = tenant(sync());

        assertThat(writeCalls()).isZero();
        assertThat(simulator.calls(GET)).isZero();
        assertThat(second.path("unchanged").asInt()).isEqualTo(1);
    }

    @Test
    void aProfileChangeOfAnEmployeeAdoptedInPlaceCostsOneUpdateWithoutDepartments() throws Exception {
        properties.getContacts().setReadOrganisationAbove(0);
        long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
        long service = simulator.contacts().createDepartment(CORP, "客服中心", 1).id();
        simulator.contacts().addUser(CORP, "dt_zhang", "张三", "13800000001", List.of(sales, service));
        hr("zhangsan", "张三", "13800000001", "采购部");
        sync();
        jdbc.update("UPDATE proyi_hr_record SET name = '张三丰', title = '经理' WHERE account = 'zhangsan'");
        simulator.reset();

        JsonNode report = tenant(sync());

        assertThat(simulator.calls(UPDATE)).isEqualTo(1);
        assertThat(writeCalls()).isEqualTo(1);
        assertThat(report.path("updated").asInt()).isEqualTo(1);
        assertThat(report.path("moved").asInt()).isZero();
        ContactUser member = dingTalkUser("dt_zhang").orElseThrow();
        assertThat(member.name()).isEqualTo("张三丰");
        assertThat(member.title()).isEqualTo("经理");
        assertThat(member.deptIds()).containsExactly(sales, service);

        simulator.reset();
        tenant(sync());
        assertThat(writeCalls()).isZero();
        assertThat(simulator.calls(GET)).isZero();
    }

    @Test
    void switchingTheJoinPortalPropertyOnLaterMovesEmployeesAdoptedInPlaceIntoThePortal() throws Exception {
        properties.getContacts().setReadOrganisationAbove(0);
        long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
        simulator.contacts().addUser(CORP, "dt_zhang", "张三", "13800000001", List.of(sales));
        hr("zhangsan", "张三", "13800000001", "采购部");
        sync();
        assertThat(dingTalkUser("dt_zhang").orElseThrow().deptIds()).containsExactly(sales);

        properties.getContacts().setAdoptedEmployeesJoinPortal(true);
        tenant(sync());

        assertThat(dingTalkUser("dt_zhang").orElseThrow().deptIds()).containsExactly(sales, department("员工/采购部"));
        simulator.reset();
        tenant(sync());
        assertThat(writeCalls()).isZero();
    }

    @Test
    void aPartnerContactAlreadyInDingTalkIsStillPutIntoTheirRestrictedPortal() throws Exception {
        properties.getContacts().setReadOrganisationAbove(0);
        long sales = simulator.contacts().createDepartment(CORP, "销售中心", 1).id();
        simulator.contacts().addUser(CORP, "dt_wang", "王经理", "13900000001", List.of(sales));
        partner("c_wang", "CUSTOMER", "联想", "王经理", "13900000001");

        JsonNode report = tenant(sync());

        assertThat(report.path("adopted").findValuesAsText("account")).containsExactly("c_wang");
        assertThat(report.path("adopted").get(0).path("keptInPlace").asBoolean()).isFalse();
        assertThat(partnerUserId("c_wang")).isEqualTo("dt_wang");
        assertThat(dingTalkUser("dt_wang").orElseThrow().deptIds()).containsExactly(sales, department("客户/联想"));

        simulator.reset();
        tenant(sync());
        assertThat(writeCalls()).isZero();
    }
}
