package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The work-notification {@code msg} schema of API.md 2.2, enforced strictly: the real server's
 * behaviour on sloppy messages is undocumented, so anything the docs do not allow is refused
 * with 40035 and an errmsg that names the offending key.
 */
final class MessageValidator {

    static final int MAX_MSG_BYTES = 2048;
    static final List<String> TYPES = List.of("text", "image", "voice", "file", "link", "oa", "markdown", "action_card");

    private static final Pattern ARGB = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Pattern STATUS_BG = Pattern.compile("0x[0-9A-Fa-f]{8}");
    private static final Pattern VOICE_SECONDS = Pattern.compile("[1-9]|[1-5][0-9]");

    private MessageValidator() {
    }

    /** A valid message: its msgtype and its content in the key-order independent form flow control compares. */
    record Checked(String type, String content) {
    }

    /** Checks the whole message. */
    static Checked validate(JsonNode msg) {
        String type = requiredText(msg, "msg", "msgtype");
        if (!TYPES.contains(type)) {
            throw invalid("msg.msgtype 不支持: " + type + "，可选值 " + TYPES);
        }
        for (Iterator<String> names = msg.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("msgtype") && !name.equals(type)) {
                throw invalid("msg 只能包含 msgtype 和 " + type + "，多余字段: " + name);
            }
        }
        JsonNode content = requiredObject(msg, "msg", type);
        String where = "msg." + type;
        switch (type) {
            case "text" -> requiredText(content, where, "content");
            case "image", "file" -> requiredText(content, where, "media_id");
            case "voice" -> voice(content, where);
            case "link" -> List.of("messageUrl", "picUrl", "title", "text").forEach(key -> requiredText(content, where, key));
            case "markdown" -> List.of("title", "text").forEach(key -> requiredText(content, where, key));
            case "oa" -> oa(content, where);
            case "action_card" -> actionCard(content, where);
            default -> throw new IllegalStateException("msgtype without rules: " + type);
        }
        // Sorting keys keeps the length, so the canonical form measures the compact message too.
        String canonical = Json.canonical(msg);
        int bytes = canonical.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MSG_BYTES) {
            throw invalid("msg 过大: 序列化后 " + bytes + " 字节 (UTF-8)，上限 " + MAX_MSG_BYTES + " 字节");
        }
        return new Checked(type, canonical);
    }

    private static void voice(JsonNode voice, String where) {
        requiredText(voice, where, "media_id");
        // duration is a *string* holding whole seconds below 60
        if (!VOICE_SECONDS.matcher(requiredText(voice, where, "duration")).matches()) {
            throw invalid(where + ".duration 必须是小于60的正整数字符串");
        }
    }

    private static void oa(JsonNode oa, String where) {
        requiredText(oa, where, "message_url");
        optionalText(oa, where, "pc_message_url");
        JsonNode head = requiredObject(oa, where, "head");
        if (!ARGB.matcher(requiredText(head, where + ".head", "bgcolor")).matches()) {
            throw invalid(where + ".head.bgcolor 必须是8位十六进制 AARRGGBB (不带0x): " + head.get("bgcolor").asText());
        }
        requiredText(head, where + ".head", "text");
        if (oa.has("status_bar")) {
            JsonNode statusBar = requiredObject(oa, where, "status_bar");
            optionalText(statusBar, where + ".status_bar", "status_value");
            optionalText(statusBar, where + ".status_bar", "status_bg");
            if (statusBar.hasNonNull("status_bg")) {
                checkStatusBg(statusBar.get("status_bg").asText(), where + ".status_bar.status_bg");
            }
        }
        JsonNode body = requiredObject(oa, where, "body");
        String bodyWhere = where + ".body";
        List.of("title", "content", "image", "file_count", "author").forEach(key -> optionalText(body, bodyWhere, key));
        if (body.has("form")) {
            JsonNode form = body.get("form");
            if (!form.isArray()) {
                throw invalid(bodyWhere + ".form 必须是数组");
            }
            for (int i = 0; i < form.size(); i++) {
                String row = bodyWhere + ".form[" + i + "]";
                if (!form.get(i).isObject()) {
                    throw invalid(row + " 必须是 {key, value} 对象");
                }
                requiredText(form.get(i), row, "key");
                requiredText(form.get(i), row, "value");
            }
        }
        if (body.has("rich")) {
            JsonNode rich = requiredObject(body, bodyWhere, "rich");
            optionalText(rich, bodyWhere + ".rich", "num");
            optionalText(rich, bodyWhere + ".rich", "unit");
        }
    }

    /**
     * The status bar colour is documented as {@code 0xFF} + 6 hex digits, "recommended"; whether
     * other forms are refused is unconfirmed, so anything but {@code 0x} + 8 hex digits is.
     */
    static void checkStatusBg(String bg, String where) {
        if (!STATUS_BG.matcher(bg).matches()) {
            throw invalid(where + " 必须是 0x 加8位十六进制 (如 0xFFF65E5E): " + bg);
        }
    }

    private static void actionCard(JsonNode card, String where) {
        requiredText(card, where, "markdown");
        optionalText(card, where, "title");
        boolean whole = card.has("single_title") || card.has("single_url");
        boolean buttons = card.has("btn_orientation") || card.has("btn_json_list");
        if (whole == buttons) {
            throw invalid(where + " 必须二选一: 整体跳转 single_title+single_url，或独立跳转 btn_orientation+btn_json_list");
        }
        if (whole) {
            maxLength(requiredText(card, where, "single_title"), 20, where + ".single_title");
            maxLength(requiredText(card, where, "single_url"), 500, where + ".single_url");
            return;
        }
        String orientation = requiredText(card, where, "btn_orientation");
        if (!orientation.equals("0") && !orientation.equals("1")) {
            throw invalid(where + ".btn_orientation 只能是 \"0\"(竖直) 或 \"1\"(横向): " + orientation);
        }
        JsonNode list = card.get("btn_json_list");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw invalid(where + ".btn_json_list 必须是非空数组");
        }
        for (int i = 0; i < list.size(); i++) {
            String button = where + ".btn_json_list[" + i + "]";
            if (!list.get(i).isObject()) {
                throw invalid(button + " 必须是 {title, action_url} 对象");
            }
            maxLength(requiredText(list.get(i), button, "title"), 20, button + ".title");
            maxLength(requiredText(list.get(i), button, "action_url"), 700, button + ".action_url");
        }
        maxLength(Json.write(list), 1000, where + ".btn_json_list (序列化后)");
    }

    private static String requiredText(JsonNode parent, String where, String key) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            throw invalid("缺少 " + where + "." + key);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(where + "." + key + " 必须是非空字符串");
        }
        return value.asText();
    }

    private static void optionalText(JsonNode parent, String where, String key) {
        JsonNode value = parent.get(key);
        if (value != null && !value.isTextual()) {
            throw invalid(where + "." + key + " 必须是字符串");
        }
    }

    private static JsonNode requiredObject(JsonNode parent, String where, String key) {
        JsonNode value = parent.get(key);
        if (value == null || !value.isObject()) {
            throw invalid((value == null ? "缺少 " : "必须是对象: ") + where + "." + key);
        }
        return value;
    }

    /** Limits are in characters as the docs state them, counting a 汉字 or emoji as one. */
    private static void maxLength(String value, int max, String name) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw invalid(name + " 长度 " + length + " 超过上限 " + max);
        }
    }

    private static OapiException invalid(String errmsg) {
        return OapiException.invalidParam(errmsg);
    }
}
