package com.proyi.dingtalk.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.spi.PropertiesSource;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.beans.BeansException;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Lets the routes' placeholders ({@code {{proyi.outbox.poll-interval}}}) read the module's settings as
 * its {@code @ConfigurationProperties} classes bound and validated them, defaults included, so each
 * default is written once, in Java, and application.yaml need not repeat it for the routes' sake.
 * Camel finds this source in the registry; a key set in the environment reaches it through the
 * binding. Durations are handed to Camel in milliseconds.
 */
@Component
public class BoundPropertiesSource implements PropertiesSource {

    private final ApplicationContext context;
    private volatile Map<String, Object> beansByPrefix;

    public BoundPropertiesSource(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public String getName() {
        return "module settings";
    }

    @Override
    public String getProperty(String name) {
        Map<String, Object> beans = beansByPrefix();
        String prefix = beans.keySet().stream().filter(p -> name.startsWith(p + "."))
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElse(null);
        if (prefix == null) {
            return null;
        }
        try {
            Object value = new BeanWrapperImpl(beans.get(prefix))
                    .getPropertyValue(propertyPath(name.substring(prefix.length() + 1)));
            return format(value);
        } catch (BeansException e) {
            return null;
        }
    }

    private Map<String, Object> beansByPrefix() {
        if (beansByPrefix == null) {
            beansByPrefix = ConfigurationPropertiesBean.getAll(context).values().stream()
                    .filter(bean -> bean.getInstance().getClass().getName().startsWith("com.proyi.dingtalk."))
                    .collect(Collectors.toMap(bean -> bean.getAnnotation().prefix(), ConfigurationPropertiesBean::getInstance,
                            (first, second) -> first));
        }
        return beansByPrefix;
    }

    /** outbox.poll-interval becomes outbox.pollInterval. */
    static String propertyPath(String key) {
        return Arrays.stream(key.split("\\.")).map(BoundPropertiesSource::camelCase).collect(Collectors.joining("."));
    }

    private static String camelCase(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Duration duration) {
            return Long.toString(duration.toMillis());
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        return value.toString();
    }
}
