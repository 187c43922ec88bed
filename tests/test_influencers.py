"""Influencers page: the table, intent, flags, prices, benchmark tiers and roster on a fixture worked by hand;
the page itself on the sample data through AppTest."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from microlens import area_influencers as area
from microlens import audience, flags, ingest, metrics, text, theme
from microlens import benchmarks as bm
from microlens.charts_influencers import build_er_scatter, build_posts_over_time
from microlens.context import Context
from microlens.filters import Filters
from microlens.roster import Roster
from microlens.text import PLATFORM_NAMES
from tests.conftest import REALDATA, app_on, shown, write_csv

ROOT = Path(__file__).resolve().parent.parent

# Six micro Instagram accounts, 20,000 followers on every post (so no follower jump), three posts each.
# Engagements per post (comments = engagements / 20, the rest likes; no shares or saves):
#   a    400  500  600   ER .020 .025 .030  -> median .025
#   b    440  560  520   ER .022 .028 .026  -> median .026
#   c    480  460  700   ER .024 .023 .035  -> median .024
#   d    540  540  300   ER .027 .027 .015  -> median .027
#   e    560  600  200   ER .028 .030 .010  -> median .028
#   hot 4000 5000 6000   ER .200 .250 .300  -> median .250   (the planted outlier)
# ER check among the six (flags.er_outliers):
#   sorted .024 .025 .026 .027 .028 .250; median (.026 + .027) / 2 = .0265
#   |ER - median| .0025 .0015 .0005 .0005 .0015 .2235 -> MAD (.0015 + .0015) / 2 = .0015
#   robust z(hot) = .6745 × .2235 / .0015 = 100.50 > 3.5 -> "ER far above peers"; the largest other
#   |z| is c's .6745 × .0025 / .0015 = 1.12.
# Comments per like are 1 per 19 for everyone: no spread, so no comment flag.
ENGAGEMENTS = {"a": (400, 500, 600), "b": (440, 560, 520), "c": (480, 460, 700), "d": (540, 540, 300),
               "e": (560, 600, 200), "hot": (4000, 5000, 6000)}
# Cost: a, d and hot carry a $100 fee on each post; b and c have listed prices ($150, $90) in the influencer
# list; e has neither, so its cost is estimated: 20,000 / 1,000 × $10 rate card = $200 a post.
#   CPE a   = 3 × 100 / (400 + 500 + 600)    = 300 / 1500  = 0.2
#   CPE b   = 3 × 150 / (440 + 560 + 520)    = 450 / 1520  = 0.296053
#   CPE e   = 3 × 200 / (560 + 600 + 200)    = 600 / 1360  = 0.441176 (estimated)
#   CPE hot = 3 × 100 / (4000 + 5000 + 6000) = 300 / 15000 = 0.02
FEES = {"a": 100, "d": 100, "hot": 100}
# Comments: a has 4, one with intent ("where can i buy this?") -> 1 / 4 = 0.25;
# b has 3, one with intent ("link?") -> 1 / 3; nobody else has comments.
COMMENTS = [("a_1", "where can i buy this?"), ("a_1", "love this"), ("a_2", "so pretty"),
            ("a_3", "great light"), ("b_1", "link?"), ("b_2", "nice"), ("b_3", "wow")]


def _posts_csv() -> str:
    lines = ["influencer,platform,followers,posted_at,likes,comments,shares,saves,cost,post_id,url,caption,sponsored"]
    for handle, values in ENGAGEMENTS.items():
        for i, eng in enumerate(values, start=1):
            comments = eng // 20
            fee = FEES.get(handle, "")
            sponsored = "true" if i == 2 else "false"
            lines.append(f"{handle},instagram,20000,2026-05-{i * 7:02d}T10:00:00,{eng - comments},{comments},0,0,"
                         f"{fee},{handle}_{i},https://www.instagram.com/p/{handle}{i}/,post {i} of {handle},"
                         f"{sponsored}")
    return "\n".join(lines) + "\n"


INFLUENCERS_CSV = (
    "influencer,name,platform,followers,price_per_post,country,category,audience_country,"
    "audience_country_share,audience_female_share,audience_age_18_34_share\n"
    "b,Bea B.,instagram,20000,150,US,beauty,US,0.6,0.8,0.7\n"
    "c,Cleo C.,instagram,20000,90,BR,fitness,BR,0.5,0.5,0.5\n")


@pytest.fixture(scope="module")
def fixture_ctx(tmp_path_factory):
    from microlens import db as mdb
    folder = tmp_path_factory.mktemp("influencers")
    (folder / "posts.csv").write_text(_posts_csv(), encoding="utf-8")
    (folder / "influencers.csv").write_text(INFLUENCERS_CSV, encoding="utf-8")
    comments = "post_id,text\n" + "".join(f"{pid},{text}\n" for pid, text in COMMENTS)
    (folder / "comments.csv").write_text(comments, encoding="utf-8")
    database = mdb.new_database()
    for name, kind in (("posts.csv", "posts"), ("influencers.csv", "influencers"), ("comments.csv", "comments")):
        report = ingest.ingest_path(database, folder / name, kind=kind)
        assert report.rows_rejected == 0, report.reasons
    yield Context(db=database, filters=Filters())
    database.close()


@pytest.fixture(scope="module")
def data(fixture_ctx):
    return area.load(fixture_ctx)


def _row(data, handle):
    return data.table.set_index("influencer").loc[handle]


def test_median_er_cpe_and_price_basis_match_hand_computation(data):
    t = data.table.set_index("influencer")
    assert len(t) == 6
    for handle, er in {"a": 0.025, "b": 0.026, "c": 0.024, "d": 0.027, "e": 0.028, "hot": 0.25}.items():
        assert t.loc[handle, "median_er"] == pytest.approx(er), handle
    assert t.loc["a", "cpe"] == pytest.approx(0.2)
    assert t.loc["b", "cpe"] == pytest.approx(450 / 1520)
    assert t.loc["hot", "cpe"] == pytest.approx(0.02)
    assert t.loc["e", "cpe"] == pytest.approx(600 / 1360)
    # Price: listed for b, the median fee paid for a, estimated from the rate card for e (no fee, no listing).
    assert (t.loc["b", "price"], t.loc["b", "price_basis"]) == (150, "listed")
    assert (t.loc["a", "price"], t.loc["a", "price_basis"]) == (100, "median fee paid")
    assert t.loc["e", "price"] == pytest.approx(200)
    assert t.loc["e", "price_basis"] == "estimated"
    assert bool(t.loc["e", "cost_estimated"]) and not bool(t.loc["a", "cost_estimated"])
    assert t.loc["b", "profile_url"] == "https://www.instagram.com/b/"


def test_a_profile_address_is_the_platforms_own_for_a_handle_and_none_for_a_title(database, tmp_path):
    rows = ["glow.maya,instagram", "glow.maya,pinterest", "glow_maya,twitch", "glow-maya,snapchat", "glow,threads",
            "glow,x", "glow,linkedin", "Mr Beast,youtube", "listed,tiktok"]
    lines = [f"{r},20000," for r in rows[:-1]] + ["listed,tiktok,20000,https://www.tiktok.com/@listed.official"]
    ingest.ingest_path(database, write_csv(tmp_path, "influencers.csv", "influencer,platform,followers,profile_url\n"
                                           + "\n".join(lines) + "\n"), kind="influencers")
    table = area.load(Context(db=database, filters=Filters())).table
    links = {(r.influencer, r.platform): r.profile_url if isinstance(r.profile_url, str) else None
             for r in table.itertuples()}
    assert links == {("glow.maya", "instagram"): "https://www.instagram.com/glow.maya/",
                     ("glow.maya", "pinterest"): "https://www.pinterest.com/glow.maya/",
                     ("glow_maya", "twitch"): "https://www.twitch.tv/glow_maya",
                     ("glow-maya", "snapchat"): "https://www.snapchat.com/add/glow-maya",
                     ("glow", "threads"): "https://www.threads.net/@glow", ("glow", "x"): "https://x.com/glow",
                     # a person's page or a company's: no guess; a channel's title is no handle
                     ("glow", "linkedin"): None, ("mr beast", "youtube"): None,
                     ("listed", "tiktok"): "https://www.tiktok.com/@listed.official"}


def test_intent_rate_and_examples(data):
    a, b, c = _row(data, "a"), _row(data, "b"), _row(data, "c")
    assert a["intent_rate"] == pytest.approx(0.25)
    assert list(a["intent_examples"]) == ["where can i buy this?"]
    # each example says which phrase made it count, the user's own phrases too
    why = area.intent_examples(["where can i buy this?", "is it vegan??", "love it"],
                               area.lexicon("is it vegan?")).set_index("comment")["why"]
    assert why.to_dict() == {"where can i buy this?": "asks where to buy: “where can i buy”",
                             "is it vegan??": "your phrase: “is it vegan?”", "love it": ""}
    assert b["intent_rate"] == pytest.approx(1 / 3)
    assert math.isnan(c["intent_rate"])
    assert data.has_comments and data.has_audience


def test_intent_rate_counts_the_comments_of_posts_in_the_date_filter(fixture_ctx):
    # From 10 May the first posts (7 May) are out, and with them "where can i buy this?" and "link?":
    # a keeps "so pretty" and "great light" (0 of 2), b keeps "nice" and "wow" (0 of 2).
    later_filters = dataclasses.replace(fixture_ctx.filters, date_from=dt.date(2026, 5, 10))
    later = dataclasses.replace(fixture_ctx, filters=later_filters)
    t = area.load(later).table.set_index("influencer")
    assert t.loc["a", "posts"] == 2 and (t.loc["a", "comment_texts"], t.loc["a", "intent_rate"]) == (2, 0.0)
    assert (t.loc["b", "comment_texts"], t.loc["b", "intent_rate"]) == (2, 0.0)
    assert list(t.loc["a", "intent_examples"]) == []


def test_user_phrases_extend_the_lexicon(fixture_ctx):
    # "great light" is now intent too: a has 2 of 4 intent comments.
    extended = area.load(fixture_ctx, "great light\n\n")
    assert extended.lexicon_size == len(area.lexicon()) + 1
    assert _row(extended, "a")["intent_rate"] == pytest.approx(0.5)


def test_planted_outlier_is_flagged_and_explained(data):
    flagged = data.table.loc[data.table["flagged"], "influencer"].tolist()
    assert flagged == ["hot"]
    assert _row(data, "hot")["flags_summary"] == "ER far above peers"
    checks = area.checks_of(data, "hot", "instagram")
    first = checks.iloc[0]
    assert first["flag"] == "er_high" and first["severity"] == "warning"
    assert "149.0× as far from it as is typical" in first["explanation"]     # .2235 / .0015 MADs
    # Every account gets the three checks in words, flagged or not.
    assert set(checks["check"]) == set(area.CHECK_NAMES.values())
    follower = area.checks_of(data, "a", "instagram").set_index("check").loc[area.CHECK_NAMES["followers"]]
    assert follower["explanation"].startswith("No follower jump: 3 dated follower counts")


def test_unflagged_checks_are_worded_when_an_account_is_opened(data):
    # The page words the ER and comment checks of unflagged accounts only for the accounts opened; the words
    # must be those the checks give when they word every row.
    t = data.table
    er = flags.er_outliers(t[["influencer", "platform", "band", "median_er"]]).set_index("influencer")
    ratio = flags.comment_like_outliers(t[["influencer", "platform", "likes", "comments"]]).set_index("influencer")
    assert data.checks["explanation"].isna().sum() == 2 * len(t) - 1      # all but hot's raised ER flag
    for handle in ("a", "hot"):
        words = area.checks_of(data, handle, "instagram").set_index("check")["explanation"]
        assert words[area.CHECK_NAMES["er"]] == er.loc[handle, "explanation"]
        assert words[area.CHECK_NAMES["comments"]] == ratio.loc[handle, "explanation"]
    assert er.loc["a", "explanation"].startswith("ER 2.5% is within the usual range of micro Instagram accounts")


def test_follower_check_in_words_for_every_account():
    # x jumps 10,000 -> 20,000 in a week (flagged, so no "no jump" sentence); y has three dated counts and no
    # jump; z has one count and w none, so neither can be checked.
    table = pd.DataFrame({"influencer": ["x", "y", "z", "w"], "platform": "tiktok", "band": "micro",
                          "median_er": 0.03, "likes": 5_000, "comments": 100})
    # (the follower_checks query's rows for them: w has no dated count, so no row)
    jump = {"date_before": dt.date(2026, 1, 1), "date_after": dt.date(2026, 1, 8), "followers_before": 10_000,
            "followers_after": 20_000}
    follower_checks = pd.DataFrame({"influencer": ["x", "y", "z"], "platform": "tiktok", "observations": [2, 3, 1],
                                    "first_date": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-01-01"]),
                                    "last_date": pd.to_datetime(["2026-01-08", "2026-04-15", "2026-01-01"]),
                                    "jumps": [[jump], [], []]})
    checks, _ = area.account_checks(table, follower_checks)
    follower = checks[checks["check"] == area.CHECK_NAMES["followers"]].set_index("influencer")
    assert follower.loc["x", "flag"] == "follower_jump"
    assert follower.loc["y", "explanation"] == (
        "No follower jump: 3 dated follower counts from 2026-02-01 to 2026-04-15, none with a rise of more "
        "than 20% and 5,000 followers within 31 days.")
    not_checked = "Not checked: fewer than two dated follower counts (posts with a follower count at post time)."
    assert follower.loc["z", "explanation"] == follower.loc["w", "explanation"] == not_checked
    assert follower["flag"].isna().sum() == 3 and len(follower) == 4


def test_page_filters_on_aggregated_rows(data):
    t = data.table
    # medians .025 .026 .024 .027 .028 .25: at least 2.55% keeps b, d, e, hot.
    assert sorted(area.filter_rows(t, min_er=0.0255)["influencer"]) == ["b", "d", "e", "hot"]
    assert area.filter_rows(t, search="@HOT")["influencer"].tolist() == ["hot"]
    assert area.filter_rows(t, countries=["US"])["influencer"].tolist() == ["b"]
    assert area.filter_rows(t, categories=["fitness"], min_er=0.03).empty
    # an account whose middle post earned 1.5 times its followers is left out on request; 25% is not viral
    t = t.assign(median_er=t["median_er"].where(t["influencer"] != "d", 1.5))
    assert sorted(area.filter_rows(t, leave_out_viral=True)["influencer"]) == ["a", "b", "c", "e", "hot"]
    assert area.choices(t, "country") == ["BR", "US"]


def test_audience_fit_only_where_shares_exist(data):
    scored = area.add_fit(data.table, audience.TargetProfile(country="US")).set_index("influencer")
    assert scored.loc["b", "fit_score"] == pytest.approx(100)     # top country US, 60% >= 30%
    assert scored.loc["c", "fit_score"] == pytest.approx(0)       # top country BR
    assert math.isnan(scored.loc["a", "fit_score"])               # no audience data


TIERS = (
    bm.ErBenchmark("t-small", "TestSource", "test tiers", 2020, "https://example.org", "instagram", "10K–50K",
                   10_000, 50_000, 0.026, "median", "followers", "likes+comments"),
    bm.ErBenchmark("t-big", "TestSource", "test tiers", 2020, "https://example.org", "instagram", "50K+",
                   50_000, None, 0.01, "median", "followers", "likes+comments"),
)


def test_benchmark_tier_per_account_and_finding(data):
    bench = area.benchmark_er(data.table, TIERS)
    assert (bench == 0.026).all()                        # all six have 20,000 followers
    # Above .026: d .027, e .028, hot .25 (b's .026 is not above).
    assert area.scatter_finding(data.table, "median_er", TIERS, "ER by followers") == (
        "3 of 6 Instagram accounts have a higher ER by followers than TestSource (2020) gives for their "
        "follower tier")
    # when fewer than half are above, the headline counts the others (b's .026, at the tier, counts with them)
    most_below = data.table.assign(median_er=[0.01, 0.026, 0.02, 0.03, 0.001, 0.0])
    assert area.scatter_finding(most_below, "median_er", TIERS, "ER by followers") == (
        "5 of 6 Instagram accounts have an ER by followers at or below what TestSource (2020) gives for their "
        "follower tier")
    # the source's platform's accounts under its least tier (10K here) are drawn, and said to be outside it: the
    # chart drew 109 Instagram accounts under "98 of 104"
    small = pd.concat([data.table, data.table.head(2).assign(influencer=["s1", "s2"], followers=5_000)])
    assert area.scatter_finding(small, "median_er", TIERS, "ER by followers") == (
        "3 of 6 Instagram accounts have a higher ER by followers than TestSource (2020) gives for their "
        "follower tier (2 more outside its tiers)")
    # one account (a search for it): not "1 of 1 … accounts have"
    for rate, where in ((0.027, "above"), (0.026, "at or below")):
        assert area.scatter_finding(data.table.head(1).assign(median_er=rate), "median_er", TIERS,
                                    "ER by followers") == (
            f"The one Instagram account's ER by followers is {where} what TestSource (2020) gives for its follower "
            "tier")


def test_finding_says_when_the_accounts_in_the_tiers_lack_the_measure():
    table = pd.DataFrame({"influencer": ["p", "q"], "platform": ["instagram", "tiktok"], "followers": [20_000, 5_000],
                          "median_er_views": [None, 0.05]})
    assert area.scatter_finding(table, "median_er_views", TIERS, "ER by views") == (
        "The one Instagram account in TestSource (2020)'s tiers has no ER by views in the data")
    assert area.scatter_finding(pd.concat([table, table]), "median_er_views", TIERS, "ER by views") == (
        "None of the 2 Instagram accounts in TestSource (2020)'s tiers has an ER by views in the data")
    # no account on the source's platform (a YouTube list under Instagram tiers): said so, not "in no range it covers"
    tiktok = table.assign(platform="tiktok")
    assert area.scatter_finding(tiktok, "median_er_views", TIERS, "ER by views", another_covers=True) == (
        "TestSource (2020) gives Instagram tiers only, and none of the 2 accounts here is on Instagram: choose another "
        "source")
    # ...and where no source has TikTok tiers, there is none to choose
    assert area.scatter_finding(tiktok, "median_er_views", TIERS, "ER by views") == (
        "TestSource (2020) gives Instagram tiers only, and none of the 2 accounts here is on Instagram: no benchmark "
        "gives TikTok tiers of ER by views (add one on the Benchmarks page)")
    # Instagram accounts, all of them outside its tiers' follower ranges
    assert area.scatter_finding(table.assign(platform="instagram", followers=[500, 900]), "median_er_views", TIERS,
                                "ER by views") == (
        "No account is on Instagram in a follower range that TestSource (2020) covers")
    many = pd.DataFrame({"platform": "instagram", "followers": [20_000] * 1_200, "median_er": [0.03] * 1_200})
    assert area.scatter_finding(many, "median_er", TIERS, "ER by followers").startswith(
        "1,200 of 1,200 Instagram accounts have a higher ER by followers")


def test_a_source_of_another_platforms_tiers_is_named_not_drawn(database, tmp_path):
    # a YouTube list by followers: the only sources are Instagram's; the finding says so, and the chart drew
    # Instagram's 1.1% band over the YouTube dots all the same
    ingest.ingest_path(database, write_csv(tmp_path, "youtube.csv", "influencer,platform,followers,avg_likes\n"
                                           "tube1,youtube,20000,300\ntube2,youtube,50000,400\n"), kind="influencers")
    ctx = Context(database)
    table = area.load(ctx).table
    sec = area.scatter_section(ctx, table, "median_er")
    # every ER-by-followers source is of Instagram: there is no other source to choose
    assert sec.finding.endswith(": no benchmark gives YouTube tiers of ER by followers (add one on the Benchmarks "
                                "page)"), sec.finding
    assert {r.platform for r in Context(database).er_records if r.denominator == "followers"} == {"instagram"}
    assert [t.name for t in sec.figure.data] == ["YouTube"]                  # the dots alone, not faded
    footnote = next(a.text for a in sec.figure.layout.annotations if a.text.startswith("Dots"))
    assert sec.figure.data[0].marker.opacity == 0.85 and "Benchmark:" not in footnote


def test_the_finding_counts_the_accounts_the_chart_draws():
    # a views benchmark of any size gives a tier to an account of 0 followers (a failed crawl) too, which the
    # chart's log axis of followers cannot draw: the headline said 1,533 TikTok accounts beside a chart and a
    # table of 1,532
    any_size = (bm.ErBenchmark("v-any", "ViewSource", "views", 2024, "https://example.org", "tiktok", "any size",
                               0, None, 0.13, "median", "views", "likes+comments"),)
    table = pd.DataFrame({"influencer": ["a", "b", "c", "d"], "platform": "tiktok",
                          "followers": [20_000, 50_000, 0, None], "median_er_views": [0.2, 0.1, 0.3, 0.3]})
    assert area.scatter_finding(table, "median_er_views", any_size, "ER by views") == (
        "1 of 2 TikTok accounts have a higher ER by views than ViewSource (2024) gives for their follower tier")


def test_benchmark_sources_group_by_denominator():
    by_followers = area.benchmark_sources(bm.ER_BENCHMARKS, "median_er")
    by_views = area.benchmark_sources(bm.ER_BENCHMARKS, "median_er_views")
    assert all(r.denominator == "followers" for rs in by_followers.values() for r in rs)
    assert all(r.denominator == "views" for rs in by_views.values() for r in rs)
    # HypeAuditor 2018 publishes mean and median: two sources of six tiers each.
    ha = [k for k in by_followers if k.startswith("HypeAuditor 2018")]
    assert len(ha) == 2 and all(len(by_followers[k]) == 6 for k in ha)
    assert area.benchmark_sources(bm.ER_BENCHMARKS, "median_er_reach") == {}
    table = pd.DataFrame({"platform": ["tiktok", "tiktok", "instagram"], "followers": [20_000, 40_000, 30_000],
                          "median_er_views": [0.05, 0.06, 0.04]})
    chosen = by_views[area.default_source(by_views, table, "median_er_views")]
    assert chosen[0].platform == "tiktok" and chosen[0].statistic == "median"
    # a source for the accounts that have the measure: the YouTube accounts' lists give no views, the one
    # TikTok account has them
    table = pd.DataFrame({"platform": ["youtube", "youtube", "tiktok"], "followers": [20_000, 40_000, 30_000],
                          "median_er_views": [None, None, 0.04]})
    assert by_views[area.default_source(by_views, table, "median_er_views")][0].platform == "tiktok"


def test_scatter_figure(data):
    finding = area.scatter_finding(data.table, "median_er", TIERS, "ER by followers")
    fig = build_er_scatter(data.table, "median_er", "ER by followers", TIERS, "TestSource", finding, "note")
    names = [t.name for t in fig.data]
    assert names == ["benchmark tier", "Instagram", "authenticity flag"]   # as marketers write it
    segment, dots, ring = fig.data
    # Only the 10K–50K tier meets the data's span (20,000 / 1.6 = 12,500 to 20,000 × 1.6 = 32,000).
    assert list(segment.x) == [12_500, 32_000, None] and list(segment.y) == [0.026, 0.026, None]
    # customdata starts with the stored names a selection looks up; the hover shows the platform's own name
    assert len(dots.x) == 6 and list(ring.customdata[0][:2]) == ["hot", "instagram"]
    assert "(%{customdata[2]})" in ring.hovertemplate and ring.customdata[0][2] == "Instagram"
    assert fig.layout.title.text == finding and fig.layout.xaxis.type == "log"


# Counted as a benchmark counts (queries/influencer_er_counted.sql). x: 10,000 followers, three posts:
#   likes comments shares saves views | ER by followers: likes  +comments  +shares  all four
#    100      10      20     30  5,000 |                 .0100   .0110     .0130    .0160
#    200      20       5     80  4,000 |                 .0200   .0220     .0225    .0305
#    300       –      10     10      – |                 .0300   .0300     .0310    .0320  (missing comments count 0)
#   medians                                              .0200   .0220     .0225    .0305
#   by views, likes + comments: 110 / 5,000 = .022 and 220 / 4,000 = .055 (post 3 has no views) -> .0385
# z is on the influencer list only: 20,000 followers, 500 likes and 50 comments a post -> .025 / .0275.
# y is on the list with an ER only: no part to count, so no counted ER.
COUNTED_POSTS = ("influencer,platform,followers,posted_at,likes,comments,shares,saves,views\n"
                 "x,instagram,10000,2026-05-01,100,10,20,30,5000\n"
                 "x,instagram,10000,2026-05-02,200,20,5,80,4000\n"
                 "x,instagram,10000,2026-05-03,300,,10,10,\n")
COUNTED_LIST = ("influencer,platform,followers,avg_likes,avg_comments,engagement_rate\n"
                "z,instagram,20000,500,50,\n"
                "y,instagram,30000,,,0.04\n")


@pytest.fixture(scope="module")
def counted_ctx(tmp_path_factory):
    from microlens import db as mdb
    folder = tmp_path_factory.mktemp("counted")
    (folder / "posts.csv").write_text(COUNTED_POSTS, encoding="utf-8")
    (folder / "influencers.csv").write_text(COUNTED_LIST, encoding="utf-8")
    database = mdb.new_database()
    for name, kind in (("posts.csv", "posts"), ("influencers.csv", "influencers")):
        report = ingest.ingest_path(database, folder / name, kind=kind)
        assert report.rows_rejected == 0, report.reasons
    yield Context(db=database, filters=Filters(), er_records=TIERS)
    database.close()


@pytest.mark.parametrize("numerator, denominator, expected", [
    ("likes", "followers", {"x": 0.02, "z": 0.025}),
    ("likes+comments", "followers", {"x": 0.022, "z": 0.0275}),
    ("likes+comments+shares", "followers", {"x": 0.0225, "z": 0.0275}),
    ("likes+comments", "views", {"x": 0.0385}),
])
def test_er_counted_as_the_benchmark_counts(counted_ctx, numerator, denominator, expected):
    comments, shares = area.COUNTED_PARTS[numerator]
    got = counted_ctx.query("influencer_er_counted", denominator=denominator, count_comments=comments,
                            count_shares=shares).set_index("influencer")["er_counted"]
    assert {k: v for k, v in got.items() if pd.notna(v)} == pytest.approx(expected)
    assert pd.isna(got["y"])


def test_scatter_rings_flagged_accounts_only_while_they_can_be_told_apart():
    from microlens.charts_influencers import MOST_RINGS, build_er_scatter

    # at a million posts 6,535 of 50,000 accounts carried a flag, and their rings drew one black mass over the dots
    n = MOST_RINGS * 3
    table = pd.DataFrame({"influencer": [f"a{i}" for i in range(n)], "platform": "tiktok", "band": "micro",
                          "followers": 20_000 + np.arange(n), "median_er": 0.03, "cpe": 0.1})
    many = build_er_scatter(table.assign(flagged=np.arange(n) <= MOST_RINGS), "median_er", "ER", (), "", "t", "Dots")
    assert "authenticity flag" not in [t.name for t in many.data]
    note = next(a.text for a in many.layout.annotations if "Dots" in a.text)
    assert note.startswith(f"{MOST_RINGS + 1:,} flagged accounts are not ringed (too many)")
    few = build_er_scatter(table.assign(flagged=np.arange(n) < MOST_RINGS), "median_er", "ER", (), "", "t", "Dots")
    assert len(next(t for t in few.data if t.name == "authenticity flag").x) == MOST_RINGS


def test_scatter_draws_many_accounts_with_webgl():
    from microlens.charts_influencers import WEBGL_DOTS, build_er_scatter

    # 50,000 SVG dots (a million posts) took a browser seconds to draw: past WEBGL_DOTS they are WebGL dots, with the
    # same hover text and the customdata a selection names accounts by
    def dots(n):
        table = pd.DataFrame({"influencer": [f"a{i}" for i in range(n)], "platform": "tiktok", "band": "micro",
                              "followers": 20_000 + np.arange(n), "median_er": 0.03, "cpe": 0.1, "flagged": False})
        return [t for t in build_er_scatter(table, "median_er", "ER", (), "", "t", "n").data if t.name == "TikTok"]
    few, many = dots(WEBGL_DOTS), dots(WEBGL_DOTS + 1)
    assert [t.type for t in few] == ["scatter"] and [t.type for t in many] == ["scattergl"]
    assert many[0].hovertemplate == few[0].hovertemplate and list(many[0].customdata[0][:2]) == ["a0", "tiktok"]


def test_scatter_draws_far_outliers_on_the_top_edge_and_keeps_the_rest_readable():
    from microlens.charts_influencers import build_er_scatter

    # 300 accounts at 1-5.5%, two viral ones at 90% and 117%: the 99th percentile is ~5.4%, the view stops at 1.3
    # times that, and the two are drawn as triangles on its edge, their real ER in the hover text
    er = [0.01 + 0.00015 * i for i in range(300)] + [0.9, 1.17]
    table = pd.DataFrame({"influencer": [f"a{i}" for i in range(302)], "platform": "tiktok", "band": "micro",
                          "followers": 20_000, "median_er": er, "cpe": 0.1, "flagged": [True] * 60 + [False] * 242})
    fig = build_er_scatter(table, "median_er", "ER by followers", (), "", "t", "Dots: …")
    top = float(np.quantile(er, 0.99)) * 1.3
    assert fig.layout.yaxis.range[1] == pytest.approx(top * 1.03)
    dots, edge = [t for t in fig.data if t.name == "TikTok"]
    assert (dots.marker.symbol, len(dots.x), dots.showlegend) == ("circle", 300, True)
    assert (edge.marker.symbol, len(edge.x), edge.showlegend) == ("triangle-up", 2, False)   # one legend entry
    assert dots.legendgroup == edge.legendgroup and list(edge.y) == pytest.approx([top, top])
    assert list(edge.customdata[:, 5]) == ["90.00%", "117.00%"]
    assert "▲ 2 accounts above" in next(a.text for a in fig.layout.annotations if "Dots" in a.text)
    rings = next(t for t in fig.data if t.name == "authenticity flag")
    assert rings.marker.line.width == 1 and rings.marker.opacity < 1       # sixty rings, drawn light
    # without far outliers the axis is left alone
    calm = build_er_scatter(table.assign(median_er=er[:300] + [0.06, 0.07]), "median_er", "ER", (), "", "t", "n")
    assert calm.layout.yaxis.range is None
    # a platform whose every account is above the view keeps its legend entry, drawn as ▲
    mixed = build_er_scatter(table.assign(platform=["tiktok"] * 300 + ["youtube"] * 2), "median_er", "ER", (), "",
                             "t", "n")
    assert [(t.name, t.marker.symbol, t.showlegend) for t in mixed.data] == [
        ("TikTok", "circle", True), ("YouTube", "triangle-up", True), ("authenticity flag", "circle-open", None)]


def test_scatter_counts_engagements_as_the_benchmark_does(counted_ctx):
    table = area.load(counted_ctx).table
    assert table.set_index("influencer").loc["x", "median_er"] == pytest.approx(0.0305)   # all four parts
    sec = area.scatter_section(counted_ctx, table)
    # TIERS count likes + comments: x's dot is at .022, under the 10K-50K tier's .026 (all four parts, .0305,
    # would be above it); z's .0275 is above; y has nothing to count.
    dots = next(t for t in sec.figure.data if t.name == "Instagram")
    assert dict(zip(dots.customdata[:, 0], dots.y)) == pytest.approx({"x": 0.022, "z": 0.0275})
    assert sec.finding == ("1 of 2 Instagram accounts have a higher ER by followers (likes+comments) than "
                           "TestSource (2020) gives for their follower tier")
    assert sec.figure.layout.yaxis.title.text == "Median ER by followers<br>(likes+comments)"
    assert ("each account's median over its posts (for the 1 known only from an influencer list, its average per "
            "post) of (likes+comments) ÷ followers, engagements counted as the benchmark counts them") in sec.source
    assert "1 account whose data gives engagements only as a total is left out." in sec.source      # y
    assert "no comments" not in sec.source            # x has comments on two posts of three, z in the list
    assert "influencer_er_counted.sql" in sec.sql
    assert list(sec.table.columns[:6]) == ["influencer", "platform", "band", "followers", "median_er",
                                            area.COUNTED_ER]
    # A source that does not say what it counts is set against the ER of all four parts: x .0305, z (500 + 50) /
    # 20,000 = .0275 and y's listed .04, all above .026.
    unstated = tuple(dataclasses.replace(r, numerator="unstated") for r in TIERS)
    sec = area.scatter_section(dataclasses.replace(counted_ctx, er_records=unstated), table)
    dots = next(t for t in sec.figure.data if t.name == "Instagram")
    assert dict(zip(dots.customdata[:, 0], dots.y))["x"] == pytest.approx(0.0305)
    assert sec.finding.startswith("3 of 3 Instagram accounts have a higher ER by followers than")
    assert "influencer_er_counted" not in sec.sql and area.COUNTED_ER not in sec.table.columns


def _scatter_of(database, tmp_path, kind: str, text: str):
    """The Influencers chart's section over one file of `kind` (TIERS as its benchmark)."""
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    ingest.ingest_path(database, path, kind=kind)
    ctx = Context(db=database, filters=Filters(), er_records=TIERS)
    return area.scatter_section(ctx, area.load(ctx).table)


