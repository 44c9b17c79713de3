package com.proyi.dingtalk.contacts.events;

/** A callback request that is refused and changes nothing, with the HTTP status to answer. */
public class CallbackRejectedException extends RuntimeException {

    private final int status;

    public CallbackRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
