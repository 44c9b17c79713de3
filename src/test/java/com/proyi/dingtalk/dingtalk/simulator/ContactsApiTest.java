package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contact and department endpoints refuse what DingTalk refuses (API.md §9, contacts). */
class ContactsApiTest extends SimulatorTestSupport {

    private String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void createdUsersHaveUniqueIdsAndMobiles() {
        long dept = department("采购部", 1);
        Answer created = call(ContactsApi.USER_CREATE, "{\"userid\":\"zs\",\"name\":\"张三\",\"mobile\":\"13800000001\",\"dept_id_list\":\"" + dept + "\"}");
        assertThat(created.errcode()).as(created.body()).isZero();
        assertThat(created.json().path("result").path("unionId").asText()).isNotEmpty();

        assertThat(call(ContactsApi.USER_CREATE, "{\"userid\":\"zs\",\"name\":\"x\",\"mobile\":\"13800000002\",\"dept_id_list\":\"1\"}").errcode())
                .isEqualTo(60102);
        Answer mobileTaken = call(ContactsApi.USER_CREATE, "{\"userid\":\"ls\",\"name\":\"李四\",\"mobile\":\"13800000001\",\"dept_id_list\":\"1\"}");
        assertThat(mobileTaken.errcode()).isEqualTo(60104);
        assertThat(mobileTaken.json().path("errmsg").asText()).contains("zs");
        assertThat(call(ContactsApi.USER_CREATE, "{\"name\":\"x\",\"mobile\":\"13800000003\",\"dept_id_list\":\"999\"}").errcode())
                .isEqualTo(60003);
        assertThat(call(ContactsApi.USER_CREATE, "{\"name\":\"" + "名".repeat(81) + "\",\"mobile\":\"13800000004\",\"dept_id_list\":\"1\"}").errcode())
                .isEqualTo(40035);
        assertThat(call(ContactsApi.USER_CREATE, "{\"name\":\"x\",\"dept_id_list\":\"1\"}").errcode()).isEqualTo(40035);
    }

    @Test
    void unknownUsersAnswerTheirDocumentedCodes() {
        assertThat(call(ContactsApi.USER_GET, "{\"userid\":\"nobody\"}").errcode()).isEqualTo(33012);
        assertThat(call(ContactsApi.USER_DELETE, "{\"userid\":\"nobody\"}").errcode()).isEqualTo(33012);
        assertThat(call(ContactsApi.USER_UPDATE, "{\"userid\":\"nobody\",\"name\":\"x\"}").errcode()).isEqualTo(60121);
        assertThat(call(ContactsApi.USER_BY_MOBILE, "{\"mobile\":\"13900000000\"}").errcode()).isEqualTo(60121);
    }

    @Test
    void listPagesWithACursorAndShowsDirectMembersOnly() {
        long parent = department("客户", 1);
        long child = department("联想", parent);
        for (int i = 0; i < 5; i++) {
            simulator.contacts().addUser(CORP, "p" + i, "成员" + i, "1370000000" + i, List.of(parent));
        }
        simulator.contacts().addUser(CORP, "c0", "子部门成员", "13600000000", List.of(child));

        JsonNode first = call(ContactsApi.USER_LIST, "{\"dept_id\":" + parent + ",\"cursor\":0,\"size\":2}").json().path("result");
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(first.path("list").findValuesAsText("userid")).containsExactly("p0", "p1");
        long next = first.path("next_cursor").asLong();
        JsonNode last = call(ContactsApi.USER_LIST, "{\"dept_id\":" + parent + ",\"cursor\":" + (next + 2) + ",\"size\":2}").json().path("result");
        assertThat(last.path("has_more").asBoolean()).isFalse();
        assertThat(last.path("list").findValuesAsText("userid")).containsExactly("p4");

        assertThat(call(ContactsApi.USER_LIST, "{\"dept_id\":" + parent + ",\"cursor\":0,\"size\":101}").errcode()).isEqualTo(40035);
        assertThat(call(ContactsApi.USER_LIST, "{\"dept_id\":" + parent + ",\"cursor\":0,\"size\":0}").errcode()).isEqualTo(40035);
    }

