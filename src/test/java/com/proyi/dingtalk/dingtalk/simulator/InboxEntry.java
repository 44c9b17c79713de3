package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A work notification a simulated user actually received (flow control did not drop it). */
public record InboxEntry(long taskId, String appKey, JsonNode msg, Instant at) {
}
