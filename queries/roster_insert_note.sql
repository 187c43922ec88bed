-- purpose: appends a note to a roster entry, kept verbatim (notes are never edited or merged).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT, $text VARCHAR, $now TIMESTAMP (UTC)
-- returns: id of the new note
INSERT INTO roster_notes (entry_id, text, created_at) VALUES ($id, $text, $now) RETURNING id
