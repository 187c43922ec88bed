-- purpose: the roster entry of an influencer on a platform, found by its match keys (microlens.roster.match_key),
--          so "@Ana" on "Instagram" finds the entry added as "ana" on "instagram".
-- database: the roster file (microlens/roster.py), not a session database
-- params: $influencer_key VARCHAR, $platform_key VARCHAR ('' = an entry that covers every platform)
-- returns: id (no row when the influencer is not on the roster for that platform)
SELECT id
FROM roster_entries
WHERE influencer_key = $influencer_key AND platform_key = $platform_key
