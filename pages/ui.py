"""Streamlit glue shared by every page: the session's database, filters, cached queries, chart and table helpers.

Not a page itself (dashboard.py lists the pages). Everything that is not about drawing lives in microlens/.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections import Counter
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from microlens import db as mdb
from microlens import area_campaigns, charts_campaigns, columns, export, ingest, metrics, theme
from microlens.export_model import table_html, table_text
from microlens.filters import Filters
from microlens.text import counted, escape_markdown, escape_markdown_with_sites, file_stem, platform_name

SAMPLE_FLAG = "sample_loaded"
ENTRY_RAN = "entry_ran"      # set by dashboard.py on every run
DEEP_LINK = "deep_link"      # the page a first request asked for, opened once dashboard.py has run
FAVICON = Path(__file__).resolve().parent.parent / "microlens" / "assets" / "favicon.png"


def through_entry_script(page_file: str) -> None:
    """Every page starts here. When the first request after the server starts is a page's URL, Streamlit runs
    that page file on its own (its older multipage mode, chosen because a pages/ folder exists), without
    dashboard.py: no filters, no page list. Go through dashboard.py instead, keeping the page and the URL."""
    if not st.session_state.get(ENTRY_RAN):
        st.session_state[DEEP_LINK] = f"pages/{Path(page_file).name}"
        st.switch_page("dashboard.py", query_params=st.query_params.to_dict())


def database() -> mdb.Database:
    """This browser session's private DuckDB (created on first use, with sample data so the app never opens
    empty). Held in session_state, so it is freed with the session and no other session can reach it."""
    if "db" not in st.session_state:
        db = mdb.new_database()
        ingest.load_sample_data(db)
        st.session_state["db"] = db
        st.session_state[SAMPLE_FLAG] = True
    return st.session_state["db"]


def using_sample() -> bool:
    return bool(st.session_state.get(SAMPLE_FLAG))


def filters() -> Filters:
    return st.session_state.get("filters", Filters())


START_FILTERS = "url_filters"   # what the sidebar's inputs start from: the URL's filters, or a page's change to them
_RATE_CARD_INPUTS = "rate_card_inputs"


def rate_card_key() -> str:
    """The key of the sidebar's rate-card input: a new one each time a page sets the rate (use_rate_card)."""
    return f"f_rate_{st.session_state.get(_RATE_CARD_INPUTS, 0)}"


def use_rate_card(rate: float) -> None:
    """From a widget callback: the sidebar's rate card becomes `rate`, as a new input starting from it. (Setting the
    input's own state made Streamlit warn of a value given both ways; re-creating it under the same key kept the
    browser's old value; an input without a value argument showed its minimum after an interrupted first run.)"""
    st.session_state[START_FILTERS] = dataclasses.replace(st.session_state.get(START_FILTERS, Filters()),
                                                          rate_per_1k=rate)
    st.session_state[_RATE_CARD_INPUTS] = st.session_state.get(_RATE_CARD_INPUTS, 0) + 1


def present_mode() -> bool:
    return bool(st.session_state.get("present"))


# Bounded: at 1M posts one result can be 50,000 accounts' rows (influencer_table, tens of MB), and every filter setting
# tried would otherwise stay in memory for the whole session.
@st.cache_data(scope="session", max_entries=64, show_spinner=False)
def _cached_query(version: int, name: str, params: dict, _db: mdb.Database) -> pd.DataFrame:
    """Keyed by (data version, query, params): a new upload bumps the version, so nothing stale is shown."""
    return mdb.run(_db, name, params)


def query(name: str, params: dict | None = None, f: Filters | None = None) -> pd.DataFrame:
    """Run queries/<name>.sql with the global filters (or `f`) plus any extra parameters."""
    db = database()
    merged = {**(f or filters()).params(), **(params or {})}
    return _cached_query(db.version, name, mdb.bind(name, merged), db).copy()


