package com.proyi.dingtalk.dingtalk;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.stereotype.Component;

/**
 * Keeps app secrets ({@code dingtalk.app-secret}, {@code DINGTALK_TENANTS_X_APP_SECRET}) masked in the
 * actuator's configprops and env endpoints even when someone turns on {@code show-values}: Spring Boot 3
 * no longer masks keys by name on its own.
 */
@Component
class AppSecretSanitizer implements SanitizingFunction {

    @Override
    public SanitizableData apply(SanitizableData data) {
        return data.getLowerCaseKey().contains("secret") ? data.withSanitizedValue() : data;
    }
}
