package com.proyi.dingtalk.dingtalk;

/**
 * A call not made because this module's budget of calls per second for the API is spent
 * ({@link DingTalkClient#postWithoutQueueing}); DingTalk was not asked. Not retried here: the caller
 * answers at once, and the person tries again a moment later.
 */
public class DingTalkBusyException extends DingTalkException {

    public DingTalkBusyException(String api) {
        super(api, NO_ERRCODE, "not called: this second's calls to " + api + " are spent", 0, Kind.PERMANENT, null);
    }
}
