package com.proyi.dingtalk.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.DingTalkException.Kind;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkNotificationSendTest {

    private static final String SEND = DingTalkClient.SEND_API;

    private final ObjectMapper mapper = new ObjectMapper();
    private final StubDingTalk dingTalk = new StubDingTalk();
    private final DingTalkProperties properties = dingTalk.properties();
    private final DingTalkClient client = dingTalk.client(properties, DingTalkCallListener.NONE);

    WorkNotificationSendTest() throws Exception {
    }

    @AfterEach
    void stopStub() {
        dingTalk.close();
    }

    private static Map<String, Object> text(String content) {
        return Map.of("msgtype", "text", "text", Map.of("content", content));
    }

    @Test
    void sendsAgentUserListAndMessageAndReturnsTheTaskId() throws Exception {
        long taskId = client.sendWorkNotification("default", List.of("u1", "u2"), text("新文件待审批"));

        assertThat(taskId).isEqualTo(256271667526L);
        StubDingTalk.Request send = dingTalk.requests(SEND).get(0);
        assertThat(send.method()).isEqualTo("POST");
        assertThat(send.query()).containsEntry("access_token", "token-1");
        assertThat(send.contentType()).isEqualTo("application/json; charset=utf-8");
        JsonNode body = mapper.readTree(send.body());
        assertThat(body.path("agent_id").asLong()).isEqualTo(StubDingTalk.AGENT_ID);
        assertThat(body.path("userid_list").asText()).isEqualTo("u1,u2");
        assertThat(body.path("msg").path("text").path("content").asText()).isEqualTo("新文件待审批");
    }

    @Test
    void acceptsATaskIdWithoutErrcodeAndAsString() {
        dingTalk.thenReply(SEND, 200, "{\"task_id\":\"42\"}");

        assertThat(client.sendWorkNotification("default", List.of("u1"), text("hi"))).isEqualTo(42L);
    }

    @Test
    void aMessageOverTwoKilobytesIsRefusedWithoutCallingDingTalk() throws Exception {
        String chinese = "文".repeat(680); // 680 characters, 2040 bytes in UTF-8
        int size = mapper.writeValueAsBytes(text(chinese)).length;

        DingTalkException e = catchThrowableOfType(DingTalkException.class,
                () -> client.sendWorkNotification("default", List.of("u1"), text(chinese)));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("message is " + size + " bytes, DingTalk allows 2048");
        assertThat(dingTalk.count(SEND)).isZero();
        assertThat(dingTalk.count(DingTalkClient.TOKEN_API)).isZero();
    }

    @Test
    void aMessageOfExactlyTwoKilobytesIsSent() throws Exception {
        int overhead = mapper.writeValueAsBytes(text("")).length;

        client.sendWorkNotification("default", List.of("u1"), text("x".repeat(2048 - overhead)));

        assertThat(dingTalk.count(SEND)).isEqualTo(1);
    }

    @Test
    void moreThanAHundredRecipientsAreRefused() {
        List<String> userIds = IntStream.rangeClosed(1, 101).mapToObj(i -> "u" + i).toList();

        assertThatThrownBy(() -> client.sendWorkNotification("default", userIds, text("hi")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("101");
        assertThat(dingTalk.count(SEND)).isZero();
    }

    @Test
    void sendsInTheNameOfTheTenantsOwnApp() {
        DingTalkApp acme = new DingTalkApp();
        acme.setAppKey("acme-key");
        acme.setAppSecret("acme-secret");
        acme.setAgentId(99L);
        properties.getTenants().put("acme", acme);

        client.sendWorkNotification("acme", List.of("u1"), text("hi"));

        assertThat(dingTalk.requests(DingTalkClient.TOKEN_API).get(0).query()).containsEntry("appkey", "acme-key");
        assertThat(dingTalk.requests(SEND).get(0).body()).contains("\"agent_id\":99");
    }

    @Test
    void anUnknownTenantIsAPermanentErrorThatNamesTheSettings() {
        assertThat(client.isConfigured("default")).isTrue();
        assertThat(client.isConfigured("globex")).isFalse();

        DingTalkException e = catchThrowableOfType(DingTalkException.class,
                () -> client.sendWorkNotification("globex", List.of("u1"), text("hi")));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).contains("no DingTalk settings for tenant globex",
                "dingtalk.tenants.globex.app-key");
        assertThat(dingTalk.count(DingTalkClient.TOKEN_API)).isZero();
    }
}
