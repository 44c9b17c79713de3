package com.proyi.dingtalk.dingtalk.simulator;

import java.util.OptionalLong;

/**
 * What every authenticated call passes before its API runs, in this order: the per (app, API) QPS
 * limit, the organisation's monthly quota (throttled calls are therefore never counted), then the
 * app's permission point. Each gateway words a refusal in its own error shape.
 */
final class Admission {

    /** Why a call was refused. */
    sealed interface Refusal permits Throttled, QuotaSpent, NotPermitted {
    }

    /** Over the QPS limit; refused until {@code penaltyEndMillis}. */
    record Throttled(long penaltyEndMillis) implements Refusal {
    }

    /** The organisation's calls for this month are used up. */
    record QuotaSpent(long plan) implements Refusal {
    }

    /** The app lacks the permission point. */
    record NotPermitted(String permission) implements Refusal {
    }

    private final RateLimiter rateLimiter;
    private final MonthlyQuota quota;
    private final Permissions permissions;

    Admission(RateLimiter rateLimiter, MonthlyQuota quota, Permissions permissions) {
        this.rateLimiter = rateLimiter;
        this.quota = quota;
        this.permissions = permissions;
    }

    /** Null when the call may proceed (and has been counted), else the refusal. */
    Refusal admit(SimApp app, String api, Policy policy) {
        OptionalLong penaltyEnd = rateLimiter.acquire(app.appKey(), api);
        if (penaltyEnd.isPresent()) {
            return new Throttled(penaltyEnd.getAsLong());
        }
        if (policy.billed() && !quota.tryCount(app.corpId())) {
            return new QuotaSpent(quota.plan(app.corpId()));
        }
        if (!permissions.has(app.appKey(), policy.permission())) {
            return new NotPermitted(policy.permission());
        }
        return null;
    }
}
