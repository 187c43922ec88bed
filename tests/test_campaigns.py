"""Campaigns page: contract costs, delivery, coupon-code attribution, ROI / CPA / ROAS / cost per lead, the
reconciliation of every conversion, weekly trends, the figures and the page itself.

The fixture (written below as CSVs) has 2 campaigns, 3 influencers, 4 contracts:
  Spring  ana  instagram  fee 200 + product 50  = 250, 2 posts contracted, code ANA10   (sales)
  Spring  ben  instagram  fee 100 + product 0   = 100, 1 post  contracted, code BEN10   (sales)
  Launch  ana  (no platform: covers every one)  = 400, 2 posts contracted, code ANA20   (signups)
  Launch  cleo tiktok     fee 150 + product 50  = 200, 1 post  contracted, code CLEO5   (signups, never used)
Posts (engagements = likes + comments + shares + saves):
  ana/ig  03-05 Spring 900+80+10+10   = 1000, impressions 10000
  ana/ig  03-12 Spring 1400+80+10+10  = 1500, impressions 15000
  ben/ig  03-06 Spring 1800+150+25+25 = 2000, impressions 20000 (post fee 80: the contract share 100 wins)
  ana/tt  04-03 Launch 2700+200+50+50 = 3000, no impressions
  ana/ig  04-10 Launch 900+80+10+10   = 1000, impressions 8000
  + one organic post each for ana (ig) and cleo (tiktok, 5,000 followers: nano; ana and ben are micro)
Conversions: ANA10 3 orders $150 + 2 orders $100; BEN10 1 order $40; no code + ben 1 order $35 (-> Spring/ben);
  ANA20 1 order $349 + 20 sign-ups, then 0 orders + 30 sign-ups; no code + ana on 04-20, 1 order $60 (ana has
  Spring from 03-01 and Launch from 04-01: the latest started wins -> Launch/ana); WELCOME (in no campaign)
  4 orders $120; no code + zoe (no contract) 1 order $25.
  All: 9 rows, 14 orders, $879 revenue, 50 sign-ups.
"""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from microlens import area_campaigns as area
from microlens import charts_campaigns as charts
from microlens import db as mdb
from microlens import ingest
from microlens.context import Context
from microlens.filters import Filters
from microlens.theme import plain_text
from tests.conftest import ROOT, app_on, shown, write_csv

CAMPAIGNS_CSV = """campaign,influencer,platform,fee,product_cost,posts_contracted,coupon_code,start_date,end_date,objective
Spring,ana,instagram,200,50,2,ANA10,2026-03-01,2026-03-31,sales
Spring,ben,instagram,100,0,1,BEN10,2026-03-01,2026-03-31,sales
Launch,ana,,300,100,2,ANA20,2026-04-01,2026-04-30,signups
Launch,cleo,tiktok,150,50,1,CLEO5,2026-04-01,2026-04-30,signups
"""
POSTS_CSV = """influencer,platform,followers,posted_at,likes,comments,shares,saves,impressions,campaign,cost,post_id
ana,instagram,20000,2026-03-05T10:00:00,900,80,10,10,10000,Spring,,a1
ana,instagram,20000,2026-03-12T10:00:00,1400,80,10,10,15000,Spring,,a2
ben,instagram,50000,2026-03-06T10:00:00,1800,150,25,25,20000,Spring,80,b1
ana,tiktok,30000,2026-04-03T10:00:00,2700,200,50,50,,Launch,,a3
ana,instagram,20000,2026-04-10T10:00:00,900,80,10,10,8000,Launch,,a4
ana,instagram,20000,2026-02-20T10:00:00,500,20,0,0,5000,,,a0
cleo,tiktok,5000,2026-02-21T10:00:00,300,10,0,0,,,,c0
"""
CONVERSIONS_CSV = """coupon_code,influencer,date,orders,revenue,signups
ANA10,,2026-03-06,3,150,0
ANA10,,2026-03-20,2,100,0
BEN10,,2026-03-07,1,40,0
,ben,2026-03-08,1,35,0
ANA20,,2026-04-05,1,349,20
ANA20,,2026-04-12,0,0,30
,ana,2026-04-20,1,60,0
WELCOME,,2026-03-10,4,120,0
,zoe,2026-03-11,1,25,0
"""


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("campaigns")
    db = mdb.new_database()
    for kind, text in (("campaigns", CAMPAIGNS_CSV), ("posts", POSTS_CSV), ("conversions", CONVERSIONS_CSV)):
        report = ingest.ingest_path(db, write_csv(tmp, f"{kind}.csv", text), kind=kind)
        assert report.error is None and report.rows_rejected == 0, report
    yield db
    db.close()


def results(db, **filters) -> area.CampaignResults:
    return area.results(Context(db=db, filters=Filters(**filters)))


def contract(res, campaign, influencer) -> pd.Series:
    rows = res.contracts[(res.contracts["campaign"] == campaign) & (res.contracts["influencer"] == influencer)]
    assert len(rows) == 1
    return rows.iloc[0]


def campaign(res, name) -> pd.Series:
    return res.campaigns[res.campaigns["campaign"] == name].iloc[0]


def approx(value, expected):
    if expected is None:
        return value is None or (isinstance(value, float) and math.isnan(value))
    return value == pytest.approx(expected, rel=1e-9)


# ------------------------------------------------------------------ per contract, hand-worked

