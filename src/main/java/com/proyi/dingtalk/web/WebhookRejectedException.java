package com.proyi.dingtalk.web;

/** A webhook request refused before anything was stored; carries the HTTP status to answer. */
public class WebhookRejectedException extends RuntimeException {

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
