"""Audit of the Campaigns page's numbers: every figure recomputed with plain pandas from the sample CSV files,
following the spec's definitions (SPEC.md, "Metric definitions"), never through the app's SQL.

  cost of a contract  = fee + product cost (a missing part counts 0; both missing: unknown)
  orders, revenue, sign-ups of a contract = the conversion rows of its coupon code (each code is one contract's)
  posts delivered     = posts in posts.csv tagged with the contract's campaign, influencer and platform
  CPA = cost / orders, ROAS = revenue / cost, ROI = (revenue - cost) / cost, cost per lead = cost / sign-ups,
  CPE = cost / engagements (likes + comments + shares + saves), CPM = cost / impressions x 1000
A campaign's (or a kind of campaign's) ratios are its summed cost, orders, revenue... divided, not an average of
its contracts' ratios.
"""
from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest

from microlens import area_campaigns as area
from microlens import charts_campaigns as charts
from microlens import theme
from microlens.context import Context
from microlens.filters import Filters
from microlens.theme import plain_text
from tests.conftest import ROOT

SAMPLE = ROOT / "sample_data"
KEY = ["campaign", "influencer", "platform"]
SUMS = ["cost", "orders", "revenue", "signups", "posts_contracted", "posts_delivered", "engagements"]


def _band(followers: float) -> str:
    """The default follower bands of the spec: under 1K, nano 1K-10K, micro 10K-100K, mid 100K-1M, celebrity."""
    edges = [(1_000_000, "celebrity"), (100_000, "mid"), (10_000, "micro"), (1_000, "nano")]
    return next((name for low, name in edges if followers >= low), "under 1K")


def _latest_followers(posts: pd.DataFrame) -> pd.Series:
    """An account's latest follower count: its latest post's, or the influencer list's when the list is dated on a
    later day than that post."""
    lists = pd.read_csv(SAMPLE / "influencers.csv").set_index(["influencer", "platform"])
    last = posts.sort_values("posted_at").groupby(["influencer", "platform"]).tail(1)
    last = last.set_index(["influencer", "platform"])
    newer = lists["snapshot_date"].reindex(last.index) > last["posted_at"].str[:10]
    return last["followers"].where(~newer, lists["followers"].reindex(last.index))


def independent(campaigns=(), platforms=(), bands=(), date_from: dt.date | None = None,
                date_to: dt.date | None = None) -> pd.DataFrame:
    """One row per contract shown under these filters, with its cost, delivery, conversions and ratios."""
    c = pd.read_csv(SAMPLE / "campaigns.csv")
    v = pd.read_csv(SAMPLE / "conversions.csv")
    p = pd.read_csv(SAMPLE / "posts.csv")
    band_of = _latest_followers(p).map(_band)
    c["cost"] = c["fee"].fillna(0) + c["product_cost"].fillna(0)
    c.loc[c["fee"].isna() & c["product_cost"].isna(), "cost"] = np.nan
    c["band"] = [band_of.get((i, pl)) for i, pl in zip(c["influencer"], c["platform"])]
    keep = pd.Series(True, index=c.index)
    if campaigns:
        keep &= c["campaign"].str.lower().isin([x.lower() for x in campaigns])
    if platforms:
        keep &= c["platform"].isin(platforms)
    if bands:
        keep &= c["band"].isin(bands)
    if date_from:
        keep &= pd.to_datetime(c["end_date"]) >= pd.Timestamp(date_from)
        v = v[pd.to_datetime(v["date"]) >= pd.Timestamp(date_from)]
        p = p[pd.to_datetime(p["posted_at"]) >= pd.Timestamp(date_from)]
    if date_to:
        keep &= pd.to_datetime(c["start_date"]) <= pd.Timestamp(date_to)
        v = v[pd.to_datetime(v["date"]) <= pd.Timestamp(date_to)]
        p = p[pd.to_datetime(p["posted_at"]) < pd.Timestamp(date_to) + pd.Timedelta(days=1)]
    p = p[p["campaign"].notna()]
    if platforms:
        p = p[p["platform"].isin(platforms)]
    if bands:
        p = p[[band_of.get(k) in bands for k in zip(p["influencer"], p["platform"])]]
    p = p.assign(engagements=p[["likes", "comments", "shares", "saves"]].fillna(0).sum(axis=1),
                 with_impressions=p["impressions"].notna())
    delivered = p.groupby(KEY).agg(posts_delivered=("post_id", "size"), engagements=("engagements", "sum"),
                                   impressions=("impressions", "sum"), with_impressions=("with_impressions", "sum"))
    sold = v.groupby("coupon_code")[["orders", "revenue", "signups"]].sum()
    out = c[keep].join(delivered, on=KEY).join(sold, on="coupon_code")
    out = out.fillna({"posts_delivered": 0, "engagements": 0, "orders": 0, "revenue": 0, "signups": 0})
    # the cost of the posts that report impressions: each post's share of the contract
    out["impressions_cost"] = out["cost"] * out["with_impressions"] / out["posts_delivered"].replace(0, np.nan)
    out["impressions"] = out["impressions"].where(out["with_impressions"] > 0)
    return ratios(out.reset_index(drop=True))


def ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """The spec's ratios on summed columns (a contract's, a campaign's)."""
    out = frame.copy()
    cost = out["cost"].replace(0, np.nan)
    out["cpa"] = out["cost"] / out["orders"].replace(0, np.nan)
    out["roas"] = out["revenue"] / cost
    out["roi"] = (out["revenue"] - out["cost"]) / cost
    out["net_revenue"] = out["revenue"] - out["cost"]
    out["cost_per_lead"] = out["cost"] / out["signups"].replace(0, np.nan)
    delivered_cost = out["cost"].where(out["posts_delivered"] > 0)
    out["cpe"] = delivered_cost / out["engagements"].where(out["posts_delivered"] > 0).replace(0, np.nan)
    out["cpm"] = out["impressions_cost"] / out["impressions"].replace(0, np.nan) * 1000
    return out


def per_campaign(contracts: pd.DataFrame) -> pd.DataFrame:
    """A campaign's sums over its contracts, then its ratios (CPE over contracts with delivered posts only)."""
    frame = contracts.assign(impressions_cost=contracts["impressions_cost"].fillna(0),
                             delivered_cost=contracts["cost"].where(contracts["posts_delivered"] > 0))
    sums = frame.groupby("campaign")[[*SUMS, "impressions", "impressions_cost", "delivered_cost"]].sum(min_count=1)
    # a campaign's posts contracted is unknown where one of its contracts names no number of posts
    sums["posts_contracted"] = sums["posts_contracted"].where(
        frame["posts_contracted"].notna().groupby(frame["campaign"]).all())
    out = ratios(sums)
    out["cpe"] = sums["delivered_cost"] / sums["engagements"].replace(0, np.nan)
    return out


def app_results(**filters) -> area.CampaignResults:
    from microlens import db as mdb
    from microlens import ingest

    global _DB
    if _DB is None:
        _DB = mdb.new_database()
        ingest.load_sample_data(_DB)
    return area.results(Context(db=_DB, filters=Filters(**filters)))


_DB = None
COMPARED = ["cost", "posts_contracted", "posts_delivered", "engagements", "impressions", "orders", "revenue",
            "signups", "cpa", "roas", "roi", "net_revenue", "cost_per_lead", "cpe", "cpm"]
FILTERS = [
    {},
    {"campaigns": ("Back to School",)},
    {"platforms": ("instagram",)},
    {"bands": ("micro",)},
    {"date_from": dt.date(2026, 7, 1), "date_to": dt.date(2026, 8, 31)},
]


def _compare(app: pd.DataFrame, ours: pd.DataFrame, key: list[str], what: str) -> None:
    app = app.set_index(key).sort_index()
    ours = ours.set_index(key).sort_index() if key[0] in ours else ours.sort_index()
    assert list(app.index) == list(ours.index), f"{what}: other rows shown"
    for column in COMPARED:
        mine, theirs = ours[column].astype(float), app[column].astype(float)
        same = np.isclose(theirs, mine, rtol=1e-9, equal_nan=True)
        assert same.all(), f"{what} {column}:\n{pd.DataFrame({'app': theirs, 'pandas': mine})[~same]}"


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "no filter")
def test_every_contract_and_campaign_figure_matches_pandas(filters):
    res = app_results(**filters)
    ours = independent(**filters)
    _compare(res.contracts, ours, KEY, f"contracts {filters}")
    _compare(res.campaigns, per_campaign(ours).reset_index(), ["campaign"], f"campaigns {filters}")


