-- purpose: records that a roster entry reached a stage, for its history (stage changes are only ever added).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT, $stage VARCHAR (one of roster.STAGES), $now TIMESTAMP (UTC)
-- returns: Count (rows inserted: 1), which the caller does not read
INSERT INTO roster_stage_changes (entry_id, stage, changed_at) VALUES ($id, $stage, $now)