def data_query(name: str) -> pd.DataFrame:
    """Run a parameter-free queries/<name>.sql (what the loaded data offers: filter_options), cached as query() is:
    the sidebar ran it on every rerun of every page, 0.13-0.2 s at 1M posts."""
    db = database()
    return _cached_query(db.version, name, {}, db).copy()


# A few entries: each can hold every account's checks (about 70 MB at 50,000 accounts); the charts kept beside them
# (Influencers, Campaigns) are a few MB.
@st.cache_resource(scope="session", max_entries=6, show_spinner=False)
def _kept(key: tuple, _build):
    return _build()


def kept(key: tuple, build, working: str = "Working…"):
    """build(), run once per `key` in this session and kept: a rerun that changes nothing the result depends on
    (ticking a row, typing a title) gets it back at once. `key` starts with a name of its own and must hold
    everything the result depends on (Context.key() for sections). Shared, not copied: callers derive new
    frames from it instead of changing it (chart() setting the house template and fitting a band of labels to the
    figure's set height, the same on every run, is the one change made in place)."""
    with st.spinner(working):
        return _kept(key, build)


def stylesheet(css: str) -> None:
    """CSS for the page. Sent with st.html, which puts style-only HTML in Streamlit's event container: a markdown
    element holding it took a row of the page and a gap of its own (three pushed each slide's headline down)."""
    st.html(f"<style>{css}</style>")


def show_sql(*names: str, params: dict | None = None) -> None:
    """The SQL behind a chart and the values bound to it: analysts can check where a number comes from. Not in
    presenter mode, which hides the controls (as ui.section leaves out a section's SQL there)."""
    if present_mode():
        return
    with st.expander("Show SQL"):
        merged = {**filters().params(), **(params or {})}
        for name in names:
            st.caption(f"queries/{name}.sql")
            st.code(mdb.query_text(name), language="sql")
            bound = mdb.bind(name, merged)
            if bound:       # a query without parameters: no bare "{}" under it
                st.json({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in bound.items()},
                        expanded=False)


# A chart's finding as text above it (chart()), shown on a screen too narrow for the chart's own title: a title is
# wrapped on the server for a chart theme.APP_CHART_PX wide, the main column of a 1280-px screen with the sidebar
# open (460 px of sidebar and padding), and Plotly cuts what runs past the chart's edge without a sign. Narrower (a
# window beside another, a laptop at 125-150% scaling, 1024-px screens) the finding wraps as text, with the title's
# subtitle, and the chart's are hidden; the chart keeps them for the image its camera icon saves. So is a sources
# footnote, which the page prints under the chart as text, and which was cut at the chart's edge as the title was.
# the narrowest screen whose main column holds a chart theme.APP_CHART_PX wide with the sidebar open
WIDE_FROM_PX = theme.APP_CHART_PX + 460
NARROW_SCREEN = f"(max-width: {WIDE_FROM_PX - 1}px)"
WIDE_SCREEN = f"(min-width: {WIDE_FROM_PX}px)"


def narrow_screen_only(key: str):
    """A container shown only on a NARROW_SCREEN, where chart() hides a chart's own note: for a page that prints the
    note as text there alone (beside the chart's note on a wide screen the text read as a glitch)."""
    stylesheet(f"@media {WIDE_SCREEN} {{ .st-key-{key} {{ display: none; }} }}")
    return st.container(key=key)


_HEADLINE = '[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > .chart-headline{})'
_CHART_AFTER = ' + [data-testid="stElementContainer"] '
CHART_HEADLINE = (f"{_HEADLINE.format('')} {{ display: none; }} "
                  f".chart-headline p {{ margin: 0; font-size: {theme.BASE_SIZE[False] * theme.TITLE_SCALE}px; "
                  "font-weight: 600; line-height: 1.35; color: #1f2933; } "
                  f".chart-headline p.qualified {{ font-size: {theme.BASE_SIZE[False]}px; font-weight: 400; "
                  "margin-top: 0.2rem; } "
                  f"@media {NARROW_SCREEN} {{ {_HEADLINE.format('')} {{ display: block; }} "
                  f"{_HEADLINE.format('')}{_CHART_AFTER}:is(.gtitle, .gtitle-subtitle) {{ display: none; }} }}")


