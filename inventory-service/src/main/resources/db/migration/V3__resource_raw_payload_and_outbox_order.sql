-- The payload as the source sent it, for the REST detail view (null where the source sent none).
alter table resource add column raw_payload jsonb;

-- Events of one transaction leave in the order they were written (a ResourceDeleted before its tombstone),
-- which a timestamp cannot promise.
alter table outbox_event add column seq bigserial;
create index outbox_event_seq_idx on outbox_event (seq);
drop index outbox_event_created_idx;
