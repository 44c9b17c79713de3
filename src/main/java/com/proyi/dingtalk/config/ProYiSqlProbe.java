package com.proyi.dingtalk.config;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the routes that hold ProYi's SQL (route group {@value #GROUP}) the way they run, against
 * ProYi's database, with parameters that match no row and inside a transaction that is rolled
 * back: a statement that does not fit ProYi's schema answers with the database's own error, and
 * nothing is changed. The start-up check and the checklist report per route what the probe found.
 */
@Component
public class ProYiSqlProbe {

    /** The route group of every route that runs SQL on ProYi's tables. */
    public static final String GROUP = "proyi-sql";
    /** A tenant no installation has. */
    public static final String TENANT = "~proyi-dingtalk-probe~";

    /** The parameters every probed route gets, in the body map. */
    static final Map<String, Object> PARAMETERS = Map.of("tenant_id", TENANT, "account", TENANT,
            "dingtalk_userid", TENANT, "password", TENANT, "id", -1L, "kind", TENANT, "outcome", "PROBE");

    /** The notice event routes such as lookup-recipient-bindings read from the variable {@code event}. */
    public record ProbeEvent(String tenantId, List<String> recipients) {
    }

    /**
     * @param source where the route is defined, e.g. routes/notice-outbox.camel.yaml
     * @param error  the database's message when the route failed, null when it ran
     */
    public record Outcome(String routeId, String description, String source, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final TransactionTemplate transaction;

    public ProYiSqlProbe(CamelContext camel, ProducerTemplate producer, PlatformTransactionManager transactions) {
        this.camel = camel;
        this.producer = producer;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Every route of the group, in id order. */
    public List<Outcome> probeAll() {
        return camel.getRoutes().stream().filter(route -> GROUP.equals(route.getGroup()))
                .sorted(Comparator.comparing(Route::getRouteId)).map(route -> probe(route.getRouteId())).toList();
    }

    public Outcome probe(String routeId) {
        Route route = camel.getRoute(routeId);
        if (route == null) {
            return new Outcome(routeId, null, null, "no route " + routeId + " is loaded from the route folder");
        }
        String error = transaction.execute(status -> {
            status.setRollbackOnly();
            return run(route);
        });
        return new Outcome(routeId, route.getDescription(), source(route), error);
    }

    private static String source(Route route) {
        if (route.getSourceLocationShort() != null) {
            return route.getSourceLocationShort();
        }
        return route.getSourceResource() == null ? null
                : route.getSourceResource().getLocation().replaceFirst("^file:", "");
    }

    private String run(Route route) {
        try {
            // a module started without its routes running (the checklist command) starts just this one
            camel.getRouteController().startRoute(route.getRouteId());
            Exchange exchange = producer.request(route.getEndpoint(), probe -> {
                probe.getMessage().setBody(new java.util.HashMap<>(PARAMETERS));
                probe.setVariable("event", new ProbeEvent(TENANT, List.of(TENANT)));
            });
            Exception failure = exchange.getException();
            return failure == null ? null : reason(failure);
        } catch (Exception e) {
            return reason(e);
        }
    }

    /** The database's own words: the innermost cause, e.g. "Unknown column 'dd_userid' in 'field list'". */
    private static String reason(Throwable failure) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
