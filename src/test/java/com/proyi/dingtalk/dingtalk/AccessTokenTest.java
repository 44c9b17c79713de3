package com.proyi.dingtalk.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.DingTalkException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokenTest {

    private static final String USER_GET = "/topapi/v2/user/get";

    private final StubDingTalk dingTalk = new StubDingTalk();
    private final DingTalkClient client = dingTalk.client(dingTalk.properties(), DingTalkCallListener.NONE);

    AccessTokenTest() throws Exception {
    }

    @AfterEach
    void stopStub() {
        dingTalk.close();
    }

    @Test
    void fetchesTheTokenWithKeyAndSecretOnceAndReusesIt() {
        client.post("default", USER_GET, Map.of("userid", "u1"));
        client.post("default", USER_GET, Map.of("userid", "u2"));

        assertThat(dingTalk.requests(DingTalkClient.TOKEN_API)).singleElement().satisfies(fetch ->
                assertThat(fetch.query()).containsEntry("appkey", StubDingTalk.APP_KEY)
                        .containsEntry("appsecret", StubDingTalk.APP_SECRET));
        assertThat(dingTalk.requests(USER_GET)).extracting(r -> r.query().get("access_token"))
                .containsExactly("token-1", "token-1");
    }

    @Test
    void fetchesANewTokenShortlyBeforeTheOldOneRunsOut() {
        dingTalk.tokenExpiresIn(2);
        assertThat(client.accessToken("default")).isEqualTo("token-1");
        assertThat(client.accessToken("default")).isEqualTo("token-1");

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.accessToken("default").equals("token-2"));
        List<StubDingTalk.Request> fetches = dingTalk.requests(DingTalkClient.TOKEN_API);
        assertThat(fetches).hasSize(2);
        // timed from the first fetch, not from the test's start, which includes setting up the HTTP client;
        // a 2 s token is used for half its life (the 10 min margin is longer than that), then renewed
        assertThat(fetches.get(1).receivedAtMillis() - fetches.get(0).receivedAtMillis()).isBetween(950L, 2000L);
    }

    @Test
    void concurrentCallersWaitForOneFetch() {
        dingTalk.tokenDelay(Duration.ofMillis(300));

        List<CompletableFuture<String>> callers = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> client.accessToken("default")))
                .toList();

        assertThat(callers).extracting(CompletableFuture::join).containsOnly("token-1");
        assertThat(dingTalk.count(DingTalkClient.TOKEN_API)).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsReplacedAndTheCallTriedOnceMore() {
        dingTalk.thenReply(USER_GET, 200, "{\"errcode\":88,\"sub_code\":\"40014\",\"sub_msg\":\"不合法的access_token\","
                + "\"errmsg\":\"ding talk error[subcode=40014,submsg=不合法的access_token]\",\"request_id\":\"x\"}");

        client.post("default", USER_GET, Map.of("userid", "u1"));

        assertThat(dingTalk.count(DingTalkClient.TOKEN_API)).isEqualTo(2);
        assertThat(dingTalk.requests(USER_GET)).extracting(r -> r.query().get("access_token"))
                .containsExactly("token-1", "token-2");
    }

    @Test
    void aTokenRefusedTwiceIsAnAuthError() {
        dingTalk.alwaysReply(USER_GET, 200, "{\"errcode\":40014,\"errmsg\":\"不合法的access_token\"}");

        DingTalkException e = catchThrowableOfType(DingTalkException.class,
                () -> client.post("default", USER_GET, Map.of()));

        assertThat(e.kind()).isEqualTo(Kind.AUTH);
        assertThat(e.errcode()).isEqualTo(40014);
        assertThat(dingTalk.count(USER_GET)).isEqualTo(2);
        assertThat(e.getMessage()).contains(USER_GET, "40014", "不合法的access_token")
                .doesNotContain("token-1", "token-2", StubDingTalk.APP_SECRET);
    }

    @Test
    void aWrongKeyOrSecretIsPermanentAndNotInTheMessage() {
        dingTalk.alwaysReply(DingTalkClient.TOKEN_API, 200, "{\"errcode\":40096,\"errmsg\":\"不合法的appKey或appSecret\"}");

        DingTalkException e = catchThrowableOfType(DingTalkException.class,
                () -> client.accessToken("default"));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.api()).isEqualTo("/gettoken");
        assertThat(e.getMessage()).contains("40096").doesNotContain(StubDingTalk.APP_SECRET);
        assertThat(dingTalk.count(DingTalkClient.TOKEN_API)).isEqualTo(1);
    }
}
