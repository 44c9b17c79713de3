package com.proyi.dingtalk.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.proyi.dingtalk.dingtalk.simulator.SentMessage;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** dingtalk: as a step of a small route (src/test/resources/routes/dingtalk-component-example.camel.yaml). */
class DingTalkComponentTest extends ModuleIntegrationTest {

    private static final String EXAMPLE_ROUTES = "classpath:routes/dingtalk-component-example.camel.yaml";
    private static final Map<String, Object> MSG = Map.of("msgtype", "text", "text", Map.of("content", "采购订单待审批"));

    @Autowired private CamelContext camel;
    @Autowired private ProducerTemplate template;
    @Autowired private DingTalkClient client;

    @BeforeEach
    void exampleRoutes() throws Exception {
        if (camel.getRoute("example-notify-approvers") == null) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, EXAMPLE_ROUTES));
        }
        simulator.addUser(CORP, "component-u1", "张三");
        simulator.addUser(CORP, "component-u2", "李四");
        simulator.addUser(ACME_CORP, "component-a1", "王五");
        if (simulator.contacts().user(CORP, "component-u1").isEmpty()) {
            simulator.contacts().addUser(CORP, "component-u1", "张三", "13800000001", List.of(1L));
        }
    }

    @Test
    void theComponentIsRegisteredAndUsesTheModulesClient() {
        DingTalkComponent component = camel.getComponent("dingtalk", DingTalkComponent.class);

        assertThat(component.getClient()).isSameAs(client);
    }

    @Test
    void sendsAWorkNotificationAndAnswersTheTaskId() {
        Exchange exchange = send("direct:notify-approvers", Map.of("approvers", "component-u1, component-u2"), MSG);

        assertThat(exchange.getException()).isNull();
        SentMessage sent = simulator.sentMessages().get(0);
        assertThat(sent.userIds()).containsExactly("component-u1", "component-u2");
        assertThat(sent.agentId()).isEqualTo(20001);
        assertThat(sent.msg().path("text").path("content").asText()).isEqualTo("采购订单待审批");
        assertThat(exchange.getMessage().getBody()).isEqualTo(sent.taskId());
        assertThat(exchange.getMessage().getHeader(DingTalkConstants.TASK_ID)).isEqualTo(sent.taskId());
    }

    @Test
    void takesTheMsgAsJsonTextAndTheUserIdsAsAList() {
        Exchange exchange = send("direct:notify-approvers", Map.of("approvers", List.of("component-u2")),
                "{\"msgtype\":\"text\",\"text\":{\"content\":\"请审批\"}}");

        assertThat(exchange.getException()).isNull();
        SentMessage sent = simulator.sentMessages().get(0);
        assertThat(sent.userIds()).containsExactly("component-u2");
        assertThat(sent.msg().path("text").path("content").asText()).isEqualTo("请审批");
    }

    @Test
    void renewsAnAccessTokenThatDingTalkNoLongerTakes() {
        send("direct:notify-approvers", Map.of("approvers", "component-u1"), MSG);
        int fetches = simulator.calls("/gettoken");
        simulator.expireAllTokens();

        Exchange exchange = send("direct:notify-approvers", Map.of("approvers", "component-u1"), MSG);

        assertThat(exchange.getException()).isNull();
        assertThat(simulator.calls("/gettoken")).isEqualTo(fetches + 1);
        assertThat(simulator.sentMessages()).hasSize(2);
    }

    @Test
    void theTenantHeaderChoosesTheTenantsApp() {
        Exchange exchange = send("direct:notify-approvers", Map.of("approvers", "component-a1", "tenant", "acme"), MSG);

        assertThat(exchange.getException()).isNull();
        SentMessage sent = simulator.sentMessages().get(0);
        assertThat(sent.appKey()).isEqualTo("acme-app-key");
        assertThat(sent.agentId()).isEqualTo(30001);
    }

    @Test
    void anOapiCallAnswersDingTalksJsonAsAMap() {
        Exchange exchange = send("direct:user-name", Map.of("userid", "component-u1"), null);

        assertThat(exchange.getMessage().getBody()).isEqualTo("张三");
        assertThat(simulator.calls("/topapi/v2/user/get")).isEqualTo(1);
    }

    @Test
    void aPermanentErrorReachesTheRoutesDoCatchWithoutRetries() {
        Exchange exchange = send("direct:user-name", Map.of("userid", "nobody-here"), null);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo("no name: DingTalk answered 33012 (PERMANENT)");
        assertThat(simulator.calls("/topapi/v2/user/get")).isEqualTo(1);
    }

    @Test
    void aGetCallSendsNoBodyAndUsesTheEndpointsTenant() {
        Exchange exchange = send("direct:jsapi-ticket", Map.of(), null);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isNotBlank();
        assertThat(simulator.calls("/get_jsapi_ticket")).isEqualTo(1);
    }

    @Test
    void anOapiEndpointWithoutPathIsRefusedWhenTheRouteStarts() {
        assertThatThrownBy(() -> camel.getEndpoint("dingtalk:oapi?method=GET"))
                .hasStackTraceContaining("an oapi call needs the path option");
    }

    private Exchange send(String uri, Map<String, Object> variables, Object body) {
        return template.send(uri, exchange -> {
            variables.forEach(exchange::setVariable);
            exchange.getMessage().setBody(body);
        });
    }
}
