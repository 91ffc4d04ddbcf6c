-- The patient's preferred language as the source coded it (HL7 PID-15, the CSV language column), trimmed and
-- lower-cased, for reminder rules that match on it. Null for events stored before it was read and when the source
-- gave none. Not part of the dedup key.
ALTER TABLE appointment_event ADD COLUMN IF NOT EXISTS language VARCHAR;
