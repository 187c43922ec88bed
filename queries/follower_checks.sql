-- purpose: the follower-jump check of each influencer and platform under the global filters: its dated follower
--          counts (one a day: the count of the day's last post) and the jumps among them. A jump is a gain between
--          two consecutive counts of more than $min_relative of the earlier count and more than $min_absolute
--          followers, at most $max_gap_days apart (flags.JUMP_RULE). One row per account, not per count: a
--          million posts' counts read into the page took a second of the Influencers page and the Planner.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN,
--         $influencers VARCHAR[] (these handles only, as the roster checks its own; empty = every account: a jump
--         is judged on the account's own counts, so the roster's 40 need not read 50,000 accounts' counts),
--         $min_relative DOUBLE, $min_absolute DOUBLE, $max_gap_days INTEGER
-- returns: influencer, platform, observations (dated counts), first_date, last_date,
--          jumps (list, in date order, of {date_before, date_after, followers_before, followers_after}; empty when
--          none)
WITH daily AS (
    SELECT influencer,
           platform,
           CAST(posted_at AS DATE) AS date,
           arg_max(followers, posted_at) AS followers
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
    WHERE NOT is_profile AND posted_at IS NOT NULL AND followers IS NOT NULL
      AND (len(CAST($influencers AS VARCHAR[])) = 0 OR influencer IN (SELECT unnest(CAST($influencers AS VARCHAR[]))))
    GROUP BY influencer, platform, CAST(posted_at AS DATE)
),
steps AS (
    SELECT *,
           lag(date) OVER account AS date_before,
           lag(followers) OVER account AS followers_before
    FROM daily
    WINDOW account AS (PARTITION BY influencer, platform ORDER BY date)
)
SELECT influencer,
       platform,
       count(*) AS observations,
       min(date) AS first_date,
       max(date) AS last_date,
       coalesce(list({'date_before': date_before, 'date_after': date, 'followers_before': followers_before,
                      'followers_after': followers} ORDER BY date)
                    FILTER (WHERE followers_before > 0
                              AND followers - followers_before > $min_absolute
                              AND (followers - followers_before) / followers_before > $min_relative
                              AND date - date_before <= $max_gap_days), []) AS jumps
FROM steps
GROUP BY influencer, platform
