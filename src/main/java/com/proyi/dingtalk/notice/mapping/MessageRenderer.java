package com.proyi.dingtalk.notice.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.config.LinkBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one action entry of a checked mapping file into a DingTalk msg object (API.md 2.2). The message is
 * built as maps, never by joining JSON text, so quotes or markup in event values cannot break it.
 */
final class MessageRenderer {

    private static final String DEFAULT_COLOR = "FF3296FA";
    private static final int MAX_BUTTON_TITLE = 20;
    private static final int MAX_SINGLE_URL = 500;
    private static final int MAX_ACTION_URL = 700;
    private static final int MAX_BUTTON_LIST = 1000;
    private static final int MAX_MESSAGE_BYTES = 2048;
    /** DingTalk rejects a status bar for more recipients than this. */
    private static final int MAX_STATUS_BAR_RECIPIENTS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MappingFiles.MappingFile file;
    private final String actionKey;
    private final JsonNode action;
    private final EventValues values;
    private final int recipients;
    private final String baseUrl;
    private final FreeLoginLinks freeLogin;

    /**
     * The links a tap opens through the module's free-login page ({@code /dingtalk/h5/}), which logs
     * the person in (binding first if needed) and then lands on the ProYi page of the notice or
     * button for the platform (see {@link #target}); null: every link opens ProYi directly.
     */
    record FreeLoginLinks(String moduleUrl, String tenantId, long eventId) {
        String url(Integer button) {
            String base = moduleUrl.strip();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return base + "/dingtalk/h5/?" + ("default".equals(tenantId) ? "" : "tenantId=" + LinkBuilder.encode(tenantId) + "&")
                    + "notice=" + eventId + (button == null ? "" : "&button=" + button);
        }
    }

    MessageRenderer(MappingFiles.MappingFile file, String actionKey, EventValues values, int recipients,
                    String baseUrl, FreeLoginLinks freeLogin) {
        this.file = file;
        this.actionKey = actionKey;
        this.action = file.tree().path("actions").path(actionKey);
        this.values = values;
        this.recipients = recipients;
        this.baseUrl = baseUrl;
        this.freeLogin = freeLogin;
    }

    /**
     * The ProYi path (relative, as the mapping declares it) a tap on the notice ({@code button} null)
     * or on one of its buttons opens on the PC client or on the phone: the button's {@code pc_target}
     * or {@code target}, else the action's or file's {@code links.pc} or {@code links.mobile}.
     * Empty for a button the entry does not have.
     */
    java.util.Optional<String> target(Integer button, boolean pc) {
        if (button == null) {
            String mobile = path("mobile");
            String pcPage = pc ? path("pc") : null;
            return java.util.Optional.ofNullable(pcPage != null ? pcPage : mobile);
        }
        JsonNode declared = action.path("buttons");
        if (button < 0 || button >= declared.size()) {
            return java.util.Optional.empty();
        }
        JsonNode node = declared.get(button);
        String where = "buttons[" + button + "]";
        if (pc && node.has("pc_target")) {
            return java.util.Optional.of(rendered(node.get("pc_target").asText(), where(where + ".pc_target")));
        }
        if (node.has("target")) {
            return java.util.Optional.of(rendered(node.get("target").asText(), where(where + ".target")));
        }
        return target(null, pc);
    }

    /**
     * The DingTalk 待办 of the notice: its title as subject, and the page a tap opens on the phone and
     * on the PC, the same way the notice's own link does (through free login unless links are direct).
     */
    NoticeMappings.TodoTaskContent todoTask() {
        String subject = text(action.path("title").isTextual() ? action : file.tree(), "title", "title");
        String app;
        String pc;
        if (throughFreeLogin(directLinks())) {
            app = freeLogin.url(null);
            pc = LinkBuilder.pcSlide(app);
        } else {
            app = link("mobile");
            String pcPage = link("pc");
            pc = LinkBuilder.pcSlide(pcPage != null ? pcPage : app);
        }
        if (app == null) {
            throw new MappingException(where("links") + ": a to-do task needs a page to open (links.mobile)");
        }
        return new NoticeMappings.TodoTaskContent(subject.strip(), app, pc);
    }

