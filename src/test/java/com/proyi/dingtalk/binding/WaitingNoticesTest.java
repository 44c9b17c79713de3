package com.proyi.dingtalk.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.InboxEntry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A notice that waited because its recipient was unbound is delivered when the account binds, if
 * the document still needs that person and the notice is not too old; others who already got it
 * do not get it twice.
 */
class WaitingNoticesTest extends BindingTestSupport {

    @Test
    void waitingNoticesThatStillMatterAreDeliveredOnBind() throws Exception {
        person("zhao", "pw-zhao", "u_zhao");
        employee("default", "li", "u_li");

        long todo = outboxEvent("default", "purchase_order", "po-1", "todo", "zhao,li", null);
        long copy = outboxEvent("default", "expense_claim", "ex-1", "cc", "zhao", null);
        long settled = outboxEvent("default", "leave_request", "lv-1", "todo", "zhao", null);
        outboxEvent("default", "leave_request", "lv-1", "approved", "zhao", null);
        long old = outboxEvent("default", "sales_contract", "sc-1", "todo", "zhao", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM proyi_doc_event WHERE status <> 'DONE'", Integer.class) == 0);
        assertThat(deliveryStatus(todo, "zhao")).isEqualTo("UNBOUND");
        assertThat(simulator.inbox("u_li")).hasSize(1);
        jdbc.update("UPDATE proyi_doc_event SET created_at = TIMESTAMPADD(DAY, -8, created_at) WHERE id = ?", old);

        assertThat(bindFirstTime("u_zhao", "zhao", "pw-zhao").text("status")).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.inbox("u_zhao").size() == 2);
        List<String> received = simulator.inbox("u_zhao").stream().map(InboxEntry::msg)
                .map(msg -> msg.toString()).toList();
        assertThat(received).anySatisfy(msg -> assertThat(msg).contains("PO-1"));
        assertThat(received).anySatisfy(msg -> assertThat(msg).contains("EX-1"));
        assertThat(deliveryStatus(todo, "zhao")).isEqualTo("SENT");
        assertThat(deliveryStatus(copy, "zhao")).isEqualTo("SENT");
        assertThat(deliveryStatus(settled, "zhao")).isEqualTo("UNBOUND");
        assertThat(deliveryStatus(old, "zhao")).isEqualTo("UNBOUND");
        assertThat(simulator.inbox("u_li")).as("already delivered, not sent again").hasSize(1);
    }
}
