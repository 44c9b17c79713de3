package com.proyi.dingtalk.binding;

import com.proyi.dingtalk.binding.JsapiConfigs.JsapiConfig;
import com.proyi.dingtalk.dingtalk.DingTalkApp;
import com.proyi.dingtalk.dingtalk.DingTalkBusyException;
import com.proyi.dingtalk.dingtalk.DingTalkException;
import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The H5 page's API: free login with DingTalk's code, binding with the ProYi password, mobile
 * logout, and the DingTalk settings the page needs (corpId for requestAuthCode, dd.config).
 * Refusals answer {@code {"status":"error","error":CODE,"message":"中文说明"}}.
 */
@RestController
@RequestMapping("/api/dingtalk")
public class DingTalkLoginController {

    private static final Logger log = LoggerFactory.getLogger(DingTalkLoginController.class);

    /**
     * @param target   a ProYi path to land on
     * @param notice   instead of target: the event id of the notice whose link was tapped ({@code notice=} of the page)
     * @param button   with notice: the tapped button's index ({@code button=} of the page), null for the notice itself
     * @param platform DingTalk's {@code dd.env.platform}: {@code pc} lands on the notice's PC page
     */
    public record LoginRequest(String tenantId, String authCode, String target, Long notice, Integer button,
                               String platform) {}

    public record BindRequest(String bindToken, String account, String password) {}

    public record LogoutRequest(String tenantId, String authCode, String ticket) {}

    public record PageConfig(String tenantId, String corpId, String agentId, String jsapiScriptUrl) {}

    private final FreeLogin freeLogin;
    private final JsapiConfigs jsapiConfigs;
    private final BindingProperties settings;
    private final ObjectProvider<NoticeTargets> noticeTargets;

    public DingTalkLoginController(FreeLogin freeLogin, JsapiConfigs jsapiConfigs, BindingProperties settings,
                                   ObjectProvider<NoticeTargets> noticeTargets) {
        this.noticeTargets = noticeTargets;
        this.freeLogin = freeLogin;
        this.jsapiConfigs = jsapiConfigs;
        this.settings = settings;
    }

    @PostMapping("/login")
    public FreeLogin.Answer login(@RequestBody LoginRequest request) {
        String tenant = tenant(request.tenantId());
        String target = request.target();
        NoticeTargets notices = noticeTargets.getIfAvailable();
        if (request.notice() != null && notices != null) {
            target = notices.target(tenant, request.notice(), request.button(), "pc".equalsIgnoreCase(request.platform()))
                    .orElse(target);
        }
        return freeLogin.login(tenant, request.authCode(), target);
    }

    @PostMapping("/bind")
    public FreeLogin.Answer bind(@RequestBody BindRequest request) {
        return freeLogin.bind(request.bindToken(), request.account(), request.password());
    }

    /** With the ticket that opened the session, or with a fresh free-login code. */
    @PostMapping("/logout")
    public Map<String, Object> logout(@RequestBody LogoutRequest request) {
        boolean unbound = request.ticket() != null && !request.ticket().isBlank()
                ? freeLogin.logoutWithTicket(request.ticket())
                : freeLogin.logoutWithCode(tenant(request.tenantId()), request.authCode());
        return Map.of("status", "logged_out", "unbound", unbound);
    }

    /** The corpId for requestAuthCode when the page URL has no {@code corpId=$CORPID$}. */
    @GetMapping("/config")
    public PageConfig config(@RequestParam(required = false) String tenantId) {
        String tenant = tenant(tenantId);
        DingTalkApp app = jsapiConfigs.configuredApp(tenant);
        return new PageConfig(tenant, app.getCorpId(), String.valueOf(app.getAgentId()), settings.getJsapiScriptUrl());
    }

    @GetMapping("/jsapi-config")
    public JsapiConfig jsapiConfig(@RequestParam String url, @RequestParam(required = false) String tenantId) {
        return jsapiConfigs.forPage(tenant(tenantId), url,
                ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).build().toUriString());
    }

    @ExceptionHandler(BindRefusedException.class)
    ResponseEntity<Map<String, String>> refused(BindRefusedException e) {
        return error(e.reason().httpStatus(), e.reason().name(), e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return error(400, "BAD_REQUEST", e.getMessage());
    }

    @ExceptionHandler(DingTalkBusyException.class)
    ResponseEntity<Map<String, String>> dingTalkBusy(DingTalkBusyException e) {
        return ResponseEntity.status(503).header("Retry-After", "1").body(Map.of("status", "error",
                "error", "DINGTALK_BUSY", "message", "登录人数较多，请稍后再试"));
    }

    @ExceptionHandler(DingTalkException.class)
    ResponseEntity<Map<String, String>> dingTalkFailed(DingTalkException e) {
        log.warn("Free login could not reach DingTalk: {}", e.getMessage());
        return error(502, "DINGTALK_UNAVAILABLE", "钉钉暂时无法响应，请稍后再试");
    }

    private static ResponseEntity<Map<String, String>> error(int status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("status", "error", "error", code, "message", message));
    }

    private static String tenant(String tenantId) {
        return tenantId == null || tenantId.isBlank() ? DingTalkProperties.DEFAULT_TENANT : tenantId.strip();
    }
}