@pytest.mark.parametrize("camp, infl, expected", [
    # cost 250; 2 of 2 posts; CPE 250/2500 = 0.10; CPM 250*1000/25000 = 10; orders 3+2 = 5, revenue 250;
    # CPA 250/5 = 50; ROAS 250/250 = 1.0; ROI (250-250)/250 = 0
    ("Spring", "ana", dict(cost=250, posts_contracted=2, posts_delivered=2, engagements=2500, impressions=25000,
                           cpe=0.10, cpm=10.0, orders=5, revenue=250, signups=0, cpa=50.0, roas=1.0, roi=0.0,
                           cost_per_lead=None)),
    # cost 100; 1 of 1; CPE 100/2000 = 0.05; CPM 100*1000/20000 = 5; orders 1 (code) + 1 (no code, influencer
    # ben) = 2, revenue 40 + 35 = 75; CPA 100/2 = 50; ROAS 75/100 = 0.75; ROI -25/100 = -0.25
    ("Spring", "ben", dict(cost=100, posts_contracted=1, posts_delivered=1, engagements=2000, impressions=20000,
                           cpe=0.05, cpm=5.0, orders=2, revenue=75, cpa=50.0, roas=0.75, roi=-0.25)),
    # cost 400; no platform: the tiktok and the instagram post both count, 2 of 2; engagements 3000 + 1000 =
    # 4000, CPE 400/4000 = 0.10; one of two posts has impressions (8000): CPM (400 * 1/2) * 1000 / 8000 = 25;
    # orders 1 + 0 + 1 (ana, no code, 04-20 -> Launch started later than Spring) = 2, revenue 349 + 60 = 409;
    # CPA 400/2 = 200; ROAS 409/400 = 1.0225; ROI 9/400 = 0.0225; sign-ups 20 + 30 = 50, cost per lead 8
    ("Launch", "ana", dict(cost=400, posts_contracted=2, posts_delivered=2, engagements=4000, impressions=8000,
                           cpe=0.10, cpm=25.0, orders=2, revenue=409, signups=50, cpa=200.0, roas=1.0225,
                           roi=0.0225, cost_per_lead=8.0)),
    # cost 200; 0 of 1 delivered; no engagements: no CPE; nothing sold: ROAS 0, ROI -1, no CPA, no cost per lead
    ("Launch", "cleo", dict(cost=200, posts_contracted=1, posts_delivered=0, engagements=0, impressions=None,
                            cpe=None, cpm=None, orders=0, revenue=0, signups=0, cpa=None, roas=0.0, roi=-1.0,
                            cost_per_lead=None)),
])
def test_contract_figures(fixture_db, camp, infl, expected):
    row = contract(results(fixture_db), camp, infl)
    for column, value in expected.items():
        assert approx(row[column], value), f"{camp}/{infl} {column}: {row[column]} != {value}"


def test_campaign_and_objective_figures(fixture_db):
    res = results(fixture_db)
    spring, launch = campaign(res, "Spring"), campaign(res, "Launch")
    # Spring: cost 250 + 100 = 350; CPE 350/4500; CPM 350*1000/45000; orders 7, revenue 325: CPA 50,
    # ROAS 325/350 = 0.928571..., ROI -25/350
    for column, value in dict(cost=350, posts_contracted=3, posts_delivered=3, engagements=4500,
                              cpe=350 / 4500, cpm=350 * 1000 / 45000, orders=7, revenue=325, cpa=50.0,
                              roas=325 / 350, roi=-25 / 350).items():
        assert approx(spring[column], value), column
    # Launch: cost 400 + 200 = 600 (cleo's undelivered contract was paid too); CPE counts the contracts with a
    # delivered post (the catalog's posts with a known cost): 400/4000 = 0.10, not 600/4000; CPM only ana's
    # impression posts: 200*1000/8000 = 25; orders 2: CPA 300; ROAS 409/600; sign-ups 50: cost per lead 12
    for column, value in dict(cost=600, posts_contracted=3, posts_delivered=2, engagements=4000, cpe=0.10,
                              cpm=25.0, orders=2, revenue=409, cpa=300.0, roas=409 / 600, signups=50,
                              cost_per_lead=12.0).items():
        assert approx(launch[column], value), column
    assert list(res.campaigns["campaign"]) == ["Spring", "Launch"]          # in start-date order
    sales = res.objectives[~res.objectives["lead_objective"].astype(bool)].iloc[0]
    leads = res.objectives[res.objectives["lead_objective"].astype(bool)].iloc[0]
    assert approx(sales["roas"], 325 / 350) and approx(leads["cost_per_lead"], 12.0)
    assert approx(res.total["cost"], 950) and approx(res.total["revenue"], 734)


# ------------------------------------------------------------------ per follower band, hand-worked

def band_row(res, band, objective) -> pd.Series:
    frame = area.by_band(res, Filters().band_scheme)
    rows = frame[(frame["band"] == band) & (frame["objective"] == objective)]
    assert len(rows) == 1, frame
    return rows.iloc[0]


def test_band_figures(fixture_db):
    res = results(fixture_db)
    # micro sales: Spring/ana (20K on instagram) and Spring/ben (50K): cost 250 + 100 = 350, revenue 250 + 75 =
    # 325, ROAS 325/350; ana's revenue equals its cost (not under it), ben's 75 < 100: 1 of 2 under cost; the
    # median contract's ROAS (1.0 + 0.75) / 2 = 0.875
    micro = band_row(res, "micro", "sales")
    for column, value in dict(contracts=2, cost=350, revenue=325, roas=325 / 350, contracts_measured=2,
                              below_break_even=1, median_contract_roas=0.875, orders=7, cpa=50.0).items():
        assert approx(micro[column], value), column
    # micro sign-ups: Launch/ana covers every platform, her largest account (30K on tiktok) is micro: cost 400 for
    # 50 sign-ups = $8; sign-up campaigns have no under-cost count (they are judged on sign-ups)
    leads = band_row(res, "micro", "sign-ups")
    assert approx(leads["cost_per_lead"], 8.0) and pd.isna(leads["below_break_even"])
    # nano sign-ups: Launch/cleo (5K) cost 200 and brought none: no cost per sign-up
    nano = band_row(res, "nano", "sign-ups")
    assert approx(nano["cost"], 200) and approx(nano["signups"], 0) and pd.isna(nano["cost_per_lead"])
    assert list(area.by_band(res, Filters().band_scheme)["band"]) == ["nano", "micro", "micro"]   # scheme order


def test_band_rows_add_up_to_their_contracts_on_sample_data(sample_db):
    """The SQL's band level against the contract level summed with pandas."""
    res = results(sample_db)
    contracts = res.contracts.assign(lead=res.contracts["lead_objective"].astype(bool))
    for (band, lead), part in contracts.groupby(["band", "lead"]):
        row = band_row(res, band, "sign-ups" if lead else "sales")
        priced = part[part["cost"].notna()]
        assert approx(row["roas"], priced["revenue"].sum() / priced["cost"].sum())
        assert approx(row["contracts"], len(part))
        if not lead:
            measured = part[(part["cost"] > 0) & part["revenue"].notna()]
            assert approx(row["contracts_measured"], len(measured))
            assert approx(row["below_break_even"], int((measured["revenue"] < measured["cost"]).sum()))
            assert approx(row["median_contract_roas"], (measured["revenue"] / measured["cost"]).median())
    sales = area.by_band(res, Filters().band_scheme).query("objective == 'sales'")
    assert sales["band"].tolist() == ["nano", "micro", "mid", "celebrity"]


