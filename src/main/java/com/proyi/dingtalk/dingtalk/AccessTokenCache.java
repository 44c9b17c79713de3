package com.proyi.dingtalk.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access token per DingTalk app (app key and host), fetched again shortly before it runs out.
 * DingTalk throttles token fetches (API.md §1.4), so callers of the same app wait for one fetch
 * instead of each fetching their own.
 */
public final class AccessTokenCache {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenCache.class);

    /** A token as DingTalk handed it out. */
    public record Token(String value, Duration expiresIn) {

        @Override
        public String toString() {
            return "Token[" + fingerprint(value) + ", expiresIn=" + expiresIn + "]";
        }
    }

    private record Cached(String value, long refreshAtNanos) {
    }

    private static final class Entry {
        final ReentrantLock fetching = new ReentrantLock();
        final AtomicReference<Cached> cached = new AtomicReference<>();

        String validToken() {
            Cached c = cached.get();
            return c != null && System.nanoTime() - c.refreshAtNanos < 0 ? c.value : null;
        }
    }

    private final Duration refreshMargin;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    public AccessTokenCache(Duration refreshMargin) {
        this.refreshMargin = refreshMargin;
    }

    /** The cached token of the app, or a new one from {@code fetcher} when none is left or it runs out soon. */
    public String get(DingTalkApp app, Supplier<Token> fetcher) {
        Entry entry = entries.computeIfAbsent(key(app), k -> new Entry());
        String token = entry.validToken();
        if (token != null) {
            return token;
        }
        entry.fetching.lock();
        try {
            token = entry.validToken(); // fetched by another caller while this one waited
            if (token == null) {
                Token fresh = fetcher.get();
                entry.cached.set(new Cached(fresh.value(), System.nanoTime() + usableFor(fresh.expiresIn()).toNanos()));
                log.debug("New access token {} for app {}, valid {}", fresh, app.getAppKey(), fresh.expiresIn());
                token = fresh.value();
            }
            return token;
        } finally {
            entry.fetching.unlock();
        }
    }

    /**
     * Forgets the app's token after DingTalk refused it. Only the refused token is dropped: when many
     * calls fail with the same stale token, the first fetches a new one and the rest reuse it.
     */
    public void invalidate(DingTalkApp app, String refusedToken) {
        Entry entry = entries.get(key(app));
        if (entry != null) {
            entry.cached.updateAndGet(c -> c != null && c.value.equals(refusedToken) ? null : c);
        }
    }

    // A margin larger than the lifetime (short-lived tokens in tests) would refetch on every call.
    private Duration usableFor(Duration lifetime) {
        Duration beforeMargin = lifetime.minus(refreshMargin);
        Duration half = lifetime.dividedBy(2);
        return beforeMargin.compareTo(half) > 0 ? beforeMargin : half;
    }

    private static String key(DingTalkApp app) {
        return app.getAppKey() + " @ " + app.getBaseUrl();
    }

    /** Enough to tell tokens apart in a log, useless to call DingTalk with. */
    static String fingerprint(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
