package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.proyi.dingtalk.ProYiDingTalkApplication;
import com.proyi.dingtalk.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Wrong HR settings stop the module at start-up with a message naming the key, not at the first notice. */
class HrSettingsStartupCheckTest {

    @Test
    void aColumnNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> start(Map.of("proyi.hr.dingtalk-column", "ding_id; DROP TABLE x")))
                .hasStackTraceContaining("proyi.hr.dingtalk-column must be a plain SQL identifier");
    }

    @Test
    void aTableThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> start(Map.of("proyi.hr.table", "no_such_hr_table")))
                .hasStackTraceContaining("ProYi HR table 'no_such_hr_table' (proyi.hr.table) does not exist");
    }

    @Test
    void aColumnThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> start(Map.of("proyi.hr.dingtalk-column", "dingding_id")))
                .hasStackTraceContaining("has no column [dingding_id (proyi.hr.dingtalk-column)]");
    }

    @Test
    void aMissingProYiBaseUrlIsRefused() {
        assertThatThrownBy(() -> start(Map.of("proyi.base-url", "")))
                .hasStackTraceContaining("proyi.base-url must be set");
    }

    private static void start(Map<String, Object> properties) {
        TestDatabase.recreateOnce();
        Map<String, Object> all = new java.util.HashMap<>(Map.of("server.port", "0", "dingtalk.base-url", "http://127.0.0.1:9"));
        all.putAll(properties);
        // command-line arguments, so they win over application-test.yaml
        new SpringApplicationBuilder(ProYiDingTalkApplication.class).profiles("test")
                .run(all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))
                .close();
    }
}
