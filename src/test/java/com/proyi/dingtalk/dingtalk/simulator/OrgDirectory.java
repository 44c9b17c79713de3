package com.proyi.dingtalk.dingtalk.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Apps and the members of each organisation (corpId). Every member has a unionId next to the
 * userid (API.md §2.9): opaque, stable for the same (corpId, userid), never equal to the userid,
 * so code that passes a userid where a unionId belongs is caught.
 */
final class OrgDirectory {

    /** A member of an organisation. */
    record Member(String corpId, String userId, String unionId, String name) {
    }

    private static final char[] UNION_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int UNION_ID_LENGTH = 22;

    private final Map<String, SimApp> appsByKey = new ConcurrentHashMap<>();
    /** corpId -> userId -> member; insertion-ordered so the inbox page lists people as added. */
    private final Map<String, Map<String, Member>> orgs = new ConcurrentHashMap<>();
    private final Map<String, Member> byUnionId = new ConcurrentHashMap<>();

    void addApp(SimApp app) {
        appsByKey.put(app.appKey(), app);
    }

    Optional<SimApp> app(String appKey) {
        return Optional.ofNullable(appsByKey.get(appKey));
    }

    Member addUser(String corpId, String userId, String name) {
        Map<String, Member> members = orgs.computeIfAbsent(corpId, id -> Collections.synchronizedMap(new LinkedHashMap<>()));
        Member member = new Member(corpId, userId, unionIdOf(corpId, userId), name);
        members.put(userId, member);
        byUnionId.put(member.unionId(), member);
        return member;
    }

    void removeUser(String corpId, String userId) {
        Map<String, Member> members = orgs.get(corpId);
        if (members != null) {
            Member removed = members.remove(userId);
            if (removed != null) {
                byUnionId.remove(removed.unionId());
            }
        }
    }

    boolean isMember(String corpId, String userId) {
        Map<String, Member> members = orgs.get(corpId);
        return members != null && members.containsKey(userId);
    }

    Optional<Member> member(String corpId, String userId) {
        Map<String, Member> members = orgs.get(corpId);
        return members == null ? Optional.empty() : Optional.ofNullable(members.get(userId));
    }

    /** The current member with this unionId in the organisation; other organisations' members are strangers. */
    Optional<Member> byUnionId(String corpId, String unionId) {
        return Optional.ofNullable(byUnionId.get(unionId)).filter(member -> member.corpId().equals(corpId));
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

    /** Derived, not random, so a user removed and added again, or a restarted simulator, keeps the same unionId. */
    static String unionIdOf(String corpId, String userId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest((corpId + "\n" + userId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        char[] id = new char[UNION_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = UNION_ID_CHARS[(digest[i] & 0xff) % UNION_ID_CHARS.length];
        }
        return new String(id);
    }
}
