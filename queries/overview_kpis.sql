-- purpose: headline numbers for the Overview page under the global filters.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN
-- returns: influencers, posts, profile_rows, engagements, known_cost, estimated_cost, cpe,
--          median_influencer_er (the median of the influencers' own median ER),
--          posts_missing_component, first_post, last_post
WITH posts AS (
    SELECT *
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
),
-- each influencer's ER first, so that one account with many posts does not stand for the others
influencer_er AS (
    SELECT metric_median_er(engagements, followers) AS er FROM posts GROUP BY influencer, platform
)
SELECT count(DISTINCT (influencer, platform)) AS influencers,
       count(*) FILTER (WHERE NOT is_profile) AS posts,
       count(*) FILTER (WHERE is_profile) AS profile_rows,
       sum(engagements) AS engagements,
       sum(cost) FILTER (WHERE NOT cost_estimated) AS known_cost,
       sum(cost) FILTER (WHERE cost_estimated) AS estimated_cost,
       metric_cpe(cost, engagements) AS cpe,
       (SELECT metric_median_influencer_er(er) FROM influencer_er) AS median_influencer_er,
       count(*) FILTER (WHERE missing_components > 0 AND NOT is_profile) AS posts_missing_component,
       min(posted_at) AS first_post,
       max(posted_at) AS last_post
FROM posts
