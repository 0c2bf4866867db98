-- The relay claims rows for a round instead of holding them locked in a transaction while the broker answers
-- (OutboxRelay): a claim that lapses (its relay is gone) frees the rows for any relay.
alter table outbox_event add column claimed_until timestamptz;
