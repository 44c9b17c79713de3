package com.proyi.dingtalk.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {

    private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void neverMoreThanTheLimitInAnySlidingSecondYetNearlyTheLimitPerSecond() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(20, Duration.ofMillis(25));
        ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> waits = new ConcurrentLinkedQueue<>();
        Callable<Void> caller = () -> {
            for (int i = 0; i < 15; i++) {
                waits.add(limiter.acquire());
                starts.add(System.nanoTime());
            }
            return null;
        };

        long began = System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (var done : threads.invokeAll(List.of(caller, caller, caller, caller))) {
                done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        long took = System.nanoTime() - began;

        List<Long> sorted = new ArrayList<>(starts);
        sorted.sort(null);
        assertThat(sorted).hasSize(60);
        for (int i = 0; i + 20 < sorted.size(); i++) {
            // 21 starts within less than a second would be one too many for DingTalk
            assertThat(sorted.get(i + 20) - sorted.get(i)).as("starts %d to %d", i, i + 20).isGreaterThanOrEqualTo(ONE_SECOND);
        }
        // 40 calls beyond the first burst of 20 in under 2.1 s: at least 19 calls per second
        assertThat(sorted.get(40) - sorted.get(0)).isLessThan(TimeUnit.MILLISECONDS.toNanos(2100));
        assertThat(took).isBetween(TimeUnit.MILLISECONDS.toNanos(2000), TimeUnit.MILLISECONDS.toNanos(3100));
        // callers that arrive early in a window wait for it to move on, and are told so
        assertThat(waits.stream().mapToLong(Long::longValue).max().orElseThrow())
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1000));
    }

    @Test
    void callsWithinTheLimitDoNotWait() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(5, Duration.ofMillis(25));

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire()).isLessThan(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(limiter.acquire()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(900));
    }

    @Test
    void tryAcquireRefusesAtOnceWhenNoCallCanStartInTime() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(3, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(Duration.ofMillis(10))).isTrue();
        }

        long began = System.nanoTime();
        assertThat(limiter.tryAcquire(Duration.ofMillis(50))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire(Duration.ofMillis(1500))).as("a slot frees within the wait").isTrue();
    }

    @Test
    void aSchedulerIsToldHowLongToWaitInsteadOfWaitingAndItsPermitIsTakenByTheNextCall() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(3, Duration.ofMillis(25));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryReserve()).isZero();
            // the reserved permit is used by the call that follows, which does not count again
            assertThat(limiter.acquire()).isLessThan(TimeUnit.MILLISECONDS.toNanos(20));
        }
        long began = System.nanoTime();
        long untilNext = limiter.tryReserve();
        assertThat(System.nanoTime() - began).as("never blocks").isLessThan(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(untilNext).isBetween(TimeUnit.MILLISECONDS.toNanos(900), TimeUnit.MILLISECONDS.toNanos(1025));
    }

    @Test
    void aSmallerShareTakesEffectAtOnceAndALargerOneFreesPermits() {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(4, Duration.ofMillis(25));
        assertThat(limiter.tryReserve()).isZero();
        assertThat(limiter.tryReserve()).isZero();

        limiter.setCallsPerSecond(2);
        assertThat(limiter.tryReserve()).as("two starts already in this second").isPositive();

        limiter.setCallsPerSecond(5);
        assertThat(limiter.callsPerSecond()).isEqualTo(5);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryReserve()).isZero();
        }
        assertThat(limiter.tryReserve()).isPositive();
    }

    @Test
    void anAnsweredCallCountsFromItsAnswerSoThatALateArrivalAtDingTalkCannotCrowdTheNextSecond() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(1, Duration.ZERO);
        long start = limiter.acquireStart();
        // the request reaches DingTalk, and is answered, 300 ms after its start
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        limiter.answered(start);

        assertThat(limiter.tryReserve()).as("the slot frees a whole second after the answer, not after the start")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(950));
    }

    @Test
    void aCallAnsweredAfterItsSlotWasTakenCountsNothingMore() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(1, Duration.ZERO);
        long slow = limiter.acquireStart();
        // still unanswered a whole window later: the next call takes its slot
        await().pollDelay(Duration.ofMillis(1050)).until(() -> true);
        long next = limiter.acquireStart();
        limiter.answered(slow);

        assertThat(limiter.tryReserve()).as("one call in the window, the one that took the slot").isPositive();
        limiter.answered(next);
        assertThat(limiter.tryReserve()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(950));
    }

    @Test
    void aLargeLimitKeepsOnlyTheWindowsCalls() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(1_000_000, Duration.ZERO);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.tryReserve()).isZero();
            limiter.answered(limiter.acquireStart());
        }
        limiter.setCallsPerSecond(10_000);
        assertThat(limiter.tryReserve()).as("10,000 calls within this second").isPositive();
        limiter.setCallsPerSecond(10_001);
        assertThat(limiter.tryReserve()).isZero();
    }
}
