-- purpose: what is loaded, from which file, as which kind; rows read / loaded / rejected per file.
-- params: none
-- returns: source_file, kind, platform, rows_read, rows_loaded, rows_rejected
SELECT source_file, kind, platform, rows_read, rows_loaded, rows_rejected
FROM loads
ORDER BY loaded_at, source_file
