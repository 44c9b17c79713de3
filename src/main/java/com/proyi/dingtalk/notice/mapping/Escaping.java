package com.proyi.dingtalk.notice.mapping;

/**
 * How an event value is inserted into each kind of mapping text, so that whoever writes a ProYi document
 * cannot add links, images or formatting next to the mapping's own (raw insertion, {@code ${!name}}, is
 * for values a mapping trusts explicitly).
 */
final class Escaping {

    /** Characters with a meaning in DingTalk's markdown wherever they stand: emphasis, links, images, tags, tables. */
    private static final String MARKDOWN_INLINE = "\\`*_[]()<>!|~";
    /** Characters that start a heading, list or quote when a line begins with them. */
    private static final String MARKDOWN_LINE_START = "#-+>";

    private Escaping() {
    }

    /**
     * For plain-text fields (titles, form rows, content): control characters and bidirectional overrides,
     * which could disguise what the text says, are dropped; line breaks stay.
     */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().filter(c -> c == '\n' || !hidden(c)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * For markdown: markdown characters backslash-escaped and line breaks turned into spaces, so a value
     * stays inside the line the mapping put it in and renders as the text it is.
     */
    static String markdown(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int c = value.codePointAt(i);
            if (c == '\n' || c == '\r') {
                out.append(' ');
            } else if (!hidden(c)) {
                if (c < 128 && (MARKDOWN_INLINE.indexOf(c) >= 0 || lineStart && MARKDOWN_LINE_START.indexOf(c) >= 0)) {
                    out.append('\\');
                }
                out.appendCodePoint(c);
                lineStart &= Character.isWhitespace(c);
            }
        }
        return out.toString();
    }

    private static boolean hidden(int c) {
        return Character.getType(c) == Character.CONTROL || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
