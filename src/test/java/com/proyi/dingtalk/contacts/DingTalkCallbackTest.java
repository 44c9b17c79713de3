package com.proyi.dingtalk.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.proyi.dingtalk.dingtalk.simulator.PushResult;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DingTalk pushes contact events with real encryption (the simulator's HTTP push): good requests
 * get the encrypted "success", forged, stale and replayed ones an error, and events act once.
 */
class DingTalkCallbackTest extends ContactsTestSupport {

    private static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    @BeforeEach
    void subscribe() {
        simulator.contacts().subscribeEvents("http://127.0.0.1:" + port + "/dingtalk/callback", "testcallbacktoken",
                AES_KEY, "test-app-key");
    }

    @Test
    void checkUrlIsAnsweredWithTheEncryptedSuccess() {
        PushResult result = simulator.contacts().pushEvent("{\"EventType\":\"check_url\"}");

        assertThat(result.acknowledged()).as(result.answer()).isTrue();
        assertThat(inboxRows()).isZero();
    }

    @Test
    void userLeaveOrgUnbindsTheEmployeeAndThePartnerContactAtOnce() {
        employee("default", "zhangsan", "u_zhangsan");
        partner("c_wang", "CUSTOMER", "联想", "王经理", "13900000001");
        jdbc.update("UPDATE proyi_partner_contact SET dingtalk_userid = 'u_wang' WHERE account = 'c_wang'");

        PushResult zhangsan = simulator.contacts().pushEvent(leave("evt-1", "u_zhangsan"));
        PushResult wang = simulator.contacts().pushEvent(leave("evt-2", "u_wang"));

        assertThat(zhangsan.acknowledged()).isTrue();
        assertThat(wang.acknowledged()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> hrUserId("zhangsan") == null && partnerUserId("c_wang") == null);
        assertThat(auditReasons("zhangsan")).containsExactly("UNBIND LEFT_DINGTALK");
        assertThat(auditReasons("c_wang")).containsExactly("UNBIND LEFT_DINGTALK");
    }

    @Test
    void aRedeliveredEventIsStoredAndHandledOnce() {
        employee("default", "zhangsan", "u_zhangsan");
        assertThat(simulator.contacts().pushEvent(leave("evt-same", "u_zhangsan")).acknowledged()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> hrUserId("zhangsan") == null);
        jdbc.update("UPDATE proyi_hr_record SET dingtalk_userid = 'u_zhangsan' WHERE account = 'zhangsan'");

        assertThat(simulator.contacts().pushEvent(leave("evt-same", "u_zhangsan")).acknowledged()).isTrue();

        assertThat(inboxRows()).isEqualTo(1);
        assertThat(hrUserId("zhangsan")).isEqualTo("u_zhangsan");
    }

    @Test
    void legacyPayloadsWithoutEventIdAreAcceptedToo() {
        employee("default", "lisi", "u_lisi");

        simulator.contacts().pushEvent("{\"EventType\":\"user_leave_org\",\"UserId\":[\"u_lisi\"],\"CorpId\":\""
                + CORP + "\",\"TimeStamp\":\"1645077203219\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> hrUserId("lisi") == null);
    }

    @Test
    void aForgedSignatureIsRefusedAndChangesNothing() {
        employee("default", "zhangsan", "u_zhangsan");

        PushResult result = simulator.contacts().pushEventWithSignature(leave("evt-forged", "u_zhangsan"),
                "0000000000000000000000000000000000000000");

        assertThat(result.httpStatus()).isEqualTo(403);
        assertThat(result.acknowledged()).isFalse();
        assertThat(inboxRows()).isZero();
        assertThat(hrUserId("zhangsan")).isEqualTo("u_zhangsan");
    }

    @Test
    void aStaleTimestampIsRefused() {
        long tenMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();

        PushResult result = simulator.contacts().pushEvent(leave("evt-old", "u_x"), tenMinutesAgo, "nonce-old");

        assertThat(result.httpStatus()).isEqualTo(403);
        assertThat(inboxRows()).isZero();
    }

    @Test
    void aReplayedNonceIsRefused() {
        long now = System.currentTimeMillis();
        assertThat(simulator.contacts().pushEvent(leave("evt-a", "u_x"), now, "nonce-once").acknowledged()).isTrue();

        PushResult replay = simulator.contacts().pushEvent(leave("evt-b", "u_x"), now, "nonce-once");

        assertThat(replay.httpStatus()).isEqualTo(409);
        assertThat(replay.acknowledged()).isFalse();
        assertThat(inboxRows()).isEqualTo(1);
    }

    @Test
    void anEventForAnotherAppIsRefused() {
        simulator.contacts().subscribeEvents("http://127.0.0.1:" + port + "/dingtalk/callback", "testcallbacktoken",
                AES_KEY, "another-app-key");

        assertThat(simulator.contacts().pushEvent(leave("evt-other", "u_x")).httpStatus()).isEqualTo(400);
        assertThat(inboxRows()).isZero();
    }

    @Test
    void unknownEventTypesAreStoredAndIgnored() {
        PushResult result = simulator.contacts().pushEvent("{\"EventType\":\"label_conf_add\",\"eventId\":\"evt-label\",\"CorpId\":\""
                + CORP + "\"}");

        assertThat(result.acknowledged()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> "IGNORED".equals(inboxStatus("evt-label")));
    }

    @Test
    void userModifyOrgMakesTheNextSyncCompareThePersonAgain() throws Exception {
        hr("zhangsan", "张三", "13800000001", "采购部");
        sync();

        simulator.contacts().pushEvent("{\"EventType\":\"user_modify_org\",\"eventId\":\"evt-mod\",\"CorpId\":\"" + CORP
                + "\",\"userId\":[\"zhangsan\"],\"diffInfo\":{\"userid\":\"zhangsan\",\"prev\":{\"name\":\"张三\"},\"curr\":{\"name\":\"张3\"}}}");

        await().atMost(Duration.ofSeconds(10)).until(() -> "DONE".equals(inboxStatus("evt-mod")));
        assertThat(jdbc.queryForObject("SELECT content_hash FROM dingtalk_contact_sync_state WHERE account = 'zhangsan'",
                String.class)).isNull();
    }

    private static String leave(String eventId, String userId) {
        return "{\"EventType\":\"user_leave_org\",\"eventId\":\"" + eventId + "\",\"CorpId\":\"" + CORP
                + "\",\"timeStamp\":\"1685501863357\",\"userId\":[\"" + userId + "\"]}";
    }

    private int inboxRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_event_inbox", Integer.class);
    }

    private String inboxStatus(String eventId) {
        return jdbc.queryForList("SELECT status FROM dingtalk_event_inbox WHERE event_id = ?", String.class, eventId)
                .stream().findFirst().orElse(null);
    }
}
