package com.proyi.dingtalk.notice.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.binding.AccountBound;
import com.proyi.dingtalk.binding.AccountUnbound;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The unionId of a DingTalk user, which the to-do API names people by (API.md §2.9): asked from
 * DingTalk's user API ({@code /topapi/v2/user/get}, {@code result.unionid}) once and kept in
 * dingtalk_union_id. Binding, unbinding and resignation (which unbinds) evict the user's entry, so
 * the next task asks again.
 */
@Component
public class UnionIds {

    static final String USER_GET_API = "/topapi/v2/user/get";

    private final NamedParameterJdbcTemplate jdbc;
    private final DingTalkClient dingTalk;
    private final Clock clock;

    public UnionIds(NamedParameterJdbcTemplate jdbc, DingTalkClient dingTalk, Clock clock) {
        this.jdbc = jdbc;
        this.dingTalk = dingTalk;
        this.clock = clock;
    }

    /** The user's unionId, from the cache or else from DingTalk (one call, then cached). */
    public String of(String tenantId, String dingtalkUserId) {
        MapSqlParameterSource key = key(tenantId, dingtalkUserId);
        List<String> cached = jdbc.queryForList("SELECT union_id FROM dingtalk_union_id"
                + " WHERE tenant_id = :tenant AND dingtalk_userid = :userid", key, String.class);
        if (!cached.isEmpty()) {
            return cached.get(0);
        }
        JsonNode result = dingTalk.post(tenantId, USER_GET_API, Map.of("userid", dingtalkUserId, "language", "zh_CN"))
                .path("result");
        String unionId = result.path("unionid").asText(result.path("unionId").asText(""));
        if (unionId.isBlank()) {
            throw new DingTalkException(USER_GET_API, 0, "the answer for user " + dingtalkUserId + " has no unionid",
                    200, DingTalkException.Kind.PERMANENT, null);
        }
        key.addValue("union", unionId).addValue("now", Timestamp.from(clock.instant()));
        try {
            jdbc.update("INSERT INTO dingtalk_union_id (tenant_id, dingtalk_userid, union_id, fetched_at)"
                    + " VALUES (:tenant, :userid, :union, :now)", key);
        } catch (DuplicateKeyException raced) {
            jdbc.update("UPDATE dingtalk_union_id SET union_id = :union, fetched_at = :now"
                    + " WHERE tenant_id = :tenant AND dingtalk_userid = :userid", key);
        }
        return unionId;
    }

    /** Forgets the user's unionId; the next to-do task for them asks DingTalk again. */
    public void evict(String tenantId, String dingtalkUserId) {
        if (dingtalkUserId != null) {
            jdbc.update("DELETE FROM dingtalk_union_id WHERE tenant_id = :tenant AND dingtalk_userid = :userid",
                    key(tenantId, dingtalkUserId));
        }
    }

    @EventListener
    public void accountBound(AccountBound bound) {
        evict(bound.tenantId(), bound.dingtalkUserId());
    }

    /** Unbinding of any kind: logout, password change, resignation, admin, left DingTalk, ... */
    @EventListener
    public void accountUnbound(AccountUnbound unbound) {
        evict(unbound.tenantId(), unbound.dingtalkUserId());
    }

    private static MapSqlParameterSource key(String tenantId, String dingtalkUserId) {
        return new MapSqlParameterSource("tenant", tenantId).addValue("userid", dingtalkUserId);
    }
}
