-- purpose: every roster entry with its stored match keys, oldest first, for re-keying under new rules.
-- database: the roster file (microlens/roster.py), not a session database
-- params: none
-- returns: id, influencer, platform (as typed), influencer_key, platform_key (as stored), stage, updated_at
SELECT id, influencer, platform, influencer_key, platform_key, stage, updated_at
FROM roster_entries
ORDER BY id
