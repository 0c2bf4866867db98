-- The resource's tags travel on each finding, so notification can route and group alerts by them.
alter table finding add column resource_tags jsonb;
