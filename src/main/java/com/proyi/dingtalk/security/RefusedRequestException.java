package com.proyi.dingtalk.security;

import java.util.Map;

/**
 * A request refused before anything was stored or changed (ProYi's webhook, DingTalk's callback),
 * with the HTTP status to answer. routes/refused-requests.camel.yaml turns it into that status and
 * {@code {"error": "..."}}; the message says what was wrong and never holds a secret.
 */
public class RefusedRequestException extends RuntimeException {

    private final int status;

    public RefusedRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The answer's JSON body. */
    public Map<String, String> body() {
        return Map.of("error", String.valueOf(getMessage()));
    }
}
