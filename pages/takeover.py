"""Takeover lift: did the takeover posts beat the brand's day-to-day posts on the same platform?"""
from __future__ import annotations

import streamlit as st

from microlens import area_takeover as area
from microlens import charts_takeover
from microlens import lift as lift_mod
from microlens.text import escape_markdown
from pages import ui

ui.through_entry_script(__file__)

CUSTOM = "Custom dates…"
# Verdict -> (delta text, colour, arrow) of a KPI card; blue/orange rather than green/red (colour-blind safe).
CARD_DELTA = {lift_mod.LIFT: ("lift", "blue", "up"), lift_mod.DROP: ("drop", "orange", "down"),
              lift_mod.NO_LIFT: ("no detectable lift", "gray", "off")}

st.title("Takeover lift")
ui.data_banner()
ctx = ui.context()
status = area.status(ctx)
if status.brand_posts == 0:
    st.info(area.NO_BRAND_POSTS_MESSAGE, icon=":material/description:")
    st.stop()
if status.dated_posts == 0:
    st.warning(area.NO_DATES_MESSAGE)
    st.stop()

# ---------------------------------------------------------------- which takeover
options = area.windows(ctx)
default = area.default_window(options, ctx.filters.campaigns)
# Presenter mode hides the controls and shows the takeover last chosen on this data (kept outside widget state).
version, window, pre_days = st.session_state.get("takeover_view", (None, default, area.DEFAULT_PRE_DAYS))
if version != ctx.db.version:
    window, pre_days = default, area.DEFAULT_PRE_DAYS
if not ctx.present:
    labels = [w.label for w in options] + [CUSTOM]
    # each control as wide as its options, on one row where they fit and wrapping where not: in three columns a
    # 1024-px screen cut the takeover's dates ("26 Jul 2…") and the "90 days" choice off at their columns' edges
    controls = st.container(horizontal=True)
    picked = controls.selectbox("Takeover", labels, index=labels.index(default.label) if default else len(options),
                                key="takeover_window", width=ui.select_width(labels),
                                help="A campaign's dates come from its contracts (campaigns file), widened to the "
                                     "brand posts marked with it. Or choose your own dates.")
    pre_days = controls.segmented_control("Usual posts: the days before the window", area.PRE_DAYS_CHOICES,
                                          default=area.DEFAULT_PRE_DAYS, format_func=lambda d: f"{d} days",
                                          key="takeover_pre_days", required=True, width="content")
    if picked == CUSTOM:
        # empty until the user sets it: two weeks picked for them put a verdict on dates nobody chose
        span = st.date_input("Takeover dates (first and last day)", value=(), min_value=status.first_post,
                             max_value=status.last_post, key="takeover_custom_dates")
        if not (isinstance(span, (tuple, list)) and len(span) == 2):
            st.info("Pick the last day of the takeover too." if span else
                    f"Pick the takeover's first and last day (the brand's posts run from {status.first_post:%d %b %Y} "
                    f"to {status.last_post:%d %b %Y}).")
            st.stop()
        window = area.custom_window(span[0], span[1])
    else:
        window = options[labels.index(picked)]
    st.session_state["takeover_view"] = (ctx.db.version, window, pre_days)
if window is None:
    st.info("No campaign with known dates: choose **Custom dates…** in the Takeover box to set the takeover "
            "window (outside presenter mode).")
    st.stop()

posts = area.load_posts(ctx, window, pre_days)
if posts.empty:
    st.info(f"The brand has no posts between {area.pre_start(window, pre_days):%d %b %Y} and "
            f"{window.end:%d %b %Y}" + (" on the platforms in the sidebar filter." if ctx.filters.platforms else "."))
    st.stop()

pairs = area.accounts(posts)
several_accounts = len({a for a, _ in pairs}) > 1
kept = st.session_state.get("takeover_pair")
pair = kept if kept in pairs else pairs[0]
if len(pairs) > 1 and not ctx.present:
    pair = controls.selectbox("Platform", pairs, key="takeover_platform",
                              format_func=lambda p: area.account_label(p, several_accounts),
                              width=ui.select_width([area.account_label(p, several_accounts) for p in pairs]),
                              help="Each platform is compared with the brand's own posts on that platform only.")
    st.session_state["takeover_pair"] = pair
own = area.posts_of(posts, pair)
lifts = area.measure_all(own)

# ---------------------------------------------------------------- KPI cards
st.subheader(escape_markdown(f"{window.campaign or 'Takeover'} on {area.account_label(pair, several_accounts)}"))
for col, m in zip(st.columns(len(lifts)), lifts):
    r = m.result
    value = lift_mod.signed_percent(r.lift) if m.measurable and r.verdict != lift_mod.NOT_ENOUGH else "–"
    delta, colour, arrow = CARD_DELTA.get(r.verdict, (None, "off", "off"))
    compared = "post in the campaign's dates" if m.unmarked else "takeover post"
    details = (f"{area.interval_text(r)} (bootstrap, {area.N_BOOT:,} resamples). Median {compared}: "
               f"{r.takeover_value:,.0f} {m.noun} ({r.n_takeover} posts); usual post: {r.baseline_median:,.0f} "
               f"(median of {r.n_baseline} posts)." if r.verdict != lift_mod.NOT_ENOUGH else m.sentence())
    col.metric(f"{m.label} per post vs usual", value, delta=delta if m.measurable else None,
               delta_color=colour, delta_arrow=arrow, help=escape_markdown(details), border=True)
    col.caption(escape_markdown(area.interval_text(r) if m.measurable else m.note))
    if m.note and m.measurable:
        col.caption(escape_markdown(m.note))
st.markdown("**" + escape_markdown(lifts[0].sentence()) + "**")
short = lifts[0].result.n_baseline < lift_mod.MIN_BASELINE_POSTS and lifts[0].result.verdict == lift_mod.NOT_ENOUGH
if short and not ctx.present:
    first = area.pre_start(window, pre_days)
    st.caption(f"The brand's posts in the file start on {status.first_post:%d %b %Y}, after the pre-period would "
               "begin: a longer pre-period cannot add posts." if status.first_post > first else
               "A longer pre-period (above) takes in more of the brand's usual posts.")
if not ctx.present:
    st.caption(escape_markdown(area.rule_sentence(own, window, pre_days)))
    if unused := area.filters_not_applied(ctx.filters):
        st.caption(escape_markdown(unused))

# ---------------------------------------------------------------- timeline
shown = [m for m in lifts if m.measurable]
if shown:
    by_metric = {m.metric: m for m in shown}
    chosen = shown[0]
    if len(shown) > 1 and not ctx.present:
        chosen = by_metric[st.radio("Chart", list(by_metric), format_func=lambda k: by_metric[k].label,
                                    horizontal=True, key="takeover_chart_metric")]
    ui.chart(area.timeline(own, chosen, window, pre_days), "takeover_timeline", area.table(own))
context = area.brand_context(own)
if context:
    st.caption("Context: " + escape_markdown(context))
if not ctx.present:
    st.caption(escape_markdown(area.METHOD_NOTE))
    ui.show_sql(area.POSTS_QUERY, params={"takeover_from": window.start, "takeover_to": window.end,
                                          "pre_days": int(pre_days), "campaign": window.campaign})

# ---------------------------------------------------------------- every platform at a glance
if len(pairs) > 1:
    rows = area.summary_rows(posts)
    drawn = rows[rows["lift"].notna() & rows["ci_low"].notna()]
    if not drawn.empty:
        st.subheader("Every platform at a glance")
        title = area.summary_title(rows, window)
        ui.chart(charts_takeover.build_lift_summary(drawn, title), "takeover_summary", rows)
