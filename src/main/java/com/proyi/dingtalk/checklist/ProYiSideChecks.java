package com.proyi.dingtalk.checklist;

import com.proyi.dingtalk.binding.BindingProperties;
import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.config.ProYiSqlProbe;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ProYi side: each route that runs SQL on ProYi's tables (route group proyi-sql), run as it
 * runs; a feed of document events (the outbox triggers, or the signed webhook: one is enough, so
 * each is essential only when the other is absent).
 */
@Component
public class ProYiSideChecks {

    static final int MIN_SECRET_LENGTH = 32;
    private static final int MIN_DISTINCT_CHARACTERS = 12;
    private static final String LOOKUP = "lookup-recipient-bindings";
    private static final String PASSWORD_IN_DATABASE = "check-password-in-database";

    private final JdbcTemplate jdbc;
    private final ProYiSqlProbe probe;
    private final ProYiProperties properties;
    private final BindingProperties binding;
    private final String triggerScript;

    public ProYiSideChecks(JdbcTemplate jdbc, ProYiSqlProbe probe, ProYiProperties properties,
                           BindingProperties binding) {
        this.jdbc = jdbc;
        this.probe = probe;
        this.properties = properties;
        this.binding = binding;
        this.triggerScript = properties.getSql().getDirectory() + "/proyi-outbox-triggers.mysql.sql";
    }

    public List<CheckItem> check() {
        List<CheckItem> items = new ArrayList<>(statements());
        String secret = properties.getWebhook().getSecret();
        boolean webhookSet = secret != null && !secret.isBlank();
        CheckItem triggers = triggers(!webhookSet);
        items.add(triggers);
        items.add(webhookSecret(secret, triggers.status() != CheckStatus.OK));
        items.add(contactTriggers());
        return items;
    }

    /** The contact triggers (sql/proyi-contact-triggers.mysql.sql); without them changes wait for the nightly sync. */
    private CheckItem contactTriggers() {
        String title = "通讯录变更触发器（写入 dingtalk_contact_change）";
        String script = properties.getSql().getDirectory() + "/proyi-contact-triggers.mysql.sql";
        List<String> tables;
        try {
            tables = jdbc.queryForList("SELECT DISTINCT EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA = DATABASE() AND ACTION_STATEMENT LIKE '%dingtalk_contact_change%'"
                    + " ORDER BY EVENT_OBJECT_TABLE", String.class);
        } catch (DataAccessException e) {
            return CheckItem.cannotCheck("proyi.contact-triggers", title, false,
                    "无法读取 information_schema.TRIGGERS：" + firstSentence(e.getMostSpecificCause().getMessage()),
                    "用有权读取 information_schema 的数据库账号运行，或在数据库中执行 SHOW TRIGGERS 手工核对");
        }
        if (tables.isEmpty()) {
            return CheckItem.missing("proyi.contact-triggers", title, false,
                    "没有触发器向 dingtalk_contact_change 写入：人员的变化要等每晚的通讯录对账才到钉钉",
                    "按 " + script + " 为人员档案和往来单位联系人表建立触发器（mysql -h 主机 -u 用户 -p 数据库 < " + script + "）");
        }
        return CheckItem.ok("proyi.contact-triggers", title, false, "已安装在表 " + String.join("、", tables));
    }

    /**
     * One item per route that runs SQL on ProYi's tables, each run as it runs (with a tenant that
     * matches no row, rolled back). Only the notice lookup is essential; the others serve one feature each.
     */
    private List<CheckItem> statements() {
        List<ProYiSqlProbe.Outcome> outcomes;
        try {
            outcomes = probe.probeAll();
        } catch (RuntimeException e) {
            return List.of(CheckItem.cannotCheck("proyi.sql", "过程易数据库", true,
                    "无法连接数据库：" + firstSentence(e.getMessage()),
                    "检查 spring.datasource.url / username / password 是否指向过程易的数据库"));
        }
        return outcomes.stream().filter(this::inUse).map(ProYiSideChecks::statement).toList();
    }

