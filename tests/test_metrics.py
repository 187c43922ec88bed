"""Metrics on a small fixture worked out by hand; and the catalog is the only place formulas live."""
from __future__ import annotations

import re

import numpy as np
import pytest

from microlens import bands, ingest, metrics, theme
from microlens import db as mdb
from microlens.filters import Filters
from tests.conftest import band_of, cost_rows, write_csv

POSTS = """influencer,platform,followers,posted_at,likes,comments,shares,saves,cost,campaign
a,instagram,20000,2026-01-01,400,20,10,,100,C1
a,instagram,20000,2026-01-08,200,10,,,,C1
a,instagram,20000,2026-01-15,600,30,,,,
b,tiktok,2000000,2026-01-03,30000,500,1000,500,50000,
c,instagram,9999,2026-01-04,500,0,0,0,40,
"""
CAMPAIGNS = """campaign,influencer,platform,fee,product_cost,posts_contracted,coupon_code
C1,a,instagram,300,60,3,AAA10
"""


@pytest.fixture
def fixture_db(database, tmp_path):
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", POSTS), kind="posts")
    ingest.ingest_path(database, write_csv(tmp_path, "campaigns.csv", CAMPAIGNS), kind="campaigns")
    return database


def rows(database, f: Filters):
    table = mdb.run(database, "influencer_table", f.params())
    return {r.influencer: r for r in table.itertuples()}


def overview_params(f: Filters, leave_out_viral: bool = False) -> dict:
    return {**f.params(), "leave_out_viral": leave_out_viral, "viral_er": metrics.VIRAL_ER}


def test_known_costs_only(fixture_db):
    r = rows(fixture_db, Filters(use_estimates=False))
    # a: engagements 430 (400+20+10), 210, 630 -> ER 0.0215, 0.0105, 0.0315 -> median 0.0215
    assert r["a"].median_er == pytest.approx(0.0215)
    assert r["a"].mean_er == pytest.approx((0.0215 + 0.0105 + 0.0315) / 3)
    # cost: post 1 its own fee $100; post 2 the contract (300 + 60) / 2 delivered posts = $180; post 3 unknown.
    # CPE over posts with a known cost = (100 + 180) / (430 + 210) = 0.4375
    assert r["a"].cost == pytest.approx(280)
    assert r["a"].cpe == pytest.approx(0.4375)
    assert r["a"].engagements == 1270 and r["a"].posts == 3
    assert not r["a"].cost_estimated
    # b: 50000 / (30000 + 500 + 1000 + 500) = 1.5625
    assert r["b"].cpe == pytest.approx(1.5625)
    assert (r["a"].band, r["b"].band, r["c"].band) == ("micro", "celebrity", "nano")   # 9,999 is below micro


# e: an account nobody paid, 20,000 followers, two posts of 320 and 530 engagements (no fee, no contract).
UNPAID = "e,instagram,20000,2026-01-05,300,20,0,0,,\ne,instagram,20000,2026-01-12,500,30,0,0,,\n"


def test_estimated_costs_are_marked(database, tmp_path):
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", POSTS + UNPAID), kind="posts")
    ingest.ingest_path(database, write_csv(tmp_path, "campaigns.csv", CAMPAIGNS), kind="campaigns")
    r = rows(database, Filters(use_estimates=True, rate_per_1k=10))
    # e's posts are estimated at 20,000 / 1,000 × $10 = $200 each: CPE 400 / (320 + 530)
    assert r["e"].cost == pytest.approx(400) and r["e"].cpe == pytest.approx(400 / 850) and r["e"].cost_estimated
    # a was paid for posts 1 and 2, so its unpaid post 3 gets no estimate: an account that was paid is costed on
    # what was paid, (100 + 180) / (430 + 210), as with estimates off
    assert r["a"].cost == pytest.approx(280) and r["a"].cpe == pytest.approx(0.4375)
    assert not r["a"].cost_estimated and not r["b"].cost_estimated
    # e's CPE is then only the rate over its engagement rate, which the Cost page's finding says
    by_account = cost_rows(database, Filters(use_estimates=True, rate_per_1k=10))
    rate_card_only = by_account[by_account["level"] == "influencer"].set_index("influencer")["rate_card_only"]
    assert rate_card_only.to_dict() == {"a": False, "b": False, "c": False, "e": True}


