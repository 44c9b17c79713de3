-- Reference ProYi user table for the demo and the tests. A real ProYi database has its own;
-- binding only reads it. password_hash is in Spring Security's {id} format ({bcrypt}, {pbkdf2}, ...).
CREATE TABLE IF NOT EXISTS proyi_user (
    tenant_id     VARCHAR(64)  NOT NULL,
    account       VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(500) NOT NULL,
    status        VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE',
    PRIMARY KEY (tenant_id, account)
);
