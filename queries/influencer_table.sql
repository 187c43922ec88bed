-- purpose: the Influencers page table: one row per influencer and platform under the global filters, with
--          engagement (by followers, and by views / reach / impressions where posts report them), cost, price
--          (and where the price comes from), profile facts, audience shares and the like/comment totals the
--          authenticity checks read.
-- params: $band_names VARCHAR[], $band_lowers BIGINT[], $bands VARCHAR[], $platforms VARCHAR[],
--         $date_from DATE, $date_to DATE, $campaigns VARCHAR[], $price_min DOUBLE, $price_max DOUBLE,
--         $rate_per_1k DOUBLE, $use_estimates BOOLEAN
-- returns: influencer, platform, name, band, followers, posts, engagements, likes, comments, median_er,
--          mean_er, median_er_views, median_er_reach, median_er_impressions, cost, cpe, cost_estimated, price,
--          price_basis ('listed' | 'median fee paid' | 'estimated' | NULL), country, category,
--          audience_country, audience_country_share, audience_female_share, audience_age_18_34_share,
--          profile_url, first_post, last_post, from_profile
WITH agg AS (
    SELECT influencer,
           platform,
           any_value(band) AS band,
           any_value(influencer_followers) AS followers,
           count(*) FILTER (WHERE NOT is_profile) AS posts,
           sum(engagements) AS engagements,
           sum(likes) AS likes,
           sum(comments) AS comments,
           metric_median_er(engagements, followers) AS median_er,
           metric_mean_er(engagements, followers) AS mean_er,
           metric_median_er_views(engagements, views) AS median_er_views,
           metric_median_er_reach(engagements, reach) AS median_er_reach,
           metric_median_er_impressions(engagements, impressions) AS median_er_impressions,
           sum(cost) AS cost,
           metric_cpe(cost, engagements) AS cpe,
           coalesce(bool_or(cost_estimated), false) AS cost_estimated,
           -- price and price_basis are influencer-level (constant over the group).
           any_value(price) AS price,
           any_value(price_basis) AS price_basis,
           min(posted_at) AS first_post,
           max(posted_at) AS last_post,
           bool_and(is_profile) AS from_profile
    FROM filtered_posts($band_names, $band_lowers, $bands, $platforms, $date_from, $date_to, $campaigns,
                        $price_min, $price_max, $rate_per_1k, $use_estimates)
    GROUP BY influencer, platform
)
SELECT a.influencer,
       a.platform,
       pr.name,
       a.band,
       a.followers,
       a.posts,
       a.engagements,
       a.likes,
       a.comments,
       a.median_er,
       a.mean_er,
       a.median_er_views,
       a.median_er_reach,
       a.median_er_impressions,
       a.cost,
       a.cpe,
       a.cost_estimated,
       a.price,
       a.price_basis,
       pr.country,
       pr.category,
       pr.audience_country,
       pr.audience_country_share,
       pr.audience_female_share,
       pr.audience_age_18_34_share,
       -- Without a listed profile address, the platform's standard one for the handle: only for a handle as
       -- platforms spell them (a channel's title such as 'Mr Beast' made a broken link). LinkedIn has none: a
       -- person's page is /in/ and a company's /company/, which a handle does not tell.
       coalesce(pr.profile_url,
                CASE WHEN regexp_full_match(a.influencer, '[a-z0-9._-]+') THEN
                CASE a.platform WHEN 'instagram' THEN 'https://www.instagram.com/' || a.influencer || '/'
                                WHEN 'tiktok' THEN 'https://www.tiktok.com/@' || a.influencer
                                WHEN 'youtube' THEN 'https://www.youtube.com/@' || a.influencer
                                WHEN 'facebook' THEN 'https://www.facebook.com/' || a.influencer
                                WHEN 'x' THEN 'https://x.com/' || a.influencer
                                WHEN 'pinterest' THEN 'https://www.pinterest.com/' || a.influencer || '/'
                                WHEN 'twitch' THEN 'https://www.twitch.tv/' || a.influencer
                                WHEN 'snapchat' THEN 'https://www.snapchat.com/add/' || a.influencer
                                WHEN 'threads' THEN 'https://www.threads.net/@' || a.influencer END END) AS profile_url,
       a.first_post,
       a.last_post,
       a.from_profile
FROM agg a
LEFT JOIN influencer_profile pr ON pr.influencer = a.influencer AND pr.platform = a.platform
ORDER BY a.followers DESC NULLS LAST, a.influencer, a.platform
