package com.proyi.dingtalk.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.support.ModuleIntegrationTest;
import com.proyi.dingtalk.support.MysqlScript;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example triggers in sql/ turn changes of a ProYi document table into outbox rows, end to end. */
class ProYiTriggerTest extends ModuleIntegrationTest {

    @BeforeEach
    void installTriggers() throws Exception {
        MysqlScript.run(jdbc, Path.of("sql/proyi-outbox-triggers.mysql.sql"));
        jdbc.update("DELETE FROM proyi_sample_document");
    }

    @Test
    void submittingApprovingAndCopyingADocumentNotifiesTheRightPeople() {
        employee("default", "creator", "u_creator");
        employee("default", "manager", "u_manager");
        employee("default", "finance", "u_finance");

        jdbc.update("INSERT INTO proyi_sample_document (doc_id, doc_type, doc_no, title, amount, state, current_handler, creator)"
                + " VALUES ('t-1', 'purchase_order', 'PO-T-1', '采购 10 台显示器', 9800.00, 'PENDING', 'manager', 'creator')");
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.inbox("u_manager").size() == 1);
        assertThat(simulator.inbox("u_manager").get(0).msg().path("msgtype").asText()).isEqualTo("action_card");

        jdbc.update("UPDATE proyi_sample_document SET state = 'APPROVED', last_actor = 'manager', cc_accounts = 'finance'"
                + " WHERE doc_id = 't-1'");
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.inbox("u_creator").size() == 1
                && simulator.inbox("u_finance").size() == 1);

        assertThat(jdbc.queryForList("SELECT action FROM proyi_doc_event ORDER BY id", String.class))
                .containsExactly("todo", "cc", "approved");
        assertThat(jdbc.queryForObject("SELECT fields FROM proyi_doc_event WHERE action = 'approved'", String.class))
                .contains("9800");
    }
}
