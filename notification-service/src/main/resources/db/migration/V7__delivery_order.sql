-- A channel gets a group's messages in the order they were decided: the delivery's id is that order (a group's
-- decisions are taken one after another under its row lock), and group_id says which messages share it. Rows stored
-- before this knew no group; they share one per channel, so they stay in the order they were stored.
alter table delivery add column group_id varchar(64);
update delivery set group_id = 'stored-before-ordering';
alter table delivery alter column group_id set not null;
create index delivery_undelivered_group_idx on delivery (channel_id, group_id, id) where status in ('PENDING', 'SENDING');
