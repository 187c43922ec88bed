"""Audit of the Takeover page's numbers, recomputed with pandas, numpy and scipy from sample_data/brand_posts.csv
and campaigns.csv, never through the app's SQL.

SPEC: lift = (takeover metric − median of the brand's same-platform posts in the pre-period) / that median, with a
bootstrap 95% interval. The takeover metric is the median takeover post (as the page says); the window is the
campaign's contract dates; the pre-period the 60 days before it; the brand's day-to-day posts are those neither
sponsored nor tagged with a campaign; impressions fall back to views where a platform reports none.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from microlens import area_takeover as area
from microlens import charts_takeover
from microlens import db as mdb
from microlens import ingest
from microlens.context import Context
from tests.conftest import ROOT

SAMPLE = ROOT / "sample_data"
CAMPAIGN = "Summer Takeover"
N_BOOT = area.N_BOOT   # the page's own resamples: the interval it shows


@pytest.fixture(scope="module")
def app():
    database = mdb.new_database()
    ingest.load_sample_data(database)
    ctx = Context(db=database)
    window = area.default_window(area.windows(ctx))
    posts = area.load_posts(ctx, window, area.DEFAULT_PRE_DAYS)
    yield window, posts, area.summary_rows(posts, n_boot=N_BOOT)
    database.close()


def groups(platform: str, pre_days: int = 60) -> tuple[pd.DataFrame, pd.DataFrame, pd.Timestamp, pd.Timestamp]:
    """(usual posts, takeover posts, window start, window end) of the brand on `platform`, from the files."""
    brand = pd.read_csv(SAMPLE / "brand_posts.csv", parse_dates=["posted_at"])
    deals = pd.read_csv(SAMPLE / "campaigns.csv", parse_dates=["start_date", "end_date"])
    deals = deals[deals["campaign"] == CAMPAIGN]
    start, end = deals["start_date"].min(), deals["end_date"].max() + pd.Timedelta(days=1)
    brand = brand[brand["platform"] == platform].assign(
        engagements=brand[["likes", "comments", "shares", "saves"]].fillna(0).sum(axis=1))
    marked = brand["sponsored"].fillna(False).astype(bool) | brand["campaign"].notna()
    usual = brand[(brand["posted_at"] >= start - pd.Timedelta(days=pre_days)) & (brand["posted_at"] < start) & ~marked]
    takeover = brand[(brand["posted_at"] >= start) & (brand["posted_at"] < end) & (brand["campaign"] == CAMPAIGN)]
    return usual, takeover, start, end


def lift_of(usual: pd.Series, takeover: pd.Series) -> float:
    return (np.median(takeover) - np.median(usual)) / np.median(usual)


@pytest.mark.parametrize("platform, metric, column", [
    ("instagram", "engagements", "engagements"), ("instagram", "impressions", "impressions"),
    ("instagram", "likes", "likes"), ("tiktok", "engagements", "engagements"),
    ("tiktok", "impressions", "views"), ("tiktok", "likes", "likes"),
])
def test_lift_and_medians_match_pandas(app, platform, metric, column):
    _, _, rows = app
    usual, takeover, _, _ = groups(platform)
    row = rows[(rows["platform"] == platform) & (rows["metric"] == metric)].iloc[0]
    assert row["measured"] == column
    assert row["baseline_posts"] == len(usual) and row["takeover_posts"] == len(takeover)
    assert row["usual_post"] == pytest.approx(usual[column].median())
    assert row["takeover_median"] == pytest.approx(takeover[column].median())
    assert row["lift"] == pytest.approx(lift_of(usual[column], takeover[column]))


@pytest.mark.parametrize("platform", ["instagram", "tiktok"])
def test_interval_agrees_with_scipys_bootstrap(app, platform):
    """scipy's percentile bootstrap, resampling both groups independently, gives about the same 95% interval;
    the point estimate lies inside the app's interval and the verdict follows from where the interval lies."""
    _, _, rows = app
    usual, takeover, _, _ = groups(platform)
    row = rows[(rows["platform"] == platform) & (rows["metric"] == "engagements")].iloc[0]
    ci = stats.bootstrap((usual["engagements"].to_numpy(float), takeover["engagements"].to_numpy(float)),
                         lift_of, n_resamples=4000, method="percentile", vectorized=False,
                         random_state=np.random.default_rng(1)).confidence_interval
    assert row["ci_low"] == pytest.approx(ci.low, abs=0.06) and row["ci_high"] == pytest.approx(ci.high, abs=0.08)
    assert row["ci_low"] <= row["lift"] <= row["ci_high"]
    expected = "lift" if ci.low > 0.03 else "drop" if ci.high < -0.03 else "no detectable lift"
    assert row["verdict"] == expected


def test_sentences_and_titles_quote_the_pandas_figures(app):
    window, posts, rows = app
    usual, takeover, start, end = groups("instagram")
    own = area.posts_of(posts, ("lumenskin", "instagram"))
    lift = lift_of(usual["engagements"], takeover["engagements"])
    m = area.measure(own, "engagements", n_boot=N_BOOT)
    assert m.sentence().startswith(f"Takeover posts earned {abs(lift):.0%} more engagements per post than the "
                                   "brand's usual posts")
    assert area.summary_title(rows, window).startswith(f"{CAMPAIGN}: lifted engagements per post on Instagram "
                                                       f"(+{lift:.0%})")
    first = start - pd.Timedelta(days=60)
    assert area.rule_sentence(own, window, 60).startswith(
        f"Takeover: the {len(takeover)} Instagram posts marked '{CAMPAIGN}', {start:%d %b} – "
        f"{end - pd.Timedelta(days=1):%d %b %Y}. Usual post: the median of the brand's {len(usual)} day-to-day "
        f"Instagram posts in the 60 days before ({first:%d %b} – {start - pd.Timedelta(days=1):%d %b %Y}).")
    er = (usual["engagements"] / usual["followers"]).median()
    assert area.brand_context(own).startswith(f"The brand's usual Instagram post earns {er:.2%} of its followers")


def test_timeline_draws_the_usual_level_its_middle_half_and_the_takeover_median(app):
    window, posts, _ = app
    usual, takeover, _, _ = groups("instagram")
    own = area.posts_of(posts, ("lumenskin", "instagram"))
    fig = area.timeline(own, area.measure(own, "engagements", n_boot=N_BOOT), window, 60)
    traces = {t.name: t for t in fig.data}
    assert set(traces["usual post (median before the window)"].y) == {usual["engagements"].median()}
    assert set(traces["takeover median"].y) == {takeover["engagements"].median()}
    band = traces["middle half of usual posts"].y
    assert (min(band), max(band)) == pytest.approx(tuple(np.percentile(usual["engagements"], [25, 75])))
    assert sorted(traces["takeover post"].y) == sorted(takeover["engagements"])
    assert sorted(traces["brand's day-to-day post"].y) == sorted(usual["engagements"])


def test_at_a_glance_chart_draws_each_lift_and_interval(app):
    _, _, rows = app
    drawn = rows[rows["lift"].notna() & rows["ci_low"].notna()]
    fig = charts_takeover.build_lift_summary(drawn, "t")
    dots = fig.data[0]
    expected = drawn.iloc[::-1]
    assert np.allclose(dots.x, expected["lift"])
    assert np.allclose(np.asarray(dots.x) + np.asarray(dots.error_x.array), expected["ci_high"])
    assert np.allclose(np.asarray(dots.x) - np.asarray(dots.error_x.arrayminus), expected["ci_low"])
