package com.proyi.dingtalk.dingtalk.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * DingTalk's HTTP event push (API.md §6 and §9): encrypts the event for the subscribed URL, POSTs
 * it with {@code signature}, {@code timestamp} and {@code nonce}, and counts the delivery only if
 * the answer arrives within 1500 ms and decrypts to {@code success} under a valid signature.
 */
final class EventPusher {

    static final Duration REPLY_DEADLINE = Duration.ofMillis(1500);

    /** Where events go and the secrets configured for them in the developer console. */
    record Subscription(String url, String token, String aesKey, String ownerKey) {
        PushCrypto crypto() {
            return new PushCrypto(token, aesKey, ownerKey);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REPLY_DEADLINE).build();

    PushResult push(Subscription subscription, String event, long timestampMillis, String nonce, String signature) {
        PushCrypto crypto = subscription.crypto();
        String timestamp = Long.toString(timestampMillis);
        PushCrypto.Sealed message = crypto.seal(event, timestamp, nonce);
        String query = "?signature=" + encode(signature != null ? signature : message.signature())
                + "&timestamp=" + timestamp + "&nonce=" + encode(nonce);
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url() + query))
                .timeout(REPLY_DEADLINE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.object().put("encrypt", message.encrypt())), UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
            return new PushResult(response.statusCode(), acknowledged(crypto, response), response.body());
        } catch (IOException e) {
            return new PushResult(0, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PushResult(0, false, "interrupted");
        }
    }

    private static boolean acknowledged(PushCrypto crypto, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return false;
        }
        try {
            JsonNode reply = Json.MAPPER.readTree(response.body());
            String text = crypto.open(reply.path("msg_signature").asText(null), reply.path("timeStamp").asText(""),
                    reply.path("nonce").asText(""), reply.path("encrypt").asText(""));
            return "success".equals(text);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