def test_kpi_cards_match_pandas():
    res = app_results()
    ours = independent()
    cards = {label: value for label, value, _ in area.kpis(res)}
    sales, leads = ours[ours["objective"] == "sales"], ours[ours["objective"] == "signups"]
    # whole-contract cost; delivered of contracted; revenue of every contract
    assert cards["Campaign cost"] == f"${ours['cost'].sum():,.0f}"
    counted = ours[ours["posts_contracted"].notna()]        # over the contracts that name a number of posts
    assert cards["Posts delivered"] == (f"{counted['posts_delivered'].sum():,.0f} of "
                                        f"{counted['posts_contracted'].sum():,.0f}")
    assert cards["Coupon-code revenue"] == f"${ours['revenue'].sum():,.0f}"
    # ...of which the sign-up campaigns' share, which the sales campaigns' ROAS beside it leaves out
    helps = {label: help_text for label, _, help_text in area.kpis(res)}
    assert f"Of it, ${leads['revenue'].sum():,.0f} came from sign-up campaigns" in helps["Coupon-code revenue"]
    assert leads["revenue"].sum() > 0
    # sales campaigns' revenue / cost; sign-up campaigns' cost / sign-ups
    assert cards["ROAS, sales campaigns"] == f"{sales['revenue'].sum() / sales['cost'].sum():.2f}×"
    assert cards["Cost per sign-up"] == f"${leads['cost'].sum() / leads['signups'].sum():,.2f}"
    # orders whose code was given to no influencer
    v = pd.read_csv(SAMPLE / "conversions.csv")
    lost = v[~v["coupon_code"].isin(pd.read_csv(SAMPLE / "campaigns.csv")["coupon_code"])]
    assert cards["Orders not attributed"] == f"{lost['orders'].sum():,}"
    table = area.reconciliation(res)
    assert table.iloc[3]["orders"] == v["orders"].sum() and area.reconciles(table)


def test_unused_codes_are_the_codes_without_conversions():
    c = pd.read_csv(SAMPLE / "campaigns.csv")
    v = pd.read_csv(SAMPLE / "conversions.csv")
    active = v[(v["orders"] > 0) | (v["revenue"] > 0) | (v["signups"] > 0)]
    unused = sorted(set(c["coupon_code"]) - set(active["coupon_code"]))
    assert sorted(area.unused_codes(app_results())["coupon_code"]) == unused


def test_summary_and_ranking_sentences_quote_the_pandas_figures():
    res = app_results()
    ours = independent()
    camp = per_campaign(ours)
    sales = ours[ours["objective"] == "sales"]
    sales_camp = camp[camp.index.isin(sales["campaign"])]
    best = sales_camp["roas"].idxmax()
    finding = charts.summary_finding(res.campaigns, res.total, area.sales_total(res))
    assert finding.startswith(f"Sales campaigns returned ${sales['revenue'].sum() / sales['cost'].sum():,.2f} per $1 "
                              f"spent; {int((sales_camp['roi'] < 0).sum())} of {len(sales_camp)}")
    assert f"(best: {best}, ${sales_camp.at[best, 'roas']:,.2f})" in finding
    # the best code by ROAS among priced sales contracts; how many brought less revenue than they cost
    top = sales.sort_values(["roas", "cost"], ascending=[False, True]).iloc[0]
    ranking = charts.ranking_finding(res.contracts, "roas")
    assert ranking == (f"{top['coupon_code']} returned ${top['roas']:,.2f} per $1; "
                       f"{int((sales['roi'] < 0).sum())} of {len(sales)} codes brought in less revenue than they cost")
    figure = charts.build_ranking(res.contracts, "roas", ranking)
    drawn = pd.concat([pd.Series(t.x, index=[plain_text(y).split(" · ")[0] for y in t.y]) for t in figure.data
                       if t.type == "bar"])
    expected = sales.set_index("coupon_code")["roas"]
    assert np.allclose(drawn.to_numpy(float), expected.reindex(drawn.index).to_numpy(float))