def test_scatter_of_a_list_without_comments_says_it_counts_likes_only(database, tmp_path):
    # top_insta's layout: average likes and an ER, no comments. Against a likes + comments benchmark the dots count
    # likes alone (v 800 / 20,000 = .04, w 600 / 30,000 = .02 against the 10K-50K tier's .026): the headline, the
    # axis and the note say so, and that each dot is the list's average, not a median over posts
    sec = _scatter_of(database, tmp_path, "influencers", "influencer,platform,followers,avg_likes,engagement_rate\n"
                      "v,instagram,20000,800,0.05\nw,instagram,30000,600,0.03\n")
    dots = next(t for t in sec.figure.data if t.name == "Instagram")
    assert dict(zip(dots.customdata[:, 0], dots.y)) == pytest.approx({"v": 0.04, "w": 0.02})
    assert sec.finding == ("1 of 2 Instagram accounts have a higher ER by followers (likes) than TestSource (2020) "
                           "gives for their follower tier, counting likes only against its likes+comments")
    assert sec.figure.layout.yaxis.title.text == "Median ER by followers<br>(likes)"
    assert sec.source.startswith("Dots: each account's average per post in the influencer list of (likes) ÷ "
                                 "followers; the data has no comments, which the benchmark's likes+comments counts, "
                                 "so the dots read lower than like for like; the table's ER counts "
                                 "likes+comments+shares+saves, or for an account from an influencer list the list's "
                                 "own average engagements or engagement rate")
    # the table's ER is the list's 5% and 3%, not the dots' 4% and 2%: the note says why a dot and its row differ
    assert "so a dot and its row can differ. Benchmark: TestSource (2020)" in sec.source