def test_a_date_range_that_cuts_contracts_says_their_return_reads_low(fixture_db):
    assert area.date_cut_note(results(fixture_db), Filters()) == ""
    # 10 Mar - 30 Apr: Spring's two contracts (1 - 31 Mar) began before it; Launch's (1 - 30 Apr) lie inside
    cut = Filters(date_from=dt.date(2026, 3, 10), date_to=dt.date(2026, 4, 30))
    assert area.date_cut_note(results(fixture_db, date_from=cut.date_from, date_to=cut.date_to), cut).startswith(
        "The date range cuts 2 of 4 contracts short")
    inside = Filters(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 4, 30))
    assert area.date_cut_note(results(fixture_db, date_from=inside.date_from, date_to=inside.date_to), inside) == ""


def test_band_filter_keeps_one_band(fixture_db):
    res = results(fixture_db, bands=("nano",))
    assert area.by_band(res, Filters().band_scheme)["band"].tolist() == ["nano"]


def band_frame(rows) -> pd.DataFrame:
    columns = ["band", "objective", "contracts", "cost", "revenue", "roas", "below_break_even", "contracts_measured",
               "signups", "cost_per_lead"]
    return pd.DataFrame(rows, columns=columns)


CELEBRITY_VS_MICRO = band_frame([
    ("nano", "sales", 3, 300, 900, 3.0, 0, 3, 0, None),
    ("micro", "sales", 10, 2000, 4400, 2.2, 2, 10, 0, None),
    ("micro", "sign-ups", 2, 500, 100, 0.2, None, None, 50, 10.0),
    ("celebrity", "sales", 2, 90000, 40500, 0.45, 2, 2, 0, None),
    ("celebrity", "sign-ups", 1, 60000, 1000, 1 / 60, None, None, 2000, 30.0),
])


def test_band_finding_answers_micro_against_celebrity():
    # micro and celebrity both in: they are compared, though nano returned most
    assert charts.band_return_finding(CELEBRITY_VS_MICRO) == (
        "Micro contracts returned $2.20 per $1 spent, celebrity contracts $0.45; 2 of 10 micro and 2 of 2 "
        "celebrity contracts brought in less revenue than they cost")
    # no celebrity: the best band against the worst
    no_celebrity = CELEBRITY_VS_MICRO[CELEBRITY_VS_MICRO["band"] != "celebrity"]
    assert charts.band_return_finding(no_celebrity).startswith(
        "Nano contracts returned $3.00 per $1 spent, micro contracts $2.20; 0 of 3 nano and 2 of 10 micro")
    # one band: no comparison, and no band name in the count
    assert charts.band_return_finding(CELEBRITY_VS_MICRO.iloc[[1]]) == (
        "Micro contracts returned $2.20 per $1 spent; 2 of 10 contracts brought in less revenue than they cost")
    # sign-up campaigns only: what a sign-up cost
    leads = CELEBRITY_VS_MICRO[CELEBRITY_VS_MICRO["objective"] == "sign-ups"]
    assert charts.band_return_finding(leads) == \
        "Sign-ups cost $10.00 each through micro influencers, $30.00 through celebrity"
    assert not charts.has_band_returns(leads.assign(cost_per_lead=None))


def test_contracts_without_posts_have_no_band_and_the_finding_says_what_to_load(tmp_path):
    db = mdb.new_database()
    for kind, text in (("campaigns", CAMPAIGNS_CSV), ("conversions", CONVERSIONS_CSV)):
        ingest.ingest_path(db, write_csv(tmp_path, f"{kind}.csv", text), kind=kind)
    res = results(db)
    per_band = area.by_band(res, Filters().band_scheme)
    assert set(per_band["band"]) == {charts.NO_BAND}
    # Spring (sales): 325 / 350 as with posts; no band to compare
    assert charts.band_return_finding(per_band) == (
        "Sales contracts returned $0.93 per $1 spent, but their influencers' followers are not loaded; load their "
        "posts or an influencer list to compare bands")
    db.close()


def test_sign_up_rows_show_no_sales_ratios(fixture_db):
    res = results(fixture_db)
    # Launch is a sign-up campaign: its ROAS (409 / 600) is computed but not shown, as a failure, in its table row
    assert approx(campaign(res, "Launch")["roas"], 409 / 600)
    shown = area.table_for_display(res.campaigns, area.CAMPAIGN_COLUMNS).set_index("campaign")
    assert shown.loc["Launch", ["roas", "roi", "cpa"]].isna().all()
    assert approx(shown.loc["Launch", "cost_per_lead"], 12.0) and approx(shown.loc["Spring", "roas"], 325 / 350)


def test_contracts_without_a_cost_are_in_revenue_not_in_ratios_and_said_so(tmp_path):
    db = mdb.new_database()
    extra_contract = CAMPAIGNS_CSV + "Spring,dan,instagram,,,1,DAN10,2026-03-01,2026-03-31,sales\n"
    extra_orders = CONVERSIONS_CSV + "DAN10,,2026-03-09,2,500,0\n"
    for kind, text in (("campaigns", extra_contract), ("posts", POSTS_CSV), ("conversions", extra_orders)):
        ingest.ingest_path(db, write_csv(tmp_path, f"{kind}.csv", text), kind=kind)
    res = results(db)
    spring = campaign(res, "Spring")
    # revenue 325 + dan's 500 = 825; ROAS stays over the priced contracts: 325 / 350
    assert approx(spring["revenue"], 825) and approx(spring["roas"], 325 / 350)
    assert (spring["unpriced_contracts"], spring["unpriced_revenue"]) == (1, 500)
    assert area.unpriced_note(res) == (
        "1 contract has neither fee nor product cost (their revenue $500): counted in revenue and orders, left out "
        "of ROAS, ROI, CPA and cost per sign-up, which need a cost.")
    assert area.unpriced_note(results(db, campaigns=("Launch",))) == ""
    # the ROAS card's help divides what the ratio divides: 325 / 350 = 0.93, not the 825 / 350 it once quoted
    roas_help = next(h for label, _, h in area.kpis(res) if label == "ROAS, sales campaigns")
    assert roas_help.startswith("Revenue ÷ cost of sales campaigns: $325 ÷ $350 ($500 of revenue from contracts "
                                "without a cost is left out).")
    db.close()