def test_an_account_without_followers_gets_no_estimate(database, tmp_path):
    # z reports 0 followers (a failed crawl): the rate card would price its post at $0, the "cheapest" account.
    posts = POSTS + ("z,tiktok,0,2026-01-05,900,50,10,5,,\ny,tiktok,,2026-01-05,90,5,1,0,,\n"
                     "x,tiktok,5000,2026-01-05,90,5,1,0,,\n")
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", posts), kind="posts")
    r = rows(database, Filters(use_estimates=True, rate_per_1k=10))
    for name in ("z", "y"):
        assert r[name].cost != r[name].cost and r[name].cpe != r[name].cpe     # NaN: unknown, not $0
        assert not r[name].cost_estimated
    # nor a price per post, the influencer-level figure the price filter and the planner use
    prices = mdb.run(database, "influencer_table", Filters(use_estimates=True, rate_per_1k=10).params())
    prices = prices.set_index("influencer")["price"]
    assert prices.isna()["z"] and prices.isna()["y"] and prices["x"] == pytest.approx(50)   # 5,000 / 1,000 × $10
    # the others as before (no campaigns file here: a was paid $100 for post 1 only, and posts 2 and 3 get no
    # estimate because a was paid)
    assert r["c"].cost == pytest.approx(40) and r["a"].cost == pytest.approx(100) and r["x"].cost == pytest.approx(50)


def test_a_posts_estimate_is_its_accounts_price_from_its_latest_follower_count(database, tmp_path):
    # g grew past 1M: posts at 950K, 980K and 1,050K followers, 9,100 engagements each, nobody paid it. Its band is
    # celebrity (its latest count) and the rate card stops at 1M, so none of its posts has an estimate (at the
    # counts of post time its first two were $9,500 and $9,800, a celebrity CPE of $1.06 under a blank price).
    # h shrank under it: 1.1M then 990K, a mid account whose price is 990 × $10 = $9,900, each post's estimate.
    posts = ("influencer,platform,followers,posted_at,likes,comments\n"
             "g,instagram,950000,2026-01-01,9000,100\ng,instagram,980000,2026-01-08,9000,100\n"
             "g,instagram,1050000,2026-01-15,9000,100\n"
             "h,instagram,1100000,2026-01-01,9000,100\nh,instagram,990000,2026-01-08,9000,100\n")
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", posts), kind="posts")
    r = rows(database, Filters(use_estimates=True, rate_per_1k=10))
    assert (r["g"].band, r["h"].band) == ("celebrity", "mid")
    assert r["g"].cost != r["g"].cost and not r["g"].cost_estimated and r["g"].price != r["g"].price   # NaN
    # h: 2 × $9,900 over 2 × 9,100 engagements
    assert r["h"].price == pytest.approx(9_900) and r["h"].cost == pytest.approx(19_800)
    assert r["h"].cpe == pytest.approx(19_800 / 18_200) and r["h"].cost_estimated



