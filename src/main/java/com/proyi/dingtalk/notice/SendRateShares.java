package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.dingtalk.ConfiguredTenants;
import com.proyi.dingtalk.dingtalk.DingTalkClient;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Instances draining one outbox share each DingTalk app's work-notification limit through the
 * database: every instance renews a lease in dingtalk_instance_lease every second (route
 * notice-rate-shares), and the N live ones take limit / N calls per second each (the remainder to
 * the first ones by instance id), so that together they stay under the app's limit and reach it.
 * A lease not renewed for {@link #LEASE_TTL} has expired: a killed instance's share goes back to
 * the others within seconds; a stopping one deletes its lease at once. A joining instance sends
 * nothing for {@link #JOIN_GRACE}, until the others have seen it and taken their smaller share.
 * Times are the database's, so the instances' clocks need not agree.
 */
@Component("sendRateShares")
public class SendRateShares {

    private static final Logger log = LoggerFactory.getLogger(SendRateShares.class);
    /** How often the route renews the lease; the others see a join or a leave within this. */
    static final Duration RENEW_INTERVAL = Duration.ofSeconds(1);
    static final Duration LEASE_TTL = Duration.ofSeconds(3);
    static final Duration JOIN_GRACE = RENEW_INTERVAL.plusMillis(500);

    private final NamedParameterJdbcTemplate jdbc;
    private final DingTalkClient dingTalk;
    private final ConfiguredTenants tenants;
    private final String instanceId;
    private int lastInstances;

    public SendRateShares(NamedParameterJdbcTemplate jdbc, DingTalkClient dingTalk, ConfiguredTenants tenants,
                          NoticeOutbox outbox) {
        this.jdbc = jdbc;
        this.dingTalk = dingTalk;
        this.tenants = tenants;
        this.instanceId = outbox.instanceId();
    }

    /**
     * Renews this instance's lease, drops expired ones and sets this instance's share of every app.
     * Times are the database's and computed there: MySQL Connector/J sends a MariaDB 10 server whole
     * seconds only (it reads MariaDB's version as 5.5.5), which would cut a 3 s lease to 2.
     */
    public synchronized void renew() {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("me", instanceId)
                .addValue("ttl", LEASE_TTL.toNanos() / 1000);
        if (jdbc.update("UPDATE dingtalk_instance_lease SET expires_at = TIMESTAMPADD(MICROSECOND, :ttl, CURRENT_TIMESTAMP(3))"
                + " WHERE instance_id = :me", params) == 0) {
            jdbc.update("INSERT INTO dingtalk_instance_lease (instance_id, joined_at, expires_at)"
                    + " VALUES (:me, CURRENT_TIMESTAMP(3), TIMESTAMPADD(MICROSECOND, :ttl, CURRENT_TIMESTAMP(3)))", params);
        }
        jdbc.update("DELETE FROM dingtalk_instance_lease WHERE expires_at < CURRENT_TIMESTAMP(3)", params);
        List<Map<String, Object>> leases = jdbc.queryForList("SELECT instance_id,"
                + " TIMESTAMPDIFF(MICROSECOND, joined_at, CURRENT_TIMESTAMP(3)) AS age_micros"
                + " FROM dingtalk_instance_lease ORDER BY instance_id", params);
        int instances = leases.size();
        int rank = 0;
        boolean joining = false;
        for (int i = 0; i < instances; i++) {
            if (instanceId.equals(leases.get(i).get("instance_id"))) {
                rank = i;
                long age = ((Number) leases.get(i).get("age_micros")).longValue();
                joining = instances > 1 && age < JOIN_GRACE.toNanos() / 1000;
            }
        }
        apply(Math.max(1, instances), rank, joining);
        if (instances != lastInstances) {
            log.info("{} instance(s) share each DingTalk app's work-notification limit; this one ({}) takes {}",
                    instances, instanceId, joining ? "nothing while it joins" : "share " + (rank + 1) + " of " + instances);
            lastInstances = instances;
        }
    }

    /** This instance stops: its lease goes, and the others take its share at their next renewal. */
    @PreDestroy
    public synchronized void leave() {
        jdbc.update("DELETE FROM dingtalk_instance_lease WHERE instance_id = :me", Map.of("me", instanceId));
    }

    private void apply(int instances, int rank, boolean joining) {
        for (String tenant : tenants.ids()) {
            int limit = dingTalk.rateLimitPerSecond(tenant);
            if (limit <= 0) {
                continue;
            }
            dingTalk.shareRateLimit(tenant, joining ? 0 : share(limit, instances, rank));
        }
    }

    /** limit / instances each, the remainder one by one to the first instances: together exactly the limit. */
    static int share(int limit, int instances, int rank) {
        return limit / instances + (rank < limit % instances ? 1 : 0);
    }
}
