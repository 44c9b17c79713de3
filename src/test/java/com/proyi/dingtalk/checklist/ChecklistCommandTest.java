package com.proyi.dingtalk.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.proyi.dingtalk.ProYiDingTalkApplication;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import com.proyi.dingtalk.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar proyi-dingtalk.jar checklist}, run in this JVM against the test database and the
 * simulator: a readable table, an exit status a script can test, and never a secret.
 */
class ChecklistCommandTest extends ModuleIntegrationTest {

    private static final String APP_SECRET = "test-app-secret";
    private static final String ACME_SECRET = "acme-app-secret";
    private static final String WEBHOOK_SECRET = "test-webhook-secret-0123456789abcdef";

    @Test
    void goodSettingsPassWithStatusZero() {
        Run run = checklist();

        assertThat(run.status()).as(run.output()).isEqualTo(ChecklistCommand.PASSED);
        assertThat(run.output())
                .contains("钉钉应用（租户 default）", "钉钉应用（租户 acme）", "过程易")
                .contains("[正常]", "AppKey / AppSecret", "已取得 access_token")
                .contains("必需项（标 * ）全部通过");
        assertNoSecrets(run.output());
    }

    @Test
    void aWrongSecretFailsWithStatusOneAndSaysWhereToFixIt() {
        Run run = checklist("--dingtalk.app-secret=wrong-secret-XYZ");

        assertThat(run.status()).as(run.output()).isEqualTo(ChecklistCommand.FAILED);
        assertThat(run.output()).contains("[错误]", "40096", "凭证与基础信息", "个必需项（标 * ）缺失、错误或无法检查");
        assertThat(run.output()).doesNotContain("wrong-secret-XYZ");
        assertNoSecrets(run.output());
    }

    @Test
    void aWeakWebhookSecretIsReportedByLengthOnly() {
        Run run = checklist("--proyi.webhook.secret=short-secret");

        assertThat(run.output()).contains("Webhook 密钥", "太弱（12 个字符").doesNotContain("short-secret");
    }

    @Test
    void settingsThatDoNotBindEndWithStatusTwo() {
        Run run = checklist("--proyi.checklist.module-url=not a url");

        assertThat(run.status()).isEqualTo(ChecklistCommand.NOT_RUN);
        assertThat(run.output()).startsWith("检查表无法运行");
    }

    @Test
    void beforeTheModulesFirstStartItSaysSoInsteadOfFailing() throws Exception {
        String empty = TestDatabase.NAME + "_empty";
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:3306/?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + empty);
            statement.execute("CREATE DATABASE " + empty);
        }

        Run run = checklist("--spring.datasource.url=jdbc:mysql://127.0.0.1:3306/" + empty
                + "?useSSL=false&allowPublicKeyRetrieval=true");

        assertThat(run.status()).as(run.output()).isNotEqualTo(ChecklistCommand.NOT_RUN);
        assertThat(run.output()).contains("模块尚未启动").doesNotContain("bad SQL grammar");
        assertNoSecrets(run.output());
    }

    private static void assertNoSecrets(String output) {
        assertThat(output).doesNotContain(APP_SECRET, ACME_SECRET, WEBHOOK_SECRET);
    }

    private Run checklist(String... extra) {
        String[] args = new String[5 + extra.length];
        args[0] = ChecklistCommand.NAME;
        args[1] = "--spring.profiles.active=test";
        args[2] = "--proyi.test.database=" + TestDatabase.NAME;
        args[3] = "--dingtalk.base-url=" + simulator.baseUrl();
        args[4] = "--dingtalk.tenants.acme.base-url=" + simulator.baseUrl();
        System.arraycopy(extra, 0, args, 5, extra.length);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = ChecklistCommand.run(ProYiDingTalkApplication.class, args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String output) {}
}
