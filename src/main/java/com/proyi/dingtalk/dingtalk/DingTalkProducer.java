package com.proyi.dingtalk.dingtalk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.ObjectHelper;

/**
 * Turns a message into one {@link DingTalkClient} call and the answer back into the message. A
 * failed call ends the exchange with the client's {@link DingTalkException}, for routes to catch.
 */
final class DingTalkProducer extends DefaultProducer {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    DingTalkProducer(DingTalkEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public DingTalkEndpoint getEndpoint() {
        return (DingTalkEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        DingTalkEndpoint endpoint = getEndpoint();
        DingTalkClient client = endpoint.getComponent().getClient();
        Message message = exchange.getMessage();
        String tenant = message.getHeader(DingTalkConstants.TENANT, endpoint.getTenant(), String.class);
        switch (endpoint.getOperation()) {
            case sendWorkNotification -> {
                long taskId = client.sendWorkNotification(tenant, userIds(message), jsonObject(client.mapper(), message.getBody()));
                message.setHeader(DingTalkConstants.TASK_ID, taskId);
                message.setBody(taskId);
            }
            case oapi -> {
                Map<String, Object> body = jsonObject(client.mapper(), message.getBody());
                JsonNode answer = endpoint.getMethod() == DingTalkEndpoint.Method.GET
                        ? client.get(tenant, endpoint.getPath(), queryParameters(body))
                        : client.post(tenant, endpoint.getPath(), body);
                message.setBody(client.mapper().convertValue(answer, JSON_OBJECT));
            }
        }
    }

    private static List<String> userIds(Message message) {
        Object header = message.getHeader(DingTalkConstants.USER_IDS);
        if (header == null) {
            throw new IllegalArgumentException("sendWorkNotification needs the header " + DingTalkConstants.USER_IDS
                    + " (a List of DingTalk user ids, or one comma-separated String)");
        }
        List<String> userIds = new ArrayList<>();
        for (Object userId : ObjectHelper.createIterable(header, ",")) {
            String id = String.valueOf(userId).trim();
            if (!id.isEmpty()) {
                userIds.add(id);
            }
        }
        return userIds;
    }

    /** A Map as it is; JSON text parsed; anything else (a JsonNode, a bean) converted by Jackson; null as {}. */
    private static Map<String, Object> jsonObject(ObjectMapper mapper, Object body) throws IOException {
        if (body == null) {
            return Map.of();
        }
        if (body instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> jsonObject = (Map<String, Object>) map;
            return jsonObject;
        }
        if (body instanceof String text) {
            return mapper.readValue(text, JSON_OBJECT);
        }
        if (body instanceof byte[] bytes) {
            return mapper.readValue(bytes, JSON_OBJECT);
        }
        return mapper.convertValue(body, JSON_OBJECT);
    }

    private static Map<String, String> queryParameters(Map<String, Object> body) {
        Map<String, String> query = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (value != null) {
                query.put(name, String.valueOf(value));
            }
        });
        return query;
    }
}
