-- purpose: cost per engagement per influencer AND per follower band in one scan (the Cost vs celebrity page).
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN
-- returns: level ('influencer' or 'band'), influencer, platform, band, followers, posts, engagements, cost,
--          cpe, cost_estimated, price,
--          rate_card_only (every costed post's cost is the rate card's estimate: CPE then only restates ER),
--          cpe_likes, cpe_likes_comments (the CPE counting only those parts of an engagement, to compare like with
--          like against a celebrity ER that counts only them: a like rate, likes + comments),
--          costed_mean_er (the mean ER of the posts the CPE counts, those with a cost: a CPE is pooled over them,
--          so a mean above 100% says the CPE rests on posts that earned more engagements than the account has
--          followers, viral posts)
SELECT CASE WHEN grouping(influencer) = 1 THEN 'band' ELSE 'influencer' END AS level,
       influencer,
       platform,
       band,
       any_value(influencer_followers) AS followers,
       count(*) FILTER (WHERE NOT is_profile) AS posts,
       sum(engagements) AS engagements,
       sum(cost) AS cost,
       metric_cpe(cost, engagements) AS cpe,
       bool_or(cost_estimated) AS cost_estimated,
       bool_and(cost_source = 'rate card') AS rate_card_only,
       any_value(price) AS price,
       metric_cpe(cost, metric_engagements(likes, NULL, NULL, NULL)) AS cpe_likes,
       metric_cpe(cost, metric_engagements(likes, comments, NULL, NULL)) AS cpe_likes_comments,
       metric_mean_er(CASE WHEN cost IS NOT NULL THEN engagements END, followers) AS costed_mean_er
FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                    $price_min, $price_max, $rate_per_1k, $use_estimates)
WHERE band IS NOT NULL
GROUP BY GROUPING SETS ((influencer, platform, band), (band))
ORDER BY level, band, influencer
