-- Operations (issue 5): the admin audit log, and what the H5 page last reported about dd.config.

-- Every admin action on the admin API and the console: who, what, when, and how it ended.
CREATE TABLE admin_audit (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    acted_at    TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    actor       VARCHAR(64)   NOT NULL,
    action      VARCHAR(500)  NOT NULL,
    http_status INT           NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_admin_audit_acted_at ON admin_audit (acted_at);

-- The latest dd.config outcome per tenant, posted by the H5 page from inside DingTalk: the only
-- evidence the module gets that the CorpID and the JS-API domain are entered correctly.
CREATE TABLE dingtalk_h5_config_report (
    tenant_id     VARCHAR(64)   NOT NULL,
    page_url      VARCHAR(1000) NOT NULL,
    ok            BOOLEAN       NOT NULL,
    error_code    INT           NULL,
    error_message VARCHAR(500)  NULL,
    reported_at   TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (tenant_id)
);
