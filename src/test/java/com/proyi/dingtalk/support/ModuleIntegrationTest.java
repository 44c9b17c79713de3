package com.proyi.dingtalk.support;

import com.proyi.dingtalk.ProYiDingTalkApplication;
import com.proyi.dingtalk.dingtalk.simulator.DingTalkSimulator;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole module as it runs in production: the routes from routes/, MariaDB, and the DingTalk
 * simulator on a real port standing in for oapi.dingtalk.com. One simulator serves the test JVM.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ModuleIntegrationTest {

    public static final String CORP = "dingtestcorp";
    public static final String ACME_CORP = "dingacmecorp";

    protected static final DingTalkSimulator simulator = startSimulator();

    @Autowired protected JdbcTemplate jdbc;
    @LocalServerPort protected int port;

    private static DingTalkSimulator startSimulator() {
        TestDatabase.recreateOnce();
        DingTalkSimulator simulator = DingTalkSimulator.start("127.0.0.1", 0);
        simulator.addApp("test-app-key", "test-app-secret", 20001, CORP);
        simulator.addApp("acme-app-key", "acme-app-secret", 30001, ACME_CORP);
        return simulator;
    }

    @DynamicPropertySource
    static void dingTalk(DynamicPropertyRegistry registry) {
        registry.add("dingtalk.base-url", simulator::baseUrl);
        registry.add("dingtalk.tenants.acme.base-url", simulator::baseUrl);
        // the simulator serves api.dingtalk.com's /v1.0/ paths (to-do tasks) on the same port
        registry.add("dingtalk.api-base-url", simulator::baseUrl);
    }

    /**
     * Command-line arguments (they override application-test.yaml) for one more instance of the
     * module on this test's database and simulator, plus the given {@code --key=value} settings.
     */
    protected static String[] anotherInstanceArguments(String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=test", "--server.port=0",
                "--camel.main.shutdown-timeout=1",
                "--dingtalk.base-url=" + simulator.baseUrl(),
                "--dingtalk.tenants.acme.base-url=" + simulator.baseUrl(),
                "--dingtalk.api-base-url=" + simulator.baseUrl()));
        arguments.addAll(List.of(settings));
        return arguments.toArray(String[]::new);
    }

    /** Starts one more instance of the module in this JVM; close it when done. */
    protected static ConfigurableApplicationContext startAnotherInstance(String... settings) {
        return new SpringApplicationBuilder(ProYiDingTalkApplication.class).run(anotherInstanceArguments(settings));
    }

    @BeforeEach
    void cleanSlate() {
        simulator.reset();
        simulator.setQpsLimit(20);
        jdbc.update("DELETE FROM dingtalk_notice_delivery");
        jdbc.update("DELETE FROM proyi_doc_event");
        jdbc.update("DELETE FROM proyi_webhook_receipt");
        jdbc.update("DELETE FROM proyi_hr_record");
    }

    /** An HR record; a null DingTalk id means the account is not bound. */
    protected void employee(String tenant, String account, String dingtalkUserId) {
        jdbc.update("INSERT INTO proyi_hr_record (tenant_id, account, name, employment_status, dingtalk_userid)"
                + " VALUES (?, ?, ?, 'ACTIVE', ?)", tenant, account, "员工" + account, dingtalkUserId);
        if (dingtalkUserId != null) {
            simulator.addUser("acme".equals(tenant) ? ACME_CORP : CORP, dingtalkUserId, "员工" + account);
        }
    }

    /** An outbox row exactly as ProYi's trigger writes it; returns its id. */
    protected long outboxEvent(String tenant, String docType, String docId, String action, String recipients,
                               String fields) {
        jdbc.update("INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, summary,"
                        + " sender, recipients, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant, docType, docId, docId.toUpperCase(), action, "单据 " + docId, "摘要 " + docId, "boss",
                recipients, fields);
        return jdbc.queryForObject("SELECT MAX(id) FROM proyi_doc_event", Long.class);
    }

    protected String eventStatus(long id) {
        return jdbc.queryForObject("SELECT status FROM proyi_doc_event WHERE id = ?", String.class, id);
    }

    protected String lastError(long id) {
        return jdbc.queryForObject("SELECT last_error FROM proyi_doc_event WHERE id = ?", String.class, id);
    }

    protected String deliveryStatus(long eventId, String account) {
        return jdbc.queryForObject("SELECT status FROM dingtalk_notice_delivery WHERE event_id = ? AND account = ?",
                String.class, eventId, account);
    }
}
