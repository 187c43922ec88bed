"""Posts that name no campaign, counted for a contract by their date.

A contract's fee reaches posts through the posts' campaign column, and a platform's own export (Instagram's,
TikTok's, a Business Suite report) has none: beside a sheet of dated contracts every post stayed unpaid. A post
without a campaign is the contract's when its influencer has a contract whose start and end hold its day (on the
post's platform, or on any when the contract names none), and the file does not say it was unpaid (sponsored
false). Where two campaigns' contracts hold the day, the post stays without one: which paid for it is a guess.
A contract without both dates claims nothing: an open window would take every later post, paid or not.

The claimed campaign is read through the posts view (views.refresh_view), so every page's query sees it as if the
file had named it: contract costs, delivered posts, the campaign filter.
"""
from __future__ import annotations

from . import views
from .db import Database

# the rule as the pages say it
RULE = ("A contract's fee is spread over the posts that name its campaign; a post that names none is its "
        "influencer's contract's when posted between the contract's start and end dates (not when marked unpaid, "
        "nor where two campaigns' dates overlap).")
# the contracts that can claim a post: dated at both ends
_DATED = "start_date IS NOT NULL AND end_date IS NOT NULL"


def match(db: Database) -> None:
    """Fill dated_campaigns from the loaded posts and contracts, and refresh the posts view when the tables holding
    such posts change. Without a dated contract the posts are not read."""
    before = views.dated_tables(db, "posts")
    db.execute("DELETE FROM dated_campaigns")
    if db.execute(f"SELECT EXISTS (FROM campaigns WHERE {_DATED})").fetchone()[0]:
        for table, _ in views.data_tables(db, "posts"):
            db.execute(f"""
                INSERT INTO dated_campaigns
                SELECT '{table}', p.rowid, min(c.campaign)
                FROM "{table}" p
                JOIN (FROM campaigns WHERE {_DATED}) c
                  ON c.influencer = p.influencer AND (c.platform IS NULL OR c.platform = coalesce(p.platform, 'other'))
                 AND CAST(p.posted_at AS DATE) BETWEEN c.start_date AND c.end_date
                WHERE p.campaign IS NULL AND p.sponsored IS NOT false
                GROUP BY p.rowid
                HAVING count(DISTINCT lower(c.campaign)) = 1""")
    if views.dated_tables(db, "posts") != before:
        views.refresh_view(db, "posts")