def test_scatter_names_the_accounts_whose_posts_have_no_comments(database, tmp_path):
    sec = _scatter_of(database, tmp_path, "posts", "influencer,platform,followers,likes,comments\n"
                      "v,instagram,20000,800,\nv,instagram,20000,700,\nw,instagram,30000,600,30\n")
    assert "(likes+comments)" in sec.finding and "counting" not in sec.finding
    assert ("1 account has no comments in the data: its dot counts without them, lower than like for like."
            in sec.source)


def test_scatter_of_total_engagements_says_the_comparison_flatters(database, tmp_path):
    # An influencer list that gives engagements only as a total (an ER): nothing to count likes + comments on, so
    # the dots count all of it, and the headline says so. v .04 and w .02 against the 10K-50K tier's .026.
    sec = _scatter_of(database, tmp_path, "influencers", "influencer,platform,followers,engagement_rate\n"
                      "v,instagram,20000,0.04\nw,instagram,30000,0.02\n")
    dots = next(t for t in sec.figure.data if t.name == "Instagram")
    assert dict(zip(dots.customdata[:, 0], dots.y)) == pytest.approx({"v": 0.04, "w": 0.02})
    assert sec.finding == ("1 of 2 Instagram accounts have a higher ER by followers than TestSource (2020) gives "
                           "for their follower tier, counting all engagements against its likes+comments")
    assert "The benchmark counts likes+comments only, which the data does not split out" in sec.source