def chart(fig: go.Figure, key: str, data: pd.DataFrame | None = None, **kwargs):
    """Draw a figure in the house style; offer its data as CSV (formula-safe) beneath it. A title wrapped for the
    app's chart width (theme.APP_CHART_PX) comes with its finding as text above the chart, which the page shows
    instead of the chart's title on a screen narrower than that chart (CHART_HEADLINE)."""
    theme.fit_top_band(theme.apply(fig, present=present_mode()))
    if fig.layout.title.text and not fig.layout.width:
        answer, qualified = theme.title_as_text(fig.layout.title.text)
        subtitle = theme.plain_text(fig.layout.title.subtitle.text)
        footnote = next((i for i, a in enumerate(fig.layout.annotations) if a.name == theme.FOOTNOTE), None)
        band = theme.title_band_px(fig, present_mode())
        marks = ((f' data-footnote="{footnote}"' if footnote is not None else "")
                 + (f' data-band="{band}"' if band else ""))
        st.html(f'<div class="chart-headline"{marks}><p>{html.escape(answer)}</p>'
                + "".join(f'<p class="qualified">{html.escape(line)}</p>' for line in (qualified, subtitle) if line)
                + "</div>")
        rules = []
        if footnote is not None:
            marked = _HEADLINE.format(f'[data-footnote="{footnote}"]')
            rules.append(f'{marked}{_CHART_AFTER}g.annotation[data-index="{footnote}"] {{ display: none; }}')
        if band:
            # the chart moves up over the band its hidden title leaves; the finding stays on top, and lets a click
            # through to the chart's toolbar beneath it
            marked = _HEADLINE.format(f'[data-band="{band}"]')
            rules.append(f"{marked} {{ position: relative; z-index: 1; pointer-events: none; }} "
                         f"{marked}{_CHART_AFTER.rstrip()} {{ margin-top: -{band}px; }}")
        if rules:
            stylesheet(f"@media {NARROW_SCREEN} {{ {' '.join(rules)} }}")
    # theme=None: the house template as drawn, as in every export. Streamlit's own chart theme would replace its
    # type and colours, sized once per page load, so switching presenter mode on left the charts small.
    state = st.plotly_chart(fig, key=key, theme=None, config={"displaylogo": False,
                                                  "toImageButtonOptions": {"format": "png", "scale": 2}},
                            **kwargs)
    if data is not None and not present_mode():
        csv_download("Download chart data (CSV)", data, key)
    return state


def download_button(label: str, data, **kwargs):
    """st.download_button that does not rerun the app. A rerun started by the click draws the button again and
    revokes the file the click is still fetching (a deferred `data` callable most of all), so now and then the
    click downloads nothing; nothing on a page depends on a download having been clicked."""
    return st.download_button(label, data, on_click="ignore", **kwargs)


# Columns a table shows in presenter mode, as on a slide: 22 campaign columns at projector size were unreadable
PRESENT_COLUMNS = 8
# Tables with more columns than this scroll sideways at 1400 px: their first column is pinned
PINNED_FROM = 8
PERCENT_SHOWN = "%.1f%%"


