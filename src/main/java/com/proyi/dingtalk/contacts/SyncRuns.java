package com.proyi.dingtalk.contacts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** dingtalk_sync_run: one row per contact-sync or resignation run, with its JSON report. */
@Repository
public class SyncRuns {

    public static final String CONTACTS = "CONTACTS";
    public static final String RESIGNATIONS = "RESIGNATIONS";
    /** The changes ProYi's triggers reported, applied person by person. */
    public static final String CHANGES = "CHANGES";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final String instance;

    public SyncRuns(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.instance = ProcessHandle.current().pid() + "@" + hostName();
    }

    /** @param scheduledFireTime Quartz's scheduled time of the firing, null when started on demand */
    long start(String job, boolean dryRun, String startedBy, Date scheduledFireTime, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO dingtalk_sync_run (job, dry_run,"
                    + " started_by, scheduled_fire_time, instance, status, started_at) VALUES (?, ?, ?, ?, ?, 'RUNNING', ?)",
                    Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, job);
            insert.setBoolean(2, dryRun);
            insert.setString(3, startedBy);
            insert.setTimestamp(4, scheduledFireTime == null ? null : new Timestamp(scheduledFireTime.getTime()));
            insert.setString(5, instance);
            insert.setTimestamp(6, Timestamp.from(at));
            return insert;
        }, key);
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    void finish(long runId, String status, Object report, Instant at) {
        jdbc.update("UPDATE dingtalk_sync_run SET status = ?, report = ?, finished_at = ? WHERE id = ?",
                status, json(report), Timestamp.from(at), runId);
    }

    /** The report of the job's latest finished run, as JSON. */
    public Optional<String> lastReport(String job) {
        List<String> reports = jdbc.queryForList("SELECT report FROM dingtalk_sync_run WHERE job = ? AND report IS NOT NULL"
                + " ORDER BY id DESC LIMIT 1", String.class, job);
        return reports.stream().findFirst();
    }

    private String json(Object report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the sync report as JSON", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
