-- purpose: re-keys a roster entry (new match rules) and sets the stage and update time it keeps after a merge.
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT, $influencer_key VARCHAR, $platform_key VARCHAR (microlens.roster.match_key), $stage VARCHAR
--         (one of roster.STAGES), $updated_at TIMESTAMP (UTC)
-- returns: nothing
UPDATE roster_entries
SET influencer_key = $influencer_key, platform_key = $platform_key, stage = $stage, updated_at = $updated_at
WHERE id = $id
