-- Partners kept apart (issue 11): the customer and supplier portal departments and each partner
-- company's department are restricted in DingTalk (hide_dept, outer_dept). settings_hash is a hash
-- of the settings the sync last applied to the department; null means never (or not a partner
-- department), and the sync applies them again when the configured visibility changes.
ALTER TABLE dingtalk_contact_department ADD COLUMN settings_hash VARCHAR(64) NULL;
