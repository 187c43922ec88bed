-- purpose: why rows were rejected, with counts, per file.
-- params: none
-- returns: source_file, reason, rows
SELECT source_file, reason, count(*) AS rows
FROM rejects
GROUP BY source_file, reason
ORDER BY source_file, rows DESC, reason