    @Test
    void departmentRules() {
        assertThat(call(DepartmentsApi.DEPT_CREATE, "{\"name\":\"A-B\",\"parent_id\":1}").errcode()).isEqualTo(40035);
        assertThat(call(DepartmentsApi.DEPT_CREATE, "{\"name\":\"A，B\",\"parent_id\":1}").errcode()).isEqualTo(40035);
        assertThat(call(DepartmentsApi.DEPT_CREATE, "{\"name\":\"" + "a".repeat(65) + "\",\"parent_id\":1}").errcode()).isEqualTo(40035);
        assertThat(call(DepartmentsApi.DEPT_CREATE, "{\"name\":\"孤儿\",\"parent_id\":424242}").errcode()).isEqualTo(60004);
        assertThat(call(DepartmentsApi.DEPT_UPDATE, "{\"dept_id\":1,\"name\":\"新根\"}").errcode()).isEqualTo(60018);

        long dept = department("仓储部", 1);
        simulator.contacts().addUser(CORP, "w1", "仓管", "13500000000", List.of(dept));
        assertThat(call(DepartmentsApi.DEPT_DELETE, "{\"dept_id\":" + dept + "}").errcode()).isEqualTo(60005);
        assertThat(call(DepartmentsApi.DEPT_DELETE, "{\"dept_id\":424242}").errcode()).isEqualTo(60003);

        JsonNode children = call(DepartmentsApi.DEPT_LISTSUB, "{\"dept_id\":1}").json().path("result");
        assertThat(children.findValuesAsText("name")).containsExactly("仓储部");
    }

    @Test
    void getByMobileIsAnExactMatchOnCurrentMembers() {
        simulator.contacts().addUser(CORP, "m1", "手机用户", "13800000001", List.of(1L));
        simulator.contacts().addUser(CORP, "m2", "香港用户", "+852-91234567", List.of(1L));

        assertThat(call(ContactsApi.USER_BY_MOBILE, "{\"mobile\":\"13800000001\"}").json().at("/result/userid").asText()).isEqualTo("m1");
        assertThat(call(ContactsApi.USER_BY_MOBILE, "{\"mobile\":\"+852-91234567\"}").json().at("/result/userid").asText()).isEqualTo("m2");
        assertThat(call(ContactsApi.USER_BY_MOBILE, "{\"mobile\":\"+86-13800000001\"}").errcode()).isEqualTo(60121);
        assertThat(call(ContactsApi.USER_BY_MOBILE, "{\"mobile\":\"1380000000\"}").errcode()).isEqualTo(60121);
        assertThat(call(ContactsApi.USER_BY_MOBILE, "{\"mobile\":\"not-a-phone\"}").errcode()).isEqualTo(40104);
        assertThat(call(ContactsApi.USER_BY_MOBILE, "{\"mobile\":\"1380000000100000\"}").errcode()).as("over 15").isEqualTo(40104);
        Answer withFlag = call(ContactsApi.USER_BY_MOBILE, "{\"mobile\":\"13800000001\",\"support_exclusive_account_search\":true}");
        assertThat(withFlag.json().at("/result/exclusive_account_userid_list").isArray()).isTrue();

        simulator.contacts().removeUser(CORP, "m1");
        assertThat(call(ContactsApi.USER_BY_MOBILE, "{\"mobile\":\"13800000001\"}").errcode()).as("departed").isEqualTo(60121);
    }

