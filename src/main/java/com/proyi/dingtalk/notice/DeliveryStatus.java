package com.proyi.dingtalk.notice;

/** Outcome of one (event, recipient) in dingtalk_notice_delivery. */
public enum DeliveryStatus {
    /** DingTalk accepted the notice; task_id is set. Never sent again. */
    SENT,
    /** The account has no DingTalk user id; the notice waits for the account to bind. */
    UNBOUND,
    /** The last attempt failed with a retryable error; the event will be retried. */
    FAILED,
    /** Will not be sent (permanent error, or the event ran out of attempts). */
    DEAD,
    /**
     * DingTalk accepted the call but did not deliver to this recipient (getsendresult: unknown user,
     * flow control such as 143106 same content today or 143105 daily cap, delivery failed);
     * drop_code and last_error say why.
     */
    DROPPED
}
