-- purpose: accounts (handle and platform) listed in more than one influencer file, such as two monthly exports of
--          one platform: each counts once, with its row of the latest snapshot date, else of the file loaded last
--          (influencer_profile), which the Data page says instead of merging them without a word.
-- params: none
-- returns: accounts (how many are listed in two files or more), most_files (the most files one account is in),
--          example (the first such handle, alphabetically)
SELECT count(*) AS accounts, coalesce(max(files), 0) AS most_files, min(influencer) AS example
FROM (
    SELECT influencer, coalesce(platform, 'other') AS platform, count(DISTINCT source_file) AS files
    FROM influencers
    GROUP BY ALL
    HAVING count(DISTINCT source_file) > 1
)
