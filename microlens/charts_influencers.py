"""Figures of the Influencers page. Pure: data frames and benchmark records in, go.Figure out."""
from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import theme
from .benchmarks import ErBenchmark
from .text import platform_name, plotly_lines, plotly_text

BENCHMARK_SEGMENT = "rgba(213, 94, 0, 0.35)"   # theme.BENCHMARK_LINE, see-through so dots stay visible
FADED_OPACITY = 0.25                          # dots of platforms the chosen benchmark does not measure
# A few accounts far above the rest (viral posts at 80-117% beside thousands at 1-30%) squeezed every other dot
# into the bottom fifth: past this multiple of the 99th percentile the axis stops and they are drawn as ▲ on its
# top edge, their ER in the hover text.
ABOVE_VIEW_MULTIPLE, ABOVE_VIEW_MIN_ACCOUNTS = 2.5, 100
# Plotly's own ticks on an axis fit its height (a slide's 215-px plot held thirteen at a fixed 2% step); at the
# tallest they take fewer than this many steps of a range, and the labels have the decimals that many need
ER_FINEST_STEPS = 20
MANY_RINGS = 40                               # past this many flagged accounts the rings are drawn light
# past this many, flagged accounts are not ringed at all: 6,535 light rings over 50,000 accounts (a million posts)
# drew one black mass over the dots, and the footnote says how many carry a flag
MOST_RINGS = 300
# past this many accounts the dots are drawn by WebGL, not as SVG: 50,000 SVG dots (a million posts) took a browser
# seconds to draw and made hovering and lasso selection crawl; WebGL draws them at once
WEBGL_DOTS = 5_000
# The band along the plot's top kept for the tier labels: a line of presenter type and a gap, as a share of the
# shortest plot (theme.LEAST_PLOT_PX; theme.fit_top_band narrows it where the chart is drawn taller)
TIER_LABEL_PX = theme.BASE_SIZE[True] * 1.3 + 6
TIER_LABEL_BAND = TIER_LABEL_PX / theme.LEAST_PLOT_PX
# A tier's segment reaches this factor past the data's smallest and largest follower counts (on the log axis)
TIER_SPAN_MARGIN = 1.6
# A tier label's width per character, as a share of the plot's width where it is narrowest: 14-px type (0.6 em a
# character) on a 1024-px screen's ~500-px plot. Labels nearer than that are not all printed: a tier clipped to a
# sliver at the data's edge put its "0.98%" on top of the next tier's ("0.98%0.88%" over a list of 50K+ accounts).
TIER_LABEL_CHAR_SHARE = 0.6 * theme.BASE_SIZE[False] / 500


def view_top(er: pd.Series) -> float | None:
    """Top of the ER axis when a few accounts sit far above the rest (see ABOVE_VIEW_MULTIPLE), else None."""
    values = er.dropna()
    if len(values) < ABOVE_VIEW_MIN_ACCOUNTS:
        return None
    p99 = float(np.quantile(values, 0.99))
    return p99 * 1.3 if p99 > 0 and values.max() > ABOVE_VIEW_MULTIPLE * p99 else None


def er_ticks(highest: float) -> dict:
    """tickformat of an ER axis from 0 to about `highest` (a fraction): the decimals the finest step Plotly may
    take needs (1, 2 or 5 × a power of ten, ER_FINEST_STEPS to the range), a trailing zero trimmed ("0.5%", "1%").
    Under ".0%" Plotly's ticks read "0%, 0%, 0%, 1%, 1%" over a range of 0-1.2% (one celebrity and its tier)."""
    if not highest > 0 or not math.isfinite(highest):
        return dict(tickformat=".0%")
    rough = highest * 100 / ER_FINEST_STEPS           # in percent
    power = 10 ** math.floor(math.log10(rough))
    step = max(m * power for m in (1, 2, 5) if m * power <= rough)
    # 1e-9: log10 of 0.001 may come out a hair under -3
    return dict(tickformat=f".{max(0, -math.floor(math.log10(step) + 1e-9))}~%")


