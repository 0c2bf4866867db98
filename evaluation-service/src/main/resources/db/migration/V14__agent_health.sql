-- The state of each machine's agents as its last evaluation found it (healthy, AMA down, powered off, …), so the agents
-- table can show and filter it from the database: reckoning it per row from heartbeats, power state, Arc status and
-- the threshold took six lookups a machine, and a filter by state could not be an index. Written only by an evaluation,
-- under the machine's evaluation lock, so it is the same state the findings were settled on; a table of its own keeps
-- the heartbeat path's writes (a million row updates a minute) free of it.
create table agent_health (
    resource_key varchar(1024) primary key,
    health       varchar(32)   not null
);
-- Rare states (legacy agent, Arc disconnected) are found through this index instead of a walk down the whole estate.
create index agent_health_health_idx on agent_health (health);

-- Machines evaluated before this version have no state yet: the staleness sweep looks at each of them once.
update agent_heartbeat set due_at = now() where due_at is null or due_at > now();
