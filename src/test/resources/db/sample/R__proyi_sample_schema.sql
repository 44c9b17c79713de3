-- Reference ProYi tables for the demo and the tests. A real ProYi database already has its own
-- tables; the module only reads them (the SQL lives in routes/ so it can be adapted).
CREATE TABLE IF NOT EXISTS proyi_hr_record (
    tenant_id         VARCHAR(64)  NOT NULL,
    account           VARCHAR(64)  NOT NULL,
    name              VARCHAR(100),
    mobile            VARCHAR(32),
    email             VARCHAR(100),
    title             VARCHAR(100),
    department        VARCHAR(100),
    job_number        VARCHAR(50),
    employment_status VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE',
    dingtalk_userid   VARCHAR(64)  NULL,
    PRIMARY KEY (tenant_id, account)
);

-- A sample ProYi document table; sql/proyi-outbox-triggers.mysql.sql puts triggers on it.
CREATE TABLE IF NOT EXISTS proyi_sample_document (
    tenant_id    VARCHAR(64)  NOT NULL DEFAULT 'default',
    doc_id       VARCHAR(64)  NOT NULL,
    doc_type     VARCHAR(64)  NOT NULL,
    doc_no       VARCHAR(64),
    title        VARCHAR(200),
    summary      TEXT,
    amount       DECIMAL(18, 2),
    state        VARCHAR(16)  NOT NULL DEFAULT 'DRAFT',
    current_handler VARCHAR(64),
    cc_accounts  VARCHAR(1000),
    last_actor   VARCHAR(64),
    creator      VARCHAR(64),
    PRIMARY KEY (tenant_id, doc_id)
);
