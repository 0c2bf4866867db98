-- The open findings of each resource, counted per severity and with how many of them say the machine is not
-- monitored, kept by the database as findings open, change and resolve, so that the findings summary (the console's
-- overview) adds up one narrow row per resource with open findings instead of counting the open findings' index entries
-- per severity and sorting the not-monitored machines to count them once each (76 ms p50 at the scale estate, the
-- overview's slowest part).
--
-- A row per resource, not per subscription: only the transaction that holds a resource's evaluation lock writes its
-- findings (FindingLedger), so no two transactions ever wait for one tally row, and a burst of silent machines in one
-- subscription, settled by two sweeps at once, does not queue on a shared counter. A resource's row is deleted when
-- its last open finding closes, so the table holds the resources with something open.
create table finding_tally (
    resource_key    varchar(1024) primary key,
    subscription_id varchar(64),
    high            bigint not null,
    medium          bigint not null,
    low             bigint not null,
    not_monitored   bigint not null
);
create index finding_tally_subscription_idx on finding_tally (subscription_id);

insert into finding_tally (resource_key, subscription_id, high, medium, low, not_monitored)
select lower(resource_id), min(subscription_id),
       count(*) filter (where severity = 'HIGH'), count(*) filter (where severity = 'MEDIUM'),
       count(*) filter (where severity = 'LOW'), count(*) filter (where not_monitored)
from finding
where status = 'OPEN'
group by lower(resource_id);

-- The net change of one statement's open findings per resource, written with one upsert for however many rows it
-- touched, in key order; nothing when a finding's update leaves its status, severity and what it says of monitoring as
-- they were (each evaluation writes last_seen). An insert has no old rows and a delete no new ones, so each trigger
-- gathers the open findings its statement moved and finding_tally_add adds them up. The schema is fixed
-- when the functions are made (the migration's), as resource_count_change's is (V12).
create function finding_tally_add(moved_key varchar[], moved_subscription varchar[], moved_severity varchar[],
                                  moved_not_monitored boolean[], moved_delta integer[])
    returns void language plpgsql set search_path from current as $$
declare
    emptied varchar[];
begin
    with change as (
        select lower(resource_id) as resource_key, min(subscription_id) as subscription_id,
               coalesce(sum(delta) filter (where severity = 'HIGH'), 0) as high,
               coalesce(sum(delta) filter (where severity = 'MEDIUM'), 0) as medium,
               coalesce(sum(delta) filter (where severity = 'LOW'), 0) as low,
               coalesce(sum(delta) filter (where not_monitored), 0) as not_monitored
        from unnest(moved_key, moved_subscription, moved_severity, moved_not_monitored, moved_delta)
            as moved (resource_id, subscription_id, severity, not_monitored, delta)
        group by lower(resource_id)
    ),
    applied as (
        insert into finding_tally as t (resource_key, subscription_id, high, medium, low, not_monitored)
        select resource_key, subscription_id, high, medium, low, not_monitored
        from change
        where high <> 0 or medium <> 0 or low <> 0 or not_monitored <> 0
        order by resource_key
        on conflict (resource_key) do update
            set high = t.high + excluded.high, medium = t.medium + excluded.medium, low = t.low + excluded.low,
                not_monitored = t.not_monitored + excluded.not_monitored
        returning t.resource_key, t.high + t.medium + t.low as open
    )
    select array_agg(resource_key) into emptied from applied where open = 0;
    -- A separate statement: one statement cannot delete the rows its own upsert wrote.
    if emptied is not null then
        delete from finding_tally where resource_key = any(emptied) and high + medium + low = 0;
    end if;
end
$$;

create function finding_tally_change() returns trigger language plpgsql set search_path from current as $$
declare
    moved record;
begin
    if tg_op = 'INSERT' then
        select array_agg(resource_id) as k, array_agg(subscription_id) as s, array_agg(severity) as v,
               array_agg(not_monitored) as n, array_agg(1) as d
        into moved from new_rows where status = 'OPEN';
    elsif tg_op = 'DELETE' then
        select array_agg(resource_id) as k, array_agg(subscription_id) as s, array_agg(severity) as v,
               array_agg(not_monitored) as n, array_agg(-1) as d
        into moved from old_rows where status = 'OPEN';
    else
        select array_agg(resource_id) as k, array_agg(subscription_id) as s, array_agg(severity) as v,
               array_agg(not_monitored) as n, array_agg(delta) as d
        into moved from (
            select resource_id, subscription_id, severity, not_monitored, -1 as delta from old_rows where status = 'OPEN'
            union all
            select resource_id, subscription_id, severity, not_monitored, 1 from new_rows where status = 'OPEN'
        ) as changed;
    end if;
    if moved.k is not null then
        perform finding_tally_add(moved.k, moved.s, moved.v, moved.n, moved.d);
    end if;
    return null;
end
$$;

create trigger finding_tally_insert after insert on finding
    referencing new table as new_rows for each statement execute function finding_tally_change();
create trigger finding_tally_update after update on finding
    referencing old table as old_rows new table as new_rows for each statement execute function finding_tally_change();
create trigger finding_tally_delete after delete on finding
    referencing old table as old_rows for each statement execute function finding_tally_change();
