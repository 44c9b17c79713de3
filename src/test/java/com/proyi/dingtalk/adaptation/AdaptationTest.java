package com.proyi.dingtalk.adaptation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.binding.BindingTestSupport;
import com.proyi.dingtalk.support.AdminApi;
import com.proyi.dingtalk.support.MysqlScript;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.DigestUtils;

/**
 * The module on a ProYi whose tables are named otherwise (src/test/resources/adapted-proyi/schema.sql):
 * HR record hr_archive(login_name, dd_userid, emp_state), users sys_user with MD5 passwords,
 * partner contacts crm_linkman, account events sys_account_log. Copies of routes/, sql/ and
 * mappings/ are adapted by text replacement, as a team would edit them, and the module is started
 * on them with properties alone, in a database that has none of the reference ProYi tables. No
 * Java changes: every feature that touches ProYi's tables has to work from the copies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdaptationTest extends BindingTestSupport {

    private static final String DATABASE = System.getProperty("proyi.test.database", "proyi_it") + "_adapted";
    private static final String URL = "jdbc:mysql://127.0.0.1:3306/" + DATABASE + "?useSSL=false&allowPublicKeyRetrieval=true";

    @TempDir
    static Path installation;
    private static ConfigurableApplicationContext adapted;
    private static JdbcTemplate proyi;
    private static int adaptedPort;

    /**
     * Once, and only after this test's own context is up: camel-test prepares the Camel contexts of
     * the JVM while it loads that one, which would stop an instance started before.
     */
    private static void adaptAndStart() throws Exception {
        createDatabase();
        proyi = new JdbcTemplate(new DriverManagerDataSource(URL, "root", ""));
        MysqlScript.run(proyi, Path.of("src/test/resources/adapted-proyi/schema.sql"));
        copy("routes");
        copy("sql");
        copy("mappings");
        adaptRoutes();
        adaptSql();
        seedProYi();
        adapted = startAnotherInstance(
                "--spring.datasource.url=" + URL,
                "--spring.flyway.locations=classpath:db/migration",
                "--proyi.routes.directory=" + installation.resolve("routes"),
                "--camel.main.routes-include-pattern=file:" + installation.resolve("routes") + "/*.camel.yaml",
                "--proyi.sql.directory=" + installation.resolve("sql"),
                "--proyi.mappings.directory=" + installation.resolve("mappings"));
        adaptedPort = ((WebServerApplicationContext) adapted).getWebServer().getPort();
        MysqlScript.run(proyi, installation.resolve("sql/proyi-account-triggers.mysql.sql"));
    }

    @AfterAll
    static void stop() {
        if (adapted != null) {
            adapted.close();
        }
    }

    /** BindingTestSupport's HTTP helpers talk to the adapted instance. */
    @BeforeEach
    void talkToTheAdaptedInstance() throws Exception {
        if (adapted == null) {
            adaptAndStart();
        }
        port = adaptedPort;
    }

    @Test
    @Order(1)
    void theChecklistRunsEveryAdaptedStatement() throws Exception {
        JsonNode checklist = JSON.readTree(admin().get("/api/admin/checklist").body());

        assertThat(checklist.findValues("items")).isNotEmpty();
        assertThat(checklist.findParents("key")).filteredOn(item -> item.path("key").asText().startsWith("proyi.sql."))
                .hasSizeGreaterThan(15)
                .allSatisfy(item -> assertThat(item.path("status").asText()).as(item.toString()).isEqualTo("OK"));
    }

    @Test
    @Order(2)
    void aNoticeReachesTheDingTalkIdInHrArchive() {
        simulator.addUser(CORP, "u_zhang", "张三");
        proyi.update("INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, sender, recipients)"
                + " VALUES ('default', 'purchase_order', 'po-adapt-1', 'PO-ADAPT-1', 'todo', '采购订单待审批', 'boss', 'zhang')");

        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(proyi.queryForObject(
                "SELECT status FROM proyi_doc_event WHERE doc_id = 'po-adapt-1'", String.class)));
        assertThat(proyi.queryForObject("SELECT CONCAT(dingtalk_userid, ' ', status) FROM dingtalk_notice_delivery"
                + " WHERE account = 'zhang'", String.class)).isEqualTo("u_zhang SENT");
    }

    @Test
    @Order(3)
    void bindingChecksTheMd5PasswordOfSysUserAndWritesHrArchive() throws Exception {
        simulator.addUser(CORP, "u_li", "李四");

        assertThat(bindFirstTime("u_li", "li", "wrong").text("error")).isEqualTo("WRONG_CREDENTIALS");
        Answer bound = bindFirstTime("u_li", "li", "li-secret");

        assertThat(bound.status()).as(bound.json().toString()).isEqualTo(200);
        assertThat(hrArchiveId("li")).isEqualTo("u_li");
    }

    @Test
    @Order(4)
    void theNextLoginIsFree() throws Exception {
        Answer login = login("u_li");

        assertThat(login.text("status")).isEqualTo("ok");
        assertThat(login.text("account")).isEqualTo("li");
    }

    @Test
    @Order(5)
    void theContactSyncReadsHrArchiveAndCrmLinkmanAndWritesTheIdsBack() throws Exception {
        HttpResponse<String> sync = admin().post("/api/admin/contacts/sync");

        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
        String zhaoId = hrArchiveId("zhao");
        assertThat(zhaoId).isNotNull();
        assertThat(simulator.contacts().user(CORP, zhaoId)).isPresent();
        String linkmanId = proyi.queryForObject("SELECT ding_uid FROM crm_linkman WHERE lm_login = 'c_wu'", String.class);
        assertThat(linkmanId).isNotNull();
        assertThat(simulator.contacts().user(CORP, linkmanId).orElseThrow().name()).isEqualTo("吴客户");
    }

    @Test
    @Order(6)
    void theResignationSweepUnbindsWhomHrArchiveMarksAsLeft() throws Exception {
        HttpResponse<String> sweep = admin().post("/api/admin/contacts/resignations");

        assertThat(sweep.statusCode()).as(sweep.body()).isEqualTo(200);
        assertThat(hrArchiveId("wang")).isNull();
        assertThat(adaptedAudit("wang")).isEqualTo("UNBIND/RESIGNED");
    }

    @Test
    @Order(7)
    void aPasswordChangeInSysUserUnbindsThroughTheAdaptedTriggerAndEventTable() {
        proyi.update("UPDATE sys_user SET pwd_md5 = ? WHERE user_code = 'li'", md5("new-secret"));

        await().atMost(Duration.ofSeconds(15)).until(() -> hrArchiveId("li") == null);
        assertThat(adaptedAudit("li")).isEqualTo("UNBIND/PASSWORD_CHANGED");
        assertThat(proyi.queryForObject("SELECT handled_result FROM sys_account_log WHERE user_code = 'li'"
                + " AND event_type = 'PASSWORD_CHANGED'", String.class)).isEqualTo("UNBOUND");
    }

    private AdminApi admin() {
        return new AdminApi(adaptedPort, "admin", "admin-pass");
    }

    private static String hrArchiveId(String login) {
        return proyi.queryForObject("SELECT dd_userid FROM hr_archive WHERE login_name = ?", String.class, login);
    }

    private static String adaptedAudit(String account) {
        return proyi.queryForObject("SELECT CONCAT(action, '/', reason) FROM dingtalk_binding_audit WHERE account = ?"
                + " ORDER BY id DESC LIMIT 1", String.class, account);
    }

    private static void seedProYi() {
        proyi.update("INSERT INTO hr_archive (tenant_id, login_name, full_name, cellphone, dept_path, position, emp_state,"
                + " dd_userid) VALUES ('default', 'zhang', '张三', '13800000001', '采购部', '采购专员', 'A', 'u_zhang'),"
                + " ('default', 'li', '李四', '13800000002', '财务部', '会计', 'A', NULL),"
                + " ('default', 'zhao', '赵六', '13800000003', '仓储部', '仓管员', 'A', NULL),"
                + " ('default', 'wang', '王五', '13800000004', '总经办', '总经理', 'L', 'u_wang')");
        for (String user : new String[] {"zhang", "li", "zhao", "wang"}) {
            proyi.update("INSERT INTO sys_user (tenant_id, user_code, pwd_md5, enabled) VALUES ('default', ?, ?, 1)",
                    user, md5(user + "-secret"));
        }
        proyi.update("INSERT INTO crm_linkman (tenant_id, lm_login, lm_type, company, lm_name, lm_mobile, lm_state)"
                + " VALUES ('default', 'c_wu', 'C', '华东客户公司', '吴客户', '13900000001', 'Y')");
    }

    private static String md5(String password) {
        return DigestUtils.md5DigestAsHex(password.getBytes(StandardCharsets.UTF_8)).toUpperCase();
    }

    // ---- the adaptation a team would make, by hand, in its copy of routes/ and sql/ ----

    private static void adaptRoutes() throws IOException {
        // the HR record, the users, the partner contacts: every route file
        try (Stream<Path> files = Files.list(installation.resolve("routes"))) {
            for (Path file : files.toList()) {
                replaceAll(file, "{{proyi.hr.table}}", "hr_archive", "{{proyi.hr.login-column}}", "login_name",
                        "{{proyi.hr.dingtalk-column}}", "dd_userid", "{{proyi.binding.hr-status-column}}", "emp_state",
                        "{{proyi.binding.resigned-status}}", "L",
                        "{{proyi.sync.partners.table}}", "crm_linkman", "{{proyi.sync.partners.login-column}}", "lm_login",
                        "{{proyi.sync.partners.dingtalk-column}}", "ding_uid");
            }
        }
        Path accounts = installation.resolve("routes/proyi-accounts.camel.yaml");
        replace(accounts, "u.status = 'ACTIVE' AS active", "u.enabled = 1 AS active");
        replace(accounts, "u.password_hash AS password_version", "u.pwd_md5 AS password_version");
        replace(accounts, "FROM proyi_user u LEFT JOIN", "FROM sys_user u LEFT JOIN");
        replace(accounts, "h.login_name = u.account", "h.login_name = u.user_code");
        replace(accounts, "WHERE u.tenant_id = :#tenant_id AND u.account = :#account",
                "WHERE u.tenant_id = :#tenant_id AND u.user_code = :#account");
        replace(accounts, "sql:SELECT password_hash FROM proyi_user WHERE tenant_id = :#tenant_id AND account = :#account",
                "sql:SELECT CONCAT('{MD5}', LOWER(pwd_md5)) FROM sys_user WHERE tenant_id = :#tenant_id AND user_code = :#account");

        Path people = installation.resolve("routes/contacts-sync.camel.yaml");
        replace(people, "login_name AS account, name, mobile, email,\n              title, job_number, department,",
                "login_name AS account, full_name AS name, cellphone AS mobile, mail AS email,\n"
                        + "              position AS title, staff_no AS job_number, dept_path AS department,");
        replace(people, "SELECT tenant_id, kind, lm_login, name, mobile, email, NULL, NULL, partner_name,",
                "SELECT tenant_id, CASE lm_type WHEN 'C' THEN 'CUSTOMER' ELSE 'SUPPLIER' END, lm_login, lm_name,"
                        + " lm_mobile, NULL, NULL, NULL, company,");
        replace(people, "FROM crm_linkman WHERE status = 'ACTIVE' AND kind IN ('CUSTOMER', 'SUPPLIER')",
                "FROM crm_linkman WHERE lm_state = 'Y' AND lm_type IN ('C', 'S')");

        // the longer resignation query moves to sql/, as a team may do with its own SQL
        Path leavers = installation.resolve("routes/resignations.camel.yaml");
        String route = Files.readString(leavers);
        int start = route.indexOf("sql:SELECT h.tenant_id");
        int end = route.indexOf("\n            parameters:", start);
        assertThat(start).isPositive();
        replace(leavers, route.substring(start, end), "sql:file:{{proyi.sql.directory}}/find-leavers.sql");
    }

    private static void adaptSql() throws IOException {
        Files.writeString(installation.resolve("sql/find-leavers.sql"), """
                -- Leavers in this ProYi: emp_state L in hr_archive, disabled in sys_user, crm_linkman set to N
                SELECT h.tenant_id, 'EMPLOYEE' AS kind, h.login_name AS account,
                       COALESCE(h.dd_userid, b.dingtalk_userid) AS dingtalk_userid,
                       CASE WHEN h.emp_state = 'L' THEN 'RESIGNED' ELSE 'REVOKED' END AS reason
                FROM hr_archive h
                LEFT JOIN sys_user u ON u.tenant_id = h.tenant_id AND u.user_code = h.login_name
                LEFT JOIN dingtalk_binding b ON b.tenant_id = h.tenant_id AND b.account = h.login_name
                WHERE (h.emp_state = 'L' OR u.enabled = 0) AND (h.dd_userid IS NOT NULL OR b.account IS NOT NULL)
                UNION ALL
                SELECT p.tenant_id, CASE p.lm_type WHEN 'C' THEN 'CUSTOMER' ELSE 'SUPPLIER' END, p.lm_login,
                       p.ding_uid, 'PARTNER_INACTIVE'
                FROM crm_linkman p WHERE p.lm_state = 'N' AND p.ding_uid IS NOT NULL
                """);
        Path events = installation.resolve("routes/account-events.camel.yaml");
        replace(events, "sql:SELECT id, tenant_id, account, kind FROM proyi_account_event\n              WHERE processed_at IS NULL ORDER BY id LIMIT 100",
                "sql:SELECT log_id AS id, tenant_id, user_code AS account, event_type AS kind FROM sys_account_log\n"
                        + "              WHERE handled_at IS NULL ORDER BY log_id LIMIT 100");
        replace(events, "sql:UPDATE proyi_account_event SET processed_at = CURRENT_TIMESTAMP(3)\n              WHERE id = :#id AND processed_at IS NULL",
                "sql:UPDATE sys_account_log SET handled_at = CURRENT_TIMESTAMP(3)\n              WHERE log_id = :#id AND handled_at IS NULL");
        replace(events, "sql:UPDATE proyi_account_event SET outcome = :#outcome WHERE id = :#id",
                "sql:UPDATE sys_account_log SET handled_result = :#outcome WHERE log_id = :#id");

        Path triggers = installation.resolve("sql/proyi-account-triggers.mysql.sql");
        replace(triggers, "VALUES (NEW.tenant_id, NEW.account, 'RESIGNED')", "VALUES (NEW.tenant_id, NEW.login_name, 'RESIGNED')");
        replaceAll(triggers, "proyi_account_event (tenant_id, account, kind)", "sys_account_log (tenant_id, user_code, event_type)",
                "ON proyi_user", "ON sys_user", "ON proyi_hr_record", "ON hr_archive",
                "OLD.password_hash <=> NEW.password_hash", "OLD.pwd_md5 <=> NEW.pwd_md5",
                "OLD.status = 'ACTIVE' AND NOT (NEW.status <=> 'ACTIVE')", "OLD.enabled = 1 AND NOT (NEW.enabled <=> 1)",
                "NEW.employment_status = 'RESIGNED' AND NOT (OLD.employment_status <=> 'RESIGNED')",
                "NEW.emp_state = 'L' AND NOT (OLD.emp_state <=> 'L')",
                "NEW.account", "NEW.user_code", "OLD.account", "OLD.user_code");
    }

    private static void replaceAll(Path file, String... pairs) throws IOException {
        String text = Files.readString(file);
        for (int i = 0; i < pairs.length; i += 2) {
            text = text.replace(pairs[i], pairs[i + 1]);
        }
        Files.writeString(file, text);
    }

    /** One edit the team makes; the test fails when the shipped text it edits has changed. */
    private static void replace(Path file, String shipped, String adapted) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file.getFileName() + " contains the statement to adapt").contains(shipped);
        Files.writeString(file, text.replace(shipped, adapted));
    }

    private static void copy(String folder) throws IOException {
        Path target = installation.resolve(folder);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    private static void createDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:3306/?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }
}
