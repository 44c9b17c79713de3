package com.proyi.dingtalk.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** dingtalk_contact_sync_state: what the sync last pushed per person, and the last error if it failed. */
@Repository
public class SyncStates {

    private static final String SELECT = "SELECT source, account, dingtalk_userid, content_hash, error_code, last_error,"
            + " failed_hash, adopted_in_place FROM dingtalk_contact_sync_state";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SyncStates(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The tenant's states by {@link Person#key()}. */
    Map<String, SyncState> of(String tenantId) {
        Map<String, SyncState> states = new HashMap<>();
        jdbc.query(SELECT + " WHERE tenant_id = ?", rs -> {
            states.put(rs.getString(1) + "/" + rs.getString(2), state(rs));
        }, tenantId);
        return states;
    }

    /** One person's state, if the sync has seen them. */
    Optional<SyncState> of(Person person) {
        return jdbc.query(SELECT + " WHERE tenant_id = ? AND source = ? AND account = ?", (rs, n) -> state(rs),
                person.tenantId(), person.portal().source(), person.account()).stream().findFirst();
    }

    private static SyncState state(ResultSet rs) throws SQLException {
        Integer code = rs.getObject(5) == null ? null : rs.getInt(5);
        return new SyncState(rs.getString(3), rs.getString(4), code, rs.getString(6), rs.getString(7), rs.getBoolean(8));
    }

    /** Whether another person's state holds the DingTalk id. */
    boolean heldByOthers(Person person, String userId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_contact_sync_state WHERE tenant_id = ?"
                + " AND dingtalk_userid = ? AND NOT (source = ? AND account = ?)", Integer.class, person.tenantId(), userId,
                person.portal().source(), person.account());
        return count != null && count > 0;
    }

    /** The DingTalk id the sync remembers for the account. */
    Optional<String> userIdOf(String tenantId, String source, String account) {
        return jdbc.queryForList("SELECT dingtalk_userid FROM dingtalk_contact_sync_state WHERE tenant_id = ? AND source = ?"
                + " AND account = ? AND dingtalk_userid IS NOT NULL", String.class, tenantId, source, account).stream().findFirst();
    }

    /** How many people of the tenant the sync has put into DingTalk: the base of the mass-removal guard. */
    int peopleInDingTalk(String tenantId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dingtalk_contact_sync_state"
                + " WHERE tenant_id = ? AND dingtalk_userid IS NOT NULL", Integer.class, tenantId);
        return count == null ? 0 : count;
    }

    void pushed(Person person, String userId, String hash) {
        pushed(person, userId, hash, null);
    }

    /**
     * @param adoptedInPlace whether the person is an employee adopted in the departments they were in
     *                       (see {@link SyncState#adoptedInPlace}); null keeps what the state says
     */
    void pushed(Person person, String userId, String hash, Boolean adoptedInPlace) {
        upsert(person, userId, hash, null, null, null, adoptedInPlace);
    }

    /** Remembers the failure and forgets the hash, so the next run tries the person again. */
    void failed(Person person, String userId, int errorCode, String error) {
        upsert(person, userId, null, errorCode, cut(error), null, null);
    }

    /**
     * Remembers a refusal only a change of the person's data can resolve, with the fingerprint
     * ({@code hash}) of that data: the sync leaves the person alone until it changes.
     */
    void heldBack(Person person, int errorCode, String error, String hash) {
        upsert(person, person.boundUserId(), null, errorCode, cut(error), hash, null);
    }

    private static String cut(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
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

    private void upsert(Person person, String userId, String hash, Integer errorCode, String error, String failedHash,
                        Boolean adoptedInPlace) {
        Object[] values = {userId, hash, errorCode, error, failedHash, now(), person.tenantId(), person.portal().source(),
                person.account()};
        String inPlace = adoptedInPlace == null ? "" : ", adopted_in_place = " + adoptedInPlace.toString().toUpperCase(Locale.ROOT);
        int updated = jdbc.update("UPDATE dingtalk_contact_sync_state SET dingtalk_userid = ?, content_hash = ?,"
                + " error_code = ?, last_error = ?, failed_hash = ?, updated_at = ?" + inPlace + " WHERE tenant_id = ?"
                + " AND source = ? AND account = ?", values);
        if (updated == 0) {
            jdbc.update("INSERT INTO dingtalk_contact_sync_state (dingtalk_userid, content_hash, error_code, last_error,"
                    + " failed_hash, updated_at, tenant_id, source, account, adopted_in_place)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " + Boolean.TRUE.equals(adoptedInPlace) + ")", values);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
