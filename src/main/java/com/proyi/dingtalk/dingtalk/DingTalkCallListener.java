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

    /**
     * Before a call (with its retries) is made, e.g. to keep it within a budget: throwing a
     * {@link DingTalkException} refuses the call without sending it. Token fetches are not announced.
     */
    default void beforeCall(String tenant, String api) {
    }

    /** Several listeners as one, told in order. */
    static DingTalkCallListener all(java.util.List<DingTalkCallListener> listeners) {
        if (listeners.isEmpty()) {
            return NONE;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        java.util.List<DingTalkCallListener> copy = java.util.List.copyOf(listeners);
        return new DingTalkCallListener() {
            @Override
            public void onCall(String tenant, String api, long durationNanos, int effectiveErrcode) {
                copy.forEach(listener -> listener.onCall(tenant, api, durationNanos, effectiveErrcode));
            }

            @Override
            public void onRateLimitWait(String tenant, String api, long waitedNanos) {
                copy.forEach(listener -> listener.onRateLimitWait(tenant, api, waitedNanos));
            }

            @Override
            public void beforeCall(String tenant, String api) {
                copy.forEach(listener -> listener.beforeCall(tenant, api));
            }
        };
    }
}
