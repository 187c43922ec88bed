-- purpose: the rejected rows of one file (or of every file), each with its reasons and its cells as the file gave
--          them, for the download a user fixes them in and uploads again.
-- params: $file VARCHAR (NULL: every file's)
-- returns: source_file, source_row (1 = the first row under the header), reasons ('; '-joined),
--          raw (a JSON object: each header and its cell)
SELECT source_file, source_row, array_to_string(reasons, '; ') AS reasons, raw::VARCHAR AS raw
FROM rejects
WHERE $file IS NULL OR source_file = $file
ORDER BY source_file, source_row
