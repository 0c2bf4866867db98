-- Azure Resource Manager sync: one row per subscription, so a failure in one is visible next to the others' success.
create table azure_sync_status (
    subscription_id varchar(64)  primary key,
    display_name    varchar(512),
    last_attempt    timestamptz,
    last_success    timestamptz,
    last_error      text,
    last_error_kind varchar(64),
    last_error_at   timestamptz,
    resources_seen  integer
);
