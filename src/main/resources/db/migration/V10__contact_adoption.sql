-- Contact sync, adoption (issue 11): a conflict adoption cannot resolve (60102 with another mobile,
-- a mobile held by a member bound to someone else) is remembered with the fingerprint of the
-- person's data; the sync does not try that person again until the fingerprint changes.
ALTER TABLE dingtalk_contact_sync_state ADD COLUMN failed_hash VARCHAR(64) NULL;