def test_band_returns_match_pandas():
    ours = independent()
    per_band = area.by_band(app_results(), Filters().band_scheme)
    sales = ours[ours["objective"] == "sales"]
    for band, group in sales.groupby("band"):
        row = per_band[(per_band["band"] == band) & (per_band["objective"] == "sales")].iloc[0]
        # pooled: a band's coupon-code revenue over its contracts' cost; contracts under their cost
        assert row["roas"] == pytest.approx(group["revenue"].sum() / group["cost"].sum())
        assert row["below_break_even"] == (group["revenue"] < group["cost"]).sum()
        assert row["median_contract_roas"] == pytest.approx(group["roas"].median())
    # the chart's headline: micro against celebrity, each band's pooled return and its contracts under cost
    micro, celebrity = (sales[sales["band"] == b] for b in ("micro", "celebrity"))
    assert charts.band_return_finding(per_band) == (
        f"Micro contracts returned ${micro['revenue'].sum() / micro['cost'].sum():,.2f} per $1 spent, celebrity "
        f"contracts ${celebrity['revenue'].sum() / celebrity['cost'].sum():,.2f}; "
        f"{(micro['revenue'] < micro['cost']).sum()} of {len(micro)} micro and "
        f"{(celebrity['revenue'] < celebrity['cost']).sum()} of {len(celebrity)} celebrity contracts brought in less "
        "revenue than they cost")


def test_weekly_spend_adds_up_to_the_delivered_contracts_cost():
    from microlens import area_campaigns

    app_results()
    week = area_campaigns.weekly(Context(db=_DB))
    ours = independent()
    p = pd.read_csv(SAMPLE / "posts.csv")
    p = p[p["campaign"].notna()]
    # each post's share of its contract, summed per campaign, and its engagements
    share = ours.set_index(KEY)["cost"] / ours.set_index(KEY)["posts_delivered"]
    p = p.assign(spend=[share[k] for k in zip(p["campaign"], p["influencer"], p["platform"])],
                 engagements=p[["likes", "comments", "shares", "saves"]].fillna(0).sum(axis=1))
    # per campaign and week starting on Monday
    p["week"] = pd.to_datetime(p["posted_at"]).dt.to_period("W-SUN").dt.start_time
    expected = p.groupby(["campaign", "week"])[["spend", "engagements"]].sum()
    got = week.assign(week=pd.to_datetime(week["week"])).set_index(["campaign", "week"])[["spend", "engagements"]]
    assert sorted(got.index) == sorted(expected.index)
    assert np.allclose(got.loc[expected.index].to_numpy(float), expected.to_numpy(float))
    busiest = expected["engagements"].idxmax()
    assert charts.weekly_finding(week) == (f"Busiest week: {busiest[0]}, week of {busiest[1].day} {busiest[1]:%b %Y}, "
                                           f"{theme.count(expected.at[busiest, 'engagements'])} engagements for "
                                           f"${expected.at[busiest, 'spend']:,.0f}")


def test_a_date_range_names_the_contracts_it_cuts():
    start, end = dt.date(2026, 7, 1), dt.date(2026, 8, 31)
    filters = Filters(date_from=start, date_to=end)
    shown = independent(date_from=start, date_to=end)
    # contracts shown that began before the range or end after it
    cut = (pd.to_datetime(shown["start_date"]) < pd.Timestamp(start)) | (pd.to_datetime(shown["end_date"])
                                                                        > pd.Timestamp(end))
    note = area.date_cut_note(app_results(date_from=start, date_to=end), filters)
    assert note.startswith(f"The date range cuts {cut.sum()} of {len(shown)} contracts short")


# ------------------------------------------------------------------ the cards on files the sample does not cover

# ana bought 2 posts and delivered 1; ben names no number of posts and delivered 3; cleo has no cost and delivered 1
# of 1; all run a sign-up campaign, and cleo's sign-ups have no cost to divide
EDGE_CONTRACTS = """campaign,influencer,platform,fee,product_cost,posts_contracted,coupon_code,start_date,end_date,\
objective
Launch,ana,instagram,200,50,2,ANA10,2026-03-01,2026-03-31,signups
Launch,ben,instagram,100,0,,BEN10,2026-03-01,2026-03-31,signups
Launch,cleo,instagram,,,1,CLEO10,2026-03-01,2026-03-31,signups
"""
EDGE_POSTS = """influencer,platform,followers,posted_at,likes,comments,campaign,post_id
ana,instagram,20000,2026-03-05T10:00:00,900,80,Launch,a1
ben,instagram,50000,2026-03-06T10:00:00,1800,150,Launch,b1
ben,instagram,50000,2026-03-07T10:00:00,1800,150,Launch,b2
ben,instagram,50000,2026-03-08T10:00:00,1800,150,Launch,b3
cleo,instagram,50000,2026-03-08T10:00:00,1800,150,Launch,c1
"""
EDGE_CONVERSIONS = """coupon_code,influencer,date,orders,revenue,signups
ANA10,,2026-03-06,0,0,20
BEN10,,2026-03-07,0,0,30
CLEO10,,2026-03-07,0,0,60
"""


