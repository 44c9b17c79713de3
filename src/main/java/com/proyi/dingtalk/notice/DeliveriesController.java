package com.proyi.dingtalk.notice;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each recipient's notice with its outcome: {@code GET /api/admin/deliveries?event=42}, or all notices
 * about one document with {@code ?tenant=default&docType=purchase_order&docId=po-1}; and
 * {@code GET /api/admin/notice-outcomes?days=7}, delivered / read / dropped per day and document type.
 */
@RestController
public class DeliveriesController {

    private final DeliveryLog log;

    public DeliveriesController(DeliveryLog log) {
        this.log = log;
    }

    @GetMapping("/api/admin/deliveries")
    public ResponseEntity<?> deliveries(@RequestParam(required = false) Long event,
                                        @RequestParam(defaultValue = "default") String tenant,
                                        @RequestParam(required = false) String docType,
                                        @RequestParam(required = false) String docId,
                                        @RequestParam(defaultValue = "500") int limit) {
        if (event != null) {
            return ResponseEntity.ok(log.ofEvent(event));
        }
        if (docType == null || docId == null) {
            return ResponseEntity.badRequest().body(java.util.Map.of("error", "give event=<id>, or docType and docId"));
        }
        return ResponseEntity.ok(log.ofDocument(tenant, docType, docId, Math.max(1, Math.min(limit, 5000))));
    }

    @GetMapping("/api/admin/notice-outcomes")
    public List<DeliveryLog.DayOutcome> outcomes(@RequestParam(defaultValue = "7") int days) {
        return log.byDay(Math.max(1, Math.min(days, 90)));
    }
}
