create table alert (
    finding_id      varchar(64)   primary key,
    rule_id         varchar(64)   not null,
    title           varchar(512)  not null,
    severity        varchar(16)   not null,
    resource_id     varchar(1024) not null,
    subscription_id varchar(64),
    state           varchar(16)   not null,
    diagnosis       varchar(1024),
    remediation     varchar(2048),
    starts_at       timestamptz   not null,
    ends_at         timestamptz,
    last_event_id   varchar(255)  not null
);
create index alert_state_idx on alert (state, starts_at desc);

-- CloudEvent IDs already handled: a re-delivered event is skipped.
create table processed_event (
    event_id     varchar(255) primary key,
    processed_at timestamptz  not null
);
