package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One DingTalk user id binds to at most one account per tenant, and one account to at most one id. */
class OneBindingPerPersonTest extends BindingTestSupport {

    @Test
    void oneDingTalkUserCannotBindASecondAccount() throws Exception {
        person("zhang", "pw-zhang", "u_zhang");
        person("li", "pw-li", "u_li");
        // two bind forms open at once, as with two phones
        String first = login("u_zhang").text("bindToken");
        String second = login("u_zhang").text("bindToken");
        assertThat(bind(first, "zhang", "pw-zhang").text("status")).isEqualTo("ok");

        Answer refused = bind(second, "li", "pw-li");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("error")).isEqualTo("DINGTALK_USER_TAKEN");
        assertThat(refused.text("message")).contains("一个钉钉账号只能绑定一个过程易账号");
        assertThat(isBound("li")).isFalse();
        assertThat(hrDingTalkId("li")).isNull();
    }

    @Test
    void anAccountBoundToSomeoneElseCannotBeTaken() throws Exception {
        person("wang", "pw-wang", "u_wang");
        simulator.addUser(CORP, "u_other", "other");
        bindFirstTime("u_wang", "wang", "pw-wang");

        Answer refused = bindFirstTime("u_other", "wang", "pw-wang");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("error")).isEqualTo("ACCOUNT_TAKEN");
        assertThat(refused.text("message")).contains("已绑定其他钉钉用户");
        assertThat(hrDingTalkId("wang")).isEqualTo("u_wang");
    }

    @Test
    void aDingTalkIdAlreadyInAnotherHrRecordIsNotBoundTwice() throws Exception {
        person("zhao", "pw-zhao", "u_zhao");
        employee("default", "legacy", "u_zhao");

        assertThat(bindFirstTime("u_zhao", "zhao", "pw-zhao").text("error")).isEqualTo("DINGTALK_USER_TAKEN");
    }
}
