-- purpose: one row per influencer and platform under the global filters with the KNOWN price per post: the
--          listed price_per_post, else the median known post cost (post fee, or contract fee + product cost
--          per delivered post). known_price stays NULL where only a rate-card estimate exists, because an
--          estimate is the rate card itself and would only draw the benchmark back onto the distribution.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN
-- returns: influencer, name, platform, band, band_order, followers, known_price, price_source
--          (filtered_posts' price_basis: 'listed' | 'median fee paid' | NULL, never an estimate), posts
SELECT f.influencer,
       any_value(pr.name) AS name,
       f.platform,
       any_value(f.band) AS band,
       list_position($band_names, any_value(f.band)) AS band_order,
       any_value(f.influencer_followers) AS followers,
       any_value(f.influencer_price) AS known_price,
       nullif(any_value(f.price_basis), 'estimated') AS price_source,
       count(*) FILTER (WHERE NOT f.is_profile) AS posts
FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                    $price_min, $price_max, $rate_per_1k, $use_estimates) f
LEFT JOIN influencer_profile pr ON pr.influencer = f.influencer AND pr.platform = f.platform
GROUP BY f.influencer, f.platform
ORDER BY known_price DESC NULLS LAST, f.influencer, f.platform
