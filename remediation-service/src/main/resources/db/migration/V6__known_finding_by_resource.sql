-- A finding that resolves or turns excluded plans its machine's other open findings again, found by resource ID:
-- without this index each was a scan of every finding ever reported.
create index known_finding_resource_idx on known_finding (lower(finding ->> 'resourceId')) where open;
