-- The latest state of each resource, as received from inventory.
create table evaluated_resource (
    resource_key    varchar(1024) primary key,
    resource_id     varchar(1024) not null,
    resource_type   varchar(256)  not null,
    subscription_id varchar(64),
    state           jsonb         not null,
    observed_at     timestamptz   not null
);
create index evaluated_resource_subscription_type_idx on evaluated_resource (subscription_id, resource_type);

create table finding (
    finding_id      varchar(64)   primary key,
    rule_id         varchar(64)   not null,
    title           varchar(512)  not null,
    severity        varchar(16)   not null,
    resource_id     varchar(1024) not null,
    resource_type   varchar(256)  not null,
    subscription_id varchar(64),
    status          varchar(16)   not null,
    diagnosis       varchar(1024),
    remediation     varchar(2048),
    first_seen      timestamptz   not null,
    last_seen       timestamptz   not null
);
create index finding_status_idx on finding (status, last_seen desc);
create index finding_subscription_idx on finding (subscription_id);

-- CloudEvent IDs already handled: a re-delivered event is skipped.
create table processed_event (
    event_id     varchar(255) primary key,
    processed_at timestamptz  not null
);

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
