-- purpose: the contracts with a known cost, and how many of them reach a loaded post: a contract's cost reaches
--          posts through the posts' campaign column, which a platform's own export (Instagram's, TikTok's) does
--          not have, or, for a post without one, through the contract's start and end dates
--          (microlens.contract_windows). Overview says which, and so where no post counts as paid.
-- params: none
-- returns: contracts (with a known cost), contract_cost (their total cost), named (of them, those whose cost reaches
--          a post: contract_post_cost's rule, the post's campaign and influencer, and its platform unless the
--          contract names none), dated_posts (posts without a campaign that a contract's dates claim, copies of
--          repeated posts left out)
SELECT count(*) AS contracts,
       sum(k.contract_cost) AS contract_cost,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contract_post_cost c
                                      WHERE lower(c.campaign) = k.campaign_key AND c.influencer = k.influencer
                                        AND (k.platform IS NULL OR c.platform = k.platform)))
           AS named,
       (SELECT count(*) FROM dated_campaigns d
        ANTI JOIN repeated_posts r ON r.data_table = d.data_table AND r.row_id = d.row_id) AS dated_posts
FROM contract_cost k
WHERE k.contract_cost IS NOT NULL
