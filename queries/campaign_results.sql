-- purpose: campaign results under the global filters, per contract (campaign x influencer x platform), per
--          campaign, per follower band and objective, per objective (sales / sign-ups) and in total: cost (fee + product cost), posts contracted
--          vs delivered, engagements, impressions, CPE, CPM, coupon-code orders, revenue, sign-ups, CPA, ROAS,
--          ROI, cost per lead. Plus the conversions that are not in those rows, so that every order is
--          accounted for: level 'unattributed' (a code in no campaign, or a code-less row whose influencer has
--          no contract), level 'outside filters' (attributed to a contract the filters hide) and level
--          'all conversions' (every conversion row in the date range, counted directly, to reconcile against).
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN
-- returns: level ('contract' | 'campaign' | 'band' | 'objective' | 'total' | 'unattributed' | 'outside filters' |
--          'all conversions'), campaign, influencer, platform, band, objective, lead_objective, codes,
--          unused_codes, shared_codes, start_date, end_date, contracts, fee, product_cost, cost, posts_contracted,
--          posts_delivered, engagements, impressions, orders, revenue, signups, cpe, cpm, cpa, roas, roi, net_revenue,
--          cost_per_lead, contracts_measured, below_break_even, median_contract_roas, unpriced_contracts,
--          unpriced_revenue, unpriced_signups, lead_cost, lead_signups, coupon_code, reason,
--          conversion_rows. contracts_measured: sales contracts with a cost above 0 and known revenue;
--          below_break_even: those whose revenue is under their cost; median_contract_roas: their median ROAS;
--          unpriced_contracts, unpriced_revenue, unpriced_signups: contracts with neither fee nor product cost
--          (NULL when none), and their revenue and sign-ups, which `revenue` and `signups` include and CPA, ROAS,
--          ROI and cost per lead (ratios over priced contracts) leave out; lead_cost ÷ lead_signups = cost_per_lead.
--          shared_codes: codes whose conversions a row's contracts share evenly with other contracts ('' for rows
--          without a code), so orders, revenue, sign-ups and conversion_rows can be fractions.
WITH named AS (
    -- A campaign is known by its name in lower case, as in facts.sql ('Summer 26' and 'summer 26' are one), and
    -- shown in one spelling
    SELECT * REPLACE (min(campaign) OVER (PARTITION BY lower(campaign)) AS campaign) FROM campaigns
),
contracts AS (
    -- One contract per (campaign, influencer, platform), as contract_cost in facts.sql; a contract without a
    -- platform covers every platform. A contract with neither fee nor product cost has an unknown cost, not $0.
    SELECT row_number() OVER (ORDER BY campaign, influencer, platform NULLS FIRST) AS contract_id,
           campaign, influencer, platform,
           list_sort(list_distinct(list(coupon_code) FILTER (WHERE coupon_code IS NOT NULL))) AS codes,
           string_agg(DISTINCT objective, ', ' ORDER BY objective) AS objective,
           min(start_date) AS start_date,
           max(end_date) AS end_date,
           sum(fee) AS fee,
           sum(product_cost) AS product_cost,
           CASE WHEN count(fee) + count(product_cost) > 0
                THEN sum(coalesce(fee, 0) + coalesce(product_cost, 0)) END AS cost,
           sum(posts_contracted) AS posts_contracted
    FROM named
    GROUP BY campaign, influencer, platform
),
contract_codes AS (
    SELECT contract_id, influencer, start_date, unnest(codes) AS coupon_code FROM contracts
),
conv AS (
    -- Conversion rows in the date range; a row without a date is kept (it cannot be placed outside it).
    SELECT row_number() OVER () AS conversion_id, coupon_code, influencer, date, orders, revenue, signups
    FROM conversions
    WHERE (CAST($date_from AS DATE) IS NULL OR date IS NULL OR date >= CAST($date_from AS DATE))
      AND (CAST($date_to AS DATE) IS NULL OR date IS NULL OR date <= CAST($date_to AS DATE))
),
candidates AS (
    -- A conversion belongs to the contract that gave out its code; a row without a code but with an
    -- influencer belongs to that influencer's contract. Matched against all contracts, before any filter.
    SELECT v.conversion_id, v.date, k.contract_id, k.start_date,
           coalesce(k.influencer = v.influencer, false) AS influencer_named
    FROM conv v JOIN contract_codes k ON k.coupon_code = v.coupon_code
    UNION ALL
    SELECT v.conversion_id, v.date, c.contract_id, c.start_date, true AS influencer_named
    FROM conv v JOIN contracts c ON c.influencer = v.influencer
    WHERE v.coupon_code IS NULL
),
ranked AS (
    -- When a code or an influencer has several contracts: the one of the influencer the row names (a code given
    -- to several), then the one that started most recently on or before the conversion date (else the earliest).
    SELECT *, rank() OVER (PARTITION BY conversion_id
                           ORDER BY influencer_named DESC, (start_date <= date) DESC NULLS LAST,
                                    CASE WHEN start_date <= date THEN start_date END DESC NULLS LAST,
                                    start_date NULLS LAST) AS pos
    FROM candidates
),
attributed AS (
    -- Each conversion's orders counted once in all. Contracts still tied (one code given to several influencers
    -- from the same day, and the row names none of them) share it evenly: the code cannot say who sold, and the
    -- first of them by name took every order while the others showed none.
    SELECT conversion_id, contract_id, 1 / count(*) OVER (PARTITION BY conversion_id) AS share
    FROM ranked
    WHERE pos = 1
),
eligible AS (
    -- Accounts the band, price and platform filters keep (influencer-level, as on every other page), of the
    -- influencers with a contract
    SELECT DISTINCT influencer, platform
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, NULL, NULL, [], $price_min, $price_max,
                        $rate_per_1k, $use_estimates)
    WHERE influencer IN (SELECT influencer FROM contracts)
),
contract_band AS (
    -- The band of the largest account on the contract's platform (every platform for a contract naming none),
    -- whatever the filters keep: a contract of an Instagram account of 50K and a TikTok one of 200K is mid, and a
    -- band filter of micro, keeping only the Instagram account, counted it as micro while the mid band counted it too.
    -- kept: some account of the contract's is in the filters.
    SELECT c.contract_id,
           arg_max(ml_band(f.influencer_followers, CAST($band_names AS VARCHAR[]), CAST($band_lowers AS BIGINT[])),
                   f.influencer_followers) AS band,
           bool_or(e.influencer IS NOT NULL) AS kept
    FROM contracts c
    JOIN influencer_facts f ON f.influencer = c.influencer AND (c.platform IS NULL OR f.platform = c.platform)
    LEFT JOIN eligible e ON e.influencer = f.influencer AND e.platform = f.platform
    GROUP BY c.contract_id
),
shown AS (
    -- The contracts the global filters keep: campaign; platform (a contract without one covers every
    -- platform); band and price; dates (the contract period overlaps the range; undated contracts stay).
    SELECT c.*, b.band,
           coalesce(regexp_matches(lower(c.objective), 'sign.?up|lead|wait.?list|subscri|e-?mail'), false)
               AS is_lead
    FROM contracts c
    LEFT JOIN contract_band b ON b.contract_id = c.contract_id
    WHERE (len(CAST($campaigns AS VARCHAR[])) = 0
           OR list_contains(list_transform(CAST($campaigns AS VARCHAR[]), lambda n: lower(n)), lower(c.campaign)))
      AND (len(CAST($platforms AS VARCHAR[])) = 0 OR c.platform IS NULL
           OR list_contains(CAST($platforms AS VARCHAR[]), c.platform))
      AND ((len(CAST($bands AS VARCHAR[])) = 0 AND CAST($price_min AS DOUBLE) IS NULL
            AND CAST($price_max AS DOUBLE) IS NULL)
           OR (b.kept AND (len(CAST($bands AS VARCHAR[])) = 0 OR list_contains(CAST($bands AS VARCHAR[]), b.band))))
      AND (c.end_date IS NULL OR CAST($date_from AS DATE) IS NULL OR c.end_date >= CAST($date_from AS DATE))
      AND (c.start_date IS NULL OR CAST($date_to AS DATE) IS NULL OR c.start_date <= CAST($date_to AS DATE))
),
post_contract AS (
    -- Each campaign post counts for one contract: its platform's, else the one covering every platform.
    SELECT c.contract_id, p.engagements, p.impressions
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates) p
    JOIN contracts c ON lower(c.campaign) = lower(p.campaign) AND c.influencer = p.influencer
                    AND (c.platform IS NULL OR c.platform = p.platform)
    WHERE NOT p.is_profile
    QUALIFY row_number() OVER (PARTITION BY p.source_file, p.source_row ORDER BY c.platform NULLS LAST) = 1
),
delivered AS (
    SELECT contract_id, count(*) AS posts_delivered, sum(engagements) AS engagements,
           sum(impressions) AS impressions, count(impressions) AS posts_with_impressions
    FROM post_contract
    GROUP BY contract_id
),
sales AS (
    SELECT a.contract_id, sum(a.share) AS conversion_rows, sum(v.orders * a.share) AS orders,
           sum(v.revenue * a.share) AS revenue, sum(v.signups * a.share) AS signups,
           -- the codes (or '' for rows without one) whose conversions this contract shares with others
           list(DISTINCT coalesce(v.coupon_code, '')) FILTER (WHERE a.share < 1) AS shared_codes
    FROM attributed a JOIN conv v ON v.conversion_id = a.conversion_id
    GROUP BY a.contract_id
),
unused AS (
    -- Codes handed out that brought no order, revenue or sign-up in the date range.
    SELECT k.contract_id, list(k.coupon_code ORDER BY k.coupon_code) AS unused_codes
    FROM contract_codes k
    WHERE NOT EXISTS (SELECT 1 FROM conv v WHERE v.coupon_code = k.coupon_code
                      AND (v.orders > 0 OR v.revenue > 0 OR v.signups > 0))
    GROUP BY k.contract_id
),
loaded AS (
    -- Which conversion measures the files have at all: without them a contract's orders are unknown, not 0.
    SELECT count(orders) > 0 AS has_orders, count(revenue) > 0 AS has_revenue, count(signups) > 0 AS has_signups
    FROM conversions
),
contract_rows AS (
    SELECT s.contract_id, s.campaign, s.influencer, s.platform, s.band, s.objective, s.is_lead, s.codes,
           coalesce(u.unused_codes, []) AS unused_codes, s.start_date, s.end_date, s.fee, s.product_cost, s.cost,
           s.posts_contracted,
           coalesce(d.posts_delivered, 0) AS posts_delivered,
           coalesce(d.engagements, 0) AS engagements,
           d.impressions,
           -- the part of the contract cost that bought the posts reporting impressions, for CPM
           s.cost * d.posts_with_impressions / nullif(d.posts_delivered, 0) AS impressions_cost,
           CASE WHEN l.has_orders THEN coalesce(x.orders, 0) END AS orders,
           CASE WHEN l.has_revenue THEN coalesce(x.revenue, 0) END AS revenue,
           CASE WHEN l.has_signups THEN coalesce(x.signups, 0) END AS signups,
           coalesce(x.conversion_rows, 0) AS conversion_rows,
           coalesce(x.shared_codes, []) AS shared_codes
    FROM shown s
    CROSS JOIN loaded l
    LEFT JOIN delivered d ON d.contract_id = s.contract_id
    LEFT JOIN sales x ON x.contract_id = s.contract_id
    LEFT JOIN unused u ON u.contract_id = s.contract_id
),
results AS (
    SELECT CASE WHEN grouping(contract_id) = 0 THEN 'contract'
                WHEN grouping(campaign) = 0 THEN 'campaign'
                WHEN grouping(band) = 0 THEN 'band'
                WHEN grouping(is_lead) = 0 THEN 'objective'
                ELSE 'total' END AS level,
           campaign,
           CASE WHEN grouping(contract_id) = 0 THEN any_value(influencer) END AS influencer,
           CASE WHEN grouping(contract_id) = 0 THEN any_value(platform) END AS platform,
           CASE WHEN grouping(contract_id) = 0 THEN any_value(band) ELSE band END AS band,
           string_agg(DISTINCT objective, ', ' ORDER BY objective) AS objective,
           bool_and(is_lead) AS lead_objective,
           list_sort(list_distinct(flatten(list(codes)))) AS codes,
           list_sort(flatten(list(unused_codes))) AS unused_codes,
           list_sort(list_distinct(flatten(list(shared_codes)))) AS shared_codes,
           min(start_date) AS start_date,
           max(end_date) AS end_date,
           count(*) AS contracts,
           sum(fee) AS fee,
           sum(product_cost) AS product_cost,
           sum(cost) AS cost,
           -- unknown where a contract names no number of posts: its delivered posts counted against the others'
           -- contracted ones read as over-delivery ('6 of 4')
           CASE WHEN count(posts_contracted) = count(*) THEN sum(posts_contracted) END AS posts_contracted,
           sum(posts_delivered) AS posts_delivered,
           sum(engagements) AS engagements,
           sum(impressions) AS impressions,
           sum(orders) AS orders,
           sum(revenue) AS revenue,
           sum(signups) AS signups,
           sum(conversion_rows) AS conversion_rows,
           -- a contract without a delivered post in the filters has no engagement to count its cost against: its
           -- fee is in cost and ROAS, not in CPE (the catalog's posts with a known cost and known engagements)
           metric_cpe(cost, CASE WHEN posts_delivered > 0 THEN engagements END) AS cpe,
           metric_cpm(impressions_cost, impressions) AS cpm,
           -- ratios over the contracts whose cost is known, so an unpriced contract's orders do not flatter them
           metric_cpa(sum(cost) FILTER (WHERE orders IS NOT NULL), sum(orders) FILTER (WHERE cost IS NOT NULL))
               AS cpa,
           metric_roas(sum(revenue) FILTER (WHERE cost IS NOT NULL), sum(cost) FILTER (WHERE revenue IS NOT NULL))
               AS roas,
           metric_roi(sum(revenue) FILTER (WHERE cost IS NOT NULL), sum(cost) FILTER (WHERE revenue IS NOT NULL))
               AS roi,
           metric_net_revenue(sum(revenue) FILTER (WHERE cost IS NOT NULL),
                              sum(cost) FILTER (WHERE revenue IS NOT NULL)) AS net_revenue,
           metric_cost_per_lead(sum(cost) FILTER (WHERE signups IS NOT NULL),
                                sum(signups) FILTER (WHERE cost IS NOT NULL)) AS cost_per_lead,
           -- what cost_per_lead divides, said beside it (the Campaigns card's help)
           sum(cost) FILTER (WHERE signups IS NOT NULL) AS lead_cost,
           sum(signups) FILTER (WHERE cost IS NOT NULL) AS lead_signups,
           -- how many of the sales contracts behind a pooled ROAS earned less than they cost, and the typical
           -- contract's ROAS: one large contract can carry a pooled figure (NULL where no sales contract is in)
           CASE WHEN bool_or(NOT is_lead)
                THEN count(*) FILTER (WHERE NOT is_lead AND cost > 0 AND revenue IS NOT NULL) END
               AS contracts_measured,
           CASE WHEN bool_or(NOT is_lead)
                THEN count(*) FILTER (WHERE NOT is_lead AND cost > 0 AND revenue < cost) END AS below_break_even,
           median(metric_roas(revenue, cost)) FILTER (WHERE NOT is_lead AND cost > 0 AND revenue IS NOT NULL)
               AS median_contract_roas,
           -- contracts without fee or product cost: their revenue is in `revenue` but in no ratio above
           nullif(count(*) FILTER (WHERE cost IS NULL), 0) AS unpriced_contracts,
           sum(revenue) FILTER (WHERE cost IS NULL) AS unpriced_revenue,
           sum(signups) FILTER (WHERE cost IS NULL) AS unpriced_signups
    FROM contract_rows
    GROUP BY GROUPING SETS ((contract_id, campaign), (campaign), (is_lead, band), (is_lead), ())
)
SELECT * FROM results
UNION ALL BY NAME
SELECT 'unattributed' AS level, v.coupon_code, v.influencer,
       CASE WHEN v.coupon_code IS NOT NULL THEN 'code is in no campaign'
            ELSE 'no code, and the influencer has no campaign contract' END AS reason,
       count(*) AS conversion_rows, sum(v.orders) AS orders, sum(v.revenue) AS revenue, sum(v.signups) AS signups
FROM conv v
WHERE v.conversion_id NOT IN (SELECT conversion_id FROM attributed)
GROUP BY v.coupon_code, v.influencer
UNION ALL BY NAME
SELECT 'outside filters' AS level, c.campaign, sum(a.share) AS conversion_rows,
       sum(v.orders * a.share) AS orders, sum(v.revenue * a.share) AS revenue, sum(v.signups * a.share) AS signups
FROM attributed a
JOIN conv v ON v.conversion_id = a.conversion_id
JOIN contracts c ON c.contract_id = a.contract_id
WHERE a.contract_id NOT IN (SELECT contract_id FROM shown)
GROUP BY c.campaign
UNION ALL BY NAME
SELECT 'all conversions' AS level, count(*) AS conversion_rows, sum(orders) AS orders, sum(revenue) AS revenue,
       sum(signups) AS signups
FROM conv
ORDER BY CASE level WHEN 'total' THEN 0 WHEN 'objective' THEN 1 WHEN 'band' THEN 2 WHEN 'campaign' THEN 3
                    WHEN 'contract' THEN 4 WHEN 'unattributed' THEN 5 WHEN 'outside filters' THEN 6 ELSE 7 END,
         start_date NULLS LAST, campaign, influencer, platform NULLS FIRST, orders DESC NULLS LAST, coupon_code
