package com.proyi.dingtalk.dingtalk;

/**
 * Told about every request to DingTalk, e.g. to turn them into metrics. Methods run on the calling
 * thread and must return quickly.
 */
public interface DingTalkCallListener {

    DingTalkCallListener NONE = new DingTalkCallListener() {
    };

    /**
     * One HTTP request (token fetches included), successful or not.
     *
     * @param effectiveErrcode 0 on success, DingTalk's effective code, or {@link DingTalkException#NO_ERRCODE}
     */
    default void onCall(String tenant, String api, long durationNanos, int effectiveErrcode) {
    }

    /** A call waited for the client-side rate limiter before it started. */
    default void onRateLimitWait(String tenant, String api, long waitedNanos) {
    }
}
