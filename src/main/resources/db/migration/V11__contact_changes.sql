-- Contact changes (issue 11): ProYi's triggers (sql/proyi-contact-triggers.mysql.sql) write one row
-- per change of an HR record or a partner contact; routes/contact-changes.camel.yaml claims the new
-- rows every second or so, coalesces them per person and syncs just those people.
-- source is EMPLOYEE (HR record) or PARTNER (partner contact); kind is CHANGED, RESIGNED or DELETED.
CREATE TABLE dingtalk_contact_change (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id    VARCHAR(64)  NOT NULL,
    source       VARCHAR(16)  NOT NULL,
    account      VARCHAR(64)  NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    claimed_by   VARCHAR(64)  NULL,
    processed_at TIMESTAMP(3) NULL,
    outcome      VARCHAR(200) NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_contact_change_pending ON dingtalk_contact_change (processed_at, id);
CREATE INDEX ix_contact_change_claim ON dingtalk_contact_change (claimed_by);
