package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.dingtalk.simulator.DepartmentSettings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Customers and suppliers are kept apart from the company and from each other: their portal and
 * company departments are hidden and restricted (API.md §5.8), except for the departments the
 * properties name.
 */
class PartnerDepartmentsTest extends ContactsTestSupport {

    @Autowired SyncProperties properties;

    @AfterEach
    void defaultVisibility() {
        properties.getContacts().setSuppliersVisibleTo(List.of());
        properties.getContacts().setCustomersVisibleTo(List.of());
    }

    @Test
    void suppliersSeeOnlyTheirOwnCompanyAndPurchasingAndOnlyPurchasingSeesThem() throws Exception {
        properties.getContacts().setSuppliersVisibleTo(List.of("员工/采购部"));
        hr("buyer", "采购员", "13800000001", "采购部");
        hr("accountant", "会计", "13800000002", "财务部");
        partner("s_a1", "SUPPLIER", "得力办公", "甲一", "13900000001");
        partner("s_a2", "SUPPLIER", "得力办公", "甲二", "13900000002");
        partner("s_b1", "SUPPLIER", "晨光文具", "乙一", "13900000003");
        partner("c_1", "CUSTOMER", "联想", "丙一", "13900000004");

        tenant(sync());

        DepartmentSettings top = settings("供应商");
        assertThat(top.hideDept()).isTrue();
        assertThat(top.outerDept()).isTrue();
        assertThat(top.outerDeptOnlySelf()).isTrue();
        assertThat(top.deptPermits()).containsExactly(department("员工/采购部"));
        DepartmentSettings company = settings("供应商/得力办公");
        assertThat(company.hideDept()).isTrue();
        assertThat(company.outerDept()).isTrue();
        assertThat(company.outerDeptOnlySelf()).isFalse();
        assertThat(company.outerPermitDepts()).containsExactly(department("员工/采购部"));
        assertThat(settings("客户").deptPermits()).isEmpty();

        assertThat(canSee("s_a1", "s_a2")).isTrue();
        assertThat(canSee("s_a1", "buyer")).isTrue();
        assertThat(canSee("s_a1", "s_b1")).isFalse();
        assertThat(canSee("s_a1", "accountant")).isFalse();
        assertThat(canSee("s_a1", "c_1")).isFalse();
        assertThat(canSee("buyer", "s_a1")).isTrue();
        assertThat(canSee("accountant", "s_a1")).isFalse();
        assertThat(canSee("accountant", "c_1")).isFalse();
        assertThat(canSee("c_1", "accountant")).isFalse();
        assertThat(canSee("accountant", "buyer")).isTrue();
    }

    @Test
    void existingPartnerDepartmentsAreBroughtToTheRestrictedSettings() throws Exception {
        long customers = simulator.contacts().createDepartment(CORP, "客户", 1).id();
        simulator.contacts().createDepartment(CORP, "联想", customers);
        partner("c_1", "CUSTOMER", "联想", "丙一", "13900000004");

        sync();

        assertThat(settings("客户").hideDept()).isTrue();
        assertThat(settings("客户/联想").outerDept()).isTrue();

        // departments the sync owned before it restricted partners
        jdbc.update("UPDATE dingtalk_contact_department SET settings_hash = NULL");
        simulator.reset();
        JsonNode report = tenant(sync());
        assertThat(report.path("departmentsRestricted")).extracting(JsonNode::asText).containsExactly("客户", "客户/联想");
        assertThat(simulator.calls("/topapi/v2/department/update")).isEqualTo(2);

        simulator.reset();
        assertThat(tenant(sync()).path("departmentsRestricted")).isEmpty();
        assertThat(writeCalls() + simulator.calls("/topapi/v2/department/update")).isZero();
    }

    private DepartmentSettings settings(String path) {
        return simulator.contacts().department(CORP, department(path)).orElseThrow().settings();
    }

    private boolean canSee(String viewer, String target) {
        return simulator.contacts().canSee(CORP, viewer, target);
    }
}
