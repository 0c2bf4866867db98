-- The audit trail names people by their token: the subject (actor) and the display name.
alter table remediation_audit add column actor_name varchar(256);
