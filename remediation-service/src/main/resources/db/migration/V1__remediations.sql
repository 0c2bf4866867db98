create table remediation (
    remediation_id  varchar(64)   primary key,
    finding_id      varchar(64)   not null,
    rule_id         varchar(64)   not null,
    action          varchar(64)   not null,
    resource_id     varchar(1024) not null,
    subscription_id varchar(64),
    status          varchar(32)   not null,
    dry_run         boolean       not null,
    request         text          not null,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null
);
create index remediation_finding_idx on remediation (finding_id, status);
create index remediation_created_idx on remediation (created_at desc);

-- CloudEvent IDs already handled: a re-delivered event is skipped.
create table processed_event (
    event_id     varchar(255) primary key,
    processed_at timestamptz  not null
);
