-- purpose: a new roster entry at its first stage, created and updated at $now.
-- database: the roster file (microlens/roster.py), not a session database
-- params: $influencer VARCHAR, $platform VARCHAR (as typed, for display), $influencer_key VARCHAR,
--         $platform_key VARCHAR (for matching: microlens.roster.match_key), $stage VARCHAR (one of roster.STAGES),
--         $now TIMESTAMP (UTC)
-- returns: id of the new entry
INSERT INTO roster_entries (influencer, platform, influencer_key, platform_key, stage, created_at, updated_at)
VALUES ($influencer, $platform, $influencer_key, $platform_key, $stage, $now, $now)
RETURNING id
