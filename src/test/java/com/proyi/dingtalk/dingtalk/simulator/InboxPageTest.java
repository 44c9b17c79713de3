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
    @Test
    void drawsAnOaNoticeAsDingTalkDoesWithItsStateAndStatusBar() {
        String token = token();
        String form = java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(i -> "{\"key\":\"行" + i + ":\",\"value\":\"值" + i + "\"}")
                .collect(java.util.stream.Collectors.joining(","));
        long read = acceptedTaskId(send(token, AGENT_ID, "u1", StatusBarUpdateTest.OA_WITH_BAR
                .replace("[{\"key\":\"申请人:\",\"value\":\"张三\"}]", "[" + form + "]")
                .replace("\"author\":\"李四\"", "\"author\":\"李四\",\"content\":\"第一行\\n第二行\"")));
        long recalled = acceptedTaskId(send(token, AGENT_ID, "u1", text("发错了")));
        simulator.markRead("u1", read);
        postJson(WorkNotificationApi.STATUS_BAR_UPDATE + "?access_token=" + token,
                "{\"agent_id\":" + AGENT_ID + ",\"task_id\":" + read + ",\"status_value\":\"已同意\",\"status_bg\":\"0xFF78C06E\"}");
        postJson(WorkNotificationApi.RECALL + "?access_token=" + token, "{\"agent_id\":" + AGENT_ID + ",\"msg_task_id\":" + recalled + "}");

        String page = get("/inbox?user=u1").body();

        assertThat(page).contains("<div class=\"oa-head\" style=\"background:#BBBBBBFF\">" + APP_KEY + "</div>")
                .contains("<dt>行6:</dt><dd>值6</dd>").doesNotContain("值7").contains("另有 1 行表单不显示")
                .contains("<span class=\"num\">15.6</span> <span class=\"unit\">元</span>")
                .contains("<div class=\"content\">第一行<br>第二行</div>", "<div class=\"author\">李四</div>")
                .contains("<div class=\"status-bar\" style=\"color:#78C06EFF\">已同意</div>")
                .contains("<article class=\"card read\" data-task-id=\"" + read + "\">")
                .contains("<article class=\"card recalled\" data-task-id=\"" + recalled + "\">", "此消息已被撤回")
                .contains("未读 0").doesNotContain("李四</a>");
    }

    @Test
    void drawsActionCardsWithTheirMarkdownAndButtons() {
        String token = token();
        acceptedTaskId(send(token, AGENT_ID, "u2", AsyncSendTest.CARD_BUTTONS.replace("单据 #42", "## 单据 #42\\n- 金额 **100** 元")));
        acceptedTaskId(send(token, AGENT_ID, "u2", AsyncSendTest.CARD_SINGLE));

        String page = get("/?user=u2").body();

        assertThat(page).contains("<h4>单据 #42</h4><ul><li>金额 <b>100</b> 元</li></ul>")
                .contains("<div class=\"buttons horizontal\"><a class=\"button\" href=\"https://proyi.example.com/a\"")
                .contains("<b>文件</b> 待审批", ">查看详情</a>")
                .contains("<article class=\"card unread\"", "未读 2");
    }

    @Test
    void listsThePersonsToDoTasksWithRolePriorityAndState() {
        simulator.grantPermissions(APP_KEY, Permissions.TODO_WRITE);
        String v1 = v1Token();
        String li = simulator.unionIdOf(CORP, "u2");
        String create = "/v1.0/todo/users/" + simulator.unionIdOf(CORP, "u1") + "/tasks";
        Answer open = v1("POST", create, v1, "{\"subject\":\"审批 <PO-1>\",\"executorIds\":[\"" + li + "\"],\"priority\":30,"
                + "\"dueTime\":1741600000000,\"detailUrl\":{\"appUrl\":\"https://proyi.example.com/m/1\",\"pcUrl\":\"javascript:alert(1)\"},"
                + "\"contentFieldList\":[{\"fieldKey\":\"金额\",\"fieldValue\":\"128000.00\"}]}");
        String done = v1("POST", create, v1, "{\"subject\":\"已办完\",\"executorIds\":[\"" + li + "\"],"
                + "\"detailUrl\":{\"appUrl\":\"https://proyi.example.com/m/2\"}}").json().get("id").asText();
        v1("PUT", create + "/" + done, v1, "{\"done\":true}");

        String page = get("/?user=u2").body();

        assertThat(page).contains("data-todo-id=\"" + open.json().get("id").asText() + "\"")
                .contains("审批 &lt;PO-1&gt;", "执行人", "<span class=\"tag p30\">紧急</span>", "截止 2025-03-10 17:46")
                .contains("<dt>金额</dt><dd>128000.00</dd>", "href=\"https://proyi.example.com/m/1\"")
                .doesNotContain("href=\"javascript:").contains("电脑端打开: javascript:alert(1)")
                .contains("<li class=\"todo done\" data-todo-id=\"" + done + "\"><span class=\"check\">☑</span>")
                .contains("待办 1");
        assertThat(get("/?user=u1").body()).contains("创建人");
    }
}
