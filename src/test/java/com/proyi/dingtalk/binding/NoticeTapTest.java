package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A tap on a notice opens the free-login page with notice=<event id>[&button=n]: a bound person lands
 * on that notice's ProYi page for their platform; a person not yet bound binds first, then lands.
 */
class NoticeTapTest extends BindingTestSupport {

    @Test
    void aPersonNotYetBoundBindsAndThenLandsOnTheButtonsPcPage() throws Exception {
        person("zhao", "pw-zhao", "u_zhao");
        long event = outboxEvent("default", "purchase_order", "po-77", "todo", "zhao", null);

        Answer first = tap(simulator.issueAuthCode(APP_KEY, "u_zhao"), event, 1, "pc");
        assertThat(first.text("status")).isEqualTo("bind_required");
        Answer bound = bind(first.text("bindToken"), "zhao", "pw-zhao");

        assertThat(bound.text("status")).isEqualTo("ok");
        assertThat(redeem(bound.text("ticket")).text("target"))
                .isEqualTo("/LoginPage.html?tenant=default&doctype=purchase_order&docid=po-77&op=approve");
    }

    @Test
    void aBoundPersonLandsOnTheNoticesPhonePage() throws Exception {
        person("qian", "pw-qian", "u_qian");
        bindFirstTime("u_qian", "qian", "pw-qian");
        long event = outboxEvent("default", "expense_claim", "ex-77", "cc", "qian", null);

        Answer phone = tap(simulator.issueAuthCode(APP_KEY, "u_qian"), event, null, "android");
        assertThat(phone.text("status")).isEqualTo("ok");
        assertThat(redeem(phone.text("ticket")).text("target"))
                .isEqualTo("/WXDefault.aspx?tenant=default&doctype=expense_claim&docid=ex-77&op=view");

        Answer unknown = tap(simulator.issueAuthCode(APP_KEY, "u_qian"), event + 1000, null, "pc");
        assertThat(redeem(unknown.text("ticket")).text("target")).as("an unknown notice lands on the home page").isEqualTo("/");
    }

    private Answer tap(String code, long event, Integer button, String platform) throws Exception {
        String body = "{\"authCode\":\"" + code + "\",\"notice\":" + event
                + (button == null ? "" : ",\"button\":" + button) + ",\"platform\":\"" + platform + "\"}";
        return post("/api/dingtalk/login", body);
    }
}
