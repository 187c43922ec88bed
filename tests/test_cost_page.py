"""Cost vs celebrity: what the page says about the accounts its chart and counts cannot show."""
from __future__ import annotations

import dataclasses
import datetime as dt

from microlens import area_cost
from microlens import db as mdb
from microlens import ingest
from microlens.context import Context
from microlens.filters import Filters
from tests.conftest import write_csv

# ana was paid $100 for her March post; in April she posted unpaid. bea has a listed price, cat none (the rate card
# estimates hers). All three are micro (10K-100K followers).
POSTS = """influencer,platform,followers,posted_at,likes,comments,cost
ana,instagram,20000,2026-03-01,900,100,100
ana,instagram,20000,2026-04-10,500,50,
bea,instagram,30000,2026-04-12,800,20,
cat,instagram,40000,2026-04-14,700,30,
"""
INFLUENCERS = """influencer,platform,followers,price_per_post
bea,instagram,30000,200
"""


def test_a_micro_account_without_a_cost_in_the_filters_is_named_not_dropped(tmp_path):
    db = mdb.new_database()
    ingest.ingest_path(db, write_csv(tmp_path, "posts.csv", POSTS), kind="posts")
    ingest.ingest_path(db, write_csv(tmp_path, "influencers.csv", INFLUENCERS), kind="influencers")
    every = Context(db=db)
    assert area_cost.without_cost_note(every, area_cost.summary(every)) is None      # all three have a cost
    # April only: ana's paid post is outside, and a paid account is never costed at an estimate, so she has no
    # cost; bea (listed price) and cat (rate card) are estimated
    april = Context(db=db, filters=dataclasses.replace(Filters(), date_from=dt.date(2026, 4, 1)))
    s = area_cost.summary(april)
    assert s.influencers.set_index("influencer")["cost"].isna().to_dict() == {"ana": True, "bea": False,
                                                                              "cat": False}
    assert area_cost.without_cost_note(april, s) == (
        "1 micro account in the filters has no cost on its posts here, so it is not drawn or counted on this page: "
        "it was paid only for posts outside the filters, and an account that was paid is costed on its paid "
        "posts, never at an estimate.")
    # known costs only: bea and cat have none either
    known = Context(db=db, filters=dataclasses.replace(april.filters, use_estimates=False))
    assert area_cost.without_cost_note(known, area_cost.summary(known)) == (
        "3 micro accounts in the filters have no cost on their posts here, so they are not drawn or counted on this "
        "page: none has a fee or contract in the filters, and 'Estimate unknown costs' is off.")
    db.close()
