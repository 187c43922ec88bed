-- The roster file's tables (microlens/roster.py runs this whenever it opens a roster; IF NOT EXISTS keeps what is
-- there). Ids come from sequences in the file and the file admits one writer at a time, so id order is the order
-- rows were written, even across processes.
CREATE SEQUENCE IF NOT EXISTS roster_entry_ids START 1;
CREATE SEQUENCE IF NOT EXISTS roster_note_ids START 1;
CREATE SEQUENCE IF NOT EXISTS roster_stage_change_ids START 1;
-- influencer_key/platform_key make "@Ana" on "Instagram" and "ana" on "instagram" one entry.
CREATE TABLE IF NOT EXISTS roster_entries (
    id BIGINT PRIMARY KEY DEFAULT nextval('roster_entry_ids'),
    influencer VARCHAR NOT NULL,
    platform VARCHAR NOT NULL,
    influencer_key VARCHAR NOT NULL,
    platform_key VARCHAR NOT NULL,
    stage VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (influencer_key, platform_key)
);
CREATE TABLE IF NOT EXISTS roster_notes (
    id BIGINT PRIMARY KEY DEFAULT nextval('roster_note_ids'),
    entry_id BIGINT NOT NULL,
    text VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS roster_tags (
    entry_id BIGINT NOT NULL,
    tag VARCHAR NOT NULL,
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, tag)
);
CREATE TABLE IF NOT EXISTS roster_stage_changes (
    id BIGINT PRIMARY KEY DEFAULT nextval('roster_stage_change_ids'),
    entry_id BIGINT NOT NULL,
    stage VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL
);
-- The rules match keys were made under (roster.KEY_RULES); no row = the first rules, from before keys were made by
-- ingest's own macros (a profile address typed as the handle was keyed as typed).
CREATE TABLE IF NOT EXISTS roster_key_rules (
    version INTEGER NOT NULL
);
