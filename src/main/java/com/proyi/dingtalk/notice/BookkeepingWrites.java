package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.config.ProYiProperties;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Writes of the outbox's bookkeeping (delivery outcomes, event status) that must not be lost to a
 * dropped database connection: a write that fails on a dead connection (a failover, a proxy, a DBA's
 * KILL, wait_timeout) is tried again on a fresh one from the pool, with a growing pause, for up to
 * half of proyi.outbox.claim-timeout -- while the event is still held by this instance, so no other
 * instance takes it meanwhile. Every such write is idempotent (upserts and status updates).
 */
@Component
public class BookkeepingWrites {

    private static final Logger log = LoggerFactory.getLogger(BookkeepingWrites.class);
    private static final long FIRST_PAUSE_MILLIS = 200;
    /** Above Hikari's 500 ms alive-bypass window, so that the pool checks a connection before lending it again. */
    private static final long MAX_PAUSE_MILLIS = 2000;

    private final Duration patience;

    @Autowired
    public BookkeepingWrites(ProYiProperties properties) {
        this(properties.getOutbox().getClaimTimeout().dividedBy(2));
    }

    BookkeepingWrites(Duration patience) {
        this.patience = patience;
    }

    /** Runs the write, trying again while the failure is the connection's rather than the statement's. */
    public <T> T write(String what, Supplier<T> write) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = write.get();
                if (attempt > 1) {
                    log.info("{}: written on attempt {}", what, attempt);
                }
                return result;
            } catch (DataAccessException e) {
                if (!isConnectionFailure(e) || System.nanoTime() + pause * 1_000_000 - deadline > 0) {
                    throw e;
                }
                log.warn("{} failed on attempt {} ({}); trying again on a fresh connection in {} ms",
                        what, attempt, e.getMostSpecificCause().getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    public void write(String what, Runnable write) {
        write(what, () -> {
            write.run();
            return null;
        });
    }

    /**
     * Somewhere in the chain: a database connection that was lost, killed or could not be had. Such a
     * failure says nothing about the event that met it.
     */
    static boolean isConnectionTrouble(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof CannotCreateTransactionException || current instanceof DataAccessResourceFailureException
                    || current instanceof RecoverableDataAccessException || current instanceof SQLRecoverableException
                    || current instanceof SQLTransientConnectionException || current instanceof SQLNonTransientConnectionException
                    || current instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("70100"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A lost or killed connection, a timeout, a deadlock: trying again can help. A constraint or
     * grammar error cannot. Connector/J reports a KILLed connection as an uncategorised error (1927).
     */
    static boolean isConnectionFailure(DataAccessException e) {
        return e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException
                || e instanceof DataAccessResourceFailureException || e instanceof UncategorizedSQLException;
    }
}
