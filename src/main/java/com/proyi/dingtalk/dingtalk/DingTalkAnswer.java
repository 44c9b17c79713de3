package com.proyi.dingtalk.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.DingTalkException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an oapi answer tolerantly (API.md §7.1): errcode as number or string, the gateway code 88
 * resolved to its sub code, unknown fields ignored, HTTP status only where the body says nothing.
 */
final class DingTalkAnswer {

    private static final int GATEWAY_ERRCODE = 88;
    private static final Pattern SUBCODE_IN_ERRMSG = Pattern.compile("subcode=(-?\\d+)");
    private static final int MAX_QUOTED_BODY = 200;

    private DingTalkAnswer() {
    }

    /** The parsed body when DingTalk accepted the call, otherwise a {@link DingTalkException}. */
    static JsonNode bodyOrThrow(String api, int httpStatus, byte[] body, ObjectMapper mapper) {
        JsonNode json = parse(body, mapper);
        boolean httpOk = httpStatus >= 200 && httpStatus < 300;
        if (json == null) {
            // DingTalk's IP-level ban is an HTML page with HTTP 200 (API.md §8.1).
            Kind kind = httpOk ? Kind.RATE_LIMITED : byHttpStatus(httpStatus);
            throw new DingTalkException(api, DingTalkException.NO_ERRCODE,
                    "answer is not JSON: " + quote(body), httpStatus, kind, null);
        }
        OptionalInt errcode = effectiveErrcode(json);
        if (errcode.isPresent() && errcode.getAsInt() != 0) {
            throw new DingTalkException(api, errcode.getAsInt(), errmsg(json), httpStatus,
                    kindOf(errcode.getAsInt(), httpStatus), null);
        }
        if (!httpOk) {
            throw new DingTalkException(api, DingTalkException.NO_ERRCODE, errmsg(json), httpStatus,
                    byHttpStatus(httpStatus), null);
        }
        if (json.has("punish")) {
            // The JSON form of the IP-level ban: {"status":1111,"wait":5,"punish":"deny",...}
            throw new DingTalkException(api, DingTalkException.NO_ERRCODE,
                    "server IP blocked by DingTalk: " + quote(body), httpStatus, Kind.RATE_LIMITED, null);
        }
        // errcode 0, or no errcode at all on HTTP 2xx (e.g. only a task_id): accepted.
        return json;
    }

    /** errcode, or for the gateway code 88 its sub_code, or else the subcode=NNN inside errmsg. */
    static OptionalInt effectiveErrcode(JsonNode json) {
        OptionalInt errcode = integer(json.get("errcode"));
        if (errcode.isEmpty() || errcode.getAsInt() != GATEWAY_ERRCODE) {
            return errcode;
        }
        OptionalInt subCode = integer(json.get("sub_code"));
        if (subCode.isEmpty()) {
            Matcher m = SUBCODE_IN_ERRMSG.matcher(json.path("errmsg").asText(""));
            subCode = m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        }
        return subCode.isPresent() ? subCode : errcode;
    }

    private static Kind kindOf(int errcode, int httpStatus) {
        Kind kind = DingTalkException.classify(errcode);
        return kind == Kind.PERMANENT && httpStatus >= 500 ? Kind.TRANSIENT : kind;
    }

    private static Kind byHttpStatus(int httpStatus) {
        if (httpStatus == 429) {
            return Kind.RATE_LIMITED;
        }
        return httpStatus >= 500 ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    private static OptionalInt integer(JsonNode node) {
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (node.canConvertToInt()) {
            return OptionalInt.of(node.asInt());
        }
        try {
            return OptionalInt.of(Integer.parseInt(node.asText().trim()));
        } catch (NumberFormatException notANumber) {
            return OptionalInt.empty();
        }
    }

    private static String errmsg(JsonNode json) {
        for (String field : new String[] {"errmsg", "sub_msg", "message", "code"}) {
            String text = json.path(field).asText("");
            if (!text.isBlank()) {
                return text;
            }
        }
        return quote(json.toString());
    }

    private static JsonNode parse(byte[] body, ObjectMapper mapper) {
        try {
            JsonNode json = body == null || body.length == 0 ? null : mapper.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String quote(byte[] body) {
        return quote(body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private static String quote(String body) {
        String text = body.strip();
        return text.length() <= MAX_QUOTED_BODY ? text : text.substring(0, MAX_QUOTED_BODY) + "...";
    }
}
