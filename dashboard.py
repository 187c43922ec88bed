"""Microlens: is paying fifty micro-influencers better value than one celebrity? Run: streamlit run dashboard.py

The entry file is the frame around every page: it owns the global filters (so they hold on every page and in
the URL), presenter mode, and the navigation.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st

from microlens import bands as bands_mod
from microlens import metrics
from microlens.filters import Filters, from_query, to_query
from microlens.text import platform_name
from pages import ui

# Presenter mode folds the sidebar, so a projector shows only the slide: by the ?present=1 link, or by the toggle or
# "Start presenting" (their run comes before the link says present=1: the first slide kept the sidebar open); the
# toggle's run switches to the slides' page, which loses its state (slides_opened).
presenting = (st.query_params.get("present") == "1" or bool(st.session_state.get("present"))
              or bool(st.session_state.get("slides_opened")))
# the tab's icon from the repository: a ":material/…:" icon there is fetched from Google's font servers on every
# page load, which a local-first app must not need (the pages' own icons come from Streamlit's bundled font)
st.set_page_config(page_title="Microlens", page_icon=str(ui.FAVICON), layout="wide",
                   initial_sidebar_state="collapsed" if presenting else "auto")

st.session_state[ui.ENTRY_RAN] = True

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/data.py", title="Data", icon=":material/upload_file:"),
    st.Page("pages/cost_vs_celebrity.py", title="Cost vs celebrity", icon=":material/balance:"),
    st.Page("pages/influencers.py", title="Influencers", icon=":material/groups:"),
    st.Page("pages/prices.py", title="Prices", icon=":material/sell:"),
    st.Page("pages/campaigns.py", title="Campaigns", icon=":material/campaign:"),
    st.Page("pages/takeover.py", title="Takeover lift", icon=":material/trending_up:"),
    st.Page("pages/planner.py", title="Planner", icon=":material/calculate:"),
    st.Page("pages/roster.py", title="Roster", icon=":material/checklist:"),
    st.Page("pages/present.py", title="Present & export", icon=":material/present_to_all:"),
    st.Page("pages/benchmarks.py", title="Benchmarks", icon=":material/menu_book:"),
]


def _initial_filters() -> Filters:
    """Filters from the URL on a session's first run, so a shared link reopens the same view."""
    if ui.START_FILTERS not in st.session_state:
        st.session_state[ui.START_FILTERS] = from_query(dict(st.query_params))
        st.session_state["present"] = st.query_params.get("present") == "1"
        st.session_state["open_slides"] = st.session_state["present"]   # a ?present=1 link opens the slides
    return st.session_state[ui.START_FILTERS]


def _band_scheme_editor(start: Filters) -> tuple[bands_mod.Band, ...]:
    names = list(bands_mod.SCHEMES)
    chosen = st.selectbox("Band scheme", names, key="band_scheme_name",
                          help="Where micro ends differs between sources; the brief uses 10K–100K.")
    scheme = bands_mod.scheme(chosen)
    if start.band_scheme != bands_mod.scheme() and "band_edges" not in st.session_state:
        scheme = start.band_scheme
    with st.expander("Edit band edges"):
        edges_text = st.text_input("Lower edge of each band after the first (followers)",
                                   value=", ".join(f"{b.lower:,}".replace(",", "") for b in scheme[1:]),
                                   key=f"band_edges_{chosen}",
                                   help="Comma-separated, increasing. Example: 1000, 10000, 100000, 1000000")
        try:
            edges = [int(float(x)) for x in edges_text.replace("_", "").split(",") if x.strip()]
            scheme = bands_mod.from_edges(edges, [b.name for b in scheme][:len(edges) + 1]) \
                if len(edges) + 1 == len(scheme) else scheme
            if len(edges) + 1 != len(scheme):
                st.error(f"Give {len(scheme) - 1} edges, one per band after the first.")
        except ValueError as exc:
            st.error(str(exc) if "Band" in str(exc) else "Edges must be whole numbers, e.g. 10000.")
        st.caption(" · ".join(bands_mod.label(b) for b in scheme))
    return scheme


