package com.proyi.dingtalk.dingtalk.simulator;

/**
 * What became of one event push: the HTTP status (0 if no answer), whether the reply was the
 * encrypted {@code success} DingTalk requires, and the raw answer for assertions.
 */
public record PushResult(int httpStatus, boolean acknowledged, String answer) {
}
