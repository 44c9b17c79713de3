package com.proyi.dingtalk.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DingTalkPropertiesTest {

    private static DingTalkProperties bind(Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        // replaces the real environment variables; the name tells the binder to map DINGTALK_APP_KEY to dingtalk.app-key
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environmentVariables));
        return Binder.get(environment).bindOrCreate("dingtalk", DingTalkProperties.class);
    }

    @Test
    void bindsTheDefaultTenantAndFurtherTenantsFromEnvironmentVariables() {
        DingTalkProperties properties = bind(Map.of(
                "DINGTALK_APP_KEY", "default-key",
                "DINGTALK_APP_SECRET", "default-secret",
                "DINGTALK_AGENT_ID", "1001",
                "DINGTALK_TENANTS_ACME_APP_KEY", "acme-key",
                "DINGTALK_TENANTS_ACME_APP_SECRET", "acme-secret",
                "DINGTALK_TENANTS_ACME_AGENT_ID", "2002",
                "DINGTALK_TENANTS_ACME_BASE_URL", "http://localhost:9999",
                "DINGTALK_RETRY_MAX_ATTEMPTS", "6"));

        assertThat(properties.app("default")).hasValueSatisfying(app -> {
            assertThat(app.getAgentId()).isEqualTo(1001L);
            assertThat(app.getBaseUrl()).isEqualTo("https://oapi.dingtalk.com");
            assertThat(app.getRateLimitPerSecond()).isEqualTo(20);
            assertThat(app.isConfigured()).isTrue();
        });
        assertThat(properties.app("acme")).hasValueSatisfying(app -> {
            assertThat(app.getAppKey()).isEqualTo("acme-key");
            assertThat(app.getAgentId()).isEqualTo(2002L);
            assertThat(app.getBaseUrl()).isEqualTo("http://localhost:9999");
        });
        assertThat(properties.app("globex")).isEmpty();
        assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(6);
    }

    @Test
    void hasTheDocumentedDefaults() {
        DingTalkProperties properties = new DingTalkProperties();

        assertThat(properties.app("default")).isEmpty();
        assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.getTokenRefreshMargin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.getRateLimitSafetyMargin()).isEqualTo(Duration.ofMillis(10));
        assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(4);
        assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.getRetry().getMultiplier()).isEqualTo(2.0);
    }

    @Test
    void anAppWithoutSecretIsNotConfigured() {
        DingTalkProperties properties = bind(Map.of("DINGTALK_APP_KEY", "k", "DINGTALK_AGENT_ID", "1"));

        assertThat(properties.app("default")).hasValueSatisfying(app -> assertThat(app.isConfigured()).isFalse());
    }

    @Test
    void toStringNeverShowsSecrets() {
        DingTalkProperties properties = bind(Map.of(
                "DINGTALK_APP_KEY", "default-key", "DINGTALK_APP_SECRET", "default-secret",
                "DINGTALK_TENANTS_ACME_APP_SECRET", "acme-secret"));

        assertThat(properties.toString()).contains("default-key").doesNotContain("default-secret", "acme-secret");
        assertThat(properties.app("default").orElseThrow().toString()).doesNotContain("default-secret");
    }

    @Test
    void aRateLimitBelowOneIsRejectedNamingTheKey() {
        DingTalkProperties properties = bind(Map.of("DINGTALK_TENANTS_ACME_RATE_LIMIT_PER_SECOND", "0"));
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

        assertThat(validator.validate(properties))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactly("tenants[acme].rateLimitPerSecond");
    }

    @Test
    void theActuatorMasksAppSecretsEvenWhenValuesAreShown() {
        AppSecretSanitizer sanitizer = new AppSecretSanitizer();

        assertThat(sanitizer.apply(new SanitizableData(null, "dingtalk.tenants.acme.appSecret", "acme-secret")).getValue())
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(sanitizer.apply(new SanitizableData(null, "DINGTALK_APP_SECRET", "default-secret")).getValue())
                .isEqualTo(SanitizableData.SANITIZED_VALUE);
        assertThat(sanitizer.apply(new SanitizableData(null, "dingtalk.appKey", "default-key")).getValue())
                .isEqualTo("default-key");
    }
}
