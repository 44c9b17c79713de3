package com.proyi.dingtalk.dingtalk.simulator;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Faults waiting for the next requests to a path, played in the order they were queued. */
final class FaultQueue {

    private final Map<String, Queue<Fault>> pending = new ConcurrentHashMap<>();

    /** {@code path} is an oapi path, or an api.dingtalk.com path or route ("PUT /v1.0/todo/users/{unionId}/tasks/{taskId}"). */
    void add(String path, int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        boolean v1 = V1Gateway.isV1(path) || path.contains(" " + V1Gateway.PREFIX);
        if (v1 && fault instanceof Fault.ErrorCode) {
            throw new IllegalArgumentException("api.dingtalk.com answers no errcodes; use Fault.v1Error for " + path);
        }
        if (!v1 && fault instanceof Fault.V1Error) {
            throw new IllegalArgumentException("oapi answers errcodes; use Fault.errcode for " + path);
        }
        Queue<Fault> queue = pending.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    /** The fault for this request, or null; each queued fault is used exactly once. */
    Fault next(String path) {
        Queue<Fault> queue = pending.get(path);
        return queue == null ? null : queue.poll();
    }

    void clear() {
        pending.clear();
    }
}
