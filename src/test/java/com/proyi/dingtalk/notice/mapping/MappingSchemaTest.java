package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped mapping.schema.json is a JSON Schema 2020-12 that an integration engineer can read without the
 * Java code: every key, and every definition a key refers to, has a title and a description.
 */
class MappingSchemaTest {

    private final JsonNode schema = read();

    @Test
    void declaresJsonSchema202012AndSaysWhatItIs() {
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
    }

    @Test
    void everyKeyHasATitleAndADescription() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(schema, "", undescribed);

        assertThat(undescribed).isEmpty();
    }

    private void collectUndescribed(JsonNode node, String path, List<String> undescribed) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.equals("properties") || key.equals("$defs")) {
                value.properties().forEach(child -> {
                    if (!isDescribed(child.getValue())) {
                        undescribed.add(path + key + "." + child.getKey());
                    }
                });
            } else if (key.equals("additionalProperties") && value.isObject() && !isDescribed(value)) {
                undescribed.add(path + key);
            }
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    collectUndescribed(value.get(i), path + key + "[" + i + "].", undescribed);
                }
            } else if (value.isObject() && !key.equals("if")) {
                // an if only tests a value; the keys it names are described where they are declared
                collectUndescribed(value, path + key + ".", undescribed);
            }
        }
    }

    /** Described itself, or by the definition it refers to (which editors show in its place). */
    private boolean isDescribed(JsonNode property) {
        if (property.hasNonNull("title") && property.hasNonNull("description")) {
            return true;
        }
        return property.has("$ref") && isDescribed(schema.at(property.get("$ref").asText().substring(1)));
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(TestEvents.SHIPPED.resolve(MappingFiles.SCHEMA).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
