package com.proyi.dingtalk.checklist;

import com.proyi.dingtalk.dingtalk.ConfiguredTenants;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The set-up checklist (工作检查表) as a live check: per tenant the DingTalk app, its contact
 * permissions and the console values, then the ProYi side. The same report feeds the
 * {@code checklist} command, {@code GET /api/admin/checklist} and the console.
 */
@Component
public class Checklist {

    private final ConfiguredTenants tenants;
    private final DingTalkAppChecks appChecks;
    private final ContactPermissionChecks contactChecks;
    private final DingTalkConsoleValues consoleValues;
    private final ProYiSideChecks proYiChecks;
    private final H5ConfigReports h5Reports;
    private final ChecklistProperties settings;
    private final Clock clock;
    private final AtomicReference<ChecklistReport> last = new AtomicReference<>();

    public Checklist(ConfiguredTenants tenants, DingTalkAppChecks appChecks, ContactPermissionChecks contactChecks,
                     DingTalkConsoleValues consoleValues, ProYiSideChecks proYiChecks, H5ConfigReports h5Reports,
                     ChecklistProperties settings, Clock clock) {
        this.tenants = tenants;
        this.appChecks = appChecks;
        this.contactChecks = contactChecks;
        this.consoleValues = consoleValues;
        this.proYiChecks = proYiChecks;
        this.h5Reports = h5Reports;
        this.settings = settings;
        this.clock = clock;
    }

    public ChecklistReport run() {
        List<ChecklistReport.Section> sections = new ArrayList<>();
        if (!h5Reports.tablesExist()) {
            sections.add(new ChecklistReport.Section("本模块", List.of(CheckItem.cannotCheck("module.started",
                    "模块数据库表", false, "模块尚未启动：数据库中还没有本模块的表，入口页的回报等项暂时无法检查",
                    "启动一次本模块（启动时自动建表），再运行检查表"))));
        }
        for (String tenant : tenants.ids()) {
            List<CheckItem> items = new ArrayList<>(appChecks.check(tenant));
            items.addAll(contactChecks.check(tenant, DingTalkAppChecks.tokenWorks(items)));
            items.addAll(consoleValues.check(tenant));
            sections.add(new ChecklistReport.Section("钉钉应用（租户 " + tenant + "）", items));
        }
        sections.add(new ChecklistReport.Section("过程易", proYiChecks.check()));
        ChecklistReport report = new ChecklistReport(clock.instant(), List.copyOf(sections));
        last.set(report);
        return report;
    }

    /** A report no older than proyi.checklist.reuse-for, so a console left open does not spend DingTalk's call quota. */
    public ChecklistReport recent() {
        ChecklistReport report = last.get();
        Instant freshAfter = clock.instant().minus(settings.getReuseFor());
        return report != null && report.checkedAt().isAfter(freshAfter) ? report : run();
    }
}
