"""The Cost vs celebrity figure and finding, built without Streamlit."""
from __future__ import annotations

import html
import math
import re

import numpy as np
import pytest
import pandas as pd

from microlens import benchmarks as bm
from microlens import area_cost, charts_cost, ingest, text, theme
from tests.conftest import sample_paid_accounts, write_csv


def crawl_posts() -> pd.DataFrame:
    """The TikTok crawl read independently of the app: per post the account (handle, case aside), followers, post
    time and ER = (likes + comments + shares + saves) ÷ followers, counts such as "30K" and "2.1M" read by hand."""
    from tests.conftest import REALDATA

    raw = pd.read_csv(REALDATA / "tiktok_vn_posts_recrawled.csv", encoding="utf-8-sig", dtype=str)

    def counted(column: str) -> pd.Series:      # "30K", "2.1M", "657"
        text = raw[column].str.strip().str.upper()
        scale = text.str[-1].map({"K": 1e3, "M": 1e6, "B": 1e9})
        return pd.to_numeric(text.where(scale.isna(), text.str[:-1]), errors="coerce") * scale.fillna(1)

    posts = pd.DataFrame({"account": raw["user_name"].str.lower(), "followers": counted("user_nfollower"),
                          "posted": pd.to_datetime(raw["vid_postTime"], errors="coerce")})
    posts["er"] = (sum(counted(c).fillna(0) for c in ("vid_nlike", "vid_ncomment", "vid_nshare", "vid_nsave"))
                   / posts["followers"]).where(posts["followers"] > 0)
    return posts


def influencers(n_micro: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({
        "influencer": [f"m{i}" for i in range(n_micro)] + ["star"],
        "platform": "instagram", "band": ["micro"] * n_micro + ["celebrity"],
        "cpe": list(rng.uniform(0.01, 0.2, n_micro)) + [0.9],
        "cost_estimated": [i % 2 == 0 for i in range(n_micro)] + [False]})


BANDS = pd.DataFrame({"band": ["micro", "celebrity"], "cpe": [0.08, 0.9]})


def test_a_band_of_gifted_posts_draws_no_diamond_on_the_log_axis():
    # every post of the celebrity band paid in product: its CPE is $0, which raised "math domain error"
    bands = BANDS.assign(cpe=[0.08, 0.0])
    fig = charts_cost.build_cpe_by_band(influencers(10), bands, ["micro", "celebrity"], 0.24, 6.06, "t", "src")
    diamonds = next(t for t in fig.data if t.name == "whole band (its total cost ÷ engagements)")
    assert list(diamonds.y) == [0.08]


def test_band_diamonds_come_from_the_band_rows_not_from_the_dots():
    fig = charts_cost.build_cpe_by_band(influencers(10), BANDS, ["micro", "celebrity"], 0.24, 6.06, "t", "src")
    diamonds = next(t for t in fig.data if t.name == "whole band (its total cost ÷ engagements)")
    assert list(diamonds.y) == [0.08, 0.9]
    legend = [t for t in fig.data if t.showlegend is not False]
    assert [t.name for t in legend][:2] == ["influencer (fee paid)",
                                            "influencer (no fee paid: listed price or rate card)"]
    # their legend dots in grey, whatever band the first dot is in (a crawl's orange ring beside blue micro rings)
    assert {t.marker.color for t in legend[:2]} == {theme.ESTIMATED_COLOUR}
    assert [list(t.y) for t in legend[:2]] == [[None], [None]]         # no dot of their own
    assert fig.layout.yaxis.type == "log" and fig.layout.title.text == "t"



def _drawn_colour(marker, value: float) -> str:
    """The colour Plotly draws `value` in under marker's colour scale (a stepped one: the step it falls in)."""
    where = (value - marker.cmin) / (marker.cmax - marker.cmin)
    return next(colour for (low, colour), (high, _) in zip(marker.colorscale, marker.colorscale[1:])
                if low <= where <= high and low < high)


def test_every_dot_and_its_ring_are_drawn_in_its_band_s_colour():
    data = pd.concat([influencers(12), influencers(3).assign(band="nano", influencer=lambda d: "n" + d["influencer"])])
    fig = charts_cost.build_cpe_by_band(data, BANDS, ["nano", "micro", "celebrity"], 0.24, 6.06, "t", "src")
    dots = [t for t in fig.data if t.showlegend is False and len(t.x) and t.x[0] is not None]
    drawn = [(band, _drawn_colour(t.marker, c), _drawn_colour(t.marker.line, lc))
             for t in dots for band, c, lc in zip(t.customdata[:, 2], t.marker.color, t.marker.line.color)]
    assert len(drawn) == len(data) and {band for band, _, _ in drawn} == {"nano", "micro", "celebrity"}
    assert all(fill == ring == theme.BAND_COLOURS[band] for band, fill, ring in drawn)

def test_the_middle_micro_account_is_marked_with_the_finding_s_figure(sample_db):
    from microlens.context import Context
    # the headline's and card's median micro CPE was nowhere on the chart beside the band's diamond
    fig = charts_cost.build_cpe_by_band(influencers(10), BANDS, ["micro", "celebrity"], 0.24, 6.06, "t", "src",
                                        micro_median=0.1)
    (mark,) = [s for s in fig.layout.shapes if s.type == "line" and s.line.dash == "dash"]
    assert (mark.y0, mark.y1) == (0.1, 0.1) and mark.x0 < 0 < mark.x1          # across the micro column (at 0)
    assert [a.text for a in fig.layout.annotations if a.text.startswith("middle account")] == [
        "middle account<br>$0.10"]
    # micro's column first: the axis starts early enough for the label's left half, not cut over the ticks
    left, right = fig.layout.xaxis.range
    room_px = (0 - left) * charts_cost.PLOT_PX / (right - left)
    assert room_px >= charts_cost.MIDDLE_LABEL_PX / 2 and right == 1.6
    # a band left of micro's column has its diamond's label on the diamond's left, clear of the middle account's
    # label in the gap (nano's "$0.21" ran under it on a 720-px slide); micro's and those after it on the right
    with_nano = pd.concat([pd.DataFrame({"band": ["nano"], "cpe": [0.21]}), BANDS], ignore_index=True)
    nano = pd.DataFrame({"influencer": ["n0"], "platform": "instagram", "band": "nano", "cpe": [0.21],
                         "cost_estimated": [False]})
    sides = charts_cost.build_cpe_by_band(pd.concat([nano, influencers(10)], ignore_index=True), with_nano,
                                          ["nano", "micro", "celebrity"], 0.24, 6.06, "t", "src", micro_median=0.1)
    diamonds = {a.text: a.xanchor for a in sides.layout.annotations if a.text.startswith("<b>$")}
    assert diamonds == {"<b>$0.21</b>": "right", "<b>$0.080</b>": "left", "<b>$0.90</b>": "left"}
    # no micro column, or no median: no mark
    for quiet in (charts_cost.build_cpe_by_band(influencers(10), BANDS, ["micro", "celebrity"], 0.24, 6.06, "t",
                                                "src"),
                  charts_cost.build_cpe_by_band(influencers(10)[lambda d: d["band"] != "micro"], BANDS,
                                                ["micro", "celebrity"], 0.24, 6.06, "t", "src", micro_median=0.1)):
        assert not [a for a in quiet.layout.annotations if a.text.startswith("middle account")]
    # on the page, the card's figure
    s = area_cost.summary(Context(db=sample_db))
    chart = next(sec for sec in area_cost.sections(Context(db=sample_db)) if sec.key == "cost_vs_celebrity").figure
    (named,) = [a.text for a in chart.layout.annotations if a.text.startswith("middle account")]
    # with the finding's own figure where it counts likes only, as the closest benchmark does: the headline's
    # "$0.11 per like" was nowhere on a chart of costs per engagement
    per_like = s.like_for_like.micro_cpe
    assert s.like_for_like.basis == "likes only" and f"{theme.money(per_like)} per like" in s.finding
    assert named == f"middle account<br>{theme.money(s.micro_median_cpe)}<br>({theme.money(per_like)} per like)"
    assert chart.layout.xaxis.range[0] == -0.6          # the sample's nano column stands left of micro's
    # in the chart's own unit, no second figure
    assert charts_cost.headline_micro_cpe(0.1, 0.24, charts_cost.LikeForLike(2.4, 0.1, 0.24)) == ""
    assert charts_cost.headline_micro_cpe(0.3, 0.24, charts_cost.LikeForLike(2.2, 0.11, 0.24, "likes only")) == ""


def test_cost_axis_labels_a_tick_above_the_celebrity_band_and_below_the_cheapest_dot():
    # the PDF's axis stopped short of $10: the top of the $0.24–$6.06 band had no label to read it by
    fig = charts_cost.build_cpe_by_band(influencers(10), BANDS, ["micro", "celebrity"], 0.24, 6.06, "t", "src")
    ticks = log_ticks(fig.layout.yaxis)
    cheapest = min(v for t in fig.data for v in t.y if v is not None)
    assert max(ticks) >= 6.06 and min(ticks) <= cheapest
    assert 10 ** fig.layout.yaxis.range[1] > 6.06 * 1.1      # room above the band's top line and its label


def test_many_influencers_are_sampled_stably_and_said_so():
    data = influencers(1500)
    one = charts_cost.build_cpe_by_band(data, BANDS, ["micro", "celebrity"], 0.24, 6.06, "t", "src")
    two = charts_cost.build_cpe_by_band(data.sample(frac=1, random_state=1), BANDS, ["micro", "celebrity"],
                                        0.24, 6.06, "t", "src")
    dots = sum(len(t.y) for t in one.data if t.name.startswith("influencer") and t.customdata is not None)
    assert dots == charts_cost.MAX_DOTS_PER_BAND + 1          # 600 micro + the one celebrity
    def names(fig):
        return sorted(n for t in fig.data if t.name.startswith("influencer") and t.customdata is not None
                      for n in t.customdata[:, 0])
    assert names(one) == names(two)                            # the same sample whatever the row order
    assert any("fixed sample of 600" in a.text for a in one.layout.annotations)


def test_findings():
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06) == (
        "The median micro-influencer costs $0.086 per engagement, 2.8× cheaper than the chosen celebrity benchmarks "
        "at their best ($0.24–$6.06)")
    assert "inside the celebrity benchmark range" in charts_cost.micro_vs_celebrity_finding(0.5, 0.24, 6.06)
    assert "more than the celebrity" in charts_cost.micro_vs_celebrity_finding(7.0, 0.24, 6.06)
    assert charts_cost.micro_vs_celebrity_finding(None, 0.24, 6.06).startswith("No micro")
    # An empty micro band says what the filter holds instead (a file of celebrities, a filter on one band).
    assert charts_cost.micro_vs_celebrity_finding(None, 0.24, 6.06, priced_by_band={"nano": 12, "celebrity": 983}) == (
        "No micro-influencer posts with a known or estimated cost in the current filter (it has costs for 12 nano "
        "and 983 celebrity influencers)")


