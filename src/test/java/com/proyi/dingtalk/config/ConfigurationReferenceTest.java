package com.proyi.dingtalk.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated from the metadata Spring Boot's configuration processor writes
 * for the module's {@code @ConfigurationProperties} classes, so every key, default and description is
 * written once, in Java. After changing a properties class, regenerate it with
 * {@code mvn test -Dtest=ConfigurationReferenceTest -Dconfiguration-reference.write=true}.
 */
class ConfigurationReferenceTest {

    static final Path REFERENCE = Path.of("docs/configuration.md");
    private static final String MODULE_TYPES = "com.proyi.dingtalk.";
    private static final String HEADER = """
            # Configuration reference

            Generated from the module's `@ConfigurationProperties` classes (their field comments and defaults) by
            `ConfigurationReferenceTest`; do not edit by hand. After changing a properties class, run
            `mvn test -Dtest=ConfigurationReferenceTest -Dconfiguration-reference.write=true`.

            Every key can also be set as an environment variable: upper-case it, replace `.` with `_` and drop
            `-` (`proyi.outbox.batch-size` is `PROYI_OUTBOX_BATCHSIZE`, `dingtalk.tenants.acme.app-key` is
            `DINGTALK_TENANTS_ACME_APPKEY`). A wrong value stops the module at start-up with a message that names
            the key. Secrets are never logged and never shown by actuator.
            """;

    private record Property(String name, String type, String description, String defaultValue, String group) {}

    @Test
    void theReferenceIsGeneratedFromThePropertiesClasses() throws IOException {
        String generated = render(moduleProperties());
        if (Boolean.getBoolean("configuration-reference.write")) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(REFERENCE, StandardCharsets.UTF_8))
                .as("docs/configuration.md is out of date: run mvn test -Dtest=ConfigurationReferenceTest"
                        + " -Dconfiguration-reference.write=true")
                .isEqualTo(generated);
    }

    @Test
    void everyKeyExplainsItself() throws IOException {
        assertThat(moduleProperties()).filteredOn(p -> p.description() == null || p.description().isBlank())
                .extracting(Property::name)
                .as("properties without a comment on their field").isEmpty();
    }

    private static List<Property> moduleProperties() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Property> properties = new TreeMap<>();
        Map<String, String> groups = new TreeMap<>();
        for (URL metadata : Collections.list(ConfigurationReferenceTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            JsonNode root;
            try (InputStream in = metadata.openStream()) {
                root = json.readTree(in);
            }
            root.path("groups").forEach(group -> {
                if (group.path("sourceType").asText().startsWith(MODULE_TYPES) && !group.has("sourceMethod")) {
                    groups.put(group.path("name").asText(), group.path("type").asText());
                }
            });
            root.path("properties").forEach(property -> {
                if (property.path("sourceType").asText().startsWith(MODULE_TYPES)) {
                    String name = property.path("name").asText();
                    properties.put(name, new Property(name, property.path("type").asText(),
                            text(property, "description"), text(property, "defaultValue"), null));
                }
            });
        }
        List<Property> grouped = new ArrayList<>();
        properties.values().forEach(p -> grouped.add(new Property(p.name(), p.type(), p.description(),
                p.defaultValue(), groupOf(p.name(), groups))));
        grouped.sort(Comparator.comparing(Property::group).thenComparing(Property::name));
        return grouped;
    }

    /** The longest prefix that is a properties class of its own, e.g. dingtalk.callback for dingtalk.callback.token. */
    private static String groupOf(String name, Map<String, String> groups) {
        return groups.keySet().stream().filter(group -> name.startsWith(group + "."))
                .max(Comparator.comparingInt(String::length)).orElse(name);
    }

    private static String render(List<Property> properties) {
        StringBuilder doc = new StringBuilder(HEADER);
        String group = null;
        for (Property property : properties) {
            if (!property.group().equals(group)) {
                group = property.group();
                doc.append("\n## `").append(group).append(".*`\n\n")
                        .append("| key | environment variable | default | meaning |\n|---|---|---|---|\n");
            }
            doc.append("| `").append(key(property)).append("` | `").append(environmentVariable(key(property)))
                    .append("` | ").append(property.defaultValue() == null ? "—" : "`" + property.defaultValue() + "`")
                    .append(" | ").append(cell(property.description())).append(" |\n");
        }
        return doc.toString();
    }

    /** Map-valued keys take a name of the operator's choosing: dingtalk.tenants.&lt;name&gt;. */
    private static String key(Property property) {
        return property.type().startsWith("java.util.Map<") ? property.name() + ".<name>" : property.name();
    }

    static String environmentVariable(String key) {
        return key.replace("-", "").replace('.', '_').replace("<name>", "<NAME>").toUpperCase(Locale.ROOT)
                .replace("<NAME>", "<name>");
    }

    private static String cell(String description) {
        return description == null ? "" : description.replace("\n", " ").replace("|", "\\|")
                .replaceAll("\\{@(?:code|link|value) ((?:[^{}]|\\{[^{}]*})*)}", "`$1`");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
