-- purpose: marks a roster entry updated when something about it changes (a note, its tags, a re-add), and says in
--          the same statement whether the entry exists.
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT, $now TIMESTAMP (UTC)
-- returns: id (no row when there is no entry $id)
UPDATE roster_entries SET updated_at = $now WHERE id = $id RETURNING id
