-- Example ProYi triggers that feed the module's outbox (proyi_doc_event), for MySQL 8 / MariaDB 10.6+.
-- They sit on the sample document table proyi_sample_document; copy and adapt them for each real
-- ProYi document table (the columns of proyi_doc_event are the contract, see README.md).
--
-- Install:  mysql -h HOST -u USER -p PROYI_DB < sql/proyi-outbox-triggers.mysql.sql
-- The rows are written inside ProYi's own transaction: if the document change rolls back, so does
-- the notice, and once it commits the notice cannot be lost.

DROP TRIGGER IF EXISTS proyi_sample_document_notice_ins;
DROP TRIGGER IF EXISTS proyi_sample_document_notice_upd;

DELIMITER //

-- A document created directly in the approval state needs its first handler.
CREATE TRIGGER proyi_sample_document_notice_ins
AFTER INSERT ON proyi_sample_document
FOR EACH ROW
BEGIN
    IF NEW.state = 'PENDING' AND NEW.current_handler IS NOT NULL THEN
        INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, summary, sender, recipients, fields)
        VALUES (NEW.tenant_id, NEW.doc_type, NEW.doc_id, NEW.doc_no, 'todo', NEW.title, NEW.summary,
                NEW.creator, NEW.current_handler, JSON_OBJECT('amount', NEW.amount));
    END IF;
END//

-- Every step of the approval flow: a new handler (todo), copies (cc), and the outcome for the creator.
CREATE TRIGGER proyi_sample_document_notice_upd
AFTER UPDATE ON proyi_sample_document
FOR EACH ROW
BEGIN
    IF NEW.state = 'PENDING' AND NEW.current_handler IS NOT NULL
       AND (OLD.state <> 'PENDING' OR NOT (OLD.current_handler <=> NEW.current_handler)) THEN
        INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, summary, sender, recipients, fields)
        VALUES (NEW.tenant_id, NEW.doc_type, NEW.doc_id, NEW.doc_no, 'todo', NEW.title, NEW.summary,
                COALESCE(NEW.last_actor, NEW.creator), NEW.current_handler, JSON_OBJECT('amount', NEW.amount));
    END IF;

    IF NEW.cc_accounts IS NOT NULL AND NEW.cc_accounts <> '' AND NOT (OLD.cc_accounts <=> NEW.cc_accounts) THEN
        INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, summary, sender, recipients, fields)
        VALUES (NEW.tenant_id, NEW.doc_type, NEW.doc_id, NEW.doc_no, 'cc', NEW.title, NEW.summary,
                COALESCE(NEW.last_actor, NEW.creator), NEW.cc_accounts, JSON_OBJECT('amount', NEW.amount));
    END IF;

    IF NEW.state <> OLD.state AND NEW.state IN ('APPROVED', 'REJECTED', 'RETURNED', 'DONE') AND NEW.creator IS NOT NULL THEN
        INSERT INTO proyi_doc_event (tenant_id, doc_type, doc_id, doc_no, action, title, summary, sender, recipients, fields)
        VALUES (NEW.tenant_id, NEW.doc_type, NEW.doc_id, NEW.doc_no, LOWER(NEW.state), NEW.title, NEW.summary,
                NEW.last_actor, NEW.creator, JSON_OBJECT('amount', NEW.amount));
    END IF;
END//

DELIMITER ;
