package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.binding.NoticeTargets;
import com.proyi.dingtalk.notice.mapping.NoticeMappings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The ProYi page behind a notice's free-login link: its event, rendered with the current mapping. */
@Component
public class NoticeLinkTargets implements NoticeTargets {

    private final NamedParameterJdbcTemplate jdbc;
    private final NoticeOutbox outbox;
    private final NoticeMappings mappings;

    public NoticeLinkTargets(NamedParameterJdbcTemplate jdbc, NoticeOutbox outbox, NoticeMappings mappings) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.mappings = mappings;
    }

    @Override
    public Optional<String> target(String tenantId, long eventId, Integer button, boolean pc) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM proyi_doc_event WHERE id = :id AND tenant_id = :tenant",
                new MapSqlParameterSource("id", eventId).addValue("tenant", tenantId));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            return mappings.target(outbox.parse(rows.get(0)), button, pc);
        } catch (RuntimeException unreadableEvent) {
            return Optional.empty();
        }
    }
}
