-- Dedup of appointment events, keyed by appointment first.
-- The dedup key is a SHA-256 of the event, feed and appointment id included, so the same dedup key
-- always comes with the same appointment key, and (appointment_key, dedup_key) is unique exactly
-- when dedup_key is. Sources send appointments with ids close to each other (sequential numbers,
-- a file sorted by appointment), so this index is written where it was recently written; an index
-- on the hash alone is written at random places, which costs a B-tree page written back to the
-- file per event once the table is large. The new index also serves look-ups by appointment,
-- so the index on (appointment_key, id) goes.
ALTER TABLE appointment_event ADD CONSTRAINT uq_event_appointment_dedup UNIQUE (appointment_key, dedup_key);
ALTER TABLE appointment_event DROP CONSTRAINT uq_event_dedup;
DROP INDEX ix_event_appointment;
