package com.proyi.dingtalk.dingtalk;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The monthly API-call budget of each DingTalk organisation (API.md §8.3). Counts the module's
 * counted calls (not the exempt token, ticket, free-login and contact APIs, not calls refused for
 * QPS or quota) per organisation and calendar month in China time, shared between instances in
 * dingtalk_quota_usage. Ranks the work that costs calls: notices first, then DingTalk 待办 calls
 * (stop at dingtalk.quota.todo-stop-at-percent), then send-result reads, status bar updates and
 * recalls (stop at followup-stop-at-percent), so lower ranks stop first as the budget runs low. After
 * a 90020 every counted call is refused here for exhausted-recheck, then one call probes again;
 * raising the plan (console, API) or the month turning ends it at once.
 */
@Component
public class QuotaBudget implements DingTalkCallListener {

    /** Work that costs calls, most important first. */
    public enum Rank {
        NOTICE, TODO, FOLLOWUP
    }

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(QuotaBudget.class);
    /** API.md §8.3's exempt list: tokens, jsapi tickets, free login and the contact APIs of §5. */
    private static final List<String> EXEMPT_PREFIXES = List.of("/gettoken", "/get_jsapi_ticket", "/v1.0/oauth2/",
            "/topapi/v2/user/", "/user/", "/topapi/user/listid", "/topapi/user/listsimple", "/topapi/v2/department/",
            "/department/", "/topapi/role/", "/auth/scopes");
    private static final List<String> FOLLOWUP_APIS = List.of(DingTalkClient.SEND_RESULT_API, DingTalkClient.RECALL_API,
            DingTalkClient.STATUS_BAR_API, "/topapi/message/corpconversation/getsendprogress");
    private static final int QPS_EXCEEDED = 90018;

    private final NamedParameterJdbcTemplate jdbc;
    private final DingTalkProperties dingTalk;
    private final QuotaProperties settings;
    private final ConfiguredTenants tenants;
    private final Clock clock;
    private final ConcurrentMap<String, AtomicLong> unflushed = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> stored = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> planOverrides = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> exhaustedUntil = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> warned = new ConcurrentHashMap<>();

    public QuotaBudget(NamedParameterJdbcTemplate jdbc, DingTalkProperties dingTalk, QuotaProperties settings,
                       ConfiguredTenants tenants, MeterRegistry registry, Clock clock) {
        this.jdbc = jdbc;
        this.dingTalk = dingTalk;
        this.settings = settings;
        this.tenants = tenants;
        this.clock = clock;
        for (String organisation : organisations().keySet()) {
            Gauge.builder("dingtalk.quota.used", () -> used(organisation)).tag("organisation", organisation)
                    .description("Counted DingTalk API calls this month (API.md §8.3)").register(registry);
            Gauge.builder("dingtalk.quota.plan", () -> (double) Math.min(plan(organisation), Long.MAX_VALUE / 2))
                    .tag("organisation", organisation).description("Counted calls the plan allows per month").register(registry);
            Gauge.builder("dingtalk.quota.projected", () -> projected(organisation, used(organisation)))
                    .tag("organisation", organisation).description("Counted calls projected for the whole month").register(registry);
        }
    }

    /** Whether a call to this API counts toward the monthly quota. */
    public static boolean counted(String api) {
        return EXEMPT_PREFIXES.stream().noneMatch(api::startsWith);
    }

    /** The rank of the work an API call belongs to. */
    public static Rank rank(String api) {
        if (api.startsWith("/v1.0/todo/") || api.equals("/topapi/user/getbyunionid")) {
            return Rank.TODO;
        }
        return FOLLOWUP_APIS.contains(api) ? Rank.FOLLOWUP : Rank.NOTICE;
    }

