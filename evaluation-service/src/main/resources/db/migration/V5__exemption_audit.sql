-- Audit by identity: who made an exemption and who withdrew it, as their tokens name them (subject and display
-- name). A withdrawn exemption stays, so the record of it does. Exemptions made before sign-in carry the name their
-- caller typed, in both columns.
alter table exemption add column created_by_name varchar(256);
update exemption set created_by_name = created_by;
alter table exemption add column withdrawn_at timestamptz;
alter table exemption add column withdrawn_by varchar(256);
alter table exemption add column withdrawn_by_name varchar(256);
