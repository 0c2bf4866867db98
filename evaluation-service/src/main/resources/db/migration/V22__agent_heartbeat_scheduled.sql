-- A routine heartbeat becomes a HOT update (issue 17, throughput). Until now every heartbeat changed three indexed
-- values of its row (due_at, and last_ama or last_legacy inside both agents-list indexes), so each one wrote a new row
-- version and an entry in all four indexes: about 30 µs of the database's CPU per heartbeat, the wall of the heartbeat
-- path. Now the indexes read a copy of the last heartbeats taken when the machine's schedule was last set
-- (scheduled_ama, scheduled_legacy): a heartbeat that changes nothing the sweep must act on updates only last_ama or
-- last_legacy, which no index reads any more, so PostgreSQL rewrites the row in its own page and no index (a HOT
-- update; fillfactor leaves the room for it). The schedule and the copy move together when the heartbeat changes the
-- machine's state (first heartbeat, after a silence, while not watched), when the sweep evaluates it, and when its
-- scheduled crossing comes while newer heartbeats have been heard (AgentHeartbeatStore.reschedule): once per machine
-- per threshold, not once per heartbeat. The agents list is ordered by the copy: a silent machine's is exact (it sends
-- nothing newer), a healthy one's place may be up to the threshold old; its last heartbeats shown are exact.
alter table agent_heartbeat add column scheduled_ama timestamptz;
alter table agent_heartbeat add column scheduled_legacy timestamptz;
update agent_heartbeat set scheduled_ama = last_ama, scheduled_legacy = last_legacy;
alter table agent_heartbeat set (fillfactor = 80);

drop index agent_heartbeat_subscription_silent_idx;
drop index agent_heartbeat_health_silent_idx;
create index agent_heartbeat_subscription_silent_idx
    on agent_heartbeat (split_part(resource_key, '/', 3), greatest(scheduled_ama, scheduled_legacy), resource_key)
    where scheduled_ama is not null or scheduled_legacy is not null;
create index agent_heartbeat_health_silent_idx
    on agent_heartbeat (health, greatest(scheduled_ama, scheduled_legacy), resource_key)
    where scheduled_ama is not null or scheduled_legacy is not null;
