package com.proyi.dingtalk.checklist;

import java.time.Instant;
import java.util.List;

/** The whole checklist: one section per DingTalk tenant, and one for the ProYi side. */
public record ChecklistReport(Instant checkedAt, List<Section> sections) {

    /** Items that belong together: a tenant's DingTalk app, or ProYi's database. */
    public record Section(String name, List<CheckItem> items) {}

    public boolean passed() {
        return sections.stream().flatMap(section -> section.items().stream()).noneMatch(CheckItem::fails);
    }

    public long failures() {
        return sections.stream().flatMap(section -> section.items().stream()).filter(CheckItem::fails).count();
    }
}
