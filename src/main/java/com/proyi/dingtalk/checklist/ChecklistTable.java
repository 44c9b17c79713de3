package com.proyi.dingtalk.checklist;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The checklist as a table for a terminal: one line per item, the fix indented below it. */
final class ChecklistTable {

    private static final int TITLE_WIDTH = 34;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private ChecklistTable() {
    }

    static String render(ChecklistReport report) {
        StringBuilder out = new StringBuilder("过程易 ↔ 钉钉 设置检查表（")
                .append(TIME.format(report.checkedAt().atZone(ZoneId.systemDefault()))).append("）\n");
        for (ChecklistReport.Section section : report.sections()) {
            out.append('\n').append(section.name()).append('\n');
            for (CheckItem item : section.items()) {
                out.append("  ").append(pad("[" + item.statusLabel() + "]", 12))
                        .append(item.essential() ? "* " : "  ")
                        .append(pad(item.title(), TITLE_WIDTH)).append(' ')
                        .append(item.found() == null ? "" : item.found()).append('\n');
                if (item.fix() != null && item.status() != CheckStatus.OK) {
                    out.append(" ".repeat(16)).append("→ ").append(item.fix()).append('\n');
                }
            }
        }
        out.append('\n').append(report.passed()
                ? "结论：必需项（标 * ）全部通过"
                : "结论：" + report.failures() + " 个必需项（标 * ）缺失、错误或无法检查").append('\n');
        return out.toString();
    }

    /** Pads to a terminal width where CJK and full-width characters take two columns. */
    static String pad(String text, int width) {
        int used = text.codePoints().map(ChecklistTable::columns).sum();
        return used >= width ? text : text + " ".repeat(width - used);
    }

    private static int columns(int codePoint) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        boolean wide = block == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
        return wide ? 2 : 1;
    }
}
