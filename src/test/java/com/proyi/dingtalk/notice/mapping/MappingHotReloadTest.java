package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import static com.proyi.dingtalk.notice.mapping.TestEvents.child;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An integration team edits mapping files while the application runs; the next event uses the new version. */
class MappingHotReloadTest {

    private static final String MAPPING = """
            title: 测试
            description: hot reload
            links: {mobile: "/m?id=${doc_id}"}
            actions:
              cc:
                description: test
                msgtype: oa
                title: "VERSION"
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void changedFileIsReadAgain() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", MAPPING.replace("VERSION", "v1")),
                TestEvents.CHINA);
        assertThat(title(mappings)).isEqualTo("v1");

        rewrite("default.yaml", MAPPING.replace("VERSION", "v2"));

        assertThat(title(mappings)).isEqualTo("v2");
    }

    @Test
    void fixedFileWorksAgainAndNewFilesAreFound() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml",
                MAPPING.replace("msgtype: oa", "msgtype: oops")), TestEvents.CHINA);
        assertThatThrownBy(() -> title(mappings)).isInstanceOf(MappingException.class);

        rewrite("default.yaml", MAPPING.replace("VERSION", "fixed"));
        assertThat(title(mappings)).isEqualTo("fixed");

        rewrite("x.yaml", MAPPING.replace("VERSION", "own file"));
        assertThat(title(mappings)).isEqualTo("own file");
    }

    @Test
    void deletedFileIsNoLongerUsed() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", MAPPING,
                "x.yaml", MAPPING.replace("VERSION", "own file")), TestEvents.CHINA);
        assertThat(title(mappings)).isEqualTo("own file");

        Files.delete(dir.resolve("x.yaml"));

        assertThat(title(mappings)).isEqualTo("VERSION");
    }

    @Test
    void editedSchemaAppliesToFilesCheckedBefore() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml",
                MAPPING.replace("VERSION", "a title of 24 characters")), TestEvents.CHINA);
        assertThat(title(mappings)).isEqualTo("a title of 24 characters");

        ObjectNode schema = (ObjectNode) JSON.readTree(dir.resolve(MappingFiles.SCHEMA).toFile());
        ((ObjectNode) schema.at("/$defs/oa/properties/title")).put("maxLength", 10);
        rewrite(MappingFiles.SCHEMA, JSON.writeValueAsString(schema));

        assertThatThrownBy(() -> title(mappings)).isInstanceOf(MappingException.class)
                .hasMessageContaining("actions.cc.title: must be at most 10 characters long (it is 24)");
    }

    /** Moves the modification time on, as file systems with coarse timestamps might not. */
    private void rewrite(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
    }

    private static Object title(NoticeMappings mappings) {
        Map<String, Object> msg = mappings.render(TestEvents.event("x", "cc"), TestEvents.BASE_URL);
        return child(child(msg, "oa"), "body").get("title");
    }
}
