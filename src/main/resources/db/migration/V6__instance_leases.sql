-- Instances draining one outbox divide each DingTalk app's send limit among themselves: every live
-- instance holds a lease here, renewed every second; one that stops deletes it, one that dies lets it
-- expire. Each instance sends at most (limit / live instances) notifications per second per app.
CREATE TABLE dingtalk_instance_lease (
    instance_id VARCHAR(128) NOT NULL,
    joined_at   TIMESTAMP(3) NOT NULL,
    expires_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (instance_id)
);
