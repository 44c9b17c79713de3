package com.proyi.dingtalk.binding;

/** The reasons {@link BindingService#unbind} records in dingtalk_binding_audit.reason. */
public final class UnbindReasons {

    /** The person logged out of ProYi on mobile. */
    public static final String LOGOUT = "LOGOUT";
    /** The ProYi password changed (account event, or a stale fingerprint found at login). */
    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    /** The ProYi account was disabled or deleted. */
    public static final String REVOKED = "REVOKED";
    /** The HR record says the employee has resigned. */
    public static final String RESIGNED = "RESIGNED";
    /** An operator unbound the account through the admin API. */
    public static final String ADMIN = "ADMIN";
    /** The person left the DingTalk organisation (contacts sync). */
    public static final String LEFT_DINGTALK = "LEFT_DINGTALK";
    /** The DingTalk account was deactivated (contacts sync). */
    public static final String PARTNER_INACTIVE = "PARTNER_INACTIVE";

    private UnbindReasons() {
    }
}
