package com.proyi.dingtalk.notice.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken mapping file is reported with the file, the path inside it and the problem. */
class MappingValidationTest {

    private static final String BROKEN = """
            title: 测试
            links:
              mobile: "WXDefault.aspx?id=${doc_id}"
              web: "/x"
            actions:
              aproved:
                description: typo in the action name
                msgtype: oa
                title: x
              cc:
                description: too many rows, an unknown key, a wrong colour
                msgtype: oa
                title: "${titel}"
                head_color: "0xFF000000"
                colour: red
                form:
                  - {key: a, value: "1"}
                  - {key: b, value: "2"}
                  - {key: c, value: "3"}
                  - {key: d, value: "4"}
                  - {key: e, value: "5"}
                  - {key: f, value: "6"}
                  - {key: g, value: 7}
              todo:
                description: buttons with problems
                msgtype: action_card
                title: "待办 ${doc_no"
                buttons:
                  - title: 处理
                  - title: 审批
                    target: "/x?op=${fields.}"
                  - title: 这是一个非常非常非常非常非常非常长的按钮标题
              done:
                description: not a DingTalk type for notices here
                msgtype: markdown
            """;

    @TempDir
    Path dir;

    @Test
    void everyProblemNamesFilePathAndCause() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", BROKEN), TestEvents.CHINA);
        String file = dir.resolve("default.yaml") + ": ";

        List<String> problems = mappings.validateAll();

        assertThat(problems).containsExactlyInAnyOrder(
                file + "description: missing required key",
                file + "links.mobile: must be a path relative to ProYi starting with '/', e.g. /WXDefault.aspx?...",
                file + "links.web: unknown key (allowed here: mobile, pc, direct)",
                file + "actions.aproved: unknown key (allowed here: todo, cc, approved, rejected, returned, done, withdrawn, *)",
                file + "actions.cc.title: unknown placeholder '${titel}': use one of tenant_id, doc_type, doc_id,"
                        + " doc_no, action, title, summary, sender, created_at, recipients, event_time or fields.<name>,"
                        + " optionally with ':default'",
                file + "actions.cc.head_color: '0xFF000000' does not match the regex pattern ^[0-9A-Fa-f]{8}$",
                file + "actions.cc.colour: unknown key (allowed here: description, msgtype, links, title,"
                        + " head_color, status, form, rich, content, author, when_closed, todo_task)",
                file + "actions.cc.form: must have at most 6 items but found 7",
                file + "actions.cc.form[6].value: integer found, string expected (put 7 in quotes to make it text)",
                file + "actions.todo.markdown: missing required key",
                file + "actions.todo.title: unbalanced '${' at position 3: no closing '}'",
                file + "actions.todo.buttons[1].target: unknown placeholder '${fields.}': use one of tenant_id,"
                        + " doc_type, doc_id, doc_no, action, title, summary, sender, created_at, recipients, event_time"
                        + " or fields.<name>, optionally with ':default'",
                file + "actions.todo.buttons[2].title: must be at most 20 characters long (it is 22)",
                file + "actions.done.msgtype: 'markdown' is not one of oa, action_card");
    }

    @Test
    void brokenYamlIsReportedWithItsLine() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml",
                "title: x\nactions:\n  todo: [unclosed\n"), TestEvents.CHINA);

        assertThat(mappings.validateAll()).singleElement().asString()
                .startsWith(dir.resolve("default.yaml") + ": not valid YAML: ")
                .contains("line 3");
    }

    @Test
    void duplicateKeysAreReported() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml",
                "title: x\ntitle: y\n"), TestEvents.CHINA);

        assertThat(mappings.validateAll()).singleElement().asString().contains("Duplicate field 'title'");
    }

    @Test
    void problemsReadTheSameWhateverTheServerLocale() throws IOException {
        Locale server = Locale.getDefault();
        Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        try {
            NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", "title: 7\n"),
                    TestEvents.CHINA);

            assertThat(mappings.validateAll())
                    .contains(dir.resolve("default.yaml") + ": title: integer found, string expected (put 7 in quotes to make it text)");
        } finally {
            Locale.setDefault(server);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"maxItems\": 6 | \"maxItems\": \"six\" | not a valid JSON Schema 2020-12: $defs.oa.properties.form.maxItems: string found, integer expected",
            "#/$defs/formRow | #/$defs/nowhere | Reference /$defs/nowhere cannot be resolved"})
    void invalidSchemaIsReportedAndMakesEveryFileUncheckable(String text, String mistake, String problem) throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", "title: x\n"),
                TestEvents.CHINA);
        Path schema = dir.resolve(MappingFiles.SCHEMA);
        Files.writeString(schema, Files.readString(schema).replace(text, mistake));

        assertThat(mappings.validateAll()).singleElement().asString()
                .startsWith(dir.resolve("default.yaml") + ": cannot be checked: " + schema + ": " + problem);
        assertThatThrownBy(() -> mappings.render(TestEvents.event("x", "todo"), TestEvents.BASE_URL))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("cannot be checked: " + schema + ": " + problem);
    }

    @Test
    void missingSchemaMakesEveryFileUncheckable() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir, "default.yaml", "title: x\n"),
                TestEvents.CHINA);
        Files.delete(dir.resolve(MappingFiles.SCHEMA));

        assertThatThrownBy(() -> mappings.render(TestEvents.event("x", "todo"), TestEvents.BASE_URL))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("cannot be checked: mapping.schema.json is missing");
    }
}
