package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedules' Quartz jobs keep their data as text in ProYi's database, never as serialised Java objects. */
class QuartzJobDataTest extends ContactsTestSupport {

    /** The first two bytes of every Java serialisation stream. */
    private static final byte[] JAVA_SERIALISATION = {(byte) 0xAC, (byte) 0xED};

    @Test
    void jobDataIsStoredAsTextProperties() {
        List<byte[]> jobData = jdbc.queryForList("SELECT JOB_DATA FROM QRTZ_JOB_DETAILS WHERE JOB_DATA IS NOT NULL",
                byte[].class);

        assertThat(jobData).isNotEmpty().allSatisfy(data -> {
            assertThat(data.length).isGreaterThan(2);
            assertThat(new byte[] {data[0], data[1]}).isNotEqualTo(JAVA_SERIALISATION);
            assertThat(new String(data, StandardCharsets.ISO_8859_1)).contains("CamelQuartzTriggerType=cron");
        });
    }
}