def test_a_list_dated_after_the_latest_post_gives_the_latest_follower_count(database, tmp_path):
    # m's last post (1 May) counts 99,999 followers and n's 10,000; a list of 30 June counts 100,500 and 9,800: the
    # latest counts put m in mid and n in nano. o's list is of 1 April, before its post's 50,000; p's list has no
    # date: the posts' count stands for both. q's posts count no followers: the list's count stands, whatever its day.
    posts = ("influencer,platform,followers,posted_at,likes\n"
             "m,instagram,99999,2026-05-01,900\nn,instagram,10000,2026-05-01,300\n"
             "o,instagram,50000,2026-05-01,500\np,instagram,60000,2026-05-01,600\nq,instagram,,2026-05-01,700\n")
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", posts), kind="posts")
    ingest.ingest_path(database, write_csv(tmp_path, "dated.csv", "influencer,platform,followers,snapshot_date\n"
                                           "m,instagram,100500,2026-06-30\nn,instagram,9800,2026-06-30\n"
                                           "o,instagram,45000,2026-04-01\nq,instagram,20000,2026-04-01\n"),
                       kind="influencers")
    ingest.ingest_path(database, write_csv(tmp_path, "undated.csv", "influencer,platform,followers\n"
                                           "p,instagram,200000\n"), kind="influencers")
    r = rows(database, Filters(use_estimates=True, rate_per_1k=10))
    assert {k: (r[k].band, r[k].followers) for k in "mnopq"} == {
        "m": ("mid", 100_500), "n": ("nano", 9_800), "o": ("micro", 50_000), "p": ("micro", 60_000),
        "q": ("micro", 20_000)}
    # the rate card prices m at its latest count: 100,500 / 1,000 × $10
    assert r["m"].price == pytest.approx(1_005)

def test_a_listed_price_is_an_estimate_not_a_known_cost(database, tmp_path):
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", POSTS + UNPAID), kind="posts")
    ingest.ingest_path(database, write_csv(tmp_path, "campaigns.csv", CAMPAIGNS), kind="campaigns")
    # a asks $150 a post, e $90; d is known only from the list (one average post of 300 + 0 engagements, asking $120).
    ingest.ingest_path(database, write_csv(tmp_path, "influencers.csv",
                                           "influencer,platform,followers,price_per_post,avg_likes,avg_comments\n"
                                           "a,instagram,20000,150,,\nd,instagram,30000,120,300,0\n"
                                           "e,instagram,20000,90,,\n"),
                       kind="influencers")
    known_only = rows(database, Filters(use_estimates=False))
    # what was paid stays what was paid: a's fee $100 + contract share $180; post 3 was not paid for
    assert known_only["a"].cost == pytest.approx(280) and not known_only["a"].cost_estimated
    for name in ("d", "e"):
        assert known_only[name].cost != known_only[name].cost      # NaN: nothing paid, no estimate asked for
    estimated = rows(database, Filters(use_estimates=True, rate_per_1k=10))
    # e's posts are estimated at the listed $90, before the rate card's 20,000 / 1,000 × $10 = $200
    assert estimated["e"].cost == pytest.approx(180) and estimated["e"].cost_estimated
    by_account = cost_rows(database, Filters(use_estimates=True, rate_per_1k=10))
    assert not by_account.set_index("influencer").loc["e", "rate_card_only"]      # a listed price, not the card
    assert estimated["d"].cpe == pytest.approx(120 / 300) and estimated["d"].cost_estimated
    # a's list price does not price its unpaid post 3: a was paid, and is costed on that
    assert estimated["a"].cost == pytest.approx(280) and not estimated["a"].cost_estimated
    sql = ("SELECT influencer, posted_at::DATE::VARCHAR, cost_source FROM filtered_posts($band_names, $band_lowers, "
           "$bands, $platforms, $date_from, $date_to, $campaigns, $price_min, $price_max, $rate_per_1k, "
           "$use_estimates) WHERE influencer IN ('a', 'e') ORDER BY influencer, posted_at")
    params = Filters(use_estimates=True).params()
    sources = database.execute(sql, {k: params[k] for k in re.findall(r"\$(\w+)", sql)}).fetchall()
    assert sources == [("a", "2026-01-01", "post fee"), ("a", "2026-01-08", "contract"), ("a", "2026-01-15", None),
                       ("e", "2026-01-05", "listed price"), ("e", "2026-01-12", "listed price")]
    kpis = mdb.run(database, "overview_kpis", overview_params(Filters(use_estimates=True, rate_per_1k=10))).iloc[0]
    # spent: 100 + 180 + 50,000 + 40; estimated: e's two posts at $90 and d's average post at $120
    assert (kpis["known_cost"], kpis["estimated_cost"]) == (pytest.approx(50320), pytest.approx(300))


