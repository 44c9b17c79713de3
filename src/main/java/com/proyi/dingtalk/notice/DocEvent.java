package com.proyi.dingtalk.notice;

import java.util.List;
import java.util.Map;

/** One row of the notice outbox: a ProYi document event waiting to become a DingTalk work notification. */
public record DocEvent(long id, String tenantId, String docType, String docId, String docNo, String action,
                       String title, String summary, String sender, List<String> recipients,
                       Map<String, Object> fields, java.time.Instant createdAt) {}
