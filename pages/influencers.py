"""Influencers: discover and vet accounts — engagement, price, cost per engagement, purchase intent,
authenticity checks and audience fit; select accounts in the table or the chart to see their details."""
from __future__ import annotations

from html import unescape

import pandas as pd
import streamlit as st

from microlens import area_influencers as area
from microlens import area_roster
from microlens import audience, columns, flags, intent, metrics, theme
from microlens import charts_influencers as charts
from microlens.roster import Roster
from microlens.text import escape_markdown, platform_name
from pages import ui

ui.through_entry_script(__file__)

MAX_DETAILS = 6
INTENT_KEY = "intent_extra"              # the session's extra purchase-intent phrases, one per line
ER_COLUMNS = ("median_er", "median_er_views", "median_er_reach")   # the table's ER columns, shown by ER_FORMAT
def keep_phrases() -> None:
    st.session_state[INTENT_KEY] = st.session_state["intent_extra_input"]


def filter_controls(table: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The accounts the page's own filters keep, and whether viral ones are left out."""
    c1, c2, c3, c4 = st.columns([2, 2, 2, 1.3])
    search = c1.text_input("Search handle or name", key="infl_search", placeholder="e.g. glow")
    countries = c2.multiselect("Country", area.choices(table, "country"), key="infl_countries",
                               placeholder="All countries")
    categories = c3.multiselect("Category", area.choices(table, "category"), key="infl_categories",
                                placeholder="All categories")
    min_er = c4.number_input("Min median ER (%)", min_value=0.0, max_value=100.0, value=0.0, step=0.5,
                             key="infl_min_er", help="Median over the account's posts of engagements ÷ followers.")
    viral = int(area.viral(table).sum())
    leave_out = viral > 0 and ui.leave_out_viral_checkbox(
        "infl_leave_out_viral", viral,
        "Their middle post earned more engagements than they have followers: posts picked for going viral (a crawl "
        "of trending posts), whose cost per engagement no new post would match. They would fill the top of a table "
        "sorted by CPE. The shortlist leaves them out too.")
    return area.filter_rows(table, min_er / 100, countries, categories, search, leave_out_viral=leave_out), leave_out


def target_controls(table: pd.DataFrame) -> audience.TargetProfile:
    shares = ["any", *range(0, 101, 10)]
    with st.expander("Target audience (adds an audience-fit score)", expanded=False):
        c1, c2, c3, c4 = st.columns(4)
        country = c1.selectbox("Audience country", ["any", *area.choices(table, "audience_country")],
                               key="infl_target_country")
        min_share = c2.slider("At least this share in it (%)", 5, 100, 30, step=5, key="infl_target_share",
                              disabled=country == "any")
        female = c3.select_slider("Female share wanted (%)", shares, value="any", key="infl_target_female")
        young = c4.select_slider("Aged 18–34 wanted (%)", shares, value="any", key="infl_target_age")
    return audience.TargetProfile(country=None if country == "any" else country, min_country_share=min_share / 100,
                                  female_share=None if female == "any" else female / 100,
                                  age_18_34_share=None if young == "any" else young / 100)


def lexicon_controls(size: int) -> None:
    with st.expander(f"Purchase-intent phrases ({size:,} in use)", expanded=False):
        st.caption("A comment counts as purchase intent when it contains one of these phrases (case and accents "
                   "ignored, whole words, not right after a negation such as \"don't\"). Add your own below, one "
                   "per line; they apply for this session.")
        st.text_area("Extra phrases, one per line", key="intent_extra_input", on_change=keep_phrases,
                     value=st.session_state.get(INTENT_KEY, ""), placeholder="is it vegan?\nsample pls")
        ui.dataframe(intent.lexicon_frame(area.lexicon(st.session_state.get(INTENT_KEY, ""))), hide_index=True,
                     height=260, column_config={"category": "Category", "language": "Language",
                                                "phrase": "Phrase"})


# The table's ER columns, in percent, each row to three significant digits (the grid's printf, sprintf-js, reads %g
# as Number(v.toPrecision(3)): trailing zeros dropped, an exponent only below 0.000001%): "92.2%" beside "0.022%". A
# column's decimals taken from its small rates gave a 2022 list's every row three ("98.028%", run past its column)
# and its smallest "0.0%".
ER_FORMAT = "%.3g%%"


def for_the_grid(view: pd.DataFrame) -> pd.DataFrame:
    """`view` as the table shows it: ER columns in percent, for ER_FORMAT (a printf format does not multiply by
    100), and no post count for an account known only from an influencer list (its "0 posts" sat beside the
    Overview's "counts as one average post")."""
    return view.assign(posts=columns.posts_shown(view["posts"]),
                       **{c: view[c] * 100 for c in ER_COLUMNS if c in view.columns})


def column_config(view: pd.DataFrame, by_cpe: bool) -> tuple[list[str], dict]:
    """The table's columns and their config; by_cpe: whether it is sorted by CPE, else by median ER."""
    er_max = float(view["median_er"].quantile(0.95)) if view["median_er"].notna().any() else 0.1
    intent_max = float(view["intent_rate"].max()) if view["intent_rate"].notna().any() else 0.1
    config = {
        "influencer": st.column_config.TextColumn("Influencer", pinned=True),
        "name": "Name", "platform": "Platform", "band": "Band",
        "followers": st.column_config.NumberColumn("Followers", format="compact"),
        "posts": st.column_config.NumberColumn(
            "Posts", format="%d", help=f"Posts in the filter; {theme.MISSING} = from an influencer list only, no posts "
                                       "loaded: its figures count as one average post."),
        "median_er": st.column_config.ProgressColumn(
            metrics.label("median_er"), format=ER_FORMAT, min_value=0.0,
            max_value=max(er_max, 1e-6) * 100,
            help="Median over posts of engagements ÷ followers at post time. Bars are full at the 95th "
                 "percentile of the table."),
        "median_er_views": st.column_config.NumberColumn(metrics.label("median_er_views"),
                                                         format=ER_FORMAT,
                                                         help="Engagements ÷ views, posts with views."),
        "median_er_reach": st.column_config.NumberColumn(metrics.label("median_er_reach"),
                                                         format=ER_FORMAT,
                                                         help="Engagements ÷ reach, posts with reach."),
        "price": st.column_config.NumberColumn(columns.label("price"), format="dollar"),
        "price_basis": st.column_config.TextColumn(
            columns.label("price_basis"), help="listed = the influencer list's price; median fee paid = from fees and "
                                "contracts; estimated = followers × the sidebar rate card (no price known)."),
        "cpe": st.column_config.NumberColumn("CPE", format=ui.CPE_FORMAT,
                                             help=metrics.BY_NAME["cpe"].description),
        "cost_estimated": st.column_config.CheckboxColumn(
            "Cost estimated", help="Some post costs are estimated: " + metrics.ESTIMATED_COST_RULE + "."),
        "intent_rate": st.column_config.ProgressColumn(
            "Purchase intent", format="percent", min_value=0.0, max_value=max(intent_max, 1e-6),
            help="Share of the account's comments with a purchase-intent phrase (price, where to buy, link, "
                 "size, shipping, \"just ordered\"...)."),
        "comment_texts": st.column_config.NumberColumn("Comments read", format="%d"),
        "flags_summary": st.column_config.TextColumn("Authenticity flags", width="medium"),
        "fit_score": st.column_config.ProgressColumn("Audience fit", format="%.0f", min_value=0, max_value=100),
        "country": "Country", "category": "Category",
        "profile_url": st.column_config.LinkColumn("Profile", display_text="Open ↗"),
    }
    # the column the table is sorted by beside the account: CPE at the far right was off screen at 1400 px, and a
    # list of celebrities without a cost, sorted by ER, showed empty CPE columns and cut the ER at 1280 px
    sorted_by = ["posts", "cpe", "cost_estimated", "median_er"] if by_cpe else ["median_er", "posts", "cpe",
                                                                                 "cost_estimated"]
    order = ["influencer", "name", "platform", "band", "followers", *sorted_by,
             "median_er_views", "median_er_reach", "price", "price_basis", "intent_rate", "comment_texts",
             "flags_summary", "fit_score", "country", "category", "profile_url"]
    optional = {"median_er_views", "median_er_reach", "intent_rate", "comment_texts",
                "fit_score", "name", "country", "category", "profile_url"}
    shown = [c for c in order if c in view.columns and (c not in optional or view[c].notna().any())]
    return shown, config


def kpis(view: pd.DataFrame, table: pd.DataFrame, viral_left_out: bool) -> None:
    c = ui.kpi_columns(4)
    c[0].metric("Accounts shown", f"{len(view):,}", help=area.accounts_shown_help(view, table, viral_left_out))
    c[1].metric(metrics.label("median_er"), area.er_text(view["median_er"].median()),
                help="Median over the shown accounts of each account's median post ER.")
    label, help_text = area.median_cpe_card(view)
    c[2].metric(label, theme.money(view["cpe"].median()), help=help_text)
    c[3].metric("With authenticity flags", f"{int(view['flagged'].sum()):,}",
                help="Accounts whose engagement, comments-per-like or follower growth looks unusual.")


def remember_pick(key: str, measure: str | None = None) -> None:
    """on_change of the ER measure and source: what the user picked is remembered (ui.chosen, which slides and
    exports read), with the measure a source was picked under; a default the page worked out is not. Remembered on
    every run, the default for a search of "cristiano" (by followers, Modash · Instagram) outlived the search, and
    the deck set 29 Instagram accounts over thousands of TikTok dots."""
    ui.remember(key, st.session_state[key])
    if measure is not None:
        ui.remember("infl_er_measure", measure)


def scatter(view: pd.DataFrame, ctx) -> list[tuple[str, str]]:
    """The ER-vs-followers chart with a benchmark source; returns the accounts selected in it."""
    measures = area.er_measures(view)
    measure = area.measure_to_show(view, ctx.er_records, ctx.influencer_er_measure)
    source = ctx.influencer_er_source
    if not ctx.present:
        c1, c2 = st.columns([1, 2])
        # the widgets show what the chart draws: the user's pick where this view offers it, else this view's
        # default (their own state would keep a default worked out for an earlier search)
        st.session_state["infl_er_measure"] = measure
        c1.radio("Engagement rate by", list(measures), format_func=measures.get, horizontal=True,
                 key="infl_er_measure", on_change=remember_pick, args=("infl_er_measure",),
                 help="Benchmarks define ER per follower or per view; the first shown is one that a "
                      "benchmark source publishes for the platform with most accounts.")
        sources = area.benchmark_sources(ctx.er_records, measure)
        if sources:
            key = f"infl_source_{measure}"
            picked = ui.chosen(key)
            source = picked if picked in sources else area.default_source(sources, view, measure)
            st.session_state[key] = source
            c2.selectbox("Benchmark tiers from", list(sources), key=key, on_change=remember_pick,
                         args=(key, measure),
                         help="Each tier of the source is drawn across its follower range. Sources "
                              "define ER differently (mean or median, likes only or all engagements).")
        else:
            c2.caption("No benchmark in the catalog measures ER this way.")
    # kept between runs: ticking a row rebuilt the chart of every account (1 s at 50,000 accounts); the rows shown
    # (search, minimum ER, country) and every setting (ctx.key(): data, filters, benchmarks) say what it draws
    shown_rows = int(pd.util.hash_pandas_object(view[["influencer", "platform"]], index=False).sum())
    sec = ui.kept(("infl_scatter", ctx.key(), measure, source, shown_rows, len(view)),
                  lambda: area.scatter_section(ctx, view, measure, source), "Drawing the chart…")
    state = ui.chart(sec.figure, "infl_scatter", sec.table, on_select="rerun",
                     selection_mode=("points", "box", "lasso"))
    if not ctx.present:
        # (what the dots are and the benchmark's source are the chart's own note, under its axis: a caption
        # repeating it word for word read as a glitch; a note cut short points here for the rest)
        if sec.source and theme.footnote_cut(sec.figure):
            st.caption("The chart's note in full: " + ui.escape_markdown_with_sites(sec.source))
        elif sec.source:
            # a narrow screen hides the chart's note (ui.chart): the dots' definition and the benchmark's source
            # went with it
            with ui.narrow_screen_only("infl_scatter_note"):
                st.caption("The chart's note: " + ui.escape_markdown_with_sites(sec.source))
        st.caption("Select dots (click, or drag a box or lasso) to open their details below. Ringed dots carry "
                   "an authenticity flag; faded dots are on a platform the benchmark does not cover.")
    points = (state or {}).get("selection", {}).get("points", [])
    return [(unescape(p["customdata"][0]), p["customdata"][1]) for p in points     # the chart's handle is plotly_text
            if isinstance(p.get("customdata"), (list, tuple)) and len(p["customdata"]) >= 2]


def roster_button(row: pd.Series) -> None:
    key = f"roster_{row['influencer']}_{row['platform']}"
    if not st.button("Add to roster", key=key, icon=":material/playlist_add:",
                     help="Adds the account as a prospect, with these figures as a note."):
        return
    try:
        _, already = area.add_to_roster(Roster(), row)
    except (*area_roster.ROSTER_ERRORS, ValueError) as error:   # a damaged file or a folder it cannot write to too
        st.error(escape_markdown(str(error) if isinstance(error, ValueError)
                                 else area_roster.roster_error_sentence(error)))
        return
    account = f"{escape_markdown(row['influencer'])} ({platform_name(row['platform'])})"
    if already:
        st.success(f"{account} was already on the roster; today's figures were added to its notes.")
    else:
        st.success(f"Added {account} to the roster as a prospect.")
    st.page_link("pages/roster.py", label="Open the roster", icon=":material/checklist:")


def details(row: pd.Series, data: area.InfluencerData, posts: pd.DataFrame, target, measure: str,
            present: bool) -> None:
    c = ui.kpi_columns(5)
    c[0].metric("Followers", theme.count(row["followers"]), help=f"Band: {row['band']}")
    c[1].metric(metrics.label("median_er"), area.er_text(row["median_er"]))
    # "(estimated)" in the label: beside the value it wrapped the card onto two lines, taller than its row
    c[2].metric("CPE (estimated)" if row["cost_estimated"] else "CPE", theme.money(row["cpe"]),
                help="Cost per engagement on an estimated cost: no fee or contract is known for this account."
                     if row["cost_estimated"] else None)
    basis = row["price_basis"] if isinstance(row["price_basis"], str) else "unknown"
    c[3].metric(columns.label("price"), theme.money(row["price"]), help=f"{columns.label('price_basis')}: {basis}")
    read = row.get("comment_texts")
    c[4].metric("Purchase intent", theme.percent(row.get("intent_rate"), 1),
                help=(f"{row['intent_comments']:,.0f} of {read:,.0f} comments." if pd.notna(read)
                      else "No comments loaded for this account's posts."))
    if basis == "estimated":
        st.caption("Price **estimated** from the sidebar rate card: no price or fee is known for this account.")
    if not present:
        roster_button(row)

    own = posts[(posts["influencer"] == row["influencer"]) & (posts["platform"] == row["platform"])]
    st.markdown("**Posts over time**")
    if own.empty:
        st.caption("No posts loaded for this account: the figures come from the influencer list's averages.")
    else:
        fig = charts.build_posts_over_time(own, measure, area.posts_title(own, row["influencer"], row["platform"]))
        ui.chart(fig, f"infl_posts_{row['influencer']}_{row['platform']}", own)
        if not present:
            ui.show_sql("influencer_posts", params={"influencers": [row["influencer"]]})
        st.markdown("**Best posts** (most engagements)")
        ui.dataframe(area.best_posts(own), hide_index=True, column_config={
            "posted_at": st.column_config.DatetimeColumn("Posted", format="YYYY-MM-DD"),
            "engagements": st.column_config.NumberColumn("Engagements", format="localized"),
            "er": st.column_config.NumberColumn("ER", format="percent"),
            "sponsored": st.column_config.CheckboxColumn("Sponsored"),
            "url": st.column_config.LinkColumn("Post", display_text="Open ↗"),
            "caption": st.column_config.TextColumn("Caption", width="large")})

    st.markdown("**Purchase-intent comments**")
    examples = row.get("intent_examples")
    examples = [] if examples is None or isinstance(examples, float) else list(examples)
    if examples:
        ui.dataframe(area.intent_examples(examples, data.phrases), hide_index=True, column_config={
            "comment": st.column_config.TextColumn("Example comment (newest first)", width="large"),
            "why": st.column_config.TextColumn("Counted because it", help="The purchase-intent phrase it contains "
                                               "(the list is under 'Purchase-intent phrases')")})
    elif pd.notna(row.get("comment_texts")):
        st.caption(f"No purchase-intent phrase in {row['comment_texts']:,.0f} comments.")
    else:
        st.caption("No comments loaded for this account's posts.")

    st.markdown("**Authenticity checks**")
    for check in area.checks_of(data, row["influencer"], row["platform"]).itertuples(index=False):
        text = f"**{check.check}:** {escape_markdown(check.explanation)}"
        if check.severity == "warning":
            st.warning(text, icon=":material/warning:")
        elif check.severity == "info":
            st.info(text, icon=":material/info:")
        else:    # passed, or could not run (no like count, too few accounts): no tick for a check not made
            st.caption(("– " if check.explanation.startswith(flags.NOT_CHECKED) else "✓ ") + text)
    if target is not None and data.has_audience:
        st.markdown("**Audience fit**")
        st.caption(escape_markdown(audience.fit_explanation(row, target)))


st.title("Influencers")
ui.data_banner()
ctx = ui.context()
phrases = st.session_state.get(INTENT_KEY, "")
# not Context.key(): the chart's ER measure and source are in it, and they do not change the checks
data = ui.kept(("influencers", ctx.db.version, ctx.filters.key(), phrases), lambda: area.load(ctx, phrases),
               "Checking every account…")
if data.table.empty:
    ui.empty_state("influencers")
    st.stop()

table, target, viral_left_out = data.table, None, False
if not ctx.present:
    view, viral_left_out = filter_controls(table)
    if data.has_audience:
        target = target_controls(table)
        if target.targeted():
            view = area.add_fit(view, target)
    else:
        st.caption("Audience fit: the loaded files carry no audience shares (top country, female, aged 18–34), "
                   "so no fit score can be computed.")
    if data.has_comments:
        lexicon_controls(data.lexicon_size)
    else:
        st.caption("Purchase intent: no comments file is loaded (or none of its comments matches a post), so the "
                   "table has no intent rate.")
else:
    view = table
# cheapest first; with no cost anywhere (unpriced celebrities) the most engaging first instead
by_cpe = bool(view["cpe"].notna().any())
view = view.sort_values(["cpe", "influencer"] if by_cpe else ["median_er", "influencer"], ascending=[by_cpe, True],
                        na_position="last").reset_index(drop=True)

kpis(view, table, viral_left_out)
if view.empty:
    st.warning("No account matches these filters. Lower the minimum ER or clear the search.")
    st.stop()
shown, config = column_config(view, by_cpe)
event = ui.dataframe(for_the_grid(view), key="infl_table", on_select="rerun", selection_mode="multi-row",
                     hide_index=True, column_order=shown, column_config=config)
if not ctx.present:
    if by_cpe and (near_viral := area.cheapest_near_viral_note(view)):
        st.caption(":material/warning: " + escape_markdown(near_viral))
    st.caption(("Sorted by CPE, cheapest first" if by_cpe else "No account has a cost, so sorted by median ER, "
                "highest first") + "; click a header to sort. Tick rows to open their details below. Intent rates "
               "count the comments on the account's posts in the filter.")
    # the rates as fractions, as every export writes them; the post counts as the grid shows them
    ui.csv_download("Download table (CSV)", view[shown].assign(posts=columns.posts_shown(view["posts"])),
                    "influencers", "dl_infl_table")
    ui.show_sql(*area.TABLE_QUERIES, params={"pattern": f"(regular expression built from the {data.lexicon_size:,}"
                                                        " phrases under 'Purchase-intent phrases')",
                                             "influencers": [], **flags.JUMP_RULE})

st.subheader("Engagement against followers")
picked_in_chart = scatter(view, ctx)

rows = [r for r in (event or {}).get("selection", {}).get("rows", []) if r < len(view)]
picked = list(dict.fromkeys([(view.at[r, "influencer"], view.at[r, "platform"]) for r in rows] + picked_in_chart))
st.subheader("Details")
if not picked:
    st.info("Select accounts in the table (tick the row) or in the chart to see their posts, best posts, "
            "purchase-intent comments and authenticity checks.")
    st.stop()
if len(picked) > MAX_DETAILS:
    st.caption(f"Showing the first {MAX_DETAILS} of {len(picked)} selected accounts.")
    picked = picked[:MAX_DETAILS]
measure = "er" if ctx.present else st.radio(
    "Posts chart shows", ["er", "engagements"], horizontal=True, key="infl_posts_measure",
    format_func={"er": "Engagement rate", "engagements": "Engagements"}.get)
posts = ui.query("influencer_posts", {"influencers": sorted({i for i, _ in picked})})
by_key = view.set_index(["influencer", "platform"])
tab_labels = [escape_markdown(f"{h} · {platform_name(p)}") for h, p in picked]     # tab labels read markdown
for tab, (handle, platform) in zip(st.tabs(tab_labels), picked):
    with tab:
        if (handle, platform) not in by_key.index:
            st.caption("This account is no longer in the filtered table.")
            continue
        row = by_key.loc[(handle, platform)]
        row = pd.concat([pd.Series({"influencer": handle, "platform": platform}), row])
        details(row, data, posts, target, measure, ctx.present)
