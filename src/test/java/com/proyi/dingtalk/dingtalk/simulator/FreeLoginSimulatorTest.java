package com.proyi.dingtalk.dingtalk.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulator's free-login codes and jsapi tickets are as strict as API.md §3.4, §4.1 and §9 say. */
class FreeLoginSimulatorTest extends SimulatorTestSupport {

    @Test
    void aCodeNamesItsUserOnceOnly() {
        String token = token();
        String code = simulator.issueAuthCode(APP_KEY, "u1");

        Answer first = getUserInfo(token, code);
        assertThat(first.errcode()).as(first.body()).isZero();
        assertThat(first.json().at("/result/userid").asText()).isEqualTo("u1");
        assertThat(first.json().at("/result/name").asText()).isEqualTo("张三");

        assertThat(getUserInfo(token, code).errcode()).isEqualTo(40078);
    }

    @Test
    void aCodeExpiresAfterFiveMinutes() {
        String token = token();
        String fresh = simulator.issueAuthCode(APP_KEY, "u1");
        String stale = simulator.issueAuthCode(APP_KEY, "u2");
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(getUserInfo(token, fresh).errcode()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(getUserInfo(token, stale).errcode()).isEqualTo(40078);
    }

    @Test
    void aCodeBelongsToTheAppItWasIssuedFor() {
        simulator.addApp("other-key", "other-secret", 10002, CORP);
        String code = simulator.issueAuthCode("other-key", "u1");
        assertThat(getUserInfo(token(), code).errcode()).isEqualTo(40078);
        assertThat(getUserInfo(token(), "made-up").errcode()).isEqualTo(40078);
    }

    @Test
    void codesAreOnlyIssuedToMembersOfTheAppsOrganisation() {
        assertThatThrownBy(() -> simulator.issueAuthCode(APP_KEY, "stranger"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJsapiTicketIsRenewedWhileValidButLivesAtMost24Hours() {
        String first = ticket().json().get("ticket").asText();
        clock.advance(Duration.ofMinutes(90));
        Answer renewed = ticket();
        assertThat(renewed.json().get("ticket").asText()).isEqualTo(first);
        assertThat(renewed.json().get("expires_in").asLong()).isEqualTo(7200);

        for (int i = 0; i < 14; i++) {
            clock.advance(Duration.ofMinutes(90));
            assertThat(ticket().json().get("ticket").asText()).isEqualTo(first);
        }
        // 22.5 h after creation: renewed only up to the 24 h cap
        assertThat(ticket().json().get("expires_in").asLong()).isEqualTo(5400);
        clock.advance(Duration.ofMinutes(90));
        assertThat(ticket().json().get("ticket").asText()).isNotEqualTo(first);
    }

    @Test
    void anExpiredTicketIsReplaced() {
        String first = ticket().json().get("ticket").asText();
        clock.advance(Duration.ofHours(2));
        assertThat(ticket().json().get("ticket").asText()).isNotEqualTo(first);
    }

    private Answer getUserInfo(String token, String code) {
        return postJson(FreeLoginApi.GETUSERINFO + "?access_token=" + token, "{\"code\":" + quote(code) + "}");
    }

    private Answer ticket() {
        Answer answer = get(JsapiTicketApi.GET_JSAPI_TICKET + "?access_token=" + token());
        assertThat(answer.errcode()).as(answer.body()).isZero();
        return answer;
    }
}
