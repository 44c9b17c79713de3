package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Wrong passwords lock binding per DingTalk user, without telling which accounts exist or locking out their owners. */
class BindLockoutTest extends BindingTestSupport {

    private static final int MAX_FAILURES = 5;

    @Test
    void fiveWrongPasswordsLockTheDingTalkUserEvenForTheRightPassword() throws Exception {
        person("zhang", "right", "u_zhang");
        String token = login("u_zhang").text("bindToken");

        for (int i = 1; i < MAX_FAILURES; i++) {
            Answer wrong = bind(token, "zhang", "wrong-" + i);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.text("message")).isEqualTo("账号或密码错误");
        }
        Answer fifth = bind(token, "zhang", "wrong-5");
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.text("error")).isEqualTo("LOCKED");
        assertThat(fifth.text("message")).startsWith("密码错误次数过多，绑定已锁定");

        assertThat(bind(token, "zhang", "right").text("error")).isEqualTo("LOCKED");
        assertThat(isBound("zhang")).isFalse();
    }

    @Test
    void strangersGuessingAnAccountLockOnlyThemselvesNotItsOwner() throws Exception {
        person("li", "right", "u_li");
        simulator.addUser(CORP, "u_stranger", "stranger");
        String stranger = login("u_stranger").text("bindToken");
        for (int i = 0; i < MAX_FAILURES; i++) {
            bind(stranger, "li", "wrong");
        }
        for (int i = 0; i < MAX_FAILURES; i++) {
            simulator.addUser(CORP, "u_guess" + i, "guesser");
            bind(login("u_guess" + i).text("bindToken"), "li", "wrong");
        }

        assertThat(bind(stranger, "li", "right").text("error")).isEqualTo("LOCKED");
        assertThat(bind(login("u_li").text("bindToken"), "li", "right").text("status")).isEqualTo("ok");
    }

    @Test
    void parallelWrongPasswordsGetNoMoreGuessesThanAllowed() throws Exception {
        person("zhou", "right", "u_zhou");
        String token = login("u_zhou").text("bindToken");
        ExecutorService parallel = Executors.newFixedThreadPool(20);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(parallel.submit(() -> bind(token, "zhou", "wrong")));
            }
            List<String> errors = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                errors.add(answer.get().text("error"));
            }
            assertThat(errors).containsOnly("WRONG_CREDENTIALS", "LOCKED");
            assertThat(errors).filteredOn("WRONG_CREDENTIALS"::equals).hasSize(MAX_FAILURES - 1);
        } finally {
            parallel.shutdown();
        }
        assertThat(bind(token, "zhou", "right").text("error")).isEqualTo("LOCKED");
    }

    @Test
    void theLockIsPerDingTalkUserAcrossAccounts() throws Exception {
        person("wang", "right", "u_wang");
        String token = login("u_wang").text("bindToken");
        for (int i = 0; i < MAX_FAILURES; i++) {
            bind(token, "someone" + i, "wrong");
        }
        assertThat(bind(token, "wang", "right").text("error")).isEqualTo("LOCKED");
    }

    @Test
    void anAccountThatDoesNotExistAnswersExactlyLikeOneThatDoes() throws Exception {
        person("zhao", "right", "u_zhao");
        simulator.addUser(CORP, "u_prober", "prober");
        String real = login("u_zhao").text("bindToken");
        String probe = login("u_prober").text("bindToken");

        for (int i = 1; i <= MAX_FAILURES; i++) {
            Answer existing = bind(real, "zhao", "wrong");
            Answer missing = bind(probe, "no_such_account", "wrong");
            assertThat(missing.status()).isEqualTo(existing.status());
            assertThat(missing.json()).isEqualTo(existing.json());
        }
    }

    @Test
    void theLockEndsAfterTheLockDuration() throws Exception {
        person("sun", "right", "u_sun");
        String token = login("u_sun").text("bindToken");
        for (int i = 0; i < MAX_FAILURES; i++) {
            bind(token, "sun", "wrong");
        }
        // 15 minutes later
        jdbc.update("UPDATE dingtalk_bind_failure SET locked_until = TIMESTAMPADD(SECOND, -1, CURRENT_TIMESTAMP(3))");

        assertThat(bind(token, "sun", "right").text("status")).isEqualTo("ok");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_bind_failure", Integer.class)).isZero();
    }
}
