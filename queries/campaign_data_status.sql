-- purpose: whether the Campaigns page has what it needs: campaign contracts, conversions, campaign posts.
-- params: none
-- returns: contract_rows, conversion_rows, campaign_posts
SELECT (SELECT count(*) FROM campaigns) AS contract_rows,
       (SELECT count(*) FROM conversions) AS conversion_rows,
       (SELECT count(*) FROM posts WHERE campaign IS NOT NULL) AS campaign_posts
