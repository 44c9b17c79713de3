package com.proyi.dingtalk.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.DingTalkCallListener;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import com.proyi.dingtalk.dingtalk.simulator.Fault;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each DingTalk item of the checklist against the simulator, with good and bad settings. Every test
 * gets its own client (and so its own token cache), as a freshly started module would.
 */
class ChecklistItemsTest extends ModuleIntegrationTest {

    private static final String GETTOKEN = "/gettoken";
    private static final String SECRET = "test-app-secret";

    @Autowired private H5ConfigReports h5Reports;
    @Autowired private CamelContext camel;

    @Test
    void aCorrectAppPassesEveryItemTheServerCanCheck() {
        Map<String, CheckItem> items = check(settings(SECRET, 20001L, CORP));

        assertThat(items.get("dingtalk.credentials").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("dingtalk.egress-ip").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("dingtalk.agent-id").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("dingtalk.message-permission").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("dingtalk.contacts-read").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("dingtalk.mobile").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("dingtalk.email").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("dingtalk.contacts-write").status()).isEqualTo(CheckStatus.CANNOT_CHECK);
        assertThat(items.values()).noneMatch(CheckItem::fails);
    }

    @Test
    void aWrongSecretIsWrongWithTheScreenToCopyItFrom() {
        Map<String, CheckItem> items = check(settings("not-the-secret", 20001L, CORP));

        CheckItem credentials = items.get("dingtalk.credentials");
        assertThat(credentials.status()).isEqualTo(CheckStatus.WRONG);
        assertThat(credentials.fails()).isTrue();
        assertThat(credentials.found()).contains("40096");
        assertThat(credentials.fix()).contains("凭证与基础信息").contains("dingtalk.app-secret");
        assertThat(items.get("dingtalk.agent-id").status()).isEqualTo(CheckStatus.CANNOT_CHECK);
        assertThat(items.values()).allSatisfy(item -> assertThat(item.toString()).doesNotContain("not-the-secret"));
    }

    @Test
    void anEgressIpOutsideTheWhitelistShowsTheIpDingTalkSaw() {
        simulator.failNext(GETTOKEN, 1,
                Fault.errcode(60020, "访问ip不在白名单之中,request ip=203.0.113.7 appKey(test-app-key)"));

        CheckItem ip = check(settings(SECRET, 20001L, CORP)).get("dingtalk.egress-ip");

        assertThat(ip.status()).isEqualTo(CheckStatus.WRONG);
        assertThat(ip.found()).contains("203.0.113.7");
        assertThat(ip.fix()).contains("服务器出口IP").contains("203.0.113.7");
    }

    @Test
    void anAgentIdOfAnotherAppIsWrong() {
        CheckItem agent = check(settings(SECRET, 30001L, CORP)).get("dingtalk.agent-id");

        assertThat(agent.status()).isEqualTo(CheckStatus.WRONG);
        assertThat(agent.found()).contains("30001").contains("40056");
        assertThat(agent.fix()).contains("AgentId").contains("dingtalk.agent-id");
    }

    @Test
    void aMissingMessagePermissionIsMissing() {
        simulator.failNext(DingTalkAppChecks.AGENT_PROBE_API, 1,
                Fault.errcode(60011, "应用尚未开通所需的权限：[qyapi_message_corpconversation]"));

        Map<String, CheckItem> items = check(settings(SECRET, 20001L, CORP));

        assertThat(items.get("dingtalk.agent-id").status()).isEqualTo(CheckStatus.OK);
        assertThat(items.get("dingtalk.message-permission").status()).isEqualTo(CheckStatus.MISSING);
        assertThat(items.get("dingtalk.message-permission").fix()).contains("权限管理");
    }

    @Test
    void aPassedAgentProbeIsReusedInsteadOfSpendingAnotherCountedCall() {
        DingTalkProperties properties = settings(SECRET, 20001L, CORP);
        properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
        DingTalkClient client = new DingTalkClient(properties, new ObjectMapper(), DingTalkCallListener.NONE, camel, 1);
        DingTalkAppChecks checks = new DingTalkAppChecks(client, properties, h5Reports);
        int before = simulator.calls(DingTalkAppChecks.AGENT_PROBE_API);

        assertThat(byKey(checks.check("default")).get("dingtalk.message-permission").status()).isEqualTo(CheckStatus.OK);
        assertThat(byKey(checks.check("default")).get("dingtalk.message-permission").status()).isEqualTo(CheckStatus.OK);

        assertThat(simulator.calls(DingTalkAppChecks.AGENT_PROBE_API)).isEqualTo(before + 1);
    }

