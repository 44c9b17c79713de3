package com.proyi.dingtalk.notice.mapping;

import com.proyi.dingtalk.notice.DocEvent;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The values an event offers to {@code ${...}} placeholders: its outbox columns by their table column names,
 * and its extra JSON fields as {@code fields.<name>} (dots walk into nested objects).
 * Returns null for a value the event does not have.
 */
final class EventValues implements Function<String, String> {

    /**
     * Kept in the order the outbox table declares them, so error messages list them the same way;
     * then {@code event_time}, created_at to the second, which makes two reminders differ.
     */
    static final List<String> COLUMNS = List.of("tenant_id", "doc_type", "doc_id", "doc_no", "action", "title",
            "summary", "sender", "created_at", "recipients", "event_time");
    static final String FIELDS_PREFIX = "fields.";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final DocEvent event;
    private final ZoneId timeZone;

    EventValues(DocEvent event, ZoneId timeZone) {
        this.event = event;
        this.timeZone = timeZone;
    }

    @Override
    public String apply(String name) {
        return switch (name) {
            case "tenant_id" -> event.tenantId();
            case "doc_type" -> event.docType();
            case "doc_id" -> event.docId();
            case "doc_no" -> event.docNo();
            case "action" -> event.action();
            case "title" -> event.title();
            case "summary" -> event.summary();
            case "sender" -> event.sender();
            case "created_at" -> event.createdAt() == null ? null : TIME.withZone(timeZone).format(event.createdAt());
            case "event_time" -> event.createdAt() == null ? null : SECONDS.withZone(timeZone).format(event.createdAt());
            case "recipients" -> event.recipients() == null ? null : String.join(", ", event.recipients());
            default -> text(field(name.substring(FIELDS_PREFIX.length())));
        };
    }

    private Object field(String path) {
        Object value = event.fields();
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    /** Objects have no single display text, so they count as missing; lists read as "a, b". */
    private static String text(Object value) {
        if (value == null || value instanceof Map<?, ?>) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(EventValues::text).filter(s -> s != null).collect(Collectors.joining(", "));
        }
        if (value instanceof Double || value instanceof Float) {
            // JSON amounts arrive as doubles; 12000000.0 would otherwise print as "1.2E7"
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
