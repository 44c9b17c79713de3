package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /get_jsapi_ticket} (API.md §4.1): one ticket per app; fetching it again while valid
 * returns the same ticket and extends it by 2 h, but never past 24 h from its creation. Also
 * checks a dd.config the way the DingTalk client does (§4.2, §9), SHA-1 or SHA-256.
 */
final class JsapiTicketApi {

    static final String GET_JSAPI_TICKET = "/get_jsapi_ticket";
    static final Duration VALIDITY = Duration.ofHours(2);
    static final Duration MAX_LIFETIME = Duration.ofHours(24);

    /** dd.config client errors (API.md §4.3). */
    static final int TICKET_READ_FAILED = 52011;
    static final int SIGNATURE_MISMATCH = 52013;
    static final int INVALID_AGENT_ID = 52019;

    private record Ticket(String value, Instant createdAt, Instant expiresAt) {
        boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final Clock clock;
    private final OrgDirectory directory;
    private final Map<String, Ticket> byApp = new ConcurrentHashMap<>();

    JsapiTicketApi(Clock clock, OrgDirectory directory) {
        this.clock = clock;
        this.directory = directory;
    }

    void register(Gateway gateway) {
        // §8.3 exempts ticket retrieval; that the legacy path is meant too is unconfirmed but near certain.
        gateway.route("GET", GET_JSAPI_TICKET, Policy.exempt(null), this::getTicket);
    }

    private ObjectNode getTicket(OapiRequest request) {
        Instant now = request.receivedAt();
        Ticket ticket = byApp.compute(request.app().appKey(), (appKey, old) -> {
            if (old != null && old.validAt(now) && now.isBefore(old.createdAt().plus(MAX_LIFETIME))) {
                Instant cap = old.createdAt().plus(MAX_LIFETIME);
                Instant renewed = now.plus(VALIDITY);
                return new Ticket(old.value(), old.createdAt(), renewed.isBefore(cap) ? renewed : cap);
            }
            return new Ticket(UUID.randomUUID().toString().replace("-", ""), now, now.plus(VALIDITY));
        });
        return Json.object().put("ticket", ticket.value())
                .put("expires_in", Math.max(1, Duration.between(now, ticket.expiresAt()).toSeconds()));
    }

    /** 0 if the DingTalk client would accept this dd.config on the page, else its client error code. */
    int verifyConfig(String appKey, String pageUrl, String agentId, String corpId, String timeStamp,
                     String nonceStr, String signature) {
        Optional<SimApp> app = directory.app(appKey);
        if (app.isEmpty() || !String.valueOf(app.get().agentId()).equals(agentId)) {
            return INVALID_AGENT_ID;
        }
        Ticket ticket = byApp.get(appKey);
        if (!app.get().corpId().equals(corpId) || ticket == null || !ticket.validAt(clock.instant())) {
            return TICKET_READ_FAILED;
        }
        String plain = "jsapi_ticket=" + ticket.value() + "&noncestr=" + nonceStr + "&timestamp=" + timeStamp
                + "&url=" + signedUrl(pageUrl);
        boolean matches = signature != null
                && (signature.equals(hex("SHA-1", plain)) || signature.equals(hex("SHA-256", plain)));
        return matches ? 0 : SIGNATURE_MISMATCH;
    }

    /** The official sample's decodeUrl: no fragment, query URL-decoded, path as is. */
    private static String signedUrl(String pageUrl) {
        URI uri = URI.create(pageUrl);
        String url = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
        return uri.getRawQuery() == null ? url : url + "?" + URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
    }

    private static String hex(String algorithm, String plain) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
