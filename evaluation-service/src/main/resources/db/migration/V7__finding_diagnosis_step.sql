-- The troubleshooting step a machine's walk stopped at travels on each finding as a typed field, so remediation and
-- notification never read it back from the diagnosis text.
alter table finding add column diagnosis_step varchar(32);
