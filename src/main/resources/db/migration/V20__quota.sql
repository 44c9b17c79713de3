-- The monthly API-call budget (API.md §8.3): counted calls per DingTalk organisation (corp id) and
-- calendar month in China time ('2026-03'), added to by every instance.
CREATE TABLE dingtalk_quota_usage (
    organisation VARCHAR(64)  NOT NULL,
    quota_month  CHAR(7)      NOT NULL,
    calls        BIGINT       NOT NULL DEFAULT 0,
    updated_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (organisation, quota_month)
);

-- A plan an admin set (raised) for an organisation, over dingtalk.quota.plan.
CREATE TABLE dingtalk_quota_plan (
    organisation VARCHAR(64)  NOT NULL,
    calls        BIGINT       NOT NULL,
    updated_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (organisation)
);
