-- purpose: records that every entry's match keys now follow rules $version (microlens.roster.KEY_RULES).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $version INTEGER
-- returns: nothing
INSERT INTO roster_key_rules (version) VALUES ($version)
