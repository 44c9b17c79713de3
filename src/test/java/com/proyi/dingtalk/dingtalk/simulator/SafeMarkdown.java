package com.proyi.dingtalk.dingtalk.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markdown DingTalk renders in markdown messages and action cards (API.md §2.2: headings,
 * quotes, bold, italic, links, images, lists, line breaks), turned into HTML that cannot carry
 * script: every piece of text is escaped before any tag is added, and only http(s) and
 * dingtalk: links become links. Images are shown as links, not loaded.
 */
final class SafeMarkdown {

    private static final Pattern LINK = Pattern.compile("(!?)\\[([^\\]]*)\\]\\(([^)\\s]*)\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])[*_](?!\\s)(.+?)(?<!\\s)[*_](?![*\\w])");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(.*)");
    private static final Pattern BULLET = Pattern.compile("[-*+]\\s+(.*)");
    private static final Pattern NUMBERED = Pattern.compile("\\d+[.)]\\s+(.*)");

    private SafeMarkdown() {
    }

    static String render(String markdown) {
        StringBuilder html = new StringBuilder();
        String openList = null;
        boolean inParagraph = false;
        for (String raw : markdown.replace("\r\n", "\n").split("\n", -1)) {
            String line = raw.strip();
            Matcher heading = HEADING.matcher(line);
            Matcher bullet = BULLET.matcher(line);
            Matcher numbered = NUMBERED.matcher(line);
            String list = bullet.matches() ? "ul" : numbered.matches() ? "ol" : null;
            if (openList != null && !openList.equals(list)) {
                html.append("</").append(openList).append('>');
                openList = null;
            }
            if (inParagraph && (line.isEmpty() || list != null || heading.matches() || line.startsWith(">"))) {
                html.append("</p>");
                inParagraph = false;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (heading.matches()) {
                int level = Math.min(6, heading.group(1).length() + 2);
                html.append("<h").append(level).append('>').append(inline(heading.group(2))).append("</h").append(level).append('>');
            } else if (list != null) {
                if (openList == null) {
                    html.append('<').append(list).append('>');
                    openList = list;
                }
                html.append("<li>").append(inline((bullet.matches() ? bullet : numbered).group(1))).append("</li>");
            } else if (line.startsWith(">")) {
                html.append("<blockquote>").append(inline(line.substring(1).strip())).append("</blockquote>");
            } else {
                html.append(inParagraph ? "<br>" : "<p>").append(inline(line));
                inParagraph = true;
            }
        }
        if (inParagraph) {
            html.append("</p>");
        }
        if (openList != null) {
            html.append("</").append(openList).append('>');
        }
        return html.toString();
    }

    /** Links are cut out first, so their addresses are never touched by the emphasis rules. */
    private static String inline(String text) {
        StringBuilder html = new StringBuilder();
        Matcher link = LINK.matcher(text);
        int from = 0;
        while (link.find()) {
            html.append(emphasis(text.substring(from, link.start())));
            String label = link.group(2).isEmpty() ? link.group(3) : link.group(2);
            String href = link.group(3);
            if (Html.isClickable(href)) {
                html.append("<a href=\"").append(Html.escape(href)).append("\" target=\"_blank\" rel=\"noopener\">")
                        .append(link.group(1).isEmpty() ? emphasis(label) : "[图片] " + Html.escape(label)).append("</a>");
            } else {
                html.append(Html.escape(link.group(0)));
            }
            from = link.end();
        }
        return html.append(emphasis(text.substring(from))).toString();
    }

    /** Escaped first: the escaped text has no angle brackets or quotes, so the tags added here are the only ones. */
    private static String emphasis(String text) {
        String escaped = Html.escape(text);
        escaped = CODE.matcher(escaped).replaceAll("<code>$1</code>");
        escaped = BOLD.matcher(escaped).replaceAll("<b>$1</b>");
        return ITALIC.matcher(escaped).replaceAll("<i>$1</i>");
    }
}
