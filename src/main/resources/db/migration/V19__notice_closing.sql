-- A closing event (approved, rejected, returned, done, withdrawn) queues the update of its document's
-- earlier open notices (todo, cc): status bar, recall or left as they are, per mapping (when_closed).
CREATE TABLE dingtalk_doc_closing (
    event_id        BIGINT       NOT NULL,
    tenant_id       VARCHAR(64)  NOT NULL,
    doc_type        VARCHAR(64)  NOT NULL,
    doc_id          VARCHAR(64)  NOT NULL,
    action          VARCHAR(32)  NOT NULL,
    status          VARCHAR(16)  NOT NULL DEFAULT 'NEW',
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP(3) NULL,
    claimed_at      TIMESTAMP(3) NULL,
    last_error      VARCHAR(2000) NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    processed_at    TIMESTAMP(3) NULL,
    PRIMARY KEY (event_id)
);
CREATE INDEX ix_doc_closing_status ON dingtalk_doc_closing (status, event_id);

-- What the closing did to each earlier notice: STATUS_BAR (closed_note: the new status), RECALLED,
-- LEFT (closed_note: why) or FAILED (closed_note: DingTalk's answer); closed_by: the closing event.
ALTER TABLE dingtalk_notice_delivery ADD COLUMN closed_as VARCHAR(16) NULL;
ALTER TABLE dingtalk_notice_delivery ADD COLUMN closed_by BIGINT NULL;
ALTER TABLE dingtalk_notice_delivery ADD COLUMN closed_note VARCHAR(500) NULL;
ALTER TABLE dingtalk_notice_delivery ADD COLUMN closed_at TIMESTAMP(3) NULL;
