-- purpose: headline numbers for the Overview page under the global filters, viral accounts out on request.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN,
--         $leave_out_viral BOOLEAN (leave out accounts whose metric_viral_er is over $viral_er), $viral_er DOUBLE
-- returns: influencers, posts, profile_rows, engagements, known_cost, estimated_cost, cpe,
--          median_influencer_er (the median of the influencers' own median ER),
--          posts_missing_component, first_post, last_post,
--          viral_accounts (accounts in the filters over $viral_er, whether left out or not)
WITH all_posts AS (
    SELECT *
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
),
viral AS (
    SELECT influencer, platform FROM all_posts GROUP BY influencer, platform
    HAVING metric_viral_er(cost, engagements, followers) > $viral_er
),
posts AS (
    SELECT * FROM all_posts ANTI JOIN (SELECT * FROM viral WHERE $leave_out_viral) v USING (influencer, platform)
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
       max(posted_at) AS last_post,
       (SELECT count(*) FROM viral) AS viral_accounts
FROM posts
