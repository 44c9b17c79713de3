package com.proyi.dingtalk.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one check for requests ProYi signs (the event webhook, ticket redemption):
 * {@code X-ProYi-Timestamp: <epoch seconds>} within the allowed clock skew and
 * {@code X-ProYi-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">} under a shared secret.
 */
public final class HmacRequestVerifier {

    public static final String TIMESTAMP_HEADER = "X-ProYi-Timestamp";
    public static final String SIGNATURE_HEADER = "X-ProYi-Signature";

    private final Clock clock;
    private final Duration maxClockSkew;

    public HmacRequestVerifier(Clock clock, Duration maxClockSkew) {
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
    }

    /**
     * @param secretKey the property that holds the secret, named in the refusal while it is unset
     * @param body      the raw body as it arrived, signed before anything decodes it
     * @throws RefusedRequestException 503 while the secret is unset, 401 for a missing, stale or wrong signature
     */
    public void verify(String secret, String secretKey, byte[] body, String timestamp, String signature) {
        if (secret == null || secret.isBlank()) {
            throw new RefusedRequestException(503, "refused until " + secretKey + " is set");
        }
        if (timestamp == null || signature == null) {
            throw new RefusedRequestException(401, "missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new RefusedRequestException(401, TIMESTAMP_HEADER + " must be epoch seconds");
        }
        long now = clock.instant().getEpochSecond();
        long allowed = maxClockSkew.toSeconds();
        // compared without subtracting the sent value, which may be anywhere in the range of a long
        if (seconds < now - allowed || seconds > now + allowed) {
            throw new RefusedRequestException(401, TIMESTAMP_HEADER + " is more than " + allowed
                    + " s away from this server's clock");
        }
        byte[] expected = ("sha256=" + sign(secret, (timestamp.trim() + ".").getBytes(StandardCharsets.US_ASCII), body))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new RefusedRequestException(401, "signature does not match: expected sha256=<hex HMAC-SHA256 of"
                    + " \"<timestamp>.<raw body>\" under the shared secret>");
        }
    }

    /** Hex HMAC-SHA256, as ProYi computes it. */
    public static String sign(String secret, String payload) {
        return sign(secret, new byte[0], payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
