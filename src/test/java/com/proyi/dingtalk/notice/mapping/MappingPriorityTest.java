package com.proyi.dingtalk.notice.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping's priority: the doc type's own file, else default.yaml's, else normal; checked by the schema. */
class MappingPriorityTest {

    private static final String MAPPING = """
            title: 测试
            description: a test mapping
            %s
            links: {mobile: "/m?id=${doc_id}"}
            actions:
              "*":
                description: test
                msgtype: oa
                title: "${title}"
            """;

    @TempDir
    Path dir;

    @Test
    void aDocTypeTakesItsOwnPriorityThenDefaultsThenNormal() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir,
                "default.yaml", MAPPING.formatted("priority: low"),
                "payroll.yaml", MAPPING.formatted("priority: high"),
                "leave.yaml", MAPPING.formatted("")), TestEvents.CHINA);

        assertThat(mappings.validateAll()).isEmpty();
        assertThat(mappings.priority("payroll")).isZero();
        assertThat(mappings.priority("leave")).as("no priority of its own: default.yaml's").isEqualTo(2);
        assertThat(mappings.priority("unknown")).isEqualTo(2);
    }

    @Test
    void withoutAnyPriorityEverythingIsNormalAndAnUnknownWordIsAProblem() throws IOException {
        NoticeMappings mappings = new NoticeMappings(TestEvents.folder(dir,
                "default.yaml", MAPPING.formatted(""),
                "rush.yaml", MAPPING.formatted("priority: urgent")), TestEvents.CHINA);

        assertThat(mappings.priority("anything")).isEqualTo(1);
        assertThat(mappings.validateAll()).anyMatch(problem -> problem.contains("rush.yaml") && problem.contains("priority"));
    }
}
