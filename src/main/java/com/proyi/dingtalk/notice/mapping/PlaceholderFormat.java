package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.MessageSourceError;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.format.Format;
import com.networknt.schema.keyword.FormatValidator;
import com.networknt.schema.path.NodePath;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The two formats mapping.schema.json declares beyond the standard ones: {@code template}, a text with
 * placeholders (see {@link Template}), and {@code link}, such a text that is a path relative to ProYi.
 * Each problem becomes its own error with a message that says what to fix.
 */
enum PlaceholderFormat implements Format {

    TEMPLATE("template"),
    LINK("link");

    private final String name;

    PlaceholderFormat(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    /** validate rather than matches, so that the error says which placeholder is wrong and why. */
    @Override
    public void validate(ExecutionContext executionContext, SchemaContext schemaContext, JsonNode node,
                         JsonNode rootNode, NodePath instanceLocation, boolean assertionsEnabled,
                         Supplier<MessageSourceError.Builder> message, FormatValidator formatValidator) {
        if (!assertionsEnabled || !node.isTextual()) {
            return;
        }
        for (String problem : problems(node.textValue())) {
            executionContext.addError(message.get().arguments(name, node.textValue()).messageSupplier(() -> problem).build());
        }
    }

    private List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        try {
            Template.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (this == LINK && !text.startsWith("/")) {
            problems.add("must be a path relative to ProYi starting with '/', e.g. /WXDefault.aspx?...");
        }
        return problems;
    }
}
