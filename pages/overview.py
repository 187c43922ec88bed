"""Overview: what is loaded, what was rejected, and the headline numbers under the current filters."""
from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from microlens import area_cost, contract_windows, metrics, repeats, schema, theme
from microlens.charts_cost import build_band_cpe_bar, with_bands_left_out
from microlens.text import counted, escape_markdown
from pages import ui

ui.through_entry_script(__file__)


def viral_params(leave_out: bool) -> dict:
    return {"leave_out_viral": leave_out, "viral_er": metrics.VIRAL_ER}


def kpis(leave_out_viral: bool):
    return ui.query("overview_kpis", viral_params(leave_out_viral)).iloc[0]


def band_table(leave_out_viral: bool):
    return ui.query("cpe_by_band", viral_params(leave_out_viral))


def files():
    return ui.query("loaded_files")


st.title("Overview")
ui.data_banner()
# the same setting as Cost vs celebrity's: the two pages' band CPEs are then the same numbers
leave_out_viral = ui.chosen("cost_leave_out_viral", True)
k = kpis(leave_out_viral)
f = ui.filters()
st.caption(f"Filters: {escape_markdown(f.describe())}")
present = ui.present_mode()
viral_count = int(k["viral_accounts"])
if viral_count and not present:
    ticked = ui.leave_out_viral_checkbox(
        "cost_leave_out_viral", viral_count,
        "Their middle paid (or priced) post, or for an account without a cost their middle post, earned more "
        "engagements than they have followers: posts picked for going viral (a crawl of trending posts), whose cost "
        "per engagement a brand's next post rarely matches. Left out of every number on this page, as on Cost vs "
        "celebrity (the same setting).",
        measure="median ER")
    if ticked != leave_out_viral:
        leave_out_viral = ticked
        k = kpis(leave_out_viral)
elif viral_count and leave_out_viral:
    # presenter mode draws no checkbox: the numbers still say what they leave out
    st.caption(f"{counted(viral_count, 'viral account')} (median ER over {theme.percent(metrics.VIRAL_ER, 0)}) "
               "left out of these numbers, as on Cost vs celebrity.")
all_viral = bool(viral_count and leave_out_viral and not k["influencers"])
if all_viral:
    # "no posts or influencers" read as if nothing were loaded
    st.info(f"Every account in the current filters ({viral_count:,}) went viral (median ER over "
            f"{theme.percent(metrics.VIRAL_ER, 0)}) and is left out: untick 'Leave out viral accounts' above to see "
            "them.", icon=":material/trending_up:")
c = ui.kpi_columns(5)
c[0].metric("Influencers", theme.count(k["influencers"]),
            help="Accounts (an influencer on a platform) in the current filters, with posts or from an influencer list"
                 + (", viral accounts left out (the box above)" if leave_out_viral and viral_count else "")
                 # a list of 1,050 rows under a card of 982: the Data status counts rows
                 + ". Each counts once, however many rows or files name it; the Data status below counts rows.")
c[1].metric("Posts", theme.count(k["posts"]),
            help="Posts in the current filters, each once: a post in two files (two overlapping exports) counts "
                 "once. An influencer known only from an influencer list is "
                 "not counted here: it enters engagement rate, and cost per engagement when costs are estimated, as one "
                 "average post.")
estimated = float(k["estimated_cost"]) if pd.notna(k["estimated_cost"]) else 0.0
c[2].metric("Spend", theme.money_compact(k["known_cost"]),
            help="Paid for the posts in the filter: a post's own fee, else its share of its campaign contract ((fee + "
                 "product cost) ÷ posts delivered). A post with its own fee counts that fee only, so a contract's "
                 "product cost is left out for such posts (the Campaigns page counts every contract whole). A cost "
                 "that is only estimated is not spend: it is counted apart (below).")
known = float(k["known_cost"]) if pd.notna(k["known_cost"]) else 0.0
# every estimated cost an influencer's own listed price: said so, as Prices counts a listed price as known (beside
# its "126 of 126 priced", "mostly estimated" read as a contradiction)
listed_only = estimated > 0 and math.isclose(float(k["listed_cost"]) if pd.notna(k["listed_cost"]) else 0.0,
                                             estimated)
guessed = "listed prices" if listed_only else "estimated"
# beside Spend (what was paid) a CPE that rests mostly on guesses says so in its label, not only in a caption
share_note = (f" (all {guessed})" if estimated > 0 and known == 0 else f" (mostly {guessed})" if estimated > known
              else "")
