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
        assertThat(call(ContactsApi.DEPT_CREATE, "{\"name\":\"A-B\",\"parent_id\":1}").errcode()).isEqualTo(40035);
        assertThat(call(ContactsApi.DEPT_CREATE, "{\"name\":\"A，B\",\"parent_id\":1}").errcode()).isEqualTo(40035);
        assertThat(call(ContactsApi.DEPT_CREATE, "{\"name\":\"" + "a".repeat(65) + "\",\"parent_id\":1}").errcode()).isEqualTo(40035);
        assertThat(call(ContactsApi.DEPT_CREATE, "{\"name\":\"孤儿\",\"parent_id\":424242}").errcode()).isEqualTo(60004);
        assertThat(call(ContactsApi.DEPT_UPDATE, "{\"dept_id\":1,\"name\":\"新根\"}").errcode()).isEqualTo(60018);

        long dept = department("仓储部", 1);
        simulator.contacts().addUser(CORP, "w1", "仓管", "13500000000", List.of(dept));
        assertThat(call(ContactsApi.DEPT_DELETE, "{\"dept_id\":" + dept + "}").errcode()).isEqualTo(60005);
        assertThat(call(ContactsApi.DEPT_DELETE, "{\"dept_id\":424242}").errcode()).isEqualTo(60003);

        JsonNode children = call(ContactsApi.DEPT_LISTSUB, "{\"dept_id\":1}").json().path("result");
        assertThat(children.findValuesAsText("name")).containsExactly("仓储部");
    }

    @Test
    void contactUsersReceiveWorkNotifications() {
        simulator.contacts().addUser(CORP, "newbie", "新人", "13400000000", List.of(1L));

        long taskId = acceptedTaskId(send(token, AGENT_ID, "newbie", text("欢迎")));

        assertThat(simulator.inbox("newbie")).extracting(InboxEntry::taskId).containsExactly(taskId);
    }

    private long department(String name, long parent) {
        Answer answer = call(ContactsApi.DEPT_CREATE, "{\"name\":\"" + name + "\",\"parent_id\":" + parent + "}");
        assertThat(answer.errcode()).as(answer.body()).isZero();
        return answer.json().path("result").path("dept_id").asLong();
    }

    private Answer call(String api, String json) {
        return postJson(api + "?access_token=" + token, json);
    }
}
