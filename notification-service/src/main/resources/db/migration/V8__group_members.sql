-- A group's notices as rows of their own, each with whether the group's last message told it firing; notice_group.state
-- keeps the rest of the group's state (its key, run, last message and sequence) with no notices. A join writes the
-- rows of its own notices and the group's row for its wake-up, and a flush writes the rows it changed: each read and
-- wrote the whole group before, megabytes for an outage's thousands of notices, behind the group's row lock
-- (docs/benchmarks.md, detection).
create table notice_group_member (
    route_path  varchar(512) not null,
    group_id    varchar(64)  not null,
    notice_identity text     not null,
    firing      boolean      not null,
    told_firing boolean      not null,
    notice      text         not null,
    primary key (route_path, group_id, notice_identity),
    foreign key (route_path, group_id) references notice_group (route_path, group_id) on delete cascade
);

insert into notice_group_member (route_path, group_id, notice_identity, firing, told_firing, notice)
select g.route_path,
       g.group_id,
       n.key,
       coalesce((n.value ->> 'firing')::boolean, false),
       coalesce((g.state::jsonb -> 'notifiedFiring') @> jsonb_build_array(n.key), false),
       n.value::text
from notice_group g,
     jsonb_each(coalesce(g.state::jsonb -> 'notices', '{}'::jsonb)) as n(key, value);

update notice_group set state = (state::jsonb - 'notices' - 'notifiedFiring')::text;
