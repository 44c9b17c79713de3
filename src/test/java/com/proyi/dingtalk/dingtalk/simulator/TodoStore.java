package com.proyi.dingtalk.dingtalk.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The to-do tasks of every organisation. Low traffic, so one lock guards them all; callers get
 * immutable {@link TodoTask} snapshots. Deleted tasks stay (marked) so tests can see the deletion.
 */
final class TodoStore {

    /** Completed tasks drop out of the org query after this long (API.md §2.9). */
    static final Duration DONE_VISIBLE_FOR = Duration.ofDays(180);
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** What create stores; checked by the API before. */
    record NewTask(String corpId, String appKey, String sourceId, String subject, String description, String creatorId,
                   List<String> executorIds, List<String> participantIds, String appUrl, String pcUrl,
                   List<TodoTask.Field> contentFields, Integer priority, Long dueTime, String todoType,
                   boolean onlyShowExecutor) {
    }

    /** What update changes; null leaves a field as it is, a list replaces the old one. */
    record Changes(String subject, String description, Long dueTime, Boolean done, List<String> executorIds,
                   List<String> participantIds, List<TodoTask.Field> contentFields) {
    }

    private record Stored(String corpId, TodoTask task, Instant finishedAt) {
    }

    private final Map<String, Stored> tasks = new LinkedHashMap<>();

    /**
     * The new task, or empty when a live task of the organisation has its sourceId. Whether the
     * real uniqueness is per app, and whether deleting frees a sourceId, is unconfirmed: per
     * organisation and yes here.
     */
    synchronized Optional<TodoTask> create(NewTask task, Instant now) {
        boolean taken = task.sourceId() != null && tasks.values().stream().anyMatch(stored -> stored.corpId().equals(task.corpId())
                && !stored.task().deleted() && task.sourceId().equals(stored.task().sourceId()));
        if (taken) {
            return Optional.empty();
        }
        String id = newId();
        TodoTask created = new TodoTask(id, task.appKey(), task.sourceId(), task.subject(), task.description(), task.creatorId(),
                task.executorIds(), task.participantIds(), task.appUrl(), task.pcUrl(), task.contentFields(), task.priority(),
                task.dueTime(), task.todoType(), task.onlyShowExecutor(), false, Set.of(), now, now, false);
        tasks.put(id, new Stored(task.corpId(), created, null));
        return Optional.of(created);
    }

    /** The task if it exists in the organisation and is not deleted. */
    synchronized Optional<TodoTask> live(String corpId, String taskId) {
        Stored stored = tasks.get(taskId);
        return stored == null || !stored.corpId().equals(corpId) || stored.task().deleted() ? Optional.empty() : Optional.of(stored.task());
    }

    synchronized Optional<TodoTask> any(String taskId) {
        return Optional.ofNullable(tasks.get(taskId)).map(Stored::task);
    }

    synchronized void update(String taskId, Changes changes, Instant now) {
        Stored stored = tasks.get(taskId);
        TodoTask old = stored.task();
        boolean done = changes.done() != null ? changes.done() : old.done();
        List<String> executors = changes.executorIds() != null ? changes.executorIds() : old.executorIds();
        // Completing the task completes every executor's part (API.md §2.9, roles).
        Set<String> doneExecutors = changes.done() == Boolean.TRUE ? Set.copyOf(executors) : retain(old.doneExecutorIds(), executors);
        TodoTask updated = new TodoTask(old.id(), old.appKey(), old.sourceId(), or(changes.subject(), old.subject()),
                or(changes.description(), old.description()), old.creatorId(), executors,
                or(changes.participantIds(), old.participantIds()), old.appUrl(), old.pcUrl(),
                or(changes.contentFields(), old.contentFields()), old.priority(), or(changes.dueTime(), old.dueTime()),
                old.todoType(), old.onlyShowExecutor(), done, doneExecutors, old.createdAt(), now, false);
        tasks.put(taskId, new Stored(stored.corpId(), updated, done ? (old.done() ? stored.finishedAt() : now) : null));
    }

    synchronized void setExecutorsDone(String taskId, Map<String, Boolean> statuses, Instant now) {
        Stored stored = tasks.get(taskId);
        TodoTask old = stored.task();
        Set<String> doneExecutors = new LinkedHashSet<>(old.doneExecutorIds());
        statuses.forEach((unionId, isDone) -> {
            if (isDone) {
                doneExecutors.add(unionId);
            } else {
                doneExecutors.remove(unionId);
            }
        });
        // Whether the task itself completes once every executor is done is unconfirmed: it does not here.
        tasks.put(taskId, new Stored(stored.corpId(), withState(old, old.done(), Set.copyOf(doneExecutors), now, false), stored.finishedAt()));
    }

    synchronized void delete(String taskId, Instant now) {
        Stored stored = tasks.get(taskId);
        tasks.put(taskId, new Stored(stored.corpId(), withState(stored.task(), stored.task().done(), stored.task().doneExecutorIds(), now, true),
                stored.finishedAt()));
    }

    /** Live tasks of the organisation that pass the filter, oldest first, without those completed too long ago. */
    synchronized List<TodoTask> query(String corpId, Instant now, Predicate<TodoTask> filter) {
        List<TodoTask> found = new ArrayList<>();
        for (Stored stored : tasks.values()) {
            boolean expired = stored.finishedAt() != null && stored.finishedAt().plus(DONE_VISIBLE_FOR).isBefore(now);
            if (stored.corpId().equals(corpId) && !stored.task().deleted() && !expired && filter.test(stored.task())) {
                found.add(stored.task());
            }
        }
        return found;
    }

    synchronized List<TodoTask> of(String corpId, String unionId) {
        return tasks.values().stream()
                .filter(stored -> stored.corpId().equals(corpId) && !stored.task().deleted() && hasRole(stored.task(), unionId))
                .map(Stored::task).toList();
    }

    synchronized void reset() {
        tasks.clear();
    }

    static boolean hasRole(TodoTask task, String unionId) {
        return unionId.equals(task.creatorId()) || task.executorIds().contains(unionId) || task.participantIds().contains(unionId);
    }

    private static TodoTask withState(TodoTask old, boolean done, Set<String> doneExecutors, Instant now, boolean deleted) {
        return new TodoTask(old.id(), old.appKey(), old.sourceId(), old.subject(), old.description(), old.creatorId(),
                old.executorIds(), old.participantIds(), old.appUrl(), old.pcUrl(), old.contentFields(), old.priority(),
                old.dueTime(), old.todoType(), old.onlyShowExecutor(), done, doneExecutors, old.createdAt(), now, deleted);
    }

    private static Set<String> retain(Set<String> doneExecutors, List<String> executors) {
        return doneExecutors.stream().filter(executors::contains).collect(Collectors.toUnmodifiableSet());
    }

    private static <T> T or(T given, T stored) {
        return given != null ? given : stored;
    }

    /** Opaque ids like the real ones ({@code OPJpwtwPVNGIFKURjrzd}), never guessable from a sourceId. */
    private String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id;
        do {
            char[] chars = new char[20];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
            }
            id = new String(chars);
        } while (tasks.containsKey(id));
        return id;
    }
}
