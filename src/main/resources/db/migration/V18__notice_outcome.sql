-- What DingTalk did with each accepted notice (getsendresult, API.md §2.4), read after the send:
-- receipt UNREAD (delivered) or READ for a SENT row; a recipient DingTalk dropped becomes DROPPED
-- with drop_code (invalid, failed, or the flow-control code such as 143106 / 143105) and the
-- reason in last_error. checked_at: when getsendresult was last read for the row's task.
ALTER TABLE dingtalk_notice_delivery ADD COLUMN receipt VARCHAR(16) NULL;
ALTER TABLE dingtalk_notice_delivery ADD COLUMN drop_code VARCHAR(16) NULL;
ALTER TABLE dingtalk_notice_delivery ADD COLUMN checked_at TIMESTAMP(3) NULL;
-- the outcome of one task is written per task_id
CREATE INDEX ix_delivery_task ON dingtalk_notice_delivery (task_id);
