package com.proyi.dingtalk.notice;

import com.proyi.dingtalk.config.ProYiSqlProbe;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the notice lookup (route lookup-recipient-bindings) does not run on
 * ProYi's database: a wrong table or column would otherwise only show as every notice failing.
 * The route runs once with a tenant that matches no row, in a transaction that is rolled back, as
 * soon as the routes have started; a failure fails Camel's start and with it the module's.
 */
@Component
public class RecipientLookupCheck implements CamelContextConfiguration {

    static final String ROUTE = "lookup-recipient-bindings";
    private static final Logger log = LoggerFactory.getLogger(RecipientLookupCheck.class);

    private final ProYiSqlProbe probe;

    public RecipientLookupCheck(ProYiSqlProbe probe) {
        this.probe = probe;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        try {
            camel.addStartupListener(new ExtendedStartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    check(context);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }

    void check(CamelContext camel) {
        if (!camel.isAutoStartup()) {
            return; // the checklist command runs no routes; its checklist reports the lookup instead
        }
        ProYiSqlProbe.Outcome outcome = probe.probe(ROUTE);
        if (!outcome.ok()) {
            // the routes run already: a failed start must not leave them polling a closed database
            camel.stop();
            throw new IllegalStateException("The notice lookup, route " + ROUTE + " (" + outcome.source()
                    + "), does not run on ProYi's database: " + outcome.error() + ". Adapt its SQL to ProYi's HR"
                    + " record (proyi.hr.table, proyi.hr.login-column, proyi.hr.dingtalk-column, or the route itself;"
                    + " see docs/adapting.md)");
        }
        log.info("Notice lookup {} ({}) runs on ProYi's database", ROUTE, outcome.source());
    }
}
