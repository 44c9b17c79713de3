package com.proyi.dingtalk.dingtalk;

/**
 * A call of lower rank not made because the organisation's monthly budget runs low (see
 * {@link QuotaBudget}); what needs it should try again later. Retryable, never sent.
 */
public class QuotaHeldBackException extends DingTalkException {

    public QuotaHeldBackException(String api, String reason) {
        super(api, NO_ERRCODE, reason, 0, Kind.TRANSIENT, null);
    }
}
