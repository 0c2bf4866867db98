-- Handled event IDs are deleted once past their retention (module inbox), oldest first, in small batches.
create index processed_event_processed_at_idx on processed_event (processed_at);