def dataframe(data, **kwargs):
    """st.dataframe as the rest of the app shows values: missing ones as "–", not "None"; platforms as marketers
    write them ("TikTok", not the stored "tiktok"); percentages with one decimal. Rows keep their positions, so a
    selection indexes `data`. A table wider than the page keeps its first column (the campaign, the influencer) in
    view while it scrolls sideways. In presenter mode only the first PRESENT_COLUMNS columns (the tables put what a
    client asks first)."""
    if isinstance(data, pd.DataFrame):
        if "platform" in data.columns:
            data = data.assign(platform=data["platform"].map(platform_name, na_action="ignore"))
        data, kwargs["column_config"] = _percent_columns(data, kwargs.get("column_config") or {})
        kwargs["column_config"] = _cpe_columns(data, kwargs["column_config"])
    cut = (present_mode() and isinstance(data, pd.DataFrame) and "column_order" not in kwargs
           and len(data.columns) > PRESENT_COLUMNS)
    if cut:
        kwargs["column_order"] = list(data.columns[:PRESENT_COLUMNS])
    elif isinstance(data, pd.DataFrame):
        config = dict(kwargs["column_config"])      # a page's own dict, shared by its tables, stays as it is
        shown = [c for c in kwargs.get("column_order") or data.columns if config.get(c, "") is not None]  # None: hidden
        if len(shown) > PINNED_FROM:
            first = config.get(shown[0])
            first = st.column_config.Column(first) if first is None or isinstance(first, str) else first
            kwargs["column_config"] = {**config, shown[0]: {**first, "pinned": True}}
    state = st.dataframe(data, placeholder=theme.MISSING, **kwargs)
    if cut:
        st.caption(f"The first {PRESENT_COLUMNS} of {len(data.columns)} columns; presenter mode off shows them all.")
    return state


def _cpe_columns(data: pd.DataFrame, config: dict) -> dict:
    """Columns configured with CPE_FORMAT, with as many decimals as the column's smallest cost needs, the same on
    every row (theme.cpe_printf)."""
    return {**config, **{col: {**cfg, "type_config": {**cfg["type_config"], "format": theme.cpe_printf(
                             pd.to_numeric(data[col], errors="coerce").dropna().tolist())}}
                         for col, cfg in config.items()
                         if col in data.columns and isinstance(cfg, dict)
                         and (cfg.get("type_config") or {}).get("format") == CPE_FORMAT}}


def _percent_columns(data: pd.DataFrame, config: dict) -> tuple[pd.DataFrame, dict]:
    """Columns configured with Streamlit's "percent" format (numbers and progress bars), as percents with one
    decimal ("160.8%", as the cards and exports print them): that format prints two ("160.82%"), and a printf
    format does not multiply by 100, so the values (and a bar's ends) are scaled here, for display only."""
    scaled = {col: cfg["type_config"] for col, cfg in config.items()
              if col in data.columns and isinstance(cfg, dict) and (cfg.get("type_config") or {}).get("format")
              == "percent" and cfg["type_config"].get("type") in ("number", "progress")}
    if not scaled:
        return data, config

    def hundredfold(value):
        return None if value is None else value * 100

    return (data.assign(**{col: data[col] * 100 for col in scaled}),
            {**config, **{col: {**config[col], "type_config": {
                **spec, "format": PERCENT_SHOWN,
                **{end: hundredfold(spec[end]) for end in ("min_value", "max_value") if end in spec}}}
                for col, spec in scaled.items()}})


def data_editor(data, **kwargs):
    """st.data_editor with missing values shown as "–", not as "None"."""
    return st.data_editor(data, placeholder=theme.MISSING, **kwargs)


def csv_download(label: str, frame: pd.DataFrame, name: str, key: str | None = None, **kwargs):
    """A formula-safe CSV of `frame` as <name>.csv, sample_data_<name>.csv from the sample (a CSV has no room for
    the mark every other export carries, and opened on its own passed for the client's data). Built only when
    clicked: a 50,000-row table would otherwise be written (about a second) and shipped on every rerun."""
    # (a name may hold a handle: 'infl_posts_<a href=…>_tiktok')
    stem = ("sample_data_" if using_sample() else "") + file_stem(name)
    return download_button(label, lambda: export.to_csv(frame), file_name=f"{stem}.csv", mime="text/csv",
                           key=key or f"dl_{name}", **kwargs)


