-- purpose: the brand's own posts around a takeover window, one row per post, each with its role in the lift:
--          'takeover' (in the window and part of the takeover), 'baseline' (a day-to-day post in the
--          pre-period: the $pre_days days before the window), or 'excluded' (with the reason in `note`).
--          Which window posts are the takeover, per brand account and platform: the posts marked with
--          $campaign (in any case) if any is; else the posts marked sponsored or with any campaign, if any is; else
--          every post in the window (rule in `takeover_rule`: 'campaign' | 'marked' | 'whole window' for dates the user
--          picked | 'unmarked campaign' for a campaign's dates: what is compared is then the brand's posts while
--          the campaign ran, and the page says so instead of calling them takeover posts).
--          Brand posts do not pass through filtered_posts (no bands or prices); the platform filter applies.
-- params: $takeover_from DATE, $takeover_to DATE (inclusive), $pre_days INTEGER, $campaign VARCHAR (NULL = a
--         custom window), $platforms VARCHAR[] (empty = all)
-- returns: account, platform, posted_at, followers, likes, comments, shares, saves, engagements,
--          impressions, reach, views, er, sponsored, campaign, post_id, url, caption,
--          in_window, takeover_rule, role, note, source_file, source_row (the post's row in its file, the broken lines
--          above it counted)
WITH scoped AS (
    SELECT influencer AS account,
           coalesce(platform, 'other') AS platform,
           posted_at, followers, likes, comments, shares, saves,
           metric_engagements(likes, comments, shares, saves) AS engagements,
           impressions, reach, views, sponsored, campaign, post_id, url, caption, source_file, source_row,
           posted_at >= CAST($takeover_from AS DATE) AS in_window,
           coalesce(sponsored, false) OR campaign IS NOT NULL AS marked,
           coalesce(lower(campaign) = lower(CAST($campaign AS VARCHAR)), false) AS of_campaign
    FROM brand_posts
    WHERE posted_at >= CAST($takeover_from AS DATE) - to_days(CAST($pre_days AS INTEGER))
      AND posted_at < CAST($takeover_to AS DATE) + INTERVAL 1 DAY
      AND (len(CAST($platforms AS VARCHAR[])) = 0
           OR list_contains(CAST($platforms AS VARCHAR[]), coalesce(platform, 'other')))
),
ruled AS (
    SELECT *,
           CASE WHEN count(*) FILTER (WHERE in_window AND of_campaign) OVER account_platform > 0 THEN 'campaign'
                WHEN count(*) FILTER (WHERE in_window AND marked) OVER account_platform > 0 THEN 'marked'
                WHEN $campaign IS NULL THEN 'whole window'
                ELSE 'unmarked campaign' END AS takeover_rule
    FROM scoped
    WINDOW account_platform AS (PARTITION BY account, platform)
),
roled AS (
    SELECT *,
           CASE WHEN NOT in_window THEN (CASE WHEN marked THEN 'excluded' ELSE 'baseline' END)
                WHEN takeover_rule = 'campaign' AND of_campaign THEN 'takeover'
                WHEN takeover_rule = 'marked' AND marked THEN 'takeover'
                WHEN takeover_rule IN ('whole window', 'unmarked campaign') THEN 'takeover'
                ELSE 'excluded' END AS role
    FROM ruled
)
SELECT account, platform, posted_at, followers, likes, comments, shares, saves, engagements,
       impressions, reach, views,
       metric_er(engagements, followers) AS er,
       sponsored, campaign, post_id, url, caption, in_window, takeover_rule, role,
       CASE WHEN role <> 'excluded' THEN NULL
            WHEN NOT in_window THEN 'sponsored or campaign post before the window: not a day-to-day post'
            ELSE 'in the window, but not part of the takeover' END AS note,
       source_file, ml_file_row(source_row, l.broken_above) AS source_row
FROM roled
LEFT JOIN (SELECT source_file, broken_above FROM loads) l USING (source_file)
ORDER BY account, platform, posted_at, source_file, source_row
