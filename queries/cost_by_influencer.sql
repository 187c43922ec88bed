-- purpose: cost per engagement per influencer and per follower band, viral accounts out of the bands on request (Cost vs celebrity).
--          Accounts first, then each band pooled over its accounts' posts.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN,
--         $leave_out_viral BOOLEAN (band rows pool only accounts whose viral_er is at most $viral_er),
--         $viral_er DOUBLE (metrics.VIRAL_ER), $celebrity_min BIGINT (benchmarks.CELEBRITY_FOLLOWERS)
-- returns: level ('influencer' or 'band'), influencer, platform, band, followers, posts, engagements, cost,
--          cpe, cost_estimated, price,
--          rate_card_only (every costed post's cost is the rate card's estimate: CPE then only restates ER),
--          listed_price_cost (some post's cost is the account's listed price per post, an estimate),
--          cpe_likes, cpe_likes_comments (the CPE counting only those parts of an engagement, to compare like with
--          like against a celebrity ER that counts only them: a like rate, likes + comments),
--          costed_mean_er (the mean ER of the posts the CPE counts, those with a cost: a CPE is pooled over them,
--          so a mean above 100% says the CPE rests on posts that earned more engagements than the account has
--          followers, viral posts),
--          viral_er (metric_viral_er: the median ER by followers of the same posts, above $viral_er the posts the
--          CPE rests on went viral, which a brand's next post rarely matches; for an account without a cost the
--          median over all its posts, the Overview's viral test, so that one 'Leave out viral accounts' counts the
--          same accounts on both pages), celebrity_median_er (the median ER of
--          all the account's posts, for accounts of $celebrity_min followers or more, NULL below: the loaded
--          celebrities' ER, with or without a cost, is one more celebrity ER source);
--          band rows: band, posts, engagements, cost, cpe
WITH accounts AS (
    SELECT influencer,
           platform,
           band,
           any_value(influencer_followers) AS followers,
           count(*) FILTER (WHERE NOT is_profile) AS posts,
           sum(engagements) AS engagements,
           sum(cost) AS cost,
           -- what a CPE divides by, so that a band pools its accounts' posts with the same metric
           sum(CASE WHEN cost IS NOT NULL THEN engagements END) AS costed_engagements,
           metric_cpe(cost, engagements) AS cpe,
           bool_or(cost_estimated) AS cost_estimated,
           bool_and(cost_source = 'rate card') AS rate_card_only,
           bool_or(cost_source = 'listed price') AS listed_price_cost,
           any_value(price) AS price,
           metric_cpe(cost, metric_engagements(likes, NULL, NULL, NULL)) AS cpe_likes,
           metric_cpe(cost, metric_engagements(likes, comments, NULL, NULL)) AS cpe_likes_comments,
           metric_mean_er(CASE WHEN cost IS NOT NULL THEN engagements END, followers) AS costed_mean_er,
           metric_viral_er(cost, engagements, followers) AS viral_er,
           -- only where it is read: a median of every account's posts cost 0.07 s of 0.3 at 1M posts
           metric_median_er(CASE WHEN influencer_followers >= $celebrity_min THEN engagements END, followers)
               AS celebrity_median_er
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
    WHERE band IS NOT NULL
    GROUP BY influencer, platform, band
)
SELECT 'influencer' AS level, * EXCLUDE (costed_engagements)
FROM accounts
UNION ALL BY NAME
SELECT 'band' AS level,
       band,
       CAST(sum(posts) AS BIGINT) AS posts,
       sum(engagements) AS engagements,
       sum(cost) AS cost,
       -- an account's costed_engagements are NULL when none of its posts has a cost, or when its one row is a
       -- listed price without engagement figures: metric_cpe leaves its cost out then
       metric_cpe(cost, costed_engagements) AS cpe
FROM accounts
WHERE NOT ($leave_out_viral AND coalesce(viral_er > $viral_er, false))
GROUP BY band
ORDER BY level, band, influencer, platform
