package com.proyi.dingtalk.contacts;

import java.security.Principal;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contact sync and the resignation sweep on demand, through the same routes the schedules use,
 * and their last reports. GET needs VIEWER, POST needs ADMIN (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/admin/contacts")
public class ContactsAdminController {

    private final ProducerTemplate routes;
    private final SyncRuns runs;

    public ContactsAdminController(ProducerTemplate routes, SyncRuns runs) {
        this.routes = routes;
        this.runs = runs;
    }

    /** Runs the sync now and answers its report; with dryRun=true DingTalk and ProYi are left unchanged. */
    @PostMapping("/sync")
    public SyncReport sync(@RequestParam(defaultValue = "false") boolean dryRun, Principal operator) {
        return call("direct:contacts-sync", exchange -> {
            exchange.setVariable("dryRun", dryRun);
            exchange.setVariable("startedBy", "admin:" + operator.getName());
        }).getMessage().getBody(SyncReport.class);
    }

    @GetMapping("/sync/report")
    public ResponseEntity<String> lastSyncReport() {
        return json(SyncRuns.CONTACTS);
    }

    /** The last poll that applied contact changes from ProYi's triggers (routes/contact-changes.camel.yaml). */
    @GetMapping("/changes/report")
    public ResponseEntity<String> lastChangesReport() {
        return json(SyncRuns.CHANGES);
    }

    /** Runs the resignation sweep now and answers its report. */
    @PostMapping("/resignations")
    public Resignations.Report resignations(Principal operator) {
        return call("direct:resignations", exchange -> exchange.setVariable("startedBy", "admin:" + operator.getName()))
                .getMessage().getBody(Resignations.Report.class);
    }

    @GetMapping("/resignations/report")
    public ResponseEntity<String> lastResignationsReport() {
        return json(SyncRuns.RESIGNATIONS);
    }

    private Exchange call(String route, Processor variables) {
        Exchange exchange = routes.send(route, variables);
        if (exchange.getException() != null) {
            throw RuntimeCamelException.wrapRuntimeCamelException(exchange.getException());
        }
        return exchange;
    }

    private ResponseEntity<String> json(String job) {
        return runs.lastReport(job)
                .map(report -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report))
                .orElseGet(() -> ResponseEntity.status(404).contentType(MediaType.APPLICATION_JSON)
                        .body("{\"error\":\"no " + job.toLowerCase() + " run yet\"}"));
    }
}
