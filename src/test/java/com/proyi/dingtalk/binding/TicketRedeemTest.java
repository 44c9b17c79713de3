package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.security.HmacRequestVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** ProYi redeems a login ticket once, within 60 s, with a signed request. */
class TicketRedeemTest extends BindingTestSupport {

    private String ticket;

    @BeforeEach
    void loggedIn() throws Exception {
        person("zhang", "pw", "u_zhang");
        ticket = bindFirstTime("u_zhang", "zhang", "pw").text("ticket");
    }

    @Test
    void aTicketIsRedeemedOnce() throws Exception {
        Answer first = redeem(ticket);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("account")).isEqualTo("zhang");
        assertThat(first.text("dingtalkUserId")).isEqualTo("u_zhang");

        Answer second = redeem(ticket);
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.text("account")).isNull();
    }

    @Test
    void aTicketExpiresAfterSixtySeconds() throws Exception {
        jdbc.update("UPDATE dingtalk_login_ticket SET expires_at = TIMESTAMPADD(SECOND, -1, CURRENT_TIMESTAMP(3))");

        assertThat(redeem(ticket).status()).isEqualTo(404);
    }

    @Test
    void theTicketIsStoredOnlyAsAHash() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_login_ticket WHERE ticket_hash = ?",
                Integer.class, ticket)).isZero();
    }

    @Test
    void unsignedOrWronglySignedRequestsAreRefusedAndRedeemNothing() throws Exception {
        String body = "{\"ticket\":\"" + ticket + "\"}";
        Answer unsigned = send(request("/api/tickets/redeem").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(unsigned.status()).isEqualTo(401);

        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Answer wrongSecret = send(request("/api/tickets/redeem")
                .header(HmacRequestVerifier.TIMESTAMP_HEADER, timestamp)
                .header(HmacRequestVerifier.SIGNATURE_HEADER,
                        "sha256=" + HmacRequestVerifier.sign("not-the-secret", timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.text("error")).contains("signature does not match");

        assertThat(redeem(ticket).text("account")).isEqualTo("zhang");
    }
}