def test_summary_finding_leads_with_all_sales_campaigns_together(sample_db):
    res = results(sample_db)
    contracts = res.contracts[~res.contracts["lead_objective"].astype(bool) & res.contracts["cost"].notna()]
    pooled = contracts["revenue"].sum() / contracts["cost"].sum()        # 228,948.66 / 308,247 = 0.7427
    by_campaign = contracts.groupby("campaign")[["revenue", "cost"]].sum()
    losers = int((by_campaign["revenue"] < by_campaign["cost"]).sum())
    best = (by_campaign["revenue"] / by_campaign["cost"]).idxmax()
    finding = charts.summary_finding(res.campaigns, res.total, area.sales_total(res))
    assert finding.startswith(
        f"Sales campaigns returned ${pooled:.2f} per $1 spent; {losers} of {len(by_campaign)} brought in less "
        f"revenue than they cost (best: {best}, ")


def test_band_figure_greys_the_band_nobody_can_place():
    frame = pd.concat([CELEBRITY_VS_MICRO.iloc[[1]], band_frame([
        (charts.NO_BAND, "sales", 1, 100, 400, 4.0, 0, 1, 0, None)])], ignore_index=True)
    fig = charts.build_band_returns(frame, "title")
    unknown = next(t for t in fig.data if t.name.startswith("band unknown"))
    assert list(unknown.x) == [charts.NO_BAND]
    assert unknown.marker.color != charts.ABOVE_COST
    assert fig.layout.yaxis.tickprefix == "$"           # dollars back per dollar, as the labels say


def test_band_figure_marks_bands_under_break_even():
    fig = charts.build_band_returns(CELEBRITY_VS_MICRO, "title")
    bars = {t.name: t for t in fig.data}
    assert list(bars["revenue below cost"].x) == ["celebrity"]
    assert list(bars["revenue above cost"].x) == ["nano", "micro"]
    assert list(bars["cost per sign-up"].x) == ["micro", "celebrity"]        # its own panel, beside
    assert bars["cost per sign-up"].xaxis == "x2"
    assert "2 of 10" in fig.layout.xaxis.ticktext[1] and "2 of 2" in fig.layout.xaxis.ticktext[2]
    # the break-even line at $1, named in the legend: a label at its end ran into the third bar at 1024 px
    assert [shape.y0 for shape in fig.layout.shapes] == [1]
    assert bars["break-even ($1 back per $1)"].line.dash == fig.layout.shapes[0].line.dash
    assert not [a for a in fig.layout.annotations if "break-even" in a.text]
    # only sales: one panel
    sales = charts.build_band_returns(CELEBRITY_VS_MICRO[CELEBRITY_VS_MICRO["objective"] == "sales"], "t")
    assert {t.xaxis for t in sales.data} == {"x"}


def test_band_figure_labels_are_no_wider_than_its_band_names():
    # "under cost" under every band made the labels wider than a band (~58 px on a 1024-px screen), and plotly turned
    # them all sideways: the axis's title says it once
    fig = charts.build_band_returns(CELEBRITY_VS_MICRO, "title")
    lines = [plain_text(line) for label in fig.layout.xaxis.ticktext for line in label.split("<br>")]
    assert max(map(len, lines)) <= max(map(len, CELEBRITY_VS_MICRO["band"])), lines
    assert fig.layout.xaxis.title.text == "contracts under cost"
    # the bar's hover names its band, not its tick label
    assert all(row[2] == band for t in fig.data if t.xaxis == "x" and t.type == "bar"
               for row, band in zip(t.customdata, t.x))


def test_unused_codes_listed(fixture_db):
    unused = area.unused_codes(results(fixture_db))
    assert unused[["coupon_code", "campaign", "influencer"]].values.tolist() == [["CLEO5", "Launch", "cleo"]]


# ------------------------------------------------------------------ attribution and reconciliation

def test_unattributed_orders_are_listed_with_reasons(fixture_db):
    lost = results(fixture_db).unattributed.set_index(
        results(fixture_db).unattributed["coupon_code"].fillna("-"))
    assert set(lost.index) == {"WELCOME", "-"}
    assert lost.loc["WELCOME", "orders"] == 4 and lost.loc["WELCOME", "revenue"] == 120
    assert lost.loc["WELCOME", "reason"] == "code is in no campaign"
    assert lost.loc["-", "influencer"] == "zoe" and lost.loc["-", "orders"] == 1
    assert "no campaign contract" in lost.loc["-", "reason"]


def test_reconciliation_without_filters(fixture_db):
    table = area.reconciliation(results(fixture_db)).set_index("part")
    # attributed 5 + 2 + 2 + 0 = 9 orders, $250 + 75 + 409 = $734; not attributed 4 + 1 = 5 orders, $145
    assert table["orders"].tolist() == [9, 0, 5, 14]
    assert table["revenue"].tolist() == pytest.approx([734, 0, 145, 879])
    assert table["conversion_rows"].tolist() == [7, 0, 2, 9]
    assert table["signups"].tolist() == [50, 0, 0, 50]
    assert area.reconciles(table.reset_index())
    # every column a count, shown as one: "1368 / 1690" beside the Data page's "1,690"
    from microlens import columns
    assert {m: columns.kind(m, table[m]) for m in area.CONVERSION_MEASURES if m != "revenue"} == {
        "conversion_rows": columns.COUNT, "orders": columns.COUNT, "signups": columns.COUNT}


def test_campaign_filter_moves_orders_to_hidden_not_away(fixture_db):
    res = results(fixture_db, campaigns=("Launch",))
    assert set(res.contracts["campaign"]) == {"Launch"}
    hidden = res.outside_filters.set_index("campaign")
    assert hidden.loc["Spring", "orders"] == 7 and hidden.loc["Spring", "revenue"] == 325
    table = area.reconciliation(res)
    assert table["orders"].tolist() == [2, 7, 5, 14]     # Launch 2 + Spring (hidden) 7 + unattributed 5
    assert area.reconciles(table)


def test_date_filter_applies_to_posts_contracts_and_conversions(fixture_db):
    res = results(fixture_db, date_to=dt.date(2026, 3, 31))
    # Launch starts 04-01: outside the range. Conversions up to 03-31: ANA10 x2, BEN10, ben, WELCOME, zoe
    # = 3+2+1+1+4+1 = 12 orders, $150+100+40+35+120+25 = $470.
    assert list(res.campaigns["campaign"]) == ["Spring"]
    assert res.all_conversions["orders"] == 12 and res.all_conversions["revenue"] == pytest.approx(470)
    assert area.reconciliation(res)["orders"].tolist() == [7, 0, 5, 12]
    assert area.reconciles(area.reconciliation(res))


