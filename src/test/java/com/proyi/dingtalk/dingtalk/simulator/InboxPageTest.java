package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxPageTest extends SimulatorTestSupport {

    @Test
    void listsEachUsersNoticesWithTheirLinksAndRefreshes() {
        String token = token();
        acceptedTaskId(send(token, AGENT_ID, "u1", AsyncSendTest.OA));
        acceptedTaskId(send(token, AGENT_ID, "u1", AsyncSendTest.CARD_BUTTONS));

        Answer page = get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("<meta http-equiv=\"refresh\" content=\"2\">")
                .contains("张三", "李四", "暂无通知")
                .contains("请审批", "手机端链接", "电脑端链接")
                .contains("href=\"https://proyi.example.com/m/doc/42\"")
                .contains("href=\"dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Fproyi.example.com%2Fdoc%2F42&amp;pc_slide=true\"")
                // the page a dingtalk:// link wraps, for people without a DingTalk client
                .contains("href=\"https://proyi.example.com/doc/42\"")
                .contains(">同意</a>", "href=\"https://proyi.example.com/r\"");
        assertThat(get("/inbox").body()).contains("请审批");
    }

    @Test
    void escapesMessageContentAndNeverLinksScripts() {
        String token = token();
        acceptedTaskId(send(token, AGENT_ID, "u1", text("<script>alert('x')</script>")));
        acceptedTaskId(send(token, AGENT_ID, "u1",
                "{\"msgtype\":\"link\",\"link\":{\"messageUrl\":\"javascript:alert(1)\",\"picUrl\":\"@x\",\"title\":\"\\\"><b>t\",\"text\":\"x\"}}"));

        String body = get("/").body();

        assertThat(body).doesNotContain("<script>alert").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(body).doesNotContain("href=\"javascript:").contains("javascript:alert(1)");
        assertThat(body).contains("&quot;&gt;&lt;b&gt;t").doesNotContain("\"><b>t");
    }
}
