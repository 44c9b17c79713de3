package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An app may only call what its permission points allow (API.md §5, §9 "Field-permission realism"). */
class PermissionTest extends SimulatorTestSupport {

    @Test
    void aMissingPermissionPointIs60011NamingIt() {
        String token = token();
        simulator.revokePermissions(APP_KEY, Permissions.GET_MEMBER);

        Answer refused = postJson(ContactsApi.USER_GET + "?access_token=" + token, "{\"userid\":\"u1\"}");

        assertThat(refused.errcode()).isEqualTo(60011);
        assertThat(refused.json().get("errmsg").asText()).contains("qyapi_get_member");
        assertThat(postJson(ContactsApi.USER_LIST + "?access_token=" + token, "{\"dept_id\":1,\"cursor\":0,\"size\":1}").errcode())
                .as("other points stay").isZero();

        simulator.grantPermissions(APP_KEY, Permissions.GET_MEMBER);
        assertThat(postJson(ContactsApi.USER_GET + "?access_token=" + token, "{\"userid\":\"u1\"}").errcode()).isZero();
    }

    @Test
    void permissionsArePerApp() {
        simulator.addApp("other-key", "other-secret", 20002, CORP);
        simulator.revokePermissions("other-key", Permissions.BASE);
        String other = get("/gettoken?appkey=other-key&appsecret=other-secret").json().get("access_token").asText();

        assertThat(send(other, 20002, "u1", text("x")).errcode()).isEqualTo(60011);
        acceptedTaskId(send(token(), AGENT_ID, "u1", text("x")));
    }
}
