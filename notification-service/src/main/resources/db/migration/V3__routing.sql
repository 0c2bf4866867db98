-- The routing tree and the configured inhibit rules, as the JSON document PUT /api/routes takes. One row at most:
-- without it the service routes everything to every channel.
create table routing_config (
    id         smallint    primary key check (id = 1),
    document   text        not null,
    updated_at timestamptz not null
);

create table silence (
    id         uuid          primary key,
    matchers   text          not null, -- JSON array of matchers in Alertmanager's text form
    created_by varchar(255)  not null,
    comment    varchar(1024) not null,
    starts_at  timestamptz   not null,
    ends_at    timestamptz   not null,
    created_at timestamptz   not null,
    updated_at timestamptz   not null
);
create index silence_ends_idx on silence (ends_at);

-- Every group a route holds: its state (GroupState as JSON) and when to look at it next. A group's row is locked while
-- a notice joins it or a flush is decided, so two instances never decide the same message twice.
create table notice_group (
    route_path   varchar(512) not null,
    group_id     varchar(64)  not null,
    state        text         not null,
    next_wake_up timestamptz,
    updated_at   timestamptz  not null,
    primary key (route_path, group_id)
);
create index notice_group_wake_idx on notice_group (next_wake_up) where next_wake_up is not null;

-- The latest notice of every finding, so inhibition sees every firing cause without reading every group.
create table current_notice (
    notice_key varchar(255) primary key,
    firing     boolean      not null,
    notice     text         not null,
    updated_at timestamptz  not null
);
create index current_notice_firing_idx on current_notice (notice_key) where firing;
