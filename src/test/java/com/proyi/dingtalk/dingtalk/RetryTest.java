package com.proyi.dingtalk.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.dingtalk.DingTalkException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final String USER_GET = "/topapi/v2/user/get";
    private static final String QPS_EXCEEDED = "{\"errcode\":88,\"sub_code\":\"90018\",\"sub_msg\":\"超过QPS限制\","
            + "\"errmsg\":\"ding talk error[subcode=90018,submsg=超过QPS限制]\"}";

    private final StubDingTalk dingTalk = new StubDingTalk();
    private final DingTalkProperties properties = dingTalk.properties();
    private final List<Integer> errcodesSeen = new CopyOnWriteArrayList<>();
    private final DingTalkCallListener listener = new DingTalkCallListener() {
        @Override
        public void onCall(String tenant, String api, long durationNanos, int effectiveErrcode) {
            if (api.equals(USER_GET)) {
                errcodesSeen.add(effectiveErrcode);
            }
        }
    };

    RetryTest() throws Exception {
    }

    @AfterEach
    void stopStub() {
        dingTalk.close();
    }

    private DingTalkClient client() {
        return dingTalk.client(properties, listener);
    }

    @Test
    void aQpsPenaltyIsWaitedOutUntilTheNextSecond() {
        dingTalk.thenReply(USER_GET, 200, QPS_EXCEEDED);

        JsonNode answer = client().get("default", USER_GET, Map.of("userid", "u1"));

        assertThat(answer.path("errcode").asInt()).isZero();
        List<StubDingTalk.Request> calls = dingTalk.requests(USER_GET);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).receivedAtMillis() / 1000).isGreaterThan(calls.get(0).receivedAtMillis() / 1000);
        assertThat(calls.get(1).query()).containsEntry("userid", "u1");
        assertThat(errcodesSeen).containsExactly(90018, 0);
    }

    @Test
    void serverErrorsAreRetried() {
        dingTalk.thenReply(USER_GET, 500, "<html>Internal Server Error</html>")
                .thenReply(USER_GET, 200, "{\"errcode\":-1,\"errmsg\":\"系统繁忙\"}");

        client().post("default", USER_GET, Map.of("userid", "u1"));

        assertThat(dingTalk.count(USER_GET)).isEqualTo(3);
        assertThat(errcodesSeen).containsExactly(-1, -1, 0);
    }

    @Test
    void theHttpClientNeverResendsByItself() {
        // HttpClient 5 re-sends on 503 and 429 with Retry-After unless told not to; retries belong to the client
        properties.getRetry().setMaxAttempts(1);
        dingTalk.alwaysReply(USER_GET, 503, "<html>Service Unavailable</html>");

        DingTalkException e = catchThrowableOfType(DingTalkException.class,
                () -> client().post("default", USER_GET, Map.of()));

        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(dingTalk.count(USER_GET)).isEqualTo(1);
    }

    @Test
    void dingTalksAnswerOnAnHttpErrorStatusIsRead() {
        dingTalk.alwaysReply(USER_GET, 403, "{\"errcode\":60011,\"errmsg\":\"没有调用该接口的权限\"}");

        DingTalkException e = catchThrowableOfType(DingTalkException.class,
                () -> client().post("default", USER_GET, Map.of()));

        assertThat(e.errcode()).isEqualTo(60011);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(dingTalk.count(USER_GET)).isEqualTo(1);
    }

    @Test
    void timeoutsAreRetried() {
        properties.setReadTimeout(Duration.ofMillis(300));
        dingTalk.thenReply(USER_GET, 200, "{\"errcode\":0}", Duration.ofSeconds(2));

        client().post("default", USER_GET, Map.of());

        assertThat(dingTalk.count(USER_GET)).isEqualTo(2);
    }

    @Test
    void givesUpAfterMaxAttemptsAndSaysWhy() {
        properties.getRetry().setMaxAttempts(3);
        dingTalk.alwaysReply(USER_GET, 200, "{\"errcode\":90002,\"errmsg\":\"当前接口的所有请求都被暂时禁用了\"}");

        DingTalkException e = catchThrowableOfType(DingTalkException.class,
                () -> client().post("default", USER_GET, Map.of()));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.retryable()).isTrue();
        assertThat(e.errcode()).isEqualTo(90002);
        assertThat(e.api()).isEqualTo(USER_GET);
        assertThat(dingTalk.count(USER_GET)).isEqualTo(3);
        assertThat(e.getMessage()).contains(USER_GET, "90002", "暂时禁用").doesNotContain("token-1");
    }

    @Test
    void permanentErrorsAreNotRetried() {
        dingTalk.alwaysReply(USER_GET, 200, "{\"errcode\":40035,\"errmsg\":\"缺少参数 userid\"}");

        DingTalkException e = catchThrowableOfType(DingTalkException.class,
                () -> client().post("default", USER_GET, Map.of()));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.retryable()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(dingTalk.count(USER_GET)).isEqualTo(1);
    }

    @Test
    void theSubCodeInsideErrmsgDecidesWhenSubCodeIsMissing() {
        dingTalk.alwaysReply(USER_GET, 200, "{\"errcode\":88,\"errmsg\":\"ding talk error[subcode=60011,submsg=没有调用该接口的权限]\"}");

        DingTalkException e = catchThrowableOfType(DingTalkException.class,
                () -> client().post("default", USER_GET, Map.of()));

        assertThat(e.errcode()).isEqualTo(60011);
        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(dingTalk.count(USER_GET)).isEqualTo(1);
    }
}
