package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One accepted asyncsend_v2 call. {@code userIds} are the addressed users: the de-duplicated
 * {@code userid_list}, or the whole organisation for {@code to_all_user}.
 */
public record SentMessage(long taskId, String appKey, long agentId, List<String> userIds, JsonNode msg, Instant at) {

    public SentMessage {
        userIds = List.copyOf(userIds);
    }
}