# "all bands" in the label: beside the Planner's and Cost vs celebrity's micro figures, a bare "Cost per engagement"
# of $0.35 (the celebrities' listed prices pooled in) read as a third answer to the same question; "CPE", as Cost vs
# celebrity's card says it, or the label took five lines at 1024 px
c[3].metric(("CPE, all bands" if not f.bands else "CPE, bands pooled") + share_note, metrics.fmt("cpe", k["cpe"]),
            help=metrics.BY_NAME["cpe"].description + " Here every post in the filter, of every band, pooled: a few "
                 "large accounts weigh most. Cost vs celebrity's card is the middle micro-influencer's own CPE.")
c[4].metric(metrics.label("median_influencer_er"),
            metrics.fmt("median_influencer_er", k["median_influencer_er"]),
            help=metrics.BY_NAME["median_influencer_er"].description)
contracts = ui.query("contracts_named_by_posts").iloc[0]
if known == 0 and k["posts"]:
    if contracts["contracts"] and not contracts["named"]:
        # "no campaign contract in the loaded files" beside a loaded sheet of $64,769 in fees: the posts were an
        # Instagram export, which names no campaign, and the contracts had no dates
        st.caption(":material/info: Spend: " + escape_markdown(
            f"{counted(int(contracts['contracts']), 'contract')} with a known cost "
            f"({theme.money(contracts['contract_cost'])}) are loaded, but no post names their campaign or falls "
            "between a contract's start and end dates, so no post counts as paid. " + contract_windows.RULE
            + " Add a campaign column to the posts file (each post's campaign, named as in the contracts), or each "
            "contract's start and end dates, and upload it again. The Campaigns page shows the contracts' returns."))
    else:
        st.caption(":material/info: Spend: no post fee or campaign contract in the loaded files (or none in the "
                   "filter), so nothing counts as paid. Load a campaigns file with fees on the Data page.")
if contracts["dated_posts"]:
    st.caption(":material/info: Spend: " + escape_markdown(
        f"{counted(int(contracts['dated_posts']), 'post')} without a campaign "
        f"{'counts' if contracts['dated_posts'] == 1 else 'count'} for a contract by date. " + contract_windows.RULE))
if estimated > 0:
    # Two unescaped dollar signs in one line would render what lies between them as a formula.
    what = (f"{escape_markdown(theme.money_compact(k['estimated_cost']))} at the influencers' own **listed prices** "
            "per post (not paid, so estimated costs)" if listed_only else
            f"{escape_markdown(theme.money_compact(k['estimated_cost']))} of **estimated** cost")
    rule = ("" if listed_only else f". Estimated from {escape_markdown(metrics.ESTIMATED_COST_RULE)} "
                                   f"({escape_markdown(f'${f.rate_per_1k:g}')} per 1,000 followers)")
    st.caption(f":material/warning: Cost per engagement also counts {what}, "
               f"{escape_markdown(metrics.ESTIMATED_COST_SCOPE)}{rule}. Turn off 'Estimate unknown costs' in the "
               "sidebar to count known costs only.")
if k["profile_rows"]:
    listed = int(k["profile_rows"])
    st.caption(f":material/info: {counted(listed, 'influencer')} {'comes' if listed == 1 else 'come'} from "
               "influencer lists without posts: each counts as one average post in engagement rate (the list's "
               "average engagements, else its followers × its engagement rate, else its average likes, comments and "
               "shares), and, with 'Estimate unknown costs' on, in cost per engagement with its price per post as an "
               "estimated cost (when the list gives engagements, an engagement rate or likes: a price with nothing "
               "to divide by adds nothing)."
               + (" A list has no dates, so the date range keeps them all." if f.date_from or f.date_to else ""))
bands_df = band_table(leave_out_viral)
if leave_out_viral and viral_count:
    bands_df = with_bands_left_out(bands_df, band_table(False))
viral_bands = bands_df[bands_df["median_er"] > metrics.VIRAL_ER]
if pd.notna(k["median_influencer_er"]) and k["median_influencer_er"] > metrics.VIRAL_ER:
    # real exports of trending posts do this (the TikTok crawl in the test data: 233%); not an error, but it
    # makes cost per engagement look far cheaper than a brief would get
    st.caption(f":material/info: The middle account's posts earn more engagements than it has followers "
               f"({escape_markdown(metrics.fmt('median_influencer_er', k['median_influencer_er']))}): posts picked for "
               "going viral, or a feed that reaches beyond followers. Engagement rate by views (Influencers page) "
               "is the fairer measure here, and CPE from these posts flatters what a new post would cost."
               + ("" if present else " Tick 'Leave out viral accounts' above to set them aside, as Cost vs "
                                     "celebrity does."))
