-- Defender for Cloud's own secure score per subscription, as inventory last read it (Resource Graph or continuous
-- export), shown beside Coverwatch's own score.
create table defender_secure_score (
    subscription_id varchar(64) primary key,
    state           jsonb       not null,
    observed_at     timestamptz not null
);
