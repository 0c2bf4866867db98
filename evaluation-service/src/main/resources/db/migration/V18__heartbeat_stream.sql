-- How far each partition of coverwatch.inventory.heartbeats has been read and recorded (HeartbeatStream): the
-- instance holding a partition advances its row; silence is judged at the earliest of them, so a machine whose
-- heartbeats are still queued behind a backlog, or on a partition nobody holds, is never found silent.
create table heartbeat_stream (
    stream_partition integer primary key,
    heard_up_to timestamptz not null
);