def test_the_finding_states_the_multiple_with_engagements_counted_alike():
    # 0.24 / 0.086 = 2.8× as the data counts engagements; set against each ER counted its way, 2.18×: with the
    # two CPEs it divides, likes only $0.11 against $0.24, so that the headline's numbers add up
    same = charts_cost.LikeForLike(0.24 / 0.11, 0.11, 0.24, "likes only")
    # the pair leads in the closest benchmark's unit, so that $0.24 ÷ $0.11 = 2.2× reads off the headline
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, like_for_like=same) == (
        "The median micro-influencer costs $0.11 per like, 2.2× cheaper than the closest celebrity benchmark "
        "($0.24 per like; all chosen: $0.24–$6.06); counting comments, shares and saves too: $0.086 per engagement")
    both = charts_cost.LikeForLike(0.5 / 0.1, 0.1, 0.5, "likes + comments")
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, like_for_like=both) == (
        "The median micro-influencer costs $0.10 per like or comment, 5.0× cheaper than the closest celebrity "
        "benchmark ($0.50 per like or comment; all chosen: $0.24–$6.06); counting shares and saves too: $0.086 per "
        "engagement")
    every_part = charts_cost.LikeForLike(1.21 / 0.086, 0.086, 1.21)
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, like_for_like=every_part) == (
        "The median micro-influencer costs $0.086 per engagement, 14× cheaper than the closest celebrity "
        "benchmark ($1.21 per engagement; all chosen: $0.24–$6.06)")
    # a slide puts the answer first and what else was counted under it
    assert text.headline_parts(charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, like_for_like=same), 80) == (
        "The median micro-influencer costs $0.11 per like, 2.2× cheaper than the closest celebrity benchmark "
        "($0.24 per like; all chosen: $0.24–$6.06)", "Counting comments, shares and saves too: $0.086 per engagement.")
    # cheaper as the data counts, not once counted alike: no multiple, the verdict is open
    not_cheaper = charts_cost.LikeForLike(0.9, 0.27, 0.24, "likes only")
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, like_for_like=not_cheaper) == (
        "The median micro-influencer costs $0.086 per engagement, under the celebrity benchmark range ($0.24–$6.06), "
        "but not once engagements are counted as the benchmarks count them: the verdict depends on which benchmark "
        "you trust")


def test_like_for_like_multiple_sets_each_er_against_the_cpe_counted_its_way():
    def er(key, value, numerator):
        return bm.ErBenchmark(key, "T", "t", 2020, "https://example.org", "instagram", ">1M", 1_000_000, None, value,
                              "median", "followers", numerator)
    price = bm.PriceBenchmark("p", "T", "t", 2020, "https://example.org", "instagram", ">1M", 1_000_000, None,
                              10_000.0, 10_000.0, "per post", True)
    # CPE medians: every part 0.10, likes only 0.125, likes + comments 0.11
    micro = pd.DataFrame({"cpe": [0.09, 0.10, 0.12], "cpe_likes": [0.12, 0.125, 0.2],
                          "cpe_likes_comments": [0.10, 0.11, 0.15]})
    likes, all_parts = er("l", 0.02, "likes"), er("a", 0.01, "likes+comments+shares+saves")
    # celebrity at 1M followers: $10,000 / (1M × 2%) = $0.50 (likes only) against 0.125: 4×;
    # $10,000 / (1M × 1%) = $1.00 (every part) against 0.10: 10×; the least: 4×
    least = area_cost.like_for_like_multiple(micro, [price], 1_000_000, [likes, all_parts])
    assert least.multiple == pytest.approx(4.0) and least.basis == "likes only"
    assert (least.micro_cpe, least.celebrity_cpe) == pytest.approx((0.125, 0.50))
    # the plain ratio would say $0.50 / 0.10 = 5×
    assert area_cost.like_for_like_multiple(micro, [price], 1_000_000, [all_parts]) is None


def test_a_finding_that_rests_on_estimated_costs_says_so():
    base = charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06)
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, estimated=(40, 126)) == (
        base + "; the costs of 40 of 126 micro-influencers are estimated")
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, estimated=(126, 126)) == (
        base + "; the costs of all 126 micro-influencers are estimated")
    # a listed price is known on the Prices page: as a cost it is named for what it is
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, estimated=(40, 126), listed=40) == (
        base + "; 40 of 126 micro costs are listed prices")
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, estimated=(40, 126), listed=30) == (
        base + "; the costs of 40 of 126 micro-influencers are estimated (30 at their listed price, 10 from "
               "the rate card)")
    # every cost from the rate card (no fee, no listed price): the CPE only restates the engagement rate
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, estimated=(126, 126), rate_card_only=True) == (
        base.replace("The median", "At the rate card's prices (none listed or paid), the median")
        + "; every micro cost is a rate-card estimate from followers, so this compares engagement rates, not prices")
    assert base.startswith("The median micro-influencer costs $0.086")


def test_a_finding_on_viral_posts_says_a_new_post_rarely_matches_them():
    base = charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06)
    # posts averaging 4.3 times the followers in engagements: a crawl of trending posts, not a brand's next post
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, middle_mean_er=4.3) == (
        base + "; the middle micro account's costed posts average 430% of its followers in engagements: viral "
               "posts, which a new post rarely matches")
    # up to 100% it is a strong account, not a viral crawl; and with no micro CPE there is nothing to qualify
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, middle_mean_er=1.0) == base
    assert "viral" not in charts_cost.micro_vs_celebrity_finding(None, 0.24, 6.06, middle_mean_er=4.3)


def test_a_finding_counts_the_viral_accounts_it_left_out():
    base = charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06)
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, viral_left_out=476, estimated=(0, 69)) == (
        base + "; 476 of 545 micro-influencers left out as viral (median ER over 100%)")
    # an answer from a handful of accounts says so
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, viral_left_out=35, estimated=(0, 3)) == (
        base + "; 35 of 38 micro-influencers left out as viral (median ER over 100%); only 3 micro-influencers to go on")
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, estimated=(0, 1)).endswith(
        "; only 1 micro-influencer to go on")
    assert "to go on" not in charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, estimated=(0, 10))
    # nothing left: the sentence says why, not "no posts with a cost"
    assert charts_cost.micro_vs_celebrity_finding(None, 0.24, 6.06, viral_left_out=12) == (
        "No micro-influencer with a cost per engagement is left in the current filter: all 12 went viral (median ER "
        "over 100%) and are left out")
    # the accounts kept can still have a viral post or two pulling their mean up: said as a "yet", not as if the
    # viral accounts were still in
    assert charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06, viral_left_out=3, middle_mean_er=1.77,
                                                  estimated=(0, 12)) == (
        base + "; 3 of 15 micro-influencers left out as viral (median ER over 100%), yet the middle remaining micro account's "
               "costed posts average 177% of its followers in engagements: viral posts, which a new post rarely "
               "matches")


def test_an_account_is_viral_above_100_percent_not_at_it():
    accounts = pd.DataFrame({"viral_er": [0.5, 1.0, 1.0001, None]})
    assert area_cost.went_viral(accounts).tolist() == [False, False, True, False]


def test_when_every_account_went_viral_the_page_and_the_report_say_so(tmp_path):
    from microlens import ingest, report
    from microlens import db as mdb
    from microlens.context import Context
    from tests.conftest import write_csv

    # v: $100 for a post of 50,000 likes from 20,000 followers (ER 250%); z: $100 for a post nobody liked (no CPE,
    # and not viral either: it is not "an influencer with a cost per engagement")
    posts = ("influencer,platform,followers,posted_at,likes,cost\n"
             "v,instagram,20000,2026-03-01,50000,100\nz,instagram,20000,2026-03-01,0,100\n")
    database = mdb.new_database()
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", posts), kind="posts")
    ctx = Context(db=database)
    s = area_cost.summary(ctx)
    assert list(s.viral["influencer"]) == ["v"] and list(s.influencers["influencer"]) == ["z"]
    sentence = area_cost.all_viral_sentence(s)
    assert sentence.startswith("The one influencer with a cost per engagement in the current filter went viral (median "
                               "ER over 100%, on the posts their cost covers or, for an account without a cost, on all "
                               "its posts; posts picked for going viral")
    assert sentence.endswith("Untick 'Leave out 1 viral account' on the Cost vs celebrity page to compare it anyway.")
    assert s.finding == ("No micro-influencer with a cost per engagement is left in the current filter: the only one "
                         "went viral (median ER over 100%) and is left out")
    # the report keeps the headline question, answered in words
    cost = [sec for sec in report.collect(ctx) if sec.key == "cost_vs_celebrity"]
    assert len(cost) == 1 and cost[0].finding == sentence and cost[0].figure is None
    assert list(cost[0].table["influencer"]) == ["v"]
    # ("the one": z has a cost but no engagements, so no CPE, and is neither left out nor compared)
    assert cost[0].source == ("Left out as viral (median ER over 100%, on the posts their cost covers or, for an "
                              "account without a cost, on all its posts): 1 viral account (the one micro).")
    # unticked, v is compared
    kept_in = area_cost.summary(Context(db=database, cost_leave_out_viral=False))
    assert area_cost.all_viral_sentence(kept_in) is None and kept_in.micro_median_cpe == pytest.approx(100 / 50_000)
    database.close()


def test_exports_of_the_cost_chart_say_what_was_left_out():
    from microlens import ingest
    from microlens import db as mdb
    from microlens.context import Context
    from tests.conftest import REALDATA

    database = mdb.new_database()
    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    ctx = Context(db=database)
    s = area_cost.summary(ctx)
    chart = next(sec for sec in area_cost.sections(ctx) if sec.key == "cost_vs_celebrity")
    note = area_cost.viral_footnote(ctx, s)
    by_band = s.viral["band"].value_counts()
    assert note.startswith(f"Left out as viral (median ER over 100%, on the posts their cost covers or, for an "
                           f"account without a cost, on all its posts): "
                           f"{len(s.viral):,} viral accounts (all {by_band['under 1K']:,} under 1K, all "
                           f"{by_band['nano']:,} nano, {by_band['micro']:,} of ")
    assert chart.source.startswith(note) and note in chart.figure.layout.annotations[-1].text.replace("<br>", " ")
    assert "whole band without viral accounts (cost ÷ engagements)" in [t.name for t in chart.figure.data]
    assert set(chart.table["influencer"]).isdisjoint(s.viral["influencer"])
    # unticked: the viral accounts are back in the table, and nothing is said to be left out
    kept = next(sec for sec in area_cost.sections(Context(db=database, cost_leave_out_viral=False))
                if sec.key == "cost_vs_celebrity")
    assert set(s.viral["influencer"]) <= set(kept.table["influencer"]) and "Left out" not in kept.source
    assert "whole band (its total cost ÷ engagements)" in [t.name for t in kept.figure.data]
    database.close()


def test_the_sample_finding_names_its_estimates_unless_they_are_off(sample_db):
    from microlens import area_cost
    from microlens.context import Context
    from microlens.filters import Filters

    with_estimates = area_cost.summary(Context(db=sample_db, filters=Filters(use_estimates=True)))
    micro = with_estimates.influencers.query("band == 'micro' and cpe == cpe")
    # an account that was paid is costed on its paid posts; the others' posts take their listed price as an estimate
    paid = [(i, p) in sample_paid_accounts() for i, p in zip(micro["influencer"], micro["platform"])]
    assert 0 < sum(paid) < len(micro)
    assert (micro["cost_estimated"].astype(bool) == [not p for p in paid]).all()
    # the sample lists a price for every account: the estimated costs are those prices, and the finding says so
    assert micro["price"].notna().all()
    assert with_estimates.finding.endswith(f"; {len(micro) - sum(paid)} of {len(micro)} micro costs are listed "
                                           "prices")
    # listed prices are estimates of what a post costs, not the rate card's guess: no warning, plain card labels
    assert area_cost.rate_card_warning(Context(db=sample_db), with_estimates) is None
    assert area_cost.kpis(with_estimates)[0][0] == "Median micro-influencer CPE"
    known_only = area_cost.summary(Context(db=sample_db, filters=Filters(use_estimates=False)))
    assert not known_only.influencers["cost_estimated"].any() and "estimate" not in known_only.finding
    # paid posts only: fewer micro accounts have a CPE
    assert 0 < known_only.n_micro < with_estimates.n_micro


