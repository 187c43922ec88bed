-- purpose: drops a roster entry's tags that are not in $tags (then roster_add_tags.sql adds the missing ones, so the
--          entry ends with exactly $tags and the tags it keeps keep their added_at).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT, $tags VARCHAR[] (as microlens.roster.clean_tags leaves them)
-- returns: Count (tags dropped), which the caller does not read
DELETE FROM roster_tags
WHERE entry_id = $id AND NOT list_contains($tags::VARCHAR[], tag)