def test_scatter_by_views_names_the_accounts_it_cannot_draw(tmp_path):
    # TikTok posts with views beside an Instagram list without: by views, the list's accounts have no dot
    from microlens import db as mdb
    posts = tmp_path / "posts.csv"
    posts.write_text("influencer,platform,followers,likes,comments,views\na,tiktok,20000,900,40,30000\n"
                     "b,tiktok,30000,800,30,20000\n", encoding="utf-8")
    lst = tmp_path / "list.csv"
    lst.write_text("influencer,platform,followers,engagement_rate\nv,instagram,20000,0.04\n", encoding="utf-8")
    database = mdb.new_database()
    ingest.ingest_path(database, posts)
    ingest.ingest_path(database, lst, kind="influencers")
    ctx = Context(db=database, filters=Filters(), er_records=TIERS)
    table = area.load(ctx).table
    by_views = area.scatter_section(ctx, table, "median_er_views")
    assert "1 account without views is not drawn (ER by followers draws it)." in by_views.source
    assert "not drawn" not in area.scatter_section(ctx, table, "median_er").source
    database.close()


def test_posts_chart_and_best_posts(fixture_ctx):
    posts = fixture_ctx.query("influencer_posts", influencers=["hot"])
    assert posts["engagements"].tolist() == [4000, 5000, 6000]
    best = area.best_posts(posts)
    assert best["engagements"].tolist() == [6000, 5000, 4000]
    assert best.loc[0, "url"] == "https://www.instagram.com/p/hot3/"
    # Sponsored: post 2 (ER .25); organic: posts 1 and 3 (median (.20 + .30) / 2 = .25).
    title = area.posts_title(posts, "hot", "instagram")
    assert title == "hot on Instagram: median ER 25.0% over 3 posts; sponsored 25.0% vs organic 25.0%"
    fig = build_posts_over_time(posts, "er", title)
    assert [t.name for t in fig.data] == ["all posts", "organic post", "sponsored post"]
    assert len(fig.data[1].x) == 2 and len(fig.data[2].x) == 1
    # a post the data does not mark sponsored or not is neither: organic is post 3 alone (.30)
    marked = posts.assign(sponsored=[None, True, False])
    assert area.posts_title(marked, "hot", "instagram").endswith("sponsored 25.0% vs organic 30.0%")
    unmarked = build_posts_over_time(posts.assign(sponsored=[True, None, False]), "er", title)
    assert {t.name: len(t.x) for t in unmarked.data[1:]} == {
        "organic post": 1, "sponsored post": 1, "post (sponsored or not: not given)": 1}


