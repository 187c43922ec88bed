-- purpose: headline numbers for the Overview page under the global filters, viral accounts out on request.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN,
--         $leave_out_viral BOOLEAN (leave out accounts whose metric_viral_er is over $viral_er), $viral_er DOUBLE
-- returns: influencers, posts, profile_rows, engagements, known_cost, estimated_cost,
--          listed_cost (the part of estimated_cost that is influencers' listed prices per post), cpe,
--          median_influencer_er (the median of the influencers' own median ER),
--          posts_missing_component, first_post, last_post,
--          viral_accounts (accounts in the filters over $viral_er, whether left out or not),
--          accounts_without_band (kept accounts with no follower count: counted, in no band)
-- (one pass: each account's figures first, viral or not, then the kept accounts' together; the viral accounts
-- found apart and the posts scanned again without them took twice as long, 0.6 s at 1M posts)
WITH accounts AS (
    SELECT metric_viral_er(cost, engagements, followers) > $viral_er AS viral,
           -- each influencer's ER first, so that one account with many posts does not stand for the others
           metric_median_er(engagements, followers) AS er,
           count(*) FILTER (WHERE NOT is_profile) AS posts,
           count(*) FILTER (WHERE is_profile) AS profile_rows,
           sum(engagements) AS engagements,
           sum(cost) AS cost,
           sum(cost) FILTER (WHERE NOT cost_estimated) AS known_cost,
           sum(cost) FILTER (WHERE cost_estimated) AS estimated_cost,
           sum(cost) FILTER (WHERE cost_source = 'listed price') AS listed_cost,
           -- what the CPE divides by: the engagements of the posts with a cost (metric_cpe, pooled over accounts)
           sum(CASE WHEN cost IS NOT NULL THEN engagements END) AS costed_engagements,
           count(*) FILTER (WHERE missing_components > 0 AND NOT is_profile) AS posts_missing_component,
           min(posted_at) AS first_post,
           max(posted_at) AS last_post,
           -- no follower count (a failed crawl's 0 reads as unknown): in no band, so in no band's figures
           any_value(band) IS NULL AS without_band
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
    GROUP BY influencer, platform
),
kept AS (
    SELECT * FROM accounts WHERE NOT ($leave_out_viral AND coalesce(viral, false))
)
SELECT count(*) AS influencers,
       coalesce(sum(posts), 0) AS posts,
       coalesce(sum(profile_rows), 0) AS profile_rows,
       sum(engagements) AS engagements,
       sum(known_cost) AS known_cost,
       sum(estimated_cost) AS estimated_cost,
       sum(listed_cost) AS listed_cost,
       metric_cpe(cost, costed_engagements) AS cpe,
       metric_median_influencer_er(er) AS median_influencer_er,
       coalesce(sum(posts_missing_component), 0) AS posts_missing_component,
       min(first_post) AS first_post,
       max(last_post) AS last_post,
       (SELECT count(*) FILTER (WHERE viral) FROM accounts) AS viral_accounts,
       count(*) FILTER (WHERE without_band) AS accounts_without_band
FROM kept