    @Test
    void contactPermissionsFollowTheAppsScopes() {
        simulator.setAuthScopes("test-app-key", List.of("name"), List.of(42L));
        try {
            Map<String, CheckItem> items = check(settings(SECRET, 20001L, CORP));

            assertThat(items.get("dingtalk.contacts-read").status()).isEqualTo(CheckStatus.WRONG);
            assertThat(items.get("dingtalk.contacts-read").fix()).contains("全部员工");
            assertThat(items.get("dingtalk.mobile").status()).isEqualTo(CheckStatus.MISSING);
            assertThat(items.get("dingtalk.email").status()).isEqualTo(CheckStatus.MISSING);
            assertThat(items.get("dingtalk.email").fix()).contains("邮箱等个人信息");
        } finally {
            simulator.setAuthScopes("test-app-key", List.of("name", "mobile", "email"), List.of(1L));
        }
    }

    @Test
    void missingSettingsAreMissingAndNameTheProperty() {
        Map<String, CheckItem> items = check(new DingTalkProperties());

        assertThat(items.get("dingtalk.credentials").status()).isEqualTo(CheckStatus.MISSING);
        assertThat(items.get("dingtalk.credentials").fix()).contains("dingtalk.app-key");
        assertThat(items.get("dingtalk.agent-id").status()).isEqualTo(CheckStatus.MISSING);
        assertThat(items.get("dingtalk.corp-id").status()).isEqualTo(CheckStatus.MISSING);
    }

    @Test
    void theCorpIdFollowsWhatDdConfigReported() {
        jdbc.update("DELETE FROM dingtalk_h5_config_report");
        assertThat(check(settings(SECRET, 20001L, CORP)).get("dingtalk.corp-id").status()).isEqualTo(CheckStatus.CANNOT_CHECK);

        h5Reports.record("default", "https://dt.example.com/dingtalk/h5/?corpId=" + CORP, false, 52010, "invalid corpid");
        assertThat(check(settings(SECRET, 20001L, CORP)).get("dingtalk.corp-id").status()).isEqualTo(CheckStatus.WRONG);

        h5Reports.record("default", "https://dt.example.com/dingtalk/h5/?corpId=" + CORP, true, null, null);
        assertThat(check(settings(SECRET, 20001L, CORP)).get("dingtalk.corp-id").status()).isEqualTo(CheckStatus.OK);
        jdbc.update("DELETE FROM dingtalk_h5_config_report");
    }

    @Test
    void theValuesToEnterComeFromTheModuleUrlAndTheDdConfigReport() {
        jdbc.update("DELETE FROM dingtalk_h5_config_report");
        ChecklistProperties settings = new ChecklistProperties();
        settings.setModuleUrl("https://dt.example.com");
        DingTalkConsoleValues values = new DingTalkConsoleValues(settings, h5Reports);

        Map<String, CheckItem> before = byKey(values.check("acme"));
        assertThat(before.get("dingtalk.home-url").fix())
                .contains("应用首页链接", "https://dt.example.com/dingtalk/h5/?corpId=$CORPID$&tenantId=acme");
        assertThat(before.get("dingtalk.pc-home-url").fix()).contains("PC端首页地址");
        assertThat(before.get("dingtalk.admin-url").fix()).contains("管理后台地址", "https://dt.example.com/console/");
        assertThat(before.get("dingtalk.jsapi-domain").status()).isEqualTo(CheckStatus.CANNOT_CHECK);
        assertThat(before.get("dingtalk.jsapi-domain").fix()).contains("dt.example.com");

        h5Reports.record("acme", "https://dt.example.com/dingtalk/h5/?corpId=x", false, 52013, "signature mismatch");
        assertThat(byKey(values.check("acme")).get("dingtalk.jsapi-domain").status()).isEqualTo(CheckStatus.WRONG);
        assertThat(byKey(values.check("acme")).get("dingtalk.home-url").status()).isEqualTo(CheckStatus.OK);

        h5Reports.record("acme", "https://dt.example.com/dingtalk/h5/?corpId=x", true, null, null);
        assertThat(byKey(values.check("acme")).get("dingtalk.jsapi-domain").status()).isEqualTo(CheckStatus.OK);
        jdbc.update("DELETE FROM dingtalk_h5_config_report");
    }

    private Map<String, CheckItem> check(DingTalkProperties properties) {
        properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
        DingTalkClient client = new DingTalkClient(properties, new ObjectMapper(), DingTalkCallListener.NONE, camel, 1);
        List<CheckItem> items = new ArrayList<>(new DingTalkAppChecks(client, properties, h5Reports).check("default"));
        items.addAll(new ContactPermissionChecks(client).check("default", DingTalkAppChecks.tokenWorks(items)));
        return byKey(items);
    }

    private static Map<String, CheckItem> byKey(List<CheckItem> items) {
        return items.stream().collect(Collectors.toMap(CheckItem::key, Function.identity()));
    }

    private static DingTalkProperties settings(String secret, Long agentId, String corpId) {
        DingTalkProperties properties = new DingTalkProperties();
        properties.setBaseUrl(simulator.baseUrl());
        properties.setAppKey("test-app-key");
        properties.setAppSecret(secret);
        properties.setAgentId(agentId);
        properties.setCorpId(corpId);
        return properties;
    }
}
