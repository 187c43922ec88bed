"""Campaigns: what each campaign and each influencer contract cost, delivered and sold, and where orders came from.

Costs are whole contracts (fee + product cost, from the campaigns file); delivered posts are the campaign's
posts in the posts file; orders, revenue and sign-ups come from the conversions file, joined on the coupon
code (or on the influencer when a row has no code). Every conversion ends up in exactly one place: a contract
shown, a contract the filters hide, or the "could not attribute" list, and the three add up to all of them.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import bands as bands_mod
from . import charts_campaigns, metrics, theme
from .context import Context
from .export import Section
from .text import counted as counted_text

RESULTS_QUERY = "campaign_results"
WEEKLY_QUERY = "campaign_weekly"
STATUS_QUERY = "campaign_data_status"
CONVERSION_MEASURES = ("conversion_rows", "orders", "revenue", "signups")

# The columns of the campaign and contract tables: results first (what a marketer reads), inputs after.
# What the summary finding quotes (ROAS of sales campaigns, cost per sign-up of sign-up campaigns) within the first
# eight columns, which is what a slide has room for.
# What a client asks of a campaign first (a slide shows the first eight columns: orders and CPA had been 9th and
# 10th, behind ROI, which says what ROAS says)
# A slide and presenter mode show the first eight: did the money come back (revenue, return per $1, revenue minus
# cost, 10th and 11th before, so no slide showed them) and what an order or a sign-up cost
CAMPAIGN_COLUMNS = ["campaign", "objective", "cost", "revenue", "roas", "net_revenue", "cpa", "cost_per_lead", "orders",
                    "signups", "roi", "cpe", "posts_contracted", "posts_delivered", "engagements", "impressions",
                    "cpm", "fee", "product_cost", "contracts", "unpriced_contracts", "unpriced_revenue", "start_date",
                    "end_date", "unused_codes"]
# Per band: what a client asks first (did the money come back), then the spread behind the pooled figure
BAND_COLUMNS = ["band", "objective", "contracts", "cost", "revenue", "roas", "below_break_even", "cost_per_lead",
                "net_revenue", "signups", "contracts_measured", "median_contract_roas", "orders", "cpa",
                "unpriced_contracts", "unpriced_revenue"]
# What a sign-up campaign is not judged on: its sales ratios read as failures (ROAS 0.51×, ROI -49%) beside
# the cost per sign-up it was run for
SALES_RATIOS = ("roas", "roi", "net_revenue", "cpa", "median_contract_roas")
CONTRACT_COLUMNS = ["campaign", "influencer", "platform", "band", "codes", "cost", "posts_contracted",
                    "posts_delivered", "revenue", "roas", "roi", "net_revenue", "orders", "cpa", "signups",
                    "cost_per_lead", "engagements", "cpe", "impressions", "cpm", "fee", "product_cost", "objective",
                    "unused_codes"]

NO_CAMPAIGNS_MESSAGE = (
    "No campaign contracts are loaded, so there is nothing to measure yet. This page needs a **campaigns** file: "
    "one row per influencer per campaign, with the campaign name and the influencer's handle, and ideally the "
    "fee, product cost, posts contracted, coupon code, start and end dates and objective (sales or sign-ups). "
    "Add a **conversions** file (coupon code or influencer, date, orders, revenue, sign-ups) to see orders, "
    "CPA, ROAS and ROI. To see this page at work, open the app in a new browser tab: it starts on "
    "the sample data, which has both (campaigns.csv and conversions.csv).")
NO_CONVERSIONS_NOTE = (
    "No coupon-code orders or sign-ups are loaded, so orders, revenue, CPA, ROAS and ROI are empty. Upload a "
    "conversions file (coupon code or influencer, date, orders, revenue, sign-ups) on the Data page.")

BAND_NOTE = (
    "Pooled over each band's contracts with a known cost: the band's coupon-code revenue ÷ its contracts' cost "
    "(fee + product cost). Revenue is sales, not margin. A contract's band is its influencer's, by followers on "
    "the contract's platform.")

NO_CAMPAIGN_POSTS_NOTE = (
    "No loaded post names a campaign or falls between a contract's start and end dates (or no posts file is "
    "loaded), so posts delivered, engagements, CPE and CPM are empty. Load the posts with a campaign column (the "
    "campaign name as in the campaigns file), or give the contracts their start and end dates.")


@dataclass(frozen=True)
class DataStatus:
    contract_rows: int
    conversion_rows: int
    campaign_posts: int


@dataclass
class CampaignResults:
    total: pd.Series | None          # all contracts shown
    objectives: pd.DataFrame         # sales vs sign-up campaigns (lead_objective false / true)
    campaigns: pd.DataFrame          # one row per campaign
    bands: pd.DataFrame              # one row per follower band and kind of campaign (sales / sign-ups)
    contracts: pd.DataFrame          # one row per campaign x influencer x platform
    unattributed: pd.DataFrame       # conversions that belong to no contract: coupon_code, influencer, reason, ...
    outside_filters: pd.DataFrame    # conversions of contracts the filters hide, per campaign
    all_conversions: pd.Series       # every conversion in the date range, counted directly


def data_status(ctx: Context) -> DataStatus:
    row = ctx.query(STATUS_QUERY).iloc[0]
    return DataStatus(*(int(row[c]) for c in ("contract_rows", "conversion_rows", "campaign_posts")))


def split_results(frame: pd.DataFrame) -> CampaignResults:
    """campaign_results.sql returns every level in one frame; split it into the tables the page shows."""
    def level(name: str) -> pd.DataFrame:
        return frame[frame["level"] == name].reset_index(drop=True)

    total, contracts = level("total"), level("contract")
    return CampaignResults(
        # GROUPING SETS yields a total row even over no contracts; no contracts means nothing to total
        total=total.iloc[0] if not contracts.empty else None,
        objectives=level("objective"),
        campaigns=level("campaign"),
        bands=level("band"),
        contracts=contracts,
        unattributed=level("unattributed")[["coupon_code", "influencer", "reason", *CONVERSION_MEASURES]],
        outside_filters=level("outside filters")[["campaign", *CONVERSION_MEASURES]],
        all_conversions=level("all conversions").iloc[0][list(CONVERSION_MEASURES)],
    )


def results(ctx: Context) -> CampaignResults:
    return split_results(ctx.query(RESULTS_QUERY))


def by_band(res: CampaignResults, scheme: tuple[bands_mod.Band, ...]) -> pd.DataFrame:
    """The band rows in the scheme's order, sales campaigns before sign-up campaigns in each band, with the kind of
    campaign as the objective; contracts whose influencer has no post in the filters (so no band) come last."""
    frame = res.bands.copy()
    order = {b.name: i for i, b in enumerate(scheme)}
    frame["objective"] = ["sign-ups" if x else "sales" for x in charts_campaigns.lead_rows(frame)]
    frame["_order"] = [order.get(b, len(order)) for b in frame["band"]]
    frame["band"] = frame["band"].fillna(charts_campaigns.NO_BAND)
    return frame.sort_values(["_order", "lead_objective"], kind="stable").drop(columns="_order").reset_index(drop=True)


def band_evidence(ctx: Context) -> tuple[pd.DataFrame, str] | None:
    """The follower-band question answered in coupon-code sales, for pages other than Campaigns: the band rows
    (by_band) and the warning when the date range cuts contracts short. None when there is nothing to say; without
    contracts and conversions the results query (a scan of every post) is not run at all."""
    status = data_status(ctx)
    if not (status.contract_rows and status.conversion_rows):
        return None
    res = results(ctx)
    per_band = by_band(res, ctx.filters.band_scheme)
    if not charts_campaigns.has_band_returns(per_band):
        return None
    return per_band, date_cut_note(res, ctx.filters)


def weekly(ctx: Context) -> pd.DataFrame:
    return ctx.query(WEEKLY_QUERY)


def has_conversions(res: CampaignResults) -> bool:
    return bool(res.all_conversions["conversion_rows"])


def reconciliation(res: CampaignResults) -> pd.DataFrame:
    """Where every conversion in the date range went; the first three rows add up to the last."""
    rows = [("Attributed to the contracts shown", res.contracts[list(CONVERSION_MEASURES)].sum()),
            ("Attributed to contracts the filters hide", res.outside_filters[list(CONVERSION_MEASURES)].sum()),
            ("Could not attribute", res.unattributed[list(CONVERSION_MEASURES)].sum()),
            ("All conversions in the date range", res.all_conversions)]
    return pd.DataFrame([{"part": name, **{m: float(0 if pd.isna(values[m]) else values[m])
                                           for m in CONVERSION_MEASURES}} for name, values in rows])


def reconciles(table: pd.DataFrame) -> bool:
    """True when attributed + hidden + unattributed = all conversions, for rows, orders, revenue and sign-ups."""
    parts, whole = table.iloc[:3], table.iloc[3]
    return all(abs(parts[m].sum() - whole[m]) <= 0.005 * max(1.0, abs(whole[m])) for m in CONVERSION_MEASURES)


def unused_codes(res: CampaignResults) -> pd.DataFrame:
    """Codes given to an influencer that brought no order, revenue or sign-up: one row per code."""
    columns = ["campaign", "influencer", "platform", "cost", "posts_delivered"]
    rows = res.contracts[["unused_codes", *columns]].copy()
    rows["coupon_code"] = [charts_campaigns.as_list(v) for v in rows["unused_codes"]]
    rows = rows.explode("coupon_code").dropna(subset=["coupon_code"])
    return rows[["coupon_code", *columns]].reset_index(drop=True)


def _rankable(contracts: pd.DataFrame, metric: str) -> bool:
    return bool(charts_campaigns.ranking_scope(contracts, metric)[metric].notna().any())


def default_ranking_metric(contracts: pd.DataFrame) -> str:
    """ROAS where sales campaigns have revenue, else cost per sign-up, else cost per engagement."""
    return next((m for m in ("roas", "cost_per_lead", "cpe") if _rankable(contracts, m)), "roas")


def ranking_metrics(contracts: pd.DataFrame) -> list[str]:
    """The ranking metrics the current contracts can be ranked by."""
    return [m for m in charts_campaigns.RANKING_METRICS if _rankable(contracts, m)]


def table_for_display(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The campaign or contract table with lists of codes as text (tables and CSV cannot hold lists), and no sales
    ratios on the rows of sign-up campaigns."""
    out = frame[columns].copy()
    if "lead_objective" in frame:
        lead = charts_campaigns.lead_rows(frame).to_numpy()
        for col in SALES_RATIOS:
            if col in out:
                out.loc[lead, col] = float("nan")
    for col in ("codes", "unused_codes"):
        if col in out:
            out[col] = [", ".join(charts_campaigns.as_list(v)) for v in out[col]]
    if "platform" in out:
        out["platform"] = out["platform"].fillna("all platforms")
    return out