def edge_cards(tmp_path, contracts: str = EDGE_CONTRACTS) -> tuple[dict, dict, dict[str, pd.DataFrame]]:
    """(card values, card helps, the files as pandas read them) of the app on the edge-case files."""
    from microlens import db as mdb
    from microlens import ingest
    from tests.conftest import write_csv

    database = mdb.new_database()
    frames = {}
    for kind, text in (("campaigns", contracts), ("posts", EDGE_POSTS), ("conversions", EDGE_CONVERSIONS)):
        path = write_csv(tmp_path, f"{kind}.csv", text)
        assert ingest.ingest_path(database, path, kind=kind).rows_rejected == 0
        frames[kind] = pd.read_csv(path)
    cards = area.kpis(area.results(Context(db=database)))
    database.close()
    return {c[0]: c[1] for c in cards}, {c[0]: c[2] for c in cards}, frames


def test_posts_delivered_counts_against_contracts_that_name_a_number(tmp_path):
    values, helps, files = edge_cards(tmp_path)
    deals = files["campaigns"].merge(files["posts"].groupby("influencer").size().rename("delivered").reset_index(),
                                     on="influencer", how="left")
    counted = deals[deals["posts_contracted"].notna()]
    # delivered of contracted, over the contracts that say how many posts they bought: 2 of 3, not 5 of 3
    assert values["Posts delivered"] == f"{counted['delivered'].sum()} of {counted['posts_contracted'].sum():.0f}"
    short = (counted["delivered"] < counted["posts_contracted"]).sum()
    assert f"{short} contract delivered fewer posts than contracted" in helps["Posts delivered"]
    uncounted = deals[deals["posts_contracted"].isna()]
    assert (f"{uncounted['delivered'].sum()} posts of {len(uncounted)} contract that names no number"
            in helps["Posts delivered"])


def test_a_campaign_of_a_contract_without_a_number_of_posts_has_no_posts_contracted(tmp_path):
    from microlens import db as mdb
    from microlens import ingest
    from tests.conftest import write_csv

    database = mdb.new_database()
    for kind, text in (("campaigns", EDGE_CONTRACTS), ("posts", EDGE_POSTS)):
        ingest.ingest_path(database, write_csv(tmp_path, f"{kind}.csv", text), kind=kind)
    tables = area.results(Context(db=database))
    database.close()
    contracts = pd.read_csv(io.StringIO(EDGE_CONTRACTS)).set_index("influencer")["posts_contracted"]
    shown = tables.contracts.set_index("influencer")["posts_contracted"]
    assert shown.to_dict() == pytest.approx(contracts.to_dict(), nan_ok=True)    # ben's blank stays blank
    # Launch delivered 5 posts; its contracted count is unknown (ben's is), not ana's and cleo's 3
    launch = tables.campaigns.set_index("campaign").loc["Launch"]
    assert launch["posts_delivered"] == 5 and pd.isna(launch["posts_contracted"])


def test_cost_per_sign_up_card_and_its_help_divide_the_same_numbers(tmp_path):
    values, helps, files = edge_cards(tmp_path)
    deals = files["campaigns"].merge(files["conversions"], on="coupon_code")
    deals["cost"] = deals["fee"] + deals["product_cost"]
    priced = deals[deals["cost"].notna()]
    # cost of the priced contracts ÷ their sign-ups; the unpriced contract's sign-ups said to be left out
    assert values["Cost per sign-up"] == f"${priced['cost'].sum() / priced['signups'].sum():,.2f}"
    assert helps["Cost per sign-up"] == (
        f"Cost ÷ sign-ups of sign-up campaigns: ${priced['cost'].sum():,.0f} ÷ {priced['signups'].sum()} sign-ups "
        f"({deals.loc[deals['cost'].isna(), 'signups'].sum()} sign-ups of contracts without a cost are left out).")
    # without an objective no campaign is a sign-up campaign: the card divides every contract's, and says so
    plain = pd.read_csv(io.StringIO(EDGE_CONTRACTS)).drop(columns="objective")
    values, helps, _ = edge_cards(tmp_path, plain.to_csv(index=False))
    assert helps["Cost per sign-up"].startswith("Cost ÷ sign-ups of all campaigns (no campaign's objective is "
                                                "sign-ups)")
