-- Quartz now stores job data as text properties (org.quartz.jobStore.useProperties=true in
-- application.yaml) instead of serialised Java objects in ProYi's database. Jobs and triggers stored
-- the old way cannot be read back that way: they are removed here, and Camel schedules them again,
-- from the routes, when the module starts. At most one firing of the contact sync or the resignation
-- check is skipped; both are safe to run at their next time.
DELETE FROM QRTZ_FIRED_TRIGGERS;
DELETE FROM QRTZ_SIMPLE_TRIGGERS;
DELETE FROM QRTZ_CRON_TRIGGERS;
DELETE FROM QRTZ_SIMPROP_TRIGGERS;
DELETE FROM QRTZ_BLOB_TRIGGERS;
DELETE FROM QRTZ_TRIGGERS;
DELETE FROM QRTZ_JOB_DETAILS;