    Map<String, Object> render() {
        String type = action.path("msgtype").asText();
        Map<String, Object> msg = map("msgtype", type, type, type.equals("oa") ? oa() : actionCard());
        int bytes = serialized(msg).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new MappingException(where("") + ": the message is " + bytes + " bytes, DingTalk accepts at most "
                    + MAX_MESSAGE_BYTES + "; shorten the texts or use shorter placeholders");
        }
        return msg;
    }

    private Map<String, Object> oa() {
        Map<String, Object> oa = new LinkedHashMap<>();
        if (throughFreeLogin(directLinks())) {
            oa.put("message_url", freeLogin.url(null));
            oa.put("pc_message_url", LinkBuilder.pcSlide(freeLogin.url(null)));
        } else {
            String mobile = link("mobile");
            oa.put("message_url", mobile);
            String pc = link("pc");
            oa.put("pc_message_url", LinkBuilder.pcSlide(pc != null ? pc : mobile));
        }
        oa.put("head", map("bgcolor", action.path("head_color").asText(DEFAULT_COLOR),
                "text", file.tree().path("title").asText()));
        JsonNode status = action.path("status");
        if (status.isObject() && recipients <= MAX_STATUS_BAR_RECIPIENTS) {
            oa.put("status_bar", map("status_value", text(status, "value", "status.value"),
                    "status_bg", "0x" + status.path("color").asText(DEFAULT_COLOR)));
        }
        oa.put("body", body());
        return oa;
    }

    private Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", text(action, "title", "title"));
        List<Map<String, Object>> form = new ArrayList<>();
        JsonNode rows = action.path("form");
        for (int i = 0; i < rows.size(); i++) {
            String value = text(rows.get(i), "value", "form[" + i + "].value");
            if (!value.isBlank()) {
                form.add(map("key", text(rows.get(i), "key", "form[" + i + "].key"), "value", value));
            }
        }
        putIfPresent(body, "form", form.isEmpty() ? null : form);
        putIfPresent(body, "rich", rich());
        putIfPresent(body, "content", optionalText("content"));
        putIfPresent(body, "author", optionalText("author"));
        return body;
    }

    private Map<String, Object> rich() {
        JsonNode rich = action.path("rich");
        if (!rich.isObject()) {
            return null;
        }
        String num = text(rich, "num", "rich.num");
        if (num.isBlank()) {
            return null;
        }
        return rich.has("unit") ? map("num", num, "unit", text(rich, "unit", "rich.unit")) : map("num", num);
    }

    private Map<String, Object> actionCard() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("title", text(action, "title", "title"));
        card.put("markdown", Template.parse(action.path("markdown").asText())
                .render(values, Escaping::markdown, where("markdown")));
        List<Map<String, Object>> buttons = buttons();
        if (buttons.size() == 1) {
            card.put("single_title", buttons.get(0).get("title"));
            card.put("single_url", limited((String) buttons.get(0).get("action_url"), MAX_SINGLE_URL, "buttons[0].target"));
            return card;
        }
        card.put("btn_orientation", "1");
        card.put("btn_json_list", buttons);
        int length = serialized(buttons).length();
        if (length > MAX_BUTTON_LIST) {
            throw new MappingException(where("buttons") + ": the button list is " + length
                    + " characters as JSON, DingTalk accepts at most " + MAX_BUTTON_LIST);
        }
        return card;
    }

    private List<Map<String, Object>> buttons() {
        List<Map<String, Object>> buttons = new ArrayList<>();
        JsonNode declared = action.path("buttons");
        for (int i = 0; i < declared.size(); i++) {
            JsonNode button = declared.get(i);
            String path = "buttons[" + i + "]";
            String target = throughFreeLogin(button.path("direct").asBoolean(false)) ? freeLogin.url(i)
                    : button.has("target") ? url(button.get("target").asText(), where(path + ".target"))
                    : link("mobile");
            buttons.add(map("title", cut(text(button, "title", path + ".title")),
                    "action_url", limited(LinkBuilder.pcSlide(target), MAX_ACTION_URL, path + ".target")));
        }
        return buttons;
    }

    private boolean throughFreeLogin(boolean direct) {
        return freeLogin != null && !direct;
    }

    /** links.direct of the action, else of the file: the notice's own links open ProYi directly. */
    private boolean directLinks() {
        JsonNode own = action.path("links").path("direct");
        return own.isBoolean() ? own.asBoolean() : file.tree().path("links").path("direct").asBoolean(false);
    }

    /** The action's own link of this kind, else the file's; null when neither declares one. */
    private String link(String kind) {
        String path = path(kind);
        return path == null ? null : LinkBuilder.absolute(baseUrl, path);
    }

    /** The action's own ProYi path of this kind, else the file's; null when neither declares one. */
    private String path(String kind) {
        JsonNode own = action.path("links").path(kind);
        if (own.isTextual()) {
            return rendered(own.asText(), where("links." + kind));
        }
        JsonNode shared = file.tree().path("links").path(kind);
        return shared.isTextual() ? rendered(shared.asText(), file.path() + " links." + kind) : null;
    }

    private String url(String template, String where) {
        return LinkBuilder.absolute(baseUrl, rendered(template, where));
    }

    private String rendered(String template, String where) {
        return Template.parse(template).render(values, LinkBuilder::encode, where);
    }

    private String text(JsonNode node, String key, String path) {
        return Template.parse(node.path(key).asText()).render(values, Escaping::text, where(path));
    }

    /** Null when the mapping has no such key or its text comes out blank, so the field is left out. */
    private String optionalText(String key) {
        String text = action.has(key) ? text(action, key, key) : "";
        return text.isBlank() ? null : text;
    }

    private String limited(String url, int max, String path) {
        if (url.length() > max) {
            throw new MappingException(where(path) + ": the link is " + url.length()
                    + " characters, DingTalk accepts at most " + max + ": " + url);
        }
        return url;
    }

    /** Button titles over DingTalk's limit are cut rather than failing the notice; the text is only a label. */
    private static String cut(String title) {
        if (title.codePointCount(0, title.length()) <= MAX_BUTTON_TITLE) {
            return title;
        }
        return title.substring(0, title.offsetByCodePoints(0, MAX_BUTTON_TITLE - 1)) + "…";
    }

    private String where(String path) {
        String entry = file.path() + " actions." + actionKey;
        return path.isEmpty() ? entry : entry + "." + path;
    }

    private static String serialized(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
