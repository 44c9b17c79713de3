package com.proyi.dingtalk.demo;

import com.proyi.dingtalk.dingtalk.simulator.DingTalkSimulator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Seeds a small ProYi organisation and a few documents for the demo (proyi.demo.enabled=true),
 * writing outbox rows exactly as ProYi's triggers would.
 */
@Component
@ConditionalOnProperty(name = "proyi.demo.enabled", havingValue = "true")
public class DemoOrganisation {

    private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);

    record Employee(String account, String name, String department, String title, String dingtalkUserId) {}

    static final List<Employee> EMPLOYEES = List.of(
            new Employee("zhangsan", "张三", "采购部", "采购专员", "u_zhangsan"),
            new Employee("lisi", "李四", "财务部", "财务经理", "u_lisi"),
            new Employee("wangwu", "王五", "总经办", "总经理", "u_wangwu"),
            new Employee("zhaoliu", "赵六", "仓储部", "仓管员", null),
            new Employee("qianqi", "钱七", "销售部", "销售代表", "u_qianqi"));

    /** Password of every demo ProYi account, for trying the bind form of the free-login page. */
    static final String DEMO_PASSWORD = "demo123";

    private final JdbcTemplate jdbc;
    private final ObjectProvider<DingTalkSimulator> simulator;
    private final PasswordEncoder passwords;
    private final int port;

    public DemoOrganisation(JdbcTemplate jdbc, ObjectProvider<DingTalkSimulator> simulator, PasswordEncoder passwords,
                            @Value("${server.port:8080}") int port) {
        this.jdbc = jdbc;
        this.simulator = simulator;
        this.passwords = passwords;
        this.port = port;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() {
        for (Employee e : EMPLOYEES) {
            jdbc.update("INSERT INTO proyi_hr_record (tenant_id, account, name, department, title,"
                    + " employment_status, dingtalk_userid) VALUES ('default', ?, ?, ?, ?, 'ACTIVE', ?)",
                    e.account(), e.name(), e.department(), e.title(), e.dingtalkUserId());
            jdbc.update("INSERT INTO proyi_user (tenant_id, account, password_hash, status) VALUES ('default', ?, ?, 'ACTIVE')",
                    e.account(), passwords.encode(DEMO_PASSWORD));
        }
        document("purchase_order", "PO-2026-0001", "todo", "采购订单待审批：办公电脑 20 台", "zhangsan", "lisi,wangwu",
                "{\"amount\":\"128000.00\",\"supplier\":\"联想华东分公司\",\"currency\":\"CNY\"}");
        document("expense_claim", "EX-2026-0042", "cc", "差旅报销抄送：上海客户拜访", "qianqi", "lisi,zhaoliu",
                "{\"amount\":\"3560.50\"}");
        document("purchase_order", "PO-2026-0000", "approved", "采购订单已审批：打印耗材", "wangwu", "zhangsan",
                "{\"amount\":\"2400.00\",\"supplier\":\"得力办公\"}");
        document("leave_request", "LV-2026-0007", "rejected", "请假申请被驳回", "lisi", "qianqi", null);
        document("sales_contract", "SC-2026-0113", "returned", "销售合同退回修改", "wangwu", "qianqi", null);
        simulator.ifAvailable(sim -> log.info("""

                ==== proyi-dingtalk demo ====
                What each simulated employee received: {}/
                Operations console:                   http://localhost:{}/console/  (admin/admin, viewer/viewer)
                Dead events API (HTTP Basic):         http://localhost:{}/api/admin/dead-events
                Health:                               http://localhost:{}/actuator/health
                Employee zhaoliu (赵六) has no DingTalk binding: his notice waits (status UNBOUND) until he binds.
                Every demo ProYi account has the password {}.""",
                sim.baseUrl(), port, port, port, DEMO_PASSWORD));
    }

    private void document(String docType, String docNo, String action, String title, String sender,
                          String recipients, String fields) {
        jdbc.update("INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, summary,"
                        + " sender, recipients, fields) VALUES ('default', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                docType, docNo.toLowerCase(), docNo, action, title, "由 " + sender + " 提交，请在钉钉中查看。",
                sender, recipients, fields);
    }
}