def test_a_contract_naming_no_platform_is_shared_by_its_posts_on_every_platform(database, tmp_path):
    # $300 (fee 250 + product 50) for e's campaign C2, no platform named; e delivered 1 Instagram + 2 TikTok posts:
    # $100 a post, so $100 on Instagram and $200 on TikTok, as the Campaigns page's $300 for the contract.
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv",
                                           "influencer,platform,followers,posted_at,likes,campaign\n"
                                           "e,instagram,20000,2026-02-01,500,C2\ne,tiktok,20000,2026-02-02,700,C2\n"
                                           "e,tiktok,20000,2026-02-03,800,C2\n"), kind="posts")
    ingest.ingest_path(database, write_csv(tmp_path, "campaigns.csv",
                                           "campaign,influencer,fee,product_cost,posts_contracted\n"
                                           "C2,e,250,50,3\n"), kind="campaigns")
    params = Filters(use_estimates=False).params()
    per_platform = mdb.run(database, "influencer_table", params).set_index("platform")["cost"]
    assert per_platform.to_dict() == {"instagram": pytest.approx(100), "tiktok": pytest.approx(200)}
    campaigns = mdb.run(database, "campaign_results", params)
    assert campaigns.query("level == 'campaign'").set_index("campaign").loc["C2", "cost"] == \
        pytest.approx(per_platform.sum())


def test_a_post_belongs_to_its_platforms_contract_even_one_of_unknown_cost(database, tmp_path):
    # f's campaign C3: an Instagram contract with neither fee nor product cost (cost unknown), a YouTube one at
    # $400 and one naming no platform at $300. Posts: 1 Instagram, 2 TikTok, 1 YouTube. As on the Campaigns page,
    # the Instagram post is its own contract's (unknown), the TikTok posts share the $300 ($150 each), the
    # YouTube post costs $400.
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv",
                                           "influencer,platform,followers,posted_at,likes,campaign\n"
                                           "f,instagram,20000,2026-03-01,500,C3\nf,tiktok,20000,2026-03-02,600,C3\n"
                                           "f,tiktok,20000,2026-03-03,700,C3\nf,youtube,20000,2026-03-04,800,C3\n"),
                       kind="posts")
    ingest.ingest_path(database, write_csv(tmp_path, "campaigns.csv",
                                           "campaign,influencer,platform,fee,posts_contracted\n"
                                           "C3,f,instagram,,1\nC3,f,youtube,400,1\nC3,f,,300,2\n"),
                       kind="campaigns")
    params = Filters(use_estimates=False).params()
    cost = mdb.run(database, "influencer_table", params).set_index("platform")["cost"]
    assert cost.isna()["instagram"] and cost.drop("instagram").to_dict() == {"tiktok": pytest.approx(300),
                                                                            "youtube": pytest.approx(400)}
    contracts = mdb.run(database, "campaign_results", params).query("level == 'contract'")
    by_platform = contracts.set_index(contracts["platform"].fillna("any"))
    assert by_platform.loc["any", ["cost", "posts_delivered"]].tolist() == [300, 2]
    assert by_platform.loc["youtube", "cost"] == 400 and by_platform["cost"].isna()["instagram"]



