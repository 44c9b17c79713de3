package com.proyi.dingtalk.contacts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** dingtalk_contact_sync_state: what the sync last pushed per person, and the last error if it failed. */
@Repository
public class SyncStates {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SyncStates(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The tenant's states by {@link Person#key()}. */
    Map<String, SyncState> of(String tenantId) {
        Map<String, SyncState> states = new HashMap<>();
        jdbc.query("SELECT source, account, dingtalk_userid, content_hash FROM dingtalk_contact_sync_state"
                + " WHERE tenant_id = ?", rs -> {
            states.put(rs.getString(1) + "/" + rs.getString(2), new SyncState(rs.getString(3), rs.getString(4)));
        }, tenantId);
        return states;
    }

    /** How many people of the tenant the sync has put into DingTalk: the base of the mass-removal guard. */
    int peopleInDingTalk(String tenantId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_contact_sync_state"
                + " WHERE tenant_id = ? AND dingtalk_userid IS NOT NULL", Integer.class, tenantId);
        return count == null ? 0 : count;
    }

    void pushed(Person person, String userId, String hash) {
        upsert(person, userId, hash, null, null);
    }

    /** Remembers the failure and forgets the hash, so the next run tries the person again. */
    void failed(Person person, String userId, int errorCode, String error) {
        upsert(person, userId, null, errorCode, error.length() > 1000 ? error.substring(0, 1000) : error);
    }

    /** Forgets what was pushed for the DingTalk user, e.g. after DingTalk reported a profile change. */
    public int markStale(String tenantId, String userId) {
        return jdbc.update("UPDATE dingtalk_contact_sync_state SET content_hash = NULL, updated_at = ?"
                + " WHERE tenant_id = ? AND dingtalk_userid = ?", now(), tenantId, userId);
    }

    /** Forgets the DingTalk user entirely (deleted from DingTalk): a returning person is treated as new. */
    public void forget(String tenantId, String userId) {
        jdbc.update("DELETE FROM dingtalk_contact_sync_state WHERE tenant_id = ? AND dingtalk_userid = ?", tenantId, userId);
    }

    private void upsert(Person person, String userId, String hash, Integer errorCode, String error) {
        Object[] values = {userId, hash, errorCode, error, now(), person.tenantId(), person.portal().source(), person.account()};
        int updated = jdbc.update("UPDATE dingtalk_contact_sync_state SET dingtalk_userid = ?, content_hash = ?,"
                + " error_code = ?, last_error = ?, updated_at = ? WHERE tenant_id = ? AND source = ? AND account = ?", values);
        if (updated == 0) {
            jdbc.update("INSERT INTO dingtalk_contact_sync_state (dingtalk_userid, content_hash, error_code, last_error,"
                    + " updated_at, tenant_id, source, account) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
