package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /topapi/v2/user/getuserinfo} (API.md §3.2, §3.4): exchanges a free-login code for the
 * user. Codes are what {@code dd.runtime.permission.requestAuthCode} would hand the page: bound to
 * one app and one member, valid 5 minutes, single use; anything else is 40078.
 */
final class FreeLoginApi {

    static final String GETUSERINFO = "/topapi/v2/user/getuserinfo";
    static final Duration CODE_TTL = Duration.ofMinutes(5);
    private static final int INVALID_CODE = 40078;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record AuthCode(String appKey, String userId, Instant expiresAt) {}

    private final Clock clock;
    private final OrgDirectory directory;
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();

    FreeLoginApi(Clock clock, OrgDirectory directory) {
        this.clock = clock;
        this.directory = directory;
    }

    void register(Gateway gateway) {
        gateway.route("POST", GETUSERINFO, Policy.exempt(Permissions.BASE), this::getUserInfo);
    }

    /** A code as the DingTalk client issues it to the app's page for a member of the app's organisation. */
    String issue(String appKey, String userId) {
        SimApp app = directory.app(appKey).orElseThrow(() -> new IllegalArgumentException("no app " + appKey));
        if (!directory.isMember(app.corpId(), userId)) {
            throw new IllegalArgumentException(userId + " is not a member of " + app.corpId());
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String code = HexFormat.of().formatHex(random);
        codes.put(code, new AuthCode(appKey, userId, clock.instant().plus(CODE_TTL)));
        return code;
    }

    private ObjectNode getUserInfo(OapiRequest request) {
        String code = request.text("code").filter(value -> !value.isBlank())
                .orElseThrow(() -> OapiException.invalidParam("缺少参数 code"));
        AuthCode issued = codes.get(code);
        // Another app's code stays usable by its own app; an expired one is gone either way.
        if (issued == null || !issued.appKey().equals(request.app().appKey())) {
            throw invalidCode();
        }
        codes.remove(code);
        if (!request.receivedAt().isBefore(issued.expiresAt())) {
            throw invalidCode();
        }
        // The member may have left since the code was issued; the code then names nobody.
        OrgDirectory.Member member = directory.member(request.app().corpId(), issued.userId()).orElseThrow(FreeLoginApi::invalidCode);
        ObjectNode result = Json.object()
                .put("userid", member.userId())
                .put("unionid", member.unionId())
                .put("name", member.name())
                .put("device_id", "device_" + member.userId())
                .put("sys", false)
                .put("sys_level", 0)
                .put("associated_unionid", "");
        ObjectNode payload = Json.object();
        payload.set("result", result);
        return payload;
    }

    private static OapiException invalidCode() {
        return OapiException.of(INVALID_CODE, "不存在的临时授权码");
    }
}
