package com.proyi.dingtalk.contacts.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proyi.dingtalk.binding.UnbindReasons;
import com.proyi.dingtalk.contacts.DingTalkUserUnbinding;
import com.proyi.dingtalk.contacts.SyncStates;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Handles a stored DingTalk contact event (routes/dingtalk-events.camel.yaml): {@code user_leave_org}
 * unbinds the user at once, {@code user_modify_org} makes the next contact sync compare the person
 * again, every other type is kept and ignored.
 */
@Component
public class ContactEvents {

    private static final Logger log = LoggerFactory.getLogger(ContactEvents.class);

    private final EventInbox inbox;
    private final DingTalkUserUnbinding unbinding;
    private final SyncStates states;
    private final ObjectMapper mapper;

    public ContactEvents(EventInbox inbox, DingTalkUserUnbinding unbinding, SyncStates states, ObjectMapper mapper) {
        this.inbox = inbox;
        this.unbinding = unbinding;
        this.states = states;
        this.mapper = mapper;
    }

    public void handle(EventInbox.Event event) {
        try {
            List<String> userIds = userIds(mapper.readTree(event.payload()));
            switch (event.eventType()) {
                case "user_leave_org" -> {
                    for (String userId : userIds) {
                        List<String> accounts = unbinding.unbind(event.tenantId(), userId, UnbindReasons.LEFT_DINGTALK,
                                "dingtalk:user_leave_org");
                        states.forget(event.tenantId(), userId);
                        log.info("DingTalk user {} of tenant {} left the organisation; unbound {}", userId,
                                event.tenantId(), accounts);
                    }
                    inbox.finished(event, "DONE");
                }
                case "user_modify_org" -> {
                    userIds.forEach(userId -> states.markStale(event.tenantId(), userId));
                    inbox.finished(event, "DONE");
                }
                default -> inbox.finished(event, "IGNORED");
            }
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("DingTalk event {} ({}) failed: {}", event.id(), event.eventType(), e.getMessage());
            inbox.failed(event, e);
        }
    }

    /** userId (current shape), UserId (legacy shape), or diffInfo.userid. */
    private static List<String> userIds(JsonNode event) {
        List<String> ids = new ArrayList<>();
        for (String field : new String[] {"userId", "UserId"}) {
            event.path(field).forEach(id -> ids.add(id.asText()));
        }
        String diffUser = event.path("diffInfo").path("userid").asText("");
        if (ids.isEmpty() && !diffUser.isEmpty()) {
            ids.add(diffUser);
        }
        return ids;
    }
}
