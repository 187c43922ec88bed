"""Posts (and orders) that appear more than once: each counts once.

Exports overlap: a January export and a first-quarter export of the same account share January's posts, and a
scraper's pages can repeat a post within one file. Counted twice, such a post doubles its engagements and its
cost in every number. A post is the same post when the same account on the same platform has the same post id
(or, without one, the id its link carries, else the link without its tracking tail; see ml_post_key); its copies
stay loaded (loaded + rejected = rows read still holds, as for an influencer list's repeated accounts) and the
kind's view leaves out all but one: the copy that says what was paid (a cost, a campaign, a sponsored mark) and
when, then the one with the most engagements (counts only grow, so that is the latest snapshot), then the one
loaded last.

Only the files' own tables are read, a hash of the key first: on a million posts without repeats this is one
scan of two columns and a sort of their hashes (about 0.06 s), and the views stay plain unions.

Across files, two tools' names for one Instagram post differ: the Graph API's 1789… id beside the permalink, a
scraper's media id or shortcode, a tracking sheet's bare link (TikTok's and YouTube's links carry their ids). Where
files name posts differently, or ids are not their links' keys, every row is keyed by its link (_BRIDGED), a row
with both an id and a link naming the link of that id where it stands alone.
"""
from __future__ import annotations

import pandas as pd

from . import views
from .db import Database
from .text import counted, in_words

# the kinds whose rows are posts with an id or a link, and the kind whose rows are orders with an id
POST_KINDS = ("posts", "brand_posts")
KINDS = (*POST_KINDS, "conversions")

_KEY = "ml_post_key(post_id, url)"
# The sieve hashes the cells as stored (ml_post_sieve_key), and the exact test below sets apart what the raw cells
# join wrongly (two 'N/A' ids, equal keys of two accounts). What it misses: an id that differs from another only by
# surrounding spaces.
_RAW_KEY = "ml_post_sieve_key(post_id, url)"
# the key's hash, NULL without a key (the key named once: in a WHERE beside the hash it was worked out twice a row)
_HASHED = "CASE WHEN k IS NOT NULL THEN hash(k) END"


def mark(db: Database, kind: str) -> None:
    """Find the kind's repeated posts, keep one copy of each and refresh the view to leave the others out (the view
    a load made is already right when no table gains or loses repeats)."""
    tables = views.data_tables(db, kind)
    # a file's rows never change once loaded (a re-upload is a new table), so the same tables have the same repeats:
    # a campaigns file uploaded beside 10M posts does not count their keys again (1.2 s)
    checked = ",".join(t for t, _ in tables)
    if db.execute("SELECT data_tables FROM repeat_checks WHERE kind = $k", {"k": kind}).fetchall() == [(checked,)]:
        return
    before = views.repeated_tables(db, kind)
    db.execute("DELETE FROM repeated_posts WHERE kind = $k", {"k": kind})
    if kind not in POST_KINDS:
        _mark_orders(db, kind, tables)
    else:
        (_mark_by_link if _bridged(db, kind, tables) else _mark_by_one_key)(db, kind, tables)
    if views.repeated_tables(db, kind) != before:
        views.refresh_view(db, kind)
    db.execute("INSERT OR REPLACE INTO repeat_checks VALUES ($k, $t)", {"k": kind, "t": checked})


def _mark_by_one_key(db: Database, kind: str, tables: list[tuple[str, str]]) -> None:
    """Each row known by one key (ml_post_key): a sieve of hashes first, exact keys for the rows it leaves."""
    keyed = " UNION ALL ".join(f'SELECT {_HASHED} AS h FROM (SELECT {_RAW_KEY} AS k FROM "{t}")' for t, _ in tables)
    # no hash equal to the one before it in order: no two rows share a key (the usual case, and the cheapest test;
    # listing the repeated hashes only a file with repeats then pays for). Sorting beats counting distinct hashes,
    # whose hash table spills beside a table that already fills the session's memory: 1.1 s against 1.4-1.55 s for
    # the first check of 10M posts, 0.064 against 0.068 s at 1M.
    if not keyed or not db.execute(f"SELECT coalesce(bool_or(h = before), false) FROM "
                                   f"(SELECT h, lag(h) OVER (ORDER BY h) AS before FROM ({keyed}))").fetchone()[0]:
        return
    db.execute(f"CREATE OR REPLACE TEMP TABLE repeat_hashes AS SELECT h FROM ({keyed}) WHERE h IS NOT NULL "
               "GROUP BY h HAVING count(*) > 1")
    # exact keys now, on the few rows whose hash repeats
    _keep_one_copy(db, kind, " UNION ALL ".join(
        f"SELECT {_copy_columns(t, n)}, {_KEY} AS post_key "
        f'FROM "{t}" WHERE hash({_RAW_KEY}) IN (SELECT h FROM repeat_hashes) AND {_KEY} IS NOT NULL'
        for n, (t, _) in enumerate(tables)))
    db.execute("DROP TABLE repeat_hashes")


