-- Webhook URLs and signing secrets are stored sealed (AES-256-GCM, see SecretSeal), which is longer than the text
-- itself. Rows from before hold the plain text: ChannelSecrets seals them at the next start.
alter table channel alter column url type text;
alter table channel alter column signing_secret type text;

-- Who silenced and who lifted a silence, as their tokens name them (subject and display name). Silences from before
-- sign-in carry the name their caller typed, in both columns.
alter table silence add column created_by_name varchar(255);
update silence set created_by_name = created_by;
alter table silence add column expired_by varchar(255);
alter table silence add column expired_by_name varchar(255);

-- Every change made through the API, by whom.
create table audit_entry (
    id      bigserial    primary key,
    at      timestamptz  not null,
    subject varchar(255) not null,
    name    varchar(255),
    action  varchar(64)  not null,
    target  varchar(512) not null
);
create index audit_entry_at_idx on audit_entry (at desc, id desc);