def sales_total(res: CampaignResults) -> pd.Series | None:
    """The row of all sales campaigns together (objective level), if there are any."""
    sales = res.objectives[~charts_campaigns.lead_rows(res.objectives)]
    return sales.iloc[0] if not sales.empty else None


def unpriced_note(res: CampaignResults) -> str:
    """Why revenue ÷ cost of a row can differ from its ROAS: contracts without a cost are in its revenue only."""
    n = res.total["unpriced_contracts"] if res.total is not None else None
    if n is None or pd.isna(n):
        return ""
    revenue = res.total["unpriced_revenue"]
    brought = f" (their revenue {theme.money(revenue)})" if pd.notna(revenue) and revenue > 0 else ""
    return (f"{int(n)} {'contract has' if n == 1 else 'contracts have'} neither fee nor product cost{brought}: "
            "counted in revenue and orders, left out of ROAS, ROI, CPA and cost per sign-up, which need a cost.")


def shared_codes_note(res: CampaignResults) -> str:
    """Which conversions the contracts shown share with other contracts (campaign_results.sql: a code given to several
    influencers from the same day, rows that name none of them; rows without a code for an influencer with several
    such contracts), so that their per-contract orders read as the even shares they are. '' when none."""
    rows = res.contracts[["campaign", "influencer", "platform", "shared_codes"]].copy()
    rows["code"] = [charts_campaigns.as_list(v) for v in rows["shared_codes"]]
    rows = rows.explode("code").dropna(subset=["code"])
    if rows.empty:
        return ""
    twice = rows.duplicated(["code", "campaign", "influencer"], keep=False)
    rows["who"] = [f"{i} ({p if isinstance(p, str) else 'all platforms'})" if t else i
                   for i, p, t in zip(rows["influencer"], rows["platform"], twice)]
    codes, without_code = [], []
    for code, held in rows.groupby("code", sort=True):
        places = "; ".join(f"{c}: {', '.join(sorted(g['who']))}" for c, g in held.groupby("campaign", sort=True))
        (codes if code else without_code).append(f"{code} ({places})" if code else f"orders without a code ({places})")
    parts = ([("Code " if len(codes) == 1 else "Codes ") + ", ".join(codes)] if codes else []) + without_code
    what = " and ".join(parts)
    code_alone = len(codes) == 1 and not without_code
    return (f"{what[0].upper()}{what[1:]} went to several contracts that started the same day, and the order rows "
            f"do not say which one they belong to: each of those contracts counts an even share of "
            f"{'its' if code_alone else 'their'} orders, revenue and sign-ups, so together they count each order "
            "once.")