def _mark_by_link(db: Database, kind: str, tables: list[tuple[str, str]]) -> None:
    """Each row known by its link, else the link its id has elsewhere, else its id (_BRIDGED)."""
    copies = _BRIDGED.format(rows=" UNION ALL ".join(
        f"SELECT {_copy_columns(t, n)}, url, {_ID_KEY} AS id_key, {_LINK_KEY} AS link_key FROM \"{t}\""
        for n, (t, _) in enumerate(tables)))
    if db.execute(f"SELECT count(*) > count(DISTINCT hash(influencer, platform, post_key)) "
                  f"FROM ({copies})").fetchone()[0]:
        _keep_one_copy(db, kind, copies)


def _mark_orders(db: Database, kind: str, tables: list[tuple[str, str]]) -> None:
    """Orders exported twice (a May export beside the second quarter's: ROAS 2.61× read 4.62×, unsaid) count once,
    the copy loaded last kept. An order is known by its order id with its code, influencer, date and amounts; rows
    without an id by those alone, and then only across files: one file's two rows of one code on one day for the
    same amount are two orders, and a second file's copies of them two copies (the n-th of each file paired)."""
    if not tables:
        return
    fields = "order_id, coupon_code, influencer, date, orders, revenue, signups"
    rows = " UNION ALL ".join(
        f"SELECT '{t}' AS data_table, {n} AS load_order, rowid AS row_id, {fields}, "
        f"CASE WHEN order_id IS NULL THEN row_number() OVER (PARTITION BY {fields} ORDER BY rowid) END AS nth "
        f'FROM "{t}"' for n, (t, _) in enumerate(tables))
    db.execute(f"""
        INSERT INTO repeated_posts
        SELECT $k, data_table, row_id, kept_table FROM (
            SELECT data_table, row_id, first_value(data_table) OVER w AS kept_table, row_number() OVER w AS copy
            FROM ({rows})
            WINDOW w AS (PARTITION BY {fields}, nth ORDER BY load_order DESC, row_id))
        WHERE copy > 1""", {"k": kind})


def _bridged(db: Database, kind: str, tables: list[tuple[str, str]]) -> bool:
    """Whether the kind's posts are keyed across files by link (_BRIDGED): two files or more, with links, where
    some rows name a post by id and link and others by one of them alone (or by the id alone and by the link
    alone), or where an id is not its link's key (a tool's own number, as Instagram's Graph API id: another tool's
    may differ); never where a link names more than one id (an account's page beside each post's id would make its
    posts one). Files whose ids are their links' keys and name posts alike (TikTok's or YouTube's, a tool's monthly
    exports) keep the sieve: keying every row by its link costs 0.3 s more per million posts (two files of 500,000
    without repeats: 0.37 s against 0.07 s); telling them apart ~0.02 s (100 rows with both of each file)."""
    if len(tables) < 2:
        return False
    named = " UNION ALL ".join(f'SELECT post_id IS NULL AS no_id, url IS NULL AS no_link FROM "{t}"' for t, _ in tables)
    mixed, has_links = db.execute(f"SELECT count(DISTINCT [no_id, no_link]) FILTER (WHERE NOT (no_id AND no_link)) "
                                  f"> 1, NOT bool_and(no_link) FROM ({named})").fetchone()
    if not has_links:
        return False
    both = " UNION ALL ".join(
        f"(SELECT {n} AS file, {_ID_KEY} AS id_key, {_LINK_KEY} AS link_key FROM \"{t}\" "
        "WHERE post_id IS NOT NULL AND url IS NOT NULL LIMIT 100)" for n, (t, _) in enumerate(tables))
    # (on the rows whose both cells name something: an 'N/A' beside an id is no link)
    differ, per_post = db.execute(
        "SELECT coalesce(bool_or(differ), false), coalesce(bool_and(per_post), true) FROM ("
        "SELECT bool_or(id_key IS DISTINCT FROM link_key) AS differ, "
        f"count(DISTINCT link_key) >= count(DISTINCT id_key) AS per_post FROM ({both}) "
        "WHERE id_key IS NOT NULL AND link_key IS NOT NULL GROUP BY file)").fetchone()
    return per_post and (mixed or differ)


