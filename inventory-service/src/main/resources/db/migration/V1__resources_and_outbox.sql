-- Resources as last seen; the state is the contract's AzureResource as JSON.
create table resource (
    resource_key    varchar(1024) primary key,
    resource_id     varchar(1024) not null,
    resource_type   varchar(256)  not null,
    subscription_id varchar(64),
    name            varchar(512),
    state           jsonb         not null,
    content_hash    varchar(64)   not null,
    origin          varchar(32)   not null,
    last_changed    timestamptz   not null,
    last_seen       timestamptz   not null
);
create index resource_subscription_idx on resource (lower(subscription_id));
create index resource_type_idx on resource (lower(resource_type));

-- Transactional outbox: events committed with their state, deleted once the broker acknowledged them.
create table outbox_event (
    id         uuid          primary key,
    topic      varchar(255)  not null,
    event_key  varchar(1024),
    headers    jsonb         not null,
    body       bytea,
    created_at timestamptz   not null
);
create index outbox_event_created_idx on outbox_event (created_at);
