-- purpose: deletes a roster entry (roster_delete_entry_notes/_tags/_stage_changes.sql delete what hangs off it, in
--          the same transaction).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT
-- returns: id (no row when there is no entry $id)
DELETE FROM roster_entries WHERE id = $id RETURNING id
