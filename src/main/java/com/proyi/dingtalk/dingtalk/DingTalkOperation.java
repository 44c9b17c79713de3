package com.proyi.dingtalk.dingtalk;

/** What a {@code dingtalk:} endpoint does; the part of its URI after the scheme. */
public enum DingTalkOperation {

    /** A work notification (工作通知) to 1 to 100 users: asyncsend_v2. */
    sendWorkNotification,

    /** Any oapi call, named by the endpoint's {@code path} option. */
    oapi
}
