-- The agents table of one subscription, longest silent first, read from an index instead of sorting every machine.
-- split_part(resource_key, '/', 3) is the subscription ID of the lower-cased ARM ID /subscriptions/<id>/...; an
-- equality on it, unlike a LIKE prefix or a range, does not depend on the database's collation. The predicate is the
-- agents query's own, so the planner may use the partial index. It is one more index entry per heartbeat row update
-- (those updates are not HOT already: due_at, which is indexed, changes with most heartbeats); the whole-estate order
-- gets no index of its own for that reason (docs/benchmarks.md, scale).
create index agent_heartbeat_subscription_silent_idx
    on agent_heartbeat (split_part(resource_key, '/', 3), greatest(last_ama, last_legacy), resource_key)
    where last_ama is not null or last_legacy is not null;
