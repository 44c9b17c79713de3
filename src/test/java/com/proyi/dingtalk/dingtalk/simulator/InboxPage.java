package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The page shown in demos: every simulated user's received notices, newest first, with the links
 * a DingTalk client would open. Message content is untrusted input, so everything is escaped and
 * only http(s) and dingtalk: links become clickable.
 */
final class InboxPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(WorkNotificationStore.CHINA);
    private static final Map<String, String> TYPE_NAMES = Map.of(
            "text", "文本", "image", "图片", "voice", "语音", "file", "文件",
            "link", "链接", "oa", "OA", "markdown", "Markdown", "action_card", "卡片");
    /** Query parameters of dingtalk:// links that carry the real web address. */
    private static final List<String> TARGET_PARAMS = List.of("url", "redirect_url", "pcLink", "mobileLink");

    private record Link(String label, String href) {
    }

    private final OrgDirectory directory;
    private final WorkNotificationStore store;

    InboxPage(OrgDirectory directory, WorkNotificationStore store) {
        this.directory = directory;
        this.store = store;
    }

    String render() {
        List<OrgDirectory.Member> members = directory.members();
        StringBuilder html = new StringBuilder(4096).append("""
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
                <title>钉钉模拟器 · 工作通知</title>
                <style>
                body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:2em;color:#1f2329;background:#f5f6f7}
                section{background:#fff;border-radius:8px;padding:1em 1.5em;margin-bottom:1em;box-shadow:0 1px 3px rgba(0,0,0,.08)}
                h2{font-size:1.1em;margin:.2em 0 .6em} .muted{color:#8f959e;font-size:.9em}
                ul{list-style:none;padding:0;margin:0} li{border-top:1px solid #eee;padding:.6em 0}
                .type{display:inline-block;background:#e1eaff;color:#245bdb;border-radius:4px;padding:0 .4em;margin-right:.5em;font-size:.85em}
                .links a{margin-right:1em}
                </style></head><body>
                <h1>钉钉模拟器 · 工作通知</h1>
                <p class="muted">每 2 秒自动刷新。以下是每位模拟用户实际收到的工作通知（被限流或重复而丢弃的不显示）。</p>
                """);
        if (members.isEmpty()) {
            html.append("<p>还没有模拟用户。</p>");
        }
        for (OrgDirectory.Member member : members) {
            List<InboxEntry> inbox = new ArrayList<>(store.inbox(member.userId()));
            html.append("<section><h2>").append(escape(member.name())).append(" <span class=\"muted\">userid: ")
                    .append(escape(member.userId())).append(" · 企业: ").append(escape(member.corpId()))
                    .append(" · 共 ").append(inbox.size()).append(" 条</span></h2>");
            if (inbox.isEmpty()) {
                html.append("<p class=\"muted\">暂无通知</p>");
            } else {
                html.append("<ul>");
                for (int i = inbox.size() - 1; i >= 0; i--) {
                    appendEntry(html, inbox.get(i));
                }
                html.append("</ul>");
            }
            html.append("</section>");
        }
        return html.append("</body></html>").toString();
    }

    private static void appendEntry(StringBuilder html, InboxEntry entry) {
        String type = entry.msg().path("msgtype").asText();
        html.append("<li><span class=\"type\">").append(escape(TYPE_NAMES.getOrDefault(type, type))).append("</span><b>")
                .append(escape(title(type, entry.msg().path(type)))).append("</b> <span class=\"muted\">")
                .append(TIME.format(entry.at())).append(" · 应用 ").append(escape(entry.appKey()))
                .append(" · task ").append(entry.taskId()).append("</span>");
        List<Link> links = links(type, entry.msg().path(type));
        if (!links.isEmpty()) {
            html.append("<div class=\"links\">");
            for (Link link : links) {
                appendLink(html, link);
            }
            html.append("</div>");
        }
        html.append("</li>");
    }

    private static String title(String type, JsonNode content) {
        String title = switch (type) {
            case "text" -> content.path("content").asText();
            case "link", "markdown" -> content.path("title").asText();
            case "action_card" -> content.path("title").asText(content.path("markdown").asText());
            case "oa" -> content.path("body").path("title").asText(content.path("body").path("content").asText());
            default -> "[" + TYPE_NAMES.getOrDefault(type, type) + "]";
        };
        return title.length() > 80 ? title.substring(0, 80) + "…" : title;
    }

    private static List<Link> links(String type, JsonNode content) {
        List<Link> links = new ArrayList<>();
        switch (type) {
            case "link" -> links.add(new Link("打开链接", content.path("messageUrl").asText()));
            case "oa" -> {
                links.add(new Link("手机端链接", content.path("message_url").asText()));
                if (content.hasNonNull("pc_message_url")) {
                    links.add(new Link("电脑端链接", content.path("pc_message_url").asText()));
                }
            }
            case "action_card" -> {
                if (content.has("single_url")) {
                    links.add(new Link(content.path("single_title").asText(), content.path("single_url").asText()));
                }
                content.path("btn_json_list").forEach(button ->
                        links.add(new Link(button.path("title").asText(), button.path("action_url").asText())));
            }
            default -> {
                // text, image, voice, file and markdown carry no click target
            }
        }
        return links;
    }

    private static void appendLink(StringBuilder html, Link link) {
        if (!isClickable(link.href())) {
            html.append("<span>").append(escape(link.label())).append(": ").append(escape(link.href())).append("</span> ");
            return;
        }
        html.append("<a href=\"").append(escape(link.href())).append("\" title=\"").append(escape(link.href()))
                .append("\" target=\"_blank\" rel=\"noopener\">").append(escape(link.label())).append("</a>");
        // Browsers cannot open dingtalk:// links, so offer the page they wrap as well.
        browserTarget(link.href()).ifPresent(target -> html.append("<a href=\"").append(escape(target))
                .append("\" target=\"_blank\" rel=\"noopener\">（在浏览器中打开）</a>"));
    }

    private static boolean isClickable(String href) {
        String lower = href.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("dingtalk://");
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

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
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
}
