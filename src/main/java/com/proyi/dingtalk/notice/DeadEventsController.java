package com.proyi.dingtalk.notice;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dead notice events: list them with their reasons, replay one or all once the cause is fixed. */
@RestController
@RequestMapping("/api/admin/dead-events")
public class DeadEventsController {

    private final DeadEvents deadEvents;

    public DeadEventsController(DeadEvents deadEvents) {
        this.deadEvents = deadEvents;
    }

    @GetMapping
    public List<DeadEvents.DeadEvent> list(@RequestParam(required = false) String tenant,
                                           @RequestParam(defaultValue = "100") int limit) {
        return deadEvents.list(tenant, Math.max(1, Math.min(limit, 1000)));
    }

    @PostMapping("/{id}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable long id) {
        return deadEvents.replay(id)
                ? ResponseEntity.accepted().body(Map.of("id", id, "status", "NEW"))
                : ResponseEntity.status(404).body(Map.of("error", "no dead event with id " + id));
    }

    @PostMapping("/replay")
    public ResponseEntity<Map<String, Object>> replayAll(@RequestParam(required = false) String tenant) {
        return ResponseEntity.accepted().body(Map.of("replayed", deadEvents.replayAll(tenant)));
    }
}
