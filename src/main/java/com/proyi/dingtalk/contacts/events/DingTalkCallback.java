package com.proyi.dingtalk.contacts.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import com.proyi.dingtalk.dingtalk.crypto.CallbackCrypto;
import com.proyi.dingtalk.dingtalk.crypto.CallbackCryptoException;
import com.proyi.dingtalk.dingtalk.crypto.EncryptedMessage;
import com.proyi.dingtalk.security.RefusedRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /dingtalk/callback} (routes/dingtalk-events.camel.yaml): checks the signature and the
 * timestamp, decrypts, checks the owner key, refuses a replayed nonce, stores the event, and
 * answers the encrypted {@code success} that DingTalk requires (API.md §6). Handling happens
 * later, from the inbox. Refusals change nothing.
 */
@Component
public class DingTalkCallback {

    private static final Logger log = LoggerFactory.getLogger(DingTalkCallback.class);
    static final String CHECK_URL = "check_url";
    private static final Pattern ENCRYPT_ONLY = Pattern.compile("\\s*\\{\\s*\"encrypt\"\\s*:\\s*\"([A-Za-z0-9+/=]*)\"\\s*}\\s*");

    private final CallbackProperties properties;
    private final DingTalkProperties dingTalk;
    private final EventInbox inbox;
    private final ObjectMapper mapper;
    private final Clock clock;

    public DingTalkCallback(CallbackProperties properties, DingTalkProperties dingTalk, EventInbox inbox,
                            ObjectMapper mapper, Clock clock) {
        this.properties = properties;
        this.dingTalk = dingTalk;
        this.inbox = inbox;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Both spellings of signature and timestamp are accepted, as DingTalk's own library does (API.md §6.1).
     *
     * @return the JSON reply: msg_signature, timeStamp, nonce and encrypt
     * @throws RefusedRequestException with the HTTP status to answer
     */
    public String receive(@Header("signature") String signature, @Header("msg_signature") String msgSignature,
                          @Header("timestamp") String timestamp, @Header("timeStamp") String timeStamp,
                          @Header("nonce") String nonce, @Body String body) {
        if (!properties.isConfigured()) {
            throw new RefusedRequestException(503, "callback not configured (dingtalk.callback.token and aes-key)");
        }
        String sentSignature = msgSignature != null ? msgSignature : signature;
        String sentTimestamp = timeStamp != null ? timeStamp : timestamp;
        if (sentSignature == null || sentTimestamp == null || nonce == null || nonce.isBlank() || nonce.length() > 64) {
            throw new RefusedRequestException(400, "signature, timestamp and nonce are required");
        }
        CallbackCrypto crypto = crypto();
        String message;
        try {
            message = crypto.decrypt(sentSignature, sentTimestamp, nonce, encryptField(body));
        } catch (CallbackCryptoException e) {
            log.warn("Refused a DingTalk callback: {}", e.getMessage());
            throw new RefusedRequestException(e.code() == CallbackCryptoException.SIGNATURE_MISMATCH ? 403 : 400,
                    "callback refused: " + e.code());
        }
        checkFresh(sentTimestamp);
        JsonNode event = parse(message);
        String type = event.path("EventType").asText("");
        if (CHECK_URL.equals(type)) {
            inbox.store(nonce, null, type, null, message);
        } else {
            String corpId = event.path("CorpId").asText("");
            String tenant = tenantOf(corpId).orElseThrow(() -> new RefusedRequestException(403,
                    "CorpId '" + abbreviate(corpId) + "' is no configured tenant's dingtalk.corp-id"));
            inbox.store(nonce, eventId(event, message), type, tenant, message);
        }
        String now = Long.toString(clock.millis());
        EncryptedMessage reply = crypto.encrypt("success", now, CallbackCrypto.randomAlphanumeric());
        try {
            return mapper.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the callback reply", e);
        }
    }

    private CallbackCrypto crypto() {
        return new CallbackCrypto(properties.getToken(), properties.getAesKey(), properties.getOwnerKey());
    }

    private void checkFresh(String timestamp) {
        long sent;
        try {
            sent = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new RefusedRequestException(400, "timestamp is not epoch milliseconds");
        }
        long now = clock.millis();
        long allowed = properties.getMaxClockSkew().toMillis();
        if (sent < now - allowed || sent > now + allowed) {
            throw new RefusedRequestException(403, "timestamp outside dingtalk.callback.max-clock-skew");
        }
    }

    /**
     * The encrypted event, read by a pattern rather than a JSON parser: nothing parses what an unsigned
     * caller sent before the signature over it is checked. DingTalk sends exactly {"encrypt": "<base64>"}.
     */
    private static String encryptField(String body) {
        Matcher match = ENCRYPT_ONLY.matcher(body == null ? "" : body);
        if (!match.matches() || match.group(1).isEmpty()) {
            throw new RefusedRequestException(400, "body must be {\"encrypt\": \"<base64>\"}");
        }
        return match.group(1);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    private JsonNode parse(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isObject()) {
                throw new RefusedRequestException(400, "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RefusedRequestException(400, "not JSON");
        }
    }

    /** DingTalk's eventId; the legacy payloads have none, and a hash of the message identifies a redelivery. */
    private static String eventId(JsonNode event, String message) {
        String id = event.path("eventId").asText("");
        if (!id.isEmpty() && id.length() <= 120) {
            return id;
        }
        try {
            return "sha1:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** The tenant whose DingTalk organisation sent the event; none for an organisation no tenant names. */
    private Optional<String> tenantOf(String corpId) {
        if (corpId.isEmpty()) {
            return Optional.empty();
        }
        if (corpId.equals(dingTalk.getCorpId())) {
            return Optional.of(DingTalkProperties.DEFAULT_TENANT);
        }
        return dingTalk.getTenants().entrySet().stream().filter(t -> corpId.equals(t.getValue().getCorpId()))
                .map(Map.Entry::getKey).findFirst();
    }
}
