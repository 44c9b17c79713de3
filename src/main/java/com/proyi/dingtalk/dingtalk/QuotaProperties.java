package com.proyi.dingtalk.dingtalk;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The organisation's monthly API-call budget (dingtalk.quota.*, API.md §8.3): a standard-edition
 * organisation has 5,000 counted calls per calendar month for all its apps; past it every counted
 * call fails with 90020. The module counts its own calls and stops lower-ranked work first.
 */
@Validated
@ConfigurationProperties("dingtalk.quota")
public class QuotaProperties {

    /** The organisation's plan: standard (5,000 calls a month), unlimited, or a number of calls a month. */
    @NotBlank
    @Pattern(regexp = "standard|unlimited|[1-9][0-9]{0,12}", message = "must be standard, unlimited or a number of calls")
    private String plan = "standard";

    /** The plan per tenant where it differs (tenant id to plan, same values as plan). */
    private Map<String, String> plans = new LinkedHashMap<>();

    /** Percent of the plan used at which health, console and log warn. */
    @Min(1) @Max(100) private int warnAtPercent = 70;

    /** Percent of the plan used at which DingTalk 待办 (to-do task) calls stop, keeping the rest for notices. */
    @Min(1) @Max(100) private int todoStopAtPercent = 90;

    /** Percent of the plan used at which send-result reads, status bar updates and recalls stop. */
    @Min(1) @Max(100) private int followupStopAtPercent = 80;

    /** After a 90020, how long counted calls are refused without asking DingTalk; then one call probes again. */
    @NotNull private Duration exhaustedRecheck = Duration.ofMinutes(10);

    /** How often this instance adds its counted calls to the shared count in the database. */
    @NotNull private Duration flushInterval = Duration.ofSeconds(5);

    public String getPlan() {
        return plan;
    }

    public void setPlan(String plan) {
        this.plan = plan;
    }

    public Map<String, String> getPlans() {
        return plans;
    }

    public void setPlans(Map<String, String> plans) {
        this.plans = plans;
    }

    public int getWarnAtPercent() {
        return warnAtPercent;
    }

    public void setWarnAtPercent(int warnAtPercent) {
        this.warnAtPercent = warnAtPercent;
    }

    public int getTodoStopAtPercent() {
        return todoStopAtPercent;
    }

    public void setTodoStopAtPercent(int todoStopAtPercent) {
        this.todoStopAtPercent = todoStopAtPercent;
    }

    public int getFollowupStopAtPercent() {
        return followupStopAtPercent;
    }

    public void setFollowupStopAtPercent(int followupStopAtPercent) {
        this.followupStopAtPercent = followupStopAtPercent;
    }

    public Duration getExhaustedRecheck() {
        return exhaustedRecheck;
    }

    public void setExhaustedRecheck(Duration exhaustedRecheck) {
        this.exhaustedRecheck = exhaustedRecheck;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    /** Calls a month for the plan text; {@link Long#MAX_VALUE} for unlimited. */
    static long calls(String plan) {
        return switch (plan) {
            case "standard" -> 5_000;
            case "unlimited" -> Long.MAX_VALUE;
            default -> Long.parseLong(plan);
        };
    }
}
