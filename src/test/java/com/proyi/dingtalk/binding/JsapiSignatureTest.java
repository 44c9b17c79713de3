package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.proyi.dingtalk.binding.JsapiSignature.Algorithm;
import org.junit.jupiter.api.Test;

/** The dd.config signature against the known-answer vector of API.md §4.2. */
class JsapiSignatureTest {

    private static final String PAGE = "https://app.example.com/h5/index.html?corpId=ding123&name=%E5%BC%A0#/home";

    @Test
    void matchesTheKnownAnswerInBothHashes() {
        assertThat(JsapiSignature.sign(Algorithm.SHA_1, "TICKETabc123", "nonceXYZ", "1700000000000", PAGE))
                .isEqualTo("9b56241205a99ec7496e63a29837f29e2666e795");
        assertThat(JsapiSignature.sign(Algorithm.SHA_256, "TICKETabc123", "nonceXYZ", "1700000000000", PAGE))
                .isEqualTo("3d3c27de9c5e816fe00949b76ca24e6ff60ac6e944ebcd5622e5adf22ae091cb");
    }

    @Test
    void theUrlLosesItsFragmentAndItsQueryIsDecoded() {
        assertThat(JsapiSignature.normalizedUrl(PAGE))
                .isEqualTo("https://app.example.com/h5/index.html?corpId=ding123&name=张");
        assertThat(JsapiSignature.normalizedUrl("http://host:8080/a%20b/?q=a+b"))
                .isEqualTo("http://host:8080/a%20b/?q=a b");
    }

    @Test
    void onlyAbsoluteHttpUrlsAreSigned() {
        assertThatThrownBy(() -> JsapiSignature.normalizedUrl("/dingtalk/h5/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsapiSignature.normalizedUrl("file:///etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
