package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncSendTest extends SimulatorTestSupport {

    static final String OA = """
            {"msgtype":"oa","oa":{
              "message_url":"https://proyi.example.com/m/doc/42",
              "pc_message_url":"dingtalk://dingtalkclient/page/link?url=https%3A%2F%2Fproyi.example.com%2Fdoc%2F42&pc_slide=true",
              "head":{"bgcolor":"FFBBBBBB","text":"过程易"},
              "body":{"title":"请审批","form":[{"key":"申请人:","value":"张三"}],"rich":{"num":"15.6","unit":"元"},"author":"李四"}}}""";

    static final String CARD_SINGLE = """
            {"msgtype":"action_card","action_card":{"title":"待办","markdown":"**文件** 待审批",
              "single_title":"查看详情","single_url":"https://proyi.example.com/doc/1"}}""";

    static final String CARD_BUTTONS = """
            {"msgtype":"action_card","action_card":{"title":"审批?","markdown":"单据 #42","btn_orientation":"1",
              "btn_json_list":[{"title":"同意","action_url":"https://proyi.example.com/a"},
                               {"title":"拒绝","action_url":"https://proyi.example.com/r"}]}}""";

    String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void acceptsATextMessageAndDeliversIt() {
        Answer answer = send(token, AGENT_ID, "u1,u2", text("你好"));

        long taskId = acceptedTaskId(answer);
        assertThat(answer.json().get("errmsg").asText()).isEqualTo("ok");
        assertThat(answer.json().get("request_id").asText()).isNotBlank();
        assertThat(simulator.sentMessages()).singleElement().satisfies(sent -> {
            assertThat(sent.taskId()).isEqualTo(taskId);
            assertThat(sent.appKey()).isEqualTo(APP_KEY);
            assertThat(sent.agentId()).isEqualTo(AGENT_ID);
            assertThat(sent.userIds()).containsExactly("u1", "u2");
            assertThat(sent.msg().at("/text/content").asText()).isEqualTo("你好");
        });
        assertThat(simulator.inbox("u1")).singleElement().extracting(InboxEntry::taskId).isEqualTo(taskId);
        assertThat(simulator.inbox("u3")).isEmpty();
    }

    @Test
    void acceptsFormEncodingAndMsgAsJsonString() {
        Answer form = postForm(SEND + "?access_token=" + token,
                Map.of("agent_id", String.valueOf(AGENT_ID), "userid_list", "u1", "msg", text("表单")));
        Answer jsonString = postJson(SEND + "?access_token=" + token,
                "{\"agent_id\":\"" + AGENT_ID + "\",\"userid_list\":\"u2\",\"msg\":" + quote(text("字符串")) + "}");

        acceptedTaskId(form);
        acceptedTaskId(jsonString);
        assertThat(simulator.inbox("u1")).hasSize(1);
        assertThat(simulator.inbox("u2")).hasSize(1);
    }

    @Test
    void agentIdMustBelongToTheTokensApp() {
        simulator.addApp("other-key", "other-secret", 20002, CORP);

        assertThat(send(token, 20002, "u1", text("x")).errcode()).isEqualTo(40056);
        assertThat(postJson(SEND + "?access_token=" + token, "{\"userid_list\":\"u1\",\"msg\":" + text("x") + "}").errcode())
                .isEqualTo(41011);
        assertThat(simulator.sentMessages()).isEmpty();
    }

    @Test
    void refuses101UserIdsButAccepts100() {
        String hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> "x" + i).collect(Collectors.joining(","));

        Answer tooMany = send(token, AGENT_ID, hundred + ",x101", text("x"));

        assertThat(tooMany.errcode()).isEqualTo(40035);
        assertThat(tooMany.json().get("errmsg").asText()).contains("userid_list").contains("100").contains("101");
        acceptedTaskId(send(token, AGENT_ID, hundred, text("x")));
    }

    @Test
    void needsExactlyOneRecipientSelector() {
        String msg = text("x");
        assertThat(postJson(SEND + "?access_token=" + token, "{\"agent_id\":" + AGENT_ID + ",\"msg\":" + msg + "}").errcode())
                .isEqualTo(40035);
        assertThat(postJson(SEND + "?access_token=" + token,
                "{\"agent_id\":" + AGENT_ID + ",\"userid_list\":\"u1\",\"dept_id_list\":\"1\",\"msg\":" + msg + "}").errcode())
                .isEqualTo(40035);
        assertThat(postJson(SEND + "?access_token=" + token,
                "{\"agent_id\":" + AGENT_ID + ",\"to_all_user\":true,\"userid_list\":\"u1\",\"msg\":" + msg + "}").errcode())
                .isEqualTo(40035);
        assertThat(send(token, AGENT_ID, "u1,,u2", msg).errcode()).isEqualTo(40035);
        String depts = IntStream.rangeClosed(1, 21).mapToObj(String::valueOf).collect(Collectors.joining(","));
        assertThat(postJson(SEND + "?access_token=" + token,
                "{\"agent_id\":" + AGENT_ID + ",\"dept_id_list\":\"" + depts + "\",\"msg\":" + msg + "}").errcode())
                .isEqualTo(40035);
    }

    @Test
    void toAllUserReachesTheWholeOrganisation() {
        acceptedTaskId(postJson(SEND + "?access_token=" + token,
                "{\"agent_id\":" + AGENT_ID + ",\"to_all_user\":\"true\",\"msg\":" + text("全员") + "}"));

        assertThat(simulator.inboxes()).containsOnlyKeys("u1", "u2", "u3");
    }

    @Test
    void enforcesThe2048ByteLimitInUtf8() {
        // {"msgtype":"text","text":{"content":"..."}} is 40 bytes around the content
        String fits = "汉".repeat(669) + "x";              // 2007 + 1 bytes -> 2048 in total
        String tooBig = "汉".repeat(669) + "xx";           // 2049 bytes
        assertThat(Json.write(readTree(text(fits))).getBytes(StandardCharsets.UTF_8)).hasSize(2048);

        acceptedTaskId(send(token, AGENT_ID, "u1", text(fits)));
        Answer refused = send(token, AGENT_ID, "u1", text(tooBig));

        assertThat(refused.errcode()).isEqualTo(40035);
        assertThat(refused.json().get("errmsg").asText()).contains("2049").contains("2048");
    }

    @Test
    void acceptsValidOaAndBothActionCardStyles() {
        acceptedTaskId(send(token, AGENT_ID, "u1", OA));
        acceptedTaskId(send(token, AGENT_ID, "u1", CARD_SINGLE));
        acceptedTaskId(send(token, AGENT_ID, "u1", CARD_BUTTONS));

        assertThat(simulator.inbox("u1")).hasSize(3);
    }

    @Test
    void refusesMalformedOa() {
        assertRefused(OA.replace("\"FFBBBBBB\"", "\"0xFFBBBB\""), "bgcolor");
        assertRefused(OA.replace("\"FFBBBBBB\"", "\"FFBBBBB\""), "bgcolor");
        assertRefused(OA.replace(",\"text\":\"过程易\"", ""), "msg.oa.head.text");
        assertRefused(OA.replace("\"message_url\"", "\"messageUrl\""), "msg.oa.message_url");
        assertRefused("{\"msgtype\":\"oa\",\"oa\":{\"message_url\":\"https://x\",\"head\":{\"bgcolor\":\"FFBBBBBB\",\"text\":\"t\"}}}", "msg.oa.body");
        assertRefused(OA.replace("\"value\":\"张三\"", "\"value\":3"), "form[0].value");
    }

    @Test
    void statusBarOnlyForAtMostFiveListedUsers() {
        String withStatusBar = OA.replace("\"body\":", "\"status_bar\":{\"status_value\":\"待审批\",\"status_bg\":\"0xFFF65E5E\"},\"body\":");
        for (int i = 4; i <= 6; i++) {
            simulator.addUser(CORP, "u" + i, "user" + i);
        }

        acceptedTaskId(send(token, AGENT_ID, "u1,u2,u3,u4,u5", withStatusBar));
        assertThat(send(token, AGENT_ID, "u1,u2,u3,u4,u5,u6", withStatusBar).json().get("errmsg").asText()).contains("status_bar");
    }

    @Test
    void refusesMalformedActionCards() {
        assertRefused(CARD_SINGLE.replace(",\"single_url\":\"https://proyi.example.com/doc/1\"", ""), "single_url");
        assertRefused(CARD_SINGLE.replace("\"markdown\"", "\"text\""), "markdown");
        assertRefused(CARD_SINGLE.replace("查看详情", "很长很长很长很长很长很长很长很长很长很长很"), "single_title");
        assertRefused(CARD_SINGLE.replace("https://proyi.example.com/doc/1", "https://x/" + "a".repeat(491)), "single_url");
        assertRefused(CARD_BUTTONS.replace("\"btn_orientation\":\"1\",", ""), "btn_orientation");
        assertRefused(CARD_BUTTONS.replace("\"1\"", "\"2\""), "btn_orientation");
        assertRefused(CARD_BUTTONS.replace("https://proyi.example.com/a", "https://x/" + "a".repeat(691)), "action_url");
        assertRefused(CARD_BUTTONS.replace("\"title\":\"同意\"", "\"title\":\"" + "长".repeat(21) + "\""), "btn_json_list[0].title");
        // both styles at once
        assertRefused(CARD_BUTTONS.replace("\"btn_orientation\"", "\"single_title\":\"a\",\"single_url\":\"https://x\",\"btn_orientation\""),
                "二选一");
        // a serialized button list over 1000 characters, each button within its own limits
        String button = "{\"title\":\"b\",\"action_url\":\"https://x/" + "a".repeat(200) + "\"}";
        assertRefused(CARD_BUTTONS.replaceFirst("(?s)\\[.*]", "[" + String.join(",", button, button, button, button, button) + "]"),
                "btn_json_list");
    }

    @Test
    void refusesUnknownTypesMissingKeysAndExtraTypes() {
        assertRefused("{\"msgtype\":\"news\",\"news\":{}}", "msgtype");
        assertRefused("{\"text\":{\"content\":\"x\"}}", "msgtype");
        assertRefused("{\"msgtype\":\"link\",\"link\":{\"message_url\":\"https://x\",\"picUrl\":\"@x\",\"title\":\"t\",\"text\":\"x\"}}",
                "msg.link.messageUrl");
        assertRefused("{\"msgtype\":\"markdown\",\"markdown\":{\"text\":\"x\"}}", "msg.markdown.title");
        assertRefused("{\"msgtype\":\"voice\",\"voice\":{\"media_id\":\"@m\",\"duration\":10}}", "duration");
        assertRefused("{\"msgtype\":\"voice\",\"voice\":{\"media_id\":\"@m\",\"duration\":\"60\"}}", "duration");
        assertRefused("{\"msgtype\":\"text\",\"text\":{\"content\":\"x\"},\"oa\":{}}", "oa");
        assertThat(postJson(SEND + "?access_token=" + token,
                "{\"agent_id\":" + AGENT_ID + ",\"userid_list\":\"u1\",\"msg\":\"{not json\"}").errcode()).isEqualTo(40035);
    }

    @Test
    void acceptsTheRemainingTypes() {
        acceptedTaskId(send(token, AGENT_ID, "u1", "{\"msgtype\":\"image\",\"image\":{\"media_id\":\"@lADO\"}}"));
        acceptedTaskId(send(token, AGENT_ID, "u1", "{\"msgtype\":\"voice\",\"voice\":{\"media_id\":\"@lADO\",\"duration\":\"59\"}}"));
        acceptedTaskId(send(token, AGENT_ID, "u1", "{\"msgtype\":\"file\",\"file\":{\"media_id\":\"@lADO\"}}"));
        acceptedTaskId(send(token, AGENT_ID, "u1",
                "{\"msgtype\":\"link\",\"link\":{\"messageUrl\":\"https://x\",\"picUrl\":\"@x\",\"title\":\"t\",\"text\":\"x\"}}"));
        acceptedTaskId(send(token, AGENT_ID, "u1", "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"t\",\"text\":\"## x\"}}"));
    }

    private void assertRefused(String msg, String errmsgMentions) {
        Answer answer = send(token, AGENT_ID, "u1", msg);
        assertThat(answer.errcode()).as(answer.body()).isEqualTo(40035);
        assertThat(answer.json().get("errmsg").asText()).contains(errmsgMentions);
        assertThat(simulator.sentMessages()).isEmpty();
    }
}