def test_a_finding_on_rate_card_costs_only_says_it_compares_engagement():
    from microlens import area_cost, ingest
    from microlens import db as mdb
    from microlens.context import Context
    from tests.conftest import REALDATA

    # A crawl of TikTok posts: no fee, no contract, no price list, so every cost is followers × the rate card.
    # Viral accounts kept in (the page's checkbox untick): the finding then qualifies their posts itself.
    database = mdb.new_database()
    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    ctx = Context(db=database, cost_leave_out_viral=False)
    s = area_cost.summary(ctx)
    assert s.n_micro > 100 and s.influencers["rate_card_only"].all()
    assert ("; every micro cost is a rate-card estimate from followers, so this compares engagement rates, not "
            "prices;") in s.finding
    # the page warns above its cards, which say what their numbers rest on
    assert s.rate_card_only and f"{s.n_micro:,} micro-influencers" in area_cost.rate_card_warning(ctx, s)
    assert s.finding.startswith("At the rate card's prices (none listed or paid), "
                                "the median micro-influencer "
                                "costs")
    sensitivity = next(sec for sec in area_cost.sections(ctx) if sec.key == "benchmark_sensitivity")
    assert sensitivity.finding.endswith("; the micro CPE rests on the rate card's prices, not known ones")
    assert "the sidebar's rate card, $10.00 per 1,000 followers" in area_cost.rate_card_warning(ctx, s)
    assert [label for label, _, _ in area_cost.kpis(s)] == [
        "Median micro-influencer CPE (rate card)", "Celebrity benchmark CPE", "Micro posts for one celebrity post (rate card)"]
    # ...and the crawl is of trending posts: the middle micro account's posts average several times its followers.
    # Worked out from the file itself: per account, the mean over its posts of likes+comments+shares+saves ÷ followers
    # (every post of a micro account here has a cost, the rate card's, so every post is counted).
    posts = crawl_posts()
    micro = s.influencers.query("band == 'micro' and cpe == cpe")
    per_account = posts.groupby("account")["er"].mean()
    middle = per_account[per_account.index.isin(micro["influencer"].str.lower())].median()
    assert middle > 1
    assert s.finding.endswith(f"; the middle micro account's costed posts average {middle * 100:,.0f}% of its "
                              "followers in engagements: viral posts, which a new post rarely matches")
    assert s.viral_micro == 0 and area_cost.viral_caption(ctx, s) is None


def test_the_crawl_answer_leaves_out_viral_accounts_by_default():
    from microlens import area_cost, ingest
    from microlens import db as mdb
    from microlens.context import Context
    from tests.conftest import REALDATA

    database = mdb.new_database()
    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    ctx = Context(db=database)
    s = area_cost.summary(ctx)
    # Worked out from the file: per account (handle, case aside), its band from the followers of its latest post,
    # its median over posts of likes+comments+shares+saves ÷ followers (every micro post has the rate card's cost).
    posts = crawl_posts()
    latest = posts.sort_values("posted").groupby("account")["followers"].last()
    micro = latest[(latest >= 10_000) & (latest < 100_000)].index
    median_er = posts.groupby("account")["er"].median()
    viral_micro = int((median_er[micro] > 1).sum())
    # an account whose posts earned nothing has no CPE (cost ÷ 0 engagements), so no place in the median
    earned = posts.groupby("account")["er"].sum() > 0
    kept_micro = int(((median_er[micro] <= 1) & earned[micro]).sum())
    assert viral_micro > 400 and kept_micro > 30
    assert (s.viral_micro, s.n_micro) == (viral_micro, kept_micro)
    assert s.finding.endswith(f"; {viral_micro:,} of {viral_micro + kept_micro:,} micro-influencers left out as viral "
                              "(median ER over 100%)")
    # the median and the multiple are over the kept accounts only: far less than with viral posts counted
    kept = s.influencers.query("band == 'micro'")
    assert not area_cost.went_viral(kept).any() and s.micro_median_cpe == pytest.approx(kept["cpe"].median())
    with_viral = area_cost.summary(Context(db=database, cost_leave_out_viral=False))
    assert s.micro_median_cpe > 3 * with_viral.micro_median_cpe
    # every band's diamond pools only the kept accounts: the nano band here went viral whole and is gone
    assert "nano" not in set(s.bands["band"]) and "nano" in set(with_viral.bands["band"])
    caption = area_cost.viral_caption(ctx, s)
    assert caption.startswith(f"Left out: {len(s.viral):,} viral accounts (")
    # of the band's accounts, as the finding counts them: the one whose posts earned nothing (a cost, no CPE) is
    # neither left out nor compared
    assert len(micro) > viral_micro + kept_micro
    assert f"{viral_micro:,} of {viral_micro + kept_micro:,} micro" in caption
    assert f"{viral_micro:,} of {viral_micro + kept_micro:,} micro-influencers left out" in s.finding
    # the accounts whose posts earned nothing are named, so the Overview's one more account is accounted for
    # (the rate card prices accounts of 1 to 999,999 followers: the others have no cost either)
    silent = sorted(a for a in set(posts["account"]) - set(earned[earned].index) if 0 < latest[a] < 1_000_000)
    note = area_cost.without_engagements_note(s)
    assert note.startswith(f"{len(silent):,} account") and f"a cost but no engagements ('{silent[0]}'" in note
    # said whether or not viral accounts are left out (it was only a clause of the viral caption)
    assert area_cost.without_engagements_note(with_viral) == note
    # the price card keeps them: going viral does not change what a post costs (every micro post here is priced
    # by the rate card from the account's followers: the median of followers ÷ 1,000 × $10 over all micro accounts)
    costed = pd.concat([s.influencers, s.viral]).query("band == 'micro' and cpe == cpe")
    assert len(costed) == viral_micro + kept_micro
    assert s.micro_price == pytest.approx((costed["followers"] / 1000 * 10).median())
    assert area_cost.kpis(s)[0][2].startswith(f"Median over {kept_micro:,} micro influencers of their own CPE "
                                              f"({viral_micro:,} viral ones left out).")
    database.close()


def test_the_sensitivity_section_varies_the_celebrity_price_as_well_as_the_er(sample_db):
    from microlens import area_cost
    from microlens.context import Context
    from microlens.filters import Filters

    ctx = Context(db=sample_db)
    sens = next(s for s in area_cost.sections(ctx) if s.key == "benchmark_sensitivity")
    assert set(sens.table["varies"]) == {"ER", "price"}
    # one bar per source: every label apart (a source pricing three platforms' tiers names each platform)
    labels = sens.figure.data[0].y
    assert len(labels) == len(set(labels)) == len(sens.table)
    # each ER source judges the micro CPE counted its way: a like rate the median micro CPE per like, worked out
    # here from the page's micro accounts (likes-only cost per engagement of each)
    micro = area_cost.summary(ctx).influencers.query("band == 'micro' and cpe.notna()")
    by_key = sens.table.set_index("key")
    markerly = by_key[by_key["numerator"] == "likes"]
    assert len(markerly) and markerly["micro_cpe"].tolist() == pytest.approx([micro["cpe_likes"].median()]
                                                                              * len(markerly))
    assert by_key.loc[by_key["numerator"] == "unstated", "micro_cpe"].tolist() == pytest.approx(
        [micro["cpe"].median()] * int((by_key["numerator"] == "unstated").sum()))
    # the brief's ">1M followers" price reaches below the sample's micro CPE, its celebrity price does not
    verdicts = sens.table.set_index("key")["verdict"]
    assert verdicts["brief-mashable-over-1m"] == "overlaps" and verdicts["brief-celebrity-branded-post"] != "overlaps"
    assert {"tiktok", "youtube"} <= set(sens.table["platform"])
    # Instagram only: no TikTok or YouTube source among the bars
    instagram = Context(db=sample_db, filters=Filters(platforms=("instagram",)))
    only = next(s for s in area_cost.sections(instagram) if s.key == "benchmark_sensitivity").table
    assert set(only["platform"]) <= {"instagram", "any"} and len(only) < len(sens.table)
    # the finding counts the bars by verdict, the commonest first
    counted = sens.table["verdict"].value_counts()
    assert counted.index[0] == "micro cheaper" and counted["overlaps"] >= 1
    assert sens.finding.startswith(f"{counted['micro cheaper']} of {counted.sum()} celebrity ER and price sources put "
                                   "micro-influencers cheaper; ")
    overlaps = counted["overlaps"]
    assert (f"{overlaps} leave no clear winner" if overlaps > 1 else "1 leaves no clear winner") in sens.finding
    assert area_cost.sensitivity_finding(pd.Series(["overlaps", "micro cheaper", "overlaps", bm.NOT_COMPARABLE])) == (
        "2 of 3 celebrity ER and price sources leave no clear winner; 1 puts micro-influencers cheaper")
    assert "cost_by_influencer" in sens.sql
    # the section's table: bands smallest first, cheapest first within each (no report opens on celebrities)
    table = next(s for s in area_cost.sections(ctx) if s.key == "cost_vs_celebrity").table
    scheme = [b.name for b in ctx.filters.band_scheme]
    ranks = table["band"].map(scheme.index)
    assert ranks.is_monotonic_increasing and table["band"].iloc[0] == "under 1K"
    micro = table[table["band"] == "micro"]["cpe"]
    assert micro.dropna().is_monotonic_increasing and micro.notna().sum() > 100


def test_a_file_without_micro_influencers_says_what_it_holds(database, tmp_path):
    from microlens import area_cost, ingest
    from microlens.context import Context

    # Listed prices and average engagements: two celebrities (≥ 1M followers) and one nano account (1K–10K).
    path = tmp_path / "influencers.csv"
    path.write_text("influencer,platform,followers,price_per_post,avg_engagements\n"
                    "star,instagram,5000000,30000,90000\nidol,instagram,2000000,,40000\nsmall,tiktok,5000,40,300\n",
                    encoding="utf-8")
    assert ingest.ingest_path(database, path).rows_loaded == 3
    # idol has no price, and the rate card stops below a million followers: no cost for idol
    s = area_cost.summary(Context(db=database))
    assert s.n_micro == 0
    assert s.finding == ("No micro-influencer posts with a known or estimated cost in the current filter (it has "
                         "costs for 1 nano and 1 celebrity influencers)")