def date_cut_note(res: CampaignResults, filters) -> str:
    """A warning when the date range starts after some contracts began or ends before they ended: their whole cost
    then counts against only the orders inside the range, and their return reads low (narrowing the range to mid
    May turned micro's $2.22 per $1 into $0.59). '' when no contract is cut."""
    c = res.contracts
    if c.empty or (filters.date_from is None and filters.date_to is None):
        return ""
    cut = pd.Series(False, index=c.index)
    if filters.date_from is not None:
        cut |= pd.to_datetime(c["start_date"]) < pd.Timestamp(filters.date_from)
    if filters.date_to is not None:
        cut |= pd.to_datetime(c["end_date"]) > pd.Timestamp(filters.date_to)
    n = int(cut.sum())
    if not n:
        return ""
    return (f"The date range cuts {n} of {len(c)} contracts short: each counts its whole cost against only the "
            "orders and posts inside the range, so its return reads low. Widen the range to the campaigns' dates "
            "for a fair return.")


def attribution_note(res: CampaignResults) -> str:
    """One line for exports: how many orders could not be attributed, and which codes they used."""
    if not has_conversions(res):
        return "No conversions loaded."
    lost = res.unattributed
    orders = res.all_conversions["orders"]
    if lost.empty:
        return "Every conversion in the date range was attributed to a campaign contract."
    # a client reads this in a deck, without the Campaigns page's list of them: the codes say which sales they are
    codes = lost["coupon_code"].dropna().astype(str).drop_duplicates()
    named = ", ".join(codes.head(5)) + (f" and {len(codes) - 5:,} more" if len(codes) > 5 else "")
    # without any order count ("0 of – orders ($35,725)"), the revenue alone
    lost_what = (f"{theme.count(lost['orders'].sum())} of {theme.count(orders)} orders "
                 f"({theme.money(lost['revenue'].sum())})" if pd.notna(orders)
                 else f"{theme.money(lost['revenue'].sum())} of revenue")
    return f"{lost_what} could not be attributed" + (f" (codes {named}: in no campaign)" if named else "") + "."


