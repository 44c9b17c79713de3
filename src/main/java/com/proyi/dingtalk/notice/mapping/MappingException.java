package com.proyi.dingtalk.notice.mapping;

/**
 * An event cannot be turned into a DingTalk message: no mapping, an invalid mapping file, or a value the
 * mapping needs is missing. It concerns that one event only; the message says what to fix and where.
 */
public class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
