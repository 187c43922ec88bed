-- purpose: the roster, one row per entry at one of $stages, in pipeline order then by influencer and platform.
--          Note ids follow the order notes were written (microlens/sql/roster_schema.sql), so the latest note is the
--          one with the highest id.
-- database: the roster file (microlens/roster.py), not a session database
-- params: $stages VARCHAR[] (the stages to show), $stage_order VARCHAR[] (every stage in pipeline order: roster.STAGES)
-- returns: id, influencer, platform, stage, tags (', '-joined, sorted; '' for none), latest_note ('' for none),
--          notes (every note newest first, one 'YYYY-MM-DD HH:MM UTC: text' per line), note_count, updated_at,
--          created_at (UTC)
WITH tags AS (
    SELECT entry_id, string_agg(tag, ', ' ORDER BY tag) AS tags
    FROM roster_tags
    GROUP BY entry_id
),
notes AS (
    SELECT entry_id,
           arg_max(text, id) AS latest_note,
           string_agg(strftime(created_at, '%Y-%m-%d %H:%M UTC') || ': ' || text, chr(10) ORDER BY id DESC) AS notes,
           count(*) AS note_count
    FROM roster_notes
    GROUP BY entry_id
)
SELECT e.id, e.influencer, e.platform, e.stage,
       coalesce(t.tags, '') AS tags,
       coalesce(n.latest_note, '') AS latest_note,
       coalesce(n.notes, '') AS notes,
       coalesce(n.note_count, 0) AS note_count,
       e.updated_at, e.created_at
FROM roster_entries e
LEFT JOIN tags t ON t.entry_id = e.id
LEFT JOIN notes n ON n.entry_id = e.id
WHERE list_contains($stages::VARCHAR[], e.stage)
ORDER BY list_position($stage_order::VARCHAR[], e.stage), lower(e.influencer), lower(e.platform)
