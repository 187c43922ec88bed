-- purpose: per file, its rows that repeat a post or an order counted from another row (posts: same account,
--          platform and post id or link; orders: same order id, code, date and amounts; microlens.repeats keeps one
--          copy), and the files holding the copies that count, so the Data page and the Overview say why a file's
--          loaded rows are more than its posts or orders in the numbers.
-- params: none
-- returns: source_file, kind, rows_repeated, kept_in (file names, alphabetically)
SELECT l.source_file, l.kind, count(*) AS rows_repeated,
       list(DISTINCT k.source_file ORDER BY k.source_file) AS kept_in
FROM repeated_posts r
JOIN loads l ON l.data_table = r.data_table
JOIN loads k ON k.data_table = r.kept_table
GROUP BY l.source_file, l.kind, l.loaded_at
ORDER BY l.loaded_at, l.source_file
