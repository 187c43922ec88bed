-- Views over the derived tables of facts.sql, created once per database after its first build: they name the
-- tables, which every rebuild replaces, and are bound when queried (re-creating them took each load 4 ms).

-- One row per post, plus one "profile" row per listed influencer who has no posts, so that a plain
-- influencer list (averages per post) can be analysed with the same queries. A view, not a table: a copy of
-- every post would double the memory a session needs and was most of the time a load took, while joining the
-- two small tables above costs a page query a few hundredths of a second at a million posts.
CREATE OR REPLACE VIEW post_facts AS
SELECT p.influencer, f.platform, coalesce(p.followers, f.profile_followers) AS followers, p.posted_at,
       p.likes, p.comments, p.shares, p.saves, p.views, p.impressions, p.reach,
       metric_engagements(p.likes, p.comments, p.shares, p.saves) AS engagements,
       (p.likes IS NULL)::INT + (p.comments IS NULL)::INT + (p.shares IS NULL)::INT + (p.saves IS NULL)::INT
           AS missing_components,
       p.sponsored, p.campaign,
       -- what was paid for this post; a listed price is what the influencer asks, not what this post cost,
       -- so it only enters as an estimate (filtered_posts)
       coalesce(p.cost, c.cost_per_post) AS cost_known,
       CASE WHEN p.cost IS NOT NULL THEN 'post fee'
            WHEN c.cost_per_post IS NOT NULL THEN 'contract' END AS cost_source,
       f.profile_price AS listed_price,
       false AS is_profile, p.source_file, p.source_row, f.influencer_followers, f.influencer_price,
       f.has_known_cost
FROM posts p
JOIN influencer_facts f ON f.influencer = p.influencer AND f.platform = coalesce(p.platform, 'other')
LEFT JOIN contract_post_cost c
       ON c.campaign = p.campaign AND c.influencer = p.influencer AND c.platform = f.platform
UNION ALL
SELECT pr.influencer, pr.platform, pr.followers, NULL, pr.avg_likes, pr.avg_comments, NULL, NULL,
       pr.avg_views, NULL, NULL, pr.avg_engagements,
       (pr.avg_likes IS NULL)::INT + (pr.avg_comments IS NULL)::INT + 2, NULL, NULL,
       NULL, NULL, pr.price_per_post, true,
       NULL, NULL, f.influencer_followers, f.influencer_price, false
FROM influencer_facts f
JOIN influencer_profile pr ON pr.influencer = f.influencer AND pr.platform = f.platform
WHERE NOT f.has_posts;

-- Every page query starts here: the global filters, the follower band and the (possibly estimated) cost.
-- band_names/band_lowers: the band scheme; bands, platforms, campaigns: empty list = all.
-- Estimated cost (metric_estimated_cost: the listed price, else the rate card under 1M followers), only when
-- use_estimates, for a post of an account with no known cost on any post. An account that was paid is costed on
-- its paid posts only: pricing its unpaid posts at its list price would mix guesses into what was paid (and flatter
-- it: unpaid posts earn more than sponsored ones). cost_source names what the cost is; price is the influencer's
-- price per post and price_basis where it comes from ('listed' | 'median fee paid' | 'estimated').
-- A post's estimate is its account's price, from the account's latest follower count as its band is: with the
-- count at post time, an account that grew past 1M had its earlier posts costed at the rate card, its price blank.
CREATE OR REPLACE MACRO filtered_posts(band_names, band_lowers, bands, platforms, date_from, date_to, campaigns,
                                       price_min, price_max, rate_per_1k, use_estimates) AS TABLE
SELECT *
FROM (
    SELECT f.* REPLACE (
               CASE WHEN f.cost_known IS NOT NULL THEN f.cost_source
                    WHEN NOT CAST(use_estimates AS BOOLEAN) OR f.has_known_cost THEN NULL
                    WHEN f.listed_price IS NOT NULL THEN 'listed price'
                    WHEN metric_estimated_cost(NULL, f.influencer_followers, CAST(rate_per_1k AS DOUBLE)) IS NOT NULL
                         THEN 'rate card' END AS cost_source),
           ml_band(f.influencer_followers, CAST(band_names AS VARCHAR[]), CAST(band_lowers AS BIGINT[])) AS band,
           coalesce(f.cost_known,
                    CASE WHEN CAST(use_estimates AS BOOLEAN) AND NOT f.has_known_cost
                         THEN metric_estimated_cost(f.listed_price, f.influencer_followers, CAST(rate_per_1k AS DOUBLE))
                    END) AS cost,
           f.cost_known IS NULL AND CAST(use_estimates AS BOOLEAN) AND NOT f.has_known_cost
               AND metric_estimated_cost(f.listed_price, f.influencer_followers, CAST(rate_per_1k AS DOUBLE))
                   IS NOT NULL
               AS cost_estimated,
           coalesce(f.influencer_price,
                    CASE WHEN CAST(use_estimates AS BOOLEAN)
                         THEN metric_estimated_cost(NULL, f.influencer_followers, CAST(rate_per_1k AS DOUBLE))
                    END) AS price,
           -- where the price comes from, said the same on every page
           CASE WHEN f.influencer_price IS NOT NULL
                THEN CASE WHEN f.listed_price IS NOT NULL THEN 'listed' ELSE 'median fee paid' END
                WHEN CAST(use_estimates AS BOOLEAN)
                     AND metric_estimated_cost(NULL, f.influencer_followers, CAST(rate_per_1k AS DOUBLE)) IS NOT NULL
                THEN 'estimated' END AS price_basis
    FROM post_facts f
    WHERE (len(CAST(platforms AS VARCHAR[])) = 0 OR list_contains(CAST(platforms AS VARCHAR[]), f.platform))
      AND (CAST(date_from AS DATE) IS NULL OR f.posted_at IS NULL OR f.posted_at >= CAST(date_from AS DATE))
      AND (CAST(date_to AS DATE) IS NULL OR f.posted_at IS NULL
           OR f.posted_at < CAST(date_to AS DATE) + INTERVAL 1 DAY)
      -- a campaign chosen by any spelling ('Summer 26' holds the posts marked 'summer 26')
      AND (len(CAST(campaigns AS VARCHAR[])) = 0
           OR list_contains(list_transform(CAST(campaigns AS VARCHAR[]), lambda c: lower(c)), lower(f.campaign)))
)
WHERE (len(CAST(bands AS VARCHAR[])) = 0 OR list_contains(CAST(bands AS VARCHAR[]), band))
  AND (CAST(price_min AS DOUBLE) IS NULL OR price >= CAST(price_min AS DOUBLE))
  AND (CAST(price_max AS DOUBLE) IS NULL OR price <= CAST(price_max AS DOUBLE));
