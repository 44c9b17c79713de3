package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks a mapping against mapping.schema.json. It implements only the JSON Schema 2020-12 keywords that
 * schema uses (no new dependency), plus two formats of its own: {@code template} (placeholder syntax) and
 * {@code link} (a template that is a path relative to ProYi). Problems read {@code path: problem}, e.g.
 * {@code actions.todo.buttons[2].title: is 23 characters long, at most 20 allowed}.
 */
final class SchemaValidator {

    private final JsonNode root;

    SchemaValidator(JsonNode root) {
        this.root = root;
    }

    List<String> validate(JsonNode document) {
        List<String> problems = new ArrayList<>();
        check(root, document, "", problems);
        return problems;
    }

    private void check(JsonNode schema, JsonNode node, String path, List<String> problems) {
        if (schema.has("$ref")) {
            check(root.at(schema.get("$ref").asText().substring(1)), node, path, problems);
        }
        if (schema.has("type") && !hasType(node, schema.get("type").asText())) {
            problems.add(at(path) + "expected " + schema.get("type").asText() + ", found " + describe(node));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(node)) {
            problems.add(at(path) + "must be " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), node)) {
            problems.add(at(path) + "'" + node.asText() + "' is not one of " + joined(schema.get("enum")));
        }
        if (node.isObject()) {
            checkObject(schema, node, path, problems);
        } else if (node.isArray()) {
            checkArray(schema, node, path, problems);
        } else if (node.isTextual()) {
            checkString(schema, node.asText(), path, problems);
        }
        for (JsonNode part : schema.path("allOf")) {
            check(part, node, path, problems);
        }
        if (schema.has("if") && schema.has("then") && matches(schema.get("if"), node)) {
            check(schema.get("then"), node, path, problems);
        }
    }

    private void checkObject(JsonNode schema, JsonNode node, String path, List<String> problems) {
        for (JsonNode key : schema.path("required")) {
            if (!node.has(key.asText())) {
                problems.add(child(path, key.asText()) + ": missing required key");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (schema.has("propertyNames")) {
                check(schema.get("propertyNames"), TextNode.valueOf(key), child(path, key), problems);
            }
            if (properties.has(key)) {
                check(properties.get(key), entry.getValue(), child(path, key), problems);
            } else if (additional.isObject()) {
                check(additional, entry.getValue(), child(path, key), problems);
            } else if (additional.isBoolean() && !additional.asBoolean()) {
                problems.add(child(path, key) + ": unknown key (allowed here: " + names(properties) + ")");
            }
        }
    }

    private void checkArray(JsonNode schema, JsonNode node, String path, List<String> problems) {
        if (schema.has("minItems") && node.size() < schema.get("minItems").asInt()) {
            problems.add(at(path) + "has " + node.size() + " entries, at least " + schema.get("minItems") + " needed");
        }
        if (schema.has("maxItems") && node.size() > schema.get("maxItems").asInt()) {
            problems.add(at(path) + "has " + node.size() + " entries, at most " + schema.get("maxItems") + " allowed");
        }
        if (schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                check(schema.get("items"), node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private void checkString(JsonNode schema, String text, String path, List<String> problems) {
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            problems.add(at(path) + "must not be empty");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            problems.add(at(path) + "is " + length + " characters long, at most " + schema.get("maxLength") + " allowed");
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(at(path) + "'" + text + "' does not match " + schema.get("pattern").asText());
        }
        String format = schema.path("format").asText();
        if (format.equals("template") || format.equals("link")) {
            try {
                Template.parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(at(path) + e.getMessage());
            }
        }
        if (format.equals("link") && !text.startsWith("/")) {
            problems.add(at(path) + "must be a path relative to ProYi starting with '/', e.g. /WXDefault.aspx?...");
        }
    }

    private boolean matches(JsonNode schema, JsonNode node) {
        List<String> ignored = new ArrayList<>();
        check(schema, node, "", ignored);
        return ignored.isEmpty();
    }

    private static boolean hasType(JsonNode node, String type) {
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            default -> throw new IllegalStateException("mapping.schema.json uses unsupported type " + type);
        };
    }

    private static String describe(JsonNode node) {
        if (node.isNumber() || node.isBoolean()) {
            return node.getNodeType().name().toLowerCase() + " " + node + " (put it in quotes to make it text)";
        }
        return node.isNull() ? "nothing" : node.getNodeType().name().toLowerCase();
    }

    private static boolean contains(JsonNode values, JsonNode node) {
        return StreamSupport.stream(values.spliterator(), false).anyMatch(node::equals);
    }

    private static String joined(JsonNode values) {
        return StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(", "));
    }

    private static String names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String at(String path) {
        return (path.isEmpty() ? "(top level)" : path) + ": ";
    }
}
