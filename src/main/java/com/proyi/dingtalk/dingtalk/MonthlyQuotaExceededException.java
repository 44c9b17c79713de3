package com.proyi.dingtalk.dingtalk;

/**
 * The organisation's monthly API calls are used up (oapi 90020, API.md §8.3): every counted call
 * fails until the month turns (China time) or the plan is raised. Work should wait, not die.
 */
public class MonthlyQuotaExceededException extends DingTalkException {

    /** DingTalk's code for a spent monthly quota. */
    public static final int ERRCODE = 90020;

    public MonthlyQuotaExceededException(String api, String errmsg, Throwable cause) {
        super(api, ERRCODE, errmsg, 0, Kind.PERMANENT, cause);
    }
}