    @Override
    public void beforeCall(String tenant, String api) {
        if (!counted(api)) {
            return;
        }
        String organisation = organisation(tenant);
        Instant until = exhaustedUntil.get(key(organisation));
        if (until != null && clock.instant().isBefore(until)) {
            throw new MonthlyQuotaExceededException(api, "the monthly API quota of organisation " + organisation
                    + " is used up (DingTalk answered 90020); waiting until the month turns or the plan is raised", null);
        }
        Rank rank = rank(api);
        if (rank == Rank.NOTICE) {
            return;
        }
        long plan = plan(organisation);
        long used = used(organisation);
        int stopAt = rank == Rank.TODO ? settings.getTodoStopAtPercent() : settings.getFollowupStopAtPercent();
        if (plan != Long.MAX_VALUE && used * 100 >= plan * stopAt) {
            throw new QuotaHeldBackException(api, "held back to keep the monthly budget for notices: " + used + " of "
                    + plan + " calls used by organisation " + organisation + ", " + rank.name().toLowerCase()
                    + " work stops at " + stopAt + "%");
        }
    }

    @Override
    public void onCall(String tenant, String api, long durationNanos, int effectiveErrcode) {
        if (!counted(api) || effectiveErrcode == DingTalkException.NO_ERRCODE || effectiveErrcode == QPS_EXCEEDED) {
            return;
        }
        String organisation = organisation(tenant);
        String key = key(organisation);
        if (effectiveErrcode == MonthlyQuotaExceededException.ERRCODE) {
            exhaustedUntil.put(key, clock.instant().plus(settings.getExhaustedRecheck()));
            log.warn("DingTalk refused a call of organisation {} with 90020: the monthly API quota is used up;"
                    + " notices wait until the month turns or the plan is raised", organisation);
            return;
        }
        exhaustedUntil.remove(key);
        long used = unflushed.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet() + stored.getOrDefault(key, 0L);
        long plan = plan(organisation);
        if (plan != Long.MAX_VALUE && used * 100 >= plan * settings.getWarnAtPercent() && warned.putIfAbsent(key, true) == null) {
            log.warn("Organisation {} has used {} of its {} DingTalk API calls this month ({}%)", organisation, used, plan,
                    used * 100 / plan);
        }
    }