def sidebar_filters() -> Filters:
    start = _initial_filters()
    options = ui.data_query("filter_options").iloc[0]
    with st.sidebar:
        st.header("Filters")
        scheme = _band_scheme_editor(start)
        band_names = [b.name for b in scheme]
        chosen_bands = st.multiselect("Follower band", band_names,
                                      default=[b for b in start.bands if b in band_names], key="f_bands",
                                      placeholder="All bands")
        platforms = list(options["platforms"])
        chosen_platforms = st.multiselect("Platform", platforms, format_func=platform_name,
                                          default=[p for p in start.platforms if p in platforms],
                                          key="f_platforms", placeholder="All platforms")
        campaigns = list(options["campaigns"])
        chosen_campaigns = st.multiselect("Campaign", campaigns,
                                          default=[c for c in start.campaigns if c in campaigns],
                                          key="f_campaigns", placeholder="All posts")
        date_from = date_to = None
        if options["first_date"] is not None and str(options["first_date"]) != "NaT":
            first, last = options["first_date"].date(), options["last_date"].date()
            default = (start.date_from or first, start.date_to or last)
            picked = st.date_input("Date range", value=default, min_value=min(first, default[0]),
                                   max_value=max(last, default[1]),
                                   key=f"f_dates_{first}_{last}")   # new data span, fresh widget
            if isinstance(picked, (tuple, list)) and len(picked) == 2:
                date_from = picked[0] if picked[0] > first else None
                date_to = picked[1] if picked[1] < last else None
        st.caption("Price per post (USD)")
        c1, c2 = st.columns(2)
        price_min = c1.number_input("Min", min_value=0.0, value=start.price_min, step=50.0, key="f_price_min",
                                    placeholder="any")
        price_max = c2.number_input("Max", min_value=0.0, value=start.price_max, step=50.0, key="f_price_max",
                                    placeholder="any")
        if price_min is not None and price_max is not None and price_min > price_max:
            # "price per post $500–$100" emptied every page, which then advised widening the filters
            price_min, price_max = price_max, price_min
            st.caption(f":material/swap_horiz: Min is above Max: read as \\${price_min:,.0f}–\\${price_max:,.0f}.")
        use_estimates = st.toggle("Estimate unknown costs", value=start.use_estimates, key="f_estimates",
                                  help=f"Posts get an estimated cost {metrics.ESTIMATED_COST_SCOPE}. The "
                                       f"estimate: {metrics.ESTIMATED_COST_RULE} below. An account with neither a "
                                       "listed price nor a follower count gets no estimate. Estimated figures are "
                                       "always marked.")
        rate = st.number_input("Rate card: $ per 1,000 followers", min_value=0.1, value=start.rate_per_1k,
                               step=1.0, key=ui.rate_card_key(), disabled=not use_estimates,
                               help="Default $10 per 1K: the '$100 per 10,000 followers' rule of thumb "
                                    "(USA Today; see Benchmarks).")
        st.divider()
        # turned on, it opens the slides as the ?present=1 link does: on the Overview it only enlarged the page.
        # Its state set by a click is dropped by the switch to the slides' page: it is set again from a flag.
        if st.session_state.pop("slides_opened", False):
            st.session_state["present"] = True
        st.toggle("Presenter mode", key="present",
                  on_change=lambda: st.session_state.update(open_slides=st.session_state["present"], slide=0),
                  help="Opens the slides: one chart per screen, type enlarged, uploads and controls hidden. "
                       "The page list stays, to show any page large.")
    f = Filters(band_scheme=scheme, bands=tuple(chosen_bands), platforms=tuple(chosen_platforms),
                campaigns=tuple(chosen_campaigns), date_from=date_from, date_to=date_to,
                price_min=price_min, price_max=price_max, use_estimates=use_estimates, rate_per_1k=rate)
    st.session_state["filters"] = f
    query = to_query(f)
    if st.session_state.get("present"):
        query["present"] = "1"
    if dict(st.query_params) != query:
        st.query_params.from_dict(query)
    return f


def _present_style() -> None:
    """Presenter mode: bigger type for a projector; the filters disappear, the page list stays for moving on."""
    ui.stylesheet("""
    html, body, [data-testid="stMarkdownContainer"] p { font-size: 1.25rem; }
    h1 { font-size: 2.4rem !important; } h2 { font-size: 1.8rem !important; }
    /* below the 60-px header bar, which hides what it overlaps */
    [data-testid="stMainBlockContainer"] { padding-top: 4.5rem; }
    /* the value is a markdown paragraph too: without its own rule it takes the 1.25rem of body text */
    [data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 2.2rem; line-height: 1.15; }
    /* labels a little smaller than body text, so that a long word still fits a narrow card; on a 1280-px projector
       with the page list open a card is 164 px wide, and "Cost per engagement (all estimated)" took four lines */
    [data-testid="stMetricLabel"] p { font-size: clamp(0.75rem, 1.15vw, 1.05rem); line-height: 1.3; }
    @media (max-width: 1400px) {
        [data-testid="stMainBlockContainer"] { padding-left: 2rem !important; padding-right: 2rem !important; } }
    /* the chart toolbar covered the legend's last entry; a slide needs neither zoom nor pan */
    .modebar-container { display: none; }
    [data-testid="stSidebarUserContent"] { display: none; }
    /* nor a heading's link icon, which showed beside a headline wherever the pointer rested */
    [data-testid="stHeaderActionElements"] { display: none; }
    """)