    @Test
    void theWholeOrganisationCanBeReadDepartmentByDepartmentAndPageByPage() {
        long sales = department("销售部", 1);
        long east = department("华东", sales);
        long west = department("华西", sales);
        for (int i = 0; i < 250; i++) {
            simulator.contacts().addUser(CORP, "e" + i, "员工" + i, String.valueOf(13_000_000_000L + i), List.of(i % 2 == 0 ? east : west));
        }
        simulator.contacts().addUser(CORP, "boss", "老板", "13900000000", List.of(1L, sales));

        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Deque<Long> departments = new java.util.ArrayDeque<>(List.of(1L));
        int listCalls = 0;
        while (!departments.isEmpty()) {
            long dept = departments.pop();
            call(DepartmentsApi.DEPT_LISTSUBID, "{\"dept_id\":" + dept + "}").json().at("/result/dept_id_list")
                    .forEach(child -> departments.push(child.asLong()));
            long cursor = 0;
            while (true) {
                JsonNode page = call(ContactsApi.USER_LIST, "{\"dept_id\":" + dept + ",\"cursor\":" + cursor + ",\"size\":100}").json().path("result");
                listCalls++;
                page.path("list").forEach(user -> seen.add(user.path("userid").asText()));
                if (!page.path("has_more").asBoolean()) {
                    break;
                }
                cursor = page.path("next_cursor").asLong();
            }
        }

        assertThat(seen).hasSize(251);
        assertThat(listCalls).as("root, 销售部 and two pages each of 华东 and 华西").isEqualTo(6);
        assertThat(call(ContactsApi.USER_LISTID, "{\"dept_id\":" + sales + "}").json().at("/result/userid_list"))
                .extracting(JsonNode::asText).containsExactly("boss");
        assertThat(call(ContactsApi.USER_LISTID, "{\"dept_id\":424242}").errcode()).isEqualTo(60003);
    }

    @Test
    void listChecksItsOptionsAndOrdersByEntry() {
        long dept = department("仓储部", 1);
        for (int i = 0; i < 3; i++) {
            simulator.contacts().addUser(CORP, "w" + i, "仓管" + i, "1350000000" + i, List.of(dept));
        }

        JsonNode descending = call(ContactsApi.USER_LIST, "{\"dept_id\":" + dept + ",\"cursor\":0,\"size\":10,\"order_field\":\"entry_desc\"}")
                .json().at("/result/list");
        assertThat(descending.findValuesAsText("userid")).containsExactly("w2", "w1", "w0");
        assertThat(call(ContactsApi.USER_LIST, "{\"dept_id\":" + dept + ",\"cursor\":0,\"size\":10,\"order_field\":\"name\"}").errcode())
                .isEqualTo(40035);
        assertThat(call(ContactsApi.USER_LIST, "{\"dept_id\":" + dept + ",\"cursor\":100001,\"size\":10}").errcode()).isEqualTo(40035);
        assertThat(call(ContactsApi.USER_LIST, "{\"dept_id\":" + dept + ",\"cursor\":0,\"size\":10,\"language\":\"fr_FR\"}").errcode())
                .isEqualTo(40035);
        assertThat(call(ContactsApi.USER_LIST, "{\"dept_id\":424242,\"cursor\":0,\"size\":10}").errcode()).isEqualTo(60003);
    }

    @Test
    void contactUsersReceiveWorkNotifications() {
        simulator.contacts().addUser(CORP, "newbie", "新人", "13400000000", List.of(1L));

        long taskId = acceptedTaskId(send(token, AGENT_ID, "newbie", text("欢迎")));

        assertThat(simulator.inbox("newbie")).extracting(InboxEntry::taskId).containsExactly(taskId);
    }

    private long department(String name, long parent) {
        Answer answer = call(DepartmentsApi.DEPT_CREATE, "{\"name\":\"" + name + "\",\"parent_id\":" + parent + "}");
        assertThat(answer.errcode()).as(answer.body()).isZero();
        return answer.json().path("result").path("dept_id").asLong();
    }

    private Answer call(String api, String json) {
        return postJson(api + "?access_token=" + token, json);
    }
}