    /** Adds this instance's counts to the shared ones and reads back every instance's counts and plan changes. */
    public void flush() {
        Timestamp now = Timestamp.from(clock.instant());
        for (Map.Entry<String, AtomicLong> entry : unflushed.entrySet()) {
            long delta = entry.getValue().getAndSet(0);
            if (delta == 0) {
                continue;
            }
            String[] key = entry.getKey().split(" ", 2);
            MapSqlParameterSource params = new MapSqlParameterSource("org", key[0]).addValue("month", key[1])
                    .addValue("delta", delta).addValue("now", now);
            try {
                if (jdbc.update("UPDATE dingtalk_quota_usage SET calls = calls + :delta, updated_at = :now"
                        + " WHERE organisation = :org AND quota_month = :month", params) == 0) {
                    jdbc.update("INSERT INTO dingtalk_quota_usage (organisation, quota_month, calls, updated_at)"
                            + " VALUES (:org, :month, :delta, :now)", params);
                }
            } catch (DuplicateKeyException raced) {
                jdbc.update("UPDATE dingtalk_quota_usage SET calls = calls + :delta, updated_at = :now"
                        + " WHERE organisation = :org AND quota_month = :month", params);
            } catch (RuntimeException e) {
                entry.getValue().addAndGet(delta);
                throw e;
            }
        }
        String month = month().toString();
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT organisation, calls FROM dingtalk_quota_usage WHERE quota_month = :month",
                new MapSqlParameterSource("month", month),
                rs -> { counts.put(rs.getString(1) + " " + month, rs.getLong(2)); });
        stored.keySet().retainAll(counts.keySet());
        stored.putAll(counts);
        Map<String, Long> plans = new LinkedHashMap<>();
        jdbc.query("SELECT organisation, calls FROM dingtalk_quota_plan", rs -> { plans.put(rs.getString(1), rs.getLong(2)); });
        planOverrides.keySet().retainAll(plans.keySet());
        planOverrides.putAll(plans);
    }

    /**
     * An admin raises (or sets) the organisation's plan of the tenant: calls a month, null to go back
     * to the configured plan. Ends a 90020 wait at once.
     */
    public void setPlan(String tenant, Long callsPerMonth) {
        String organisation = organisation(tenant);
        jdbc.update("DELETE FROM dingtalk_quota_plan WHERE organisation = :org", new MapSqlParameterSource("org", organisation));
        if (callsPerMonth != null) {
            jdbc.update("INSERT INTO dingtalk_quota_plan (organisation, calls, updated_at) VALUES (:org, :calls, :now)",
                    new MapSqlParameterSource("org", organisation).addValue("calls", callsPerMonth)
                            .addValue("now", Timestamp.from(clock.instant())));
            planOverrides.put(organisation, callsPerMonth);
        } else {
            planOverrides.remove(organisation);
        }
        exhaustedUntil.remove(key(organisation));
        warned.remove(key(organisation));
        log.info("Monthly API plan of organisation {} set to {}", organisation, callsPerMonth == null
                ? "the configured plan (" + plan(organisation) + ")" : callsPerMonth);
    }

    /**
     * One organisation's month.
     *
     * @param plan      counted calls a month ({@code -1}: unlimited)
     * @param projected the month's calls if they go on as so far
     * @param stopped   the ranks that no longer get calls (budget low or used up)
     */
    public record Usage(String organisation, List<String> tenants, String month, long used, long plan, int percent,
                        long projected, boolean warning, boolean exhausted, List<Rank> stopped) {}

    public List<Usage> usage() {
        List<Usage> usage = new ArrayList<>();
        organisations().forEach((organisation, ofTenants) -> {
            long used = used(organisation);
            long plan = plan(organisation);
            boolean unlimited = plan == Long.MAX_VALUE;
            int percent = unlimited ? 0 : (int) Math.min(999, used * 100 / Math.max(1, plan));
            Instant until = exhaustedUntil.get(key(organisation));
            boolean exhausted = until != null && clock.instant().isBefore(until) || !unlimited && used >= plan;
            List<Rank> stopped = new ArrayList<>();
            if (exhausted) {
                stopped.add(Rank.NOTICE);
            }
            if (exhausted || !unlimited && percent >= settings.getTodoStopAtPercent()) {
                stopped.add(Rank.TODO);
            }
            if (exhausted || !unlimited && percent >= settings.getFollowupStopAtPercent()) {
                stopped.add(Rank.FOLLOWUP);
            }
            usage.add(new Usage(organisation, ofTenants, month().toString(), used, unlimited ? -1 : plan, percent,
                    (long) projected(organisation, used), !unlimited && percent >= settings.getWarnAtPercent(), exhausted,
                    stopped));
        });
        return usage;
    }

    /** Counted calls this month, all instances (as of the last flush) plus this one's since. */
    public long used(String organisation) {
        String key = key(organisation);
        AtomicLong pending = unflushed.get(key);
        return stored.getOrDefault(key, 0L) + (pending == null ? 0 : pending.get());
    }

    long plan(String organisation) {
        Long override = planOverrides.get(organisation);
        if (override != null) {
            return override;
        }
        List<String> ofTenants = organisations().getOrDefault(organisation, List.of());
        String plan = ofTenants.stream().map(settings.getPlans()::get).filter(p -> p != null).findFirst()
                .orElse(settings.getPlan());
        return QuotaProperties.calls(plan);
    }

    private double projected(String organisation, long used) {
        YearMonth month = month();
        Instant start = month.atDay(1).atStartOfDay(CHINA).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(CHINA).toInstant();
        Duration elapsed = Duration.between(start, clock.instant());
        if (elapsed.compareTo(Duration.ofHours(1)) < 0) {
            return used;
        }
        return used * ((double) Duration.between(start, end).toSeconds() / elapsed.toSeconds());
    }

    /** The organisations (corp ids) of the configured tenants, each with its tenants. */
    private Map<String, List<String>> organisations() {
        Map<String, List<String>> organisations = new LinkedHashMap<>();
        tenants.ids().forEach(tenant -> organisations.computeIfAbsent(organisation(tenant), o -> new ArrayList<>()).add(tenant));
        return organisations;
    }

    private String organisation(String tenant) {
        return dingTalk.app(tenant).map(DingTalkApp::getCorpId).filter(corp -> corp != null && !corp.isBlank())
                .orElse("tenant:" + tenant);
    }

    private String key(String organisation) {
        return organisation + " " + month();
    }

    /** The quota month: the calendar month in China time. */
    YearMonth month() {
        return YearMonth.from(clock.instant().atZone(CHINA));
    }
}
