-- The agents table pages machines longest silent first, over all machines or one subscription's. Without these, each
-- page sorts every heartbeat row (a million at the scale estate). split_part(resource_key, '/', 3) is the
-- subscription ID of the lower-cased ARM ID /subscriptions/<id>/...; an equality on it, unlike a LIKE prefix or a
-- range, does not depend on the database's collation. The predicate is the agents query's own, so both stay partial.
create index agent_heartbeat_silent_idx on agent_heartbeat (greatest(last_ama, last_legacy), resource_key)
    where last_ama is not null or last_legacy is not null;
create index agent_heartbeat_subscription_silent_idx
    on agent_heartbeat (split_part(resource_key, '/', 3), greatest(last_ama, last_legacy), resource_key)
    where last_ama is not null or last_legacy is not null;
