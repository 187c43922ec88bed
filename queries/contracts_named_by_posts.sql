-- purpose: the contracts with a known cost, and how many of them a loaded post names: a contract's cost reaches
--          posts only through the posts' campaign column, which a platform's own export (Instagram's, TikTok's)
--          does not have. Overview says so where no post counts as paid.
-- params: none
-- returns: contracts (with a known cost), contract_cost (their total cost), named (of them, those whose cost reaches
--          a post: contract_post_cost's rule, the post's campaign and influencer, and its platform unless the
--          contract names none)
SELECT count(*) AS contracts,
       sum(k.contract_cost) AS contract_cost,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contract_post_cost c
                                      WHERE lower(c.campaign) = k.campaign_key AND c.influencer = k.influencer
                                        AND (k.platform IS NULL OR c.platform = k.platform)))
           AS named
FROM contract_cost k
WHERE k.contract_cost IS NOT NULL
