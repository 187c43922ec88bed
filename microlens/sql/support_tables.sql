-- Bookkeeping tables of a session database: what was loaded from which file, and every rejected row.
CREATE TABLE IF NOT EXISTS loads (
    source_file VARCHAR PRIMARY KEY,   -- the file name as uploaded (unique per session: a re-upload replaces)
    kind VARCHAR,
    platform VARCHAR,
    rows_read BIGINT,
    rows_loaded BIGINT,
    rows_rejected BIGINT,
    mapping JSON,                      -- canonical column -> source header
    headers JSON,
    data_table VARCHAR,                -- the table holding the file's loaded rows (see schema.view_sql)
    loaded_at TIMESTAMP DEFAULT current_timestamp,
    -- parsed rows above each broken line of the file: a row's source_row counts the rows DuckDB parsed, and
    -- its row in the file is source_row + the broken lines above it (ml_file_row)
    broken_above BIGINT[]
);
CREATE TABLE IF NOT EXISTS rejects (
    source_file VARCHAR,
    source_row BIGINT,                 -- data row (1 = first row under the header); line number for broken lines
    reason VARCHAR,                    -- first reason, for counting
    reasons VARCHAR[],
    raw JSON                           -- the row as read, so the user can fix and re-upload it
);
CREATE TABLE IF NOT EXISTS repeated_posts (   -- copies of a post or an order counted from another row (repeats.py)
    kind VARCHAR,
    data_table VARCHAR,                -- the copy's table and rowid, left out of the kind's view
    row_id BIGINT,
    kept_table VARCHAR                 -- the table of the copy that counts
);
CREATE TABLE IF NOT EXISTS repeat_checks (    -- the tables each kind's repeated posts were last found over
    kind VARCHAR PRIMARY KEY,
    data_tables VARCHAR
);
CREATE TABLE IF NOT EXISTS dated_campaigns (   -- posts that name no campaign, counted for a contract by date
    data_table VARCHAR,                -- the post's table and rowid (contract_windows.py)
    row_id BIGINT,
    campaign VARCHAR                   -- the contract's campaign as its sheet spells it
);
