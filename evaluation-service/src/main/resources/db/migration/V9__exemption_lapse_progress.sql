-- How far lapsed exemptions have been looked at: one row every instance shares (and locks while it looks), so each
-- lapse is re-evaluated once however many instances run. It starts a minute back, as the in-memory mark did.
create table exemption_lapse_progress (
    id           smallint    primary key check (id = 1),
    looked_up_to timestamptz not null
);
insert into exemption_lapse_progress (id, looked_up_to) values (1, now() - interval '1 minute');
