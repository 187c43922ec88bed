-- purpose: gives entry $from's stage history to entry $into (two entries found to be one influencer are merged).
-- database: the roster file (microlens/roster.py), not a session database
-- params: $from BIGINT, $into BIGINT
-- returns: nothing
UPDATE roster_stage_changes SET entry_id = $into WHERE entry_id = $from
