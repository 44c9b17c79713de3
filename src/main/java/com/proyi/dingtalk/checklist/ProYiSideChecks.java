package com.proyi.dingtalk.checklist;

import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.config.TableColumns;
import com.proyi.dingtalk.contacts.SyncProperties;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ProYi side: the HR table with its login and DingTalk columns, a feed of document events
 * (the outbox triggers, or the signed webhook: one is enough, so each is essential only when the
 * other is absent), and the tables that binding and the contact sync read.
 */
@Component
public class ProYiSideChecks {

    static final int MIN_SECRET_LENGTH = 32;
    private static final int MIN_DISTINCT_CHARACTERS = 12;
    private static final String TRIGGER_SCRIPT = "sql/proyi-outbox-triggers.mysql.sql";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final ProYiProperties properties;
    private final String partnerTable;

    public ProYiSideChecks(DataSource dataSource, JdbcTemplate jdbc, ProYiProperties properties,
                           SyncProperties sync) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.properties = properties;
        this.partnerTable = sync.getPartners().getTable();
    }

    public List<CheckItem> check() {
        List<CheckItem> items = new ArrayList<>();
        items.add(hrTable());
        String secret = properties.getWebhook().getSecret();
        boolean webhookSet = secret != null && !secret.isBlank();
        CheckItem triggers = triggers(!webhookSet);
        items.add(triggers);
        items.add(webhookSecret(secret, triggers.status() != CheckStatus.OK));
        items.add(table("proyi.user-table", "过程易用户表（绑定时核对密码）", "proyi_user",
                List.of("tenant_id", "account", "password_hash", "status"),
                "绑定和离职检查读取此表；过程易的用户表名称或列不同时，修改 routes/resignations.camel.yaml 的 SQL"
                        + " 与绑定设置，使其读取过程易实际的用户表"));
        items.add(table("proyi.partner-table", "客户/供应商联系人表（通讯录同步）", partnerTable,
                List.of("tenant_id", "kind", "status"),
                "通讯录同步读取此表；设置 proyi.sync.partners.table，或修改 routes/contacts-sync.camel.yaml 的 SQL"));
        return items;
    }

    /** A table a feature reads; not essential, since only that feature needs it. */
    private CheckItem table(String key, String title, String table, List<String> required, String fix) {
        Set<String> columns;
        try {
            columns = TableColumns.of(dataSource, table);
        } catch (SQLException | DataAccessException e) {
            return CheckItem.cannotCheck(key, title, false, "无法读取数据库结构：" + firstSentence(e.getMessage()), fix);
        }
        if (columns.isEmpty()) {
            return CheckItem.missing(key, title, false, "数据库中没有表 " + table, fix);
        }
        List<String> missing = required.stream().filter(column -> !columns.contains(column)).toList();
        if (!missing.isEmpty()) {
            return CheckItem.wrong(key, title, false, "表 " + table + " 缺少列 " + missing, fix);
        }
        return CheckItem.ok(key, title, false, "表 " + table);
    }

    private CheckItem hrTable() {
        ProYiProperties.Hr hr = properties.getHr();
        String title = "人员档案表及其登录账号、钉钉ID列";
        Set<String> columns;
        try {
            columns = TableColumns.of(dataSource, hr.getTable());
        } catch (SQLException | DataAccessException e) {
            return CheckItem.cannotCheck("proyi.hr-table", title, true, "无法读取数据库结构：" + e.getMessage(),
                    "检查 spring.datasource.url / username / password 是否指向过程易的数据库");
        }
        if (columns.isEmpty()) {
            return CheckItem.missing("proyi.hr-table", title, true, "数据库中没有表 " + hr.getTable(),
                    "把 proyi.hr.table 设为过程易人员档案表的表名");
        }
        List<String> missing = hr.missingColumns(columns);
        if (!missing.isEmpty()) {
            return CheckItem.wrong("proyi.hr-table", title, true, "表 " + hr.getTable() + " 缺少列 " + missing,
                    "把相应属性设为表 " + hr.getTable() + " 中实际的列名；现有列：" + columns);
        }
        return CheckItem.ok("proyi.hr-table", title, true,
                hr.getTable() + "." + hr.getLoginColumn() + " → " + hr.getTable() + "." + hr.getDingtalkColumn());
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
                    "按 " + TRIGGER_SCRIPT + " 为过程易的单据表建立触发器（mysql -h 主机 -u 用户 -p 数据库 < " + TRIGGER_SCRIPT
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
