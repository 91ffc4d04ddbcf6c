-- The patient each appointment belongs to: the patient of its first stored event. An event whose appointment id
-- is already here for another patient is never stored under it (some feeds send one id for every case, e.g. ORSOS's
-- SCH-1 'ADS'): it is a rejection with a reason, category APPOINTMENT_CONFLICT. The primary key decides between
-- two writers that store the first event of one appointment at the same time.
CREATE TABLE appointment_patient (
    appointment_key VARCHAR     NOT NULL,
    patient_id      VARCHAR(64),
    mrn             VARCHAR,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_appointment_patient PRIMARY KEY (appointment_key)
);
INSERT INTO appointment_patient (appointment_key, patient_id, mrn, created_at)
SELECT e.appointment_key, e.patient_id, e.mrn, e.received_at FROM appointment_event e
WHERE e.id = (SELECT MIN(f.id) FROM appointment_event f WHERE f.appointment_key = e.appointment_key);

-- What kind of rejection a row is, where something must find them again (an alert); null for the others.
ALTER TABLE rejection ADD COLUMN category VARCHAR(40);
CREATE INDEX ix_rejection_category ON rejection (category, id);