def test_band_filter_keeps_only_that_bands_contracts(fixture_db):
    res = results(fixture_db, bands=("nano",))                 # cleo (5,000 followers) is the only nano
    assert res.contracts[["campaign", "influencer"]].values.tolist() == [["Launch", "cleo"]]
    assert area.reconciles(area.reconciliation(res))



def test_a_contract_keeps_its_largest_accounts_band_under_any_filter(tmp_path):
    # dave's Beta contract names no platform, and his largest account is on TikTok (200,000 followers): a mid
    # contract. A micro filter kept only his Instagram account (50,000) and counted the contract, $500 and $300 of
    # revenue, as micro, while the mid filter counted it too.
    db = mdb.new_database()
    files = {"campaigns": "campaign,influencer,platform,fee,product_cost,coupon_code,objective\n"
                          "Beta,dave,,500,0,DAVE5,sales\nBeta,eve,instagram,100,0,EVE5,sales\n",
             "posts": "influencer,platform,followers,posted_at,likes,campaign\n"
                      "dave,instagram,50000,2026-05-01,500,Beta\ndave,tiktok,200000,2026-05-02,900,Beta\n"
                      "eve,instagram,30000,2026-05-03,300,Beta\n",
             "conversions": "coupon_code,date,orders,revenue\nDAVE5,2026-05-05,3,300\nEVE5,2026-05-05,1,150\n"}
    for kind, text in files.items():
        assert ingest.ingest_path(db, write_csv(tmp_path, f"{kind}.csv", text), kind=kind).rows_rejected == 0

    def bands_of_contracts(**filters) -> dict:
        res = results(db, **filters)
        return dict(zip(res.contracts["influencer"], res.contracts["band"]))

    assert bands_of_contracts() == {"dave": "mid", "eve": "micro"}
    assert bands_of_contracts(bands=("micro",)) == {"eve": "micro"}
    assert bands_of_contracts(bands=("mid",)) == {"dave": "mid"}
    assert bands_of_contracts(platforms=("instagram",)) == {"dave": "mid", "eve": "micro"}
    micro = area.by_band(results(db, bands=("micro",)), Filters().band_scheme).set_index("band").loc["micro"]
    assert (micro["contracts"], micro["cost"], micro["revenue"]) == (1, 100, 150)
    db.close()

def test_platform_filter_contract_without_platform_covers_it(fixture_db):
    res = results(fixture_db, platforms=("tiktok",))
    # Spring contracts are Instagram; Launch/ana has no platform, so its tiktok post counts (1 of 2 delivered,
    # 3000 engagements, no impressions); Launch/cleo is tiktok.
    assert sorted(res.contracts["influencer"]) == ["ana", "cleo"]
    ana = contract(res, "Launch", "ana")
    assert ana["posts_delivered"] == 1 and ana["engagements"] == 3000 and approx(ana["cpm"], None)


# Drop: SHARED to mix ($360) and lea ($200), both from 05-01; ana has Drop and Encore, both from 05-01.
SHARED_CODE_FILES = {
    "campaigns": "campaign,influencer,fee,product_cost,coupon_code,start_date,end_date\n"
                 "Drop,mix,300,60,SHARED,2026-05-01,2026-05-31\nDrop,lea,200,0,SHARED,2026-05-01,2026-05-31\n"
                 "Drop,ana,100,0,ANA5,2026-05-01,2026-05-31\nEncore,ana,100,0,ANA6,2026-05-01,2026-06-30\n",
    "conversions": "coupon_code,influencer,date,orders,revenue\nSHARED,,2026-05-10,4,200\n"
                   "SHARED,lea,2026-05-11,2,50\n,ana,2026-05-12,1,30\n"}


def shared_code_db(tmp_path) -> mdb.Database:
    db = mdb.new_database()
    for kind, text in SHARED_CODE_FILES.items():
        ingest.ingest_path(db, write_csv(tmp_path, f"{kind}.csv", text), kind=kind)
    return db


def test_a_code_given_to_several_influencers_from_one_day_is_shared_evenly(tmp_path):
    # SHARED, no influencer, 4 orders $200: 2 orders $100 each; SHARED naming lea, 2 orders $50: lea's alone;
    # ana, no code, 1 order $30: $15 to each of her contracts. Before, the first contract by name took each tie
    # whole: lea 6 orders $250, mix none.
    db = shared_code_db(tmp_path)
    res = results(db)
    mix, lea = contract(res, "Drop", "mix"), contract(res, "Drop", "lea")
    assert (mix["orders"], mix["revenue"], mix["conversion_rows"]) == (2, 100, 0.5)
    assert (lea["orders"], lea["revenue"], lea["conversion_rows"]) == (4, 150, 1.5)
    assert approx(mix["roas"], 100 / 360) and approx(lea["roas"], 150 / 200)
    assert contract(res, "Drop", "ana")["revenue"] == 15 and contract(res, "Encore", "ana")["revenue"] == 15
    assert (campaign(res, "Drop")["orders"], campaign(res, "Drop")["revenue"]) == (6.5, 265)
    assert area.reconciliation(res)["orders"].tolist() == [7, 0, 0, 7] and area.reconciles(area.reconciliation(res))
    assert area.shared_codes_note(res) == (
        "Code SHARED (Drop: lea, mix) and orders without a code (Drop: ana; Encore: ana) went to several contracts "
        "that started the same day, and the order rows do not say which one they belong to: each of those "
        "contracts counts an even share of their orders, revenue and sign-ups, so together they count each order "
        "once.")
    assert area.shared_codes_note(results(db, date_to=dt.date(2026, 5, 11))).startswith(
        "Code SHARED (Drop: lea, mix) went to several contracts that started the same day, and the order rows do "
        "not say which one they belong to: each of those contracts counts an even share of its orders,")
    assert area.shared_codes_note(results(db, date_from=dt.date(2026, 5, 11), date_to=dt.date(2026, 5, 11))) == ""
    db.close()


