package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.Fault;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.ModuleIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** After a notice goes out, Prometheus can scrape what happened: notices, outbox, DingTalk calls. */
class NoticeMetricsTest extends ModuleIntegrationTest {

    @Test
    void aSentNoticeShowsInThePrometheusScrape() throws Exception {
        double sentBefore = sentNotices(scrape());
        employee("default", "lisi", "u_lisi");
        long id = outboxEvent("default", "purchase_order", "m-1", "todo", "lisi", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(eventStatus(id)));

        String metrics = scrape();

        assertThat(sentNotices(metrics)).isEqualTo(sentBefore + 1);
        assertThat(metrics)
                .contains("dingtalk_api_requests_seconds_bucket{api=\"/topapi/message/corpconversation/asyncsend_v2\"")
                .contains("proyi_outbox_backlog{")
                .contains("proyi_outbox_oldest_age_seconds{")
                .contains("proyi_outbox_dead{")
                .contains("proyi_notices_waiting{");
    }

    @Test
    void aRefusedNoticeIsCountedWithDingTalksErrcode() throws Exception {
        employee("default", "wangwu", "u_wangwu");
        simulator.failNext("/topapi/message/corpconversation/asyncsend_v2", 1,
                Fault.errcode(40035, "缺少参数 msg"));
        long id = outboxEvent("default", "purchase_order", "m-2", "todo", "wangwu", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD".equals(eventStatus(id)));

        assertThat(scrape()).containsPattern("proyi_notices_failed_total\\{[^}]*errcode=\"40035\"[^}]*tenant=\"default\"");
    }

    @Test
    void theScrapeNeedsAnOperator() throws Exception {
        assertThat(new AdminApi(port, null, null).get("/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = new AdminApi(port, "viewer", "viewer-pass").get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double sentNotices(String metrics) {
        Matcher m = Pattern.compile("(?m)^proyi_notices_sent_total\\{[^}]*tenant=\"default\"[^}]*} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
