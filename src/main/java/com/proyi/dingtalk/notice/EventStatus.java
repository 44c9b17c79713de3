package com.proyi.dingtalk.notice;

/** Processing state of a row in proyi_doc_event. */
public enum EventStatus {
    /** Waiting to be claimed (new, or back for a retry once next_attempt_at has passed). */
    NEW,
    /** Claimed by an instance (claimed_by, claimed_at). */
    PROCESSING,
    /** Every recipient has an outcome: sent, or unbound and waiting for a binding. */
    DONE,
    /** Given up; last_error says why. An admin can replay it. */
    DEAD
}
