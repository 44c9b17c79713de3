package com.proyi.dingtalk.binding;

/** A bind or login step that was refused; carries a stable code for ProYi and a message for the person (Chinese). */
public class BindRefusedException extends RuntimeException {

    /** Why, and the HTTP status it is answered with. */
    public enum Reason {
        INVALID_AUTH_CODE(401),
        UNKNOWN_TENANT(400),
        INVALID_BIND_TOKEN(401),
        WRONG_CREDENTIALS(401),
        LOCKED(423),
        ACCOUNT_DISABLED(403),
        RESIGNED(403),
        NO_HR_RECORD(409),
        ACCOUNT_TAKEN(409),
        DINGTALK_USER_TAKEN(409),
        /** ProYi could not check the password (its login API or database did not answer as expected). */
        PROYI_UNAVAILABLE(503);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public BindRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
