-- The patient's zone of a planned call (the one its spoken start time and calling window use), kept as a column
-- instead of being read back out of extended_json. Null for calls that were never planned (SKIPPED) and for rows
-- whose JSON holds no readable zone; those are read from the JSON, as before.
ALTER TABLE planned_call ADD COLUMN patient_zone VARCHAR(64);
-- Backfill from the compact JSON the planner writes, {"appointment":{...,"timezone":"Europe/Paris"}}: the text after
-- "timezone":" up to the next quote (a zone id holds no quote). Portable string functions only (H2 and PostgreSQL);
-- 12 is the length of "timezone":" and a value of more than 64 characters is left to the JSON.
UPDATE planned_call
SET patient_zone = SUBSTRING(extended_json FROM POSITION('"timezone":"' IN extended_json) + 12
        FOR POSITION('"' IN SUBSTRING(extended_json FROM POSITION('"timezone":"' IN extended_json) + 12)) - 1)
WHERE POSITION('"timezone":"' IN extended_json) > 0
  AND POSITION('"' IN SUBSTRING(extended_json FROM POSITION('"timezone":"' IN extended_json) + 12)) BETWEEN 2 AND 65;
