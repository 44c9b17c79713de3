package com.proyi.dingtalk.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.security.HmacRequestVerifier;
import com.proyi.dingtalk.security.RefusedRequestException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * POST /api/proyi/events: checks the HMAC signature and the timestamp, validates the event and
 * stores it in the outbox, so it is durable before ProYi gets its 202.
 */
@Component("proyiWebhook")
public class ProYiWebhook {

    static final String TIMESTAMP_HEADER = HmacRequestVerifier.TIMESTAMP_HEADER;
    static final String SIGNATURE_HEADER = HmacRequestVerifier.SIGNATURE_HEADER;
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY = 128;
    private static final Set<String> ACTIONS = Set.of("todo", "cc", "approved", "rejected", "returned", "done",
            "withdrawn");

    private final ProYiProperties.Webhook settings;
    private final ObjectMapper json;
    private final HmacRequestVerifier signatures;
    private final WebhookReceipts receipts;

    public ProYiWebhook(ProYiProperties properties, WebhookReceipts receipts, ObjectMapper json, Clock clock) {
        this.settings = properties.getWebhook();
        this.receipts = receipts;
        this.json = json;
        this.signatures = new HmacRequestVerifier(clock, settings.getMaxClockSkew());
    }

    /**
     * What ProYi is told once the event is stored: {@code {"id": <outbox id>, "status": "accepted"}}, with
     * {@code "duplicate": true} when an earlier request stored it (a replay, or the same idempotency key).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(long id, String status, Boolean duplicate) {}

    /** @param idempotencyKey the Idempotency-Key header; the body's idempotency_key when absent */
    public Accepted receive(@Body byte[] body, @Header(TIMESTAMP_HEADER) String timestamp,
                            @Header(SIGNATURE_HEADER) String signature, @Header(IDEMPOTENCY_HEADER) String idempotencyKey) {
        byte[] raw = body == null ? new byte[0] : body;
        signatures.verify(settings.getSecret(), "proyi.webhook.secret", raw, timestamp, signature);
        String text = WebhookLimits.decode(raw);
        NewDocEvent event = parse(text);
        WebhookLimits.check(event, json, settings.getMaxRecipients());
        WebhookReceipts.Stored stored = receipts.storeOnce(event, signature, idempotencyKey(text, idempotencyKey));
        return new Accepted(stored.eventId(), "accepted", stored.duplicate() ? Boolean.TRUE : null);
    }

    private String idempotencyKey(String body, String header) {
        String key = header;
        if (key == null || key.isBlank()) {
            try {
                key = text(json.readTree(body), "idempotency_key", "idempotencyKey", MAX_IDEMPOTENCY_KEY, false);
            } catch (JsonProcessingException e) {
                throw new RefusedRequestException(400, "body is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (key != null && key.strip().length() > MAX_IDEMPOTENCY_KEY) {
            throw new RefusedRequestException(400, IDEMPOTENCY_HEADER + " is longer than " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        return key == null || key.isBlank() ? null : key.strip();
    }

    /** Hex HMAC-SHA256, as ProYi computes it. */
    public static String sign(String secret, String payload) {
        return HmacRequestVerifier.sign(secret, payload);
    }

    NewDocEvent parse(String body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RefusedRequestException(400, "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RefusedRequestException(400, "body must be a JSON object");
        }
        String tenant = text(node, "tenant_id", "tenantId", 64, false);
        String action = text(node, "action", "action", 32, true);
        if (!ACTIONS.contains(action)) {
            throw new RefusedRequestException(400, "action must be one of " + ACTIONS + ", got '" + action + "'");
        }
        JsonNode fields = field(node, "fields", "fields");
        if (fields != null && !fields.isNull() && !fields.isObject()) {
            throw new RefusedRequestException(400, "fields must be a JSON object");
        }
        return new NewDocEvent(tenant == null ? "default" : tenant,
                text(node, "doc_type", "docType", 64, true), text(node, "doc_id", "docId", 64, true),
                text(node, "doc_no", "docNo", 64, false), action, text(node, "title", "title", 200, false),
                text(node, "summary", "summary", 65_535, false), text(node, "sender", "sender", 64, false),
                recipients(field(node, "recipients", "recipients")),
                fields == null || fields.isNull() ? null : json.convertValue(fields, Map.class));
    }

    private static List<String> recipients(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new RefusedRequestException(400, "recipients must be a non-empty JSON array of ProYi accounts");
        }
        List<String> accounts = new ArrayList<>();
        for (JsonNode item : node) {
            String account = item.isTextual() ? item.asText().trim() : "";
            if (account.isEmpty() || account.length() > 64 || account.contains(",")) {
                throw new RefusedRequestException(400,
                        "each recipient must be a ProYi account of 1-64 characters without commas, got " + item);
            }
            accounts.add(account);
        }
        return accounts;
    }

    private static String text(JsonNode node, String name, String alias, int maxLength, boolean required) {
        JsonNode value = field(node, name, alias);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw new RefusedRequestException(400, name + " is required");
            }
            return null;
        }
        if (!value.isValueNode()) {
            throw new RefusedRequestException(400, name + " must be a string");
        }
        String text = value.asText().trim();
        if (text.length() > maxLength) {
            throw new RefusedRequestException(400, name + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static JsonNode field(JsonNode node, String name, String alias) {
        return node.has(name) ? node.get(name) : node.get(alias);
    }
}