    /** With ProYi's login API checking passwords, the route that reads the stored hash is not used. */
    private boolean inUse(ProYiSqlProbe.Outcome outcome) {
        return !(PASSWORD_IN_DATABASE.equals(outcome.routeId())
                && binding.getPasswordCheck() == BindingProperties.PasswordCheck.HTTP);
    }

    private static CheckItem statement(ProYiSqlProbe.Outcome outcome) {
        String key = "proyi.sql." + outcome.routeId();
        String title = "过程易 SQL：路由 " + outcome.routeId();
        boolean essential = LOOKUP.equals(outcome.routeId());
        String where = outcome.source() == null ? "" : "（" + outcome.source() + "）";
        if (outcome.ok()) {
            return CheckItem.ok(key, title, essential, "在过程易数据库中运行正常" + where);
        }
        return CheckItem.wrong(key, title, essential, "数据库报错：" + outcome.error(),
                "修改路由 " + outcome.routeId() + where + " 中的 SQL，使其符合过程易实际的表和列；"
                        + "它接受的参数和须返回的结果列写在该路由的 description 中，步骤见 docs/adapting.md");
    }

    private CheckItem triggers(boolean essential) {
        String title = "单据事件触发器（写入 proyi_doc_event）";
        List<String> tables;
        try {
            tables = jdbc.queryForList("SELECT DISTINCT EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
                    + " WHERE TRIGGER_SCHEMA = DATABASE() AND ACTION_STATEMENT LIKE '%proyi_doc_event%'"
                    + " ORDER BY EVENT_OBJECT_TABLE", String.class);
        } catch (DataAccessException e) {
            return CheckItem.cannotCheck("proyi.outbox-triggers", title, essential,
                    "无法读取 information_schema.TRIGGERS：" + firstSentence(e.getMostSpecificCause().getMessage()),
                    "用有权读取 information_schema 的数据库账号运行，或在数据库中执行 SHOW TRIGGERS 手工核对");
        }
        if (tables.isEmpty()) {
            return CheckItem.missing("proyi.outbox-triggers", title, essential, "没有触发器向 proyi_doc_event 写入",
                    "按 " + triggerScript + " 为过程易的单据表建立触发器（mysql -h 主机 -u 用户 -p 数据库 < " + triggerScript
                            + "），或改用 webhook（设置 proyi.webhook.secret）");
        }
        return CheckItem.ok("proyi.outbox-triggers", title, essential, "已安装在表 " + String.join("、", tables));
    }

    /** Drivers append the whole statement to their messages; the reason is what comes before it. */
    private static String firstSentence(String message) {
        return message == null ? "" : message.split(";", 2)[0];
    }

    /** Never shows the secret: only whether it is set and how long it is. */
    private static CheckItem webhookSecret(String secret, boolean essential) {
        String title = "Webhook 密钥（proyi.webhook.secret）";
        String fix = "把 proyi.webhook.secret（环境变量 PROYI_WEBHOOK_SECRET）设为至少 " + MIN_SECRET_LENGTH
                + " 个字符的随机值，例如 openssl rand -hex 32 的输出，并在过程易的 webhook 设置中填入同一值";
        if (secret == null || secret.isBlank()) {
            return CheckItem.missing("proyi.webhook-secret", title, essential, "未设置，webhook 拒绝所有请求", fix);
        }
        long distinct = secret.chars().distinct().count();
        if (secret.length() < MIN_SECRET_LENGTH || distinct < MIN_DISTINCT_CHARACTERS) {
            return CheckItem.wrong("proyi.webhook-secret", title, essential,
                    "已设置，但太弱（" + secret.length() + " 个字符，" + distinct + " 种不同字符）", fix);
        }
        return CheckItem.ok("proyi.webhook-secret", title, essential, "已设置（" + secret.length() + " 个字符）");
    }
}