def data_banner(where: str = "on the **Data** page") -> None:
    """What every page's figures rest on, above them: that the data is invented (`where`: where to upload one's own
    files, from the page showing the banner), or that some files' amounts in another currency count as dollars (the
    Data page's note alone left a sheet of euros compared with benchmarks in dollars on every other page)."""
    if using_sample():
        st.info("You are looking at **sample data** (invented influencers, posts and campaigns). "
                f"Upload your own files {where}; the sample is removed when you do.",
                icon=":material/science:")
    elif unconverted := unconverted_amounts():
        st.warning(escape_markdown(
            f"Amounts in another currency are counted as US dollars, one for one: {'; '.join(unconverted)}. Give "
            "each file's rate to US dollars in its panel on the Data page (under its kind), so that they stand beside "
            "the benchmarks, which are in dollars."), icon=":material/currency_exchange:")


def unconverted_amounts() -> list[str]:
    """'fees.csv (€)' for each loaded file whose money columns name another currency and that has no rate to dollars
    (the Data page's reports of this session)."""
    loaded = set(query("loaded_files")["source_file"])
    return [f"{r.file} ({', '.join(r.currencies)})" for r in st.session_state.get("reports", {}).values()
            if r.amounts_as_dollars and not r.error and r.file in loaded]


def kpi_columns(n: int):
    """A row of n KPI cards (cards without a delta): a label too long for its card wraps onto a second line, and
    bottom alignment keeps the row's numbers on one line however many lines each label takes."""
    return st.columns(n, vertical_alignment="bottom")


def empty_state(what: str) -> None:
    """Nothing to show: the filters in force named (a price range that excludes everything sat below the fold of the
    sidebar, and the pages said only "the current filters")."""
    st.warning(f"No {what} in the current data and filters ({escape_markdown(filters().describe())}). Load files on "
               "the Data page or widen the filters in the sidebar.")



# A select box's value in Streamlit's type: ~6 px a character, 7 allowing for capitals and wide glyphs; and what the
# box adds around it (padding, the arrow). At most a 1024-px screen's main column (with the sidebar open).
SELECT_CHAR_PX, SELECT_PAD_PX, SELECT_MOST_PX = 7, 72, 560


def select_width(options: list[str]) -> int:
    """The width in px of a select box that shows its longest option whole."""
    return min(SELECT_MOST_PX, SELECT_PAD_PX + SELECT_CHAR_PX * max(map(len, options), default=0))


def distinct_labels(labels: dict) -> dict:
    """{option: label} with each label told apart: Streamlit maps a chosen label back to its option, so two options
    with one label (Markerly's four tiers shared a citation) came back as the first of them."""
    seen = Counter(labels.values())
    return {option: label if seen[label] == 1 else f"{label} ({option})" for option, label in labels.items()}


def chosen(key: str, default=None):
    """A widget's value as last chosen, on every page and run. Streamlit drops a widget's state on the first run
    that does not draw it (another page, or presenter mode, which hides the controls): read from the widget's own
    key there, the celebrity sources fell back to another choice and the slide answered "17× cheaper" where the
    page had said "83×"."""
    return st.session_state.get("chosen_" + key, default)


def remember(key: str, value) -> None:
    """Remember what a widget returned, for chosen()."""
    st.session_state["chosen_" + key] = value


def leave_out_viral_checkbox(key: str, count: int, help_text: str, measure: str = "median ER") -> bool:
    """'Leave out N viral accounts (<measure> over 100%)', ticked by default and remembered (chosen/remember), so
    that slides and exports, which do not draw it, follow the page."""
    leave_out = st.checkbox(f"Leave out {counted(count, 'viral account')} ({measure} over "
                            f"{theme.percent(metrics.VIRAL_ER, 0)})", value=chosen(key, True), key=key, help=help_text)
    remember(key, leave_out)
    return leave_out


