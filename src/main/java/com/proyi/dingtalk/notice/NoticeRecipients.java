package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.dingtalk.Batching;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import com.proyi.dingtalk.notice.NoticeDeliveries.Recipient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.ExchangeException;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who gets a notice, in the chunks the deliver-notice route sends with
 * {@code dingtalk:sendWorkNotification}, and what happened to each chunk. Every outcome is recorded
 * as soon as it is known, before the next chunk is sent, so a retry or a replay never sends to a
 * recipient DingTalk already accepted.
 */
@Component("noticeRecipients")
public class NoticeRecipients {

    /** DingTalk accepts at most 100 user ids per asyncsend_v2 call. */
    public static final int MAX_USERIDS_PER_CALL = 100;

    private static final Logger log = LoggerFactory.getLogger(NoticeRecipients.class);

    private static final Pattern SINGLE_USER_ID = Pattern.compile("[^,\\s\\p{Cntrl}]{1,64}");

    /** The chunks still to send, and how many recipients wait for a binding. */
    public record Plan(List<Chunk> chunks, int unbound) {
    }

    /** One call's worth: the DingTalk user ids, and the accounts behind them. */
    public record Chunk(List<String> userIds, List<Recipient> recipients) {
    }

    private final DingTalkClient dingTalk;
    private final NoticeDeliveries deliveries;
    private final NoticeMetrics metrics;
    private final NoticeSummary summary;

    public NoticeRecipients(DingTalkClient dingTalk, NoticeDeliveries deliveries, NoticeMetrics metrics,
                            NoticeSummary summary) {
        this.dingTalk = dingTalk;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.summary = summary;
    }

    /** Fails fast, before any lookup, for a tenant that has no DingTalk app configured. */
    public void requireConfiguredTenant(@Variable("event") DocEvent event) {
        if (!dingTalk.isConfigured(event.tenantId())) {
            throw new InvalidEventException("no DingTalk settings for tenant '" + event.tenantId()
                    + "' (set dingtalk.tenants." + event.tenantId() + ".corp-id, agent-id, app-key and app-secret)");
        }
    }

    /**
     * Skips recipients already SENT (a retry or replay), records those without a DingTalk user id
     * as UNBOUND, and chunks the rest.
     *
     * @param bindings rows of the HR lookup, each with the columns {@code account} and {@code dingtalk_userid}
     * @param row      the claimed outbox row; {@code first_claim} says it has no delivery rows yet
     */
    public Plan plan(@Variable("event") DocEvent event, @Variable("bindings") List<Map<String, Object>> bindings,
                     @Variable("row") Map<String, Object> row) {
        Map<String, String> userIds = userIdsByAccount(bindings);
        boolean firstClaim = Boolean.TRUE.equals(row.get(NoticeOutbox.FIRST_CLAIM));
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
            } else if (!SINGLE_USER_ID.matcher(userId).matches()) {
                // "u_a,u_b" would add a recipient to DingTalk's comma-separated userid_list
                deliveries.record(event, List.of(new Recipient(account, null)), DeliveryStatus.DEAD, null,
                        "the HR record's DingTalk user id '" + (userId.length() > 80 ? userId.substring(0, 80) + "…" : userId)
                                + "' is not one DingTalk user id (1-64 characters, no commas or spaces)");
            } else {
                byUserId.computeIfAbsent(userId, id -> new ArrayList<>()).add(new Recipient(account, userId));
            }
        }
        deliveries.record(event, unbound, DeliveryStatus.UNBOUND, null, "no DingTalk user id bound to the account");

        List<Chunk> chunks = Batching.chunks(List.copyOf(byUserId.keySet()), MAX_USERIDS_PER_CALL).stream()
                .map(chunk -> new Chunk(chunk, chunk.stream().flatMap(id -> byUserId.get(id).stream()).toList()))
                .toList();
        return new Plan(chunks, unbound.size());
    }

    /** DingTalk accepted the chunk: SENT with its task id. */
    public void sent(@Variable("event") DocEvent event, @Variable("chunk") Chunk chunk, @Body long taskId) {
        deliveries.record(event, chunk.recipients(), DeliveryStatus.SENT, taskId, null);
        metrics.sent(event.tenantId(), chunk.recipients().size());
    }

    /**
     * DingTalk did not accept the chunk: FAILED while trying again can help, else DEAD. Throws the
     * failure on, so that the event fails and is retried or dead like any other failure.
     */
    public void failed(@Variable("event") DocEvent event, @Variable("chunk") Chunk chunk,
                       @ExchangeException DingTalkException failure) {
        deliveries.record(event, chunk.recipients(),
                failure.retryable() ? DeliveryStatus.FAILED : DeliveryStatus.DEAD, null, failure.getMessage());
        metrics.failed(event.tenantId(), failure.errcode(), chunk.recipients().size());
        throw failure;
    }

    /** Every chunk went out: counted for the interval's summary, a line per notice at DEBUG. */
    public void delivered(@Variable("event") DocEvent event, @Variable("plan") Plan plan) {
        int sent = plan.chunks().stream().mapToInt(chunk -> chunk.recipients().size()).sum();
        summary.delivered(sent, plan.unbound());
        log.debug("Notice for {} {} {} (event {}, tenant {}): sent to {}, waiting for binding {}",
                event.docType(), event.docNo() == null ? event.docId() : event.docNo(), event.action(),
                event.id(), event.tenantId(), sent, plan.unbound());
    }

    /** The lookup's rows by their {@code account} column. */
    static Map<String, List<Map<String, Object>>> byAccount(List<Map<String, Object>> bindings) {
        Map<String, List<Map<String, Object>>> byAccount = new java.util.HashMap<>();
        for (Map<String, Object> row : bindings) {
            Object account = column(row, "account");
            if (account != null) {
                byAccount.computeIfAbsent(account.toString(), a -> new ArrayList<>(1)).add(row);
            }
        }
        return byAccount;
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
