-- purpose: moves a roster entry to a stage (roster_log_stage.sql records the change, in the same transaction).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT, $stage VARCHAR (one of roster.STAGES), $now TIMESTAMP (UTC)
-- returns: id (no row when there is no entry $id)
UPDATE roster_entries SET stage = $stage, updated_at = $now WHERE id = $id RETURNING id
