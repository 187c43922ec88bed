-- purpose: every roster entry with its stored match keys, oldest first, for re-keying under new rules.
-- database: the roster file (microlens/roster.py), not a session database
-- params: none
-- returns: id, influencer, platform (as typed), influencer_key, platform_key (as stored), stage, updated_at,
--          staged_at (when the entry last changed stage: a note or a tag moves updated_at, not the stage)
SELECT e.id, e.influencer, e.platform, e.influencer_key, e.platform_key, e.stage, e.updated_at,
       coalesce((SELECT max(c.changed_at) FROM roster_stage_changes c WHERE c.entry_id = e.id), e.created_at)
           AS staged_at
FROM roster_entries e
ORDER BY e.id
