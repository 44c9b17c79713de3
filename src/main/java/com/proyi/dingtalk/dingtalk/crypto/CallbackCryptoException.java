package com.proyi.dingtalk.dingtalk.crypto;

/**
 * A callback that cannot be trusted or read, with the error code of DingTalk's own crypto library
 * (API.md §6.6) so that logs can be compared with DingTalk's documentation.
 */
public class CallbackCryptoException extends RuntimeException {

    public static final int BAD_AES_KEY = 900004;
    public static final int SIGNATURE_MISMATCH = 900005;
    public static final int ENCRYPT_FAILED = 900007;
    public static final int DECRYPT_FAILED = 900008;
    public static final int LENGTH_MISMATCH = 900009;
    public static final int OWNER_KEY_MISMATCH = 900010;

    private final int code;

    public CallbackCryptoException(int code, String message) {
        this(code, message, null);
    }

    public CallbackCryptoException(int code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
