-- purpose: the rules the roster's match keys were made under (microlens.roster.KEY_RULES); 1 for a file written
--          before the rules were recorded.
-- database: the roster file (microlens/roster.py), not a session database
-- params: none
-- returns: version
SELECT coalesce(max(version), 1) AS version FROM roster_key_rules
