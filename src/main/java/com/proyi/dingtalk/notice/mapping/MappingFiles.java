package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.SchemaException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Reads the files of the mappings folder and checks them against mapping.schema.json from the same folder.
 * A file is parsed again only when its modification time or size changed, so an integration team can edit
 * mappings while the application runs.
 */
final class MappingFiles {

    static final String SCHEMA = "mapping.schema.json";

    /** A parsed mapping file; tree is usable only when problems is empty. */
    record MappingFile(Path path, JsonNode tree, List<String> problems) {
    }

    /** schema is null when the file cannot be used; problem says why. */
    private record Schema(MappingSchema schema, String problem) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Schema missingSchema;
    private final Cache<Schema> schemas = new Cache<>(this::readSchema);
    private final Cache<MappingFile> mappings = new Cache<>(this::readMapping);
    private volatile Schema schemaInUse;

    MappingFiles(Path directory) {
        this.directory = directory;
        this.missingSchema = new Schema(null, SCHEMA + " is missing from " + directory);
    }

    Path directory() {
        return directory;
    }

    /** Returns null when the folder has no such file. */
    MappingFile get(String fileName) {
        Schema schema = schema();
        if (schema != schemaInUse) {
            // files checked against an older schema must be checked again
            mappings.clear();
            schemaInUse = schema;
        }
        return mappings.get(directory.resolve(fileName));
    }

    private Schema schema() {
        Schema schema = schemas.get(directory.resolve(SCHEMA));
        return schema != null ? schema : missingSchema;
    }

    private Schema readSchema(Path path) {
        try {
            return new Schema(MappingSchema.compile(path, JSON.readTree(path.toFile())), null);
        } catch (IOException e) {
            return new Schema(null, path + " cannot be read: " + e.getMessage());
        } catch (SchemaException e) {
            return new Schema(null, path + ": " + e.getMessage());
        }
    }

    private MappingFile readMapping(Path path) {
        JsonNode tree;
        try {
            tree = YAML.readTree(path.toFile());
        } catch (JsonProcessingException e) {
            // SnakeYAML's messages span several lines; one line keeps the log readable
            String message = e.getOriginalMessage().replaceAll("\\s*\\n\\s*", " ");
            return broken(path, "not valid YAML: " + message + where(e.getLocation()));
        } catch (IOException e) {
            return broken(path, "cannot be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            return broken(path, "is empty");
        }
        Schema schema = schemaInUse;
        if (schema.schema() == null) {
            return broken(path, "cannot be checked: " + schema.problem());
        }
        List<String> problems = schema.schema().validate(tree).stream()
                .map(problem -> path + ": " + problem)
                .toList();
        return new MappingFile(path, tree, problems);
    }

    private static MappingFile broken(Path path, String problem) {
        return new MappingFile(path, null, List.of(path + ": " + problem));
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Keeps what was read from a file until the file's modification time or size changes. */
    private static final class Cache<T> {

        private record Entry<T>(Object stamp, T value) {
        }

        private final ConcurrentMap<Path, Entry<T>> entries = new ConcurrentHashMap<>();
        private final Function<Path, T> reader;

        Cache(Function<Path, T> reader) {
            this.reader = reader;
        }

        T get(Path file) {
            Object stamp = stamp(file);
            if (stamp == null) {
                entries.remove(file);
                return null;
            }
            return entries.compute(file, (path, old) ->
                    old != null && old.stamp().equals(stamp) ? old : new Entry<>(stamp, reader.apply(path))).value();
        }

        void clear() {
            entries.clear();
        }

        private static Object stamp(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return List.of(attributes.lastModifiedTime(), attributes.size());
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new MappingException(file + " cannot be read: " + e.getMessage(), e);
            }
        }
    }
}
