package com.proyi.dingtalk.security;

/** A webhook request refused before anything was stored; carries the HTTP status to answer. */
public class RefusedRequestException extends RuntimeException {

    private final int status;

    public RefusedRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
