package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.proyi.dingtalk.config.LinkBuilder;
import org.junit.jupiter.api.Test;

/** GET /api/dingtalk/jsapi-config gives dd.config what the DingTalk client accepts, from a cached ticket. */
class JsapiConfigTest extends BindingTestSupport {

    private static final String PAGE = "http://127.0.0.1/dingtalk/h5/?corpId=dingtestcorp&name=%E5%BC%A0#/home";

    @Test
    void theDingTalkClientAcceptsTheSignedConfig() throws Exception {
        Answer config = get("/api/dingtalk/jsapi-config?url=" + LinkBuilder.encode(PAGE));

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.text("agentId")).isEqualTo("20001");
        assertThat(config.text("corpId")).isEqualTo(CORP);
        assertThat(verify(PAGE, config)).isZero();
        assertThat(verify(PAGE.replace("name=", "nom="), config)).isEqualTo(52013);
    }

    @Test
    void theTicketIsFetchedOnceAndReused() throws Exception {
        get("/api/dingtalk/jsapi-config?url=" + LinkBuilder.encode(PAGE));
        int before = simulator.calls("/get_jsapi_ticket");
        Answer second = get("/api/dingtalk/jsapi-config?url=" + LinkBuilder.encode(PAGE));

        assertThat(simulator.calls("/get_jsapi_ticket")).isEqualTo(before);
        assertThat(verify(PAGE, second)).isZero();
    }

    @Test
    void aRelativeUrlIsRefused() throws Exception {
        Answer refused = get("/api/dingtalk/jsapi-config?url=%2Fdingtalk%2Fh5%2F");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("message")).contains("absolute");
    }

    @Test
    void thePageConfigNamesTheCorpForRequestAuthCode() throws Exception {
        assertThat(get("/api/dingtalk/config").text("corpId")).isEqualTo(CORP);
        assertThat(get("/api/dingtalk/config?tenantId=acme").text("corpId")).isEqualTo(ACME_CORP);
        assertThat(get("/api/dingtalk/config?tenantId=nobody").status()).isEqualTo(400);
    }

    private static int verify(String page, Answer config) {
        return simulator.verifyJsapiConfig(APP_KEY, page, config.text("agentId"), config.text("corpId"),
                config.text("timeStamp"), config.text("nonceStr"), config.text("signature"));
    }
}
