package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SendResultTest extends SimulatorTestSupport {

    String token;

    @BeforeEach
    void fetchToken() {
        token = token();
    }

    @Test
    void reportsDeliveredUsersAsUnreadInTheDocumentedShape() {
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1,u2", text("a")));

        JsonNode answer = sendResult(token, taskId).json();

        assertThat(answer.get("errcode").asInt()).isZero();
        assertThat(answer.get("request_id").asText()).isNotBlank();
        JsonNode result = answer.get("send_result");
        assertThat(fieldNames(result)).containsExactlyInAnyOrder("invalid_user_id_list", "forbidden_user_id_list",
                "failed_user_id_list", "read_user_id_list", "unread_user_id_list", "invalid_dept_id_list", "forbidden_list");
        assertThat(result.get("unread_user_id_list")).extracting(JsonNode::asText).containsExactly("u1", "u2");
        assertThat(result.get("forbidden_list")).isEmpty();
    }

    @Test
    void sameContentToTheSameUserOnTheSameChinaDayIsForbidden() {
        long first = acceptedTaskId(send(token, AGENT_ID, "u1", text("同一条")));
        // identical content, different key order: still the same message
        long repeat = acceptedTaskId(send(token, AGENT_ID, "u1,u2", "{\"text\":{\"content\":\"同一条\"},\"msgtype\":\"text\"}"));

        JsonNode result = sendResult(token, repeat).json().get("send_result");

        assertThat(result.get("forbidden_user_id_list")).extracting(JsonNode::asText).containsExactly("u1");
        assertThat(result.get("unread_user_id_list")).extracting(JsonNode::asText).containsExactly("u2");
        JsonNode forbidden = result.get("forbidden_list").get(0);
        assertThat(forbidden.get("code").asText()).isEqualTo("143106");
        assertThat(forbidden.get("count").asInt()).isEqualTo(1);
        assertThat(forbidden.get("userid").asText()).isEqualTo("u1");
        assertThat(simulator.inbox("u1")).extracting(InboxEntry::taskId).containsExactly(first);
    }

    @Test
    void theDuplicateRuleResetsAtMidnightChinaTime() {
        clock.set(Instant.parse("2025-03-10T15:59:59Z")); // 23:59:59 in China
        token = token();
        acceptedTaskId(send(token, AGENT_ID, "u1", text("每日提醒")));
        clock.advance(Duration.ofSeconds(1));             // 00:00:00 next day in China

        long nextDay = acceptedTaskId(send(token, AGENT_ID, "u1", text("每日提醒")));

        assertThat(sendResult(token, nextDay).json().at("/send_result/unread_user_id_list/0").asText()).isEqualTo("u1");
        assertThat(simulator.inbox("u1")).hasSize(2);
    }

    @Test
    void moreThan500MessagesPerUserPerDayAreForbidden() {
        for (int i = 0; i < WorkNotificationStore.DAILY_CAP_PER_USER; i++) {
            acceptedTaskId(send(token, AGENT_ID, "u1", text("第" + i + "条")));
            clock.advance(Duration.ofMillis(100)); // stay under the QPS limit
        }

        long over = acceptedTaskId(send(token, AGENT_ID, "u1", text("第501条")));

        JsonNode forbidden = sendResult(token, over).json().at("/send_result/forbidden_list/0");
        assertThat(forbidden.get("code").asText()).isEqualTo("143105");
        assertThat(forbidden.get("count").asInt()).isEqualTo(500);
        assertThat(simulator.inbox("u1")).hasSize(500);
    }

    @Test
    void unknownUsersAreInvalidAndReceiveNothing() {
        simulator.addUser("another-corp", "outsider", "外人");

        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1,ghost,outsider", text("a")));

        JsonNode result = sendResult(token, taskId).json().get("send_result");
        assertThat(result.get("invalid_user_id_list")).extracting(JsonNode::asText).containsExactly("ghost", "outsider");
        assertThat(result.get("unread_user_id_list")).extracting(JsonNode::asText).containsExactly("u1");
        assertThat(simulator.inboxes()).containsOnlyKeys("u1");
    }

    @Test
    void onlyTheOwningAppMayQueryATask() {
        simulator.addApp("other-key", "other-secret", 20002, CORP);
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));
        String otherToken = get("/gettoken?appkey=other-key&appsecret=other-secret").json().get("access_token").asText();

        assertThat(postJson(RESULT + "?access_token=" + otherToken, "{\"agent_id\":20002,\"task_id\":" + taskId + "}").errcode())
                .isEqualTo(40035);
        assertThat(sendResult(otherToken, taskId).errcode()).as("agent of another app").isEqualTo(40056);
        assertThat(sendResult(token, taskId + 1000).errcode()).isEqualTo(40035);
    }

    @Test
    void answersOnlyWithin24Hours() {
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1", text("a")));

        clock.advance(Duration.ofHours(24));
        token = token();
        assertThat(sendResult(token, taskId).errcode()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sendResult(token, taskId).errcode()).isEqualTo(40035);
    }

    @Test
    void tasksWithMoreThan100RecipientsTimeOut() {
        IntStream.rangeClosed(1, 101).forEach(i -> simulator.addUser(CORP, "m" + i, "成员" + i));
        String hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> "m" + i).collect(Collectors.joining(","));
        long small = acceptedTaskId(send(token, AGENT_ID, hundred, text("a")));
        long big = acceptedTaskId(postJson(SEND + "?access_token=" + token,
                "{\"agent_id\":" + AGENT_ID + ",\"to_all_user\":true,\"msg\":" + text("b") + "}"));

        assertThat(sendResult(token, small).errcode()).isZero();
        Answer timeout = sendResult(token, big);
        assertThat(timeout.errcode()).isEqualTo(-1);
        assertThat(timeout.json().get("errmsg").asText()).contains("timeout");
    }

    @Test
    void aUserMovesFromUnreadToReadWhenTheTestSaysTheyOpenedIt() {
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1,u2,u3", text("请阅")));

        simulator.markRead("u2", taskId);

        JsonNode result = sendResult(token, taskId).json().get("send_result");
        assertThat(result.get("read_user_id_list")).extracting(JsonNode::asText).containsExactly("u2");
        assertThat(result.get("unread_user_id_list")).extracting(JsonNode::asText).containsExactly("u1", "u3");
        assertThat(simulator.inbox("u2")).singleElement().extracting(InboxEntry::read).isEqualTo(true);
        assertThat(simulator.inbox("u1")).singleElement().extracting(InboxEntry::read).isEqualTo(false);
        assertThatThrownBy(() -> simulator.markRead("ghost", taskId)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failedDeliveriesAreListedAndMayBeSentAgain() {
        simulator.failDeliveriesTo("u2");
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1,u2", text("重要")));

        JsonNode result = sendResult(token, taskId).json().get("send_result");
        assertThat(result.get("failed_user_id_list")).extracting(JsonNode::asText).containsExactly("u2");
        assertThat(result.get("unread_user_id_list")).extracting(JsonNode::asText).containsExactly("u1");
        assertThat(simulator.inbox("u2")).isEmpty();

        simulator.reset();
        long again = acceptedTaskId(send(token, AGENT_ID, "u2", text("重要")));
        assertThat(sendResult(token, again).json().at("/send_result/unread_user_id_list/0").asText()).isEqualTo("u2");
    }

    @Test
    void departmentsExpandToTheirMembersAndSubDepartmentsUnknownOnesAreInvalid() {
        long sales = simulator.contacts().createDepartment(CORP, "销售部", 1).id();
        long east = simulator.contacts().createDepartment(CORP, "华东", sales).id();
        long other = simulator.contacts().createDepartment(CORP, "财务部", 1).id();
        simulator.contacts().addUser(CORP, "s1", "销售一", "13800000001", List.of(sales));
        simulator.contacts().addUser(CORP, "s2", "销售二", "13800000002", List.of(east, other));
        simulator.contacts().addUser(CORP, "f1", "财务", "13800000003", List.of(other));

        long taskId = acceptedTaskId(postJson(SEND + "?access_token=" + token,
                "{\"agent_id\":" + AGENT_ID + ",\"dept_id_list\":\"" + sales + ",424242\",\"msg\":" + text("部门通知") + "}"));

        JsonNode result = sendResult(token, taskId).json().get("send_result");
        assertThat(result.get("unread_user_id_list")).extracting(JsonNode::asText).containsExactly("s1", "s2");
        assertThat(result.get("invalid_dept_id_list")).extracting(JsonNode::asLong).containsExactly(424242L);
        assertThat(simulator.sentMessages()).singleElement().extracting(SentMessage::userIds).isEqualTo(List.of("s1", "s2"));
        assertThat(simulator.inbox("f1")).isEmpty();
    }

    @Test
    void whileDingTalkIsStillSendingTheListsAreEmpty() {
        simulator.setSendProcessingTime(Duration.ofSeconds(10));
        long taskId = acceptedTaskId(send(token, AGENT_ID, "u1,ghost", text("慢慢发")));

        JsonNode during = sendResult(token, taskId).json().get("send_result");
        assertThat(during.get("unread_user_id_list")).isEmpty();
        assertThat(during.get("invalid_user_id_list")).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        JsonNode after = sendResult(token, taskId).json().get("send_result");
        assertThat(after.get("unread_user_id_list")).extracting(JsonNode::asText).containsExactly("u1");
        assertThat(after.get("invalid_user_id_list")).extracting(JsonNode::asText).containsExactly("ghost");
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
