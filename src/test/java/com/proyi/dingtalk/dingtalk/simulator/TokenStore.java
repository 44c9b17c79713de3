package com.proyi.dingtalk.dingtalk.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One live access token per app, as DingTalk documents it: fetching again while the token is valid
 * returns the same string and extends its validity; after expiry a new string is issued.
 */
final class TokenStore {

    static final Duration DEFAULT_TTL = Duration.ofSeconds(7200);

    /** A token and the instant it stops working. */
    record Token(String value, String appKey, Instant expiresAt) {
        boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final Clock clock;
    private final Map<String, Token> byApp = new ConcurrentHashMap<>();
    private final Map<String, Token> byValue = new ConcurrentHashMap<>();
    private volatile Duration ttl = DEFAULT_TTL;

    TokenStore(Clock clock) {
        this.clock = clock;
    }

    void setTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token ttl must be positive: " + ttl);
        }
        this.ttl = ttl;
    }

    /** Returns the app's live token with its expiry reset, or a fresh one. */
    Token issue(String appKey) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        // compute() serialises concurrent fetches of one app, so they all get the same string.
        return byApp.compute(appKey, (key, old) -> {
            String value;
            if (old != null && old.validAt(now)) {
                value = old.value();
            } else {
                if (old != null) {
                    byValue.remove(old.value());
                }
                value = UUID.randomUUID().toString().replace("-", "");
            }
            Token token = new Token(value, appKey, expiresAt);
            byValue.put(value, token);
            return token;
        });
    }

    /** The app key the token belongs to, if the token exists and has not expired. */
    Optional<String> appKeyOf(String value) {
        Token token = byValue.get(value);
        return token != null && token.validAt(clock.instant()) ? Optional.of(token.appKey()) : Optional.empty();
    }

    void expireAll() {
        byApp.clear();
        byValue.clear();
    }
}
