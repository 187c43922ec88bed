-- purpose: each influencer's median engagement rate counted the way a benchmark counts engagements (likes only;
--          likes + comments; likes + comments + shares), for the Influencers chart to set an account against a
--          benchmark tier like for like: our ER counts all four parts, and an ER of fewer parts is lower.
--          A missing part counts 0, as in every engagement count; a row missing every counted part (an influencer
--          list that gives only an ER) has no counted ER.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN,
--         $denominator VARCHAR ('followers' | 'views' | 'impressions' | 'reach'),
--         $count_comments BOOLEAN, $count_shares BOOLEAN (likes always count; saves never do: no published ER
--         counts them without all the other parts)
-- returns: influencer, platform, er_counted, no_comments / no_shares (true when comments / shares are counted and
--          none of the account's rows has them: its ER counts without them, which the chart's note says)
WITH counted AS (
    SELECT influencer,
           platform,
           CASE WHEN coalesce(likes, CASE WHEN $count_comments THEN comments END,
                              CASE WHEN $count_shares THEN shares END) IS NOT NULL
                THEN metric_engagements(likes, CASE WHEN $count_comments THEN comments END,
                                        CASE WHEN $count_shares THEN shares END, NULL)
           END AS engagements,
           comments, shares,
           CASE $denominator WHEN 'followers' THEN followers WHEN 'views' THEN views
                             WHEN 'impressions' THEN impressions WHEN 'reach' THEN reach END AS denominator
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
)
SELECT influencer,
       platform,
       metric_median_er(engagements, denominator) AS er_counted,
       $count_comments AND bool_and(comments IS NULL) AS no_comments,
       $count_shares AND bool_and(shares IS NULL) AS no_shares
FROM counted
GROUP BY influencer, platform
ORDER BY influencer, platform
