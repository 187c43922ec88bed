-- purpose: gives a roster entry those of $tags it lacks; a tag it already has keeps its added_at.
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT, $tags VARCHAR[] (as microlens.roster.clean_tags leaves them), $now TIMESTAMP (UTC)
-- returns: Count (tags added), which the caller does not read
INSERT INTO roster_tags (entry_id, tag, added_at)
SELECT $id, unnest($tags::VARCHAR[]), $now
ON CONFLICT DO NOTHING
