package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A work notification a simulated user actually received (flow control did not drop it), with its
 * state now: read (a test said the user opened it), recalled, and the OA status bar as last
 * updated (null for other message types or an OA notice without one).
 */
public record InboxEntry(long taskId, String appKey, JsonNode msg, Instant at, boolean read, boolean recalled,
                         StatusBar statusBar) {
}