def on_the_chart(table: pd.DataFrame, er_column: str | None = None) -> pd.Series:
    """The rows build_er_scatter can draw: followers above 0 (its axis is a log scale), and an ER in `er_column`
    where one is named. The headline counts these, and the table beside the chart lists them."""
    # (a blank follower count is no dot: a nullable count's <NA> would stay unknown through ~ and &)
    drawn = table["followers"].gt(0).fillna(False).astype(bool)
    return drawn & table[er_column].notna() if er_column else drawn


# Followers spanning one decade to this many: the axis is labelled at 1, 2 and 5 of each decade (within one, every
# digit has room). Plotly labels every digit up to some 2.5 decades at 1280 px ("40M50M60M70M" over a list of
# Instagram's top accounts, 2M-600M) and takes 1-2-5 itself from about 4
NARROW_DECADES = 3


def build_er_scatter(table: pd.DataFrame, er_column: str, er_label: str, benchmarks: tuple[ErBenchmark, ...],
                     benchmark_name: str, title: str, source_note: str) -> go.Figure:
    """Median ER (y) against followers (x, log scale), one dot per influencer on a platform, with the tiers of
    one benchmark source drawn as shaded horizontal segments across each tier's follower range.

    table: influencer, platform, band, followers, `er_column`, cpe, flagged (bool). Dots carry
    customdata [influencer as plotly_text writes it (html.unescape gives it back), platform, …] so a selection in
    the chart names the accounts (the legend and the hover text name the platform as marketers write it). Accounts
    with an
    authenticity flag get a black ring (up to MOST_RINGS of them). Dots of platforms the benchmark does not cover are
    faded.
    """
    data = table[on_the_chart(table, er_column)].copy()
    data["influencer"] = data["influencer"].map(plotly_text)
    top = view_top(data[er_column])
    data["_above"] = data[er_column] > top if top else False
    data["_y"] = data[er_column].clip(upper=top) if top else data[er_column]
    fig = go.Figure()
    # segments first, so the dots are drawn on top of them
    tiers_drawn = _benchmark_segments(fig, tier_spans(benchmarks, data["followers"]), benchmark_name,
                                      data["followers"])
    bench_platforms = {r.platform for r in benchmarks}
    dots_trace = go.Scattergl if len(data) > WEBGL_DOTS else go.Scatter
    for platform, part in data.groupby("platform", sort=True):
        covered = not benchmarks or platform in bench_platforms or "any" in bench_platforms
        # the accounts above the view as a trace of their own, one symbol a trace: a symbol per dot took plotly
        # 0.8 s to check at 50,000 accounts; the legend entry is the dots' (their ▲ only where all are above)
        for above, dots in part.groupby("_above", sort=True):
            fig.add_trace(dots_trace(
                x=dots["followers"], y=dots["_y"], mode="markers", legendgroup=platform,
                name=platform_name(platform) + ("" if covered else " (not in this benchmark)"),
                showlegend=not above or not (~part["_above"]).any(),
                marker=dict(size=9, color=theme.platform_colour(platform),
                            opacity=0.85 if covered else FADED_OPACITY, line=dict(width=0.5, color="white"),
                            symbol="triangle-up" if above else "circle"),
                customdata=np.stack([dots["influencer"], dots["platform"],
                                     dots["band"].fillna(theme.MISSING).map(plotly_text),
                                     [theme.money(v) for v in dots["cpe"]], dots["platform"].map(platform_name),
                                     [theme.percent(v, 2) for v in dots[er_column]]], axis=-1),
                hovertemplate=("%{customdata[0]} (%{customdata[4]}, %{customdata[2]})<br>"
                               "%{x:,.0f} followers<br>" + er_label + " %{customdata[5]}<br>CPE %{customdata[3]}"
                               "<extra></extra>")))
    # how the dots are drawn, before the sources: a footnote too long for the chart keeps its first lines, and the
    # page and the exports list every source under the chart
    drawing = []
    flagged = data[data["flagged"].fillna(False).astype(bool)]
    if len(flagged) > MOST_RINGS:
        drawing.append(f"{len(flagged):,} flagged accounts are not ringed (too many); the table's flags column names "
                       "them.")
    elif not flagged.empty:
        light = len(flagged) > MANY_RINGS   # hundreds of heavy rings hid the dots and the tier labels
        fig.add_trace(go.Scatter(
            x=flagged["followers"], y=flagged["_y"], mode="markers", name="authenticity flag",
            marker=dict(symbol="circle-open", size=17, color="#000000", line=dict(width=1 if light else 2),
                        opacity=0.45 if light else 1),
            customdata=np.stack([flagged["influencer"], flagged["platform"],
                                 flagged["platform"].map(platform_name)], axis=-1),
            hovertemplate="%{customdata[0]} (%{customdata[2]}): flagged, see details<extra></extra>"))
    fig.update_layout(
        title=dict(text=plotly_text(title)),
        # 1k, 2k, 5k, 10k … where the plot is wide, else 1k, 10k, 100k (Plotly's ticks fit the width: a fixed
        # "D2" ran together as "50k100k200k" at 1024 px); without the format "1000" stood beside "10k"
        # ...but over two decades or fewer Plotly labels every digit, and a list of celebrities (30M-700M) read
        # "80M90M" with "100M" pushed below the row: 1-2-5 there
        xaxis=dict(type="log", title="Followers (log scale)", tickformat="~s",
                   dtick="D2" if 1 <= theme.decades(data["followers"]) <= NARROW_DECADES else None),
        # short enough for a slide's chart height, what the rate counts on a line of its own ("Median ER by
        # followers (likes+comments)" ran past the foot of a 1280×720 slide's plot); the footnote says the ratio
        yaxis=dict(title=f"Median {er_label}".replace(" (", "<br>(", 1), rangemode="tozero",
                   range=[0, top * 1.03] if top else None,
                   domain=[0, 1 - TIER_LABEL_BAND if tiers_drawn else 1],
                   **er_ticks(top * 1.03 if top else max([data["_y"].max(), *tiers_drawn]) if not data.empty else 0)),
        # the template's legend above the plot, with room for its rows: beside the plot it took a third of the
        # width in presenter mode and the follower ticks ran together
        margin=dict(r=40, t=theme.legend_margin_top(theme.legend_names(fig))),
        height=600, meta={theme.TOP_BAND: (TIER_LABEL_PX, TIER_LABEL_BAND)} if tiers_drawn else None,
    )
    if top:
        above = int(data["_above"].sum())
        drawing.insert(0, f"▲ {above:,} account{'s' if above != 1 else ''} above {theme.percent(top, 0)}, drawn on the "
                          "top edge (ER in the hover text).")
    theme.source_footnote(fig, plotly_lines("<br>".join([*drawing, source_note])))
    return fig