def test_a_list_of_unpriced_celebrities_says_why_nothing_has_a_cost(database, tmp_path):
    from microlens import area_cost, ingest
    from microlens.context import Context
    from microlens.filters import Filters
    from tests.conftest import REALDATA

    # top_insta: 200 accounts of 1M+ followers, no price anywhere; the rate card stops below a million followers.
    ingest.ingest_path(database, REALDATA / "top_insta_influencers_data.csv")
    ctx = Context(db=database)
    s = area_cost.summary(ctx)
    assert len(s.influencers) == 200 and s.influencers["cpe"].isna().all()
    no_cost = area_cost.no_cost_sentence
    assert no_cost(ctx, s) == (
        "None of the 200 influencers in the current filter has a cost: no post fee, campaign contract or listed "
        "price, and the rate card does not price accounts of a million followers or more (all of them). Load a "
        "campaigns file with fees, or an influencer list with prices per post, on the Data page.")
    # the celebrity side still stands, the list's own celebrities among its sources: their median 60-day ER, worked
    # out with pandas, at the default celebrity price (the brief's $20,000-$100,000 a post at 5,000,000 followers)
    # (one account, rkive, has no rate: its average likes over its followers stand in, as for a list without rates)
    raw = pd.read_csv(REALDATA / "top_insta_influencers_data.csv", dtype=str, encoding="utf-8-sig")
    scale = {"k": 1e3, "m": 1e6, "b": 1e9}
    count = lambda cells: cells.map(lambda c: float(c[:-1]) * scale[c[-1]] if c[-1] in scale else float(c))
    er = raw["60d_eng_rate"].str.rstrip("%").astype(float) / 100
    er = er.fillna(count(raw["avg_likes"]) / count(raw["followers"]))
    assert er.notna().all() and (count(raw["followers"]) >= 1e6).all()
    own_er = er[er > 0].median()
    [side] = area_cost.sections(ctx)
    assert side.key == "benchmark_sensitivity" and "verdict" not in side.table
    assert side.finding.startswith("No influencer here has a cost to set against the celebrity benchmark: a "
                                   "celebrity post costs $0.24–$6.06 per engagement with the chosen sources; "
                                   f"$0.030–$15.15 across the {len(side.table)} ER and price sources below")
    # (the least: TikTok mega's $2,500 over 5M followers × Markerly's 1.66%; the most: Viral Nation's $250,000 over
    # 5M × HypeAuditor 2026's 0.33%)
    assert theme.money(2_500 / (5e6 * 0.0166)) == "$0.030" and theme.money(250_000 / (5e6 * 0.0033)) == "$15.15"
    assert side.finding.endswith(f"with your own accounts over 1M followers (their median ER), "
                                 f"{theme.money(20_000 / (5e6 * own_er))}–{theme.money(100_000 / (5e6 * own_er))} at "
                                 "the chosen prices")
    assert [t.name for t in side.figure.data] == ["celebrity CPE range"]        # no micro CPE line
    assert "Instagram figures" not in side.source                               # an Instagram list: no caveat
    assert side.figure.layout.margin.t == theme.TOP_MARGIN_PX - theme.LEGEND_ROW_PX   # nor a legend row kept for one
    # fifteen names in a column beside the bars (slides, exports) in note type: in presenter type they ran together
    assert len(side.table) == 15 and side.figure.layout.yaxis.tickfont.size == theme.NOTE_SIZE
    assert area_cost.sections(ctx, labels_above=True)[0].figure.layout.yaxis.tickfont.size is None
    # a list with a viral account among them names it: the Overview's card beside counts the influencers without it
    # (982 against "None of the 983")
    ingest.ingest_path(database, REALDATA / "social-media-influencers-2022" / "social media influencers - instagram "
                                            "sep-2022.csv")
    viral = Context(db=database, filters=Filters(platforms=("instagram",)))
    s = area_cost.summary(viral)
    assert len(s.viral) == 1 and no_cost(viral, s).startswith(
        f"None of the {len(s.influencers) + 1:,} influencers (1 of them viral) in the current filter has a cost")
    # ...which the page and the report say: the viral account has no cost, so it is not "the one influencer with a
    # cost per engagement" that went viral, nor one of the micro accounts left out of a median
    assert area_cost.all_viral_sentence(s) is None and s.viral_micro == 0
    assert [sec.key for sec in area_cost.sections(viral)] == ["benchmark_sensitivity"]     # the celebrity side
    off = Context(db=database, filters=Filters(use_estimates=False))
    assert area_cost.no_cost_sentence(off, area_cost.summary(off)).endswith(
        "and 'Estimate unknown costs' is off in the sidebar.")


def test_a_list_of_prices_without_engagements_is_told_what_it_lacks(database, tmp_path):
    from microlens.context import Context

    # prices per post and followers, no likes nor ER: the pages said "no listed price … load a list with prices"
    ingest.ingest_path(database, write_csv(tmp_path, "prix.csv", "influencer,platform,followers,price_per_post\n"
                                           "ana,instagram,20000,150\nbo,instagram,30000,200\n"))
    ctx = Context(db=database)
    s = area_cost.summary(ctx)
    assert s.influencers["cost"].tolist() == [150, 200] and s.influencers["cpe"].isna().all()
    assert area_cost.no_cost_sentence(ctx, s) == (
        "None of the 2 influencers in the current filter has both a cost and engagements to divide it by: the accounts "
        "with a cost (their prices) have no likes, comments, engagement rate or average engagements in the files. "
        "Load their posts, or a list with their average likes or engagement rate, on the Data page.")
    # followers alone: the cost is the rate card's, not a price of the files'; and beside an account with likes but
    # no cost (3M followers, beyond the rate card) the sentence still holds
    ingest.ingest_path(database, write_csv(tmp_path, "prix.csv", "influencer,platform,followers,likes\n"
                                           "ana,instagram,20000,\ncy,instagram,3000000,5000\n"))
    s = area_cost.summary(ctx)
    assert s.influencers.set_index("influencer")["cost"].notna().to_dict() == {"ana": True, "cy": False}
    assert "(the rate card's estimates from their followers) have no likes" in area_cost.no_cost_sentence(ctx, s)


def test_overview_bars_say_how_many_accounts_each_band_counts_and_a_finding_of_few_says_so():
    # a crawl after its viral accounts went: 3 micro accounts with a cost crowned the micro band, the title silent
    bands = pd.DataFrame({"band": ["nano", "micro", "mid"], "cpe": [0.05, 0.016, 0.032],
                          "estimated_share": 0.0, "priced_influencers": [1, 3, 40]})
    fig = charts_cost.build_band_cpe_bar(bands)
    assert list(fig.data[0].x) == ["nano<br>1 account", "micro<br>3 accounts", "mid<br>40 accounts"]
    assert fig.layout.title.text == ("The micro band pays least per engagement ($0.016 over all the posts of only "
                                     "3 accounts), 2.0× less than the mid band ($0.032)")
    many = bands.assign(priced_influencers=[1, charts_cost.FEW_ACCOUNTS, 40])
    assert "($0.016 over all its posts)" in charts_cost.band_cpe_finding(many)
    # two bands alike to the cent: not "no less than" beside "pays least"
    assert charts_cost.band_cpe_finding(many.assign(cpe=[0.05, 0.016, 0.016])).endswith(
        ", the same as the mid band ($0.016)")
    assert charts_cost.band_cpe_finding(bands.iloc[[1]]) == (
        "The micro band pays $0.016 per engagement over all the posts of only 3 accounts")
    # accounts known only from influencer lists: no posts, their lists' average posts
    listed = bands.assign(posts=[4, 0, 900])
    assert "($0.016 over the average posts of only 3 listed accounts)" in charts_cost.band_cpe_finding(listed)
    assert "($0.016 over its listed accounts' average posts)" in charts_cost.band_cpe_finding(
        listed.assign(priced_influencers=[1, charts_cost.FEW_ACCOUNTS, 40]))


def test_one_band_alone_is_a_bar_of_ordinary_width():
    # the sidebar's band filter on micro: one bar filled the plot's width
    one = pd.DataFrame({"band": ["micro"], "cpe": [0.12], "estimated_share": [0.85]})
    assert tuple(charts_cost.build_band_cpe_bar(one).layout.xaxis.range) == (-2.0, 2.0)     # one slot of four
    two = pd.DataFrame({"band": ["micro", "mid"], "cpe": [0.12, 0.2], "estimated_share": [0.85, 0.5]})
    assert tuple(charts_cost.build_band_cpe_bar(two).layout.xaxis.range) == (-1.5, 2.5)
    five = pd.DataFrame({"band": ["under 1K", "nano", "micro", "mid", "celebrity"], "cpe": [0.5, 0.2, 0.1, 0.2, 0.4],
                         "estimated_share": 0.0})
    assert charts_cost.build_band_cpe_bar(five).layout.xaxis.range is None      # plotly's own, bars side by side


def test_overview_bar_labels_keep_their_size_within_their_slots_on_a_1024_px_screen():
    # at 1024 px plotly shrank "$0.49 / 100% listed prices" to its bar's width (~10-px type, constraintext); at full
    # size a line must fit its band's slot, or it runs into the next band's label
    five = pd.DataFrame({"band": ["under 1K", "nano", "micro", "mid", "celebrity"],
                         "cpe": [0.49, 0.21, 0.084, 0.19, 0.43], "estimated_share": [1.0, 0.91, 0.89, 0.93, 0.95],
                         "listed_share": [1.0, 0.91, 0.5, 0.93, 0.95]})
    bar = charts_cost.build_band_cpe_bar(five).data[0]
    assert bar.type == "bar" and bar.constraintext == "none" and bar.cliponaxis is False
    slot_px = PLOT_1024_PX / len(five)
    widest = max(len(line) for label in bar.text for line in label.split("<br>"))
    assert widest * theme.BASE_SIZE[False] * theme.CHAR_EM <= slot_px, [t.split("<br>") for t in bar.text]
    assert list(bar.text)[:3] == ["$0.49<br>100%<br>listed prices", "$0.21<br>91%<br>listed prices",
                                  "$0.084<br>89%<br>estimated"]


def test_overview_bars_say_how_much_of_each_band_cost_is_estimated():
    bands = pd.DataFrame({"band": ["nano", "micro", "celebrity"], "cpe": [0.2, 0.084, float("nan")],
                          "estimated_share": [1.0, 0.2, None]})
    bar = charts_cost.build_band_cpe_bar(bands).data[0]
    assert list(bar.text) == ["$0.20<br>100%<br>estimated", "$0.084<br>20%<br>estimated", "no cost"]
    assert list(charts_cost.build_band_cpe_bar(bands.assign(estimated_share=0.0)).data[0].text)[:2] == [
        "$0.20", "$0.084"]
    # where all of a band's estimate is its influencers' listed prices, the bar says so (the Prices page counts a
    # listed price as known: "89% estimated" beside "126 of 126 priced" read as a contradiction)
    listed = bands.assign(listed_share=[0.4, 0.2, None])
    assert list(charts_cost.build_band_cpe_bar(listed).data[0].text) == [
        "$0.20<br>100%<br>estimated", "$0.084<br>20%<br>listed prices", "no cost"]
    # and the title, where every band's estimate is listed prices
    assert charts_cost.band_cpe_finding(bands.assign(estimated_share=[0.9, 0.6, None], listed_share=[0.9, 0.6, None])
                                        ).endswith("; most of every band's cost is listed prices")
    assert charts_cost.band_cpe_finding(bands.assign(estimated_share=[0.9, 0.6, None], listed_share=[0.9, 0.1, None])
                                        ).endswith("; most of every band's cost is estimated")
    # one band drawn (a band filter): its cost, not every band's
    assert charts_cost.band_cpe_finding(bands.iloc[[1]].assign(estimated_share=0.6)).endswith(
        "; most of its cost is estimated")
    # the title states the finding: the cheapest band against the largest band with a cost
    assert charts_cost.build_band_cpe_bar(bands).layout.title.text == (
        "The micro band pays least per engagement ($0.084 over all its posts), 2.4× less than the nano band "
        "($0.20); some bands' costs are mostly estimated")
    five = pd.DataFrame({"band": ["under 1K", "nano", "micro", "mid", "celebrity"],
                         "cpe": [0.49, 0.21, 0.084, 0.19, 0.43], "estimated_share": [1.0, 0.91, 0.89, 0.93, 0.95]})
    assert charts_cost.band_cpe_finding(five) == ("The micro band pays least per engagement ($0.084 over all its "
                                                  "posts), 5.1× less than the celebrity band ($0.43); most of every "
                                                  "band's cost is estimated")
    assert charts_cost.band_cpe_finding(five.assign(estimated_share=0.0)).endswith("celebrity band ($0.43)")
    assert charts_cost.band_cpe_finding(five.assign(estimated_share=1.0)) == (
        "At estimated prices (listed prices or the rate card; none paid), "
        "the micro band pays least per engagement ($0.084 "
        "over all its posts), 5.1× less than the celebrity band ($0.43)")
    assert charts_cost.band_cpe_finding(five.assign(cpe=float("nan"))) == "Cost per engagement by follower band"
    # a crawl of trending posts: the small bands' middle posts earned several times their followers, and their CPE
    # is no price a brief gets; the crown goes to the cheapest of the others, and the sentence names them
    crawl = pd.DataFrame({"band": ["under 1K", "nano", "micro", "mid"], "cpe": [0.000045, 0.0002, 0.0012, 0.014],
                          "estimated_share": 1.0, "median_er": [27.0, 4.5, 1.0, 0.2]})
    assert charts_cost.band_cpe_finding(crawl) == (
        "At estimated prices (listed prices or the rate card; none paid), "
        "the micro band pays least per engagement ($0.0012 "
        "over all its posts), 12× less than the mid band ($0.014); the under 1K and nano bands' middle posts went viral (median ER over "
        "100%), cheaper still")
    assert charts_cost.band_cpe_finding(crawl.assign(median_er=[27.0, 0.5, 1.0, 0.2])).endswith(
        "; the under 1K band's middle posts went viral (median ER over 100%), cheaper still")
    assert charts_cost.band_cpe_finding(crawl.assign(median_er=2.0)).endswith(
        "; every band's middle post went viral (median ER over 100%)")


