-- WITHDRAWING: a posted call whose appointment was cancelled or moved while the Calls API could not hang it up yet
-- (queued or scheduled); it is watched and hung up as soon as it starts. Not live: it holds no live_key.
ALTER TABLE planned_call DROP CONSTRAINT ck_planned_state;
ALTER TABLE planned_call ADD CONSTRAINT ck_planned_state CHECK (state IN ('PENDING', 'BATCHED', 'SENDING', 'POSTED',
    'CANCELLED', 'SKIPPED', 'REJECTED', 'WITHDRAWN', 'WITHDRAWING', 'NOT_WITHDRAWN', 'SUPERSEDED'));