def delivered_card(contracts: pd.DataFrame) -> tuple[str, str]:
    """The 'Posts delivered' card's value and help: posts delivered against posts contracted over the contracts that
    say how many posts they bought, so that a contract without a count cannot make up another's shortfall ("6 of 4"
    where one contract delivered 1 of 2 and one without a count 3); the others' posts and the contracts that fell
    short are said in the help."""
    counted = contracts["posts_contracted"].notna()
    delivered = contracts["posts_delivered"].fillna(0)
    what = ("Posts in the posts file tagged with the campaign, per influencer (and platform when the contract names "
            "one), against the posts contracted.")
    if not counted.any():
        return f"{int(delivered.sum()):,}", what
    short = int((delivered[counted] < contracts.loc[counted, "posts_contracted"]).sum())
    value = f"{int(delivered[counted].sum()):,} of {int(contracts.loc[counted, 'posts_contracted'].sum()):,}"
    if short:
        what += f" {counted_text(short, 'contract')} delivered fewer posts than contracted."
    if not counted.all():
        what += (f" Not counted here: {counted_text(int(delivered[~counted].sum()), 'post')} of "
                 f"{counted_text(int((~counted).sum()), 'contract')} that "
                 f"{'names' if (~counted).sum() == 1 else 'name'} no number of posts.")
    return value, what


