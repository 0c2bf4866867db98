-- The agents' state moves into agent_heartbeat, beside the longest-silent order it is filtered in: joined from its own
-- table (V14), the planner could not tell that silent machines sit at the front of that order, and read 20,000 states
-- to sort them for a page of silent machines (216 ms p50 at a million machines). Every state but HEALTHY gets an index
-- in the order the table shows; healthy machines, which heartbeat a million times a minute, are left out of it, so
-- their heartbeats maintain no more index entries than before. A page of healthy machines walks the longest-silent
-- order past the others.
alter table agent_heartbeat add column health varchar(32);
update agent_heartbeat h set health = s.health from agent_health s where s.resource_key = h.resource_key;
drop table agent_health;
create index agent_heartbeat_health_idx
    on agent_heartbeat (health, greatest(last_ama, last_legacy), resource_key)
    where health <> 'HEALTHY' and (last_ama is not null or last_legacy is not null);
