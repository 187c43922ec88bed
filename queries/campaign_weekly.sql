-- purpose: campaign posts week by week under the global filters: posts, engagements and spend per campaign and
--          week (Monday start). Spend of a post = its share of its contract (fee + product cost, divided by the
--          contract's delivered posts) so the weeks add up to the contract costs; a campaign post without a
--          contract costs its own fee, or its estimated cost when estimates are on (then flagged).
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN
-- returns: campaign, week DATE, posts, engagements, spend, posts_with_spend, spend_estimated BOOLEAN
WITH contracts AS (
    -- The same contract and cost rule as campaign_results.sql (unknown fee and product cost = unknown cost); a
    -- campaign known by its name in lower case ('Summer 26' and 'summer 26' are one)
    SELECT lower(campaign) AS campaign, influencer, platform,
           CASE WHEN count(fee) + count(product_cost) > 0
                THEN sum(coalesce(fee, 0) + coalesce(product_cost, 0)) END AS cost
    FROM campaigns
    GROUP BY lower(campaign), influencer, platform
),
assigned AS (
    -- Every campaign post (all dates, all filters off) with its contract: its platform's, else the one
    -- covering every platform; a post without a contract keeps a NULL one.
    SELECT p.source_file, p.source_row, c.campaign AS contract_campaign, c.influencer AS contract_influencer,
           c.platform AS contract_platform, c.cost AS contract_cost
    FROM post_facts p
    LEFT JOIN contracts c ON c.campaign = lower(p.campaign) AND c.influencer = p.influencer
                         AND (c.platform IS NULL OR c.platform = p.platform)
    WHERE p.campaign IS NOT NULL AND NOT p.is_profile
    QUALIFY row_number() OVER (PARTITION BY p.source_file, p.source_row ORDER BY c.platform NULLS LAST) = 1
),
shares AS (
    -- A contract's cost spread evenly over all the posts it delivered, whatever the date filter shows.
    SELECT source_file, source_row,
           contract_cost / count(*) OVER (PARTITION BY contract_campaign, contract_influencer, contract_platform)
               AS contract_share,
           contract_campaign IS NOT NULL AS under_contract
    FROM assigned
),
posts AS (
    -- each campaign in one spelling (its posts may write it in several)
    SELECT min(p.campaign) OVER (PARTITION BY lower(p.campaign)) AS campaign,
           CAST(date_trunc('week', p.posted_at) AS DATE) AS week,
           p.engagements,
           CASE WHEN s.under_contract THEN s.contract_share ELSE p.cost END AS spend,
           NOT s.under_contract AND p.cost_estimated AS spend_estimated
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates) p
    JOIN shares s ON s.source_file = p.source_file AND s.source_row = p.source_row
    WHERE p.posted_at IS NOT NULL
)
SELECT campaign, week,
       count(*) AS posts,
       sum(engagements) AS engagements,
       sum(spend) AS spend,
       count(spend) AS posts_with_spend,
       coalesce(bool_or(spend_estimated), false) AS spend_estimated
FROM posts
GROUP BY campaign, week
ORDER BY week, campaign
