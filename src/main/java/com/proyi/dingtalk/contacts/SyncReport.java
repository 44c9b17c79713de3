package com.proyi.dingtalk.contacts;

import java.time.Instant;
import java.util.List;

/** One contact-sync run over all tenants, as stored in dingtalk_sync_run.report. */
public record SyncReport(long runId, boolean dryRun, String startedBy, Instant startedAt, Instant finishedAt,
                         String status, List<TenantSyncReport> tenants) {
}
