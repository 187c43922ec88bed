-- purpose: the takeover windows the Takeover lift page offers. One row per campaign whose dates are known:
--          from its contracts (earliest start to latest end in the campaigns file) and from the brand's own
--          posts marked with it, whichever reaches further. Plus one row (campaign NULL) for brand posts marked
--          sponsored without a campaign. Windows with an unknown start or end are left out.
-- params: none
--          A campaign is one whatever its case ('Summer 26' in the sheet, 'summer 26' on the brand's posts), shown
--          in one spelling, as facts.sql and filter_options.sql match it.
-- returns: campaign, start_date DATE, end_date DATE, brand_takeover_posts (brand posts marked with the
--          campaign, or sponsored ones for the NULL row)
WITH contract_dates AS (
    SELECT lower(campaign) AS campaign_key, min(campaign) AS campaign, min(start_date) AS start_date,
           max(end_date) AS end_date
    FROM campaigns
    GROUP BY lower(campaign)
),
marked AS (
    SELECT lower(campaign) AS campaign_key, min(campaign) AS campaign,
           CAST(min(posted_at) AS DATE) AS first_post,
           CAST(max(posted_at) AS DATE) AS last_post,
           count(*) AS brand_takeover_posts
    FROM brand_posts
    WHERE posted_at IS NOT NULL AND (campaign IS NOT NULL OR sponsored)
    GROUP BY lower(campaign)
)
SELECT least(c.campaign, m.campaign) AS campaign,
       least(c.start_date, m.first_post) AS start_date,      -- least/greatest skip NULLs
       greatest(c.end_date, m.last_post) AS end_date,
       coalesce(m.brand_takeover_posts, 0) AS brand_takeover_posts
FROM contract_dates c
FULL OUTER JOIN marked m ON m.campaign_key = c.campaign_key
WHERE least(c.start_date, m.first_post) IS NOT NULL
  AND greatest(c.end_date, m.last_post) IS NOT NULL
ORDER BY brand_takeover_posts DESC, start_date, campaign NULLS LAST
