package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.DialectId;
import com.networknt.schema.dialect.Dialects;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * mapping.schema.json compiled by the networknt JSON Schema validator (2020-12, with the formats
 * {@code template} and {@code link} asserted), reporting each problem of a mapping as {@code path: problem},
 * e.g. {@code actions.todo.buttons[2].title: must be at most 20 characters long (it is 22)}.
 */
final class MappingSchema {

    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012())
            .formats(List.of(PlaceholderFormat.values()))
            .build();

    /** Messages in English whatever the server's locale, like the rest of the module's messages. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(DIALECT, registry -> registry
            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).locale(Locale.ENGLISH).build()));

    private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DialectId.DRAFT_2020_12));

    /** The meta-schema spreads over several documents; its errors are described without listing allowed keys. */
    private static final SchemaProblems META_SCHEMA_PROBLEMS = new SchemaProblems(MissingNode.getInstance());

    private final Schema schema;
    private final SchemaProblems problems;

    private MappingSchema(Schema schema, JsonNode tree) {
        this.schema = schema;
        this.problems = new SchemaProblems(tree);
    }

    /**
     * Compiles the schema read from file, after checking it against the JSON Schema 2020-12 meta-schema so
     * that a team that edits it learns of a mistake when it is loaded, not from puzzling mapping errors.
     *
     * @throws SchemaException naming what is wrong with the schema
     */
    static MappingSchema compile(Path file, JsonNode tree) {
        List<String> invalid = META_SCHEMA_PROBLEMS.describe(META_SCHEMA.validate(tree));
        if (!invalid.isEmpty()) {
            throw new SchemaException("not a valid JSON Schema 2020-12: " + String.join("; ", invalid));
        }
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(file.toUri().toString()), tree);
        // the registry swallows what goes wrong here, such as a $ref to nowhere; it belongs in the report
        schema.initializeValidators();
        return new MappingSchema(schema, tree);
    }

    List<String> validate(JsonNode document) {
        return problems.describe(schema.validate(document));
    }
}
