-- The assigning authority of the event's MRN (PID-3.4), so that HL7 results written back carry
-- the MRN as the source identified it. Null when the source gave none (CSV, a bare PID-3.1).
ALTER TABLE appointment_event ADD COLUMN mrn_authority VARCHAR;
