package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedWritesTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(6);

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void callersArrivingDuringAWriteShareTheNextOneAndReturnOnlyOnceTheirRowsAreWritten() throws Exception {
        CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
        List<List<String>> statements = new CopyOnWriteArrayList<>();
        GroupedWrites<String> writes = new GroupedWrites<>(rows -> {
            statements.add(List.copyOf(rows));
            if (statements.size() == 1) {
                awaitLatch(firstWriteMayEnd);
            }
        });

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> writes.write(List.of("a")), callers);
        await().until(() -> statements.size() == 1);
        List<CompletableFuture<Void>> later = new ArrayList<>();
        for (String row : List.of("b", "c", "d", "e")) {
            later.add(CompletableFuture.runAsync(() -> writes.write(List.of(row, row + "2")), callers));
        }
        Thread.sleep(200);
        assertThat(later).as("waiting for their rows to be written").noneMatch(CompletableFuture::isDone);

        firstWriteMayEnd.countDown();
        first.get(5, TimeUnit.SECONDS);
        for (CompletableFuture<Void> caller : later) {
            caller.get(5, TimeUnit.SECONDS);
        }
        assertThat(statements).hasSize(2);
        assertThat(statements.get(1)).containsExactlyInAnyOrder("b", "b2", "c", "c2", "d", "d2", "e", "e2");
    }

    @Test
    void rowsTheDatabaseRefusesFailOnlyTheirOwnCaller() throws Exception {
        CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
        AtomicInteger statements = new AtomicInteger();
        List<String> written = new CopyOnWriteArrayList<>();
        GroupedWrites<String> writes = new GroupedWrites<>(rows -> {
            if (statements.incrementAndGet() == 1) {
                awaitLatch(firstWriteMayEnd);
            }
            if (rows.contains("bad")) {
                throw new IllegalStateException("Data too long for column 'account'");
            }
            written.addAll(rows);
        });

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> writes.write(List.of("a")), callers);
        await().until(() -> statements.get() == 1);
        CompletableFuture<Void> good = CompletableFuture.runAsync(() -> writes.write(List.of("b")), callers);
        CompletableFuture<Void> bad = CompletableFuture.runAsync(() -> writes.write(List.of("bad")), callers);
        CompletableFuture<Void> alsoGood = CompletableFuture.runAsync(() -> writes.write(List.of("c")), callers);
        Thread.sleep(200);
        firstWriteMayEnd.countDown();

        first.get(5, TimeUnit.SECONDS);
        good.get(5, TimeUnit.SECONDS);
        alsoGood.get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("Data too long for column 'account'");
        assertThat(written).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void aCallerAloneWritesAtOnce() {
        List<List<String>> statements = new ArrayList<>();
        GroupedWrites<String> writes = new GroupedWrites<>(statements::add);
        writes.write(List.of("a"));
        writes.write(List.of("b"));
        assertThat(statements).containsExactly(List.of("a"), List.of("b"));
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
