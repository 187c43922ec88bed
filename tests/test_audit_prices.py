"""Audit of the Prices page's numbers: recomputed with plain pandas/numpy from the CSV files, never through the
app's SQL.

A known price per post is the influencer's listed price, else the median of what their posts cost (a post's own
fee, else its contract's fee + product cost ÷ the posts delivered for it; SPEC "cost of a post"). A band is the
account's latest follower count's (micro 10K-100K). "84% charge under $250": the share strictly under $250.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from microlens import area_prices as ap
from microlens import charts_prices
from microlens import db as mdb
from microlens import ingest
from microlens.context import Context
from tests.conftest import REALDATA, ROOT, write_csv

SAMPLE = ROOT / "sample_data"


@pytest.fixture(scope="module")
def sample():
    database = mdb.new_database()
    ingest.load_sample_data(database)
    yield ap.summary(Context(db=database))
    database.close()


def micro_prices() -> pd.DataFrame:
    """Every sample account with its latest follower count (its latest post's, or the list's when dated on a later
    day) and its listed price (every sample account lists one), the micro ones only."""
    lists = pd.read_csv(SAMPLE / "influencers.csv")
    posts = pd.read_csv(SAMPLE / "posts.csv")
    last = posts.sort_values("posted_at").groupby(["influencer", "platform"]).tail(1)
    frame = lists.merge(last[["influencer", "platform", "followers", "posted_at"]], on=["influencer", "platform"],
                        how="left", suffixes=("_list", "_post"))
    newer = frame["posted_at"].isna() | (frame["snapshot_date"] > frame["posted_at"].str[:10])
    frame["followers"] = frame["followers_list"].where(newer, frame["followers_post"])
    assert frame["price_per_post"].notna().all()
    return frame[(frame["followers"] >= 10_000) & (frame["followers"] < 100_000)].reset_index(drop=True)


def test_cards_shares_and_median_match_pandas(sample):
    ours = micro_prices()
    price = ours["price_per_post"]
    assert len(sample.band_priced) == len(sample.band_rows) == len(ours)
    # strictly under each line, over the micro accounts with a known price
    assert sample.shares[250.0] == pytest.approx((price < 250).mean())
    assert sample.shares[500.0] == pytest.approx((price < 500).mean())
    assert sample.band_priced["known_price"].median() == pytest.approx(price.median())
    finding = ap.distribution_finding(sample)
    assert finding == (f"Micro-influencers in your data on {ours['platform'].nunique()} platforms: "
                       f"{(price < 250).mean():.0%} under $250 and {(price < 500).mean():.0%} under $500 per post "
                       f"(median ${np.floor(price.median() + 0.5):,.0f})")


def test_claims_are_checked_in_their_own_population(sample):
    lists = micro_prices()
    instagram = lists[lists["platform"] == "instagram"]["price_per_post"]
    claims = sample.claims.set_index("key")
    # the brief's two claims: Instagram accounts with 10K-100K followers
    for key, line in (("brief-micro-under-250", 250), ("brief-micro-under-500", 500)):
        assert claims.at[key, "influencers"] == len(instagram)
        assert claims.at[key, "your_share"] == pytest.approx((instagram < line).mean())
        assert claims.at[key, "difference_pts"] == pytest.approx(((instagram < line).mean()
                                                                   - claims.at[key, "claimed_share"]) * 100)
    # Ignite's: Instagram accounts of every size with a price
    every = pd.read_csv(SAMPLE / "influencers.csv")
    every = every[every["platform"] == "instagram"]["price_per_post"]
    assert claims.at["ignite-2019-businesses-under-250", "influencers"] == len(every)
    assert claims.at["ignite-2019-businesses-under-250", "your_share"] == pytest.approx((every < 250).mean())
    assert ap.claims_finding(sample) == (f"{(instagram < 250).mean():.0%} of your Instagram influencers with "
                                         "10,000–100,000 followers charge under $250 (brief: 84%, unverified)")


def test_rate_cards_and_outliers_match_pandas(sample):
    ours = micro_prices()
    # a line through the origin on log-log axes: exp(median of log(price per 1K followers)) per platform
    log_ratio = np.log(ours["price_per_post"] / (ours["followers"] / 1000))
    rate = np.exp(log_ratio.groupby(ours["platform"]).median())
    fitted = sample.rates.set_index("platform")["usd_per_1k"]
    assert np.allclose(fitted.loc[rate.index], rate)
    ours["ratio"] = ours["price_per_post"] / (ours["followers"] / 1000 * ours["platform"].map(rate))
    residual = np.log(ours["ratio"])
    spread = 1.4826 * residual.abs().groupby(ours["platform"]).transform("median")
    far = (ours["ratio"] >= 2) | (ours["ratio"] <= 0.5)
    outlier = far & ((residual / spread).abs() > 3) & (ours["platform"].map(ours["platform"].value_counts()) >= 5)
    assert len(sample.far_off) == far.sum()
    assert set(sample.outliers["influencer"]) == set(ours.loc[outlier, "influencer"])
    assert ap.outlier_finding(sample).startswith(f"{far.sum()} of {len(ours)} micro-influencers with a known price")


def test_distribution_chart_draws_every_price_and_the_shares(sample):
    ours = micro_prices()["price_per_post"].sort_values().to_numpy()
    fig = charts_prices.build_price_distribution(sample.band_priced["known_price"], ap.threshold_notes(sample, ()),
                                                 "t", "micro")
    bars, step = fig.data[0], fig.data[1]
    upper = fig.layout.xaxis.range[1]
    # every price at or under the axis's end is in one bar; the step line ends at 100%
    assert sum(bars.y) == (ours <= upper).sum()
    assert step.y[-1] == 1.0
    # the cumulative share just before each line is the share strictly under it
    for line in (250, 500):
        before = [y for x, y in zip(step.x, step.y) if x < line]
        assert before[-1] == pytest.approx((ours < line).mean())
    for x, y, width in zip(bars.x, bars.y, [bars.width] * len(bars.x)):
        low = x - width / 0.92 / 2
        assert y == ((ours >= low - 1e-9) & (ours < low + width / 0.92 - 1e-9)).sum()


PRICES_LIST = """influencer,platform,followers,price_per_post
ana,instagram,20000,250
ben,instagram,50000,
cleo,tiktok,30000,
dan,instagram,40000,
"""
# ben: one post with its own $120 fee, two posts of a $300 + $60 contract (180 each), one organic post
# cleo: a $200 contract delivered in two posts (100 each); dan: no cost anywhere, no price; ana lists $250, which
# is not under $250
PRICES_POSTS = """influencer,platform,followers,posted_at,likes,comments,campaign,cost,post_id
ana,instagram,20000,2026-03-01T10:00:00,500,10,,,a1
ben,instagram,50000,2026-03-02T10:00:00,900,10,,120,b1
ben,instagram,50000,2026-03-03T10:00:00,900,10,Spring,,b2
ben,instagram,50000,2026-03-04T10:00:00,900,10,Spring,,b3
ben,instagram,50000,2026-03-05T10:00:00,900,10,,,b4
cleo,tiktok,30000,2026-03-03T10:00:00,900,10,Spring,,c1
cleo,tiktok,30000,2026-03-04T10:00:00,900,10,Spring,,c2
dan,instagram,40000,2026-03-04T10:00:00,900,10,,,d1
"""
PRICES_CONTRACTS = """campaign,influencer,platform,fee,product_cost,posts_contracted
Spring,ben,instagram,300,60,2
Spring,cleo,tiktok,200,,3
"""


def test_a_price_without_a_list_is_the_median_cost_per_post(tmp_path):
    database = mdb.new_database()
    for kind, text in (("influencers", PRICES_LIST), ("posts", PRICES_POSTS), ("campaigns", PRICES_CONTRACTS)):
        report = ingest.ingest_path(database, write_csv(tmp_path, f"{kind}.csv", text), kind=kind)
        assert report.error is None and report.rows_rejected == 0
    posts = pd.read_csv(write_csv(tmp_path, "p.csv", PRICES_POSTS))
    deals = pd.read_csv(write_csv(tmp_path, "c.csv", PRICES_CONTRACTS))
    deals["cost"] = deals["fee"].fillna(0) + deals["product_cost"].fillna(0)
    delivered = posts.groupby(["campaign", "influencer"]).size()
    deals["per_post"] = [c / delivered[(k, i)]
                         for c, k, i in zip(deals["cost"], deals["campaign"], deals["influencer"])]
    share = deals.set_index(["campaign", "influencer"])["per_post"]
    posts["paid"] = [f if pd.notna(f) else share.get((k, i)) for f, k, i
                     in zip(posts["cost"], posts["campaign"], posts["influencer"])]
    listed = pd.read_csv(write_csv(tmp_path, "l.csv", PRICES_LIST)).set_index("influencer")["price_per_post"]
    expected = listed.fillna(posts.groupby("influencer")["paid"].median())
    got = Context(db=database).query("price_per_post").set_index("influencer")["known_price"]
    assert np.allclose(got.loc[expected.index].astype(float), expected, equal_nan=True)
    s = ap.summary(Context(db=database))
    assert s.shares[250.0] == pytest.approx((expected.dropna() < 250).mean())
    assert len(s.band_priced) == expected.notna().sum() and len(s.band_rows) == len(expected)


def test_real_lists_without_a_price_have_no_known_price():
    database = mdb.new_database()
    report = ingest.ingest_path(database, REALDATA / "top_insta_influencers_data.csv", kind="influencers")
    raw = pd.read_csv(REALDATA / "top_insta_influencers_data.csv")
    prices = Context(db=database).query("price_per_post")
    # one row per account in the file; the file has no price column, so no known price and nothing drawn
    assert report.rows_loaded == len(raw) and len(prices) == raw["channel_info"].nunique()
    assert prices["known_price"].isna().all() and not ap.drawn(prices)
