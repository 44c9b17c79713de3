-- Reference table of ProYi's customer and supplier contacts (客户/供应商联系人) for the demo and the
-- tests. A real ProYi database has its own; routes/contacts-sync.camel.yaml and
-- routes/resignations.camel.yaml read it and can be pointed elsewhere.
CREATE TABLE IF NOT EXISTS proyi_partner_contact (
    tenant_id       VARCHAR(64)  NOT NULL,
    account         VARCHAR(64)  NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    partner_name    VARCHAR(200) NOT NULL,
    name            VARCHAR(100) NOT NULL,
    mobile          VARCHAR(32),
    email           VARCHAR(100),
    status          VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE',
    dingtalk_userid VARCHAR(64)  NULL,
    PRIMARY KEY (tenant_id, account)
);
