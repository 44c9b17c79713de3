package com.proyi.dingtalk.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.security.RefusedRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a webhook event must fit into before it is stored: proper UTF-8, and the outbox's TEXT columns
 * (65,535 bytes, not characters: a CJK character takes three). An event that does not fit is refused
 * with 400, so that ProYi sees its mistake instead of retrying a 500 for ever.
 */
final class WebhookLimits {

    /** MariaDB's TEXT holds 65,535 bytes. */
    static final int TEXT_BYTES = 65_535;

    private WebhookLimits() {
    }

    /** The body as text; an empty body or one that is not UTF-8 is refused. */
    static String decode(byte[] body) {
        if (body.length == 0) {
            throw new RefusedRequestException(400, "body is empty: expected the event as a JSON object");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new RefusedRequestException(400, "body is not valid UTF-8");
        }
    }

    /** Refuses an event whose recipients, summary or fields would not fit the outbox row. */
    static void check(NewDocEvent event, ObjectMapper json, int maxRecipients) {
        if (event.recipients().size() > maxRecipients) {
            throw new RefusedRequestException(400, "recipients names " + event.recipients().size()
                    + " accounts; at most " + maxRecipients + " per event (proyi.webhook.max-recipients)");
        }
        fits("recipients", String.join(",", event.recipients()));
        fits("summary", event.summary());
        try {
            fits("fields", event.fields() == null ? null : json.writeValueAsString(event.fields()));
        } catch (JsonProcessingException e) {
            throw new RefusedRequestException(400, "fields cannot be written as JSON");
        }
    }

    private static void fits(String name, String value) {
        if (value != null && value.length() > TEXT_BYTES / 3
                && value.getBytes(StandardCharsets.UTF_8).length > TEXT_BYTES) {
            throw new RefusedRequestException(400, name + " takes more than " + TEXT_BYTES + " bytes in UTF-8");
        }
    }
}
