package com.proyi.dingtalk.config;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;

/**
 * A health check that reads the database, bounded in time: when the database does not answer (frozen,
 * unreachable, a pool waiting for a connection) the check is DOWN after proyi.ops.health-timeout
 * instead of leaving /actuator/health without an answer. One check at a time: while one still
 * waits for the database, later calls answer DOWN at once rather than starting another thread
 * that would wait too.
 */
public final class TimeLimitedHealth {

    private final String name;
    private final Supplier<Health> check;
    private final Duration timeout;
    private CompletableFuture<Health> running;

    public TimeLimitedHealth(String name, Duration timeout, Supplier<Health> check) {
        this.name = name;
        this.timeout = timeout;
        this.check = check;
    }

    public Health health() {
        CompletableFuture<Health> current = current();
        try {
            return current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "the database gave no answer within " + timeout.toMillis()
                    + " ms (" + name + ")").build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause() instanceof Exception cause ? cause : e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
    }

    private synchronized CompletableFuture<Health> current() {
        if (running == null || running.isDone()) {
            running = new CompletableFuture<>();
            CompletableFuture<Health> started = running;
            Thread thread = new Thread(() -> {
                try {
                    started.complete(check.get());
                } catch (RuntimeException e) {
                    started.completeExceptionally(e);
                }
            }, "health-" + name);
            thread.setDaemon(true);
            thread.start();
        }
        return running;
    }
}