def test_sample_data_reconciles_against_an_independent_count(sample_db):
    res = results(sample_db)
    conversions = pd.read_csv(ROOT / "sample_data" / "conversions.csv")
    contracts = pd.read_csv(ROOT / "sample_data" / "campaigns.csv")
    codes = set(contracts["coupon_code"].str.upper())
    known = conversions["coupon_code"].str.upper().isin(codes)
    assert res.total["orders"] == conversions.loc[known, "orders"].sum()
    assert res.total["revenue"] == pytest.approx(conversions.loc[known, "revenue"].sum())
    assert set(res.unattributed["coupon_code"]) == set(conversions.loc[~known, "coupon_code"])
    assert res.unattributed["orders"].sum() == conversions.loc[~known, "orders"].sum()
    assert res.total["cost"] == pytest.approx((contracts["fee"] + contracts["product_cost"]).sum())
    assert area.reconciles(area.reconciliation(res))


# ------------------------------------------------------------------ weekly trend

def test_weekly_spend_is_the_contract_share(fixture_db):
    week = area.weekly(Context(db=fixture_db)).set_index(["campaign", "week"])
    # Spring, week of Mon 03-02: ana 03-05 (1000, share 250/2 = 125) + ben 03-06 (2000, share 100/1 = 100; the
    # post's own fee of 80 is the fee alone) = 3000 engagements, $225; week of 03-09: ana 03-12, 1500, $125.
    # Launch: 03-30 week: ana tiktok 3000, share 400/2 = 200; 04-06 week: ana ig 1000, $200.
    expected = {("Spring", "2026-03-02"): (2, 3000, 225), ("Spring", "2026-03-09"): (1, 1500, 125),
                ("Launch", "2026-03-30"): (1, 3000, 200), ("Launch", "2026-04-06"): (1, 1000, 200)}
    assert len(week) == len(expected)
    for (camp, day), (posts, engagements, spend) in expected.items():
        row = week.loc[(camp, pd.Timestamp(day))]
        assert (row["posts"], row["engagements"], row["spend"]) == (posts, engagements, pytest.approx(spend))
    assert not week["spend_estimated"].any()


def test_a_campaign_spelled_in_other_cases_is_one_campaign(tmp_path):
    # the sheet writes 'Summer 26 ' and 'summer 26', the posts 'Summer 26' and 'SUMMER 26': one campaign, and each
    # contract's cost reaches its posts (matched by case, ana's $1,050 was lost and the campaign split in two)
    files = {"campaigns": "campaign,influencer,platform,fee,product_cost,posts_contracted\n"
                          "Summer 26 ,ana,instagram,1000,50,2\nsummer 26,bea,tiktok,500,,1\n",
             "posts": "influencer,platform,followers,posted_at,likes,campaign\n"
                      "ana,instagram,12500,2026-06-03,500,Summer 26\nana,instagram,12500,2026-06-10,300,SUMMER 26\n"
                      "bea,tiktok,48200,2026-06-04,2000,Summer 26\n"}
    db = mdb.new_database()
    for kind, text in files.items():
        ingest.ingest_path(db, write_csv(tmp_path, f"{kind}.csv", text), kind=kind)
    assert db.execute("SELECT influencer, campaign, cost_known FROM post_facts ORDER BY posted_at").fetchall() == [
        ("ana", "Summer 26", 525.0), ("bea", "Summer 26", 500.0), ("ana", "SUMMER 26", 525.0)]
    for chosen in ((), ("summer 26",)):
        res = results(db, campaigns=chosen)
        assert list(res.campaigns["campaign"]) == ["Summer 26"]
        assert (campaign(res, "Summer 26")["cost"], campaign(res, "Summer 26")["posts_delivered"]) == (1550, 3)
    week = area.weekly(Context(db=db))
    assert set(week["campaign"]) == {"SUMMER 26"} and week["spend"].sum() == pytest.approx(1550)
    db.close()


# ------------------------------------------------------------------ findings and figures

def test_ranking_findings(fixture_db):
    contracts = results(fixture_db).contracts
    # ROAS compares the sales campaign only: ANA10 1.00, BEN10 0.75 (revenue under cost)
    assert charts.ranking_finding(contracts, "roas") == (
        "ANA10 returned $1.00 per $1; 1 of 2 codes brought in less revenue than they cost")
    assert charts.ranking_finding(contracts, "cost_per_lead") == \
        "ANA20 brought sign-ups at $8.00 each; median $8.00 across 1 code"
    # CPA ties at $50 (250/5 and 100/2): the cheaper contract ranks first
    assert charts.ranking_finding(contracts, "cpa") == \
        "BEN10 brought orders at $50.00 each; median $50.00 across 2 codes"
    assert area.default_ranking_metric(contracts) == "roas"


def test_net_revenue_ranking_names_the_biggest_loss(fixture_db, sample_db):
    contracts = results(fixture_db).contracts
    # sales contracts only: ana 250 - 250 = 0, ben 75 - 100 = -25 (Launch is a sign-up campaign)
    ranked = charts.ranking_frame(contracts, "net_revenue")
    assert list(zip(ranked["influencer"], ranked["net_revenue"])) == [("ana", 0.0), ("ben", -25.0)]
    assert charts.ranking_finding(contracts, "net_revenue") == (
        "ANA10 brought in exactly what it cost; 1 contract brought in $25.00 less than it cost, the most BEN10 "
        "(ben), $25.00")
    all_short = contracts.assign(net_revenue=contracts["net_revenue"].where(contracts["influencer"] != "ana", -10.0))
    assert charts.ranking_finding(all_short, "net_revenue").startswith(
        "None of 2 contracts covered its cost; 2 contracts brought in $35.00 less than they cost")
    # the sample: the largest losses are the celebrity contracts that ROAS ranks among many small codes
    sample = results(sample_db).contracts
    worst = charts.ranking_frame(sample, "net_revenue").iloc[-1]
    sales = sample[~sample["lead_objective"].astype(bool) & sample["cost"].notna()]
    by_hand = (sales["revenue"] - sales["cost"]).min()
    assert worst["band"] == "celebrity" and approx(worst["net_revenue"], by_hand)
    fig = charts.build_ranking(sample, "net_revenue", "t")
    assert fig.layout.xaxis.tickformat == "$~s" and fig.layout.xaxis.tickprefix is None


