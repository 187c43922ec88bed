-- purpose: a roster entry's stage changes and notes, newest first; a note written with a stage change (adding an
--          entry with a note) is listed above it.
-- database: the roster file (microlens/roster.py), not a session database
-- params: $id BIGINT
-- returns: at (UTC), event ('stage' | 'note'), detail (the stage, or the note's text), kind_order, id
SELECT changed_at AS "at", 'stage' AS event, stage AS detail, 0 AS kind_order, id
FROM roster_stage_changes
WHERE entry_id = $id
UNION ALL
SELECT created_at, 'note', text, 1, id
FROM roster_notes
WHERE entry_id = $id
ORDER BY "at" DESC, kind_order DESC, id DESC
