package com.proyi.dingtalk.dingtalk.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A DingTalk to-do task (待办, API.md §2.9) as the simulator holds it now. People are unionIds, as
 * in the API; {@link DingTalkSimulator#unionIdOf(String, String)} translates. {@code priority},
 * {@code dueTime} and the urls are null when not set.
 */
public record TodoTask(String id, String appKey, String sourceId, String subject, String description, String creatorId,
                       List<String> executorIds, List<String> participantIds, String appUrl, String pcUrl,
                       List<Field> contentFields, Integer priority, Long dueTime, String todoType,
                       boolean onlyShowExecutor, boolean done, Set<String> doneExecutorIds, Instant createdAt,
                       Instant modifiedAt, boolean deleted) {

    /** One form row of the card ({@code contentFieldList}). */
    public record Field(String key, String value) {
    }

    /** Whether the task is done for this person: the whole task, or an executor's own part. */
    public boolean doneFor(String unionId) {
        return done || doneExecutorIds.contains(unionId);
    }
}