def footnote_of(fig) -> str:
    notes = [a.text for a in fig.layout.annotations if "Celebrity range" in a.text]
    assert len(notes) == 1
    return notes[0]


def test_the_chart_names_the_chosen_sources_whole_and_leaves_addresses_to_the_page(database):
    from microlens import area_cost, benchmarks as bm, ingest
    from microlens.context import Context

    ingest.load_sample_data(database)
    ctx = Context(db=database)                          # the default sources
    s = area_cost.summary(ctx)
    usual = area_cost.sections(ctx)[0].figure
    footnote = html.unescape(footnote_of(usual).replace("<br>", " "))   # as Plotly shows it: "&gt;1M" as ">1M"
    prices, chosen, _ = ctx.celebrity()
    for record in prices + chosen:
        assert record.short_citation in footnote
        assert record.url not in footnote or record.url == bm.BRIEF_UNVERIFIED
        assert record.citation in s.source_note        # the page and the exports keep the address
    assert "(undated, unverified)" in footnote             # the brief's claim is flagged as such on the chart

    # Every followers-based ER source at once: tiers that read alike without their address are named once, and
    # a list too long for the chart stops at five lines with a pointer to the full one.
    ers = tuple(r.key for r in bm.followers_based(bm.ER_BENCHMARKS))
    ctx = Context(db=database, celeb_er_keys=ers)
    s = area_cost.summary(ctx)
    named = s.chart_note.split(" | ", 1)[1].split("; ")
    assert len(named) == len(set(named)) < len(ers)
    fig = area_cost.sections(ctx)[0].figure
    lines = footnote_of(fig).split("<br>")
    assert len(lines) == theme.FOOTNOTE_LINES and lines[-1].startswith("… and more")
    assert all(len(line) <= theme.FOOTNOTE_CHARS for line in lines)
    # the footnote takes its room from below the plot: the figure grows, the plot keeps its height
    assert fig.layout.height > usual.layout.height
    assert fig.layout.height - fig.layout.margin.b == usual.layout.height - usual.layout.margin.b


def test_gifted_micro_posts_state_a_zero_cpe_without_a_ratio(database, tmp_path):
    from microlens import area_cost, ingest
    from microlens.context import Context

    assert "$0 per engagement" in charts_cost.micro_vs_celebrity_finding(0.0, 0.24, 6.06)
    path = tmp_path / "posts.csv"       # two micro accounts paid in product only: a known cost of $0
    path.write_text("influencer,platform,followers,likes,comments,cost\n"
                    "ana,instagram,20000,900,40,0\nbo,instagram,50000,2000,100,0\n", encoding="utf-8")
    ingest.ingest_path(database, path)
    ctx = Context(db=database)
    sections = area_cost.sections(ctx)                  # divided by the $0 CPE before
    assert [s.key for s in sections] == ["cost_vs_celebrity"]   # no benchmark-sensitivity ratio against $0
    assert "gifted or unpaid" in sections[0].finding


def log_ticks(axis) -> list[float]:
    """The values a log axis labels within its range: 1, 2 and 5 a decade ("D2"), or each power of ten (1)."""
    low, high = axis.range
    steps = (1, 2, 5) if axis.dtick == "D2" else (1,)
    return [m * 10.0 ** k for k in range(math.floor(low) - 1, math.ceil(high) + 1) for m in steps
            if low <= math.log10(m * 10.0 ** k) <= high]


def test_sensitivity_axis_labels_a_tick_beyond_the_micro_line_and_names_the_line_in_the_legend():
    # "your micro CPE $0.015" stood left of a first tick of $0.1: the gap could not be read off the axis
    sens = pd.DataFrame({"label": ["A (2020) · mean", "B (2021) · median"], "celebrity_cpe_low": [0.24, 0.5],
                         "celebrity_cpe_high": [2.0, 6.06], "verdict": ["micro cheaper", "micro cheaper"]})
    for micro in (0.015, 0.086, 9.0):
        fig = charts_cost.build_benchmark_sensitivity(sens, micro, "t")
        low, high = fig.layout.xaxis.range              # log10 units on a log axis
        assert low < np.log10(min(micro, 0.24)) and high > np.log10(max(micro, 6.06))    # off the edges
        ticks = log_ticks(fig.layout.xaxis)
        # each end read by a tick: at or past it, or within 1.5× of it ($0.086 by $0.1, $6.06 by $5)
        assert min(ticks) <= 1.5 * min(micro, 0.24) and 1.5 * max(ticks) >= max(micro, 6.06)
        # named in the legend: a label on the plot's top edge ran into the legend's row
        (line,) = [t for t in fig.data if t.type == "scatter" and t.mode == "lines"]
        assert line.name.startswith(f"your micro CPE {theme.money(micro)}") and fig.layout.showlegend
        assert not [a for a in fig.layout.annotations if "your micro CPE" in (a.text or "")]
    assert fig.layout.xaxis.dtick == "D2"


def test_sensitivity_says_what_a_bar_without_a_diamond_is_judged_against():
    sens = pd.DataFrame({"label": ["ER · A (2020) · like rate", "ER · B (2021) · median", "price · C · >1M"],
                         "numerator": ["likes", "unstated", None], "celebrity_cpe_low": [0.24, 0.5, 0.3],
                         "celebrity_cpe_high": [2.0, 6.06, 3.0], "micro_cpe": [0.11, 0.10, float("nan")],
                         "verdict": ["micro cheaper"] * 3})
    def note(frame: pd.DataFrame) -> str:
        fig = charts_cost.build_benchmark_sensitivity(frame, 0.10, "t")
        return " ".join(a.text.replace("<br>", " ") for a in fig.layout.annotations)
    both = note(sens)
    assert "No diamond: the source counts engagements as the line does" in both
    assert "a price bar compares with your micro CPE counted as each chosen ER source counts engagements" in both
    assert "price bar" not in note(sens.iloc[:2]) and "the line" in note(sens.iloc[:2])
    assert "the line" not in note(sens.iloc[[0, 2]]) and "No diamond: a price bar" in note(sens.iloc[[0, 2]])
    assert note(sens.assign(micro_cpe=0.10)) == ""      # no diamond anywhere: nothing to explain


def test_sensitivity_marks_the_micro_cpe_each_source_is_judged_against():
    # a like-rate source judges the micro CPE per like ($0.11), the line is every part's ($0.10): a diamond on that
    # source's bar; a source that counts every part gets none
    sens = pd.DataFrame({"label": ["A (2020) · like rate", "B (2021) · median"], "numerator": ["likes", "unstated"],
                         "celebrity_cpe_low": [0.24, 0.5], "celebrity_cpe_high": [2.0, 6.06],
                         "micro_cpe": [0.11, 0.10], "verdict": ["micro cheaper", "micro cheaper"]})
    fig = charts_cost.build_benchmark_sensitivity(sens, 0.10, "t")
    (marks,) = [t for t in fig.data if t.type == "scatter" and t.mode == "markers"]
    assert list(marks.y) == ["A (2020) · like rate"] and list(marks.x) == [0.11]
    assert fig.layout.showlegend and marks.showlegend is not False and "as each source counts" in marks.name
    # one legend row over the plot (right of the bar labels): two entries within ~80 characters
    assert sum(len(t.name) for t in fig.data if t.showlegend is not False) <= 80
    plain = charts_cost.build_benchmark_sensitivity(sens.assign(micro_cpe=0.10), 0.10, "t")
    assert [t.mode for t in plain.data if t.type == "scatter"] == ["lines"]      # the line, no diamond


def test_sensitivity_leaves_room_over_the_plot_for_a_legend_wrapped_by_long_bar_labels():
    # beside labels such as "price · Influencer Marketing Hub (as reproduced) (2021) · TikTok mega" the plot is ~380
    # px of the app's 820-px chart: the line's and the diamonds' legend items took two rows, and the upper one was
    # drawn over the title
    def margin_top(label: str) -> int:
        sens = pd.DataFrame({"label": [label, "B (2021) · median"], "numerator": ["likes", "unstated"],
                             "celebrity_cpe_low": [0.24, 0.5], "celebrity_cpe_high": [2.0, 6.06],
                             "micro_cpe": [0.11, 0.10], "verdict": ["micro cheaper"] * 2})
        fig = charts_cost.build_benchmark_sensitivity(sens, 0.10, "t")
        names = [t.name for t in fig.data if t.showlegend is not False]
        assert len(names) == 2
        return fig.layout.margin.t
    assert margin_top("price · Influencer Marketing Hub (as reproduced) (2021) · TikTok mega") >= 90 + 26
    assert margin_top("A (2020) · like rate") == 90          # a wide plot: one row, no band left empty


def test_a_long_finding_wraps_in_the_chart_title_and_pushes_the_plot_down():
    import plotly.graph_objects as go

    finding = charts_cost.micro_vs_celebrity_finding(0.086, 0.24, 6.06)     # 105 characters
    for present in (False, True):
        fig = theme.apply(go.Figure(layout=dict(title_text=finding)), present=present)
        lines = fig.layout.title.text.split("<br>")
        assert len(lines) >= 2 and " ".join(lines) == finding
        assert max(map(len, lines)) <= theme.title_chars(present)
        one_line = theme.TOP_MARGIN_PX - theme.LEGEND_ROW_PX       # no trace, no legend row
        assert fig.layout.margin.t >= one_line + theme.BASE_SIZE[present] * theme.TITLE_SCALE   # the extra line
        again = theme.apply(fig, present=present)           # a rerun draws the same figure: no second wrap
        assert again.layout.title.text == fig.layout.title.text
    short = theme.apply(go.Figure(layout=dict(title_text="Micro is cheaper")))
    assert short.layout.title.text == "Micro is cheaper"
    assert short.layout.margin.t == theme.TOP_MARGIN_PX - theme.LEGEND_ROW_PX


