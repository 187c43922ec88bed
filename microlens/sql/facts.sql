-- Derived tables rebuilt after every load: the one place where posts, contracts and influencer lists meet.
-- Parameter-free on purpose (DuckDB views and CREATE TABLE AS cannot bind parameters); everything that
-- depends on user settings (bands, estimates, filters) happens in the filtered_posts table macro (facts_views.sql).

-- One profile per influencer and platform from influencer lists: each column from the latest row among the files
-- that have that column: the latest snapshot's; among rows without a date (or of one date) the row loaded last: the
-- later file (a load's table number counts up), then the lower row. Within the files that have a column, the whole
-- row's value, blank or not: a blank in June's list must stay blank, not take May's price (arg_max per column
-- skips NULLs and mixed the two lists). A file without the column says nothing of it: a list without prices
-- loaded after a rate card wiped every price the card gave. The engagement figures are one group.
-- A list without platforms beside posts that have one (from a platform column, a choice, or each post's link):
-- an account whose posts are all on one platform is listed there, or its list row and its posts were two accounts.
CREATE OR REPLACE TABLE influencer_profile AS
WITH unplaced AS (SELECT DISTINCT influencer FROM influencers WHERE platform IS NULL),
placed AS (
    SELECT p.influencer, any_value(p.platform) AS posts_platform
    FROM posts p SEMI JOIN unplaced u ON p.influencer = u.influencer
    WHERE p.platform IS NOT NULL
    GROUP BY p.influencer
    HAVING count(DISTINCT p.platform) = 1
),
ranked AS (
    SELECT i.*, coalesce(i.platform, posts_platform, 'other') AS account_platform, l.columns,
           -- a list's engagement figures come together, from one row: one file's likes over another's total
           -- engagements read as a likes-only rate neither file states
           list_has_any(l.columns, ['avg_engagements', 'avg_likes', 'avg_comments', 'avg_shares', 'avg_views',
                                    'engagement_rate']) AS engagement_columns,
           row_number() OVER (PARTITION BY i.influencer, coalesce(i.platform, posts_platform, 'other')
                              ORDER BY i.snapshot_date DESC NULLS LAST, l.load_number DESC, i.source_row DESC) AS pos
    FROM influencers i
    LEFT JOIN placed USING (influencer)
    JOIN (SELECT source_file, CAST(split_part(data_table, '__', 2) AS BIGINT) AS load_number,
                 json_keys(mapping) AS columns FROM loads) l
      USING (source_file)
),
latest AS (
    SELECT influencer, account_platform AS platform,
           arg_min_null(name, pos) FILTER (WHERE list_contains(columns, 'name')) AS name,
           arg_min_null(followers, pos) AS followers,
           -- the day of that count, when the list says: a later count than the posts' own is the latest
           arg_min_null(snapshot_date, pos) AS followers_date,
           arg_min_null(price_per_post, pos) FILTER (WHERE list_contains(columns, 'price_per_post')) AS price_per_post,
           arg_min_null(avg_engagements, pos) FILTER (WHERE engagement_columns)
               AS avg_engagements,
           arg_min_null(avg_likes, pos) FILTER (WHERE engagement_columns) AS avg_likes,
           arg_min_null(avg_comments, pos) FILTER (WHERE engagement_columns) AS avg_comments,
           arg_min_null(avg_shares, pos) FILTER (WHERE engagement_columns) AS avg_shares,
           arg_min_null(avg_views, pos) FILTER (WHERE engagement_columns) AS avg_views,
           arg_min_null(engagement_rate, pos) FILTER (WHERE engagement_columns)
               AS engagement_rate,
           arg_min_null(country, pos) FILTER (WHERE list_contains(columns, 'country')) AS country,
           arg_min_null(category, pos) FILTER (WHERE list_contains(columns, 'category')) AS category,
           arg_min_null(audience_country, pos) FILTER (WHERE list_contains(columns, 'audience_country'))
               AS audience_country,
           arg_min_null(audience_country_share, pos) FILTER (WHERE list_contains(columns, 'audience_country_share'))
               AS audience_country_share,
           arg_min_null(audience_female_share, pos) FILTER (WHERE list_contains(columns, 'audience_female_share'))
               AS audience_female_share,
           arg_min_null(audience_age_18_34_share, pos)
               FILTER (WHERE list_contains(columns, 'audience_age_18_34_share')) AS audience_age_18_34_share,
           arg_min_null(profile_url, pos) FILTER (WHERE list_contains(columns, 'profile_url')) AS profile_url
    FROM ranked
    GROUP BY influencer, account_platform
)
SELECT influencer, platform, name, followers, followers_date, price_per_post,
       -- a list's own engagement rate before an average of likes: the ER is its publisher's measure of recent
       -- posts (top_insta's 60-day rate), while average likes may run over the account's whole life
       coalesce(avg_engagements,
                round(followers * engagement_rate),
                CASE WHEN avg_likes IS NOT NULL
                     THEN avg_likes + coalesce(avg_comments, 0) + coalesce(avg_shares, 0) END) AS avg_engagements,
       avg_likes, avg_comments, avg_views, engagement_rate, country, category, audience_country,
       audience_country_share, audience_female_share, audience_age_18_34_share, profile_url
FROM latest;

-- Contract cost per (campaign, influencer, platform); a contract without platform covers every platform.
-- A campaign is known by its name in lower case: a sheet's 'Summer 26' and the posts' 'summer 26' are one campaign
-- (parsed names carry no surrounding spaces), or the contract's cost was lost and the campaign split in two.
CREATE OR REPLACE TABLE contract_cost AS
SELECT lower(campaign) AS campaign_key, influencer, platform,
       -- a contract with neither fee nor product cost has an unknown cost, not a cost of $0
       sum(CASE WHEN fee IS NOT NULL OR product_cost IS NOT NULL
                THEN coalesce(fee, 0) + coalesce(product_cost, 0) END) AS contract_cost,
       sum(posts_contracted) AS posts_contracted
FROM campaigns
GROUP BY lower(campaign), influencer, platform;

-- A contract's cost spread over the posts delivered for it, per (campaign as the posts spell it, influencer,
-- platform), so that post_facts joins it on the posts' own name: only pairs with a contract of known cost, so it
-- stays small however many posts carry a campaign name.
CREATE OR REPLACE TABLE contract_post_cost AS
WITH delivered AS (
    -- posts of a (campaign, influencer) with some contract only: without one there is nothing to spread, and
    -- with no campaigns file at all the posts are not read
    SELECT p.campaign, lower(p.campaign) AS campaign_key, p.influencer, coalesce(p.platform, 'other') AS platform,
           count(*) AS n
    FROM posts p
    SEMI JOIN contract_cost k ON k.campaign_key = lower(p.campaign) AND k.influencer = p.influencer
    GROUP BY ALL
),
-- a post's contract: the one for its platform (even one of unknown cost), else one that names no platform
-- (covers every platform): the rule of the Campaigns page's queries
paid_by AS (
    SELECT d.campaign, d.campaign_key, d.influencer, d.platform, d.n, own.campaign_key IS NOT NULL AS has_own,
           own.contract_cost AS own_cost, any_platform.contract_cost AS shared_cost
    FROM delivered d
    LEFT JOIN contract_cost own
           ON own.campaign_key = d.campaign_key AND own.influencer = d.influencer AND own.platform = d.platform
    LEFT JOIN contract_cost any_platform
           ON any_platform.campaign_key = d.campaign_key AND any_platform.influencer = d.influencer
          AND any_platform.platform IS NULL
)
SELECT campaign, influencer, platform,
       -- over the contract's posts in every spelling of its campaign
       CASE WHEN has_own THEN own_cost / sum(n) OVER (PARTITION BY campaign_key, influencer, platform)
            -- a contract that names no platform is shared by every post it pays for, on whatever platform:
            -- $300 for one Instagram and two TikTok posts is $100 a post, not $300 on each platform
            ELSE shared_cost / sum(n) FILTER (WHERE NOT has_own) OVER (PARTITION BY campaign_key, influencer)
       END AS cost_per_post
FROM paid_by
QUALIFY cost_per_post IS NOT NULL;

-- One row per influencer and platform, from their posts and their listed profile: the influencer-level facts
-- that band and price filters use, so that all of an influencer's posts are treated alike. Their followers are the
-- latest count: the latest post's, unless a list dated after it (by day) counts them; their price is the listed
-- price, else the median cost paid per post (its fee, else its share of a contract).
CREATE OR REPLACE TABLE influencer_facts AS
WITH from_posts AS (
    SELECT p.influencer, coalesce(p.platform, 'other') AS platform,
           coalesce(arg_max(coalesce(p.followers, pr.followers), p.posted_at),
                    max(coalesce(p.followers, pr.followers))) AS followers,
           max(p.posted_at) FILTER (WHERE p.followers IS NOT NULL) AS followers_at,
           median(coalesce(p.cost, c.cost_per_post)) AS median_cost
    FROM posts p
    LEFT JOIN contract_post_cost c
           ON c.campaign = p.campaign AND c.influencer = p.influencer AND c.platform = coalesce(p.platform, 'other')
    LEFT JOIN influencer_profile pr ON pr.influencer = p.influencer AND pr.platform = coalesce(p.platform, 'other')
    GROUP BY ALL
)
SELECT coalesce(l.influencer, pr.influencer) AS influencer,
       coalesce(l.platform, pr.platform) AS platform,
       l.influencer IS NOT NULL AS has_posts,
       pr.followers AS profile_followers,
       pr.price_per_post AS profile_price,
       CASE WHEN pr.followers IS NOT NULL AND pr.followers_date > CAST(l.followers_at AS DATE)
            THEN pr.followers ELSE coalesce(l.followers, pr.followers) END AS influencer_followers,
       coalesce(pr.price_per_post, l.median_cost) AS influencer_price,
       -- some post has a known cost (its fee, or its share of a contract): the account is judged on what was paid
       coalesce(l.median_cost IS NOT NULL, false) AS has_known_cost
FROM from_posts l
FULL JOIN influencer_profile pr ON pr.influencer = l.influencer AND pr.platform = l.platform;
