-- Every statement can run again (IF [NOT] EXISTS, updates that repeat): H2 commits each DDL statement, so a stop in the
-- middle leaves part of the script applied and the next start runs all of it again.
-- Reminder programs: an appointment event plans one call per touchpoint and retry, so a planned call is keyed by
-- (event, touchpoint, attempt). touchpoint -1 marks a decision about the whole event (a cancel, a skip), which no
-- later event of the same start counts as a touchpoint already handled.
ALTER TABLE planned_call ADD COLUMN IF NOT EXISTS touchpoint INT DEFAULT 0 NOT NULL;
ALTER TABLE planned_call ADD COLUMN IF NOT EXISTS attempt INT DEFAULT 0 NOT NULL;
-- the start of the appointment the call was planned for: a reschedule starts the program again
ALTER TABLE planned_call ADD COLUMN IF NOT EXISTS appointment_start TIMESTAMP WITH TIME ZONE;
-- the class of the ended call (confirmed, declined, reschedule-requested, opted-out, reached, unreached)
ALTER TABLE planned_call ADD COLUMN IF NOT EXISTS outcome VARCHAR(30);
ALTER TABLE planned_call ADD COLUMN IF NOT EXISTS ended_at TIMESTAMP WITH TIME ZONE;
-- when the planner looks at the appointment again: the next touchpoint, or a result that arrived
ALTER TABLE planned_call ADD COLUMN IF NOT EXISTS followup_at TIMESTAMP WITH TIME ZONE;
-- the foreign key goes first: H2 keeps the unique index under it otherwise
ALTER TABLE planned_call DROP CONSTRAINT IF EXISTS fk_planned_event;
ALTER TABLE planned_call DROP CONSTRAINT IF EXISTS uq_planned_event;
CREATE UNIQUE INDEX IF NOT EXISTS uq_planned_step ON planned_call (event_id, touchpoint, attempt);
ALTER TABLE planned_call ADD CONSTRAINT fk_planned_event FOREIGN KEY (event_id) REFERENCES appointment_event (id);
CREATE INDEX IF NOT EXISTS ix_planned_followup ON planned_call (followup_at);
CREATE INDEX IF NOT EXISTS ix_planned_patient ON planned_call (patient_id);
UPDATE planned_call SET touchpoint = -1 WHERE state = 'SKIPPED';
-- a call placed before reminder programs existed completes its appointment's program: its answer was never
-- classified, so no later touchpoint may follow it for the same appointment time (a reschedule starts a new one)
UPDATE planned_call SET touchpoint = 999 WHERE touchpoint = 0
    AND state IN ('SENDING', 'POSTED', 'WITHDRAWING', 'NOT_WITHDRAWN', 'WITHDRAWN', 'REJECTED');
UPDATE planned_call SET appointment_start = (SELECT e.start_at FROM appointment_event e WHERE e.id = planned_call.event_id);

-- Patients who asked not to be called again (a call classified opted-out), until an operator removes them.
CREATE TABLE IF NOT EXISTS do_not_call (
    patient_id VARCHAR(64)              NOT NULL PRIMARY KEY,
    call_id    VARCHAR(64),
    reason     VARCHAR                  NOT NULL,
    added_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