def context():
    """The Context every area module builds its sections from, wired to this session's cached queries."""
    from microlens import benchmarks as bm
    from microlens.context import Context

    db = database()
    return Context(
        db=db, filters=filters(),
        er_records=st.session_state.get("bench_er", bm.ER_BENCHMARKS),
        price_records=st.session_state.get("bench_price", bm.PRICE_BENCHMARKS),
        share_claims=st.session_state.get("bench_share", bm.PRICE_SHARE_CLAIMS),
        cpm_records=st.session_state.get("bench_cpm", bm.CPM_BENCHMARKS),
        celeb_price_keys=tuple(chosen("celeb_price_keys", bm.DEFAULT_CELEBRITY_PRICE_KEYS)),
        celeb_er_keys=tuple(chosen("celeb_er_keys", bm.DEFAULT_CELEBRITY_ER_KEYS)),
        celeb_followers=chosen("celeb_followers", bm.DEFAULT_CELEBRITY_FOLLOWERS),
        present=present_mode(),
        intent_extra=st.session_state.get("intent_extra", ""),
        influencer_er_measure=chosen("infl_er_measure"),
        influencer_er_source=chosen(f"infl_source_{chosen('infl_er_measure')}"),
        influencer_leave_out_viral=chosen("infl_leave_out_viral", True),
        cost_leave_out_viral=chosen("cost_leave_out_viral", True),
        runner=lambda name, params: _cached_query(db.version, name, params, db).copy())


# A cost per engagement column's marker: ui.dataframe gives it the decimals its smallest cost needs (a viral post's
# $0.000044 per engagement must not read "$0.00", and one column keeps one number of decimals)
CPE_FORMAT = "$%.3g"
# Contract fees and costs, revenue and known prices in whole dollars ("$22,000", not "$22,000.00")
DOLLARS_FORMAT = "$%,.0f"
# Each kind of column (microlens.columns) as the grid formats it: printf forms, or Streamlit's named ones
_GRID_FORMATS = {columns.POINTS: "%+.0f pts", columns.MULTIPLE: "%.2f×", columns.CPE: CPE_FORMAT,
                 columns.DOLLARS: DOLLARS_FORMAT, columns.SIGNED_DOLLARS: "%+,.0f", columns.MONEY: "dollar",
                 columns.PERCENT: "percent",
                 columns.COUNT: "localized", columns.YEAR: "%d", columns.SCORE: "%.2f"}


def table_config(frame: pd.DataFrame, helps: dict[str, str] | None = None, hidden: tuple[str, ...] = (),
                 widths: dict[str, str] | None = None) -> dict:
    """Readable column labels and formats ($, %, thousands) for a table, as the exports show it (the catalog,
    microlens.columns, decides both: a page's own labels had drifted from its slides' and PDF's, "CPA" beside
    "Cost per order"); `helps` adds a column's tooltip, `hidden` columns are not shown, `widths` sets some."""
    config = {}
    for col in frame.columns:
        label, kind = columns.label(col), columns.kind(col, frame[col])
        extra = {k: v for k, v in (("help", (helps or {}).get(col)), ("width", (widths or {}).get(col))) if v}
        config[col] = (st.column_config.Column(label, **extra) if kind == columns.TEXT
                       else st.column_config.NumberColumn(label, format=_GRID_FORMATS.get(kind), **extra))
    return {**config, **{col: None for col in hidden}}


