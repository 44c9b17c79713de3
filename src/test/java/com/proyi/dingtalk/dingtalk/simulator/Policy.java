package com.proyi.dingtalk.dingtalk.simulator;

/**
 * What the gateway checks before an API runs: whether it needs an access token, the permission
 * point (权限点) the app must hold (null: none beyond a valid token) and whether the call counts
 * toward the organisation's monthly quota (API.md §8.3: token, ticket, free-login and contact APIs
 * are exempt; everything else counts).
 */
record Policy(boolean needsToken, String permission, boolean billed) {

    /** No token needed and never counted: the token endpoints. */
    static Policy open() {
        return new Policy(false, null, false);
    }

    /** Needs a token and counts toward the monthly quota. */
    static Policy billed(String permission) {
        return new Policy(true, permission, true);
    }

    /** Needs a token; on §8.3's exempt list. */
    static Policy exempt(String permission) {
        return new Policy(true, permission, false);
    }
}
