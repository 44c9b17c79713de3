-- DingTalk 待办 (to-do tasks, API.md §2.9). The to-do API names people by unionId only: the module
-- asks DingTalk (v2/user/get) once per user and keeps the answer here; binding, unbinding and
-- resignation evict the user's row.
CREATE TABLE dingtalk_union_id (
    tenant_id       VARCHAR(64)  NOT NULL,
    dingtalk_userid VARCHAR(64)  NOT NULL,
    union_id        VARCHAR(64)  NOT NULL,
    fetched_at      TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (tenant_id, dingtalk_userid)
);

-- One to-do task per (todo event, recipient): NEW until created (task_id), then CREATED; when the
-- document closes close_action is set (done, or delete when withdrawn) and the task ends DONE or
-- DELETED; CANCELLED: closed before it was created; FAILED / CLOSE_FAILED: given up (last_error).
-- source_id is DingTalk's sourceId: a retried create cannot make a second task.
CREATE TABLE dingtalk_todo_task (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    event_id        BIGINT       NOT NULL,
    account         VARCHAR(64)  NOT NULL,
    tenant_id       VARCHAR(64)  NOT NULL,
    doc_type        VARCHAR(64)  NOT NULL,
    doc_id          VARCHAR(64)  NOT NULL,
    dingtalk_userid VARCHAR(64)  NOT NULL,
    source_id       VARCHAR(160) NOT NULL,
    union_id        VARCHAR(64)  NULL,
    task_id         VARCHAR(64)  NULL,
    status          VARCHAR(16)  NOT NULL DEFAULT 'NEW',
    close_action    VARCHAR(16)  NULL,
    closed_by       BIGINT       NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP(3) NULL,
    claimed_at      TIMESTAMP(3) NULL,
    last_error      VARCHAR(2000) NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      TIMESTAMP(3) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_todo_task_event_account UNIQUE (event_id, account)
);
CREATE INDEX ix_todo_task_doc ON dingtalk_todo_task (tenant_id, doc_type, doc_id);
CREATE INDEX ix_todo_task_status ON dingtalk_todo_task (status, next_attempt_at);
