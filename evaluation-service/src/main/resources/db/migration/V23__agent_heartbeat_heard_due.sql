-- The reschedule's own index (issue 17, onboard). AgentHeartbeatStore's reschedule looks for machines whose crossing
-- has come while an AMA heartbeat newer than their schedule was heard, so only machines with a schedule
-- (scheduled_ama set) can be moved. It read agent_heartbeat_due_idx, which also holds every machine due that was never
-- heard: a first sync sights a tenant's machines together, they fall due together one threshold later, and they stay
-- due until the sweep has found each silent. With 40,000 of them due, each call read them all through that index to move
-- none, 9 ms every 250 ms; through this index it reads nothing (0.1 ms). scheduled_ama moves only with the schedule
-- (due_at, already indexed), never with a routine heartbeat, so a routine heartbeat stays a HOT update (V22).
create index agent_heartbeat_heard_due_idx on agent_heartbeat (due_at) where scheduled_ama is not null;
