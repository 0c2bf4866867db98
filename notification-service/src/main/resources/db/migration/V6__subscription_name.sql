-- Subscriptions' display names, learned from inventory's resource events, so that messages name a subscription as
-- people know it. Keyed by the lower-cased subscription ID (Azure compares it ignoring case).
create table subscription_name (
    subscription_id varchar(64)  primary key,
    display_name    varchar(512) not null,
    learned_at      timestamptz  not null
);
