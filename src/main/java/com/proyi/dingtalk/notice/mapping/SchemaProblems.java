package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns the validator's errors into lines an integration engineer can act on: {@code path: problem}, the
 * path in the form {@code actions.todo.buttons[2].title}. The library's wording is kept where it is clear;
 * where it is not, the line names the offending key, says which keys are allowed, how long a text is, or how
 * to make a YAML number a text.
 */
final class SchemaProblems {

    private final JsonNode schemaTree;

    /** @param schemaTree the schema the errors come from, to list the keys it allows */
    SchemaProblems(JsonNode schemaTree) {
        this.schemaTree = schemaTree;
    }

    List<String> describe(Collection<Error> errors) {
        return errors.stream().map(this::line).distinct().toList();
    }

    private String line(Error error) {
        JsonNode value = error.getInstanceNode();
        NodePath at = error.getInstanceLocation();
        return switch (error.getKeyword()) {
            // the library places these on the object; the engineer looks for the key
            case "required" -> where(at.append(error.getProperty())) + "missing required key";
            case "additionalProperties" -> where(at.append(error.getProperty())) + "unknown key" + allowed(declaredKeys(error));
            case "propertyNames" -> where(at.append(error.getProperty())) + "unknown key"
                    + allowed(texts(error.getSchemaNode().path("enum")));
            // the library's messages for these do not show the value the engineer wrote
            case "enum" -> where(at) + quoted(value) + " is not one of " + String.join(", ", texts(error.getSchemaNode()));
            case "pattern" -> where(at) + quoted(value) + " " + error.getMessage();
            case "type" -> where(at) + error.getMessage() + quotingHint(value);
            case "maxLength" -> where(at) + error.getMessage() + " (it is " + length(value) + ")";
            case "minLength" -> where(at) + (length(value) == 0 ? "must not be empty"
                    : error.getMessage() + " (it is " + length(value) + ")");
            default -> where(at) + error.getMessage();
        };
    }

    /** The keys declared beside the failing additionalProperties, in the schema's own order. */
    private List<String> declaredKeys(Error error) {
        NodePath additionalProperties = error.getSchemaLocation().getFragment();
        List<String> keys = new ArrayList<>();
        schemaTree.at(pointer(additionalProperties.getParent())).path("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String allowed(List<String> keys) {
        return keys.isEmpty() ? "" : " (allowed here: " + String.join(", ", keys) + ")";
    }

    private static String quoted(JsonNode value) {
        return value.isTextual() ? "'" + value.textValue() + "'" : value.toString();
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static String quotingHint(JsonNode value) {
        return value != null && (value.isNumber() || value.isBoolean())
                ? " (put " + value + " in quotes to make it text)" : "";
    }

    private static int length(JsonNode text) {
        return text.textValue().codePointCount(0, text.textValue().length());
    }

    private static String where(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        return (path.isEmpty() ? "(top level)" : path) + ": ";
    }

    private static JsonPointer pointer(NodePath location) {
        JsonPointer pointer = JsonPointer.empty();
        for (int i = 0; location != null && i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            pointer = element instanceof Integer index ? pointer.appendIndex(index) : pointer.appendProperty((String) element);
        }
        return pointer;
    }
}
