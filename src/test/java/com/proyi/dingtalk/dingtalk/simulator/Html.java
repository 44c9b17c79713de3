package com.proyi.dingtalk.dingtalk.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Escaping and links for the simulator's pages: message content is untrusted, so nothing goes out unescaped. */
final class Html {

    /** Query parameters of dingtalk:// links that carry the real web address. */
    private static final List<String> TARGET_PARAMS = List.of("url", "redirect_url", "pcLink", "mobileLink");

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Only these become clickable; anything else (javascript:, data:, ...) is shown as text. */
    static boolean isClickable(String href) {
        String lower = href == null ? "" : href.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("dingtalk://");
    }

    /**
     * A link as the DingTalk client would follow it; for a dingtalk:// link, which browsers cannot
     * open, also the web page it wraps.
     */
    static void link(StringBuilder html, String label, String href, String cssClass) {
        if (!isClickable(href)) {
            html.append("<span class=\"").append(cssClass).append(" dead\">").append(escape(label)).append(": ")
                    .append(escape(href)).append("</span> ");
            return;
        }
        html.append("<a class=\"").append(cssClass).append("\" href=\"").append(escape(href)).append("\" title=\"")
                .append(escape(href)).append("\" target=\"_blank\" rel=\"noopener\">").append(escape(label)).append("</a>");
        browserTarget(href).ifPresent(target -> html.append("<a class=\"browser\" href=\"").append(escape(target))
                .append("\" target=\"_blank\" rel=\"noopener\">（在浏览器中打开）</a>"));
    }

    private static Optional<String> browserTarget(String href) {
        int query = href.indexOf('?');
        if (!href.toLowerCase(Locale.ROOT).startsWith("dingtalk://") || query < 0) {
            return Optional.empty();
        }
        for (String pair : href.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && TARGET_PARAMS.contains(pair.substring(0, eq))) {
                String target;
                try {
                    target = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEncoding) {
                    continue;
                }
                String lower = target.toLowerCase(Locale.ROOT);
                if (lower.startsWith("http://") || lower.startsWith("https://")) {
                    return Optional.of(target);
                }
            }
        }
        return Optional.empty();
    }
}
