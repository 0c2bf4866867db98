-- The source's payload is kept as the text it arrived in, not as jsonb: nothing queries inside it (the detail view
-- reads it back whole), and the service writes only JSON it has just serialized itself, so jsonb's parse on every
-- write (a first sighting, and every full sync's rewrite of the row) bought nothing. Inserting 100,000 rows of a 2 KB
-- Resource Graph row and a 1 KB state took 4.7 s with both as jsonb and 2.0 s with the payload as text (PostgreSQL 15
-- alone on this machine); in the onboard bench the resource upsert's statement time fell by 8 % (docs/benchmarks.md).
-- The state stays jsonb: listings filter on its tags.
alter table resource alter column raw_payload type text using raw_payload::text;