def _base_style() -> None:
    """On every page: a KPI label, or a value such as "126 of 140" in a row of four or five, that does not fit one
    line wraps between words instead of being cut with "…" ("Cost per engagement (mostly estimated)" on the
    Overview lost what it says about the number, more so at projector type sizes); so does a checkbox's label (at 1024
    px the Planner's "Skip flagged acco…" hid what it skips). Under 1280 px the values' type
    follows the screen's width: on a 1024-px screen with the filters open the Overview's five cards are 112 px
    wide, and "$460.9K" ran into the "$0.35" beside it (presenter mode sets its own size after this). And there a
    chart's finding shows as text above it (ui.CHART_HEADLINE). A page link reached with Tab shows it has the focus
    (Streamlit draws no outline there)."""
    ui.stylesheet("""
    [data-testid="stSidebarNav"] a:focus-visible, [data-testid="stPageLink-NavLink"]:focus-visible {
        outline: 2px solid #0072B2; outline-offset: 2px; }
    [data-testid="stMetricLabel"] .stMarkdownEllipsis, [data-testid="stMetricLabel"] p,
    [data-testid="stMetricValue"] .stMarkdownEllipsis, [data-testid="stMetricValue"] p,
    [data-testid="stMetricValue"] > div,
    [data-testid="stCheckbox"] .stMarkdownEllipsis, [data-testid="stCheckbox"] .stMarkdownEllipsis p {
        white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
        word-break: normal !important; overflow-wrap: normal !important; }
    """ + f"@media {ui.NARROW_SCREEN} {{ [data-testid='stMetricValue'] "
                  "{ font-size: clamp(1.5rem, 2.7vw, 2.25rem); } } " + ui.CHART_HEADLINE)


# Escape leaves presenter mode too, as it ends a slideshow in PowerPoint. Installed once per browser tab; no user text.
LEAVE_KEY_SCRIPT = """<script>(() => {
  if (window.microlensLeaveKey) return;
  window.microlensLeaveKey = true;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (event.target instanceof Element && event.target.closest("input, textarea, [contenteditable='true']")) return;
    document.querySelector(".st-key-leave_present button")?.click();
  });
})();</script>"""


def _leave_present_button() -> None:
    """Presenter mode's way out, drawn before the page and pinned to the top bar, beside the app menu: at the foot
    of the page it was below the fold, and missing where a page stopped early (the slides), with the sidebar, and
    its toggle, folded away."""
    # the container's layout wrapper is pinned too: left in the page, it kept a gap above the slide
    ui.stylesheet("[data-testid='stLayoutWrapper']:has(> .st-key-leave_present_bar), .st-key-leave_present_bar "
                  "{ position: fixed; top: 12px; right: 64px; z-index: 999991; width: auto !important; } "
                  ".st-key-leave_present_bar button p { font-size: 14px !important; }")
    with st.container(key="leave_present_bar"):
        st.button("Leave presenter mode", key="leave_present", icon=":material/close:",
                  help="Or press Escape", on_click=lambda: st.session_state.update(present=False, reopen_sidebar=True))
        st.html(LEAVE_KEY_SCRIPT, unsafe_allow_javascript=True)


# Presenter mode folded the sidebar, and Streamlit applies initial_sidebar_state on a tab's first load only: leaving
# it opens the sidebar again, as the filters were (the button may be drawn a moment after this script runs).
REOPEN_SIDEBAR_SCRIPT = """<script>(() => {
  let tries = 0;
  const open = () => {
    const button = document.querySelector('[data-testid="stExpandSidebarButton"]');
    if (button) button.click(); else if (++tries < 20) setTimeout(open, 100);
  };
  open();
})();</script>"""


navigation = st.navigation(PAGES)
sidebar_filters()
if deep_link := st.session_state.pop(ui.DEEP_LINK, None):
    st.switch_page(deep_link, query_params=st.query_params.to_dict())
if st.session_state.pop("open_slides", False) and navigation.title != "Present & export":
    st.session_state["slides_opened"] = True
    st.switch_page("pages/present.py")
_base_style()
if st.session_state.get("present"):
    _present_style()
    _leave_present_button()
elif st.session_state.pop("reopen_sidebar", False):
    with st.sidebar:
        st.html(REOPEN_SIDEBAR_SCRIPT, unsafe_allow_javascript=True)
navigation.run()
st.caption(f"Microlens · data stays on this machine · {dt.date.today():%d %b %Y}")
