-- Coverage is counted by the database, per subscription, type and production tag, so a report never loads the
-- estate into memory (a million resources do not fit a service's heap). The flag is set by the service from the
-- domain rule (CoverageReport.productionTagged); this backfill applies the same rule once to the rows already here.
alter table evaluated_resource add column production_tagged boolean not null default false;
update evaluated_resource set production_tagged = true where exists (
    select 1 from jsonb_each_text(state -> 'tags') as tag
    where lower(tag.key) in ('environment', 'env') and lower(tag.value) in ('prod', 'production'));
-- Covers the coverage count (an index-only scan) and, by its prefix, the per-subscription queries of the old index.
create index evaluated_resource_coverage_idx on evaluated_resource (subscription_id, resource_type, production_tagged);
drop index evaluated_resource_subscription_type_idx;
