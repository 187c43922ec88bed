-- purpose: the posts of chosen influencers under the global filters, for the details panel (posts over time,
--          best posts). Profile rows (influencer lists without posts) are left out: they are not posts.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN, $influencers VARCHAR[] (handles)
-- returns: influencer, platform, posted_at, followers, likes, comments, shares, saves, views, engagements, er,
--          sponsored, campaign, cost, cost_estimated, url, caption
SELECT f.influencer,
       f.platform,
       f.posted_at,
       f.followers,
       f.likes,
       f.comments,
       f.shares,
       f.saves,
       f.views,
       f.engagements,
       metric_er(f.engagements, f.followers) AS er,
       f.sponsored,
       f.campaign,
       f.cost,
       f.cost_estimated,
       p.url,
       p.caption
FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                    $price_min, $price_max, $rate_per_1k, $use_estimates) AS f
LEFT JOIN posts AS p ON p.source_file = f.source_file AND p.source_row = f.source_row
WHERE NOT f.is_profile
  AND list_contains($influencers, f.influencer)
ORDER BY f.influencer, f.platform, f.posted_at NULLS LAST
