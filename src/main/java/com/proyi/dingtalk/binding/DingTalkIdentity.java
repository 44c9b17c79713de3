package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.binding.BindRefusedException.Reason;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Who DingTalk says is using the H5 page: the free-login code exchanged for the user id (API.md §3.2). */
@Component
public class DingTalkIdentity {

    static final String GETUSERINFO = "/topapi/v2/user/getuserinfo";
    private static final int INVALID_AUTH_CODE = 40078;
    /** DingTalk's codes are 32 characters; anything far longer is not worth a call. */
    private static final int MAX_AUTH_CODE = 256;

    private final DingTalkClient dingTalk;
    private final BindingProperties settings;

    public DingTalkIdentity(DingTalkClient dingTalk, BindingProperties settings) {
        this.dingTalk = dingTalk;
        this.settings = settings;
    }

    /**
     * @throws BindRefusedException for an unknown tenant or a code DingTalk does not know (missing, used, expired)
     * @throws DingTalkException    when DingTalk could not answer
     * @throws com.proyi.dingtalk.dingtalk.DingTalkBusyException when this second's getuserinfo calls are spent
     */
    public String userIdOf(String tenantId, String authCode) {
        if (!dingTalk.isConfigured(tenantId)) {
            throw new BindRefusedException(Reason.UNKNOWN_TENANT, "未配置的租户：" + tenantId);
        }
        if (authCode == null || authCode.isBlank() || authCode.length() > MAX_AUTH_CODE) {
            throw invalidCode();
        }
        try {
            String userId = dingTalk.postWithoutQueueing(tenantId, GETUSERINFO, Map.of("code", authCode),
                            settings.getLoginMaxRateWait())
                    .path("result").path("userid").asText("");
            if (userId.isBlank()) {
                throw new DingTalkException(GETUSERINFO, 0, "answer has no result.userid", 0,
                        DingTalkException.Kind.PERMANENT, null);
            }
            return userId;
        } catch (DingTalkException e) {
            if (e.errcode() == INVALID_AUTH_CODE) {
                throw invalidCode();
            }
            throw e;
        }
    }

    private static BindRefusedException invalidCode() {
        return new BindRefusedException(Reason.INVALID_AUTH_CODE, "钉钉免登码无效或已过期，请关闭页面后重新进入应用");
    }
}
