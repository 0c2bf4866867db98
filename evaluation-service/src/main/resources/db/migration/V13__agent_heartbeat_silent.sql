-- The agents table of the whole estate, longest silent first, read from an index instead of sorting every machine for
-- its first page (780 ms p99 at a million machines; the console's agents page opens on it). The trade-off left open
-- by V11 is taken: one more index entry per heartbeat row update, whose cost `./bench/run throughput` measures
-- (docs/benchmarks.md). The predicate and the order are the agents query's own.
create index agent_heartbeat_silent_idx
    on agent_heartbeat (greatest(last_ama, last_legacy), resource_key)
    where last_ama is not null or last_legacy is not null;
