package com.proyi.dingtalk.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The jsapi ticket per tenant (API.md §4.1), cached until shortly before DingTalk's expires_in:
 * DingTalk wants one ticket per app reused, not one fetch per page view.
 */
@Component
public class JsapiTickets {

    static final String GET_JSAPI_TICKET = "/get_jsapi_ticket";
    /** Renew this long before expiry, so a page never signs with a ticket that dies while it loads. */
    private static final Duration RENEWAL_MARGIN = Duration.ofMinutes(5);

    private record Cached(String ticket, Instant renewAt) {}

    private final DingTalkClient dingTalk;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> byTenant = new ConcurrentHashMap<>();

    public JsapiTickets(DingTalkClient dingTalk, Clock clock) {
        this.dingTalk = dingTalk;
        this.clock = clock;
    }

    public String ticket(String tenantId) {
        return byTenant.compute(tenantId, (tenant, cached) ->
                cached != null && clock.instant().isBefore(cached.renewAt()) ? cached : fetch(tenant)).ticket();
    }

    private Cached fetch(String tenantId) {
        JsonNode answer = dingTalk.get(tenantId, GET_JSAPI_TICKET, Map.of());
        Duration validity = Duration.ofSeconds(answer.path("expires_in").asLong(7200));
        Duration cacheFor = validity.compareTo(RENEWAL_MARGIN.multipliedBy(2)) > 0
                ? validity.minus(RENEWAL_MARGIN) : validity.dividedBy(2);
        String ticket = answer.path("ticket").asText("");
        if (ticket.isBlank()) {
            throw new DingTalkException(GET_JSAPI_TICKET, 0, "answer has no ticket", 0, DingTalkException.Kind.TRANSIENT, null);
        }
        return new Cached(ticket, clock.instant().plus(cacheFor));
    }
}
