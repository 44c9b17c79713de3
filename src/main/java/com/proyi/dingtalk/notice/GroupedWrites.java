package com.proyi.dingtalk.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Rows that many threads write with the same statement, written together: a caller's rows join the
 * next write, and the caller returns once they are written (or throws what the write threw), so a
 * caller still knows its rows are in the database before it goes on. No thread of its own: the
 * first caller that finds no write under way writes everything queued by then; callers arriving
 * meanwhile queue for the next write. Under load a write carries the rows of many callers in one
 * statement and one commit; alone, a caller writes at once.
 *
 * <p>A group whose write fails is written again caller by caller, so that rows the database refuses
 * fail only their own caller.
 *
 * @param <T> one row
 */
final class GroupedWrites<T> {

    /** One caller's rows and their outcome. */
    private record Pending<T>(List<T> rows, CompletableFuture<Void> written) {
    }

    private final Consumer<List<T>> statement;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writeEnded = lock.newCondition();
    private List<Pending<T>> queued = new ArrayList<>();
    private boolean writing;

    /** @param statement writes the rows it is given, all or none */
    GroupedWrites(Consumer<List<T>> statement) {
        this.statement = statement;
    }

    /** Writes the rows with whatever else is queued; returns when they are written, else throws the write's failure. */
    void write(List<T> rows) {
        Pending<T> mine = new Pending<>(rows, new CompletableFuture<>());
        List<Pending<T>> group = null;
        lock.lock();
        try {
            queued.add(mine);
            while (!mine.written().isDone()) {
                if (!writing) {
                    writing = true;
                    group = queued;
                    queued = new ArrayList<>();
                    break;
                }
                writeEnded.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        if (group != null) {
            try {
                writeGroup(group);
            } finally {
                lock.lock();
                try {
                    writing = false;
                    writeEnded.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
        try {
            mine.written().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private void writeGroup(List<Pending<T>> group) {
        if (group.size() > 1) {
            List<T> rows = new ArrayList<>();
            group.forEach(pending -> rows.addAll(pending.rows()));
            try {
                statement.accept(rows);
                group.forEach(pending -> pending.written().complete(null));
                return;
            } catch (RuntimeException | Error together) {
                // one caller's rows may be what the database refused: each on its own
            }
        }
        for (Pending<T> pending : group) {
            try {
                statement.accept(pending.rows());
                pending.written().complete(null);
            } catch (RuntimeException | Error failure) {
                pending.written().completeExceptionally(failure);
            }
        }
    }
}
