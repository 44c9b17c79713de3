-- The document-event outbox. ProYi's triggers (or the webhook) insert rows with the ProYi-owned
-- columns only; every column after created_at belongs to the module and has a default, so a
-- trigger never needs to know about them.
CREATE TABLE proyi_doc_event (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id       VARCHAR(64)  NOT NULL DEFAULT 'default',
    doc_type        VARCHAR(64)  NOT NULL,
    doc_id          VARCHAR(64)  NOT NULL,
    doc_no          VARCHAR(64),
    action          VARCHAR(32)  NOT NULL,
    title           VARCHAR(200),
    summary         TEXT,
    sender          VARCHAR(64),
    recipients      TEXT         NOT NULL,
    fields          TEXT,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    -- module-owned processing state
    status          VARCHAR(16)  NOT NULL DEFAULT 'NEW',
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP(3) NULL,
    claimed_by      VARCHAR(128) NULL,
    claimed_at      TIMESTAMP(3) NULL,
    last_error      VARCHAR(2000) NULL,
    processed_at    TIMESTAMP(3) NULL,
    PRIMARY KEY (id)
);
-- claim scans NEW rows in id order; stale-claim recovery scans PROCESSING rows
CREATE INDEX ix_doc_event_status_id ON proyi_doc_event (status, id);
CREATE INDEX ix_doc_event_tenant_doc ON proyi_doc_event (tenant_id, doc_type, doc_id);

-- One row per (event, recipient account): what happened to that person's notice.
CREATE TABLE dingtalk_notice_delivery (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id       VARCHAR(64)  NOT NULL,
    event_id        BIGINT       NOT NULL,
    account         VARCHAR(64)  NOT NULL,
    dingtalk_userid VARCHAR(64)  NULL,
    status          VARCHAR(16)  NOT NULL,
    task_id         BIGINT       NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    last_error      VARCHAR(2000) NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT uq_delivery_event_account UNIQUE (event_id, account)
);
-- waiting (UNBOUND) notices are looked up per account when the account binds
CREATE INDEX ix_delivery_tenant_account ON dingtalk_notice_delivery (tenant_id, account, status);
CREATE INDEX ix_delivery_status_updated ON dingtalk_notice_delivery (status, updated_at);
