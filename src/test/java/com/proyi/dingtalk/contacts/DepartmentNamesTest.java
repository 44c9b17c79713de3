package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names DingTalk refuses are cleaned the same way every time. */
class DepartmentNamesTest {

    @Test
    void hyphensAndCommasBecomeSingleSpaces() {
        assertThat(DepartmentNames.clean("联想-华东,分公司")).isEqualTo("联想 华东 分公司");
        assertThat(DepartmentNames.clean("研发，一部 - 北京")).isEqualTo("研发 一部 北京");
    }

    @Test
    void longNamesAreCutTo64CharactersAndEmptyOnesGetAName() {
        assertThat(DepartmentNames.clean("部".repeat(70))).hasSize(64);
        assertThat(DepartmentNames.clean(" - , ")).isEqualTo("未命名");
        assertThat(DepartmentNames.clean(null)).isEqualTo("未命名");
    }

    @Test
    void levelsAreSplitAtSlashesAndCleanedOneByOne() {
        assertThat(DepartmentNames.levels("总部/采购-一部/")).containsExactly("总部", "采购 一部");
        assertThat(DepartmentNames.levels(null)).isEmpty();
    }
}
