package com.proyi.dingtalk.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Links that open ProYi pages from DingTalk (API.md 8.4). */
class LinkBuilderTest {

    @Test
    void pcSlideOpensTheTargetInTheSidePanel() {
        String target = "https://proyi.example.com/LoginPage.html?docid=A&B=1&name=张 三";

        String link = LinkBuilder.pcSlide(target);

        assertThat(link).isEqualTo("dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Fproyi.example.com"
                + "%2FLoginPage.html%3Fdocid%3DA%26B%3D1%26name%3D%E5%BC%A0%20%E4%B8%89&pc_slide=true");
        assertThat(URLDecoder.decode(link.substring(link.indexOf("url=") + 4, link.indexOf("&pc_slide")),
                StandardCharsets.UTF_8)).isEqualTo(target);
    }

    @Test
    void absoluteJoinsBaseUrlAndPathWithOneSlash() {
        assertThat(LinkBuilder.absolute("https://proyi.example.com/erp/", "/WXDefault.aspx?a=1"))
                .isEqualTo("https://proyi.example.com/erp/WXDefault.aspx?a=1");
        assertThat(LinkBuilder.absolute("https://proyi.example.com", "/x")).isEqualTo("https://proyi.example.com/x");
    }
}
