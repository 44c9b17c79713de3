package com.proyi.dingtalk.dingtalk.simulator;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The page shown in demos at {@code /} and {@code /inbox}: what every simulated person sees in
 * DingTalk, their work notifications (newest first, drawn by {@link NoticeCard}) and their 待办
 * list. {@code ?user=<userid>} shows one person. Message content is untrusted, so everything is escaped.
 */
final class InboxPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkNotificationStore.CHINA);
    private static final Map<Integer, String> PRIORITIES = Map.of(10, "较低", 20, "普通", 30, "紧急", 40, "非常紧急");
    private static final String STYLE = """
            body{font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2329;background:#f5f6f7}
            header{background:#3370ff;color:#fff;padding:.8em 2em} header h1{font-size:1.2em;margin:0}
            nav{padding:.6em 2em;background:#fff;border-bottom:1px solid #e5e6eb} nav a{margin-right:1.2em;color:#245bdb;text-decoration:none}
            main{padding:1em 2em} .muted{color:#8f959e;font-size:.85em}
            section.person{background:#fff;border-radius:8px;padding:1em 1.5em;margin-bottom:1.2em;box-shadow:0 1px 3px rgba(0,0,0,.08)}
            section.person h2{font-size:1.1em;margin:.2em 0 .8em}
            .columns{display:flex;gap:1.5em;flex-wrap:wrap} .notices{flex:3;min-width:320px} .todos{flex:2;min-width:260px}
            h3{font-size:.95em;color:#646a73;margin:.2em 0 .6em}
            .card{border:1px solid #e5e6eb;border-radius:8px;margin-bottom:.8em;overflow:hidden;max-width:520px;background:#fff}
            .card .meta{font-size:.8em;padding:.4em .8em;background:#fafafa;border-bottom:1px solid #f0f0f0}
            .card .meta .type{background:#e1eaff;color:#245bdb;border-radius:4px;padding:0 .4em;margin-right:.5em}
            .card .meta .app{font-weight:600;margin-right:.3em} .card .state{float:right;font-weight:600}
            .card.unread .state{color:#f54a45} .card.read .state{color:#8f959e} .card.recalled .state{color:#8f959e}
            .card.recalled .body{opacity:.45;text-decoration:line-through}
            .recalled-note{padding:.5em .8em;color:#646a73;background:#f2f3f5;font-size:.9em}
            .body{padding:.6em .8em} .title{font-weight:600;margin-bottom:.4em}
            .oa-head{margin:-.6em -.8em .6em;padding:.5em .8em;color:#fff;background:#3370ff;font-weight:600}
            dl.form{margin:.3em 0} dl.form div{display:flex} dl.form dt{color:#8f959e;min-width:6em} dl.form dd{margin:0}
            .rich .num{font-size:1.6em;font-weight:600} .rich .unit{color:#646a73}
            .content{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden;margin:.3em 0}
            .author{color:#8f959e;font-size:.85em;text-align:right}
            .status-bar{border-top:1px solid #f0f0f0;margin:.6em -.8em -.6em;padding:.4em .8em;font-weight:600;color:#f54a45}
            .links a,.links span{margin-right:1em;font-size:.9em} .browser{font-size:.8em}
            .markdown p{margin:.3em 0} .markdown blockquote{margin:.3em 0;padding-left:.6em;border-left:3px solid #dee0e3;color:#646a73}
            .buttons{display:flex;flex-direction:column;border-top:1px solid #f0f0f0;margin:.6em -.8em -.6em}
            .buttons.horizontal{flex-direction:row} .buttons a.button,.buttons span.button{flex:1;text-align:center;padding:.5em;
              color:#245bdb;text-decoration:none;border-right:1px solid #f0f0f0} .buttons .browser{display:none}
            ul.todos{list-style:none;padding:0;margin:0} li.todo{border:1px solid #e5e6eb;border-radius:8px;padding:.6em .8em;margin-bottom:.6em}
            li.todo.done .subject{text-decoration:line-through;color:#8f959e} .check{margin-right:.4em}
            .tag{display:inline-block;font-size:.75em;border-radius:4px;padding:0 .4em;margin-left:.4em;background:#f2f3f5;color:#646a73}
            .tag.p30,.tag.p40{background:#fde2e2;color:#d83931}
            """;

    private final OrgDirectory directory;
    private final WorkNotificationStore notices;
    private final BiFunction<String, String, List<TodoTask>> todosOf;

    /** {@code todosOf} gives a person's live to-do tasks by corpId and unionId. */
    InboxPage(OrgDirectory directory, WorkNotificationStore notices, BiFunction<String, String, List<TodoTask>> todosOf) {
        this.directory = directory;
        this.notices = notices;
        this.todosOf = todosOf;
    }

    /** The page; {@code query} may hold {@code user=<userid>}. */
    String render(String query) {
        String only = userFilter(query);
        List<OrgDirectory.Member> members = directory.members().stream()
                .filter(member -> only == null || member.userId().equals(only)).toList();
        StringBuilder html = new StringBuilder(8192).append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"2\"><title>钉钉模拟器 · 工作通知与待办</title><style>").append(STYLE)
                .append("</style></head><body><header><h1>钉钉模拟器 · 工作通知与待办</h1></header><nav>");
        for (OrgDirectory.Member member : members) {
            html.append("<a href=\"?user=").append(Html.escape(URLEncoder.encode(member.userId(), StandardCharsets.UTF_8)))
                    .append("\">").append(Html.escape(member.name())).append("</a>");
        }
        html.append(only == null ? "" : "<a href=\"/\">全部</a>").append("</nav><main><p class=\"muted\">每 2 秒自动刷新。"
                + "每位模拟员工实际收到的工作通知（被限流或重复而丢弃的不显示）和他的待办。</p>");
        if (members.isEmpty()) {
            html.append("<p>还没有模拟用户。</p>");
        }
        members.forEach(member -> person(html, member));
        return html.append("</main></body></html>").toString();
    }

    private void person(StringBuilder html, OrgDirectory.Member member) {
        List<InboxEntry> inbox = notices.inbox(member.userId());
        long unread = inbox.stream().filter(entry -> !entry.read() && !entry.recalled()).count();
        List<TodoTask> todos = todosOf.apply(member.corpId(), member.unionId());
        html.append("<section class=\"person\" id=\"").append(Html.escape(member.userId())).append("\"><h2>").append(Html.escape(member.name()))
                .append(" <span class=\"muted\">userid: ").append(Html.escape(member.userId())).append(" · 企业: ")
                .append(Html.escape(member.corpId())).append(" · 共 ").append(inbox.size()).append(" 条 · 未读 ").append(unread)
                .append(" · 待办 ").append(todos.stream().filter(task -> !task.doneFor(member.unionId())).count())
                .append("</span></h2><div class=\"columns\"><div class=\"notices\"><h3>工作通知</h3>");
        if (inbox.isEmpty()) {
            html.append("<p class=\"muted\">暂无通知</p>");
        }
        for (int i = inbox.size() - 1; i >= 0; i--) {
            NoticeCard.render(html, inbox.get(i));
        }
        html.append("</div><div class=\"todos\"><h3>待办</h3>");
        if (todos.isEmpty()) {
            html.append("<p class=\"muted\">暂无待办</p>");
        } else {
            html.append("<ul class=\"todos\">");
            todos.forEach(task -> todo(html, task, member.unionId()));
            html.append("</ul>");
        }
        html.append("</div></div></section>");
    }

    private static void todo(StringBuilder html, TodoTask task, String unionId) {
        boolean done = task.doneFor(unionId);
        html.append("<li class=\"todo").append(done ? " done" : "").append("\" data-todo-id=\"").append(Html.escape(task.id()))
                .append("\"><span class=\"check\">").append(done ? "☑" : "☐").append("</span><span class=\"subject\">")
                .append(Html.escape(task.subject())).append("</span><span class=\"tag\">").append(role(task, unionId)).append("</span>");
        if (task.priority() != null) {
            html.append("<span class=\"tag p").append(task.priority()).append("\">")
                    .append(PRIORITIES.getOrDefault(task.priority(), String.valueOf(task.priority()))).append("</span>");
        }
        if ("READ".equals(task.todoType())) {
            html.append("<span class=\"tag\">待阅</span>");
        }
        if (task.dueTime() != null) {
            html.append("<div class=\"muted\">截止 ").append(TIME.format(Instant.ofEpochMilli(task.dueTime()))).append("</div>");
        }
        if (!task.contentFields().isEmpty()) {
            html.append("<dl class=\"form\">");
            task.contentFields().forEach(field -> html.append("<div><dt>").append(Html.escape(field.key())).append("</dt><dd>")
                    .append(Html.escape(field.value())).append("</dd></div>"));
            html.append("</dl>");
        }
        html.append("<div class=\"links\">");
        if (task.appUrl() != null) {
            Html.link(html, "手机端打开", task.appUrl(), "link");
        }
        if (task.pcUrl() != null) {
            Html.link(html, "电脑端打开", task.pcUrl(), "link");
        }
        html.append("</div><div class=\"muted\">").append(Html.escape(task.appKey())).append(" · 创建于 ")
                .append(TIME.format(task.createdAt())).append("</div></li>");
    }

    private static String role(TodoTask task, String unionId) {
        if (task.executorIds().contains(unionId)) {
            return "执行人";
        }
        return task.participantIds().contains(unionId) ? "参与人" : "创建人";
    }

    private static String userFilter(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("user=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
