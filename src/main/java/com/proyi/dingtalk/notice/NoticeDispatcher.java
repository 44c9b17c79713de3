package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.dingtalk.Batching;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import com.proyi.dingtalk.notice.NoticeDeliveries.Recipient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends one rendered notice to the recipients of an event, chunk by chunk, recording each
 * chunk's outcome before the next call so a retry or a replay never re-sends a chunk DingTalk
 * already accepted.
 */
@Component("noticeDispatcher")
public class NoticeDispatcher {

    /** DingTalk accepts at most 100 user ids per asyncsend_v2 call. */
    public static final int MAX_USERIDS_PER_CALL = 100;

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);

    private final DingTalkClient dingTalk;
    private final NoticeDeliveries deliveries;
    private final NoticeMetrics metrics;

    public NoticeDispatcher(DingTalkClient dingTalk, NoticeDeliveries deliveries, NoticeMetrics metrics) {
        this.dingTalk = dingTalk;
        this.deliveries = deliveries;
        this.metrics = metrics;
    }

    /** Fails fast, before any lookup, for a tenant that has no DingTalk app configured. */
    public void requireConfiguredTenant(DocEvent event) {
        if (!dingTalk.isConfigured(event.tenantId())) {
            throw new InvalidEventException("no DingTalk settings for tenant '" + event.tenantId()
                    + "' (set dingtalk.tenants." + event.tenantId() + ".corp-id, agent-id, app-key and app-secret)");
        }
    }

    /**
     * @param bindings rows of the HR lookup, each with the columns {@code account} and {@code dingtalk_userid}
     * @param msg      the DingTalk msg object rendered from the mapping
     * @param firstClaim true when the event was never claimed before, so it has no delivery rows yet
     */
    public void deliver(DocEvent event, List<Map<String, Object>> bindings, Map<String, Object> msg, boolean firstClaim) {
        Map<String, String> userIds = userIdsByAccount(bindings);
        Map<String, DeliveryStatus> previous = firstClaim ? Map.of() : deliveries.statuses(event.id());

        List<Recipient> unbound = new ArrayList<>();
        Map<String, List<Recipient>> byUserId = new LinkedHashMap<>();
        for (String account : event.recipients()) {
            if (previous.get(account) == DeliveryStatus.SENT) {
                continue;
            }
            String userId = userIds.get(account);
            if (userId == null) {
                unbound.add(new Recipient(account, null));
            } else {
                byUserId.computeIfAbsent(userId, id -> new ArrayList<>()).add(new Recipient(account, userId));
            }
        }
        deliveries.record(event, unbound, DeliveryStatus.UNBOUND, null, "no DingTalk user id bound to the account");

        int sent = 0;
        for (List<String> chunk : Batching.chunks(List.copyOf(byUserId.keySet()), MAX_USERIDS_PER_CALL)) {
            List<Recipient> recipients = chunk.stream().flatMap(id -> byUserId.get(id).stream()).toList();
            long taskId;
            try {
                taskId = dingTalk.sendWorkNotification(event.tenantId(), chunk, msg);
            } catch (DingTalkException e) {
                deliveries.record(event, recipients,
                        e.retryable() ? DeliveryStatus.FAILED : DeliveryStatus.DEAD, null, e.getMessage());
                metrics.failed(event.tenantId(), e.errcode(), recipients.size());
                throw e;
            }
            deliveries.record(event, recipients, DeliveryStatus.SENT, taskId, null);
            metrics.sent(event.tenantId(), recipients.size());
            sent += recipients.size();
        }
        log.info("Notice for {} {} {} (event {}, tenant {}): sent to {}, waiting for binding {}",
                event.docType(), event.docNo() == null ? event.docId() : event.docNo(), event.action(),
                event.id(), event.tenantId(), sent, unbound.size());
    }

    private static Map<String, String> userIdsByAccount(List<Map<String, Object>> bindings) {
        Map<String, String> userIds = new LinkedHashMap<>();
        for (Map<String, Object> row : bindings) {
            Object account = column(row, "account");
            Object userId = column(row, "dingtalk_userid");
            if (account != null && userId != null && !userId.toString().isBlank()) {
                userIds.put(account.toString(), userId.toString().trim());
            }
        }
        return userIds;
    }

    /** Drivers differ in the case of column labels. */
    private static Object column(Map<String, Object> row, String name) {
        for (Map.Entry<String, Object> entry : row.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
