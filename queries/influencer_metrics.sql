-- purpose: one row per influencer and platform under the global filters: band, reach, engagement, cost, CPE.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN
-- returns: influencer, platform, band, followers, posts, engagements, median_er, mean_er, median_er_views,
--          median_er_reach, median_er_impressions, cost, cpe, cost_estimated, price, posts_missing_component,
--          from_profile
SELECT influencer,
       platform,
       any_value(band) AS band,
       any_value(influencer_followers) AS followers,
       count(*) FILTER (WHERE NOT is_profile) AS posts,
       sum(engagements) AS engagements,
       metric_median_er(engagements, followers) AS median_er,
       metric_mean_er(engagements, followers) AS mean_er,
       metric_median_er_views(engagements, views) AS median_er_views,
       metric_median_er_reach(engagements, reach) AS median_er_reach,
       metric_median_er_impressions(engagements, impressions) AS median_er_impressions,
       sum(cost) AS cost,
       metric_cpe(cost, engagements) AS cpe,
       bool_or(cost_estimated) AS cost_estimated,
       any_value(price) AS price,
       count(*) FILTER (WHERE missing_components > 0 AND NOT is_profile) AS posts_missing_component,
       bool_and(is_profile) AS from_profile
FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                    $price_min, $price_max, $rate_per_1k, $use_estimates)
GROUP BY influencer, platform
ORDER BY followers DESC NULLS LAST, influencer