def test_a_chart_without_a_legend_above_its_plot_gives_the_legend_row_back():
    # the Overview's one-trace bars stood 26 px under their finding: the template keeps a legend row in its top margin
    import plotly.graph_objects as go

    def top(*traces, **layout):
        return theme.apply(go.Figure(list(traces), layout=layout)).layout.margin.t or theme.TOP_MARGIN_PX

    bars, dots = go.Bar(x=["a"], y=[1]), go.Scatter(x=["a"], y=[2])
    assert top(bars) == top(bars, go.Scatter(x=["a"], y=[2], showlegend=False)) == 64
    assert top(bars, dots) == top(bars, showlegend=True) == theme.TOP_MARGIN_PX == 90     # plotly draws a legend
    assert top(bars, dots, showlegend=False) == 64
    assert top(bars, dots, legend=dict(y=-0.3)) == 64                                     # the legend is under the plot
    assert top(bars, margin=dict(t=120)) == 120                                            # a builder's own margin stays


def test_a_finding_with_a_qualification_puts_it_under_the_title_in_body_type():
    # a viral crawl's finding ran to six bold lines; the answer stays title type, the rest beneath it in body type
    import plotly.graph_objects as go

    answer = "The median micro-influencer costs $0.0023 per engagement, 83× cheaper than the celebrity benchmarks"
    finding = answer + "; every micro cost is a rate-card estimate from followers, so this compares engagement rates"
    fig = theme.apply(go.Figure(layout=dict(title_text=finding)))
    lines = fig.layout.title.text.split("<br>")
    body = [line for line in lines if line.startswith("<span")]
    assert " ".join(lines[:len(lines) - len(body)]) == answer
    assert body and all(f"font-size:{theme.BASE_SIZE[False]}px;font-weight:400" in line for line in body)
    assert " ".join(re.sub("<[^>]+>", "", line) for line in body) == (
        "Every micro cost is a rate-card estimate from followers, so this compares engagement rates.")
    assert theme.apply(fig).layout.title.text == fig.layout.title.text      # a rerun: no second split


def test_a_title_reads_back_as_its_text_wrapped_or_not():
    # the app shows a chart's finding as text where the screen is narrower than the chart its title was wrapped for
    import plotly.graph_objects as go

    answer = "The median micro-influencer costs $0.0023 per engagement, 83× cheaper than the celebrity benchmarks"
    rest = "every micro cost is a rate-card estimate from followers"
    finding = text.plotly_text(f"{answer} & every price < $250; {rest}")
    wrapped = theme.apply(go.Figure(layout=dict(title_text=finding))).layout.title.text
    assert wrapped.count("<br>") >= 2
    assert theme.title_as_text(wrapped) == (answer + " & every price < $250",
                                            "Every micro cost is a rate-card estimate from followers.")
    assert theme.title_as_text(text.plotly_text("Micro < celebrity")) == ("Micro < celebrity", "")


