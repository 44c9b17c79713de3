package com.proyi.dingtalk.notice.followup;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What happens to a notice after DingTalk accepted it (proyi.followup.*): reading its outcome per
 * recipient with getsendresult, and updating it when its document closes.
 */
@Validated
@ConfigurationProperties("proyi.followup")
public class FollowUpProperties {

    @Valid private final SendResults sendResults = new SendResults();
    @Valid private final Closing closing = new Closing();
    @Valid private final TodoTasks todoTasks = new TodoTasks();

    public SendResults getSendResults() {
        return sendResults;
    }

    public Closing getClosing() {
        return closing;
    }

    public TodoTasks getTodoTasks() {
        return todoTasks;
    }

    /**
     * DingTalk 待办 (to-do tasks, API.md §2.9): each recipient of a todo notice also gets a task in
     * their DingTalk to-do list, marked done when the document closes and deleted when it is withdrawn.
     */
    public static class TodoTasks {

        /**
         * Whether notices create DingTalk to-do tasks at all (a mapping switches them off per action with
         * todo_task: false). Each task costs about 2 API calls of the monthly quota: create, then done or
         * delete, plus one v2/user/get per person the first time.
         */
        private boolean enabled = true;

        /** How often the module looks for to-do tasks to create, complete or delete. */
        @NotNull private Duration pollInterval = Duration.ofSeconds(5);

        /** Tries per task when DingTalk fails with a retryable error; then it is given up (last_error). */
        @Min(1) private int maxAttempts = 5;

        /** Wait before the next try, doubled per failed try; also the wait while the quota holds to-do calls back. */
        @NotNull private Duration retryBackoff = Duration.ofMinutes(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }
    }

    /**
     * A closing event (approved, rejected, returned, done, withdrawn) updates the document's earlier
     * open notices: status bar, recall, or left as they are (mapping key when_closed).
     */
    public static class Closing {

        /** Whether closing events update earlier notices (each status bar update or recall is one API call). */
        private boolean enabled = true;

        /** How often the module looks for closing events to follow. */
        @NotNull private Duration pollInterval = Duration.ofSeconds(5);

        /** Tries per closing event when DingTalk fails with a retryable error; then it is given up (last_error). */
        @Min(1) private int maxAttempts = 5;

        /** Wait before the next try, doubled per failed try. */
        @NotNull private Duration retryBackoff = Duration.ofMinutes(1);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getRetryBackoff() {
            return retryBackoff;
        }

        public void setRetryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
        }
    }

    /** Reading getsendresult (API.md §2.4) for each sent task: delivered, read or dropped per recipient. */
    public static class SendResults {

        /** Whether the module reads send results at all (each read is one API call of the monthly quota). */
        private boolean enabled = true;

        /** How often the module looks for tasks whose result is due. */
        @NotNull private Duration pollInterval = Duration.ofSeconds(30);

        /** How long after a send its result is first read (DingTalk delivers asynchronously). */
        @NotNull private Duration firstCheckAfter = Duration.ofMinutes(2);

        /** How long after a read that found recipients delivered but unread the result is read again, for read receipts. */
        @NotNull private Duration recheckAfter = Duration.ofHours(4);

        /** No result is read for a send older than this (DingTalk answers only for the last 24 hours). */
        @NotNull private Duration giveUpAfter = Duration.ofHours(23);

        /** At most this many tasks are read per poll, oldest send first. */
        @Min(1) private int tasksPerPoll = 20;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getFirstCheckAfter() {
            return firstCheckAfter;
        }

        public void setFirstCheckAfter(Duration firstCheckAfter) {
            this.firstCheckAfter = firstCheckAfter;
        }

        public Duration getRecheckAfter() {
            return recheckAfter;
        }

        public void setRecheckAfter(Duration recheckAfter) {
            this.recheckAfter = recheckAfter;
        }

        public Duration getGiveUpAfter() {
            return giveUpAfter;
        }

        public void setGiveUpAfter(Duration giveUpAfter) {
            this.giveUpAfter = giveUpAfter;
        }

        public int getTasksPerPoll() {
            return tasksPerPoll;
        }

        public void setTasksPerPoll(int tasksPerPoll) {
            this.tasksPerPoll = tasksPerPoll;
        }
    }
}
