package com.proyi.dingtalk.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.DingTalkException.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DingTalkAnswerTest {

    private static final String API = "/topapi/x";
    private final ObjectMapper mapper = new ObjectMapper();

    private DingTalkException failure(int status, String body) {
        return catchThrowableOfType(DingTalkException.class,
                () -> DingTalkAnswer.bodyOrThrow(API, status, utf8(body), mapper));
    }

    private static byte[] utf8(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theGatewayCodeIsResolvedToItsSubCode() {
        assertThat(failure(200, "{\"errcode\":88,\"sub_code\":\"40014\",\"errmsg\":\"x\"}").errcode()).isEqualTo(40014);
        assertThat(failure(200, "{\"errcode\":\"88\",\"errmsg\":\"ding talk error[subcode=90018,submsg=QPS]\"}").errcode())
                .isEqualTo(90018);
        assertThat(failure(200, "{\"errcode\":88,\"errmsg\":\"鉴权异常\"}").errcode()).isEqualTo(88);
    }

    @Test
    void errorsAreClassifiedByWhatRetryingCanDo() {
        assertThat(failure(200, "{\"errcode\":88,\"sub_code\":\"90018\"}").kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure(200, "{\"errcode\":90006}").kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure(200, "{\"errcode\":42001}").kind()).isEqualTo(Kind.AUTH);
        assertThat(failure(200, "{\"errcode\":-1,\"errmsg\":\"系统繁忙\"}").kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure(502, "<html>Bad Gateway</html>").kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure(200, "<html>访问被拒绝</html>").kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(failure(200, "{\"status\":1111,\"wait\":5,\"punish\":\"deny\"}").kind()).isEqualTo(Kind.RATE_LIMITED);
        for (int permanent : new int[] {40035, 400002, 40056, 41011, 52019, 70003, 40096, 60011, 60020, 90020}) {
            assertThat(failure(200, "{\"errcode\":" + permanent + "}").kind()).as("%d", permanent).isEqualTo(Kind.PERMANENT);
        }
    }

    @Test
    void successNeedsNoErrcodeAndIgnoresExtraFields() {
        assertThat(DingTalkAnswer.bodyOrThrow(API, 200, utf8("{\"errcode\":\"0\",\"result\":{\"userid\":\"u1\"},\"new\":1}"), mapper)
                .path("result").path("userid").asText()).isEqualTo("u1");
        assertThat(DingTalkAnswer.bodyOrThrow(API, 200, utf8("{\"task_id\":7}"), mapper).path("task_id").asLong()).isEqualTo(7);
    }
}
