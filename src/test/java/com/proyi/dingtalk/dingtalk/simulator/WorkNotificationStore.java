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

    /** The addressed users of a send after department expansion, and the department ids nobody knows. */
    record Recipients(List<String> userIds, List<Long> invalidDeptIds, boolean statusBarAllowed) {
    }

    /**
     * One accepted send: its per-recipient outcome, fixed when it was sent, and what happened to it
     * since (read receipts, recall, status bar). {@code msg} is null when messages are not recorded.
     */
    static final class Task {
        private final long taskId;
        private final String appKey;
        private final Instant at;
        private final String msgType;
        private final JsonNode msg;
        private final int recipientCount;
        private final boolean statusBarAllowed;
        private final List<String> invalidUserIds;
        private final List<Forbidden> forbidden;
        private final List<String> failedUserIds;
        private final List<String> deliveredUserIds;
        private final List<Long> invalidDeptIds;
        private final Set<String> read = ConcurrentHashMap.newKeySet();
        private volatile boolean recalled;
        private volatile StatusBar statusBar;

        private Task(long taskId, String appKey, Instant at, String msgType, JsonNode msg, Recipients recipients,
                     List<String> invalidUserIds, List<Forbidden> forbidden, List<String> failedUserIds,
                     List<String> deliveredUserIds) {
            this.taskId = taskId;
            this.appKey = appKey;
            this.at = at;
            this.msgType = msgType;
            this.msg = msg;
            this.recipientCount = recipients.userIds().size();
            this.statusBarAllowed = recipients.statusBarAllowed();
            this.invalidDeptIds = recipients.invalidDeptIds();
            this.invalidUserIds = invalidUserIds;
            this.forbidden = forbidden;
            this.failedUserIds = failedUserIds;
            this.deliveredUserIds = deliveredUserIds;
            JsonNode bar = "oa".equals(msgType) && msg != null ? msg.path("oa").path("status_bar") : null;
            this.statusBar = bar == null || bar.isMissingNode()
                    ? null : new StatusBar(bar.path("status_value").asText(null), bar.path("status_bg").asText(null));
        }

        long taskId() {
            return taskId;
        }

        String appKey() {
            return appKey;
        }

        Instant at() {
            return at;
        }

        String msgType() {
            return msgType;
        }

        int recipientCount() {
            return recipientCount;
        }

        boolean statusBarAllowed() {
            return statusBarAllowed;
        }

        List<String> invalidUserIds() {
            return invalidUserIds;
        }

        List<Forbidden> forbidden() {
            return forbidden;
        }

        List<String> failedUserIds() {
            return failedUserIds;
        }

        List<Long> invalidDeptIds() {
            return invalidDeptIds;
        }

        List<String> readUserIds() {
            return deliveredUserIds.stream().filter(read::contains).toList();
        }

        List<String> unreadUserIds() {
            return deliveredUserIds.stream().filter(userId -> !read.contains(userId)).toList();
        }

        boolean recalled() {
            return recalled;
        }

        void recall() {
            recalled = true;
        }

        Optional<StatusBar> statusBar() {
            return Optional.ofNullable(statusBar);
        }

        /** The new label; a colour left out keeps the old one. */
        void updateStatusBar(String value, String bg) {
            StatusBar old = statusBar;
            statusBar = new StatusBar(value, bg != null ? bg : old == null ? null : old.bg());
        }

        void markRead(String userId) {
            if (!deliveredUserIds.contains(userId)) {
                throw new IllegalArgumentException(userId + " did not receive task " + taskId);
            }
            if (recalled) {
                throw new IllegalStateException("task " + taskId + " was recalled; nobody can open it any more");
            }
            read.add(userId);
        }

        InboxEntry entryFor(String userId) {
            return new InboxEntry(taskId, appKey, msg, at, read.contains(userId), recalled, statusBar);
        }
    }

    private final OrgDirectory directory;
    /** Large, non-sequential-looking ids like the real ones, so clients don't assume small numbers. */
    private final AtomicLong taskIds = new AtomicLong(256_271_667_000L);
    private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
    private final Queue<SentMessage> sent = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<Task>> inboxes = new ConcurrentHashMap<>();
    private final Map<String, FlowControl> flowControlByApp = new ConcurrentHashMap<>();
    private final Set<String> failingUsers = ConcurrentHashMap.newKeySet();
    private volatile boolean recordMessages = true;

    WorkNotificationStore(OrgDirectory directory) {
        this.directory = directory;
    }

    /** Records an accepted send and decides each recipient's outcome. */
    Task send(SimApp app, Recipients recipients, MessageValidator.Checked checked, JsonNode msg, Instant now) {
        String content = checked.content();
        FlowControl flowControl = flowControlByApp.computeIfAbsent(app.appKey(), key -> new FlowControl());
        List<String> invalid = new ArrayList<>();
        List<Forbidden> forbidden = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        // One lock per app: the limits are per app, and apps must not wait for each other.
        synchronized (flowControl) {
            for (String userId : recipients.userIds()) {
                if (!directory.isMember(app.corpId(), userId)) {
                    invalid.add(userId);
                    continue;
                }
                if (failingUsers.contains(userId)) {
                    // Not delivered, so not counted: a resend of the same content is allowed.
                    failed.add(userId);
                    continue;
                }
                Forbidden refusal = flowControl.admit(userId, content, now);
                if (refusal != null) {
                    forbidden.add(refusal);
                } else {
                    delivered.add(userId);
                }
            }
        }
        boolean record = recordMessages;
        Task task = new Task(taskIds.incrementAndGet(), app.appKey(), now, checked.type(), record ? msg : null, recipients,
                List.copyOf(invalid), List.copyOf(forbidden), List.copyOf(failed), List.copyOf(delivered));
        tasks.put(task.taskId(), task);
        if (record) {
            sent.add(new SentMessage(task.taskId(), app.appKey(), app.agentId(), recipients.userIds(), msg, now));
            for (String userId : delivered) {
                inboxes.computeIfAbsent(userId, id -> new ConcurrentLinkedQueue<>()).add(task);
            }
        }
        return task;
    }

    Optional<Task> task(long taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    int taskCount() {
        return tasks.size();
    }

    List<SentMessage> sentMessages() {
        return List.copyOf(sent);
    }

    List<InboxEntry> inbox(String userId) {
        Queue<Task> inbox = inboxes.get(userId);
        return inbox == null ? List.of() : inbox.stream().map(task -> task.entryFor(userId)).toList();
    }

    Map<String, List<InboxEntry>> inboxes() {
        Map<String, List<InboxEntry>> copy = new HashMap<>();
        inboxes.keySet().forEach(userId -> copy.put(userId, inbox(userId)));
        return Map.copyOf(copy);
    }

    /** From now on, sends to these users end in {@code failed_user_id_list} (DingTalk could not deliver). */
    void failDeliveriesTo(List<String> userIds) {
        failingUsers.addAll(userIds);
    }

    /** Off for throughput runs: outcomes are still decided and kept, but no message, sent list or inbox is stored. */
    void recordMessages(boolean record) {
        recordMessages = record;
    }

    void reset() {
        tasks.clear();
        sent.clear();
        inboxes.clear();
        flowControlByApp.clear();
        failingUsers.clear();
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
