-- purpose: a roster entry's notes, newest first (note ids follow the order notes were written).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT
-- returns: id, text, created_at (UTC)
SELECT id, text, created_at
FROM roster_notes
WHERE entry_id = $id
ORDER BY id DESC
