package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Department settings of API.md §5.8: stored by create and update, reported by get, checked, and
 * what they mean for who sees whom in the DingTalk client (partners kept apart, issue 11).
 */
class DepartmentSettingsTest extends SimulatorTestSupport {

    private String token;
    private long purchasing;
    private long suppliers;

    @BeforeEach
    void organisation() {
        token = token();
        purchasing = department("{\"name\":\"采购部\",\"parent_id\":1}");
        simulator.contacts().addUser(CORP, "buyer", "采购员", "13800000001", List.of(purchasing));
        simulator.contacts().addUser(CORP, "clerk", "文员", "13800000002", List.of(1L));
        suppliers = department("{\"name\":\"供应商\",\"parent_id\":1,\"hide_dept\":true,\"dept_permits\":\"" + purchasing
                + "\",\"outer_dept\":true,\"outer_dept_only_self\":false,\"outer_permit_depts\":\"" + purchasing
                + "\",\"source_identifier\":\"proyi:supplier\",\"order\":5}");
    }

    @Test
    void createStoresTheSettingsAndGetReportsThemInTheirTypes() {
        JsonNode dept = get(suppliers);

        assertThat(dept.get("name").asText()).isEqualTo("供应商");
        assertThat(dept.get("parent_id").asLong()).isEqualTo(1);
        assertThat(dept.get("hide_dept").asBoolean()).isTrue();
        assertThat(dept.get("outer_dept").asBoolean()).isTrue();
        assertThat(dept.get("dept_permits")).extracting(JsonNode::asLong).containsExactly(purchasing);
        assertThat(dept.get("outer_permit_depts")).extracting(JsonNode::asLong).containsExactly(purchasing);
        assertThat(dept.get("outer_permit_users").isArray()).isTrue();
        assertThat(dept.get("user_permits").isArray()).isTrue();
        assertThat(dept.get("source_identifier").asText()).isEqualTo("proyi:supplier");
        assertThat(dept.get("order").asLong()).isEqualTo(5);
        assertThat(simulator.contacts().department(CORP, suppliers).orElseThrow().settings().hideDept()).isTrue();
    }

    @Test
    void updateChangesOnlyWhatItSends() {
        Answer updated = call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":" + suppliers + ",\"user_permits\":\"clerk\",\"outer_dept_only_self\":true}");
        assertThat(updated.errcode()).as(updated.body()).isZero();

        DepartmentSettings settings = simulator.contacts().department(CORP, suppliers).orElseThrow().settings();
        assertThat(settings.userPermits()).containsExactly("clerk");
        assertThat(settings.outerDeptOnlySelf()).isTrue();
        assertThat(settings.hideDept()).isTrue();
        assertThat(settings.deptPermits()).containsExactly(purchasing);

        call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":" + suppliers + ",\"dept_permits\":\"\"}");
        assertThat(simulator.contacts().department(CORP, suppliers).orElseThrow().settings().deptPermits()).as("cleared").isEmpty();
    }

    @Test
    void visibilityListsNameExistingDepartmentsAndUsersAndManagersAreMembers() {
        assertThat(call(DepartmentsApi.DEPT_CREATE, "{\"name\":\"客户\",\"parent_id\":1,\"dept_permits\":\"424242\"}").errcode())
                .isEqualTo(600109);
        assertThat(call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":" + suppliers + ",\"outer_permit_users\":\"ghost\"}").errcode())
                .isEqualTo(60109);
        String fiftyOne = String.join(",", java.util.Collections.nCopies(51, String.valueOf(purchasing)));
        assertThat(call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":" + suppliers + ",\"outer_permit_depts\":\"" + fiftyOne + "\"}").errcode())
                .isEqualTo(60109);
        assertThat(call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":" + purchasing + ",\"dept_manager_userid_list\":\"clerk\"}").errcode())
                .isEqualTo(40031);
        assertThat(call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":" + purchasing + ",\"dept_manager_userid_list\":\"buyer\"}").errcode())
                .isZero();
        assertThat(get(purchasing).get("dept_manager_userid_list")).extracting(JsonNode::asText).containsExactly("buyer");
        assertThat(call(DepartmentsApi.DEPT_CREATE, "{\"name\":\"客户\",\"parent_id\":1,\"hide_dept\":\"yes\"}").errcode()).isEqualTo(40035);
    }

    @Test
    void aSupplierSeesOnlyTheirOwnDepartmentAndPurchasing() {
        long acme = department("{\"name\":\"宏达五金\",\"parent_id\":" + suppliers + "}");
        long other = department("{\"name\":\"远航物流\",\"parent_id\":" + suppliers + "}");
        simulator.contacts().addUser(CORP, "acme1", "宏达销售", "13700000001", List.of(acme));
        simulator.contacts().addUser(CORP, "other1", "远航销售", "13700000002", List.of(other));

        assertThat(simulator.contacts().visibleTo(CORP, "acme1")).extracting(ContactUser::userId)
                .containsExactlyInAnyOrder("acme1", "other1", "buyer");
        assertThat(simulator.contacts().canSee(CORP, "acme1", "clerk")).isFalse();

        call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":" + acme + ",\"outer_dept\":true,\"outer_dept_only_self\":true,\"outer_permit_users\":\"buyer\"}");
        call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":" + suppliers + ",\"outer_dept\":false}");
        assertThat(simulator.contacts().visibleTo(CORP, "acme1")).extracting(ContactUser::userId).containsExactlyInAnyOrder("acme1", "buyer");
    }

    @Test
    void aHiddenDepartmentIsSeenOnlyByItsMembersAndThosePermitted() {
        long acme = department("{\"name\":\"宏达五金\",\"parent_id\":" + suppliers + "}");
        simulator.contacts().addUser(CORP, "acme1", "宏达销售", "13700000001", List.of(acme));

        assertThat(simulator.contacts().canSee(CORP, "clerk", "acme1")).as("hidden from employees").isFalse();
        assertThat(simulator.contacts().canSee(CORP, "buyer", "acme1")).as("purchasing is permitted").isTrue();
        assertThat(simulator.contacts().canSee(CORP, "clerk", "buyer")).isTrue();

        call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":" + suppliers + ",\"user_permits\":\"clerk\"}");
        assertThat(simulator.contacts().canSee(CORP, "clerk", "acme1")).isTrue();
    }

    @Test
    void theAppsOwnReadsAreNotFilteredBySettings() {
        long acme = department("{\"name\":\"宏达五金\",\"parent_id\":" + suppliers + "}");
        simulator.contacts().addUser(CORP, "acme1", "宏达销售", "13700000001", List.of(acme));

        JsonNode page = call(ContactsApi.USER_LIST, "{\"dept_id\":" + acme + ",\"cursor\":0,\"size\":10}").json().at("/result/list");

        assertThat(page.findValuesAsText("userid")).containsExactly("acme1");
    }

    private JsonNode get(long deptId) {
        Answer answer = call(DepartmentsApi.DEPT_GET, "{\"dept_id\":" + deptId + "}");
        assertThat(answer.errcode()).as(answer.body()).isZero();
        return answer.json().get("result");
    }

    private long department(String json) {
        Answer answer = call(DepartmentsApi.DEPT_CREATE, json);
        assertThat(answer.errcode()).as(answer.body()).isZero();
        return answer.json().at("/result/dept_id").asLong();
    }

    private Answer call(String api, String json) {
        return postJson(api + "?access_token=" + token, json);
    }
}