def lead_card_help(lead_row: pd.Series, sign_up_campaigns: bool) -> str:
    """The division behind the 'Cost per sign-up' card, as campaign_results.sql makes it for `lead_row` (sign-up
    campaigns, else all campaigns when no campaign's objective is sign-ups): lead_cost ÷ lead_signups, both over
    contracts with a cost. The sign-ups of all of them beneath a cost of the priced ones had read "$200 ÷ 80
    sign-ups" beside a card of $10.00."""
    whose = ("sign-up campaigns" if sign_up_campaigns
             else "all campaigns (no campaign's objective is sign-ups)")
    unpriced = lead_row["unpriced_signups"] if pd.notna(lead_row["unpriced_signups"]) else 0
    left_out = (f" ({counted_text(round(unpriced), 'sign-up')} of contracts without a cost "
                f"{'is' if round(unpriced) == 1 else 'are'} left out)" if unpriced > 0 else "")
    return (f"Cost ÷ sign-ups of {whose}: {theme.money(lead_row['lead_cost'])} ÷ "
            f"{counted_text(round(lead_row['lead_signups']), 'sign-up')}{left_out}.")


def kpis(res: CampaignResults) -> list[tuple[str, str, str]]:
    """(label, value, help) of the page's KPI cards; cards for data that is not loaded are left out."""
    t = res.total
    cards = [
        ("Campaign cost", theme.money(t["cost"]),
         f"Fee + product cost of {int(t['contracts'])} contracts in {len(res.campaigns)} campaigns (whole contracts, "
         "from the campaigns file). The Overview's Spend can differ: it counts what each post in the filter cost, "
         "a post's own fee where it has one (without its contract's product cost)."),
        ("Posts delivered", *delivered_card(res.contracts)),
    ]
    if not has_conversions(res):
        return cards
    sales = sales_total(res)
    leads = res.objectives[charts_campaigns.lead_rows(res.objectives)]
    if pd.notna(t["revenue"]):
        # every campaign's, where ROAS beside it counts the sales campaigns': say how much is the sign-up ones'
        lead_revenue = float(leads["revenue"].fillna(0).sum()) if "revenue" in leads else 0.0
        cards.append(("Coupon-code revenue", theme.money(t["revenue"]),
                      f"{theme.count(t['orders'])} orders attributed through coupon codes (or the influencer, "
                      "when an order row has no code)."
                      + (f" Of it, {theme.money(lead_revenue)} came from sign-up campaigns"
                         + (", which the sales campaigns' ROAS leaves out." if sales is not None
                            and pd.notna(sales["roas"]) else ".") if lead_revenue > 0 else "")))
    if sales is not None and pd.notna(sales["roas"]):
        # the ratio's own dividend: a contract without a cost brings revenue that ROAS leaves out
        unpriced = sales["unpriced_revenue"] if pd.notna(sales["unpriced_revenue"]) else 0
        left_out = (f" ({theme.money(unpriced)} of revenue from contracts without a cost is left out)"
                    if unpriced > 0 else "")
        cards.append(("ROAS, sales campaigns", metrics.fmt("roas", sales["roas"]),
                      f"Revenue ÷ cost of sales campaigns: {theme.money(sales['revenue'] - unpriced)} ÷ "
                      f"{theme.money(sales['cost'])}{left_out}. ROI {metrics.fmt('roi', sales['roi'])}; cost per "
                      f"order {theme.money(sales['cpa'])}."))
    lead_row = leads.iloc[0] if not leads.empty else (t if pd.notna(t["signups"]) and t["signups"] > 0 else None)
    if lead_row is not None and pd.notna(lead_row["cost_per_lead"]):
        cards.append((metrics.label("cost_per_lead"), metrics.fmt("cost_per_lead", lead_row["cost_per_lead"]),
                      lead_card_help(lead_row, sign_up_campaigns=not leads.empty)))
    lost = res.unattributed
    where = ("from codes in no campaign (or from influencers without a contract); listed under 'Orders we could not "
             "attribute'.")
    if pd.notna(t["orders"]):
        cards.append(("Orders not attributed", theme.count(lost["orders"].sum()),
                      f"{theme.money(lost['revenue'].sum())} of revenue {where}"))
    elif pd.notna(t["revenue"]):   # no file counts its orders: their sum was a "0" beside $45 of them
        cards.append(("Revenue not attributed", theme.money(lost["revenue"].sum()),
                      f"Revenue {where} The files count no orders."))
    return cards


