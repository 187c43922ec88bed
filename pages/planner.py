"""Planner: fifty micro-influencers or one celebrity? What a budget buys on each side, from your own data."""
from __future__ import annotations

import streamlit as st

from microlens import area_planner as area
from microlens import area_roster
from microlens import bands as bands_mod
from microlens import theme
from microlens.text import escape_markdown, headline_parts
from pages import ui

ui.through_entry_script(__file__)

SLIDER_MAX = 200_000
ALL, ROSTER = "All influencers in the data (current filters)", "Roster only (on roster or trial post)"
# What a portfolio column means, where its label does not say it all (labels and formats: ui.table_config)
HELPS = {
    "price_basis": "listed: the influencer list; median fee paid: their past posts' cost; estimated: the rate card "
                   "in the sidebar (no known price).",
    "exp_engagements": "Posts to buy × engagements per post.",
    "engagements_per_post": "Median over the influencer's posts.",
    "sd_engagements": "How far one post's engagements typically stray from the influencer's usual post (standard "
                      "deviation).",
    "exp_reach": "Median reach of the posts that report it (blank: none does).",
}


def _sync(source: str, target: str) -> None:
    st.session_state[target] = min(st.session_state[source], SLIDER_MAX) if target.endswith("slider") \
        else st.session_state[source]


def controls(ctx, bands: list[str], bench: area.CelebrityBenchmark) -> area.Settings:
    """The planner's inputs; the settings are kept so presenter mode shows the same plan, and the inputs start
    from them: Streamlit forgets a page's widgets when another page is shown, and a plan set up before a look at
    the Influencers page should still be there on coming back."""
    kept = st.session_state.get("planner_settings", area.Settings())
    estimates_by_default = area.no_known_price(ctx.query(area.CANDIDATES_QUERY), bands)
    st.session_state.setdefault("planner_budget", kept.budget)
    st.session_state.setdefault("planner_budget_slider", min(kept.budget, SLIDER_MAX))
    left, middle, right = st.columns([1.2, 1, 1])
    with left:
        budget = st.number_input("Budget (USD)", min_value=0.0, step=1_000.0, format="%.0f", key="planner_budget",
                                 on_change=_sync, args=("planner_budget", "planner_budget_slider"))
        st.slider("Budget", 0.0, float(SLIDER_MAX), step=1_000.0, format="$%,d", key="planner_budget_slider",
                  label_visibility="collapsed", on_change=_sync, args=("planner_budget_slider", "planner_budget"))
        max_posts = st.number_input("Most posts per influencer", min_value=1, max_value=20,
                                    value=kept.max_posts, step=1, key="planner_max_posts",
                                    help="One post each is the brief's low-commitment trial; more posts per "
                                         "influencer concentrate the budget on the best value accounts. Counted "
                                         "per person: a creator on two platforms shares the limit between them.")
    with middle:
        st.caption("Band mix: the largest share of the budget each band may take")
        defaults = {**area.default_caps(bands), **kept.caps()}
        names = {b.name: bands_mod.label(b) for b in ctx.filters.band_scheme}
        caps = tuple((band, st.slider(names[band], 0, 100, int(round(defaults[band] * 100)), step=5, format="%d%%",
                                      key=f"planner_cap_{band}") / 100) for band in bands)
    with right:
        source = st.radio("Candidates", (ALL, ROSTER), index=int(kept.roster is not None), key="planner_source")
        include_estimated = st.checkbox("Include estimated prices", key="planner_estimated",
                                        value=estimates_by_default if kept.include_estimated is None
                                        else kept.include_estimated,
                                        help="Influencers with neither a listed price nor a fee paid get the "
                                             "sidebar's rate card estimate; they are marked in the table. Off at "
                                             "first where some price is known, unlike the sidebar's 'Estimate "
                                             "unknown costs': a comparison of CPE can rest on estimates, a budget is "
                                             "better planned at prices someone asked or was paid. On at first "
                                             "where no price is known at all: the plan is then at the estimates "
                                             "and says so.")
        exclude_flagged = st.checkbox("Skip flagged accounts", value=kept.exclude_flagged,
                                      key="planner_flagged",
                                      help="Leave out accounts with an authenticity warning: ER far above "
                                           "peers, too many or too few comments per like, a follower jump (see "
                                           "Influencers). The plan buys the cheapest engagements, which is where "
                                           "bought engagement hides.")
        exclude_viral = st.checkbox("Skip viral accounts", value=kept.exclude_viral, key="planner_viral",
                                    help="Leave out accounts whose median ER is over the line below (100%: their "
                                         "middle post earned more engagements than they have followers, a crawl "
                                         "of trending posts): the plan expects a new post to earn as much, which "
                                         "it rarely does. The Influencers shortlist leaves them out too.")
        viral_percent = st.number_input("Viral above a median ER of (%)", min_value=1.0, max_value=1000.0,
                                        value=kept.viral_er * 100, step=10.0, format="%.0f", key="planner_viral_er",
                                        disabled=not exclude_viral,
                                        help="Published averages put any tier under 10%; a crawl's accounts just "
                                             "under 100% are near viral, and a plan on them is a best case.")
        price = bench.price_low
        lowest = min(area.CELEBRITY_PRICE_FLOOR, bench.price_low)
        if bench.price_high > lowest:
            start = kept.celebrity_price if lowest <= (kept.celebrity_price or -1) <= bench.price_high \
                else bench.price_low
            price = st.slider("Celebrity price per post", lowest, bench.price_high, start,
                              step=1_000.0, format="$%,d",
                              key=f"planner_celebrity_price_{bench.price_low:.0f}_{bench.price_high:.0f}",
                              help=f"Starts at the low end of the celebrity benchmark chosen on the Cost vs "
                                   f"celebrity page ({theme.money(bench.price_low)}–{theme.money(bench.price_high)}"
                                   "), its best case for the celebrity." + (
                                       f" Down to {theme.money(lowest)} for a celebrity who asks less: other "
                                       "sources on the Benchmarks page price a celebrity post from a few thousand "
                                       "dollars." if lowest < bench.price_low else ""))
    roster = None
    if source == ROSTER:
        try:
            roster = area.load_roster_keys()
        except area_roster.ROSTER_ERRORS as error:
            st.error(escape_markdown("The plan cannot be limited to the roster. "
                                     + area_roster.roster_error_sentence(error)))
            st.stop()
        if not roster:
            st.info("No one is on the roster at stage 'on roster' or 'trial post' yet. Add influencers on the "
                    "Roster page, or plan with all influencers in the data.")
            st.stop()
    # a box left as it opened is kept as None, to follow the data: unticked on the sample, whose prices are known,
    # and ticked after an upload with no price at all
    settings = area.Settings(budget=float(budget), max_posts=int(max_posts), band_caps=caps,
                             include_estimated=None if include_estimated == estimates_by_default
                             else include_estimated, exclude_flagged=exclude_flagged,
                             exclude_viral=exclude_viral, viral_er=viral_percent / 100,
                             celebrity_price=float(price), roster=roster)
    st.session_state["planner_settings"] = settings
    return settings


