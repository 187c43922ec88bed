"""Campaigns: cost, delivery, coupon-code orders and ROI per campaign and per influencer; unattributed orders."""
from __future__ import annotations

import streamlit as st

from microlens import area_campaigns as area
from microlens import charts_campaigns as charts
from microlens import metrics
from microlens.text import escape_markdown
from pages import ui

ui.through_entry_script(__file__)

MONEY = st.column_config.NumberColumn
COLUMNS = {
    "campaign": st.column_config.TextColumn("Campaign"),
    "influencer": st.column_config.TextColumn("Influencer"),
    "platform": st.column_config.TextColumn("Platform"),
    "band": st.column_config.TextColumn("Band"),
    "objective": st.column_config.TextColumn("Objective"),
    "codes": st.column_config.TextColumn("Codes"),
    "unused_codes": st.column_config.TextColumn("Unused codes", help="Codes that brought no order or sign-up."),
    "start_date": st.column_config.DateColumn("Start"),
    "end_date": st.column_config.DateColumn("End"),
    "contracts": st.column_config.NumberColumn("Influencers", format="%d"),
    "fee": MONEY("Fee", format=ui.DOLLARS_FORMAT),
    "product_cost": MONEY("Product cost", format=ui.DOLLARS_FORMAT),
    "cost": MONEY("Cost", format=ui.DOLLARS_FORMAT, help="Fee + product cost of the whole contract."),
    "posts_contracted": st.column_config.NumberColumn("Posts contracted", format="%d"),
    "posts_delivered": st.column_config.NumberColumn(
        "Posts delivered", format="%d", help="Campaign posts in the posts file, in the current filters."),
    "engagements": st.column_config.NumberColumn("Engagements", format="localized"),
    "impressions": st.column_config.NumberColumn("Impressions", format="localized"),
    "cpe": MONEY("CPE", format=ui.CPE_FORMAT, help=metrics.BY_NAME["cpe"].description),
    "cpm": MONEY("CPM", format="$%.2f", help=metrics.BY_NAME["cpm"].description),
    "orders": st.column_config.NumberColumn("Orders", format="localized"),
    "revenue": MONEY("Revenue", format=ui.DOLLARS_FORMAT),
    "cpa": MONEY("CPA", format="$%.2f", help=metrics.BY_NAME["cpa"].description),
    "roas": st.column_config.NumberColumn("ROAS", format="%.2f×", help=metrics.BY_NAME["roas"].description),
    "roi": st.column_config.NumberColumn("ROI", format="percent", help=metrics.BY_NAME["roi"].description),
    # whole dollars like the cost and revenue beside it, signed ("+3,507", "-125,373"); the unit in the label, as
    # "$%,.0f" prints a loss "$-125,372"
    "net_revenue": MONEY("Revenue − cost ($)", format="%+,.0f", help=metrics.BY_NAME["net_revenue"].description),
    "below_break_even": st.column_config.NumberColumn(
        "Under cost", format="%d", help="Sales contracts whose coupon-code revenue was less than their cost."),
    "contracts_measured": st.column_config.NumberColumn(
        "Sales contracts measured", format="%d", help="Sales contracts with a known cost and revenue."),
    "median_contract_roas": st.column_config.NumberColumn(
        "Median contract ROAS", format="%.2f×",
        help="The middle contract's revenue ÷ cost: one large contract can carry the band's pooled ROAS."),
    "unpriced_contracts": st.column_config.NumberColumn(
        "Contracts without a cost", format="%d",
        help="Contracts with neither fee nor product cost: their revenue is counted, their ratios cannot be."),
    "unpriced_revenue": MONEY("Their revenue", format=ui.DOLLARS_FORMAT,
                              help="Revenue of contracts without a cost: in Revenue, not in ROAS or CPA."),
    "signups": st.column_config.NumberColumn("Sign-ups", format="localized"),
    "cost_per_lead": MONEY("Cost per sign-up", format="$%.2f",
                           help=metrics.BY_NAME["cost_per_lead"].description),
    "coupon_code": st.column_config.TextColumn("Code"),
    "reason": st.column_config.TextColumn("Why not attributed"),
    "conversion_rows": st.column_config.NumberColumn("Conversion rows", format="localized"),
    "part": st.column_config.TextColumn("Conversions"),
}


def _without_empty(table, always=("campaign", "influencer")):
    """Drop columns the loaded files do not fill (no sign-ups anywhere, no impressions...)."""
    return table[[c for c in table.columns if c in always or table[c].notna().any()]]


st.title("Campaigns")
ui.sample_banner()
ctx = ui.context()
status = area.data_status(ctx)
if status.contract_rows == 0:
    st.info(area.NO_CAMPAIGNS_MESSAGE, icon=":material/description:")
    st.stop()
res = area.results(ctx)
if res.total is None:
    ui.empty_state("campaign contracts")
    st.stop()
if not area.has_conversions(res):
    st.info(area.NO_CONVERSIONS_NOTE, icon=":material/receipt_long:")
if status.campaign_posts == 0:
    st.info(area.NO_CAMPAIGN_POSTS_NOTE, icon=":material/sell:")

cards = area.kpis(res)
for start in range(0, len(cards), 3):     # three to a row: long money figures stay readable
    for col, (label, value, help_text) in zip(ui.kpi_columns(3), cards[start:start + 3]):
        col.metric(label, value, help=help_text)
if not ctx.present:
    st.caption("Cost is the whole contract (fee + product cost from the campaigns file): a date range that cuts a "
               "campaign still counts its full cost, but only the posts and orders inside the range. CPE and CPM "
               "here use that cost. Filters: " + escape_markdown(ctx.filters.describe()) + ".")
