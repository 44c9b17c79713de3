package com.proyi.dingtalk.checklist;

/** Outcome of one checklist item, with the word an operator sees on the console and the terminal. */
public enum CheckStatus {
    OK("正常"),
    MISSING("缺失"),
    WRONG("错误"),
    /** The module has no way to verify this from the server; the item says how to check it by hand. */
    CANNOT_CHECK("无法检查");

    private final String label;

    CheckStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