elif not viral_bands.empty:
    # big accounts from an influencer list can pull the overall middle under 100% while a crawl's small
    # accounts, whose CPE the band chart shows, all went viral
    names = list(viral_bands["band"])
    rates = ", ".join(f"{band}: {theme.percent(er, 0)}" for band, er in zip(names, viral_bands["median_er"]))
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    st.caption(f":material/info: In the {escape_markdown(listed)} band{'s' if len(names) > 1 else ''}, the middle post "
               f"earns more engagements than its account has followers ({escape_markdown(rates)}): posts picked for "
               "going viral, or a feed that reaches beyond followers. Their cost per engagement flatters what a new "
               "post would cost." + ("" if present else " Tick 'Leave out viral accounts' above to set them aside, "
                                                         "as Cost vs celebrity does."))
if (pd.notna(k["median_influencer_er"])
        and metrics.NEAR_VIRAL_ER < k["median_influencer_er"] <= metrics.VIRAL_ER):
    # under the viral line, yet 68% with the micro band chosen read as a normal engagement rate
    st.caption(f":material/info: The middle account's posts earn "
               f"{escape_markdown(metrics.fmt('median_influencer_er', k['median_influencer_er']))} of its followers in "
               "engagements, ten times and more what published averages give any tier: a crawl of trending posts, "
               "which a brand's next post rarely matches.")
if k["posts_missing_component"]:
    st.caption(f":material/info: {int(k['posts_missing_component']):,} posts lack one of likes, comments, shares or "
               "saves; the missing part counts as 0 engagements.")
if without_band := int(k["accounts_without_band"]):
    # a crawl that read 0 followers: counted among the influencers, but its band (and so the chart) cannot hold it
    st.caption(f":material/info: {counted(without_band, 'account')} without a follower count (blank or 0 in the "
               f"files) {'is' if without_band == 1 else 'are'} in no band: counted among the influencers above, not "
               "in the band chart.")

if bands_df.empty:
    loaded_kinds = set(files()["kind"])
    if loaded_kinds and not loaded_kinds & {"posts", "influencers"}:
        # campaigns alone were told to "load files … or widen the filters", with a file loaded and no filter set
        st.info("The loaded files hold no influencer posts or influencer list, which the figures here count: load "
                "one on the Data page. Campaign contracts and orders have their own page, Campaigns.")
    elif not all_viral:     # else said above
        ui.empty_state("posts or influencers")
elif bands_df["cpe"].isna().all():
    # why, as Cost vs celebrity says it: with estimates on, "no cost" beside the rate card read as a contradiction
    # until it said the rate card stops at a million followers
    ctx = ui.context()
    reason = area_cost.no_cost_sentence(ctx, area_cost.summary(ctx), counted=False)   # the card counts them
    st.info(escape_markdown(reason) if reason else "No influencer in the current filter has a cost, so there is no "
            "cost per engagement to chart.", icon=":material/sell:")
else:
    ui.chart(build_band_cpe_bar(bands_df), "overview_band_cpe", bands_df)
    if note := area_cost.unpriced_celebrity_note(ui.context(), bands_df):
        st.caption(":material/info: " + escape_markdown(note))
        if not present:
            st.page_link("pages/cost_vs_celebrity.py", label="Micro against the celebrity benchmarks",
                         icon=":material/balance:")
    ui.show_sql("overview_kpis", "cpe_by_band", params=viral_params(leave_out_viral))

ui.sales_evidence(ui.context())

st.subheader("Data status")
loaded = files()
if loaded.empty:
    st.info("Nothing is loaded. Go to the Data page to upload files or load the sample data.")
else:
    # the kind as the Data page names it; a file without one platform names each row's in a column of its own
    shown = loaded.assign(kind=loaded["kind"].map(schema.KIND_LABELS).fillna(loaded["kind"]))
    # the counts before the kind and platform: at 1024 px the table scrolled and cut them off ("Loade…")
    ui.dataframe(shown.fillna({"platform": "per row"}), hide_index=True, column_order=[
        "source_file", "rows_read", "rows_loaded", "rows_rejected", "kind", "platform"], column_config={
        "source_file": "File", "kind": "Kind", "platform": "Platform",
        "rows_read": st.column_config.NumberColumn("Rows read", format="localized"),
        "rows_loaded": st.column_config.NumberColumn("Loaded", format="localized"),
        "rows_rejected": st.column_config.NumberColumn("Rejected", format="localized")})
    repeated = ui.query("repeated_posts")
    if not repeated.empty:
        st.caption(escape_markdown(repeats.summary(repeated)))
    rejected = int(loaded["rows_rejected"].sum())
    if rejected:
        st.warning(f"{counted(rejected, 'row was', 'rows were')} rejected. The Data page lists the "
                   + ("reason and offers the row" if rejected == 1 else "reasons and offers them") + " as a download.")
