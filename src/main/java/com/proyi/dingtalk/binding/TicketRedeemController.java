package com.proyi.dingtalk.binding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.config.ProYiProperties;
import com.proyi.dingtalk.security.HmacRequestVerifier;
import com.proyi.dingtalk.security.RefusedRequestException;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /api/tickets/redeem {"ticket": "..."}: ProYi, server to server, exchanges a login ticket for
 * the account, once, within proyi.binding.ticket-ttl. Signed like the webhook, with
 * proyi.binding.ticket-secret ({@link HmacRequestVerifier}).
 */
@RestController
public class TicketRedeemController {

    private final LoginTickets tickets;
    private final BindingProperties settings;
    private final HmacRequestVerifier signatures;
    private final ObjectMapper json;

    public TicketRedeemController(LoginTickets tickets, BindingProperties settings, ProYiProperties proyi,
                                  ObjectMapper json, Clock clock) {
        this.tickets = tickets;
        this.settings = settings;
        this.json = json;
        this.signatures = new HmacRequestVerifier(clock, proyi.getWebhook().getMaxClockSkew());
    }

    @PostMapping("/api/tickets/redeem")
    public ResponseEntity<?> redeem(@RequestBody(required = false) byte[] body,
                                    @RequestHeader(value = HmacRequestVerifier.TIMESTAMP_HEADER, required = false) String timestamp,
                                    @RequestHeader(value = HmacRequestVerifier.SIGNATURE_HEADER, required = false) String signature) {
        byte[] raw = body == null ? new byte[0] : body;
        signatures.verify(settings.getTicketSecret(), "proyi.binding.ticket-secret", raw, timestamp, signature);
        String ticket = ticketOf(raw);
        return tickets.redeem(ticket)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404)
                        .body(Map.of("error", "unknown ticket, already redeemed, or expired")));
    }

    @ExceptionHandler(RefusedRequestException.class)
    ResponseEntity<Map<String, String>> rejected(RefusedRequestException e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
    }

    private String ticketOf(byte[] body) {
        try {
            String ticket = body.length == 0 ? "" : json.readTree(body).path("ticket").asText("");
            if (ticket.isBlank()) {
                throw new RefusedRequestException(400, "body must be {\"ticket\": \"...\"}");
            }
            return ticket;
        } catch (IOException e) {
            throw new RefusedRequestException(400, "body is not valid JSON");
        }
    }
}
