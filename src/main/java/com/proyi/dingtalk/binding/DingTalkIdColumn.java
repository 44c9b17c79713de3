package com.proyi.dingtalk.binding;

import static com.proyi.dingtalk.config.ProYiRoutes.parameters;

import com.proyi.dingtalk.config.ProYiRoutes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ProYi table's DingTalk id column as binding sees it. Every operation is a route of
 * routes/proyi-dingtalk-ids.camel.yaml, so which table and column hold the id is the routes' business;
 * each subclass names its routes.
 */
public abstract class DingTalkIdColumn {

    private final ProYiRoutes routes;
    private final String lockRoute;
    private final String accountsRoute;
    private final String writeRoute;
    private final String clearRoute;

    protected DingTalkIdColumn(ProYiRoutes routes, String lockRoute, String accountsRoute, String writeRoute,
                               String clearRoute) {
        this.routes = routes;
        this.lockRoute = lockRoute;
        this.accountsRoute = accountsRoute;
        this.writeRoute = writeRoute;
        this.clearRoute = clearRoute;
    }

    /**
     * The account's DingTalk id ("" when empty), its row locked until the caller's transaction ends;
     * empty when the table has no row for the account.
     */
    public Optional<String> lock(String tenantId, String account) {
        List<Map<String, Object>> rows = routes.rows(lockRoute, parameters("tenant_id", tenantId, "account", account));
        return rows.stream().findFirst().map(row -> Objects.toString(row.get("dingtalk_userid"), "").trim());
    }

    /** Accounts whose row holds the DingTalk id. */
    public List<String> accountsWith(String tenantId, String dingtalkUserId) {
        return ProYiRoutes.column(routes.rows(accountsRoute, parameters("tenant_id", tenantId,
                "dingtalk_userid", dingtalkUserId)), "account");
    }

    /** Writes the id into the account's row (the caller has locked and checked it). */
    public void write(String tenantId, String account, String dingtalkUserId) {
        routes.run(writeRoute, parameters("tenant_id", tenantId, "account", account, "dingtalk_userid", dingtalkUserId));
    }

    public void clear(String tenantId, String account) {
        routes.run(clearRoute, parameters("tenant_id", tenantId, "account", account));
    }

    protected ProYiRoutes routes() {
        return routes;
    }
}
