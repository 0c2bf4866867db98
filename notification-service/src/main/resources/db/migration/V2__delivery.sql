-- Remediation notices name their finding's resource type; the alert remembers it from the finding.
alter table alert add column resource_type varchar(255);

-- Where messages go. The URL and signing secret are secrets: never returned, never logged.
create table channel (
    id              uuid             primary key,
    name            varchar(128)     not null,
    kind            varchar(16)      not null,
    url             varchar(2048)    not null,
    signing_secret  varchar(512),
    rate_per_second double precision not null,
    created_at      timestamptz      not null,
    updated_at      timestamptz      not null,
    deleted_at      timestamptz
);
create unique index channel_name_idx on channel (lower(name)) where deleted_at is null;

-- Every message to every channel until it is delivered or parked. The unique key makes deciding a message twice
-- (a re-delivered event, a second instance) store it once.
create table delivery (
    id               bigserial     primary key,
    delivery_key     varchar(512)  not null,
    channel_id       uuid          not null references channel (id),
    part             integer       not null,
    status           varchar(16)   not null,
    attempts         integer       not null,
    next_attempt_at  timestamptz   not null,
    lease_until      timestamptz,
    claim_token      uuid,
    last_error       varchar(1024),
    last_http_status integer,
    body             text          not null,
    created_at       timestamptz   not null,
    delivered_at     timestamptz,
    constraint delivery_key_channel_part unique (delivery_key, channel_id, part)
);
create index delivery_pending_idx on delivery (channel_id, next_attempt_at, id) where status = 'PENDING';
create index delivery_sending_idx on delivery (channel_id, lease_until) where status = 'SENDING';
create index delivery_listing_idx on delivery (status, created_at desc);

-- Canaries of the pipeline self-test; where they got to is in the delivery log.
create table test_alert (
    id           uuid        primary key,
    requested_at timestamptz not null,
    requested_by varchar(16) not null,
    judged_at    timestamptz
);
