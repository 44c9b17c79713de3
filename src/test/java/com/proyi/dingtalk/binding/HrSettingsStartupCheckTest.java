package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.proyi.dingtalk.ProYiDingTalkApplication;
import com.proyi.dingtalk.support.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Wrong HR settings stop the module at start-up with a message naming the key, or the notice
 * lookup route and the database's error, not at the first notice.
 */
class HrSettingsStartupCheckTest {

    @Test
    void aColumnNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> start(Map.of("proyi.hr.dingtalk-column", "ding_id; DROP TABLE x")))
                .hasStackTraceContaining("proyi.hr.dingtalk-column must be a plain SQL identifier");
    }

    @Test
    void aTableThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> start(Map.of("proyi.hr.table", "no_such_hr_table")))
                .hasStackTraceContaining("The notice lookup, route lookup-recipient-bindings")
                .hasStackTraceContaining("no_such_hr_table' doesn't exist");
    }

    @Test
    void aColumnThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> start(Map.of("proyi.hr.dingtalk-column", "dingding_id")))
                .hasStackTraceContaining("The notice lookup, route lookup-recipient-bindings")
                .hasStackTraceContaining("Unknown column 'dingding_id'");
    }

    @Test
    void aMissingProYiBaseUrlIsRefused() {
        assertThatThrownBy(() -> start(Map.of("proyi.base-url", "")))
                .hasStackTraceContaining("proyi.base-url must be set");
    }

    @Test
    void theLoginApiCheckNeedsItsUrl() {
        assertThatThrownBy(() -> start(Map.of("proyi.binding.password-check", "http")))
                .hasStackTraceContaining("proyi.binding.login-api.url must be set when proyi.binding.password-check is http");
    }

    private static void start(Map<String, Object> properties) {
        TestDatabase.recreateOnce();
        Map<String, Object> all = new HashMap<>(Map.of("server.port", "0", "dingtalk.base-url", "http://127.0.0.1:9",
                "proyi.outbox.enabled", "false"));
        all.putAll(properties);
        // command-line arguments, so they win over application-test.yaml
        new SpringApplicationBuilder(ProYiDingTalkApplication.class).profiles("test")
                .run(all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))
                .close();
    }
}
