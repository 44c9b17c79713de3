-- What the webhook has already stored (issue 12): a replayed signed request, or a repeat of
-- (tenant, doc_type, doc_id, action, idempotency key), is answered with the first event's id and
-- creates nothing. signature_hash is the SHA-256 of the X-ProYi-Signature value; rows older than
-- proyi.webhook.receipt-retention are deleted as new ones arrive.
CREATE TABLE proyi_webhook_receipt (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    signature_hash  CHAR(64)     NOT NULL,
    tenant_id       VARCHAR(64)  NOT NULL,
    doc_type        VARCHAR(64)  NOT NULL,
    doc_id          VARCHAR(64)  NOT NULL,
    action          VARCHAR(32)  NOT NULL,
    idempotency_key VARCHAR(128) NULL,
    event_id        BIGINT       NOT NULL,
    received_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (id),
    CONSTRAINT uq_webhook_receipt_signature UNIQUE (signature_hash),
    CONSTRAINT uq_webhook_receipt_key UNIQUE (tenant_id, doc_type, doc_id, action, idempotency_key)
);
CREATE INDEX ix_webhook_receipt_received ON proyi_webhook_receipt (received_at);
