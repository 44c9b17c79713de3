-- A ProYi installation whose tables are not named like the reference ones (AdaptationTest): the
-- module is adapted to it by editing copies of routes/, sql/ and mappings/ only.

-- HR record: login name, DingTalk id and its own employment state (A = active, L = left).
CREATE TABLE hr_archive (
    tenant_id  VARCHAR(64)  NOT NULL,
    login_name VARCHAR(64)  NOT NULL,
    full_name  VARCHAR(100),
    cellphone  VARCHAR(32),
    mail       VARCHAR(100),
    position   VARCHAR(100),
    dept_path  VARCHAR(200),
    staff_no   VARCHAR(50),
    emp_state  CHAR(1)      NOT NULL DEFAULT 'A',
    dd_userid  VARCHAR(64)  NULL,
    PRIMARY KEY (tenant_id, login_name)
);

-- Users: the password as an upper-case MD5 hex digest, enabled 1/0.
CREATE TABLE sys_user (
    tenant_id VARCHAR(64) NOT NULL,
    user_code VARCHAR(64) NOT NULL,
    pwd_md5   CHAR(32)    NOT NULL,
    enabled   TINYINT     NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, user_code)
);

-- Customer (C) and supplier (S) contacts, Y = active, N = no longer.
CREATE TABLE crm_linkman (
    tenant_id VARCHAR(64)  NOT NULL,
    lm_login  VARCHAR(64)  NOT NULL,
    lm_type   CHAR(1)      NOT NULL,
    company   VARCHAR(200) NOT NULL,
    lm_name   VARCHAR(100) NOT NULL,
    lm_mobile VARCHAR(32),
    lm_state  CHAR(1)      NOT NULL DEFAULT 'Y',
    ding_uid  VARCHAR(64)  NULL,
    PRIMARY KEY (tenant_id, lm_login)
);

-- Account events, written by ProYi's triggers; handled_at and handled_result are the module's.
CREATE TABLE sys_account_log (
    log_id         BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id      VARCHAR(64)  NOT NULL,
    user_code      VARCHAR(64)  NOT NULL,
    event_type     VARCHAR(32)  NOT NULL,
    created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    handled_at     TIMESTAMP(3) NULL,
    handled_result VARCHAR(64)  NULL,
    PRIMARY KEY (log_id)
);