# A cell's word may break anywhere: a column is kept as wide as its longest word up to WHOLE_WORD_CHARS (reading_table)
# (a table whose columns' least widths pass the page's scrolls in its own frame, as a grid does: at 1024 px the
# benchmarks' ran past the page's edge)
READING_TABLE = (".reading-table { overflow-x: auto; } "
                 ".reading-table table { border-collapse: collapse; font-size: 0.9rem; line-height: 1.45; } "
                 ".reading-table :is(th, td) { padding: 0.45em 1.1em 0.45em 0; border-bottom: 1px solid #e5e7eb; "
                 "vertical-align: top; text-align: left; overflow-wrap: anywhere; } "
                 ".reading-table th { color: #4b5563; font-weight: 500; } .reading-table .num { text-align: right; }")
# The longest word, in characters, a reading table keeps on one line; a longer one (a web address) breaks where the
# column ends: the rate card's link and note ran 180 px past the page's edge on a 1024-px screen, which scrolled
# sideways
WHOLE_WORD_CHARS = 18


def reading_table(frame: pd.DataFrame) -> None:
    """A table to read rather than sort or search: every cell whole, wrapped in its column (a grid cut the metric
    glossary's definitions at the column's edge), every cell escaped (export_model.table_html), as wide as the page."""
    stylesheet(READING_TABLE)
    text = table_text(frame)
    st.html(f'<div class="reading-table">{table_html(text, widths=least_widths(text))}</div>')


def least_widths(text) -> list[str]:
    """Each column of a reading table at least as wide as its longest word, up to WHOLE_WORD_CHARS, and the cell's
    padding (CSS lengths; a character ~1ch, with one to spare for wide letters: "Source" broke as "Sour ce")."""
    return [f"calc({min(WHOLE_WORD_CHARS, max(len(word) for cell in cells for word in cell.split() or [''])) + 1}ch"
            " + 1.1em)" for cells in zip(text.labels, *text.rows)]


# A section's table of up to this many rows (and no chart) is shown whole, wrapped (reading_table), not in a grid
READ_WHOLE_ROWS = 30


def section(sec, key: str | None = None) -> None:
    """Draw one Section: the finding as headline (it is also the chart title), the chart, its data, its SQL."""
    if sec.figure is not None:
        chart(sec.figure, key or sec.key, sec.table)
    else:
        st.markdown(f"**{escape_markdown(sec.finding)}**")
        if len(sec.table) <= READ_WHOLE_ROWS:
            # read, not searched: the benchmarks' sources and definitions were cut at a grid's edge at 1280 px. The
            # catalog IDs stay in the exports (the Benchmarks page's editor shows them): long words that do not wrap,
            # they ran the table past the page's edge
            reading_table(sec.table.drop(columns="key", errors="ignore"))
        else:
            dataframe(sec.table, hide_index=True, column_config=table_config(sec.table))
    if sec.source and not present_mode():
        st.caption("Sources: " + escape_markdown_with_sites(sec.source))
    if sec.sql and not present_mode():
        with st.expander("Show SQL"):
            st.code(sec.sql, language="sql")
            st.json({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in filters().params().items()},
                    expanded=False)


def sales_evidence(ctx, heading: str | None = None) -> None:
    """One line answering the follower-band question in coupon-code sales, linked to the Campaigns page, under
    `heading` if given, where campaigns with orders are loaded (Overview, Cost vs celebrity); nothing otherwise."""
    evidence = area_campaigns.band_evidence(ctx)
    if evidence is None:
        return
    per_band, cut = evidence
    if heading:
        st.subheader(heading)
    measure = "In sales" if charts_campaigns.band_returns_in_sales(per_band) else "In sign-ups"
    # a range that cuts contracts short qualifies the sentence itself: "returned $0.095 per $1" read as a finding
    # with the warning only in a caption under it
    scope = "coupon codes; whole contracts against the orders in the date range" if cut else "coupon codes"
    st.markdown(f"**{measure}** ({scope}): " + escape_markdown(charts_campaigns.band_return_finding(per_band)) + ".")
    if cut:
        st.caption(":material/warning: " + escape_markdown(cut))
    st.page_link("pages/campaigns.py", label="Return by follower band, on the Campaigns page",
                 icon=":material/campaign:")
