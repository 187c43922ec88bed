-- purpose: cost per engagement per follower band (and whether any of it is estimated), viral accounts out on request.
--          (Left out as on Cost vs celebrity, whose band CPEs these then equal.)
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN,
--         $leave_out_viral BOOLEAN (leave out accounts whose metric_viral_er is over $viral_er), $viral_er DOUBLE
-- returns: band, band_order, influencers, priced_influencers (those with a cost: whose posts the cpe counts),
--          posts, engagements, cost, cpe, estimated_share (share of cost that is estimated),
--          listed_share (share of cost that is an influencer's listed price per post: estimated too, not paid),
--          median_er
WITH all_posts AS (
    SELECT *
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
    WHERE band IS NOT NULL
),
viral AS (
    SELECT influencer, platform FROM all_posts GROUP BY influencer, platform
    HAVING $leave_out_viral AND metric_viral_er(cost, engagements, followers) > $viral_er
)
SELECT band,
       list_position($band_names, band) AS band_order,
       count(DISTINCT (influencer, platform)) AS influencers,
       count(DISTINCT (influencer, platform)) FILTER (WHERE cost IS NOT NULL) AS priced_influencers,
       count(*) FILTER (WHERE NOT is_profile) AS posts,
       sum(engagements) AS engagements,
       sum(cost) AS cost,
       metric_cpe(cost, engagements) AS cpe,
       sum(cost) FILTER (WHERE cost_estimated) / nullif(sum(cost), 0) AS estimated_share,
       sum(cost) FILTER (WHERE cost_source = 'listed price') / nullif(sum(cost), 0) AS listed_share,
       metric_median_er(engagements, followers) AS median_er
FROM all_posts ANTI JOIN viral USING (influencer, platform)
GROUP BY band
ORDER BY band_order
