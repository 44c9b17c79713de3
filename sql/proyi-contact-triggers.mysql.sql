-- Example ProYi triggers that feed the module's contact changes (dingtalk_contact_change), for MySQL 8 /
-- MariaDB 10.6+. Each change reaches DingTalk within a few seconds (routes/contact-changes.camel.yaml):
-- a new or changed HR record or partner contact is created, updated or moved there; a resignation, an
-- inactive partner contact or a deleted row is unbound (and removed from DingTalk when
-- proyi.sync.resignations.remove-from-dingtalk is set). The nightly reconciliation catches anything missed.
-- They sit on the reference tables proyi_hr_record and proyi_partner_contact; adapt the names to ProYi's own.
--
-- Install:  mysql -h HOST -u USER -p PROYI_DB < sql/proyi-contact-triggers.mysql.sql
--
-- Only the columns the sync sends count as a change: the module's own write of the DingTalk id
-- (dingtalk_userid) must not trigger another sync of the person.

DROP TRIGGER IF EXISTS proyi_hr_record_contact_change_ins;
DROP TRIGGER IF EXISTS proyi_hr_record_contact_change_upd;
DROP TRIGGER IF EXISTS proyi_hr_record_contact_change_del;
DROP TRIGGER IF EXISTS proyi_partner_contact_change_ins;
DROP TRIGGER IF EXISTS proyi_partner_contact_change_upd;
DROP TRIGGER IF EXISTS proyi_partner_contact_change_del;

DELIMITER //

CREATE TRIGGER proyi_hr_record_contact_change_ins
AFTER INSERT ON proyi_hr_record
FOR EACH ROW
BEGIN
    INSERT INTO dingtalk_contact_change (tenant_id, source, account, kind)
    VALUES (NEW.tenant_id, 'EMPLOYEE', NEW.account, IF(NEW.employment_status = 'RESIGNED', 'RESIGNED', 'CHANGED'));
END//

CREATE TRIGGER proyi_hr_record_contact_change_upd
AFTER UPDATE ON proyi_hr_record
FOR EACH ROW
BEGIN
    IF NOT (OLD.account <=> NEW.account) THEN
        INSERT INTO dingtalk_contact_change (tenant_id, source, account, kind) VALUES (OLD.tenant_id, 'EMPLOYEE', OLD.account, 'DELETED');
    END IF;
    IF NOT (OLD.account <=> NEW.account AND OLD.name <=> NEW.name AND OLD.mobile <=> NEW.mobile
            AND OLD.email <=> NEW.email AND OLD.title <=> NEW.title AND OLD.department <=> NEW.department
            AND OLD.job_number <=> NEW.job_number AND OLD.employment_status <=> NEW.employment_status) THEN
        INSERT INTO dingtalk_contact_change (tenant_id, source, account, kind)
        VALUES (NEW.tenant_id, 'EMPLOYEE', NEW.account, IF(NEW.employment_status = 'RESIGNED', 'RESIGNED', 'CHANGED'));
    END IF;
END//

CREATE TRIGGER proyi_hr_record_contact_change_del
AFTER DELETE ON proyi_hr_record
FOR EACH ROW
BEGIN
    INSERT INTO dingtalk_contact_change (tenant_id, source, account, kind) VALUES (OLD.tenant_id, 'EMPLOYEE', OLD.account, 'DELETED');
END//

CREATE TRIGGER proyi_partner_contact_change_ins
AFTER INSERT ON proyi_partner_contact
FOR EACH ROW
BEGIN
    INSERT INTO dingtalk_contact_change (tenant_id, source, account, kind)
    VALUES (NEW.tenant_id, 'PARTNER', NEW.account, IF(NEW.status = 'ACTIVE', 'CHANGED', 'RESIGNED'));
END//

CREATE TRIGGER proyi_partner_contact_change_upd
AFTER UPDATE ON proyi_partner_contact
FOR EACH ROW
BEGIN
    IF NOT (OLD.account <=> NEW.account) THEN
        INSERT INTO dingtalk_contact_change (tenant_id, source, account, kind) VALUES (OLD.tenant_id, 'PARTNER', OLD.account, 'DELETED');
    END IF;
    IF NOT (OLD.account <=> NEW.account AND OLD.name <=> NEW.name AND OLD.mobile <=> NEW.mobile
            AND OLD.email <=> NEW.email AND OLD.kind <=> NEW.kind AND OLD.partner_name <=> NEW.partner_name
            AND OLD.status <=> NEW.status) THEN
        INSERT INTO dingtalk_contact_change (tenant_id, source, account, kind)
        VALUES (NEW.tenant_id, 'PARTNER', NEW.account, IF(NEW.status = 'ACTIVE', 'CHANGED', 'RESIGNED'));
    END IF;
END//

CREATE TRIGGER proyi_partner_contact_change_del
AFTER DELETE ON proyi_partner_contact
FOR EACH ROW
BEGIN
    INSERT INTO dingtalk_contact_change (tenant_id, source, account, kind) VALUES (OLD.tenant_id, 'PARTNER', OLD.account, 'DELETED');
END//

DELIMITER ;
