package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DingTalk's markdown subset as HTML that can carry no script. */
class SafeMarkdownTest {

    @Test
    void rendersTheSubsetDingTalkSupports() {
        String html = SafeMarkdown.render("## 采购订单\n> 请尽快处理\n- 金额 **128000.00** 元\n- 供应商 *联想*\n1. 第一步\n2. 第二步\n\n正文第一行\n第二行 `PO-1`\n"
                + "[打开单据](https://proyi.example.com/doc/1)");

        assertThat(html).isEqualTo("<h4>采购订单</h4><blockquote>请尽快处理</blockquote>"
                + "<ul><li>金额 <b>128000.00</b> 元</li><li>供应商 <i>联想</i></li></ul><ol><li>第一步</li><li>第二步</li></ol>"
                + "<p>正文第一行<br>第二行 <code>PO-1</code><br>"
                + "<a href=\"https://proyi.example.com/doc/1\" target=\"_blank\" rel=\"noopener\">打开单据</a></p>");
    }

    @Test
    void escapesEverythingAndLinksOnlySafeSchemes() {
        String html = SafeMarkdown.render("<script>alert(1)</script> **<img src=x onerror=alert(1)>** [点我](javascript:alert(1)) "
                + "[钉钉](dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Fx&pc_slide=true) ![图](https://x/a.png) "
                + "[\"><b>x](https://x/\"onmouseover=\"alert(1))");

        assertThat(html).doesNotContain("<script", "<img", "href=\"javascript:", "\"onmouseover");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "<b>&lt;img src=x onerror=alert(1)&gt;</b>",
                "[点我](javascript:alert(1))", "href=\"dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Fx&amp;pc_slide=true\"",
                ">[图片] 图</a>", "&quot;&gt;&lt;b&gt;x");
    }

    @Test
    void underscoresInsideWordsAndUrlsStayAsTheyAre() {
        assertThat(SafeMarkdown.render("snake_case_name and https://x/a_b_c")).isEqualTo("<p>snake_case_name and https://x/a_b_c</p>");
    }
}
