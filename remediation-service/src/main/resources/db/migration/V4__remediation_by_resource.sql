-- Every resource event (a description or a deletion) and every reinstall decision looks remediations up by the
-- resource's ARM ID, compared case-insensitively as Azure does: without this index each was a scan of the table.
create index remediation_resource_idx on remediation (lower(resource_id), status);
