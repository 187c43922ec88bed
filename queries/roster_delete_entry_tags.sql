-- purpose: deletes the tags of a roster entry that is being removed (see roster_delete_entry.sql).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT
-- returns: Count (rows deleted), which the caller does not read
DELETE FROM roster_tags WHERE entry_id = $id
