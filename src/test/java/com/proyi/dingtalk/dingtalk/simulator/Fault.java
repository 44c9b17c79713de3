package com.proyi.dingtalk.dingtalk.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the simulator plays instead of (or on top of) its normal answer, queued with
 * {@link DingTalkSimulator#failNext(String, int, Fault)}.
 */
public sealed interface Fault {

    /**
     * HTTP 200 with {@code {"errcode":..,"errmsg":..}}. Codes the real gateway wraps (90018 always,
     * 40014 on /topapi/*) come back as {@code errcode 88} with {@code sub_code}, like the real thing.
     */
    static Fault errcode(int errcode, String errmsg) {
        return new ErrorCode(errcode, errmsg);
    }

    /** A bare HTTP error such as 500/502/503 with a small HTML body, as a proxy in front would send. */
    static Fault httpStatus(int status) {
        return new HttpStatus(status);
    }

    /** The normal answer, held back for {@code delay}; the request itself is processed at once. */
    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    /** The real per-app QPS answer: 88/90018 on oapi, HTTP 403 {@code QpsLimitForAppkeyAndApi} on api.dingtalk.com. */
    static Fault rateLimited() {
        return new RateLimited();
    }

    /**
     * An api.dingtalk.com error: HTTP {@code status} with {@code {code, message, requestid}}, e.g.
     * {@code v1Error(400, "todo.taskCreate.lockError", "todo.taskCreate.lockError")}. Only for
     * {@code /v1.0/} paths, which do not answer with errcodes.
     */
    static Fault v1Error(int status, String code, String message) {
        return new V1Error(status, code, message);
    }

    record ErrorCode(int errcode, String errmsg) implements Fault {
        public ErrorCode {
            Objects.requireNonNull(errmsg, "errmsg");
        }
    }

    record HttpStatus(int status) implements Fault {
        public HttpStatus {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("not an HTTP error status (400-599): " + status);
            }
        }
    }

    record Delay(Duration delay) implements Fault {
        public Delay {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + delay);
            }
        }
    }

    record RateLimited() implements Fault {
    }

    record V1Error(int status, String code, String message) implements Fault {
        public V1Error {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("not an HTTP error status (400-599): " + status);
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
