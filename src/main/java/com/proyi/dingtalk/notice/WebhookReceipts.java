package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.config.ProYiProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores each webhook event once (proyi_webhook_receipt): a replay of a signed request, or a repeat
 * of (tenant, doc_type, doc_id, action, idempotency key), gets the first event's id and adds no row.
 * The event and its receipt are written in one transaction, so of two identical requests racing,
 * the second finds the first's receipt, its own event rolled back.
 */
@Component
public class WebhookReceipts {

    /** The event's outbox id, and whether an earlier request stored it. */
    public record Stored(long eventId, boolean duplicate) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final NoticeOutbox outbox;
    private final TransactionTemplate transaction;
    private final ProYiProperties.Webhook settings;
    private final Clock clock;

    public WebhookReceipts(NamedParameterJdbcTemplate jdbc, NoticeOutbox outbox, PlatformTransactionManager transactions,
                           ProYiProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = properties.getWebhook();
        this.clock = clock;
    }

    /**
     * @param signature      the request's X-ProYi-Signature, already checked
     * @param idempotencyKey ProYi's key for this event, or null
     */
    public Stored storeOnce(NewDocEvent event, String signature, String idempotencyKey) {
        MapSqlParameterSource receipt = new MapSqlParameterSource("hash", sha256(signature.trim().toLowerCase(Locale.ROOT)))
                .addValue("tenant", event.tenantId()).addValue("docType", event.docType()).addValue("docId", event.docId())
                .addValue("action", event.action()).addValue("key", idempotencyKey);
        Optional<Long> first = first(receipt);
        if (first.isPresent()) {
            return new Stored(first.get(), true);
        }
        Instant now = clock.instant();
        try {
            Long id = transaction.execute(status -> {
                long eventId = outbox.append(event);
                jdbc.update("INSERT INTO proyi_webhook_receipt (signature_hash, tenant_id, doc_type, doc_id, action,"
                                + " idempotency_key, event_id, received_at)"
                                + " VALUES (:hash, :tenant, :docType, :docId, :action, :key, :event, :now)",
                        receipt.addValue("event", eventId).addValue("now", Timestamp.from(now)));
                return eventId;
            });
            forgetOlderThan(now);
            return new Stored(id, false);
        } catch (DuplicateKeyException e) {
            return first(receipt).map(id -> new Stored(id, true)).orElseThrow(() -> e);
        }
    }

    private Optional<Long> first(MapSqlParameterSource receipt) {
        String byKey = receipt.getValue("key") == null ? "" : " OR (tenant_id = :tenant AND doc_type = :docType"
                + " AND doc_id = :docId AND action = :action AND idempotency_key = :key)";
        return jdbc.queryForList("SELECT event_id FROM proyi_webhook_receipt WHERE signature_hash = :hash" + byKey
                + " ORDER BY id LIMIT 1", receipt, Long.class).stream().findFirst();
    }

    /**
     * A few old receipts per new one: the table stays at about a retention period's worth of events. Never
     * younger than twice the clock skew, while a captured request could still pass the timestamp check.
     */
    private void forgetOlderThan(Instant now) {
        Duration keep = settings.getReceiptRetention().compareTo(settings.getMaxClockSkew().multipliedBy(2)) > 0
                ? settings.getReceiptRetention() : settings.getMaxClockSkew().multipliedBy(2);
        List<Long> old = jdbc.queryForList("SELECT id FROM proyi_webhook_receipt WHERE received_at < :cutoff"
                + " ORDER BY id LIMIT 10", new MapSqlParameterSource("cutoff", Timestamp.from(now.minus(keep))), Long.class);
        if (!old.isEmpty()) {
            jdbc.update("DELETE FROM proyi_webhook_receipt WHERE id IN (:ids)", new MapSqlParameterSource("ids", old));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
