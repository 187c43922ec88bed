"""Cost vs celebrity: what the page says about the accounts its chart and counts cannot show."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from microlens import area_cost
from microlens import db as mdb
from microlens import ingest
from microlens.context import Context
from microlens.facts import rebuild_facts
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


def test_the_overview_names_the_celebrity_benchmark_when_no_celebrity_has_a_cost(tmp_path):
    # ana (20K, micro) is priced by the rate card; zed (2M followers) has none: the rate card stops at 1M
    db = mdb.new_database()
    ingest.ingest_path(db, write_csv(tmp_path, "posts.csv", "influencer,platform,followers,posted_at,likes\n"
                                                         "ana,instagram,20000,2026-03-01,900\n"
                                                         "zed,instagram,2000000,2026-03-02,40000\n"), kind="posts")
    ctx = Context(db=db)
    bands = ctx.query("cpe_by_band", leave_out_viral=True, viral_er=1.0)
    assert bands.set_index("band")["cpe"].isna().to_dict() == {"micro": False, "celebrity": True}
    prices, ers, followers = ctx.celebrity()
    low, high = area_cost.bm.celebrity_cpe_range(prices, followers, ers)
    note = area_cost.unpriced_celebrity_note(ctx, bands)
    assert note is not None and f"${low:.2f}–${high:.2f} per engagement" in note
    # its low end is Markerly's likes-only ER: the note says the sources count engagements their own way
    assert "each source counting engagements its own way (likes only, or likes + comments)" in note
    # a listed price for zed gives the celebrity band a cost: the chart answers the question itself
    ingest.ingest_path(db, write_csv(tmp_path, "influencers.csv", "influencer,platform,followers,price_per_post\n"
                                                                "zed,instagram,2000000,25000\n"), kind="influencers")
    priced = ctx.query("cpe_by_band", leave_out_viral=True, viral_er=1.0)
    assert priced.set_index("band")["cpe"].notna().all()
    assert area_cost.unpriced_celebrity_note(ctx, priced) is None
    # no celebrity account in the filters: nothing to say
    assert area_cost.unpriced_celebrity_note(ctx, bands[bands["band"] == "micro"]) is None
    db.close()


def test_the_table_says_what_its_columns_count_when_cost_over_engagements_is_not_the_cpe(tmp_path):
    # ana: $100 for a post of 1,000 engagements and an unpaid post of 500: cost $100, engagements 1,500, CPE
    # $100 / 1,000 = $0.10 where $100 / 1,500 reads $0.067 (a client divided the two columns)
    db = mdb.new_database()
    ingest.ingest_path(db, write_csv(tmp_path, "posts.csv", "influencer,platform,followers,posted_at,likes,cost\n"
                                                         "ana,instagram,20000,2026-03-01,1000,100\n"
                                                         "ana,instagram,20000,2026-03-02,500,\n"
                                                         "bo,instagram,30000,2026-03-01,2000,50\n"), kind="posts")
    ctx = Context(db=db, filters=Filters(use_estimates=False))
    section = area_cost.sections(ctx)[0]
    rows = section.table.set_index("influencer")
    assert (rows.loc["ana", "cost"], rows.loc["ana", "engagements"]) == (100, 1500)
    assert rows.loc["ana", "cpe"] == pytest.approx(0.10)
    assert "so cost ÷ engagements is not the CPE of an account that also has unpaid posts. Celebrity range" in (
        section.source)
    # every post paid: cost ÷ engagements is the CPE on every row, and nothing needs saying
    ingest.forget_file(db, "posts.csv")
    ingest.ingest_path(db, write_csv(tmp_path, "paid.csv", "influencer,platform,followers,posted_at,likes,cost\n"
                                                         "bo,instagram,30000,2026-03-01,2000,50\n"), kind="posts")
    rebuild_facts(db)
    assert "unpaid posts" not in area_cost.sections(Context(db=db, filters=Filters(use_estimates=False)))[0].source
    db.close()


def test_an_account_from_an_influencer_list_has_no_post_count_in_the_table_and_its_exports():
    # "Posts 0" stood beside zendaya's 4,777,190 engagements (the list's averages) in the workbook
    import io

    import openpyxl

    from microlens import export
    from tests.conftest import REALDATA

    database = mdb.new_database()
    for name in ("tiktok_vn_posts_recrawled.csv", "top_insta_influencers_data.csv"):
        ingest.ingest_path(database, REALDATA / name)
    sec = next(sec for sec in area_cost.sections(Context(db=database)) if sec.key == "cost_vs_celebrity")
    listed = sec.table["platform"] == "instagram"          # the Instagram list has no posts; the crawl has
    assert listed.any() and sec.table.loc[listed, "engagements"].gt(0).all()
    assert sec.table.loc[listed, "posts"].isna().all() and sec.table.loc[~listed, "posts"].ge(1).all()
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx([sec]))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and "Posts" in r and "Platform" in r)
    body = [r for r in rows[rows.index(header) + 1:] if r and r[0]]
    by_platform = {(r[header.index("Platform")], r[header.index("Posts")] is None) for r in body}
    assert by_platform == {("Instagram", True), ("TikTok", False)}
    database.close()