st.title("Planner: fifty vs one")
ui.data_banner()
ctx = ui.context()
bands = area.portfolio_bands(ctx.filters.band_scheme)
bench = area.celebrity_benchmark(ctx)
if ctx.present:
    settings = st.session_state.get("planner_settings", area.Settings())
else:
    settings = controls(ctx, bands, bench)

result = ui.kept(("planner", ctx.key(), repr(settings)), lambda: area.run(ctx, settings), "Planning…")
if result.candidates.empty:
    if settings.roster is not None:
        st.warning("No influencer on the roster (on roster or trial post) is in the loaded data under the current "
                   "filters, with a price and engagements.")
    elif reason := area.no_candidates_reason(result, ctx.filters.bands):
        st.warning(escape_markdown(" ".join(reason)))
    else:
        ui.empty_state("influencers with a price and engagements")
    if excluded := area.excluded_sentence(result.excluded):
        st.caption(escape_markdown(excluded))
    st.stop()

answer, qualification = headline_parts(result.sentence)
st.markdown("#### " + escape_markdown(answer))
if qualification:
    st.markdown(escape_markdown(qualification))
if in_sales := area.projection(ctx, result):
    st.markdown(":material/sell: " + escape_markdown(in_sales))
plan = result.plan
micro_cards, celeb_cards = area.kpis(result)
st.caption(area.portfolio_name(plan))
for col, (label, value, help_text) in zip(ui.kpi_columns(4), micro_cards):
    col.metric(label, value, help=escape_markdown(help_text), border=True)
st.caption(f"One celebrity ({bench.followers:,.0f} followers) with the same budget")
for col, (label, value, help_text) in zip(ui.kpi_columns(4), celeb_cards):
    col.metric(label, value, help=escape_markdown(help_text), border=True)
for note in result.notes:
    st.caption(escape_markdown(note))
if not ctx.present and (excluded := area.excluded_sentence(result.excluded)):
    st.caption(escape_markdown(excluded))
if settings.roster is not None:
    missing = area.roster_missing(result.candidates, settings.roster)
    if missing:
        st.caption(escape_markdown(f"{len(missing)} roster entries are not among the candidates (not in the loaded "
                                   f"data, outside the filters, or left out above): {', '.join(missing[:10])}"
                                   + ("…" if len(missing) > 10 else "")))

sections = area.result_sections(ctx, result)
if not sections:
    st.stop()
comparison = next(s for s in sections if s.key == "planner_comparison")
ui.section(comparison)
if not ctx.present:
    st.caption("Error bars: for the portfolio, the 90% range of what its posts may earn (post-to-post variation); "
               "for the celebrity, the range across the engagement-rate sources chosen on the Cost vs celebrity "
               "page (not a statistical interval).")

st.subheader("The portfolio")
portfolio = next(s for s in sections if s.key == "planner_portfolio")
st.markdown("**" + escape_markdown(portfolio.finding) + "**")
# Medians of an even number of posts end in .5: whole engagements read better in a table.
table = portfolio.table.assign(
    exp_engagements=portfolio.table["exp_engagements"].round(), engagements_per_post=portfolio.table[
        "engagements_per_post"].round(), sd_engagements=portfolio.table["sd_engagements"].round(),
    exp_reach=portfolio.table["exp_reach"].round())
ui.dataframe(table, hide_index=True, column_config=ui.table_config(table, helps=HELPS), key="planner_portfolio_table")
if not ctx.present:
    ui.csv_download("Download the portfolio (CSV)", portfolio.table, f"portfolio_{int(settings.budget)}usd",
                    "dl_planner_portfolio")
    st.caption(escape_markdown(f"{theme.money(plan.total_cost)} spent of {theme.money(plan.budget)}. Estimated prices "
                               "are marked 'estimated': the rate card's price."))
