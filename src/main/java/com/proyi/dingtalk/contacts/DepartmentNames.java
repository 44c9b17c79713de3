package com.proyi.dingtalk.contacts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns ProYi department and company names into names DingTalk accepts (1–64 characters, no
 * {@code -} and no ASCII or full-width comma), the same way every time: each refused character
 * becomes a space, runs of spaces become one, the ends are trimmed, and the result is cut to 64
 * characters. A name with nothing left becomes {@value #UNNAMED}.
 */
public final class DepartmentNames {

    static final String UNNAMED = "未命名";
    static final int MAX_LENGTH = 64;
    /** Separates levels in a ProYi department, e.g. {@code 总部/采购部}. */
    static final String LEVEL_SEPARATOR = "/";

    private static final Pattern REFUSED = Pattern.compile("[-,，]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private DepartmentNames() {
    }

    public static String clean(String name) {
        String cleaned = SPACES.matcher(REFUSED.matcher(name == null ? "" : name).replaceAll(" ")).replaceAll(" ").strip();
        if (cleaned.codePointCount(0, cleaned.length()) > MAX_LENGTH) {
            cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX_LENGTH)).strip();
        }
        return cleaned.isEmpty() ? UNNAMED : cleaned;
    }

    /** The cleaned levels of a department path below the portal's top department; empty levels are dropped. */
    static List<String> levels(String department) {
        List<String> levels = new ArrayList<>();
        if (department != null) {
            for (String level : department.split(LEVEL_SEPARATOR)) {
                if (!level.isBlank()) {
                    levels.add(clean(level));
                }
            }
        }
        return levels;
    }
}
