-- purpose: follower counts over time per influencer and platform (one observation per day: the count of the
--          day's last post), the input of the follower-jump check.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN,
--         $influencers VARCHAR[] (these handles only, as the roster checks its own; empty = every account: a jump
--         is judged on the account's own counts, so the roster's 40 need not read 50,000 accounts' series)
-- returns: influencer, platform, date, followers, in no order (flags.follower_jumps sorts each account's counts by
--          date: sorting a million rows here as well took a third of the query's time)
SELECT influencer,
       platform,
       CAST(posted_at AS DATE) AS date,
       arg_max(followers, posted_at) AS followers
FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                    $price_min, $price_max, $rate_per_1k, $use_estimates)
WHERE NOT is_profile AND posted_at IS NOT NULL AND followers IS NOT NULL
  AND (len(CAST($influencers AS VARCHAR[])) = 0 OR influencer IN (SELECT unnest(CAST($influencers AS VARCHAR[]))))
GROUP BY influencer, platform, CAST(posted_at AS DATE)