def tier_spans(benchmarks: tuple[ErBenchmark, ...], followers: pd.Series) -> list[tuple[ErBenchmark, float, float]]:
    """The tiers drawn beside dots at `followers`, each with the follower span of its segment: from its lower to its
    upper edge, clipped to the data's span widened by TIER_SPAN_MARGIN (an open-ended ">1M" tier ends at the data's
    right edge). A tier wholly outside it is not drawn, and the report's list of benchmarks used leaves it out."""
    followers = followers[followers > 0]
    if followers.empty:
        return []
    x_min, x_max = followers.min() / TIER_SPAN_MARGIN, followers.max() * TIER_SPAN_MARGIN
    spans = [(r, max(r.followers_low, x_min), min(math.inf if r.followers_high is None else r.followers_high, x_max))
             for r in sorted(benchmarks, key=lambda r: r.followers_low)]
    return [(r, x0, x1) for r, x0, x1 in spans if x0 < x1]


def _tier_value(r: ErBenchmark) -> str:
    return theme.percent(r.er, 2 if r.er < 0.01 else 1)


def labelled_tiers(spans: list[tuple[ErBenchmark, float, float]],
                   followers: Iterable[float] = ()) -> list[tuple[ErBenchmark, float]]:
    """(tier, log10 of its label's x) for the tiers whose label stands clear of the others printed, widest tier first
    where two contend: each over its segment's middle, TIER_LABEL_CHAR_SHARE of the plot a character, the plot
    spanning the segments and the dots at `followers` (dots far below the lowest tier widen the axis and bring the
    labels nearer). A tier left without a label keeps its segment, whose hover gives its ER."""
    if not spans:
        return []
    xs = [x for _, x0, x1 in spans for x in (x0, x1)] + [f for f in followers if f > 0]
    left = math.log10(min(xs))
    width = max(math.log10(max(xs)) - left, 1e-9)
    placed: list[tuple[ErBenchmark, float, float]] = []     # (tier, centre, half width) in shares of the plot
    for r, x0, x1 in sorted(spans, key=lambda t: -math.log10(t[2] / t[1])):
        centre = (math.log10(math.sqrt(x0 * x1)) - left) / width
        half = len(_tier_value(r)) * TIER_LABEL_CHAR_SHARE / 2
        if all(abs(centre - c) >= half + h for _, c, h in placed):
            placed.append((r, centre, half))
    return [(r, left + centre * width) for r, centre, _ in sorted(placed, key=lambda t: t[1])]


