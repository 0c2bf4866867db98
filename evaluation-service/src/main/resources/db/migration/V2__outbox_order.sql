-- Events of one transaction leave in the order they were written, which a timestamp cannot promise.
alter table outbox_event add column seq bigserial;
create index outbox_event_seq_idx on outbox_event (seq);
drop index outbox_event_created_idx;
