-- The estate counted per subscription, type and production tag, kept by the database as resources come and go, so
-- that coverage and the secure score read a few thousand counters instead of counting a million index entries on
-- every request (0.25-0.4 s at a million resources; the console's overview asks for both).
--
-- Statement-level triggers with transition tables: one upsert of the net change per statement, however many rows it
-- touched (the bench's COPY of 20,000 rows as well), and nothing when a resource's update leaves its subscription,
-- type and tag as they were. Rows are upserted in key order, so two transactions never take counter locks in
-- opposite orders; evaluation writes resources one record at a time, so a counter row's lock is held for one short
-- transaction.
create table resource_count (
    subscription_id   varchar(64)  not null,
    resource_type     varchar(256) not null,
    production_tagged boolean      not null,
    resources         bigint       not null,
    primary key (subscription_id, resource_type, production_tagged)
);

insert into resource_count (subscription_id, resource_type, production_tagged, resources)
select subscription_id, resource_type, production_tagged, count(*)
from evaluated_resource
where subscription_id is not null
group by subscription_id, resource_type, production_tagged;

-- The counters' schema is fixed when the function is made (the migration's): a client that writes evaluated_resource
-- by its qualified name under another search path (the bench's COPY) still counts into this schema's table.
create function resource_count_change() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op = 'INSERT' then
        insert into resource_count as c (subscription_id, resource_type, production_tagged, resources)
        select subscription_id, resource_type, production_tagged, count(*)
        from new_rows where subscription_id is not null
        group by subscription_id, resource_type, production_tagged
        order by subscription_id, resource_type, production_tagged
        on conflict (subscription_id, resource_type, production_tagged)
        do update set resources = c.resources + excluded.resources;
    elsif tg_op = 'UPDATE' then
        insert into resource_count as c (subscription_id, resource_type, production_tagged, resources)
        select subscription_id, resource_type, production_tagged, sum(delta)
        from (
            select subscription_id, resource_type, production_tagged, -1 as delta from old_rows
            union all
            select subscription_id, resource_type, production_tagged, 1 from new_rows
        ) as change
        where subscription_id is not null
        group by subscription_id, resource_type, production_tagged
        having sum(delta) <> 0
        order by subscription_id, resource_type, production_tagged
        on conflict (subscription_id, resource_type, production_tagged)
        do update set resources = c.resources + excluded.resources;
    else
        insert into resource_count as c (subscription_id, resource_type, production_tagged, resources)
        select subscription_id, resource_type, production_tagged, -count(*)
        from old_rows where subscription_id is not null
        group by subscription_id, resource_type, production_tagged
        order by subscription_id, resource_type, production_tagged
        on conflict (subscription_id, resource_type, production_tagged)
        do update set resources = c.resources + excluded.resources;
    end if;
    return null;
end
$$;

create trigger resource_count_insert after insert on evaluated_resource
    referencing new table as new_rows for each statement execute function resource_count_change();
create trigger resource_count_update after update on evaluated_resource
    referencing old table as old_rows new table as new_rows for each statement execute function resource_count_change();
create trigger resource_count_delete after delete on evaluated_resource
    referencing old table as old_rows for each statement execute function resource_count_change();
