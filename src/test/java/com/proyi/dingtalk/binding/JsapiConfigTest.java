package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.proyi.dingtalk.config.LinkBuilder;
import org.junit.jupiter.api.Test;

/** GET /api/dingtalk/jsapi-config gives dd.config what the DingTalk client accepts, from a cached ticket. */
class JsapiConfigTest extends BindingTestSupport {

    private static final String PAGE_PATH = "/dingtalk/h5/?corpId=dingtestcorp&name=%E5%BC%A0#/home";

    @Test
    void theDingTalkClientAcceptsTheSignedConfig() throws Exception {
        String page = page();
        Answer config = get("/api/dingtalk/jsapi-config?url=" + LinkBuilder.encode(page));

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.text("agentId")).isEqualTo("20001");
        assertThat(config.text("corpId")).isEqualTo(CORP);
        assertThat(verify(page, config)).isZero();
        assertThat(verify(page.replace("name=", "nom="), config)).isEqualTo(52013);
    }

    @Test
    void theTicketIsFetchedOnceAndReused() throws Exception {
        String page = page();
        get("/api/dingtalk/jsapi-config?url=" + LinkBuilder.encode(page));
        int before = simulator.calls("/get_jsapi_ticket");
        Answer second = get("/api/dingtalk/jsapi-config?url=" + LinkBuilder.encode(page));

        assertThat(simulator.calls("/get_jsapi_ticket")).isEqualTo(before);
        assertThat(verify(page, second)).isZero();
    }

    @Test
    void aRelativeUrlIsRefused() throws Exception {
        Answer refused = get("/api/dingtalk/jsapi-config?url=%2Fdingtalk%2Fh5%2F");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("message")).contains("absolute");
    }

    @Test
    void onlyPagesOfThisModuleOrProYiAreSigned() throws Exception {
        Answer elsewhere = get("/api/dingtalk/jsapi-config?url=" + LinkBuilder.encode("https://evil.example/dingtalk/h5/"));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.text("message")).contains("not a page of this module or of ProYi");
        assertThat(get("/api/dingtalk/jsapi-config?url=" + LinkBuilder.encode("https://proyi.test.example/WX.aspx?a=1"))
                .status()).isEqualTo(200);
    }

    @Test
    void thePageConfigNamesTheCorpForRequestAuthCode() throws Exception {
        assertThat(get("/api/dingtalk/config").text("corpId")).isEqualTo(CORP);
        assertThat(get("/api/dingtalk/config?tenantId=acme").text("corpId")).isEqualTo(ACME_CORP);
        assertThat(get("/api/dingtalk/config?tenantId=nobody").status()).isEqualTo(400);
    }

    private String page() {
        return "http://127.0.0.1:" + port + PAGE_PATH;
    }

    private static int verify(String page, Answer config) {
        return simulator.verifyJsapiConfig(APP_KEY, page, config.text("agentId"), config.text("corpId"),
                config.text("timeStamp"), config.text("nonceStr"), config.text("signature"));
    }
}