def test_add_to_roster_once_with_the_figures(data, tmp_path):
    roster = Roster(tmp_path / "roster.duckdb")
    row = _row(data, "hot").copy()
    row["influencer"] = "hot"
    first, already = area.add_to_roster(roster, row)
    again, already_again = area.add_to_roster(roster, row)
    assert (already, already_again, again) == (False, True, first)
    entries = roster.entries()
    assert entries["influencer"].tolist() == ["hot"] and entries["stage"].tolist() == ["prospect"]
    assert "median ER 25.0%" in entries.loc[0, "latest_note"]
    assert "flags: ER far above peers" in entries.loc[0, "latest_note"]


def test_sections_for_export(fixture_ctx):
    secs = {s.key: s for s in area.sections(fixture_ctx)}
    assert set(secs) == {"influencers_shortlist", "influencers_er_vs_followers"}
    short = secs["influencers_shortlist"]
    # Cheapest first: hot .02, left out for its warning (ER far above peers); c 3 × 90 / 1640 = .165; a .2;
    # d 300 / 1380 = .217; b .296; e .441.
    assert short.table["influencer"].tolist() == ["c", "a", "d", "b", "e"]
    # a slide's eight columns show what each cost rests on, in one column (the band, one for all and named in the
    # finding, makes room): "Price basis: listed" beside "Cost estimated: yes" read as a contradiction; and the
    # authenticity flags, which a client's deck dropped as the ninth column; here no listed account has a note, and
    # an empty column would take a slide's room
    assert list(short.table.columns[:7]) == ["influencer", "platform", "followers", "median_er", "cpe", "price",
                                             "cost_from"]
    assert "flags_summary" not in short.table
    noted = dataclasses.replace(area.load(fixture_ctx), table=area.load(fixture_ctx).table.assign(
        flags_summary=lambda t: t["flags_summary"].mask(t["influencer"] == "e", "follower jump ×2")))
    assert area.shortlist_section(noted).table.columns[7] == "flags_summary"
    # b and c at their listed prices and e at the rate card's were paid no fee; a and d paid fees
    assert short.table.set_index("influencer")["cost_from"].to_dict() == {
        "c": "listed price (no fee paid)", "a": "fees paid", "d": "fees paid", "b": "listed price (no fee paid)",
        "e": "rate card × followers (no fee, no price)"}
    # five with a cost is fewer than a shortlist's fifteen: not "the 5 cheapest", which read as a choice among more
    assert short.finding == ("The 5 micro-influencers left: $0.16–$0.44 per engagement, median ER 2.6%; "
                             "left out: 1 with an authenticity warning; 3 of 5 were paid no fee, so their cost is "
                             "the price they list (2) or the rate card's estimate from followers (1)")
    assert secs["influencers_er_vs_followers"].figure is not None


def test_shortlist_leaves_out_warnings_and_names_minor_notes():
    table = pd.DataFrame({
        "influencer": ["w", "n", "k"], "platform": "instagram", "band": "micro", "followers": 20_000,
        "median_er": [0.5, 0.002, 0.03], "price": 100.0, "price_basis": "listed", "cpe": [0.01, 0.05, 0.1],
        "cost_estimated": False, "intent_rate": None, "profile_url": "",
        "flags_summary": ["ER far above peers", "ER far below peers", ""], "flagged": [True, True, False],
        "flag_severity": ["warning", "info", None]})
    data = area.InfluencerData(table=table, checks=pd.DataFrame(), check_figures={}, has_comments=False,
                               has_audience=False, phrases=())
    sec = area.shortlist_section(data)
    assert sec.table["influencer"].tolist() == ["n", "k"]
    assert sec.finding == ("The 2 micro-influencers left: $0.050–$0.10 per engagement, median ER 1.6%; "
                           "left out: 1 with an authenticity warning; 1 of them carries a minor authenticity note")
    # with none left out, all of them; the fifteen cheapest where there are more
    unwarned = dataclasses.replace(data, table=table.assign(flag_severity=None))
    assert area.shortlist_section(unwarned).finding.startswith("All 3 micro-influencers with a cost: $0.010–$0.10 ")
    assert area.shortlist_section(unwarned, size=2).finding.startswith("The 2 cheapest micro-influencers cost ")
    alone = dataclasses.replace(data, table=table.head(1).assign(flag_severity=None))
    assert area.shortlist_section(alone).finding.startswith("The one micro-influencer with a cost: $0.010 per ")
    assert area.shortlist_section(unwarned, size=1).finding.startswith("The cheapest micro-influencer costs $0.010 ")
    # posts with more engagements than followers (a crawl of viral posts) are the cheapest CPE of all: left out
    viral = data.table.assign(median_er=[0.5, 0.002, 1.4])
    sec = area.shortlist_section(dataclasses.replace(data, table=viral))
    assert sec.table["influencer"].tolist() == ["n"]
    assert sec.finding.startswith("The one micro-influencer left: $0.050 per engagement, median ER "
                                  "0.2%; left out: 1 with an authenticity warning and, of the others, 1 whose posts "
                                  "earn more "
                                  "engagements than they have followers (viral posts)")
    # just under the viral line (a crawl's cheapest: 88-99.6%), the finding says how near; at 1.6% it does not
    near = data.table.assign(median_er=[0.5, 0.88, 0.996])
    sec = area.shortlist_section(dataclasses.replace(data, table=near))
    # in the answer, not only in its qualification (small print under a slide's headline)
    assert "per engagement, on near-viral posts (median ER 93.8%)" in text.headline_parts(sec.finding)[0]
    assert sec.finding.endswith("; a median ER of 93.8% is near the 100% at which an account counts as viral: posts "
                                "that travelled far beyond their followers, which a new post rarely matches; 1 of "
                                "them carries a minor authenticity note")
    assert "near the 100%" not in area.shortlist_section(data).finding
    # the page's note under its table, over the rows it shows (the warned one too): 50%, 88%, 99.6%; none at 1.6%
    assert area.cheapest_near_viral_note(near) == (
        "The 3 cheapest accounts here have a median ER of 88.0%, near the 100% at which an account counts as viral: "
        "posts that travelled far beyond their followers, which a new post rarely matches: their low cost per "
        "engagement rests on those posts.")
    assert area.cheapest_near_viral_note(data.table) is None
    # the page keeps viral accounts when asked: the cheapest then stand over the line, not near it
    assert area.cheapest_near_viral_note(data.table.assign(median_er=[1.5, 2.0, 0.9])).startswith(
        "The 3 cheapest accounts here have a median ER of 150.0%, over the 100% at which an account counts as viral")
    # every cost from the rate card: the ranking is one of engagement rate, and the finding says so
    rated = data.table.assign(cost_estimated=True, price_basis="estimated")
    sec = area.shortlist_section(dataclasses.replace(data, table=rated))
    assert "; every cost is a rate-card estimate from followers, so this ranks engagement rate, not price" in sec.finding


def test_an_influencer_lists_own_engagement_rate_comes_before_its_average_likes():
    from microlens import db as mdb
    from tests.conftest import REALDATA

    # top_insta: cristiano 475.8m followers, 8.7m average likes (1.83%: over the account's life) and a 60-day ER of
    # 1.39%, which is the figure shown; rkive's ER is "NaN%", so its 10.9m average likes / 37.0m followers is used.
    database = mdb.new_database()
    ingest.ingest_path(database, REALDATA / "top_insta_influencers_data.csv")
    table = area.load(Context(db=database)).table.set_index("influencer")
    assert table.loc["cristiano", "median_er"] == pytest.approx(0.0139, rel=1e-6)
    assert table.loc["rkive", "median_er"] == pytest.approx(10.9e6 / 37.0e6)
    # the file's "CÃ´te d'Ivoire" (UTF-8 once read as Latin-1) reads as written, in the table and the filter
    assert "Côte d'Ivoire" in set(table["country"]) and not table["country"].str.contains("Ã", na=False).any()
    assert "Côte d'Ivoire" in area.choices(table.reset_index(), "country")
    from microlens.text import fix_mojibake
    values = pd.Series(["São Paulo", None, "â€œquotedâ€\u009d", "plain", 3])
    assert fix_mojibake(values).tolist() == ["São Paulo", None, "“quoted”", "plain", 3]
    database.close()


# ------------------------------------------------------------------------------------------- the page


def test_a_table_without_costs_puts_the_er_it_is_sorted_by_beside_the_account(database):
    from tests.conftest import REALDATA, app_on

    # top_insta's celebrities have no cost: sorted by ER, with the ER after three empty CPE columns it was cut at
    # the table's edge at 1280 px
    ingest.ingest_path(database, REALDATA / "top_insta_influencers_data.csv")
    at = app_on(database, "pages/influencers.py")
    table = next(d for d in at.dataframe if d.key == "infl_table")
    order = list(table.proto.column_order)
    assert table.value["cpe"].isna().all() and table.value["median_er"].is_monotonic_decreasing
    assert order.index("median_er") == order.index("followers") + 1 < order.index("cpe")

