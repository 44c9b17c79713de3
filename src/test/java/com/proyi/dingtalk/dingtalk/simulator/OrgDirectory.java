package com.proyi.dingtalk.dingtalk.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Apps and the members of each organisation (corpId). Contacts endpoints will grow this model. */
final class OrgDirectory {

    /** A member of an organisation. */
    record Member(String corpId, String userId, String name) {
    }

    private final Map<String, SimApp> appsByKey = new ConcurrentHashMap<>();
    /** corpId -> userId -> member; insertion-ordered so the inbox page lists people as added. */
    private final Map<String, Map<String, Member>> orgs = new ConcurrentHashMap<>();

    void addApp(SimApp app) {
        appsByKey.put(app.appKey(), app);
    }

    Optional<SimApp> app(String appKey) {
        return Optional.ofNullable(appsByKey.get(appKey));
    }

    void addUser(String corpId, String userId, String name) {
        Map<String, Member> members = orgs.computeIfAbsent(corpId, id -> Collections.synchronizedMap(new LinkedHashMap<>()));
        members.put(userId, new Member(corpId, userId, name));
    }

    void removeUser(String corpId, String userId) {
        Map<String, Member> members = orgs.get(corpId);
        if (members != null) {
            members.remove(userId);
        }
    }

    boolean isMember(String corpId, String userId) {
        Map<String, Member> members = orgs.get(corpId);
        return members != null && members.containsKey(userId);
    }

    List<String> userIds(String corpId) {
        Map<String, Member> members = orgs.get(corpId);
        if (members == null) {
            return List.of();
        }
        synchronized (members) {
            return List.copyOf(members.keySet());
        }
    }

    List<Member> members() {
        List<Member> all = new ArrayList<>();
        for (Map<String, Member> members : orgs.values()) {
            synchronized (members) {
                all.addAll(members.values());
            }
        }
        return all;
    }
}
