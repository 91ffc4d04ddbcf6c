-- The patient each appointment belongs to: the patient of its first stored event, which carries the appointment key
-- in owner_key (every later event of the appointment has null there). An event whose appointment id is already
-- stored for another patient is never stored under it (some feeds send one id for every case, e.g. ORSOS's SCH-1
-- 'ADS'): it is a rejection with a reason, category APPOINTMENT_CONFLICT. The unique constraint decides between two
-- writers that store the first event of one appointment at the same time (nulls never collide, on both databases).
ALTER TABLE appointment_event ADD COLUMN owner_key VARCHAR;
UPDATE appointment_event SET owner_key = appointment_key
WHERE id IN (SELECT MIN(f.id) FROM appointment_event f GROUP BY f.appointment_key);
ALTER TABLE appointment_event ADD CONSTRAINT uq_event_owner UNIQUE (owner_key);

-- What kind of rejection a row is, where something must find them again (an alert); null for the others.
ALTER TABLE rejection ADD COLUMN category VARCHAR(40);
CREATE INDEX ix_rejection_category ON rejection (category, id);