def sections(ctx: Context) -> list[Section]:
    """Campaign summary table, the code ranking and the week-by-week trend, for the report and the CLI."""
    if not data_status(ctx).contract_rows:
        return []       # without contracts the results query would still scan every post twice
    res = results(ctx)
    if res.total is None:
        return []
    out = [Section("campaign_summary", "Campaigns",
                   charts_campaigns.summary_finding(res.campaigns, res.total, sales_total(res)), None,
                   table_for_display(res.campaigns, CAMPAIGN_COLUMNS),
                   " ".join(filter(None, ["Cost = fee + product cost (campaigns file).", attribution_note(res),
                                          unpriced_note(res), shared_codes_note(res),
                                          date_cut_note(res, ctx.filters)])),
                   ctx.sql(RESULTS_QUERY))]
    per_band = by_band(res, ctx.filters.band_scheme)
    if charts_campaigns.has_band_returns(per_band):
        finding = charts_campaigns.band_return_finding(per_band)
        out.append(Section("campaign_bands", "Return by follower band", finding,
                           charts_campaigns.build_band_returns(per_band, finding),
                           table_for_display(per_band, BAND_COLUMNS),
                           " ".join(filter(None, [BAND_NOTE, unpriced_note(res), date_cut_note(res, ctx.filters)])),
                           ctx.sql(RESULTS_QUERY)))
    metric = default_ranking_metric(res.contracts)
    if _rankable(res.contracts, metric):
        finding = charts_campaigns.ranking_finding(res.contracts, metric)
        out.append(Section("campaign_ranking", f"Campaign codes ranked by {metrics.label(metric)}", finding,
                           charts_campaigns.build_ranking(res.contracts, metric, finding,
                                                          charts_campaigns.SLIDE_MAX_BARS),
                           table_for_display(res.contracts, CONTRACT_COLUMNS),
                           " ".join(filter(None, ["Orders and revenue by coupon code; cost = fee + product cost "
                                                  "of each contract.", shared_codes_note(res)])),
                           ctx.sql(RESULTS_QUERY)))
    week = weekly(ctx)
    if not week.empty:
        finding = charts_campaigns.weekly_finding(week)
        out.append(Section("campaign_weekly", "Campaigns week by week", finding,
                           charts_campaigns.build_weekly(week, finding), week,
                           "Spend of a post = its share of the contract (fee + product cost ÷ posts delivered).",
                           ctx.sql(WEEKLY_QUERY)))
    return out
