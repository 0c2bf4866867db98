-- When evaluation first saw a resource: a machine that never sent a heartbeat is overdue only after this.
alter table evaluated_resource add column known_since timestamptz;
update evaluated_resource set known_since = observed_at;
alter table evaluated_resource alter column known_since set not null;
-- Members of an Azure Local instance, for re-evaluating them when the instance changes.
alter table evaluated_resource add column azure_local_instance_key varchar(1024);
create index evaluated_resource_azure_local_idx on evaluated_resource (azure_local_instance_key)
    where azure_local_instance_key is not null;

-- Last heartbeat per machine and agent. due_at is when the staleness sweep must look at the machine next; null
-- means it is not being watched (found silent, offline, or not known yet), so its next heartbeat is looked at
-- at once. The partial index keeps the sweep an index range scan.
create table agent_heartbeat (
    resource_key     varchar(1024) primary key,
    resource_id      varchar(1024) not null,
    computer         varchar(256),
    country          varchar(128),
    last_ama         timestamptz,
    last_legacy      timestamptz,
    due_at           timestamptz
);
create index agent_heartbeat_due_idx on agent_heartbeat (due_at) where due_at is not null;

-- Last security signal per machine, for the cross-signal rules.
create table security_activity (
    resource_key        varchar(1024) primary key,
    last_defender_alert timestamptz,
    last_security_event timestamptz
);

-- Defender for Cloud's current recommendations per resource (continuous export), latest state wins.
create table defender_assessment (
    resource_key   varchar(1024) not null,
    assessment_key varchar(128)  not null,
    state          jsonb         not null,
    observed_at    timestamptz   not null,
    primary key (resource_key, assessment_key)
);

alter table finding add column exclusion_reason varchar(2048);
create index finding_resource_idx on finding (lower(resource_id));

-- User exemptions: a rule does not count on a scope until the expiry.
create table exemption (
    id          uuid          primary key,
    scope       varchar(1024) not null,
    rule_id     varchar(128)  not null,
    reason      varchar(2048) not null,
    expires_at  timestamptz   not null,
    created_by  varchar(256),
    created_at  timestamptz   not null
);

-- Coverage over time: one row per subscription and kind per snapshot.
create table coverage_snapshot (
    taken_at        timestamptz  not null,
    subscription_id varchar(64)  not null,
    kind            varchar(64)  not null,
    covered         bigint       not null,
    total           bigint       not null,
    primary key (taken_at, subscription_id, kind)
);
