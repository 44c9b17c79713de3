package com.proyi.dingtalk.console;

import com.proyi.dingtalk.dingtalk.ConfiguredTenants;
import com.proyi.dingtalk.dingtalk.RecentDingTalkErrors;
import com.proyi.dingtalk.notice.OutboxStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The operations console (控制台): its pages are static files under /console/, filled by small
 * scripts from the JSON endpoints here and the rest of the admin API.
 */
@Controller
public class ConsoleController {

    private final OutboxStatistics outbox;
    private final RecentDingTalkErrors dingTalkErrors;
    private final AdminAudit audit;
    private final ConfiguredTenants tenants;

    public ConsoleController(OutboxStatistics outbox, RecentDingTalkErrors dingTalkErrors, AdminAudit audit,
                             ConfiguredTenants tenants) {
        this.outbox = outbox;
        this.dingTalkErrors = dingTalkErrors;
        this.audit = audit;
        this.tenants = tenants;
    }

    @GetMapping({"/console", "/console/"})
    public String console() {
        return "forward:/console/index.html";
    }

    /**
     * Who is signed in (null before login), whether they may act, the tenants, and the CSRF token that every
     * changing request of the console must carry: the console signs in with a session cookie.
     */
    @GetMapping("/console/session")
    @ResponseBody
    public Map<String, Object> session(Authentication operator, CsrfToken csrf) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("user", operator == null ? null : operator.getName());
        session.put("admin", operator != null && operator.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority())));
        session.put("tenants", operator == null ? List.of() : tenants.ids());
        session.put("csrfHeader", csrf.getHeaderName());
        session.put("csrfParameter", csrf.getParameterName());
        session.put("csrfToken", csrf.getToken());
        return session;
    }

    /** Outbox backlog, notices per hour over the last day, and DingTalk's recent errors by errcode. */
    @GetMapping("/api/admin/overview")
    @ResponseBody
    public Overview overview() {
        return new Overview(outbox.snapshot(), outbox.lastDay(), dingTalkErrors.byErrcode());
    }

    @GetMapping("/api/admin/audit")
    @ResponseBody
    public List<AdminAudit.Entry> audit(@RequestParam(defaultValue = "100") int limit) {
        return audit.latest(Math.max(1, Math.min(limit, 1000)));
    }

    public record Overview(OutboxStatistics.Snapshot outbox, List<OutboxStatistics.Hour> hours,
                           List<RecentDingTalkErrors.ByErrcode> dingTalkErrors) {}
}
