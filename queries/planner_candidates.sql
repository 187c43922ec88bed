-- purpose: the Planner's candidates: one row per influencer and platform under the global filters, with what
--          one more post is expected to cost and earn. Expected engagements per post = the median over the
--          influencer's posts (an influencer list without posts: its average engagements per post); spread =
--          the sample standard deviation over those posts (NULL with fewer than two); expected reach = the
--          median reach of the posts that report reach (NULL when none does: no reach rate is assumed).
--          Price per post is listed, the median fee paid, or estimated from the rate card (price_basis).
--          Likes, comments and median ER are the inputs of the authenticity checks. exp_likes and
--          exp_likes_comments: the same median counting likes only, and likes + comments (NULL where no post
--          reports likes), for comparing with a celebrity engagement rate that counts those parts alone.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN
-- returns: influencer, platform, band, followers, price, price_basis ('listed' | 'median fee paid' |
--          'estimated' | NULL), price_estimated, posts, exp_engagements, sd_engagements, exp_reach,
--          reach_posts, median_er, likes, comments, from_profile, exp_likes, exp_likes_comments
WITH agg AS (
    SELECT influencer,
           platform,
           any_value(band) AS band,
           any_value(influencer_followers) AS followers,
           -- price and price_basis are influencer-level (constant over the group).
           any_value(price) AS price,
           any_value(price_basis) AS price_basis,
           count(*) FILTER (WHERE NOT is_profile) AS posts,
           coalesce(median(engagements) FILTER (WHERE NOT is_profile),
                    any_value(engagements) FILTER (WHERE is_profile)) AS exp_engagements,
           stddev_samp(engagements) FILTER (WHERE NOT is_profile) AS sd_engagements,
           median(reach) FILTER (WHERE NOT is_profile) AS exp_reach,
           count(reach) FILTER (WHERE NOT is_profile) AS reach_posts,
           metric_median_er(engagements, followers) AS median_er,
           sum(likes) AS likes,
           sum(comments) AS comments,
           bool_and(is_profile) AS from_profile,
           coalesce(median(likes) FILTER (WHERE NOT is_profile),
                    any_value(likes) FILTER (WHERE is_profile)) AS exp_likes,
           coalesce(median(metric_engagements(likes, comments, NULL, NULL)) FILTER (WHERE NOT is_profile
                                                                                    AND likes IS NOT NULL),
                    any_value(metric_engagements(likes, comments, NULL, NULL)) FILTER (WHERE is_profile
                                                                                       AND likes IS NOT NULL))
               AS exp_likes_comments
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
    GROUP BY influencer, platform
)
SELECT a.influencer,
       a.platform,
       a.band,
       a.followers,
       a.price,
       a.price_basis,
       coalesce(a.price_basis = 'estimated', false) AS price_estimated,
       a.posts,
       a.exp_engagements,
       a.sd_engagements,
       a.exp_reach,
       a.reach_posts,
       a.median_er,
       a.likes,
       a.comments,
       a.from_profile,
       a.exp_likes,
       a.exp_likes_comments
FROM agg a
ORDER BY a.influencer, a.platform