def _benchmark_segments(fig: go.Figure, spans: list[tuple[ErBenchmark, float, float]], name: str,
                        followers: pd.Series) -> list[float]:
    """Each tier of tier_spans as a thick see-through line across its span, labelled with its ER where the label
    has room (labelled_tiers); the ERs drawn."""
    xs, ys, hover = [], [], []
    for r, x0, x1 in spans:
        xs += [x0, x1, None]
        ys += [r.er, r.er, None]
        hover += [f"{plotly_text(name)}<br>{plotly_text(r.tier)}: {_tier_value(r)}"] * 2 + [None]
    for r, x in labelled_tiers(spans, followers):
        # Each label in the band along the plot's top that the axes leave free (TIER_LABEL_BAND), over its tier's
        # middle: by the segment, boxed on white, the labels hid the dots around it ("0.98%" on a slide).
        fig.add_annotation(x=x, y=1, yref="paper", yanchor="top", text=_tier_value(r),
                           showarrow=False, font=dict(color=theme.BENCHMARK_LINE))
    if xs:
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="benchmark tier", hovertext=hover,
                                 hoverinfo="text", line=dict(color=BENCHMARK_SEGMENT, width=10)))
    return [y for y in ys if y is not None]


def build_posts_over_time(posts: pd.DataFrame, measure: str, title: str) -> go.Figure:
    """One influencer's posts by date: ER (measure="er") or engagements, organic, sponsored and those the data does
    not mark either way apart, with the median as a dotted line.

    posts: posted_at, er, engagements, sponsored, url, caption (one influencer on one platform).
    """
    data = posts[posts["posted_at"].notna() & posts[measure].notna()].sort_values("posted_at")
    is_er = measure == "er"
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=data["posted_at"], y=data[measure], mode="lines", name="all posts",
                             line=dict(color="#9ca3af", width=1), hoverinfo="skip"))
    # a file without a sponsored column says nothing of it: such a post is no organic post
    given = data["sponsored"].notna()
    sponsored = data["sponsored"].fillna(False).astype(bool)
    for part, name, colour, symbol in ((data[given & ~sponsored], "organic post", theme.OKABE_ITO[0], "circle"),
                                       (data[sponsored], "sponsored post", theme.OKABE_ITO[1], "diamond"),
                                       (data[~given], "post (sponsored or not: not given)", theme.ESTIMATED_COLOUR,
                                        "circle")):
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["posted_at"], y=part[measure], mode="markers", name=name,
            marker=dict(size=9, color=colour, symbol=symbol),
            customdata=np.stack([part["caption"].fillna("").astype(str).str.slice(0, 60).map(plotly_text),
                                 part["engagements"].fillna(0)], axis=-1),
            hovertemplate=("%{x|%Y-%m-%d}<br>" + ("ER %{y:.2%}" if is_er else "%{y:,.0f} engagements")
                           + "<br>%{customdata[0]}<extra></extra>")))
    if not data.empty:
        median = float(data[measure].median())
        fig.add_hline(y=median, line=dict(color="#555", dash="dot", width=1),
                      annotation_text=f"median {theme.percent(median, 1) if is_er else theme.count(median)}",
                      annotation_position="top left")
    fig.update_layout(
        title=dict(text=plotly_text(title)), height=380,
        xaxis=dict(title="Posted"),
        yaxis=dict(title="Engagement rate (engagements ÷ followers)" if is_er else "Engagements per post",
                   tickformat=".1%" if is_er else ",.0f", rangemode="tozero"),
    )
    return fig
