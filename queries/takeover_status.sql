-- purpose: whether the Takeover lift page has what it needs: the brand's own posts, how many are dated, their
--          date span and platforms (the defaults of the custom window).
-- params: none
-- returns: brand_posts, dated_posts, first_post DATE, last_post DATE, platforms VARCHAR[]
SELECT count(*) AS brand_posts,
       count(posted_at) AS dated_posts,
       CAST(min(posted_at) AS DATE) AS first_post,
       CAST(max(posted_at) AS DATE) AS last_post,
       coalesce(list_sort(list_distinct(list(coalesce(platform, 'other')))), []) AS platforms
FROM brand_posts