# A post's id alone and the post id its link carries (NULL for an account's page or any other link), for _BRIDGED
_ID_KEY, _LINK_KEY = "ml_post_key(post_id, NULL)", "ml_link_post_id(ml_text(url))"
# Every row of the kind's files keyed by the post id its link carries, the name every tool gives a post alike; a
# row without one by the link its id has in a row with both (the least, were an id given two), else by its id, else
# by its other link (ml_link_key). (The sieve of _mark_by_one_key cannot see these repeats: an id and a link are
# never the same cells.)
_BRIDGED = """
    WITH keyed AS ({rows}),
    bridge AS (SELECT influencer, platform, id_key, min(link_key) AS link_key FROM keyed
               WHERE link_key IS NOT NULL AND id_key IN (SELECT id_key FROM keyed WHERE link_key IS NULL)
               GROUP BY ALL),
    named AS (
        SELECT k.* EXCLUDE (id_key, link_key, url),
               CASE WHEN k.link_key IS NOT NULL THEN k.link_key WHEN b.link_key IS NOT NULL THEN b.link_key
                    WHEN k.id_key IS NOT NULL THEN k.id_key ELSE ml_link_key(ml_text(k.url)) END AS post_key
        FROM keyed k
        LEFT JOIN bridge b ON k.link_key IS NULL AND b.influencer = k.influencer
                          AND b.platform IS NOT DISTINCT FROM k.platform AND b.id_key = k.id_key)
    SELECT * FROM named WHERE post_key IS NOT NULL"""


def _copy_columns(table: str, load_order: int) -> str:
    """What _keep_one_copy weighs a row by (table names come from the loads table, never from a user)."""
    return (f"'{table}' AS data_table, {load_order} AS load_order, rowid AS row_id, influencer, platform, cost, "
            "campaign, sponsored, posted_at, metric_engagements(likes, comments, shares, saves) AS engagements")


def _keep_one_copy(db: Database, kind: str, copies: str) -> None:
    """Mark all but one row of each (account, platform, post_key) among `copies` (rows of _copy_columns and a
    post_key) as repeats."""
    db.execute(f"""
        INSERT INTO repeated_posts
        SELECT $k, data_table, row_id, kept_table FROM (
            SELECT data_table, row_id, first_value(data_table) OVER w AS kept_table, row_number() OVER w AS copy
            FROM ({copies})
            -- the copy that says what was paid (a cost, a campaign whose contract it delivers, a sponsored
            -- mark) and when, before the one with later counts: a scrape's copy with more likes dropped a
            -- campaign file's, and its contract's cost with it
            WINDOW w AS (PARTITION BY influencer, platform, post_key
                         ORDER BY cost IS NULL, campaign IS NULL, sponsored IS NOT TRUE, posted_at IS NULL,
                                  engagements DESC NULLS LAST, load_order DESC, row_id))
        WHERE copy > 1""", {"k": kind})


def mark_all(db: Database) -> None:
    for kind in KINDS:
        mark(db, kind)


# what makes two rows one post, or one order, in the words every page says it in
SAME_POST = "same account, platform and post id or link"
SAME_ORDER = "same order id, or without one the same code, date and amounts in another file"


def note(rows_repeated: int, kept_in: list[str], file_name: str, kind: str = "posts") -> str:
    """The Data page's and `check`'s sentence for a file with repeated posts (or orders)."""
    where = [("this file" if f == file_name else f"'{f}'") for f in kept_in]
    if kind not in POST_KINDS:
        return (f"{counted(rows_repeated, 'row repeats an order', 'rows repeat orders')} of {in_words(where)} "
                f"({SAME_ORDER}): each order counts once in every number.")
    return (f"{counted(rows_repeated, 'row repeats a post', 'rows repeat posts')} of {in_words(where)} "
            f"({SAME_POST}): each post counts once in every number, from its copy with a cost or campaign, else the "
            "one with the most engagements.")


def summary(repeated: pd.DataFrame) -> str:
    """The Overview's sentence over queries/repeated_posts.sql's rows (one or more): how many loaded rows repeat a
    post and how many an order."""
    orders = ~repeated["kind"].isin(POST_KINDS)
    posts_n, orders_n = (int(repeated.loc[rows, "rows_repeated"].sum()) for rows in (~orders, orders))
    parts = [counted(n, f"loaded row repeats {what}", f"loaded rows repeat {what}") + f" ({same})"
             for n, what, same in ((posts_n, "a post of another row", SAME_POST), (orders_n, "an order", SAME_ORDER))
             if n]
    return "; ".join(parts) + ": each counts once. The Data page names the files."
