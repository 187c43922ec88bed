-- purpose: the choices the global filters offer (platforms, campaigns, date span, price span) for loaded data.
-- params: none
-- returns: platforms VARCHAR[], campaigns VARCHAR[], first_post TIMESTAMP, last_post TIMESTAMP,
--          min_price DOUBLE, max_price DOUBLE
SELECT coalesce(list_sort(list_distinct(list(platform))), []) AS platforms,
       coalesce(list_sort(list_distinct(list(campaign) FILTER (WHERE campaign IS NOT NULL))), []) AS campaigns,
       min(posted_at) AS first_post,
       max(posted_at) AS last_post,
       min(influencer_price) AS min_price,
       max(influencer_price) AS max_price
FROM post_facts
