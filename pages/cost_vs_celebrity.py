"""Cost vs celebrity: what one engagement costs with micro-influencers, against the celebrity benchmark range."""
from __future__ import annotations

import streamlit as st

from microlens import area_cost, charts_cost, metrics
from microlens import benchmarks as bm
from microlens.text import escape_markdown
from pages import ui

ui.through_entry_script(__file__)


def benchmark_controls(ctx) -> None:
    """Which price, ER and follower figures define 'one celebrity post' (kept for the whole session)."""
    prices, ers, followers = ctx.celebrity()
    with st.expander("Celebrity benchmark: which sources", expanded=False):
        price_labels = ui.distinct_labels({p.key: p.citation for p in ctx.price_records})
        ui.remember("celeb_price_keys", tuple(st.multiselect(
            "Price per celebrity post", list(price_labels), default=[p.key for p in prices],
            key="celeb_price_keys", format_func=price_labels.get)))
        er_labels = ui.distinct_labels({r.key: r.choice_label for r in bm.followers_based(ctx.er_records)})
        ui.remember("celeb_er_keys", tuple(st.multiselect(
            "Celebrity engagement rate (per follower)", list(er_labels), default=[r.key for r in ers],
            key="celeb_er_keys", format_func=er_labels.get)))
        ui.remember("celeb_followers", st.number_input(
            "Followers of the benchmark celebrity", min_value=1_000_000, step=500_000, value=int(followers),
            key="celeb_followers", help=bm.CELEBRITY_REFERENCE.rationale))


st.title("Cost vs celebrity")
ui.data_banner()
ctx = ui.context()
if not ctx.present:
    benchmark_controls(ctx)
    ctx = ui.context()
summary = area_cost.summary(ctx)
if not ctx.present and not summary.viral.empty:
    leave_out = ui.leave_out_viral_checkbox(
        "cost_leave_out_viral", len(summary.viral),
        "Their middle paid (or priced) post earned more engagements than they have followers: posts picked for going "
        "viral (a crawl of trending posts), whose cost per engagement a brand's next post rarely matches. Left out of "
        "everything on this page and of its slides and exports. An account without a cost is judged on all its "
        "posts, as on the Overview (the same setting); the Influencers page judges every account on all its posts, "
        "so its count can differ.",
        measure="median ER")      # the Overview's words too: one setting, one label
    if leave_out != ctx.cost_leave_out_viral:
        ctx = ui.context()
        summary = area_cost.summary(ctx)
if reason := area_cost.all_viral_sentence(summary):
    st.info(reason, icon=":material/trending_up:")
    st.stop()
if summary.influencers.empty:
    ui.empty_state("influencers")
    st.stop()
if reason := area_cost.no_cost_sentence(ctx, summary):
    st.info(reason, icon=":material/sell:")
    # the celebrity side still stands: a list of top accounts alone showed nothing but this sentence
    label, value, help_text = area_cost.celebrity_kpi(summary, alone=True)
    ui.kpi_columns(3)[0].metric(label, value, help=help_text)
    for sec in area_cost.sections(ctx, labels_above=not ctx.present):
        ui.section(sec)
        st.caption(area_cost.SENSITIVITY_BARS)
    st.stop()
if warning := area_cost.rate_card_warning(ctx, summary):
    st.warning(warning, icon=":material/calculate:")
for col, (label, value, help_text) in zip(ui.kpi_columns(3), area_cost.kpis(summary)):
    col.metric(label, value, help=help_text)
infl = summary.influencers
# what the chart's dots leave out or estimate, said under the chart: above it, on a 720p projector these notes
# pushed the chart off the first screen
chart_notes = []
# counted as the chart draws them (the "N of M" of a sampled chart counts the same dots)
estimated = infl["cost_estimated"].fillna(False).astype(bool) & charts_cost.has_dot(infl)
if estimated.any():
    n = int(estimated.sum())
    chart_notes.append(f"Hollow dots: {n:,} influencer{'s' if n != 1 else ''} whose cost is **estimated** "
                       f"({metrics.ESTIMATED_COST_SCOPE}; {metrics.ESTIMATED_COST_RULE}). Turn off 'Estimate "
                       "unknown costs' in the sidebar to use known costs only.")
if viral_note := area_cost.viral_caption(ctx, summary):
    chart_notes.append(viral_note)
if silent_note := area_cost.without_engagements_note(summary):
    chart_notes.append(silent_note)
if uncosted_note := area_cost.without_cost_note(ctx, summary):
    chart_notes.append(uncosted_note)
if bm.mixes_instagram(infl["platform"]):      # (the note itself is the chart's, under it: what to do is the page's)
    chart_notes.append(bm.PLATFORM_FILTER_HINT)
if basis_note := area_cost.same_basis_note(summary):
    chart_notes.append(escape_markdown(basis_note))
# the slides keep the sensitivity chart's sources in a column beside its bars: above them, fifteen would not fit a
# 720-px projector
for i, sec in enumerate(area_cost.sections(ctx, labels_above=not ctx.present)):
    if sec.key == "benchmark_sensitivity":
        st.subheader("Does the verdict depend on the benchmark?")
    ui.section(sec)
    if i == 0:
        for note in chart_notes:
            st.caption(note)
    if sec.key == "benchmark_sensitivity":
        st.caption(area_cost.SENSITIVITY_BARS)
# engagements are what a post buys; coupon codes say what it sold, where campaigns with orders are loaded
ui.sales_evidence(ctx, heading="And in sales?")
