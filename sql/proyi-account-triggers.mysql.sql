-- Example ProYi triggers that feed the module's account events (proyi_account_event), for MySQL 8 /
-- MariaDB 10.6+. Each event unbinds the account from DingTalk within a second (routes/account-events.camel.yaml).
-- They sit on the reference tables proyi_user and proyi_hr_record; adapt the names to ProYi's own.
--
-- Install:  mysql -h HOST -u USER -p PROYI_DB < sql/proyi-account-triggers.mysql.sql
--
-- Logging out is not a table change: ProYi's logout code writes the event itself, e.g.
--   INSERT INTO proyi_account_event (tenant_id, account, kind) VALUES (?, ?, 'LOGOUT');
-- Even without these triggers a changed password, a disabled account or a resignation ends the
-- binding at the person's next DingTalk login; the triggers make it immediate.

DROP TRIGGER IF EXISTS proyi_user_account_event_upd;
DROP TRIGGER IF EXISTS proyi_user_account_event_del;
DROP TRIGGER IF EXISTS proyi_hr_record_account_event_upd;

DELIMITER //

-- A new password (set by the user or by an admin), or an account that is no longer active.
CREATE TRIGGER proyi_user_account_event_upd
AFTER UPDATE ON proyi_user
FOR EACH ROW
BEGIN
    IF NOT (OLD.password_hash <=> NEW.password_hash) THEN
        INSERT INTO proyi_account_event (tenant_id, account, kind) VALUES (NEW.tenant_id, NEW.account, 'PASSWORD_CHANGED');
    END IF;
    IF OLD.status = 'ACTIVE' AND NOT (NEW.status <=> 'ACTIVE') THEN
        INSERT INTO proyi_account_event (tenant_id, account, kind) VALUES (NEW.tenant_id, NEW.account, 'REVOKED');
    END IF;
END//

CREATE TRIGGER proyi_user_account_event_del
AFTER DELETE ON proyi_user
FOR EACH ROW
BEGIN
    INSERT INTO proyi_account_event (tenant_id, account, kind) VALUES (OLD.tenant_id, OLD.account, 'REVOKED');
END//

-- The HR record says the employee has left (proyi.binding.hr-status-column / resigned-status).
CREATE TRIGGER proyi_hr_record_account_event_upd
AFTER UPDATE ON proyi_hr_record
FOR EACH ROW
BEGIN
    IF NEW.employment_status = 'RESIGNED' AND NOT (OLD.employment_status <=> 'RESIGNED') THEN
        INSERT INTO proyi_account_event (tenant_id, account, kind) VALUES (NEW.tenant_id, NEW.account, 'RESIGNED');
    END IF;
END//

DELIMITER ;
