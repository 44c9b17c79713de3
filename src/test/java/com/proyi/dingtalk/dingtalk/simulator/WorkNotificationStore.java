package com.proyi.dingtalk.dingtalk.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to each work notification: the accepted calls, the per-recipient outcome that
 * getsendresult reports, and each user's inbox. Delivery is decided at send time with DingTalk's
 * per-app flow control (API.md 2.3): once per day per identical content, 500 per user per day,
 * 5000 recipients per minute. Dropped users never see the message, yet the send call succeeds.
 */
final class WorkNotificationStore {

    /** DingTalk's "day" for the daily limits is the calendar day in China. */
    static final ZoneId CHINA = ZoneOffset.ofHours(8);
    static final int DAILY_CAP_PER_USER = 500;
    static final int RECIPIENTS_PER_MINUTE = 5000;

    /** Why one user did not receive a message ({@code forbidden_list} entry; count = the threshold hit). */
    record Forbidden(String code, int count, String userId) {
    }

    /** One accepted send and its per-recipient outcome. */
    record Task(long taskId, String appKey, long agentId, Instant at, int recipientCount, List<String> invalidUserIds,
                List<Forbidden> forbidden, List<String> deliveredUserIds, List<Long> invalidDeptIds) {
    }

    private final OrgDirectory directory;
    /** Large, non-sequential-looking ids like the real ones, so clients don't assume small numbers. */
    private final AtomicLong taskIds = new AtomicLong(256_271_667_000L);
    private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
    private final Queue<SentMessage> sent = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<InboxEntry>> inboxes = new ConcurrentHashMap<>();
    private final Map<String, FlowControl> flowControlByApp = new ConcurrentHashMap<>();

    WorkNotificationStore(OrgDirectory directory) {
        this.directory = directory;
    }

    /**
     * Records an accepted send. Departments are not modelled yet, so every dept id is reported as
     * invalid; the contacts model will expand them into users.
     */
    Task send(SimApp app, List<String> addressedUserIds, List<Long> deptIds, JsonNode msg, Instant now) {
        String content = Json.canonical(msg);
        FlowControl flowControl = flowControlByApp.computeIfAbsent(app.appKey(), key -> new FlowControl());
        // One lock per app: the limits are per app, and apps must not wait for each other.
        synchronized (flowControl) {
            long taskId = taskIds.incrementAndGet();
            List<String> invalid = new ArrayList<>();
            List<Forbidden> forbidden = new ArrayList<>();
            List<String> delivered = new ArrayList<>();
            for (String userId : addressedUserIds) {
                if (!directory.isMember(app.corpId(), userId)) {
                    invalid.add(userId);
                    continue;
                }
                Forbidden refusal = flowControl.admit(userId, content, now);
                if (refusal == null) {
                    delivered.add(userId);
                } else {
                    forbidden.add(refusal);
                }
            }
            Task task = new Task(taskId, app.appKey(), app.agentId(), now, addressedUserIds.size(), List.copyOf(invalid),
                    List.copyOf(forbidden), List.copyOf(delivered), List.copyOf(deptIds));
            tasks.put(taskId, task);
            sent.add(new SentMessage(taskId, app.appKey(), app.agentId(), addressedUserIds, msg, now));
            for (String userId : delivered) {
                inboxes.computeIfAbsent(userId, id -> new ConcurrentLinkedQueue<>()).add(new InboxEntry(taskId, app.appKey(), msg, now));
            }
            return task;
        }
    }

    Optional<Task> task(long taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    List<SentMessage> sentMessages() {
        return List.copyOf(sent);
    }

    List<InboxEntry> inbox(String userId) {
        Queue<InboxEntry> inbox = inboxes.get(userId);
        return inbox == null ? List.of() : List.copyOf(inbox);
    }

    Map<String, List<InboxEntry>> inboxes() {
        Map<String, List<InboxEntry>> copy = new HashMap<>();
        inboxes.forEach((userId, inbox) -> copy.put(userId, List.copyOf(inbox)));
        return Map.copyOf(copy);
    }

    void reset() {
        tasks.clear();
        sent.clear();
        inboxes.clear();
        flowControlByApp.clear();
    }

    /** One app's flow-control state; guarded by its own monitor. */
    private static final class FlowControl {
        private final Map<String, UserDay> users = new HashMap<>();
        private final ArrayDeque<Instant> deliveriesLastMinute = new ArrayDeque<>();

        /** Null if the user may receive the message now (and counts it), else why not. */
        Forbidden admit(String userId, String content, Instant now) {
            LocalDate day = LocalDate.ofInstant(now, CHINA);
            UserDay today = users.compute(userId, (id, known) -> known == null || !known.day.equals(day) ? new UserDay(day) : known);
            if (today.contents.contains(content)) {
                return new Forbidden("143106", 1, userId);
            }
            // Only delivered messages are remembered, so the set size is the day's delivery count.
            if (today.contents.size() >= DAILY_CAP_PER_USER) {
                return new Forbidden("143105", DAILY_CAP_PER_USER, userId);
            }
            Instant minuteAgo = now.minus(Duration.ofMinutes(1));
            while (!deliveriesLastMinute.isEmpty() && !deliveriesLastMinute.peekFirst().isAfter(minuteAgo)) {
                deliveriesLastMinute.pollFirst();
            }
            if (deliveriesLastMinute.size() >= RECIPIENTS_PER_MINUTE) {
                return new Forbidden("143103", RECIPIENTS_PER_MINUTE, userId);
            }
            today.contents.add(content);
            deliveriesLastMinute.addLast(now);
            return null;
        }
    }

    /** What one user received from one app on one China-time day. */
    private static final class UserDay {
        private final LocalDate day;
        private final Set<String> contents = new HashSet<>();

        UserDay(LocalDate day) {
            this.day = day;
        }
    }
}