def test_page_on_sample_data(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("MICROLENS_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    at.switch_page("pages/influencers.py").run()
    assert not at.exception

    table = next(d for d in at.dataframe if d.key == "infl_table")
    before = len(table.value)
    assert before > 50
    # sorted by CPE, cheapest first, with the CPE beside the account (at the far right it was off screen)
    order = list(table.proto.column_order)
    assert order.index("cpe") < order.index("median_er") and order.index("cpe") <= 6
    assert table.value["cpe"].dropna().is_monotonic_increasing
    assert len(at.tabs) == 0          # nothing selected: no details yet

    at.number_input(key="infl_min_er").set_value(5.0).run()
    assert not at.exception
    filtered = next(d for d in at.dataframe if d.key == "infl_table").value
    assert 0 < len(filtered) < before
    assert (filtered["median_er"] >= 0.05).all()

    # Platforms as marketers write them; the app keys accounts by the stored name.
    assert set(filtered["platform"]) <= {"Instagram", "TikTok", "YouTube"}
    stored = {shown: name for name, shown in PLATFORM_NAMES.items()}
    first = filtered.iloc[0]
    at.session_state["infl_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert [t.label for t in at.tabs] == [f"{first['influencer']} · {first['platform']}"]
    assert any("Posts over time" in m.value for m in at.markdown)
    # an estimate is said in the card's label: beside the value it wrapped the card onto two lines
    cpe = next(m for m in at.metric if m.label.startswith("CPE"))
    assert cpe.label in ("CPE", "CPE (estimated)") and re.fullmatch(r"\$[0-9.,]+", cpe.value)
    # the account's posts chart offers its data and its SQL, as every chart does
    tab = at.tabs[0]
    assert any(b.proto.label == "Download chart data (CSV)" for b in tab.get("download_button"))
    assert any(c.value == "queries/influencer_posts.sql" for c in tab.caption)

    at.button(key=f"roster_{first['influencer']}_{stored[first['platform']]}").click().run()
    assert [s.value for s in at.success] == [f"Added {first['influencer']} ({first['platform']}) to the roster "
                                             "as a prospect."]
    assert Roster(tmp_path / "roster.duckdb").find(first["influencer"], stored[first["platform"]]) is not None

    # A dot picked in the chart opens too, beside the ticked row (customdata names the account).
    other = filtered.iloc[1]
    at.session_state["infl_scatter"] = {"selection": {
        "points": [{"customdata": [other["influencer"], stored[other["platform"]]]}],
        "point_indices": [0], "box": [], "lasso": []}}
    at.run()
    assert not at.exception
    assert [t.label for t in at.tabs] == [f"{r['influencer']} · {r['platform']}" for r in (first, other)]

    # a roster file that is no DuckDB file (damaged, or another program's) is said in a sentence, not a traceback
    (tmp_path / "roster.duckdb").write_bytes(b"not a database" * 100)
    at.button(key=f"roster_{other['influencer']}_{stored[other['platform']]}").click().run()
    assert not at.exception
    assert [shown(e.value).split(" (")[0] for e in at.error] == ["The roster file could not be read or written"]


def test_page_checks_the_accounts_once_per_data_and_filters(monkeypatch, tmp_path):
    # Ticking a row or narrowing the table reruns the page; the checks of every account (seconds at 1M posts)
    # must not run again until the data or the global filters change.
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    calls = []
    real_load = area.load
    monkeypatch.setattr(area, "load", lambda ctx, extra="": calls.append(ctx.filters) or real_load(ctx, extra))
    monkeypatch.setenv("MICROLENS_DATA_DIR", str(tmp_path))
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    at.switch_page("pages/influencers.py").run()
    assert len(calls) == 1
    at.number_input(key="infl_min_er").set_value(5.0).run()
    at.session_state["infl_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception and len(at.tabs) == 1
    assert len(calls) == 1
    # (AppTest runs the sidebar's entry script on the first run only: set the filters it would have set)
    at.session_state["filters"] = dataclasses.replace(at.session_state["filters"], platforms=("tiktok",))
    at.run()
    assert not at.exception
    assert len(calls) == 2 and calls[-1].platforms == ("tiktok",)
    table = next(d for d in at.dataframe if d.key == "infl_table").value
    assert set(table["platform"]) == {"TikTok"}


def test_page_leaves_out_viral_accounts_unless_asked(database):
    # The TikTok crawl: sorted by CPE, the table opened on 225-follower accounts at 271,524% ER
    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    at = app_on(database, "pages/influencers.py")
    assert not at.exception
    full = area.load(Context(db=database)).table
    viral = int((full["median_er"] > 1).sum())
    box = at.checkbox(key="infl_leave_out_viral")
    assert viral > 100 and box.value and box.label.startswith(f"Leave out {viral:,} viral accounts")
    table = next(d for d in at.dataframe if d.key == "infl_table").value
    # the table shows percents (ui.dataframe scales its percent columns): 100 = an ER of 100%
    assert len(table) == len(full) - viral and table["median_er"].max() <= 100
    # what the cheapest rows rest on, said under the table (the shortlist's slide said it; the page did not)
    cheapest = table.sort_values("cpe").head(area.SHORTLIST_SIZE)
    middle = float(cheapest["median_er"].median()) / 100
    assert middle > metrics.NEAR_VIRAL_ER
    note = (f"The {area.SHORTLIST_SIZE} cheapest accounts here have a median ER of {theme.percent(middle, 1)}, near "
            "the 100%")
    assert any(shown(c.value).startswith(":material/warning: " + note) for c in at.caption), at.caption
    box.uncheck().run()
    assert len(next(d for d in at.dataframe if d.key == "infl_table").value) == len(full)


def test_page_with_an_influencer_list_only(tmp_path):
    """No posts, no comments: plain messages instead of intent and posts, and no traceback."""
    from microlens import db as mdb
    (tmp_path / "influencers.csv").write_text(INFLUENCERS_CSV, encoding="utf-8")
    database = mdb.new_database()
    ingest.ingest_path(database, tmp_path / "influencers.csv", kind="influencers")
    at = app_on(database, "pages/influencers.py")
    assert not at.exception
    grid = next(d for d in at.dataframe if d.key == "infl_table")
    table = grid.value
    assert sorted(table["influencer"]) == ["b", "c"]
    # no post count where no post is loaded: "Posts 0" sat beside the Overview's "counts as one average post"
    assert table["posts"].isna().all()
    assert "influencer list only" in json.loads(grid.proto.columns)["posts"]["help"]
    assert any("no comments file is loaded" in c.value for c in at.caption)
    at.session_state["infl_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert any("No posts loaded for this account" in c.value for c in at.caption)


def test_page_phrases_box_extends_the_lexicon_for_the_session(fixture_ctx):
    at = app_on(fixture_ctx.db, "pages/influencers.py")

    def intent_of_a():
        table = next(d for d in at.dataframe if d.key == "infl_table").value.set_index("influencer")
        return table.loc["a", "intent_rate"] / 100    # shown in percent

    assert intent_of_a() == pytest.approx(0.25)
    at.text_area(key="intent_extra_input").input("great light").run()
    assert not at.exception
    assert at.session_state["intent_extra"] == "great light"
    assert any(e.label == f"Purchase-intent phrases ({len(area.lexicon()) + 1:,} in use)" for e in at.expander)
    assert intent_of_a() == pytest.approx(0.5)       # 2 of a's 4 comments now count


def test_the_first_er_measure_shown_is_one_benchmarked_for_the_main_platform():
    tiktok = pd.DataFrame({"platform": ["tiktok", "tiktok", "instagram"], "followers": [20_000, 40_000, 30_000],
                           "median_er": [0.1, 0.2, 0.03], "median_er_views": [0.05, 0.06, None]})
    # No catalog source gives TikTok ER per follower; several give it per view.
    assert not any(r.platform == "tiktok" for rs in area.benchmark_sources(bm.ER_BENCHMARKS).values() for r in rs)
    assert area.measure_to_show(tiktok, bm.ER_BENCHMARKS) == "median_er_views"
    assert area.measure_to_show(tiktok, bm.ER_BENCHMARKS, chosen="median_er") == "median_er"   # the user's pick
    instagram = tiktok.assign(platform="instagram")
    assert area.measure_to_show(instagram, bm.ER_BENCHMARKS) == "median_er"
    # Without views in the data, by followers is all there is.
    assert area.measure_to_show(tiktok.drop(columns="median_er_views"), bm.ER_BENCHMARKS) == "median_er"
    # Most accounts are on YouTube, whose benchmarks are per view, but only one YouTube account has views: the
    # two Instagram accounts by followers are the larger comparison the data can make.
    lists = pd.DataFrame({"platform": ["youtube"] * 3 + ["instagram"] * 2,
                          "followers": [20_000, 40_000, 30_000, 25_000, 35_000],
                          "median_er": [0.01, 0.02, 0.03, 0.02, 0.04], "median_er_views": [0.05, None, None, None, None]})
    assert area.measure_to_show(lists, bm.ER_BENCHMARKS) == "median_er"
    assert area.measure_to_show(lists.assign(median_er_views=[0.05, 0.04, 0.03, None, None]),
                                bm.ER_BENCHMARKS) == "median_er_views"


def test_the_sample_opens_on_the_source_with_most_tiers_for_its_main_platform(sample_db):
    # Modash (7 Instagram tiers from 1K) and HypeAuditor 2018 (6 tiers, one under 1K) both measure the sample's
    # Instagram accounts; an under-1K tier reaching five more small accounts should not make the older source the
    # default.
    sec = next(s for s in area.sections(Context(db=sample_db)) if s.key == "influencers_er_vs_followers")
    table = sec.table
    assert "than Modash (undated) gives" in sec.finding and set(table.loc[table["benchmark_er"].notna(),
                                                                     "benchmark_source"]) == {
        "Modash undated · Instagram · median ER"}
    # a TikTok or YouTube row has no Instagram benchmark, and the export does not name the source beside it
    unbenchmarked = table[table["benchmark_er"].isna()]
    assert set(unbenchmarked["platform"]) >= {"tiktok"} and (unbenchmarked["benchmark_source"] == "").all()


def test_with_no_cost_anywhere_the_table_is_sorted_by_engagement(tmp_path):
    from microlens import db as mdb

    path = tmp_path / "list.csv"
    path.write_text("influencer,platform,followers,engagement_rate\nstar,instagram,5000000,0.02\n"
                    "idol,instagram,2000000,0.05\n", encoding="utf-8")
    database = mdb.new_database()
    ingest.ingest_path(database, path, kind="influencers")
    at = app_on(database, "pages/influencers.py")
    assert not at.exception
    assert at.dataframe[0].value["influencer"].tolist()[:2] == ["idol", "star"]      # ER 5% before 2%
    assert any(c.value.startswith("No account has a cost, so sorted by median ER") for c in at.caption)
    database.close()


def test_scatter_leaves_room_above_the_plot_for_as_many_legend_rows_as_it_has():
    from microlens.charts_influencers import build_er_scatter

    # three short entries fit one row at a laptop's chart width: the template's margin, no empty band under the
    # title; three platforms the Instagram tiers do not cover, each named so, wrap onto a second row (26 px more)
    table = pd.DataFrame({"influencer": ["a", "b"], "platform": "instagram", "band": "micro", "followers": 20_000,
                          "median_er": [0.02, 0.03], "cpe": 0.1, "flagged": [True, False]})
    assert build_er_scatter(table, "median_er", "ER", TIERS, "S", "t", "n").layout.margin.t == 90
    many = pd.concat([table.assign(platform=p) for p in ("instagram", "tiktok", "youtube", "facebook")])
    fig = build_er_scatter(many, "median_er", "ER", TIERS, "S", "t", "n")
    assert [t.name for t in fig.data] == ["benchmark tier", "Facebook (not in this benchmark)", "Instagram",
                                          "TikTok (not in this benchmark)", "YouTube (not in this benchmark)",
                                          "authenticity flag"]
    assert fig.layout.margin.t == 90 + 26


def test_the_exported_er_chart_leaves_out_viral_accounts_as_the_page_does(database):
    # The page leaves viral accounts out by default; the deck's chart counted them in ("1,486 of 2,595 accounts"
    # where the page said "1,100 of 1,532"). Both follow the page's checkbox now (Context.influencer_leave_out_viral).
    from microlens.context import Context

    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    everyone = area.load(Context(db=database), "").table
    viral = int(area.viral(everyone).sum())
    assert 0 < viral < len(everyone)

    def chart_rows(leave_out: bool) -> int:
        sections = {s.key: s for s in area.sections(Context(db=database, influencer_leave_out_viral=leave_out))}
        section = sections["influencers_er_vs_followers"]
        dots = sum(len(t.x) for t in section.figure.data if t.mode == "markers" and t.name != "authenticity flag")
        assert len(section.table) == dots       # the table lists the accounts the chart draws
        # and the note says so: a report has no checkbox to say it (614 of 1,940 accounts read as all of them)
        said = f"{viral:,} viral accounts (median ER by followers over 100%: posts that travelled far beyond"
        assert (said in section.source) == leave_out, section.source
        return dots

    assert 0 < chart_rows(False) - chart_rows(True) <= viral


# The review's upload: top_insta's 200 accounts (likes, no comments) before the 2022 lists, whose Instagram list gives
# 171 of them again with only a total "Engagement average" (the list loaded last is the profile that counts).
REVIEW_ORDER = ("top_insta_influencers_data.csv", "tiktok_vn_posts_recrawled.csv",
                "social-media-influencers-2022/social media influencers - Tiktok sep 2022.csv",
                "social-media-influencers-2022/social media influencers - Youtube sep-2022.csv",
                "social-media-influencers-2022/social media influencers - instagram sep-2022.csv")
MODASH_INSTAGRAM = "Modash undated · Instagram · median ER"


@pytest.fixture(scope="module")
def review_db():
    from microlens import db as mdb

    database = mdb.new_database()
    for name in REVIEW_ORDER:
        ingest.ingest_path(database, REALDATA / name)
    yield database
    database.close()


def _modash_finding(database, table) -> str:
    return area.scatter_section(Context(db=database), table, "median_er", MODASH_INSTAGRAM).finding


def test_the_finding_names_what_the_accounts_it_compares_count_whatever_else_is_drawn(review_db):
    # The deck said "24 of 29 Instagram accounts have an ER by followers (likes+comments)" (TikTok posts have
    # comments) where the page filtered to Instagram said "(likes)": the 29 are top_insta's accounts not in the 2022
    # list, and top_insta has no comments column.
    top = pd.read_csv(REALDATA / REVIEW_ORDER[0])
    later = pd.read_csv(REALDATA / REVIEW_ORDER[4])
    only_top = set(top["channel_info"].str.lower()) - set(later["Instagram name"].str.lower())
    assert "comments" not in " ".join(top.columns).lower()
    everyone = area.load(Context(db=review_db)).table
    shown = area.filter_rows(everyone, leave_out_viral=True)
    every_platform = _modash_finding(review_db, shown)
    instagram = _modash_finding(review_db, shown[shown["platform"] == "instagram"])
    # the same answer; filtered to Instagram the chart draws 29 of its 1,011 accounts, and says so after it
    assert text.headline_parts(every_platform)[0] == text.headline_parts(instagram)[0]
    assert instagram.endswith("; 982 of the 1,011 accounts give engagements only as a total and are not drawn")
    assert f"of {len(only_top)} Instagram accounts have" in every_platform
    assert "ER by followers (likes) " in every_platform and "counting likes only against its likes+comments" in every_platform


def test_an_account_with_only_a_total_engagement_is_compared_on_it_as_the_table_shows(review_db):
    # Searching "cristiano": the table showed 1.3% (the 2022 list's engagement average ÷ followers), the chart's
    # title said he "has no ER by followers (likes+comments) in the data", and its ticks read 1%, 1%, 0%, 0%.
    listed = pd.read_csv(REALDATA / REVIEW_ORDER[4]).set_index("Instagram name").loc["cristiano"]
    er = listed.filter(like="Engagement average Values").iloc[0] / listed["Subscribers.1"]
    tier = next(r.er for r in area.benchmark_sources(bm.ER_BENCHMARKS)[MODASH_INSTAGRAM]
                if r.followers_low <= listed["Subscribers.1"] < (r.followers_high or math.inf))
    found = area.filter_rows(area.load(Context(db=review_db)).table, search="cristiano", leave_out_viral=True)
    assert found.set_index("influencer").loc["cristiano", "median_er"] == pytest.approx(er)
    sec = area.scatter_section(Context(db=review_db), found, "median_er", MODASH_INSTAGRAM)
    verdict = "above" if er > tier else "at or below"
    assert sec.finding.startswith(f"The one Instagram account's ER by followers is {verdict} what Modash (undated)")
    assert "counting all engagements against its likes+comments" in sec.finding
    assert_er_labels_distinct(sec.figure.layout.yaxis.tickformat, max(er, tier))


def assert_er_labels_distinct(tickformat: str, highest: float) -> None:
    """Every step Plotly may take on an axis from 0 to `highest`, at any height (1, 2 or 5 × a power of ten, from
    three to twenty steps to the range), labels each tick apart under d3's `tickformat` ('.1~%')."""
    decimals = int(re.fullmatch(r"\.(\d+)~%", tickformat).group(1))

    def label(value: float) -> str:          # d3's '~' trims the zeros after the decimal point
        text = f"{value * 100:.{decimals}f}"
        return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"
    steps = [m * 10.0 ** e for e in range(-8, 3) for m in (1, 2, 5) if 3 <= highest / (m * 10.0 ** e) <= 20]
    assert steps
    for step in steps:
        labels = [label(k * step) for k in range(int(highest / step) + 1)]
        assert len(set(labels)) == len(labels), (step, labels)


@pytest.mark.parametrize("highest", [0.0002, 0.0003, 0.0118, 0.05, 0.24, 0.3, 0.999, 1.03, 12.0])
def test_er_axis_labels_are_distinct_at_any_step_plotly_takes(highest):
    from microlens.charts_influencers import er_ticks

    ticks = er_ticks(highest)
    assert "dtick" not in ticks          # Plotly fits the ticks to the plot's height: thirteen crowded a slide's
    assert_er_labels_distinct(ticks["tickformat"], highest)
    # no more decimals than the finest step needs: 0-24% reads "5%", not "5.00%"
    assert er_ticks(0.24)["tickformat"] == ".0~%" and er_ticks(0.012)["tickformat"] == ".2~%"


def test_a_rate_that_is_not_zero_never_reads_zero(review_db):
    # zncoficial's YouTube list row: (avg likes + avg comments) ÷ subscribers = 0.02%, shown as "0.0%"
    youtube = pd.read_csv(REALDATA / REVIEW_ORDER[3])
    row = youtube[youtube["Youtuber"].astype(str).str.contains("zncoficial")].iloc[0]
    er = (row["Avg. likes.1"] + row["Avg Comments.1"]) / row[" Subscribers.1"]
    table = area.load(Context(db=review_db)).table.set_index("influencer")
    assert table.loc["zncoficial", "median_er"] == pytest.approx(er)
    assert area.er_text(er) == f"{er * 100:.3f}%" != "0.0%"
    assert area.er_text(0.0139) == "1.4%" and area.er_text(0) == "0.0%"
    # one number of decimals for a column (as the CPE column has), from its smallest rate: YouTube's tedxtalks,
    # 4 likes a video for 40M subscribers, needs six; a column of rates from 0.05% up keeps one
    digits = area.er_digits(table["median_er"])
    rates = table["median_er"].dropna()
    assert all(float(f"{v * 100:.{digits}f}") != 0 for v in rates[rates > 0]) and 1 < digits <= 6
    assert area.er_digits(rates[rates >= 0.0005]) == 1
    assert area.er_digits([0.92231, 0.01297, 0.00022]) == 3                                   # a card's two digits
    assert area.roster_note(pd.Series({"median_er": er})).count(f"median ER {er * 100:.3f}%") == 1
    # the table prints each row to three significant digits ("92.2%", "0.022%"): a column's decimals from its small
    # rates gave every row of these lists three ("98.028%", run past the column)
    at = app_on(review_db, "pages/influencers.py")
    grid = json.loads(next(d for d in at.dataframe if d.key == "infl_table").proto.columns)
    assert {grid[c]["type_config"]["format"] for c in ("median_er", "median_er_views")} == {"%.3g%%"}


def test_a_default_worked_out_for_a_search_does_not_outlive_it(review_db):
    at = app_on(review_db, "pages/influencers.py")
    assert not at.exception
    opened = at.radio(key="infl_er_measure").value
    assert opened == "median_er_views"        # the TikTok crawl: most accounts are benchmarked per view
    at.text_input(key="infl_search").input("cristiano").run()
    assert at.radio(key="infl_er_measure").value == "median_er"     # no view count in the two lists' rows
    assert at.selectbox(key="infl_source_median_er").value == MODASH_INSTAGRAM
    at.text_input(key="infl_search").input("").run()
    assert not at.exception and at.radio(key="infl_er_measure").value == opened
    assert "chosen_infl_er_measure" not in at.session_state and "chosen_infl_source_median_er" not in at.session_state
    # what the user picks is kept, and the export reads it
    at.radio(key="infl_er_measure").set_value("median_er").run()
    assert at.selectbox(key="infl_source_median_er").value == MODASH_INSTAGRAM    # this data's default
    other = "HypeAuditor 2018 · Instagram · median ER"
    at.selectbox(key="infl_source_median_er").set_value(other).run()
    at.text_input(key="infl_search").input("cristiano").run()
    at.text_input(key="infl_search").input("").run()
    assert at.selectbox(key="infl_source_median_er").value == other
    assert at.session_state["chosen_infl_er_measure"] == "median_er"
    assert at.session_state["chosen_infl_source_median_er"] == other


def test_a_check_that_could_not_run_is_not_ticked(tmp_path, monkeypatch):
    from microlens import db as mdb
    from microlens import flags, ingest

    # a list of accounts with likes, no comments: the comments-per-like check cannot run (it read "✓ … Not checked")
    monkeypatch.setenv("MICROLENS_DATA_DIR", str(tmp_path))
    database = mdb.new_database()
    ingest.ingest_path(database, write_csv(tmp_path, "list.csv", "influencer,platform,followers,avg_likes\n" + "".join(
        f"a{i},instagram,{20_000 + i},{900 + i}\n" for i in range(12))))
    at = app_on(database, "pages/influencers.py")
    at.session_state["infl_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    checks = [shown(c.value) for c in at.tabs[0].caption if c.value.startswith(("– ", "✓ "))]
    not_run = [c for c in checks if flags.NOT_CHECKED in c]
    assert any("Comments per like:** Not checked: no comment count." in c for c in not_run)
    assert not_run and all(c.startswith("– ") for c in not_run)
    assert all(c.startswith("✓ ") for c in checks if c not in not_run)
    database.close()


def test_ticking_a_row_does_not_draw_the_chart_of_every_account_again(monkeypatch, tmp_path):
    # a tick reran scatter_section over every account (1 s at 50,000 accounts) for the same chart
    monkeypatch.setenv("MICROLENS_DATA_DIR", str(tmp_path))
    drawn = []
    draw = area.scatter_section
    monkeypatch.setattr(area, "scatter_section", lambda *a, **k: drawn.append(len(a[1])) or draw(*a, **k))
    at = app_on(None, "pages/influencers.py")
    at.run()
    at.session_state["infl_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception and len(at.tabs) == 1 and len(drawn) == 1
    at.number_input(key="infl_min_er").set_value(5.0).run()      # fewer rows shown: drawn again, for them
    assert not at.exception and len(drawn) == 2 and drawn[1] < drawn[0]


def test_a_chart_that_draws_few_of_the_accounts_says_so_in_its_headline(database):
    # top_insta and the 2022 Instagram list: 982 of 1,011 accounts give engagements only as a total, and a slide
    # headed "24 of 29 Instagram accounts…" read as the whole list, the 982 named only in the source line
    for name in ("top_insta_influencers_data.csv", "social-media-influencers-2022/social media influencers - "
                                                   "instagram sep-2022.csv"):
        ingest.ingest_path(database, REALDATA / name)
    ctx = Context(db=database)
    table = area.load(ctx).table
    sec = area.scatter_section(ctx, table)
    drawn = len(sec.table)
    total = drawn + int(re.search(r"(\d[\d,]*) accounts? whose data gives engagements only as a total",
                                  sec.source).group(1).replace(",", ""))
    assert drawn < total / 2
    answer, qualified = text.headline_parts(sec.finding)
    assert answer.startswith(f"24 of {drawn} Instagram accounts")
    assert qualified == (f"{total - drawn:,} of the {total:,} accounts give engagements only as a total and are "
                         "not drawn.")


def test_the_report_draws_the_er_chart_the_page_draws_for_the_2022_lists(database):
    # picked before the viral accounts went, the report's measure was TikTok's ER by views ("831 of 927 TikTok
    # accounts …") where the page, picking on the accounts it draws, showed Instagram's by followers
    import json

    from microlens.context import Context

    for name in ("Tiktok sep 2022.csv", "Youtube sep-2022.csv", "instagram sep-2022.csv"):
        ingest.ingest_path(database, REALDATA / "social-media-influencers-2022" / f"social media influencers - {name}")
    section = next(s for s in area.sections(Context(db=database)) if s.key == "influencers_er_vs_followers")
    at = app_on(database, "pages/influencers.py")
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ") for c in at.get("plotly_chart")]
    assert section.figure.layout.title.text.replace("<br>", " ") in titles, (section.finding, titles)


def test_a_chart_note_cut_short_has_its_sources_under_the_chart(database):
    # the celebrity list's note ends "… and more: every source is listed under the chart.": the page then lists them
    from microlens import theme

    ingest.ingest_path(database, REALDATA / "top_insta_influencers_data.csv")
    at = app_on(database, "pages/influencers.py")
    assert not at.exception
    ctx = Context(db=database)
    sec = area.scatter_section(ctx, area.load(ctx).table)
    assert theme.footnote_cut(sec.figure)
    notes = [shown(c.value) for c in at.caption if c.value.startswith("The chart's note in full: ")]
    # (a web address drawn as a link: "[modash.io](https://www.modash.io/…)")
    assert [re.sub(r"\[[^\]]*\]\(([^)]*)\)", r"\1", s) for s in notes] == [f"The chart's note in full: {sec.source}"]


def test_the_views_chart_accounts_for_every_account_it_is_given(database):
    # the crawl's 614 drawn and 155 without views came to 769 of the table's 770: one has no follower count
    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    ctx = Context(db=database)
    table = area.load(ctx).table
    kept = table[~(table["median_er"] > 1)]
    sec = area.scatter_section(ctx, kept, "median_er_views", viral_left_out=len(table) - len(kept))
    drawn = int(re.search(r" of ([\d,]+) TikTok accounts", sec.finding).group(1).replace(",", ""))
    no_views = int(re.search(r"([\d,]+) accounts without views are not drawn", sec.source).group(1))
    no_followers = re.search(r"(\d+) accounts? without a follower count (is|are) not drawn", sec.source)
    assert no_followers and drawn + no_views + int(no_followers.group(1)) == len(kept) and len(sec.table) == drawn
    assert int(kept["followers"].isna().sum()) == int(no_followers.group(1))


def test_the_cards_say_what_the_page_leaves_out_and_what_is_estimated():
    # a crawl's cards: "770 accounts shown (1,940 under the sidebar filters)" without the 1,170 viral ones named, and
    # a median CPE over 440 accounts, all rate card, that said neither
    table = pd.DataFrame({"influencer": list("abcde"), "platform": ["tiktok"] * 5,
                          "median_er": [0.05, 2.5, 1.2, 0.04, 0.03],        # b and c viral (over 100%)
                          "cpe": [0.02, 0.001, 0.002, None, 0.05],          # d: no cost (over 1M followers)
                          "cost_estimated": [True, True, True, None, False]})
    view = table[~area.viral(table)]
    assert area.accounts_shown_help(view, table, True) == ("5 under the sidebar filters; 2 left out by this page's "
                                                          "choices above (2 of them as viral).")
    assert area.accounts_shown_help(table, table, True) == "5 under the sidebar filters."
    # viral accounts kept, a search that hides them does not blame it on their going viral
    assert area.accounts_shown_help(view, table, False) == ("5 under the sidebar filters; 2 left out by this page's "
                                                           "choices above.")
    label, help_text = area.median_cpe_card(view)
    assert label == "Median CPE (accounts shown)"
    assert help_text.startswith("Median over the 2 shown accounts with a cost (of 3), of every band, of each "
                                "account's cost per engagement; 1 of those costs is estimated (the influencer's")
    label, help_text = area.median_cpe_card(view[view["influencer"] != "e"])
    assert label == "Median CPE (accounts shown, estimated)" and "1 shown account with a cost (of 2)" in help_text
    # a list of unpriced celebrities: not "median over the 0 shown accounts with a cost"
    assert area.median_cpe_card(view.assign(cpe=None))[1].startswith("No shown account has a cost")


def test_the_charts_table_names_the_er_the_chart_draws(database):
    # top_insta: Modash counts likes + comments, the list has likes alone; the chart draws likes ÷ followers and the
    # table's column for it read "ER counted" beside the list's own rate
    from microlens import columns

    ingest.ingest_path(database, REALDATA / "top_insta_influencers_data.csv")
    ctx = Context(database)
    sec = area.scatter_section(ctx, area.load(ctx).table, "median_er")
    assert sec.figure.layout.yaxis.title.text == "Median ER by followers<br>(likes)"
    labels = [columns.label(c) for c in sec.table.columns]
    assert labels[4:6] == ["Median ER by followers", "ER as the chart draws it"]
    raw = pd.read_csv(REALDATA / "top_insta_influencers_data.csv", dtype=str, encoding="utf-8-sig").iloc[0]
    # cristiano: 8.7m average likes over 475.8m followers
    assert sec.table.set_index("influencer").loc["cristiano", "er_counted"] == pytest.approx(8.7 / 475.8, rel=1e-3)
    assert raw["avg_likes"] == "8.7m" and raw["followers"] == "475.8m"