def test_ranking_figure_colours_losers_and_titles_the_finding(fixture_db):
    contracts = results(fixture_db).contracts
    title = charts.ranking_finding(contracts, "roas")
    fig = charts.build_ranking(contracts, "roas", title)
    assert fig.layout.title.text == title
    bars = {t.name: list(t.y) for t in fig.data}
    assert bars == {"revenue above cost": ["ANA10 · ana"], "revenue below cost": ["BEN10 · ben"]}
    assert list(fig.layout.yaxis.categoryarray) == ["ANA10 · ana", "BEN10 · ben"]
    # a cost ranking's median line: CPE of the contracts with posts 250/2500, 100/2000, 400/4000 -> median 0.10
    median = charts.build_ranking(contracts, "cpe", "t").layout.shapes[0]
    assert median.x0 == pytest.approx(0.10) and median.layer == "below"      # under the bars' value labels


def test_ranking_figure_shows_best_and_worst_when_long():
    n = 40
    contracts = pd.DataFrame({
        "campaign": "C", "influencer": [f"i{k:02d}" for k in range(n)], "codes": [[f"C{k:02d}"] for k in range(n)],
        "cost": 100.0, "lead_objective": False, "revenue": [10.0 * k for k in range(n)],
        "orders": [k for k in range(n)], "signups": 0, "posts_delivered": 1,
        "roas": [0.1 * k for k in range(n)], "roi": [0.1 * k - 1 for k in range(n)]})
    fig = charts.build_ranking(contracts, "roas", "t")
    categories = list(fig.layout.yaxis.categoryarray)
    # on a 720-px slide every code keeps its name and its value label its size
    assert fig.layout.yaxis.dtick == 1 and {t.constraintext for t in fig.data if t.type == "bar"} == {"none"}
    assert len(categories) == charts.MAX_BARS + 1 and categories[15] == "··· 10 more ···"
    assert categories[0] == "C39 · i39" and categories[-1] == "C00 · i00"
    # ROAS 0.0 .. 0.9 revenue under cost (ROI < 0): codes 0-9; 10 of those are in the worst 15 shown
    lost = next(t for t in fig.data if t.name == "revenue below cost")
    assert len(lost.y) == 10
    # On a slide: the 8 best and the 8 worst, each tall enough for its label at presenter type (26 px a row).
    slide = charts.build_ranking(contracts, "roas", "t", charts.SLIDE_MAX_BARS)
    categories = list(slide.layout.yaxis.categoryarray)
    assert len(categories) == 17 and categories[8] == "··· 24 more ···"
    assert categories[:2] == ["C39 · i39", "C38 · i38"] and categories[-1] == "C00 · i00"
    assert "the 8 best and 8 worst of 40 shown" in slide.layout.xaxis.title.text
    assert slide.layout.height <= 700


def test_weekly_figure_one_line_per_campaign_on_both_panels(fixture_db):
    week = area.weekly(Context(db=fixture_db))
    title = charts.weekly_finding(week)
    assert title == "Busiest week: Spring, week of 2 Mar 2026, 3,000 engagements for $225"
    fig = charts.build_weekly(week, title)
    assert [t.name for t in fig.data] == ["Spring", "Spring", "Launch", "Launch"]
    assert fig.layout.title.text == title
    # nine campaigns: past the seven colours the lines repeat them dashed, so that no two look alike
    many = pd.concat([week.assign(campaign=f"C{i}", week=pd.Timestamp("2026-01-05") + pd.Timedelta(weeks=i))
                      for i in range(9)])
    lines = charts.build_weekly(many, "t").data[::2]
    looks = [(t.line.color, t.line.dash) for t in lines]
    assert len(lines) == 9 and len(set(looks)) == 9 and looks[7] == (looks[0][0], "dash")


def test_summary_finding_names_best_campaign_and_cost_per_lead(fixture_db):
    res = results(fixture_db)
    assert charts.summary_finding(res.campaigns, res.total) == \
        "Spring returned $0.93 per $1 spent; Launch bought sign-ups at $12.00 each"


def test_sections_for_export(fixture_db):
    secs = area.sections(Context(db=fixture_db))
    assert [s.key for s in secs] == ["campaign_summary", "campaign_bands", "campaign_ranking", "campaign_weekly"]
    assert secs[0].figure is None and list(secs[0].table["campaign"]) == ["Spring", "Launch"]
    # the eight columns a slide shows hold what a client asks first: did the money come back, and what an order or
    # a sign-up cost (revenue minus cost was 11th, on no slide)
    assert {"cost", "revenue", "roas", "net_revenue", "cpa", "cost_per_lead"} <= set(secs[0].table.columns[:8])
    assert "5 of 14 orders ($145) could not be attributed" in secs[0].source
    assert all(s.finding == s.figure.layout.title.text for s in secs[1:])
    assert list(secs[1].table["objective"]) == ["sign-ups", "sales", "sign-ups"]     # nano, then micro's two


def test_data_status_counts_contracts_orders_and_campaign_posts(fixture_db):
    # the files above: 4 contract rows, 9 conversion rows, 5 posts marked with a campaign (a0 and c0 are not)
    assert area.data_status(Context(db=fixture_db)) == area.DataStatus(contract_rows=4, conversion_rows=9,
                                                                       campaign_posts=5)


def test_no_campaign_file_gives_no_sections(database):
    assert area.sections(Context(db=database)) == []
    assert area.data_status(Context(db=database)).contract_rows == 0


# ------------------------------------------------------------------ the page

def test_page_on_sample_data_and_campaign_filter():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/campaigns.py").run()
    assert not at.exception
    cost = lambda: next(m.value for m in at.metric if m.label == "Campaign cost")
    assert cost() == "$466,182"
    assert any("could not attribute" in s.value for s in at.subheader)
    # AppTest runs the entry script (and its sidebar) only on the first run of a navigation app, so the global
    # campaign filter is changed the way the sidebar changes it: through the session's Filters.
    at.session_state["filters"] = Filters(campaigns=("Spring Glow 2026",))
    at.run()
    assert not at.exception
    assert cost() == "$5,626"                      # Spring Glow: fees $4,450 + product $1,176
    at.radio(key="campaign_rank_metric").set_value("cpa").run()
    assert not at.exception
    titles = [c.proto.spec for c in at.get("plotly_chart")]
    assert any("brought orders at" in spec for spec in titles)
    at.session_state["present"] = True               # presenter mode: charts and tables, no controls or SQL
    at.run()
    assert not at.exception
    assert not at.radio and not at.expander and len(at.get("plotly_chart")) == 3
    # tables show the columns a slide shows: 24 campaign columns at projector size were unreadable
    table = at.dataframe(key="campaign_table")
    assert list(table.proto.column_order) == list(table.value.columns[:8]) and len(table.value.columns) > 8
    assert any(c.value.startswith("The first 8 of") for c in at.caption)


