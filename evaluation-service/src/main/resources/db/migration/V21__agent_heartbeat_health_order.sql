-- The agents table in one index: each state's machines in the longest-silent order, healthy ones included. A page of
-- healthy machines read V13's whole-estate order past the 20,000 silent machines at its front (127 ms p50 at the scale
-- estate); a page of every state now merges the first rows of each state's range (AgentHeartbeatStore.page). A
-- heartbeat row update maintains one entry in it, as it did in V13's index, which it replaces with V15's: healthy
-- machines' heartbeats cost what they did, the others' one entry less.
drop index agent_heartbeat_silent_idx;
drop index agent_heartbeat_health_idx;
create index agent_heartbeat_health_silent_idx
    on agent_heartbeat (health, greatest(last_ama, last_legacy), resource_key)
    where last_ama is not null or last_legacy is not null;
