-- Remediation as a state machine with its plan, decisions and execution; the audit trail beside it.
alter table remediation
    add column plan_kind         varchar(16),
    add column plan              jsonb,
    add column steps             jsonb,
    add column idempotency_key   varchar(64),
    add column reason            text,
    add column not_before        timestamptz,
    add column requested_by      varchar(256) not null default 'coverwatch',
    add column approved_by       varchar(256),
    add column executed_at       timestamptz,
    add column finished_at       timestamptz,
    add column verify_by         timestamptz,
    add column attempts          integer      not null default 0,
    add column held_by_cap       boolean      not null default false,
    add column result            text;
update remediation set plan_kind = 'AUTOMATIC' where plan_kind is null;
alter table remediation alter column plan_kind set not null;
alter table remediation alter column request drop not null;
-- A finding episode and action are acted on once: the safety gate looks the key up before any change.
create index remediation_idempotency_idx on remediation (idempotency_key);
create index remediation_due_idx on remediation (status, not_before);
create index remediation_subscription_executed_idx on remediation (subscription_id, executed_at);
create index remediation_status_created_idx on remediation (status, created_at desc);

-- Append-only: who did what, when, why, what was sent and what came back.
create table remediation_audit (
    seq            bigserial     primary key,
    remediation_id varchar(64)   not null references remediation (remediation_id),
    at             timestamptz   not null,
    actor          varchar(256)  not null,
    entry          varchar(32)   not null,
    status_before  varchar(32),
    status_after   varchar(32)   not null,
    reason         text          not null,
    request        text,
    result         text
);
create index remediation_audit_remediation_idx on remediation_audit (remediation_id, seq);
create index remediation_audit_actor_idx on remediation_audit (actor, seq);

create function remediation_audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'remediation_audit is append-only: % is not allowed', tg_op;
end;
$$;
create trigger remediation_audit_append_only
    before update or delete on remediation_audit
    for each row execute function remediation_audit_is_append_only();

-- What inventory last said about each resource (from coverwatch.inventory.resources), keyed by lower-cased ARM ID.
create table known_resource (
    resource_key varchar(1024) primary key,
    resource     jsonb,
    deleted_at   timestamptz,
    updated_at   timestamptz   not null
);

-- The findings evaluation-service reported, as last seen: a person may ask to remediate an open one again.
create table known_finding (
    finding_id varchar(64) primary key,
    finding    jsonb       not null,
    open       boolean     not null,
    updated_at timestamptz not null
);

-- The operator's switches (one row) and policies, changed through REST.
create table safety_switch (
    id          smallint     primary key check (id = 1),
    dry_run     boolean      not null,
    kill_switch boolean      not null,
    changed_by  varchar(256) not null,
    changed_at  timestamptz  not null,
    reason      text
);

create table remediation_policy (
    id          bigserial    primary key,
    action      varchar(64)  not null,
    scope_kind  varchar(32)  not null,
    scope_value varchar(512) not null,
    mode        varchar(16)  not null,
    changed_by  varchar(256) not null,
    changed_at  timestamptz  not null,
    unique (action, scope_kind, scope_value)
);

-- A person closed a circuit breaker: failures before this moment no longer count.
create table breaker_reset (
    subscription_id varchar(64)  not null,
    action          varchar(64)  not null,
    reset_at        timestamptz  not null,
    reset_by        varchar(256) not null,
    primary key (subscription_id, action)
);

-- Transactional outbox (module outbox): events committed with their state, deleted once the broker acknowledged them.
create table outbox_event (
    id         uuid         primary key,
    seq        bigserial,
    topic      varchar(255) not null,
    event_key  varchar(1024),
    headers    jsonb        not null,
    body       bytea,
    created_at timestamptz  not null
);
create index outbox_event_seq_idx on outbox_event (seq);