def test_a_listed_account_without_engagement_figures_adds_no_cost_to_a_cpe(database, tmp_path):
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", POSTS + UNPAID), kind="posts")
    ingest.ingest_path(database, write_csv(tmp_path, "campaigns.csv", CAMPAIGNS), kind="campaigns")
    # f and g are known only from a rate card: a price, followers, no engagement figures. Their average post's
    # engagements are unknown, not 0: its $250 is an estimate of nothing a CPE can divide by.
    ingest.ingest_path(database, write_csv(tmp_path, "influencers.csv",
                                           "influencer,platform,followers,price_per_post\n"
                                           "f,instagram,30000,250\ng,instagram,50000,250\n"), kind="influencers")
    f = Filters(use_estimates=True, rate_per_1k=10)
    # micro: a's fee $100 and contract share $180 over 430 + 210 engagements; e's two posts at the rate card's
    # 20,000 / 1,000 × $10 = $200 over 320 + 530
    micro_cpe = (100 + 180 + 2 * 200) / (430 + 210 + 320 + 530)
    assert mdb.run(database, "cpe_by_band", overview_params(f)).set_index("band").loc["micro", "cpe"] == \
        pytest.approx(micro_cpe)
    bands = cost_rows(database, f)
    assert bands[bands["level"] == "band"].set_index("band").loc["micro", "cpe"] == pytest.approx(micro_cpe)
    accounts = bands[bands["level"] == "influencer"].set_index("influencer")
    assert accounts.loc[["f", "g"], "cpe"].isna().all()
    kpis = mdb.run(database, "overview_kpis", overview_params(f)).iloc[0]
    # every account: b's $50,000 over 32,000 and c's $40 over 500 beside the micro accounts; f and g still count
    # as listed accounts and their $500 as estimated cost
    assert kpis["cpe"] == pytest.approx((100 + 180 + 400 + 50_000 + 40) / (430 + 210 + 850 + 32_000 + 500))
    assert kpis["influencers"] == 6 and kpis["estimated_cost"] == pytest.approx(400 + 500)

def test_band_cpe_and_missing_components(fixture_db):
    by_band = mdb.run(fixture_db, "cpe_by_band", overview_params(Filters(use_estimates=False))).set_index("band")
    assert by_band.loc["micro", "cpe"] == pytest.approx(0.4375)
    # c: 40 / 500 = 0.08
    assert by_band.loc["nano", "cpe"] == pytest.approx(0.08)
    kpis = mdb.run(fixture_db, "overview_kpis", overview_params(Filters(use_estimates=False))).iloc[0]
    # a's posts 1-3 lack saves (and 2, 3 shares); b and c report all four components
    assert kpis["posts_missing_component"] == 3
    # all known cost: 100 + 180 + 50000 + 40; CPE = 50320 / (430 + 210 + 32000 + 500)
    assert kpis["known_cost"] == pytest.approx(50320)
    assert kpis["cpe"] == pytest.approx(50320 / 33140)


def test_overview_er_is_the_median_of_the_influencers_not_of_the_posts(fixture_db):
    # Instagram: a's posts ER 430/20000 = 0.0215, 210/20000 = 0.0105, 630/20000 = 0.0315 -> a's ER 0.0215;
    # c's one post 500/9999. Median of the two influencers = (0.0215 + 0.050005) / 2; the median of the four
    # posts would be (0.0215 + 0.0315) / 2 = 0.0265, a's three posts outweighing c.
    kpis = mdb.run(fixture_db, "overview_kpis", overview_params(Filters(platforms=("instagram",)))).iloc[0]
    assert kpis["median_influencer_er"] == pytest.approx((0.0215 + 500 / 9999) / 2)
    assert kpis["influencers"] == 2


def test_filters_narrow_the_rows(fixture_db):
    import datetime as dt
    from dataclasses import replace

    f = Filters(use_estimates=False)
    assert set(rows(fixture_db, replace(f, platforms=("tiktok",)))) == {"b"}
    assert set(rows(fixture_db, replace(f, bands=("micro", "nano")))) == {"a", "c"}
    only_jan_1_to_5 = rows(fixture_db, replace(f, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 5)))
    assert only_jan_1_to_5["a"].posts == 1
    assert set(rows(fixture_db, replace(f, campaigns=("C1",)))) == {"a"}
    # price filter: a's price = median known post cost (100, 180) = 140; c's = 40; b's = 50000
    assert set(rows(fixture_db, replace(f, price_min=50.0, price_max=1000.0))) == {"a"}


@pytest.mark.parametrize("followers,band", [(0, "under 1K"), (999, "under 1K"), (1000, "nano"), (9999, "nano"),
                                            (10000, "micro"), (99999, "micro"), (100000, "mid"),
                                            (999999, "mid"), (1000000, "celebrity")])
def test_band_edges_sql_and_python_agree(database, followers, band):
    scheme = bands.scheme()
    params = bands.to_params(scheme)
    got = database.execute("SELECT ml_band($f, $band_names, $band_lowers)",
                           {"f": followers, "band_names": params["band_names"],
                            "band_lowers": params["band_lowers"]}).fetchone()[0]
    assert got == band == band_of(followers, scheme)


