-- purpose: why rows were rejected, with counts, per file: the Data page's table and a load's report.
-- params: $file VARCHAR (NULL: every file's)
-- returns: source_file, reason, rows (the commonest reason first within a file, then by reason)
SELECT source_file, reason, count(*) AS rows
FROM rejects
WHERE $file IS NULL OR source_file = $file
GROUP BY source_file, reason
ORDER BY source_file, rows DESC, reason
