-- purpose: each roster entry's trial post under the global filters: its ER and CPE against its band's.
-- Trial post = the entry's first sponsored post, or its first post when none is marked sponsored. Band figures
-- (median ER by followers, CPE) are over the posts (not influencer-list rows) of the trial post's follower band
-- and platform under the filters, the trial post included unless its account is viral: viral accounts
-- (metric_viral_er over $viral_er) are left out as from every other page's band figures. Roster handles and platforms are matched the way
-- ingest stores them (ml_handle, ml_platform); an entry without a platform matches every platform.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN, $viral_er DOUBLE (metrics.VIRAL_ER),
--         $entry_ids BIGINT[], $handles VARCHAR[], $entry_platforms VARCHAR[] (one item per roster entry, in step)
-- returns: entry_id, posts_loaded (posts of the entry in the loaded data, any filter), listed (in an influencer
--          list), elsewhere (the other platforms the handle has posts on, when the entry names a platform: a
--          handle added on the wrong platform reads "not in the loaded data" otherwise), platform, band, posted_at, sponsored, campaign, url, followers, engagements, er, cost,
--          cost_estimated, cost_source ('post fee' | 'contract' | 'listed price' | 'rate card'), cpe,
--          band_posts, band_median_er, band_cpe, band_cost_estimated, er_vs_band (er / band_median_er - 1),
--          cpe_vs_band (cpe / band_cpe - 1)
WITH entries AS (
    SELECT unnest($entry_ids::BIGINT[]) AS entry_id,
           unnest($handles::VARCHAR[]) AS handle,
           unnest($entry_platforms::VARCHAR[]) AS platform
),
keys AS (
    SELECT entry_id, ml_handle(handle) AS handle, ml_platform(platform) AS platform FROM entries
),
filtered AS (
    SELECT *
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
    WHERE NOT is_profile
),
trial AS (
    SELECT k.entry_id, p.*
    FROM keys k
    JOIN filtered p ON p.influencer = k.handle AND (k.platform IS NULL OR p.platform = k.platform)
    QUALIFY row_number() OVER (PARTITION BY k.entry_id
                               ORDER BY coalesce(p.sponsored, false) DESC, p.posted_at NULLS LAST,
                                        p.source_file, p.source_row) = 1
),
trial_cpe AS (
    SELECT entry_id, metric_cpe(cost, engagements) AS cpe FROM trial GROUP BY entry_id
),
in_trial_bands AS (
    SELECT * FROM filtered f WHERE EXISTS (SELECT 1 FROM trial t WHERE t.band = f.band AND t.platform = f.platform)
),
viral AS (
    -- a crawl of trending posts: 476 of a TikTok crawl's 546 micro accounts set the band's median ER at 418%, and
    -- every entry read "-86% vs micro median"
    SELECT influencer, platform FROM in_trial_bands GROUP BY influencer, platform
    HAVING metric_viral_er(cost, engagements, followers) > $viral_er
),
band_figures AS (
    SELECT band, platform,
           count(*) AS band_posts,
           metric_median_er(engagements, followers) AS band_median_er,
           metric_cpe(cost, engagements) AS band_cpe,
           coalesce(bool_or(cost_estimated), false) AS band_cost_estimated
    FROM in_trial_bands ANTI JOIN viral USING (influencer, platform)
    GROUP BY band, platform
),
presence AS (
    SELECT k.entry_id,
           (SELECT count(*) FROM post_facts f
            WHERE NOT f.is_profile AND f.influencer = k.handle
              AND (k.platform IS NULL OR f.platform = k.platform)) AS posts_loaded,
           EXISTS (SELECT 1 FROM influencer_profile ip
                   WHERE ip.influencer = k.handle AND (k.platform IS NULL OR ip.platform = k.platform)) AS listed,
           (SELECT list(DISTINCT f.platform ORDER BY f.platform) FROM post_facts f
            WHERE NOT f.is_profile AND f.influencer = k.handle AND f.platform <> k.platform) AS elsewhere
    FROM keys k
)
SELECT k.entry_id,
       pr.posts_loaded,
       pr.listed,
       pr.elsewhere,
       t.platform, t.band, t.posted_at, t.sponsored, t.campaign, src.url, t.followers, t.engagements,
       metric_er(t.engagements, t.followers) AS er,
       t.cost, t.cost_estimated,
       t.cost_source,
       c.cpe,
       b.band_posts, b.band_median_er, b.band_cpe, b.band_cost_estimated,
       metric_er(t.engagements, t.followers) / nullif(b.band_median_er, 0) - 1 AS er_vs_band,
       c.cpe / nullif(b.band_cpe, 0) - 1 AS cpe_vs_band
FROM keys k
JOIN presence pr ON pr.entry_id = k.entry_id
LEFT JOIN trial t ON t.entry_id = k.entry_id
LEFT JOIN trial_cpe c ON c.entry_id = k.entry_id
LEFT JOIN band_figures b ON b.band = t.band AND b.platform = t.platform
LEFT JOIN posts src ON src.source_file = t.source_file AND src.source_row = t.source_row   -- the trial post's URL
ORDER BY k.entry_id
