"""Campaigns: cost, delivery, coupon-code orders and ROI per campaign and per influencer; unattributed orders."""
from __future__ import annotations

import streamlit as st

from microlens import area_campaigns as area
from microlens import charts_campaigns as charts
from microlens import metrics
from microlens.text import escape_markdown
from pages import ui

ui.through_entry_script(__file__)

# What a column means, where its label does not say it all (labels and formats: ui.table_config, as the exports)
HELPS = {
    "unused_codes": "Codes that brought no order or sign-up.",
    "contracts": "Influencer contracts: one per campaign, influencer and platform.",
    "cost": "Fee + product cost of the whole contract.",
    "posts_contracted": "Blank where a contract names no number of posts (for a campaign: where any of its "
                        "contracts names none).",
    "posts_delivered": "Campaign posts in the posts file, in the current filters.",
    **{m: metrics.BY_NAME[m].description for m in ("cpe", "cpm", "cpa", "roas", "roi", "net_revenue", "cost_per_lead")},
    "below_break_even": "Sales contracts whose coupon-code revenue was less than their cost.",
    "contracts_measured": "Sales contracts with a known cost and revenue.",
    "median_contract_roas": "The middle contract's revenue ÷ cost: one large contract can carry the band's pooled "
                            "ROAS.",
    "unpriced_contracts": "Contracts with neither fee nor product cost: their revenue is counted, their ratios "
                          "cannot be.",
    "unpriced_revenue": "Revenue of contracts without a cost: in Revenue, not in ROAS or CPA.",
    "reason": "Why the conversion could not be attributed to a contract.",
}


def columns_of(table):
    return ui.table_config(table, helps=HELPS)


def _without_empty(table, always=("campaign", "influencer")):
    """Drop columns the loaded files do not fill (no sign-ups anywhere, no impressions...)."""
    return table[[c for c in table.columns if c in always or table[c].notna().any()]]


st.title("Campaigns")
ui.data_banner()
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
                     column_config=columns_of(band_table))
        ui.show_sql(area.RESULTS_QUERY)

# ---------------------------------------------------------------- campaigns and influencers
st.subheader("Campaigns")
st.markdown("**" + escape_markdown(charts.summary_finding(res.campaigns, res.total, area.sales_total(res))) + "**")
campaign_table = _without_empty(area.table_for_display(res.campaigns, area.CAMPAIGN_COLUMNS))
picked = ui.dataframe(campaign_table, hide_index=True, column_config=columns_of(campaign_table), key="campaign_table",
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
ui.dataframe(contract_table, hide_index=True, column_config=columns_of(contract_table), key="contract_table")
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
    # kept for the same weeks: ranking by another metric above rebuilt it (0.5 s at 300 campaigns)
    weekly_chart = ui.kept(("campaign_weekly", ctx.key(), chosen),
                           lambda: charts.build_weekly(week, charts.weekly_finding(week)), "Drawing the weeks…")
    ui.chart(weekly_chart, "campaign_weekly", week)
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
        lost = _without_empty(lost, always=("coupon_code", "orders", "revenue"))
        ui.dataframe(lost, hide_index=True, column_config=columns_of(lost), key="unattributed_table")
    table = area.reconciliation(res)
    parts = _without_empty(table)
    ui.dataframe(parts, hide_index=True, column_config=columns_of(parts), key="reconciliation_table")
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
        ui.dataframe(unused, hide_index=True, column_config=columns_of(unused), key="unused_table")
