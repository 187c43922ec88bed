-- purpose: the posts of chosen influencers under the global filters, for the details panel (posts over time,
--          best posts). Profile rows (influencer lists without posts) are left out: they are not posts.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN, $influencers VARCHAR[] (handles)
-- returns: influencer, platform, posted_at, followers, likes, comments, shares, saves, views, engagements, er,
--          sponsored, campaign, cost, cost_estimated, url, caption
SELECT influencer,
       platform,
       posted_at,
       followers,
       likes,
       comments,
       shares,
       saves,
       views,
       engagements,
       metric_er(engagements, followers) AS er,
       sponsored,
       campaign,
       cost,
       cost_estimated,
       url,
       caption
FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                    $price_min, $price_max, $rate_per_1k, $use_estimates)
WHERE NOT is_profile
  AND list_contains($influencers, influencer)
ORDER BY influencer, platform, posted_at NULLS LAST
