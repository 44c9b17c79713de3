-- Contact sync, adoption in place (issue 11): an employee adopted while already in DingTalk departments
-- the sync does not own keeps exactly those departments when proyi.sync.contacts.adopted-employees-join-portal
-- is false (the default), since DingTalk has no call that adds many members to a department. The flag
-- tells later runs that such a person is where they belong although no department of the sync lists them.
ALTER TABLE dingtalk_contact_sync_state ADD COLUMN adopted_in_place BOOLEAN DEFAULT FALSE NOT NULL;
