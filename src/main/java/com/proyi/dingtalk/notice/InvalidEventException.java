package com.proyi.dingtalk.notice;

/** An event that can never be delivered as it stands (no recipients, broken fields JSON...). */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
