package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/** Inside DingTalk: the first login asks once for the ProYi password, every later one goes straight through. */
class FreeLoginTest extends BindingTestSupport {

    private static final ExecutorService BURST = Executors.newFixedThreadPool(80);

    @Test
    void theFirstLoginBindsWithTheProYiPassword() throws Exception {
        person("zhang", "s3cret-密码", "u_zhang");

        Answer first = login("u_zhang");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("status")).isEqualTo("bind_required");
        assertThat(first.text("ticket")).isNull();
        assertThat(hrDingTalkId("zhang")).isNull();

        Answer bound = bind(first.text("bindToken"), "zhang", "s3cret-密码");
        assertThat(bound.status()).as(bound.json().toString()).isEqualTo(200);
        assertThat(bound.text("status")).isEqualTo("ok");
        assertThat(bound.text("account")).isEqualTo("zhang");
        assertThat(bound.text("redirectUrl"))
                .isEqualTo("https://proyi.test.example/dingtalk/sso?ticket=" + bound.text("ticket") + "&target=%2F");
        assertThat(hrDingTalkId("zhang")).isEqualTo("u_zhang");
        assertThat(lastAudit("zhang")).isEqualTo("BIND/PASSWORD");
        assertThat(jdbc.queryForObject("SELECT password_fingerprint FROM dingtalk_binding WHERE account = 'zhang'",
                String.class)).hasSize(64).doesNotContain("$2a$");

        Answer redeemed = redeem(bound.text("ticket"));
        assertThat(redeemed.status()).isEqualTo(200);
        assertThat(redeemed.text("account")).isEqualTo("zhang");
        assertThat(redeemed.text("tenantId")).isEqualTo("default");
    }

    @Test
    void theSecondLoginGoesStraightThroughToTheDocument() throws Exception {
        person("li", "pw-li", "u_li");
        bindFirstTime("u_li", "li", "pw-li");

        Answer again = loginWithCode(simulator.issueAuthCode(APP_KEY, "u_li"),
                "/WXDefault.aspx?tenant=default&doctype=po&docid=7&op=process");

        assertThat(again.text("status")).isEqualTo("ok");
        assertThat(again.text("bindToken")).isNull();
        assertThat(again.text("redirectUrl")).endsWith(
                "&target=%2FWXDefault.aspx%3Ftenant%3Ddefault%26doctype%3Dpo%26docid%3D7%26op%3Dprocess");
        assertThat(redeem(again.text("ticket")).text("target"))
                .isEqualTo("/WXDefault.aspx?tenant=default&doctype=po&docid=7&op=process");
    }

    @Test
    void aTargetOutsideProYiLandsOnTheHomePage() throws Exception {
        person("wang", "pw-wang", "u_wang");
        bindFirstTime("u_wang", "wang", "pw-wang");

        for (String foreign : new String[] {"https://evil.example/x", "//evil.example/x", "javascript:alert(1)",
                "/WX.aspx\r\nSet-Cookie: a=b", "/\t/evil.example/x", "/a\u0000b"}) {
            Answer answer = loginWithCode(simulator.issueAuthCode(APP_KEY, "u_wang"), foreign);
            assertThat(answer.text("redirectUrl")).endsWith("&target=%2F");
        }
        Answer absolute = loginWithCode(simulator.issueAuthCode(APP_KEY, "u_wang"),
                "https://proyi.test.example/LoginPage.html?docid=3");
        assertThat(absolute.text("redirectUrl")).endsWith("&target=%2FLoginPage.html%3Fdocid%3D3");
    }

    @Test
    void pbkdf2HashesAreCheckedToo() throws Exception {
        String pbkdf2 = "{pbkdf2@SpringSecurity_v5_8}"
                + Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("pw-pbkdf2");
        proyiUser("zhou", pbkdf2);
        employee("default", "zhou", null);
        simulator.addUser(CORP, "u_zhou", "周");

        assertThat(bindFirstTime("u_zhou", "zhou", "pw-pbkdf2").text("status")).isEqualTo("ok");
    }

    @Test
    void aFreeLoginCodeWorksOnce() throws Exception {
        person("chen", "pw-chen", "u_chen");
        String code = simulator.issueAuthCode(APP_KEY, "u_chen");

        assertThat(loginWithCode(code, null).status()).isEqualTo(200);
        Answer reused = loginWithCode(code, null);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.text("error")).isEqualTo("INVALID_AUTH_CODE");
        assertThat(reused.text("message")).contains("免登码无效");
    }

    @Test
    void aBindTokenIsUsedUpByTheBind() throws Exception {
        person("he", "pw-he", "u_he");
        Answer first = login("u_he");
        bind(first.text("bindToken"), "he", "pw-he");

        Answer replay = bind(first.text("bindToken"), "he", "pw-he");
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.text("error")).isEqualTo("INVALID_BIND_TOKEN");
    }

    @Test
    void aDisabledOrResignedAccountCannotBind() throws Exception {
        person("sun", "pw-sun", "u_sun");
        jdbc.update("UPDATE proyi_user SET status = 'DISABLED' WHERE account = 'sun'");
        assertThat(bindFirstTime("u_sun", "sun", "pw-sun").text("error")).isEqualTo("ACCOUNT_DISABLED");

        person("qian", "pw-qian", "u_qian");
        jdbc.update("UPDATE proyi_hr_record SET employment_status = 'RESIGNED' WHERE account = 'qian'");
        Answer resigned = bindFirstTime("u_qian", "qian", "pw-qian");
        assertThat(resigned.status()).isEqualTo(403);
        assertThat(resigned.text("error")).isEqualTo("RESIGNED");
        assertThat(isBound("sun")).isFalse();
        assertThat(isBound("qian")).isFalse();
    }

    @Test
    void aBurstOfLoginsBeyondDingTalksBudgetIsRefusedAtOnceInsteadOfQueued() throws Exception {
        person("zhou", "pw-zhou", "u_zhou");
        long started = System.nanoTime();
        List<CompletableFuture<Answer>> burst = IntStream.range(0, 80).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                return loginWithCode("bogus-" + i, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, BURST)).toList();
        List<Answer> answers = burst.stream().map(CompletableFuture::join).toList();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answers).extracting(Answer::status).containsOnly(401, 503);
        assertThat(answers).filteredOn(answer -> answer.status() == 503).isNotEmpty()
                .allSatisfy(answer -> assertThat(answer.text("error")).isEqualTo("DINGTALK_BUSY"));
        assertThat(took).as("80 logins at DingTalk's 20 a second would take 4 s queued").isLessThan(Duration.ofMillis(2500));
        await().atMost(Duration.ofSeconds(5)).until(() -> "bind_required".equals(login("u_zhou").text("status")));
    }
}
