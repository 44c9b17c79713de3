package com.proyi.dingtalk.checklist;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of the set-up checklist (工作检查表).
 *
 * @param key       stable identifier, e.g. {@code dingtalk.credentials}
 * @param title     what is checked, in Chinese
 * @param essential the checklist fails unless this item is ok
 * @param found     what the module saw; never a secret
 * @param fix       when not ok: where to change what, naming the console screen and the value
 */
public record CheckItem(String key, String title, boolean essential, CheckStatus status, String found, String fix) {

    public static CheckItem ok(String key, String title, boolean essential, String found) {
        return new CheckItem(key, title, essential, CheckStatus.OK, found, null);
    }

    public static CheckItem missing(String key, String title, boolean essential, String found, String fix) {
        return new CheckItem(key, title, essential, CheckStatus.MISSING, found, fix);
    }

    public static CheckItem wrong(String key, String title, boolean essential, String found, String fix) {
        return new CheckItem(key, title, essential, CheckStatus.WRONG, found, fix);
    }

    public static CheckItem cannotCheck(String key, String title, boolean essential, String found, String fix) {
        return new CheckItem(key, title, essential, CheckStatus.CANNOT_CHECK, found, fix);
    }

    @JsonProperty("statusLabel")
    public String statusLabel() {
        return status.label();
    }

    /** An essential item that is not ok: missing, wrong, or unverifiable because something it needs failed. */
    public boolean fails() {
        return essential && status != CheckStatus.OK;
    }
}
