-- Contact sync (ProYi -> DingTalk), resignations and DingTalk's contact events (DingTalk -> ProYi).
-- Portable between MySQL/MariaDB and the demo's H2 (MySQL mode).

-- What the contact sync last pushed for each person: a hash of the fields it sends, so that a
-- person whose ProYi data did not change costs no DingTalk call. source is EMPLOYEE (HR record)
-- or PARTNER (proyi_partner_contact); account is the ProYi login.
CREATE TABLE dingtalk_contact_sync_state (
    tenant_id       VARCHAR(64)   NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    account         VARCHAR(64)   NOT NULL,
    dingtalk_userid VARCHAR(64)   NULL,
    content_hash    VARCHAR(64)   NULL,
    dept_id         BIGINT        NULL,
    error_code      INT           NULL,
    last_error      VARCHAR(1000) NULL,
    updated_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (tenant_id, source, account)
);
CREATE INDEX ix_sync_state_userid ON dingtalk_contact_sync_state (tenant_id, dingtalk_userid);

-- The DingTalk departments the sync owns: one per portal (employees, customers, suppliers) and
-- one per ProYi department or partner company below it. path is "PORTAL/segment/segment".
CREATE TABLE dingtalk_contact_department (
    tenant_id  VARCHAR(64)  NOT NULL,
    path       VARCHAR(300) NOT NULL,
    dept_id    BIGINT       NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (tenant_id, path)
);

-- One row per sync or resignation run, with the report the admin API serves.
CREATE TABLE dingtalk_sync_run (
    id                  BIGINT       NOT NULL AUTO_INCREMENT,
    job                 VARCHAR(16)  NOT NULL,
    dry_run             BOOLEAN      NOT NULL DEFAULT FALSE,
    started_by          VARCHAR(64)  NOT NULL,
    scheduled_fire_time TIMESTAMP(3) NULL,
    instance            VARCHAR(128) NULL,
    status              VARCHAR(16)  NOT NULL,
    started_at          TIMESTAMP(3) NOT NULL,
    finished_at         TIMESTAMP(3) NULL,
    report              LONGTEXT     NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_sync_run_job ON dingtalk_sync_run (job, id);

-- DingTalk's HTTP event push, stored before it is answered and handled afterwards. event_id is
-- DingTalk's eventId (or a hash of the message where DingTalk sends none), so a redelivered event
-- is stored and handled once.
CREATE TABLE dingtalk_event_inbox (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    event_id     VARCHAR(128)  NOT NULL,
    event_type   VARCHAR(64)   NOT NULL,
    tenant_id    VARCHAR(64)   NOT NULL,
    payload      TEXT          NOT NULL,
    status       VARCHAR(16)   NOT NULL DEFAULT 'NEW',
    attempts     INT           NOT NULL DEFAULT 0,
    claimed_by   VARCHAR(128)  NULL,
    claimed_at   TIMESTAMP(3)  NULL,
    last_error   VARCHAR(1000) NULL,
    received_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    processed_at TIMESTAMP(3)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_event_inbox_event UNIQUE (event_id)
);
CREATE INDEX ix_event_inbox_status ON dingtalk_event_inbox (status, id);

-- Nonces of accepted callbacks, kept for twice the allowed clock skew: a replayed request is refused.
CREATE TABLE dingtalk_callback_nonce (
    nonce       VARCHAR(64)  NOT NULL,
    received_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (nonce)
);
CREATE INDEX ix_callback_nonce_received ON dingtalk_callback_nonce (received_at);
