-- Account binding and free login inside DingTalk (issue 3).

-- ProYi's account events. ProYi's triggers (sql/proyi-account-triggers.mysql.sql) insert the
-- ProYi-owned columns only; processed_at and outcome belong to the module and have defaults.
CREATE TABLE proyi_account_event (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id    VARCHAR(64)  NOT NULL DEFAULT 'default',
    account      VARCHAR(64)  NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    -- module-owned processing state
    processed_at TIMESTAMP(3) NULL,
    outcome      VARCHAR(64)  NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_account_event_pending ON proyi_account_event (processed_at, id);

-- Who is bound to whom. The HR column (proyi.hr.dingtalk-column) holds the same DingTalk id for
-- the notice lookup; this table adds what the binding was based on: a SHA-256 fingerprint of the
-- ProYi password hash at bind time (never the hash itself), checked again at every login.
CREATE TABLE dingtalk_binding (
    tenant_id            VARCHAR(64)  NOT NULL,
    account              VARCHAR(64)  NOT NULL,
    dingtalk_userid      VARCHAR(64)  NOT NULL,
    password_fingerprint CHAR(64)     NOT NULL,
    bound_at             TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (tenant_id, account),
    CONSTRAINT uq_binding_dingtalk_user UNIQUE (tenant_id, dingtalk_userid)
);

-- Every bind and unbind, with the reason (PASSWORD, LOGOUT, PASSWORD_CHANGED, REVOKED, RESIGNED,
-- ADMIN, LEFT_DINGTALK, PARTNER_INACTIVE) and who or what did it.
CREATE TABLE dingtalk_binding_audit (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id       VARCHAR(64)  NOT NULL,
    account         VARCHAR(64)  NOT NULL,
    dingtalk_userid VARCHAR(64)  NULL,
    action          VARCHAR(16)  NOT NULL,
    reason          VARCHAR(32)  NOT NULL,
    actor           VARCHAR(128) NOT NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id)
);
CREATE INDEX ix_binding_audit_account ON dingtalk_binding_audit (tenant_id, account, id);

-- Wrong passwords on the bind form, counted per account name (existing or not) and per DingTalk user.
CREATE TABLE dingtalk_bind_failure (
    tenant_id    VARCHAR(64)  NOT NULL,
    subject_kind VARCHAR(16)  NOT NULL,
    subject      VARCHAR(64)  NOT NULL,
    failures     INT          NOT NULL DEFAULT 0,
    locked_until TIMESTAMP(3) NULL,
    PRIMARY KEY (tenant_id, subject_kind, subject)
);

-- Short-lived proof that DingTalk identified a person who still has to bind (SHA-256 of the token).
CREATE TABLE dingtalk_bind_token (
    token_hash      CHAR(64)      NOT NULL,
    tenant_id       VARCHAR(64)   NOT NULL,
    dingtalk_userid VARCHAR(64)   NOT NULL,
    target          VARCHAR(2000) NULL,
    expires_at      TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (token_hash)
);

-- One-time login tickets ProYi redeems (SHA-256 of the ticket); kept for the session's lifetime
-- so that a mobile logout can name its session by the ticket.
CREATE TABLE dingtalk_login_ticket (
    ticket_hash     CHAR(64)      NOT NULL,
    tenant_id       VARCHAR(64)   NOT NULL,
    account         VARCHAR(64)   NOT NULL,
    dingtalk_userid VARCHAR(64)   NOT NULL,
    target          VARCHAR(2000) NULL,
    created_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at      TIMESTAMP(3)  NOT NULL,
    redeemed_at     TIMESTAMP(3)  NULL,
    PRIMARY KEY (ticket_hash)
);
CREATE INDEX ix_login_ticket_created ON dingtalk_login_ticket (created_at);