def test_edited_band_edges(database):
    scheme = bands.from_edges([1000, 10000, 50000, 1000000], ["under 1K", "nano", "micro", "mid", "celebrity"])
    assert band_of(60000, scheme) == "mid"
    with pytest.raises(ValueError):
        bands.from_edges([10000, 1000], ["a", "b", "c"])


def test_queries_use_catalog_macros_not_inline_formulas():
    """A CPE or ER computed inline in a query would drift from the catalog: only metric_* macros may divide
    engagements or cost."""
    for name in mdb.query_names():
        body = "\n".join(line.split("--", 1)[0] for line in mdb.query_text(name).splitlines())
        assert not re.search(r"sum\(cost\)\s*/\s*(nullif\()?sum\(.*engagements", body, re.I), name
        assert not re.search(r"engagements\s*/\s*followers", body, re.I), name


@pytest.mark.parametrize("listed, followers, expected", [
    (None, 20_000, 200.0),          # 20,000 / 1,000 × $10
    (None, 999_999, 9_999.99),
    (None, 1_000_000, None),        # from a million followers on, prices go by tier: no per-follower estimate
    (None, 475_800_000, None),      # (cristiano at $10 per 1K would be $4.8M a post)
    (30_000.0, 5_000_000, 30_000.0),  # a listed price is an estimate at any size
    (None, 0, None), (None, None, None),
])
def test_estimated_cost_of_a_post(database, listed, followers, expected):
    got = database.execute("SELECT metric_estimated_cost($listed, $followers, 10.0)",
                           {"listed": listed, "followers": followers}).fetchone()[0]
    assert got == (None if expected is None else pytest.approx(expected))


def test_catalog_formats():
    assert metrics.fmt("cpe", 0.0421) == "$0.042"
    assert metrics.fmt("median_er", 0.0215) == "2.2%"      # one decimal, as the tables (a card said 3.28%, its row 3.3%)
    assert metrics.fmt("median_er", 0.0325) == "3.3%"      # halves up, as a reader rounds
    assert metrics.fmt("roas", 3.456) == "3.46×"
    assert metrics.fmt("median_er", 283.0933) == "28,309.3%"       # a viral crawl's ER, readable
    assert {m.name for m in metrics.CATALOG} >= {"cpe", "cpm", "cpa", "roas", "roi", "cost_per_lead", "median_er"}


@pytest.mark.parametrize("value, text", [(13_457_120.0, "$13.5M"), (245_300, "$245.3K"), (9_999.5, "$10,000"),
                                         (1_234.0, "$1,234"), (0.0, "$0"), (None, "–"), (float("nan"), "–"),
                                         (-2_500_000.0, "-$2.5M")])
def test_compact_money_for_kpi_cards(value, text):
    assert theme.money_compact(value) == text


def test_money_and_percent_write_any_float():
    # Decimal's 28 digits raised InvalidOperation for $1e30 in cents (a fuzzed fee broke the Campaigns page)
    assert theme.money(1e30) == "$1," + ",".join(["000"] * 10)
    assert theme.percent(1e30) == "100," + ",".join(["000"] * 10) + ".00%"
    assert theme.money(-1e28, digits=2).startswith("-$10,000,000,000") and theme.money(112.5) == "$113"


def test_cost_page_query_gives_influencer_and_band_rows(fixture_db):
    rows = cost_rows(fixture_db, Filters(use_estimates=False))
    band = rows[rows["level"] == "band"].set_index("band")
    # micro band = influencer a alone: (100 + 180) / (430 + 210); post 3 has no known cost and is left out
    assert band.loc["micro", "cpe"] == pytest.approx(0.4375)
    assert band.loc["celebrity", "cpe"] == pytest.approx(1.5625)
    same = mdb.run(fixture_db, "cpe_by_band", overview_params(Filters(use_estimates=False))).set_index("band")
    assert band["cpe"].to_dict() == pytest.approx(same["cpe"].to_dict())
    people = rows[rows["level"] == "influencer"].set_index("influencer")
    assert people.loc["a", "cpe"] == pytest.approx(0.4375) and people.loc["a", "posts"] == 3
    # counts stay whole numbers on both levels (a CSV export printed "25.0 posts")
    assert rows["posts"].dtype.kind == "i"


