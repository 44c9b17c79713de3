package com.proyi.dingtalk.checklist;

import com.proyi.dingtalk.binding.LoginTickets;
import com.proyi.dingtalk.dingtalk.ConfiguredTenants;
import com.proyi.dingtalk.dingtalk.DingTalkProperties;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The set-up checklist as JSON, and the H5 page's dd.config report that feeds two of its items.
 */
@RestController
public class ChecklistController {

    private final Checklist checklist;
    private final H5ConfigReports h5Reports;
    private final ConfiguredTenants tenants;
    private final LoginTickets loginTickets;

    public ChecklistController(Checklist checklist, H5ConfigReports h5Reports, ConfiguredTenants tenants,
                               LoginTickets loginTickets) {
        this.checklist = checklist;
        this.h5Reports = h5Reports;
        this.tenants = tenants;
        this.loginTickets = loginTickets;
    }

    /** @param fresh check again now instead of reusing a report younger than proyi.checklist.reuse-for */
    @GetMapping("/api/admin/checklist")
    public ChecklistReport checklist(@RequestParam(defaultValue = "false") boolean fresh) {
        return fresh ? checklist.run() : checklist.recent();
    }

    /**
     * What {@code dd.config} answered on the H5 page inside DingTalk, sent with the login ticket the page
     * was just given: only someone DingTalk identified and who is bound can report, and only for their tenant.
     */
    @PostMapping("/api/dingtalk/h5-config-report")
    public ResponseEntity<Map<String, Object>> h5ConfigReport(@RequestBody H5ConfigReport report) {
        String tenant = report.tenantId() == null || report.tenantId().isBlank()
                ? DingTalkProperties.DEFAULT_TENANT : report.tenantId();
        if (!tenants.ids().contains(tenant)) {
            return ResponseEntity.status(404).body(Map.of("error", "unknown tenant " + tenant));
        }
        if (report.ticket() == null || report.ticket().isBlank()
                || loginTickets.session(report.ticket()).filter(session -> session.tenantId().equals(tenant)).isEmpty()) {
            return ResponseEntity.status(401).body(Map.of("error", "ticket (the one free login just issued) is required"));
        }
        if (report.url() == null || report.url().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "url (the page's location.href) is required"));
        }
        h5Reports.record(tenant, report.url(), report.ok(), report.errorCode(), report.errorMessage());
        return ResponseEntity.accepted().body(Map.of("tenantId", tenant, "recorded", true));
    }

    /** The H5 page's body: {@code ok} true, or the dd.error code and message; the ticket of its login. */
    public record H5ConfigReport(String tenantId, String url, boolean ok, Integer errorCode, String errorMessage,
                                 String ticket) {}
}
