-- purpose: purchase-intent comments per influencer and platform. A comment belongs to the post with its
--   post_id, else to the post with its link (ml_link_key: the post id a TikTok, YouTube or Instagram link
--   carries, else the link without scheme, "www.", query, fragment and trailing "/", host in any case), else to
--   the comment's own influencer column. Comments that match no influencer at all come out under influencer NULL, never dropped.
--   The global filters apply as to posts: a comment counts when its post is in the date range, on a chosen
--   platform and in a chosen campaign; a comment matched to no post by its own date and platform, and not
--   at all when campaigns are chosen (nothing ties it to one). Bands and prices are influencer-level: the
--   page keeps the rows of the influencers its table shows.
-- params: $pattern VARCHAR  (microlens.intent.build_pattern(lexicon); matched against lower(text)),
--         $platforms VARCHAR[], $date_from DATE, $date_to DATE, $campaigns VARCHAR[] (empty list = all)
-- returns: influencer, platform, comments, intent_comments, intent_rate (fraction of comments),
--   examples (VARCHAR[]: up to 3 distinct intent comments, newest first)
WITH post_by_id AS (
    SELECT post_id, influencer, platform, posted_at, campaign
    FROM posts
    WHERE post_id IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY post_id ORDER BY source_file, source_row) = 1
),
-- a link as every page keys it (ml_link_key): the post id it carries (a YouTube link's '?v=' id: without its query
-- every YouTube comment was its file's first video's), else the link without scheme, 'www.', query or closing '/'
post_by_url AS (
    SELECT ml_link_key(url) AS url_key, influencer, platform, posted_at, campaign
    FROM posts
    WHERE ml_link_key(url) <> ''
    QUALIFY row_number() OVER (PARTITION BY url_key ORDER BY source_file, source_row) = 1
),
comment_keyed AS (
    SELECT *, ml_link_key(url) AS url_key
    FROM comments
),
owned AS (
    SELECT CASE WHEN by_id.post_id IS NOT NULL THEN by_id.influencer
                WHEN by_url.url_key IS NOT NULL THEN by_url.influencer
                ELSE c.influencer END AS influencer,
           CASE WHEN by_id.post_id IS NOT NULL THEN coalesce(by_id.platform, c.platform)
                WHEN by_url.url_key IS NOT NULL THEN coalesce(by_url.platform, c.platform)
                ELSE c.platform END AS platform,
           -- the date and campaign the filters see: the post's, else the comment's own date and no campaign
           CASE WHEN by_id.post_id IS NOT NULL THEN by_id.posted_at
                WHEN by_url.url_key IS NOT NULL THEN by_url.posted_at
                ELSE c.date END AS filter_date,
           CASE WHEN by_id.post_id IS NOT NULL THEN by_id.campaign
                WHEN by_url.url_key IS NOT NULL THEN by_url.campaign END AS filter_campaign,
           c.text, c.date, c.source_file, c.source_row,
           coalesce(regexp_matches(lower(c.text), $pattern), false) AS is_intent
    FROM comment_keyed AS c
    LEFT JOIN post_by_id AS by_id ON by_id.post_id = c.post_id
    LEFT JOIN post_by_url AS by_url ON by_url.url_key = c.url_key
),
-- The global filters, as filtered_posts applies them to posts (a post without a date stays in every range).
kept AS (
    SELECT *
    FROM owned
    WHERE (len(CAST($platforms AS VARCHAR[])) = 0
           OR list_contains(CAST($platforms AS VARCHAR[]), coalesce(platform, 'other')))
      AND (CAST($date_from AS DATE) IS NULL OR filter_date IS NULL OR filter_date >= CAST($date_from AS DATE))
      AND (CAST($date_to AS DATE) IS NULL OR filter_date IS NULL
           OR filter_date < CAST($date_to AS DATE) + INTERVAL 1 DAY)
      AND (len(CAST($campaigns AS VARCHAR[])) = 0
           OR list_contains(CAST($campaigns AS VARCHAR[]), filter_campaign))
),
-- One row per distinct intent text per group, so a copy-pasted "link?" fills one example slot, not three.
example_candidates AS (
    SELECT influencer, platform, text, date, source_file, source_row
    FROM kept
    WHERE is_intent
    QUALIFY row_number() OVER (PARTITION BY influencer, platform, text
                               ORDER BY date DESC NULLS LAST, source_file, source_row) = 1
),
examples AS (
    SELECT influencer, platform,
           list(text ORDER BY date DESC NULLS LAST, source_file, source_row)[1:3] AS examples
    FROM example_candidates
    GROUP BY influencer, platform
)
SELECT g.influencer,
       g.platform,
       g.comments,
       g.intent_comments,
       g.intent_comments / g.comments AS intent_rate,
       coalesce(e.examples, []::VARCHAR[]) AS examples
FROM (
    SELECT influencer, platform, count(*) AS comments, count(*) FILTER (WHERE is_intent) AS intent_comments
    FROM kept
    GROUP BY influencer, platform
) AS g
LEFT JOIN examples AS e
    ON e.influencer IS NOT DISTINCT FROM g.influencer AND e.platform IS NOT DISTINCT FROM g.platform
ORDER BY g.intent_comments DESC, g.influencer NULLS LAST, g.platform NULLS LAST