@pytest.mark.parametrize("value, text", [(1_234.4, "$1,234"), (12.5, "$12.50"), (0.0421, "$0.042"),
                                         (0.0022, "$0.0022"), (0.002, "$0.002"), (4.4e-5, "$0.000044"),
                                         (0.00999, "$0.010"), (0.01, "$0.010"), (-25.0, "-$25.00"), (-0.0005, "-$0.0005"),
                                         (0.0, "$0"), (None, "–"),
                                         # halves round up, as a reader rounds (binary half-to-even gave "$112")
                                         (112.5, "$113"), (0.125, "$0.13"), (0.045, "$0.045"),
                                         (np.float64(2.675), "$2.68"), (float("inf"), "$inf")])
def test_money_reads_as_money_at_every_size(value, text):
    # tiny CPEs of viral posts (TikTok: $0.00004 per engagement) once printed as "$4.4e-05"
    assert theme.money(value) == text


@pytest.mark.parametrize("values, printf", [([0.0107, 0.024, 1.5], "$%.3f"), ([0.12, 3.0], "$%.2f"),
                                            ([0.00803, 0.3], "$%.4f"), ([4.4e-5, 0.3], "$%.6f"), ([1e-12], "$%.6f"),
                                            ([2.5, 40.0], "$%.2f"), ([0.0, None, float("nan"), 0.05], "$%.3f"),
                                            ([], "$%.2f")])
def test_a_cpe_column_has_one_number_of_decimals_for_its_smallest_cost(values, printf):
    # two significant digits of the smallest positive cost, as a card gives it, between 2 and 6 decimals: three put
    # "$0.00803" on a column whose every row then had five decimals
    assert theme.cpe_printf(values) == printf


def test_viral_accounts_leave_the_overview_on_request(database, tmp_path):
    # v: one paid post at 30,000 engagements on 20,000 followers (ER 150%) and an unpaid one at 1,000 (5%): judged
    # on its costed post, viral. w: no cost, posts at 120% and 200%: judged on all its posts, viral. a: 2% and 3%.
    path = write_csv(tmp_path, "posts.csv", "influencer,platform,followers,posted_at,likes,cost\n"
                                            "v,instagram,20000,2026-01-01,30000,300\nv,instagram,20000,2026-01-02,1000,\n"
                                            "w,tiktok,50000,2026-01-01,60000,\nw,tiktok,50000,2026-01-02,100000,\n"
                                            "a,instagram,40000,2026-01-01,800,200\na,instagram,40000,2026-01-02,1200,\n")
    ingest.ingest_path(database, path, kind="posts")
    f = Filters(use_estimates=False)
    every = mdb.run(database, "overview_kpis", overview_params(f)).iloc[0]
    kept = mdb.run(database, "overview_kpis", overview_params(f, leave_out_viral=True)).iloc[0]
    assert every["viral_accounts"] == kept["viral_accounts"] == 2
    assert (every["influencers"], every["posts"], kept["influencers"], kept["posts"]) == (3, 6, 1, 2)
    # a alone: (200) / (800) on its one costed post; its ER the median of 2% and 3%
    assert kept["cpe"] == pytest.approx(200 / 800)
    assert kept["median_influencer_er"] == pytest.approx(0.025)
    # every account: (300 + 200) / (30,000 + 800); the median of v's 77.5%, w's 160% and a's 2.5%
    assert every["cpe"] == pytest.approx(500 / 30_800)
    assert every["median_influencer_er"] == pytest.approx(0.775)
    bands = mdb.run(database, "cpe_by_band", overview_params(f, leave_out_viral=True)).set_index("band")
    assert bands["influencers"].to_dict() == {"micro": 1}
