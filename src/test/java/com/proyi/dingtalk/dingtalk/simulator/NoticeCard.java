package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One work notification drawn the way the DingTalk client shows it (API.md §2.2): an OA notice
 * with its head colour, form rows (six at most), rich number, content (three lines), author and
 * status bar; an action card with its markdown and buttons; markdown, text and link messages;
 * with the read, unread or recalled state. All content is escaped; markdown via {@link SafeMarkdown}.
 */
final class NoticeCard {

    static final int FORM_ROWS_SHOWN = 6;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(WorkNotificationStore.CHINA);
    private static final Pattern ARGB = Pattern.compile("(?:0x)?([0-9A-Fa-f]{2})([0-9A-Fa-f]{6})");
    private static final Map<String, String> TYPE_NAMES = Map.of(
            "text", "文本", "image", "图片", "voice", "语音", "file", "文件",
            "link", "链接", "oa", "OA", "markdown", "Markdown", "action_card", "卡片");

    private NoticeCard() {
    }

    static void render(StringBuilder html, InboxEntry entry) {
        String type = entry.msg().path("msgtype").asText();
        JsonNode content = entry.msg().path(type);
        String state = entry.recalled() ? "recalled" : entry.read() ? "read" : "unread";
        html.append("<article class=\"card ").append(state).append("\" data-task-id=\"").append(entry.taskId()).append("\">")
                .append("<div class=\"meta\"><span class=\"type\">").append(Html.escape(TYPE_NAMES.getOrDefault(type, type)))
                .append("</span><span class=\"app\">").append(Html.escape(entry.appKey())).append("</span> <span class=\"muted\">")
                .append(TIME.format(entry.at())).append(" · task ").append(entry.taskId()).append("</span><span class=\"state\">")
                .append(entry.recalled() ? "已撤回" : entry.read() ? "已读" : "未读").append("</span></div>");
        if (entry.recalled()) {
            html.append("<div class=\"recalled-note\">此消息已被撤回</div>");
        }
        html.append("<div class=\"body\">");
        switch (type) {
            case "oa" -> oa(html, content, entry);
            case "action_card" -> actionCard(html, content);
            case "markdown" -> html.append("<div class=\"title\">").append(Html.escape(content.path("title").asText()))
                    .append("</div><div class=\"markdown\">").append(SafeMarkdown.render(content.path("text").asText())).append("</div>");
            case "text" -> html.append("<div class=\"text\">").append(lines(content.path("content").asText())).append("</div>");
            case "link" -> link(html, content);
            default -> html.append("<div class=\"muted\">[").append(Html.escape(TYPE_NAMES.getOrDefault(type, type))).append("] ")
                    .append(Html.escape(content.path("media_id").asText())).append("</div>");
        }
        html.append("</div></article>");
    }

    /** DingTalk replaces head.text with the app's name on work notifications; the app key stands in for it. */
    private static void oa(StringBuilder html, JsonNode oa, InboxEntry entry) {
        html.append("<div class=\"oa-head\"").append(colour("background", oa.path("head").path("bgcolor").asText())).append('>')
                .append(Html.escape(entry.appKey())).append("</div><div class=\"oa-body\">");
        JsonNode body = oa.path("body");
        if (body.hasNonNull("title")) {
            html.append("<div class=\"title\">").append(Html.escape(body.path("title").asText())).append("</div>");
        }
        JsonNode form = body.path("form");
        if (form.isArray() && !form.isEmpty()) {
            html.append("<dl class=\"form\">");
            for (int i = 0; i < Math.min(FORM_ROWS_SHOWN, form.size()); i++) {
                html.append("<div><dt>").append(Html.escape(form.get(i).path("key").asText())).append("</dt><dd>")
                        .append(Html.escape(form.get(i).path("value").asText())).append("</dd></div>");
            }
            html.append("</dl>");
            if (form.size() > FORM_ROWS_SHOWN) {
                html.append("<div class=\"muted\">另有 ").append(form.size() - FORM_ROWS_SHOWN).append(" 行表单不显示</div>");
            }
        }
        if (body.has("rich")) {
            html.append("<div class=\"rich\"><span class=\"num\">").append(Html.escape(body.path("rich").path("num").asText()))
                    .append("</span> <span class=\"unit\">").append(Html.escape(body.path("rich").path("unit").asText())).append("</span></div>");
        }
        if (body.hasNonNull("content")) {
            html.append("<div class=\"content\">").append(lines(body.path("content").asText())).append("</div>");
        }
        if (body.hasNonNull("image")) {
            html.append("<div class=\"muted\">[图片] ").append(Html.escape(body.path("image").asText())).append("</div>");
        }
        if (body.hasNonNull("file_count")) {
            html.append("<div class=\"muted\">附件 ").append(Html.escape(body.path("file_count").asText())).append(" 个</div>");
        }
        if (body.hasNonNull("author")) {
            html.append("<div class=\"author\">").append(Html.escape(body.path("author").asText())).append("</div>");
        }
        html.append("</div><div class=\"links\">");
        Html.link(html, "手机端链接", oa.path("message_url").asText(), "link");
        if (oa.hasNonNull("pc_message_url")) {
            Html.link(html, "电脑端链接", oa.path("pc_message_url").asText(), "link");
        }
        html.append("</div>");
        // The status bar is the card's last line in the client.
        StatusBar bar = entry.statusBar();
        if (bar != null && bar.value() != null) {
            html.append("<div class=\"status-bar\"").append(colour("color", bar.bg())).append('>')
                    .append(Html.escape(bar.value())).append("</div>");
        }
    }

    private static void actionCard(StringBuilder html, JsonNode card) {
        if (card.hasNonNull("title")) {
            html.append("<div class=\"title\">").append(Html.escape(card.path("title").asText())).append("</div>");
        }
        html.append("<div class=\"markdown\">").append(SafeMarkdown.render(card.path("markdown").asText())).append("</div>");
        boolean horizontal = "1".equals(card.path("btn_orientation").asText());
        html.append("<div class=\"buttons").append(horizontal ? " horizontal" : "").append("\">");
        if (card.has("single_url")) {
            Html.link(html, card.path("single_title").asText(), card.path("single_url").asText(), "button");
        }
        card.path("btn_json_list").forEach(button ->
                Html.link(html, button.path("title").asText(), button.path("action_url").asText(), "button"));
        html.append("</div>");
    }

    private static void link(StringBuilder html, JsonNode link) {
        html.append("<div class=\"title\">").append(Html.escape(link.path("title").asText())).append("</div><div class=\"text\">")
                .append(lines(link.path("text").asText())).append("</div><div class=\"muted\">[图片] ")
                .append(Html.escape(link.path("picUrl").asText())).append("</div><div class=\"links\">");
        Html.link(html, "打开链接", link.path("messageUrl").asText(), "link");
        html.append("</div>");
    }

    private static String lines(String text) {
        return Html.escape(text).replace("\n", "<br>");
    }

    /** An AARRGGBB colour (OA head, or 0x-prefixed for the status bar) as CSS #RRGGBBAA; nothing if malformed. */
    private static String colour(String property, String argb) {
        if (argb == null) {
            return "";
        }
        Matcher matcher = ARGB.matcher(argb);
        return matcher.matches() ? " style=\"" + property + ":#" + matcher.group(2) + matcher.group(1) + "\"" : "";
    }
}
