-- purpose: gives entry $into the tags of entry $from it lacks (two entries found to be one influencer are merged;
--          roster_delete_entry_tags.sql then drops $from's).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $from BIGINT, $into BIGINT
-- returns: nothing
INSERT INTO roster_tags (entry_id, tag, added_at)
SELECT $into, tag, added_at FROM roster_tags WHERE entry_id = $from
ON CONFLICT DO NOTHING
