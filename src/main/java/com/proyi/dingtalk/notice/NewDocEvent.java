package com.proyi.dingtalk.notice;

import java.util.List;
import java.util.Map;

/** An event as ProYi hands it over (webhook body), before it has an outbox id. */
public record NewDocEvent(String tenantId, String docType, String docId, String docNo, String action,
                          String title, String summary, String sender, List<String> recipients,
                          Map<String, Object> fields) {}