for note in (area.unpriced_note(res), area.shared_codes_note(res)):
    if note:
        st.caption(":material/info: " + escape_markdown(note))
if cut := area.date_cut_note(res, ctx.filters):
    st.warning(escape_markdown(cut), icon=":material/date_range:")

# ---------------------------------------------------------------- bands: the product's question, in sales
per_band = area.by_band(res, ctx.filters.band_scheme)
if charts.has_band_returns(per_band):
    st.subheader("Return by follower band")
    band_table = _without_empty(area.table_for_display(per_band, area.BAND_COLUMNS), always=("band", "objective"))
    ui.chart(charts.build_band_returns(per_band, charts.band_return_finding(per_band)), "campaign_bands",
             band_table)
    if not ctx.present:
        st.caption(area.BAND_NOTE)
        ui.dataframe(band_table, hide_index=True, key="band_table",
                     column_config={**COLUMNS, "contracts": st.column_config.NumberColumn("Contracts", format="%d")})
        ui.show_sql(area.RESULTS_QUERY)

# ---------------------------------------------------------------- campaigns and influencers
st.subheader("Campaigns")
st.markdown("**" + escape_markdown(charts.summary_finding(res.campaigns, res.total, area.sales_total(res))) + "**")
campaign_table = _without_empty(area.table_for_display(res.campaigns, area.CAMPAIGN_COLUMNS))
picked = ui.dataframe(campaign_table, hide_index=True, column_config=COLUMNS, key="campaign_table",
                      on_select="rerun", selection_mode="single-row")
rows = [r for r in picked.selection.rows if r < len(campaign_table)] if picked is not None else []
chosen = campaign_table.iloc[rows[0]]["campaign"] if rows else None
if not ctx.present:
    ui.csv_download("Download campaigns (CSV)", campaign_table, "campaigns")

contracts = res.contracts if chosen is None else res.contracts[res.contracts["campaign"] == chosen]
st.subheader("Per influencer" + (f": {escape_markdown(chosen)}" if chosen else ""))
if chosen is None and not ctx.present:
    st.caption("Select a campaign in the table above to see only its influencers.")
contract_table = _without_empty(area.table_for_display(contracts, area.CONTRACT_COLUMNS))
ui.dataframe(contract_table, hide_index=True, column_config=COLUMNS, key="contract_table")
if not ctx.present:
    ui.csv_download("Download influencer contracts (CSV)", contract_table, "campaign_contracts", "dl_contracts")
    ui.show_sql(area.RESULTS_QUERY)

# ---------------------------------------------------------------- ranking
st.subheader("Which codes paid off" + (f": {escape_markdown(chosen)}" if chosen else ""))
available = area.ranking_metrics(contracts)
if available:
    metric = area.default_ranking_metric(contracts)
    if not ctx.present:
        metric = st.radio("Rank by", available, index=available.index(metric), horizontal=True,
                          key="campaign_rank_metric", format_func=metrics.label,
                          help="Sales metrics compare sales campaigns; cost per sign-up compares sign-up "
                               "campaigns; cost per engagement compares every contract with delivered posts.")
    finding = charts.ranking_finding(contracts, metric)
    ui.chart(charts.build_ranking(contracts, metric, finding), "campaign_ranking",
             area.table_for_display(charts.ranking_frame(contracts, metric), ["label", *area.CONTRACT_COLUMNS]))
else:
    st.info("No contract has both a known cost and orders, sign-ups or delivered posts to rank by.")

# ---------------------------------------------------------------- week by week
st.subheader("Week by week" + (f": {escape_markdown(chosen)}" if chosen else ""))
week = area.weekly(ctx)
if chosen is not None:       # the campaign picked in the table, as the influencer table and the ranking follow it
    week = week[week["campaign"] == chosen]
if week.empty:
    st.info("No dated campaign posts in the current filters.")
else:
    ui.chart(charts.build_weekly(week, charts.weekly_finding(week)), "campaign_weekly", week)
    if not ctx.present:
        st.caption("Spend of a post = its share of its contract (fee + product cost ÷ posts delivered), so the "
                   "weeks add up to the contract costs; a campaign post without a contract costs its own fee, "
                   "else, with 'Estimate unknown costs' on, an estimate: " + metrics.ESTIMATED_COST_RULE + ".")
        ui.show_sql(area.WEEKLY_QUERY)

# ---------------------------------------------------------------- attribution
if area.has_conversions(res):
    st.subheader("Orders we could not attribute")
    lost = res.unattributed
    if lost.empty:
        st.success("Every order and sign-up in the date range belongs to a campaign contract.")
    else:
        st.caption("Conversions whose code is in no campaign (site-wide offers, staff codes, typos) or whose "
                   "influencer has no contract. They are not in any campaign's figures above. The campaign, "
                   "platform and band filters cannot apply to them; the date range does.")
        ui.dataframe(_without_empty(lost, always=("coupon_code", "orders", "revenue")), hide_index=True,
                     column_config=COLUMNS, key="unattributed_table")
    table = area.reconciliation(res)
    ui.dataframe(_without_empty(table), hide_index=True, column_config=COLUMNS, key="reconciliation_table")
    if area.reconciles(table):
        st.caption("Check: attributed + hidden by filters + not attributed = all conversions in the date range.")
    else:
        st.error("The parts do not add up to all conversions; please report this with your files.")

    unused = area.unused_codes(res)
    st.subheader("Unused codes")
    if unused.empty:
        st.caption("Every code handed out in the current filters brought at least one order or sign-up.")
    else:
        st.caption(f"{len(unused)} {'code' if len(unused) == 1 else 'codes'} brought no order or sign-up in "
                   "the date range.")
        ui.dataframe(unused, hide_index=True, column_config=COLUMNS, key="unused_table")
