-- purpose: the choices the global filters offer (platforms, campaigns, date span) for loaded data.
--          Campaigns and dates come from the campaigns and conversions files as well as the posts: a campaign
--          with contracts and orders but no tagged post is still chosen on the Campaigns page, and sign-ups
--          dated after the last post are still inside a range that the picker can reach. A campaign is one
--          choice whatever its case ('Summer 26' in the posts, 'summer 26' in the sheet), as facts.sql matches it.
-- params: none
-- returns: platforms VARCHAR[], campaigns VARCHAR[], first_date DATE, last_date DATE
WITH posts AS (
    SELECT coalesce(list_sort(list_distinct(list(platform))), []) AS platforms,
           list_distinct(list(campaign) FILTER (WHERE campaign IS NOT NULL)) AS campaigns,
           CAST(min(posted_at) AS DATE) AS first_date,
           CAST(max(posted_at) AS DATE) AS last_date
    FROM post_facts
),
contracts AS (
    SELECT list_distinct(list(campaign)) AS campaigns,
           least(min(start_date), min(end_date)) AS first_date,
           greatest(max(start_date), max(end_date)) AS last_date
    FROM campaigns
),
orders AS (
    SELECT min(date) AS first_date, max(date) AS last_date FROM conversions
),
named AS (
    SELECT unnest(flatten([coalesce(p.campaigns, []), coalesce(c.campaigns, [])])) AS campaign
    FROM posts p, contracts c
),
spelled AS (
    SELECT coalesce(list_sort(list(spelling)), []) AS campaigns
    FROM (SELECT min(campaign) AS spelling FROM named GROUP BY lower(campaign))
)
SELECT p.platforms,
       s.campaigns,
       least(p.first_date, c.first_date, o.first_date) AS first_date,
       greatest(p.last_date, c.last_date, o.last_date) AS last_date
FROM posts p, contracts c, orders o, spelled s
