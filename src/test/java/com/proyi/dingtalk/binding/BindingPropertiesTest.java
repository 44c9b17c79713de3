package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Settings that end up inside SQL text accept only what cannot change the SQL. */
class BindingPropertiesTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void theResignedStatusMayBeAWordInAnyScriptButNotSql() {
        assertThat(violations(status("RESIGNED"))).isEmpty();
        assertThat(violations(status("离职"))).isEmpty();
        assertThat(violations(status("LEFT-2024"))).isEmpty();
        assertThat(violations(status("RESIGNED' OR '1'='1"))).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).contains("proyi.binding.resigned-status"));
    }

    @Test
    void theHrStatusColumnMustBeAPlainIdentifier() {
        BindingProperties properties = new BindingProperties();
        properties.setHrStatusColumn("status; DROP TABLE x");
        assertThat(violations(properties)).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).contains("proyi.binding.hr-status-column"));
    }

    private static BindingProperties status(String value) {
        BindingProperties properties = new BindingProperties();
        properties.setResignedStatus(value);
        return properties;
    }

    private Set<ConstraintViolation<BindingProperties>> violations(BindingProperties properties) {
        return validator.validate(properties);
    }
}