def test_more_title_lines_push_the_plot_down_not_the_title():
    # plotly places a multi-line title by its first line: padding it by the added lines' height pushed a
    # four-line presenter title down onto the legend and the axis title.
    import plotly.graph_objects as go

    for present in (False, True):
        two, four = (theme.apply(go.Figure(layout=dict(title_text="word " * (theme.title_chars(present) // 5 * n))),
                                 present=present) for n in (2, 4))
        assert (two.layout.title.text.count("<br>"), four.layout.title.text.count("<br>")) == (1, 3)
        assert two.layout.title.pad.t == four.layout.title.pad.t
        line = theme.BASE_SIZE[present] * theme.TITLE_SCALE
        assert four.layout.margin.t - two.layout.margin.t >= 2 * line     # two more lines of title above the plot


def test_like_for_like_the_micro_cpe_counts_what_each_celebrity_er_counts(database, tmp_path):
    import pytest

    from microlens import area_cost, ingest
    from microlens.context import Context

    path = tmp_path / "posts.csv"
    path.write_text("influencer,platform,followers,posted_at,likes,comments,shares,saves,cost\n"
                    "m1,instagram,20000,2026-01-01,400,50,30,20,100\n"
                    "m2,instagram,50000,2026-01-02,1000,100,0,400,300\n", encoding="utf-8")
    ingest.ingest_path(database, path)
    ctx = Context(db=database)
    s = area_cost.summary(ctx)
    # all four parts: m1 100 / 500 = 0.2, m2 300 / 1500 = 0.2
    assert s.micro_median_cpe == pytest.approx(0.2)
    # likes only: 100 / 400 = 0.25 and 300 / 1000 = 0.3 -> median 0.275;
    # likes + comments: 100 / 450 and 300 / 1100 -> median (0.2222 + 0.2727) / 2
    expected = {"likes only": (0.25 + 0.3) / 2, "likes + comments": (100 / 450 + 300 / 1100) / 2}
    _, ers, followers = ctx.celebrity()
    counted = [r for r in ers if r.numerator in ("likes", "likes+comments")]
    assert counted, "the default celebrity ERs include a like rate or likes + comments"
    rows = s.same_basis.set_index("source")
    assert len(rows) == len(counted)
    for r in counted:
        row = rows.loc[f"{r.source} {r.year}"]
        assert row["micro_cpe"] == pytest.approx(expected[row["basis"]])
        # that ER's own celebrity range: price / (followers × its ER)
        assert row["celebrity_cpe_low"] == pytest.approx(s.price_low / (followers * r.er))
        assert row["celebrity_cpe_high"] == pytest.approx(s.price_high / (followers * r.er))
    note = area_cost.same_basis_note(s)
    assert note.startswith("Like for like: your engagements count likes, comments, shares and saves")
    assert all(theme.money(expected[b]) in note for b in rows["basis"])
    assert "Counted the same way, the median micro CPE is" in note      # not "counted their way"
    sens = next(sec for sec in area_cost.sections(ctx) if sec.key == "benchmark_sensitivity")
    assert note in sens.source       # exports carry it with the sensitivity chart


def test_no_like_for_like_note_when_no_chosen_er_counts_fewer_parts(database, tmp_path):
    from microlens import area_cost, ingest
    from microlens import benchmarks as bm
    from microlens.context import Context

    path = tmp_path / "posts.csv"
    path.write_text("influencer,platform,followers,posted_at,likes,comments,cost\n"
                    "m1,instagram,20000,2026-01-01,400,50,100\n", encoding="utf-8")
    ingest.ingest_path(database, path)
    unstated = [r.key for r in bm.followers_based(bm.ER_BENCHMARKS)
                if r.followers_low >= 1_000_000 and r.numerator not in area_cost.SAME_BASIS_CPE]
    assert unstated
    s = area_cost.summary(Context(db=database, celeb_er_keys=tuple(unstated[:1])))
    assert s.same_basis.empty and area_cost.same_basis_note(s) is None


def test_viral_posts_outside_the_cpe_do_not_qualify_the_finding(tmp_path):
    from microlens import area_cost, ingest
    from microlens import db as mdb
    from microlens.context import Context
    from tests.conftest import write_csv

    # Three micro accounts, each paid $100 for one post that earned 1,000 likes from 20,000 followers (ER 5%, CPE
    # $0.10), and each with three unpaid posts that went viral (100,000 likes, ER 500%). A paid account is costed on
    # its paid posts only, so the CPE rests on the 5% posts and the finding must not call it viral.
    rows = ["influencer,platform,followers,posted_at,likes,cost"]
    for name in ("ana", "bea", "cai"):
        rows.append(f"{name},instagram,20000,2026-03-01,1000,100")
        rows += [f"{name},instagram,20000,2026-03-0{d},100000," for d in (2, 3, 4)]
    database = mdb.new_database()
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "\n".join(rows) + "\n"), kind="posts")
    s = area_cost.summary(Context(db=database))
    assert s.micro_median_cpe == pytest.approx(0.10)
    assert s.influencers["costed_mean_er"].tolist() == pytest.approx([0.05] * 3)
    assert "viral" not in s.finding
    # nor leave the accounts out: what was paid for did as well as a post does (the Influencers page, which looks
    # at every post, does call them viral)
    assert s.viral.empty and len(s.influencers) == 3
    # three accounts: the answer and the sensitivity chart say how few
    assert s.finding.endswith("; only 3 micro-influencers to go on")
    sensitivity = next(sec for sec in area_cost.sections(Context(db=database)) if sec.key == "benchmark_sensitivity")
    assert sensitivity.finding.endswith("; the micro CPE is the median of only 3 micro-influencers")
    database.close()


def test_log_axes_tick_every_decade_when_1_2_5_labels_would_run_together():
    # 1-2-5 ticks over the sample's two and a half decades; one per decade over a viral crawl's five
    assert theme.log_dtick([0.05, 20.0]) == "D2" and theme.log_dtick([0.0016, 20.0]) == 1
    assert theme.log_dtick([0.000045, 6.06], decades_125=4) == 1 and theme.log_dtick([0.01, 6.06], decades_125=4) == "D2"
    assert theme.log_dtick([None, 0.0, float("nan")]) == "D2"      # nothing to place: Plotly's default spacing
    sens = pd.DataFrame({"label": ["a", "b"], "celebrity_cpe_low": [0.0016, 0.3], "celebrity_cpe_high": [0.01, 20.0],
                         "verdict": ["micro cheaper", "micro cheaper"]})
    fig = charts_cost.build_benchmark_sensitivity(sens, 0.002, "t")
    assert fig.layout.xaxis.dtick == 1


def test_a_large_multiple_reads_without_false_precision():
    # "108.9× cheaper" on a viral crawl: from ten on, whole multiples
    assert [theme.multiple(r) for r in (2.44, 9.94, 9.96, 108.9, 1234.4)] == ["2.4×", "9.9×", "10×", "109×", "1,234×"]
    finding = charts_cost.micro_vs_celebrity_finding(0.0022, 0.24, 6.06)
    assert "109× cheaper" in finding


def test_band_bars_go_log_when_bands_are_two_decades_apart():
    bands = pd.DataFrame({"band": ["under 1K", "micro", "mid", "celebrity"], "cpe": [0.000045, 0.0013, 0.015, None],
                          "estimated_share": [1.0, 1.0, 1.0, None]})
    fig = charts_cost.build_band_cpe_bar(bands)
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis.title.text == "USD per engagement (log)"
    # dots, not bars: a bar on a log axis starts wherever the axis does, and its length means nothing
    assert fig.data[0].type == "scatter" and fig.data[0].mode == "markers+text"
    assert [(a.x, a.text) for a in fig.layout.annotations] == [("celebrity", "no cost")]
    # room above the dearest dot for its label and beside the outer dots (log10 $0.000045 = -4.35, $0.015 = -1.82)
    low, high = fig.layout.yaxis.range
    assert low == pytest.approx(math.log10(0.000045) - 0.3) and high == pytest.approx(math.log10(0.015) + 0.45)
    assert tuple(fig.layout.xaxis.range) == (-0.8, 3.8)
    close = charts_cost.build_band_cpe_bar(bands.assign(cpe=[0.2, 0.08, 0.19, 0.43]))
    assert close.layout.yaxis.type is None and close.layout.yaxis.title.text == "USD per engagement"
    assert close.data[0].type == "bar"
    # money ticks on both scales, never an SI prefix ("$700µ" for a TikTok band's $0.0007 per engagement)
    assert fig.layout.yaxis.tickformat == close.layout.yaxis.tickformat == theme.MONEY_TICKS
    assert "~r" in theme.MONEY_TICKS and "s" not in theme.MONEY_TICKS


def test_one_band_is_not_said_to_pay_least():
    one = pd.DataFrame({"band": ["micro"], "cpe": [0.0007], "estimated_share": [0.0]})
    assert charts_cost.band_cpe_finding(one) == "The micro band pays $0.0007 per engagement over all its posts"


def test_the_chosen_celebrity_sources_hold_in_presenter_mode_and_on_other_pages():
    # Markerly's four tiers shared one citation as their label, and Streamlit maps a chosen label back to the first
    # option with it: switching presenter mode off re-created the widget with the under-1K tier, "83× cheaper"
    # became "17×". And the widget's state is dropped on runs that do not draw it, so the choice is kept apart.
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/cost_vs_celebrity.py").run()
    default = [m.value for m in at.metric]
    at.session_state["present"] = True
    at.run()
    assert [m.value for m in at.metric] == default
    at.session_state["present"] = False
    at.run()
    assert [m.value for m in at.metric] == default
    assert at.multiselect(key="celeb_er_keys").value == list(bm.DEFAULT_CELEBRITY_ER_KEYS)
    at.multiselect(key="celeb_er_keys").set_value(["markerly-2016-instagram-1m-10m"]).run()
    markerly = [m.value for m in at.metric]
    assert markerly[1] != default[1] and markerly[1].startswith("$0.24–")     # the 1M–10M tier's 1.66%, kept
    at.switch_page("pages/planner.py").run()
    at.switch_page("pages/cost_vs_celebrity.py").run()
    assert [m.value for m in at.metric] == markerly
    at.session_state["present"] = True
    at.run()
    assert [m.value for m in at.metric] == markerly


def test_the_page_leaves_out_viral_accounts_unless_unticked_and_slides_follow(database):
    from microlens import ingest
    from microlens.context import Context
    from tests.conftest import REALDATA, app_on

    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    at = app_on(database, "pages/cost_vs_celebrity.py")
    assert not at.exception
    left_out = area_cost.summary(Context(db=database))
    kept_in = area_cost.summary(Context(db=database, cost_leave_out_viral=False))
    box = at.checkbox(key="cost_leave_out_viral")
    assert box.value and box.label == f"Leave out {len(left_out.viral):,} viral accounts (median ER over 100%)"
    assert at.metric[0].value == theme.money(left_out.micro_median_cpe)
    assert any(c.value.startswith(f"Left out: {len(left_out.viral):,} viral accounts") for c in at.caption)
    box.uncheck().run()
    assert theme.money(kept_in.micro_median_cpe) != theme.money(left_out.micro_median_cpe)
    assert not at.exception and at.metric[0].value == theme.money(kept_in.micro_median_cpe)
    assert not any(c.value.startswith("Left out:") for c in at.caption)
    # presenter mode hides the checkbox; the slide keeps what the page chose
    at.session_state["present"] = True
    at.run()
    assert not at.exception and at.metric[0].value == theme.money(kept_in.micro_median_cpe)


def test_the_loaded_celebrities_are_one_more_er_source():
    def accounts(n: int, platforms=("instagram",)) -> pd.DataFrame:
        return pd.DataFrame({"followers": [2_000_000] * n + [999_999, 3_000_000],
                             "platform": [platforms[i % len(platforms)] for i in range(n)] + ["instagram"] * 2,
                             "celebrity_median_er": [0.01 * (i + 1) for i in range(n)] + [0.5, 0.0]})
    # the 999,999-follower account is no celebrity and the one without engagements has no ER: four are too few
    assert bm.own_celebrities_er(accounts(4)) is None
    own = bm.own_celebrities_er(accounts(5))
    assert (own.er, own.accounts, own.platform) == (pytest.approx(0.03), 5, "instagram")   # median of 1%..5%
    assert bm.is_followers_based(own) and own.citation.startswith("Your data: median ER by followers of your 5 ")
    assert bm.own_celebrities_er(accounts(6, ("instagram", "tiktok"))).platform == bm.ANY_PLATFORM
    assert own.numerator == "likes+comments+shares+saves" and own.citation.endswith(
        "(likes+comments+shares+saves)/followers")
    # accounts known from influencer lists alone (no posts) bring the list's own rate, whose parts it does not say
    # (top_insta's 60-day rate was cited as likes+comments+shares+saves of a file with no comments)
    listed = bm.own_celebrities_er(accounts(5).assign(posts=[0, 0, 3, 4, 5, 0, 0]))
    assert (listed.numerator, listed.listed) == ("unstated", 2) and listed.citation.endswith(
        "their posts' (likes+comments+shares+saves)/followers, or for the 2 known from influencer lists alone, the "
        "influencer list's average engagements ÷ followers, else its own engagement rate, else its average likes, "
        "comments and shares ÷ followers")
    only_lists = bm.own_celebrities_er(accounts(5).assign(posts=0))
    assert only_lists.citation.startswith("Your data: median ER by followers of your 5 accounts with 1M followers or "
                                          "more: the influencer list's average engagements ÷ followers, else")


def test_the_crawl_celebrities_give_a_celebrity_cpe_range():
    from microlens import ingest
    from microlens import db as mdb
    from microlens.context import Context
    from tests.conftest import REALDATA

    database = mdb.new_database()
    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    ctx = Context(db=database)
    s = area_cost.summary(ctx)
    sens = area_cost.sensitivity(ctx, s)
    # Worked out from the file: accounts whose latest post shows 1M followers or more, each its median over posts of
    # likes+comments+shares+saves ÷ followers, those over 100% left out as viral (as the page does); their median.
    posts = crawl_posts()
    latest = posts.sort_values("posted").groupby("account")["followers"].last()
    median_er = posts.groupby("account")["er"].median()
    celebrities = median_er[latest[latest >= 1_000_000].index]
    kept = celebrities[(celebrities > 0) & (celebrities <= 1)]
    assert len(kept) > 300
    own = sens[sens["key"] == bm.OWN_CELEBRITIES_KEY].iloc[0]
    assert own["label"] == f"ER · your {len(kept):,} accounts over 1M followers · median"
    assert own["celebrity_er"] == pytest.approx(kept.median())
    _, _, followers = ctx.celebrity()
    assert own["celebrity_cpe_low"] == pytest.approx(s.price_low / (followers * kept.median()))
    assert own["verdict"] == bm.verdict(s.micro_median_cpe, own["celebrity_cpe_low"], own["celebrity_cpe_high"])
    database.close()


def test_a_finding_names_listed_prices_only_where_the_cost_came_from_one(database, tmp_path):
    from microlens import ingest
    from microlens.context import Context

    # two accounts list a price, two do not (their cost is the rate card's): `price` holds both kinds of estimate
    path = write_csv(tmp_path, "list.csv", "influencer,platform,followers,avg_likes,avg_comments,price_per_post\n"
                                           "ana,instagram,20000,800,40,300\nbo,instagram,30000,900,30,450\n"
                                           "cy,instagram,25000,700,20,\ndi,instagram,40000,1000,50,\n")
    ingest.ingest_path(database, path)
    s = area_cost.summary(Context(db=database))
    assert "; the costs of all 4 micro-influencers are estimated (2 at their listed price, 2 from the rate card)" \
        in s.finding
    priced = write_csv(tmp_path, "list.csv", "influencer,platform,followers,avg_likes,price_per_post\n"
                                             "ana,instagram,20000,800,300\nbo,instagram,30000,900,450\n")
    ingest.ingest_path(database, priced)
    assert "; all 2 micro costs are listed prices" in area_cost.summary(Context(db=database)).finding


def test_a_log_money_axis_keeps_its_labels_apart_on_a_slide():
    # A real crawl's costs from $0.005 to $10 drew "$10 $5 $2 … $0.005" as 1-2-5 ticks, run together in the ~185 px
    # a 1280×720 slide leaves the Cost vs celebrity plot (measured on the review's screenshot); its labels, in
    # presenter type, need at least a line (1.3 em) between their middles.
    plot_px, line_px = 185, theme.BASE_SIZE[True] * 1.3
    crawl = pd.DataFrame({"influencer": ["a", "b", "c"], "platform": "tiktok", "band": "micro",
                          "cpe": [0.005, 0.02, 0.05], "cost_estimated": True})
    for fig in (charts_cost.build_cpe_by_band(crawl, pd.DataFrame({"band": ["micro"], "cpe": [0.015]}), ["micro"],
                                              0.24, 6.06, "t", "src"),
                charts_cost.build_band_cpe_bar(pd.DataFrame({"band": ["nano", "micro"], "cpe": [0.00005, 0.02],
                                                             "estimated_share": [1.0, 1.0]}))):
        axis = fig.layout.yaxis
        low, high = (axis.range if axis.range else
                     (math.log10(0.005), math.log10(10)))     # the cost chart's: its dots and the celebrity range
        assert axis.type == "log"
        per_decade = {"D2": 3, "D1": 9}[axis.dtick] if isinstance(axis.dtick, str) else 1 / axis.dtick
        labels = (high - low) * per_decade + 1
        assert plot_px / (labels - 1) >= line_px, (axis.dtick, labels)


def test_sensitivity_on_a_screen_names_each_source_above_its_bar_across_the_plot():
    # beside the bars, names such as "price · Influencer Marketing Hub (as reproduced) (2021) · TikTok mega" left the
    # plot ~80 px of a 1024-px screen's 564-px chart
    sens = pd.DataFrame({"label": ["price · Influencer Marketing Hub (as reproduced) (2021) · TikTok mega",
                                   "ER · B (2021) · like rate"], "numerator": [None, "likes"],
                         "celebrity_cpe_low": [0.24, 0.5], "celebrity_cpe_high": [2.0, 6.06],
                         "micro_cpe": [float("nan"), 0.11], "verdict": ["micro cheaper"] * 2})
    fig = charts_cost.build_benchmark_sensitivity(sens, 0.10, "t", labels_above=True)
    assert fig.layout.yaxis.showticklabels is False and fig.layout.margin.l <= 20     # no column of names
    names = [a for a in fig.layout.annotations if a.yref == "y"]
    assert [a.text for a in names] == list(sens["label"])
    bars, marks = fig.data[0], next(t for t in fig.data if t.type == "scatter" and t.mode == "markers")
    for name, bar in zip(names, bars.y):
        # the name's row top over the bar's top, the bar wholly in its row, its diamond on it
        assert name.yanchor == "top" and name.y < bar - charts_cost.BAR_UNDER_LABEL / 2 and bar + bars.width / 2 <= (
            name.y + 1)
    assert list(marks.y) == [bars.y[1]]
    # the bar's hover still names its source
    assert [row[3] for row in bars.customdata] == list(sens["label"])
    # the note under the plot, as wide as a laptop's chart
    (note,) = [a for a in fig.layout.annotations if a.yref == "paper"]
    assert note.text.startswith("No diamond") and max(map(len, note.text.split("<br>"))) <= 80
    # beside the bars, as slides draw it
    beside = charts_cost.build_benchmark_sensitivity(sens, 0.10, "t")
    assert list(beside.data[0].y) == list(sens["label"]) and not [a for a in beside.layout.annotations
                                                                   if a.yref == "y"]


@pytest.fixture
def crawl_ctx():
    """A session's context on the TikTok crawl: every micro cost the rate card's, 300-odd celebrities without one."""
    from microlens import db as mdb
    from microlens import ingest
    from microlens.context import Context
    from tests.conftest import REALDATA

    database = mdb.new_database()
    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    yield Context(db=database)
    database.close()


def test_the_rate_card_says_whose_figure_it_is_where_it_prices_other_platforms(crawl_ctx):
    # a TikTok crawl's every micro cost was followers × $10 per 1K, an Instagram rule of thumb, and nothing said so
    import dataclasses

    from microlens import area_benchmarks

    ctx = crawl_ctx
    s = area_cost.summary(ctx)
    costed = s.influencers[s.influencers["cost"].notna()]
    assert len(costed) > 400 and costed["cost_estimated"].all() and set(costed["platform"]) == {"tiktok"}
    assert area_cost.rate_card_platforms_note(ctx, s) == (
        "The rate card's $10.00 per 1K followers is an Instagram rule of thumb (USA Today, 2019), applied here to "
        "TikTok accounts too; the Prices page fits a rate card per platform on your own prices.")
    # a rate card of one's own is no one else's figure; nor is a cost the account's listed price
    own = dataclasses.replace(ctx.filters, rate_per_1k=4.0)
    assert area_cost.rate_card_platforms_note(dataclasses.replace(ctx, filters=own), s) is None
    listed = dataclasses.replace(s, influencers=s.influencers.assign(listed_price_cost=True))
    assert area_cost.rate_card_platforms_note(ctx, listed) is None
    # the chart's sources say it, so every export does; a rule of thumb deleted on the Benchmarks page is not cited
    chart = next(sec for sec in area_cost.sections(ctx) if sec.key == "cost_vs_celebrity")
    assert area_cost.rate_card_platforms_note(ctx, s) in chart.source
    gone = tuple(r for r in ctx.price_records if r.key != area_benchmarks.RULE_OF_THUMB_KEY)
    assert area_cost.rate_card_platforms_note(dataclasses.replace(ctx, price_records=gone), s) is None


def test_a_band_with_accounts_but_no_cost_is_said_not_drawn(crawl_ctx):
    # a crawl's celebrities (no fee, no listed price, above the rate card's 1M) were nowhere on the chart, unexplained
    ctx = crawl_ctx
    s = area_cost.summary(ctx)
    celebrities = s.influencers[s.influencers["band"] == "celebrity"]
    assert len(celebrities) > 300 and celebrities["cost"].isna().all()
    note = (f"Not drawn: the celebrity band's {len(celebrities):,} accounts, none with a cost (no fee or listed price; "
            "the rate card prices accounts under 1,000,000 followers only).")
    assert area_cost.uncosted_bands_note(ctx, s) == note
    chart = next(sec for sec in area_cost.sections(ctx) if sec.key == "cost_vs_celebrity")
    assert note in chart.source
    assert note.split(" (")[0] in " ".join(a.text for a in chart.figure.layout.annotations).replace("<br>", " ")


def test_a_small_difference_reads_in_per_cent_not_as_one_times():
    # $0.23 against $0.24 (a price filter on a 1M-post file) read "1.0× cheaper than the closest celebrity benchmark"
    assert theme.how_much(0.24 / 0.23, "cheaper", smaller=True) == "4% cheaper"      # 0.23 is 95.8% of 0.24
    assert theme.how_much(1.04, "above the rate card", smaller=False) == "4% above the rate card"
    assert theme.how_much(1.001, "cheaper", smaller=True) == "under 1% cheaper"
    assert theme.how_much(1.1, "cheaper", smaller=True) == "1.1× cheaper"
    assert theme.how_much(2.44, "less", smaller=True) == "2.4× less"
    assert theme.how_much(1.0, "less", smaller=True) == "no less"          # two bands alike: not "under 1% less"
    # counts set side by side: "1.0× the 49.8K from 1 celebrity post" read as the same
    assert [theme.times_as_many(r) for r in (3.88, 1.04, 1.002, 1.0)] == ["3.9×", "4% more than", "under 1% more than",
                                                                         "as many as"]
    from microlens.area_prices import how_far
    assert [how_far(r) for r in (4.2, 0.25, 1.04, 1.0)] == [
        "4.2× above the rate card", "4.0× below the rate card", "4% above the rate card", "at the rate card"]
    finding = charts_cost.micro_vs_celebrity_finding(0.23, 0.24, 6.06)
    assert "4% cheaper than the chosen celebrity benchmarks at their best" in finding and "×" not in finding
    alike = charts_cost.LikeForLike(0.24 / 0.23, 0.23, 0.24, "likes only")
    finding = charts_cost.micro_vs_celebrity_finding(0.21, 0.24, 6.06, like_for_like=alike)
    assert finding.startswith("The median micro-influencer costs $0.23 per like, 4% cheaper than the closest "
                              "celebrity benchmark ($0.24 per like;")


def test_the_cost_charts_legend_has_room_for_a_second_row_over_the_plot():
    # with viral accounts left out its three entries took two rows at 1280 px, the second over the subtitle's foot
    influencers = pd.DataFrame({"band": ["micro", "nano"], "influencer": ["a", "b"], "platform": ["tiktok"] * 2,
                                "cpe": [0.1, 0.2], "cost_estimated": [False, True]})
    bands = pd.DataFrame({"band": ["micro", "nano"], "cpe": [0.1, 0.2]})
    fig = charts_cost.build_cpe_by_band(influencers, bands, ["nano", "micro"], 0.24, 6.06, "t", "s",
                                        viral_left_out=True)
    names = theme.legend_names(fig)
    assert len(names) == 3 and theme.legend_rows(names, theme.APP_CHART_PX - 90) == 2
    assert fig.layout.margin.t == theme.TOP_MARGIN_PX + theme.LEGEND_ROW_PX


# The plot of the Cost vs celebrity chart and of the Overview's bars on a 1024-px screen with the sidebar open
# (measured on the UX audit's screenshots: a 564-px chart, its plot from x = 70 to 543)
PLOT_1024_PX = 470


def _middle_label(fig):
    return next(a for a in fig.layout.annotations if a.text.startswith("middle account"))


def _label_columns(fig, plot_px: float) -> tuple[float, float]:
    """The middle account's label's left and right edges in columns (axis units), its widest line at the app's
    average character width (theme.CHAR_EM), on a plot `plot_px` wide."""
    label = _middle_label(fig)
    left, right = fig.layout.xaxis.range
    px = max(len(html.unescape(line)) for line in label.text.split("<br>")) * label.font.size * theme.CHAR_EM
    width = (px + 2 * label.borderpad) / (plot_px / (right - left))
    shift = (label.xshift or 0) / (plot_px / (right - left))
    start = {"center": -width / 2, "right": -width}.get(label.xanchor, 0.0) + label.x + shift
    return start, start + width


def test_the_middle_accounts_label_stays_over_micros_column_on_a_1024_px_screen(sample_db):
    from microlens.context import Context
    # at 1024 px "middle account $0.10 ($0.11 per like)", set on the left of micro's column, stood over the nano
    # column's dots and read as nano's figure
    chart = next(sec for sec in area_cost.sections(Context(db=sample_db)) if sec.key == "cost_vs_celebrity").figure
    micro = list(chart.layout.xaxis.ticktext).index("micro")
    dot = 4 / (PLOT_1024_PX / (chart.layout.xaxis.range[1] - chart.layout.xaxis.range[0]))   # a dot's radius
    start, end = _label_columns(chart, PLOT_1024_PX)
    # clear of the neighbours' dots (jittered 0.28 of a column either side of theirs)
    assert micro - 1 + 0.28 + dot < start < micro < end < micro + 1 - 0.28 - dot, (start, end)
    # six bands (the finer band scheme) and a cost of four figures in two units: clear of the neighbours' dots'
    # middles (at this estimate of its width the label's edge meets the outermost dots' rims; drawn, it is 12 px
    # narrower)
    bands = ["under 1K", "nano", "micro", "mid", "macro", "celebrity"]
    crawl = pd.DataFrame({"influencer": list("abcdef"), "platform": "tiktok", "band": bands,
                          "cpe": [0.01, 0.002, 0.0045, 0.03, 0.2, 0.5], "cost_estimated": False})
    six = charts_cost.build_cpe_by_band(crawl, crawl[["band", "cpe"]], bands, 0.24, 6.06, "t", "s",
                                        micro_median=0.0045, micro_median_also="$0.0052 per like")
    start, end = _label_columns(six, PLOT_1024_PX)
    assert 1 + 0.28 < start < 2 < end < 3 - 0.28, (start, end)


def test_the_middle_accounts_label_keeps_off_micros_own_diamond_inside_the_plot():
    # over micro's column the label shares it with micro's diamond and the diamond's label ("$0.084" a few px under
    # the sample's $0.10 line): on the line's other side, past the diamond's label where that reaches over the line;
    # and inside the plot, counted on the shortest plot a chart is drawn in (a crawl's PDF: under its line near the
    # axis's foot the label ran over the ticks' "micro")
    diamond_label_half_px = (13 * 1.2 + 2 * 2) / 2      # a line of 13-px type, padded 2 px

    def placed(micro_cpe: float, cpes: list[float], median: float = 0.17):
        influencers = pd.DataFrame({"band": ["nano", "micro", "mid"], "influencer": ["a", "b", "c"],
                                    "platform": ["tiktok"] * 3, "cpe": cpes, "cost_estimated": False})
        bands = pd.DataFrame({"band": ["nano", "micro", "mid"], "cpe": [0.16, micro_cpe, 1.2]})
        fig = charts_cost.build_cpe_by_band(influencers, bands, ["nano", "micro", "mid"], 0.24, 6.06, "t", "s",
                                            micro_median=median, micro_median_also="$0.19 per like")
        label = _middle_label(fig)
        low, high = fig.layout.yaxis.range
        px = theme.LEAST_PLOT_PX / (high - low)
        # the label's edges in px above the plot's foot, and the diamond's middle
        height = 3 * 12 * 1.2 + 2 * 2
        foot = (label.y - low) * px + label.yshift - (height if label.yanchor == "top" else 0)
        assert label.xanchor == "center" and label.x == 1
        assert 0 <= foot and foot + height <= theme.LEAST_PLOT_PX, (micro_cpe, foot)
        return label, foot, height, (math.log10(micro_cpe) - low) * px

    for micro_cpe, above in ((0.16, True), (0.19, False), (0.15, True), (0.02, True), (3.0, False)):
        label, foot, height, diamond = placed(micro_cpe, [0.01, 0.17, 50.0])
        assert label.y == pytest.approx(math.log10(0.17)), micro_cpe          # by its line
        # yanchor "bottom": the label stands above its line (the diamond below it), "top": beneath it
        assert (label.yanchor == "bottom") == above and abs(label.yshift) >= 4, micro_cpe
        assert (foot >= diamond + diamond_label_half_px if above
                else foot + height <= diamond - diamond_label_half_px), (micro_cpe, foot, diamond)
    # the line near the axis's foot, the diamond a hair above it: no room under the line, so over the diamond's label
    label, foot, height, diamond = placed(0.016, [0.015, 0.1, 0.3], median=0.015)
    assert label.yanchor == "bottom" and foot >= diamond + diamond_label_half_px


def test_the_celebrity_side_of_another_platform_says_the_benchmarks_are_instagrams(database):
    from microlens import area_cost, ingest
    from microlens.context import Context
    from tests.conftest import REALDATA

    ingest.ingest_path(database, REALDATA / "social-media-influencers-2022" / "social media influencers - Youtube "
                                            "sep-2022.csv")
    [side] = area_cost.sections(Context(db=database))
    assert side.key == "benchmark_sensitivity" and side.source.endswith(
        "The celebrity engagement benchmarks are Instagram figures; the data has only YouTube accounts, so this "
        "compares across platforms: read these celebrity costs as indicative.")