def test_picking_a_campaign_narrows_every_part_below_to_it():
    import json

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/campaigns.py").run()
    first = at.dataframe(key="campaign_table").value.iloc[0]["campaign"]
    at.session_state["campaign_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert [s.value for s in at.subheader if s.value.startswith("Week by week")] == [f"Week by week: {first}"]
    weekly = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert {t["name"] for t in weekly["data"] if t.get("name")} == {first}


def test_page_without_campaign_file_says_what_to_load(tmp_path):
    db = mdb.new_database()
    ingest.ingest_path(db, write_csv(tmp_path, "posts.csv", POSTS_CSV), kind="posts")
    at = app_on(db, "pages/campaigns.py")
    assert not at.exception
    assert any("campaigns** file" in i.value and "sample data" in i.value for i in at.info)


def test_page_says_which_codes_several_contracts_share(tmp_path):
    at = app_on(shared_code_db(tmp_path), "pages/campaigns.py")
    assert not at.exception
    assert any("Code SHARED (Drop: lea, mix) and orders without a code" in shown(c.value) for c in at.caption)


def test_summary_finding_without_sales_counts_campaigns_in_words():
    # one campaign whose posts are not loaded: it read "1 campaigns cost $26,950 for 0 engagements (– each)"
    one = pd.DataFrame({"campaign": ["Summer"], "objective": ["awareness"], "lead_objective": [False], "roas": [None],
                        "cost_per_lead": [None]})
    idle = pd.Series({"cost": 26_950.0, "engagements": 0, "cpe": None})
    assert charts.summary_finding(one, idle) == (
        "1 campaign cost $26,950; no loaded post names it, so its engagements are unknown")
    two = pd.concat([one, one.assign(campaign="Winter")])
    busy = pd.Series({"cost": 1_000.0, "engagements": 20_000, "cpe": 0.05})
    assert charts.summary_finding(two, busy) == (
        "2 campaigns cost $1,000 for 20.0K engagements ($0.050 each); load coupon-code orders to see what they sold")
    assert charts.summary_finding(one, None) == "1 campaign in the current filters"


def test_the_weekly_chart_is_drawn_again_only_when_what_it_shows_changes(monkeypatch):
    # ranking by another metric rebuilt the weekly chart (0.5 s at 300 campaigns) for the same weeks
    drawn = []
    draw = charts.build_weekly
    monkeypatch.setattr(charts, "build_weekly", lambda week, title: drawn.append(len(week)) or draw(week, title))
    at = app_on(None, "pages/campaigns.py")
    assert not at.exception and len(drawn) == 1
    rank_by = at.radio(key="campaign_rank_metric")
    rank_by.set_value(next(o for o in rank_by.options if o != rank_by.value)).run()
    assert not at.exception and len(drawn) == 1
    at.session_state["campaign_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()      # one campaign picked: its weeks only
    assert not at.exception and len(drawn) == 2 and drawn[1] < drawn[0]


def test_the_unattributed_orders_are_named_by_their_codes_for_a_reader_without_the_app():
    from types import SimpleNamespace

    lost = pd.DataFrame({"coupon_code": [f"CODE{i}" for i in range(7)] + ["CODE0", None],
                         "orders": [1] * 9, "revenue": [10.0] * 9})
    res = SimpleNamespace(unattributed=lost,
                          all_conversions=pd.Series({"conversion_rows": 20, "orders": 20, "revenue": 200.0}))
    # seven distinct codes (CODE0 twice, and a row without a code): five named, the other two counted
    assert area.attribution_note(res) == ("9 of 20 orders ($90.00) could not be attributed (codes CODE0, CODE1, CODE2, "
                                          "CODE3, CODE4 and 2 more: in no campaign).")


def test_a_shop_export_of_orders_counts_a_row_with_an_order_id_as_one_order(tmp_path):
    # Shopify's orders export: an order per row, its 'Id', no column counting orders. Its orders had been unknown:
    # "Orders not attributed 0" beside $45 of them, and no CPA
    db = mdb.new_database()
    orders = ("Id,Name,Discount Code,Created at,Total,Financial Status\n"
              "5001,#1001,ana10,2026-03-06,50.00,paid\n5002,#1002,ANA10 ,2026-03-20,30.00,paid\n"
              "5003,#1003,BEN10,2026-03-07,20.00,paid\n5004,#1004,ABRIL20,2026-03-09,45.00,paid\n")
    for kind, text in (("campaigns", CAMPAIGNS_CSV), ("posts", POSTS_CSV)):
        ingest.ingest_path(db, write_csv(tmp_path, f"{kind}.csv", text), kind=kind)
    report = ingest.ingest_path(db, write_csv(tmp_path, "orders_export.csv", orders))
    assert report.kind == "conversions" and report.rows_loaded == 4
    res = results(db)
    # ana: 2 orders, $80 for a cost of 250: CPA 125; ben: 1 order, $20; ABRIL20 is in no campaign: 1 order, $45
    assert approx(contract(res, "Spring", "ana")["orders"], 2) and approx(contract(res, "Spring", "ana")["cpa"], 125)
    assert approx(contract(res, "Spring", "ben")["orders"], 1)
    cards = {label: value for label, value, _ in area.kpis(res)}
    assert cards["Orders not attributed"] == "1"
    db.close()


def test_without_order_counts_the_unattributed_card_gives_their_revenue(tmp_path):
    db = mdb.new_database()
    sales = "coupon_code,date,revenue\nANA10,2026-03-06,50.00\nNOPE,2026-03-07,45.00\n"
    for kind, text in (("campaigns", CAMPAIGNS_CSV), ("posts", POSTS_CSV), ("conversions", sales)):
        ingest.ingest_path(db, write_csv(tmp_path, f"{kind}.csv", text), kind=kind)
    res = results(db)
    cards = {label: value for label, value, _ in area.kpis(res)}
    assert "Orders not attributed" not in cards and cards["Revenue not attributed"] == "$45.00"
    # and the report's note, which read "0 of – orders ($45.00)"
    assert area.attribution_note(res) == "$45.00 of revenue could not be attributed (codes NOPE: in no campaign)."
    db.close()
