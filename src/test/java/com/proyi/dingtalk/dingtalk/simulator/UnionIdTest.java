package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every member has one stable unionId, distinct from the userid, reported alike by every API (API.md §2.9). */
class UnionIdTest extends SimulatorTestSupport {

    private String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void aUnionIdIsStableOpaqueAndDifferentFromTheUserid() {
        String unionId = simulator.unionIdOf(CORP, "u1");

        assertThat(unionId).isNotEqualTo("u1").doesNotContain("u1").hasSizeGreaterThan(16);
        assertThat(simulator.unionIdOf(CORP, "u2")).isNotEqualTo(unionId);
        simulator.addUser("another-corp", "u1", "同名不同企业");
        assertThat(simulator.unionIdOf("another-corp", "u1")).isNotEqualTo(unionId);
        try (DingTalkSimulator restarted = DingTalkSimulator.start("127.0.0.1", 0)) {
            restarted.addUser(CORP, "u1", "张三");
            assertThat(restarted.unionIdOf(CORP, "u1")).isEqualTo(unionId);
        }
        assertThatThrownBy(() -> simulator.unionIdOf(CORP, "nobody")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userGetListAndFreeLoginReportTheSameUnionId() {
        simulator.contacts().addUser(CORP, "c1", "通讯录成员", "13800000001", List.of(1L));
        String unionId = simulator.unionIdOf(CORP, "c1");

        assertThat(call(ContactsApi.USER_GET, "{\"userid\":\"c1\"}").json().at("/result/unionid").asText()).isEqualTo(unionId);
        assertThat(call(ContactsApi.USER_LIST, "{\"dept_id\":1,\"cursor\":0,\"size\":10}").json().at("/result/list/0/unionid").asText())
                .isEqualTo(unionId);
        String code = simulator.issueAuthCode(APP_KEY, "c1");
        assertThat(call(FreeLoginApi.GETUSERINFO, "{\"code\":\"" + code + "\"}").json().at("/result/unionid").asText())
                .isEqualTo(unionId);
    }

    @Test
    void createAnswersTheUnionIdInCamelCase() {
        Answer created = call(ContactsApi.USER_CREATE, "{\"userid\":\"c2\",\"name\":\"新人\",\"mobile\":\"13800000002\",\"dept_id_list\":\"1\"}");

        assertThat(created.json().at("/result/unionId").asText()).isEqualTo(simulator.unionIdOf(CORP, "c2"));
    }

    @Test
    void membersAddedOutsideTheAddressBookAreKnownToUserGet() {
        Answer answer = call(ContactsApi.USER_GET, "{\"userid\":\"u1\"}");

        assertThat(answer.errcode()).as(answer.body()).isZero();
        assertThat(answer.json().at("/result/name").asText()).isEqualTo("张三");
        assertThat(answer.json().at("/result/unionid").asText()).isEqualTo(simulator.unionIdOf(CORP, "u1"));
    }

    @Test
    void getByUnionIdMapsBackToTheUserid() {
        Answer found = call(ContactsApi.USER_BY_UNIONID, "{\"unionid\":\"" + simulator.unionIdOf(CORP, "u2") + "\"}");

        assertThat(found.errcode()).as(found.body()).isZero();
        assertThat(found.json().at("/result/userid").asText()).isEqualTo("u2");
        assertThat(found.json().at("/result/contact_type").asInt()).isZero();
        assertThat(call(ContactsApi.USER_BY_UNIONID, "{\"unionid\":\"u2\"}").errcode()).as("a userid is no unionId").isEqualTo(60121);
        assertThat(call(ContactsApi.USER_BY_UNIONID, "{}").errcode()).isEqualTo(400002);
        simulator.addUser("another-corp", "stranger", "外人");
        assertThat(call(ContactsApi.USER_BY_UNIONID, "{\"unionid\":\"" + simulator.unionIdOf("another-corp", "stranger") + "\"}").errcode())
                .as("another organisation's member").isEqualTo(60121);
    }

    private Answer call(String api, String json) {
        return postJson(api + "?access_token=" + token, json);
    }
}
