package com.proyi.dingtalk.dingtalk;

import java.util.Set;

/**
 * A DingTalk call that did not succeed: which API, DingTalk's effective error code, what DingTalk
 * answered, and whether trying again later can help. Never carries a token or secret.
 */
public class DingTalkException extends RuntimeException {

    /** The error code when DingTalk gave none: I/O errors, timeouts, bare HTTP errors, calls never made. */
    public static final int NO_ERRCODE = -1;

    public enum Kind {
        /** The access token was refused; a fresh token may help once. */
        AUTH,
        /** DingTalk throttled the call; wait, then try again. */
        RATE_LIMITED,
        /** DingTalk was busy or unreachable; try again with backoff. */
        TRANSIENT,
        /** Trying again cannot help: bad request, settings or permissions. */
        PERMANENT
    }

    private static final Set<Integer> AUTH_CODES = Set.of(40014, 42001, 40001);

    // 90019 is UNCONFIRMED in API.md but listed with the throttling codes in public code.
    private static final Set<Integer> RATE_LIMIT_CODES =
            Set.of(90018, 90002, 90001, 90003, 90004, 90005, 90006, 90017, 90019);

    // -1 is "system busy"; some query APIs document 500 as "system error" in the body.
    private static final Set<Integer> TRANSIENT_CODES = Set.of(-1, 500);

    private final String api;
    private final int errcode;
    private final String errmsg;
    private final int httpStatus;
    private final Kind kind;

    public DingTalkException(String api, int errcode, String errmsg, int httpStatus, Kind kind, Throwable cause) {
        super(describe(api, errcode, errmsg, httpStatus), cause);
        this.api = api;
        this.errcode = errcode;
        this.errmsg = errmsg;
        this.httpStatus = httpStatus;
        this.kind = kind;
    }

    /** What a DingTalk error code means for the caller, following API.md §7.2. */
    public static Kind classify(int effectiveErrcode) {
        if (AUTH_CODES.contains(effectiveErrcode)) {
            return Kind.AUTH;
        }
        if (RATE_LIMIT_CODES.contains(effectiveErrcode)) {
            return Kind.RATE_LIMITED;
        }
        return TRANSIENT_CODES.contains(effectiveErrcode) ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    private static String describe(String api, int errcode, String errmsg, int httpStatus) {
        StringBuilder text = new StringBuilder("DingTalk ").append(api).append(" failed: ");
        if (errcode != NO_ERRCODE) {
            text.append("errcode ").append(errcode).append(", ");
        }
        text.append(errmsg);
        if (httpStatus != 0) {
            text.append(" (HTTP ").append(httpStatus).append(')');
        }
        return text.toString();
    }

    /** The effective code: for the gateway code 88 this is the sub code (e.g. 40014, 90018). */
    public int errcode() {
        return errcode;
    }

    public String errmsg() {
        return errmsg;
    }

    /** HTTP status of DingTalk's answer, 0 if there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The API path, e.g. {@code /topapi/message/corpconversation/asyncsend_v2}. */
    public String api() {
        return api;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.TRANSIENT;
    }
}
