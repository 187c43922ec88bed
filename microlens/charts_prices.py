"""The Prices page's figures, pure builders: the distribution of known prices per post against the claims' price
lines, and the rate card (price against followers) fitted per platform with its outliers."""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import theme
from .text import platform_name, plotly_text


# Up to $250 every width divides 250, so bin edges fall exactly on the $250 and $500 lines; wider bins only
# appear when the band's prices run into the thousands.
_NICE_WIDTHS = (5, 10, 25, 50, 125, 250, 500, 1000, 2500, 5000, 10000, 25000)


def bin_width(upper: float, target_bins: int = 30) -> float:
    """The smallest 'nice' width giving at most `target_bins` bins from $0 up to `upper`; past the nice widths, a
    power of ten (a $1,000,000,000 price drew 40,000 bins of $25,000, and the largest price a load takes, 400,000)."""
    nice = next((w for w in _NICE_WIDTHS if upper / w <= target_bins), None)
    return float(nice or 10 ** math.ceil(math.log10(upper / target_bins)))


NOTE_LINE_PX = round(theme.BASE_SIZE[True] * 1.35)   # a line of a chart note at presenter type size
NOTE_GAP_PX = 6
# The most of the plot's height the notes take: more claims than fit share the band and run onto the bars
MOST_NOTE_BAND = 0.6


def note_px(text: str) -> int:
    """A price note's height and the gap under it, at presenter type size."""
    return (text.count("<br>") + 1) * NOTE_LINE_PX + NOTE_GAP_PX


def build_price_distribution(prices: pd.Series, notes: Sequence[tuple[float, str]], title: str,
                             band: str) -> go.Figure:
    """Histogram of known prices per post (bars, left axis) with the cumulative share (step line, right axis)
    and a vertical line per price threshold with its annotation. Prices above the view are counted in the
    cumulative share and named in a note."""
    values = np.sort(prices.dropna().to_numpy(dtype=float))
    top_line = max((t for t, _ in notes), default=0.0)
    upper = max(top_line * 1.4, float(np.quantile(values, 0.98)) if len(values) else 0.0)
    width = bin_width(upper)
    upper = math.ceil(upper / width) * width
    edges = np.arange(0.0, upper + width, width)
    counts, _ = np.histogram(np.clip(values, 0, None), bins=edges)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=edges[:-1] + width / 2, y=counts, width=width * 0.92, name=f"{band} influencers per ${width:,.0f} bin",
        marker_color=theme.BAND_COLOURS.get(band, theme.OKABE_ITO[0]), opacity=0.75,
        customdata=np.stack([edges[:-1], edges[1:]], axis=-1),
        hovertemplate="$%{customdata[0]:,.0f}–$%{customdata[1]:,.0f}: %{y} influencers<extra></extra>"))
    n = len(values)
    if n:
        step_x = np.concatenate([[0.0], values, [max(upper, values[-1])]])
        step_y = np.concatenate([[0.0], np.arange(1, n + 1) / n, [1.0]])
        fig.add_trace(go.Scatter(
            x=step_x, y=step_y, yaxis="y2", mode="lines", line=dict(shape="hv", color="#000000", width=2),
            name="cumulative share at or below the price",
            hovertemplate="$%{x:,.0f}: %{y:.0%} at or below<extra></extra>"))
    # The notes stand in a band along the plot's top that the axes leave free: drawn over the data, on a see-through
    # ground, they hid the $200–$300 bars and the $250 line on every page, slide and PDF. Stacked at presenter type
    # size, the band is sized on the shortest plot the chart is drawn in, so no bar, step or price line runs under a
    # note on a taller one either; where the drawn height is known, theme.fit_top_band shrinks it to the notes.
    band_px = sum(note_px(text) for _, text in notes)
    data_top = theme.band_foot(band_px, theme.LEAST_PLOT_PX, MOST_NOTE_BAND)
    above = band_px   # pixels from the band's foot to the top of the next note
    for t, text in notes:
        # the line ends at the band's foot (add_vline spans the y axis's domain)
        fig.add_vline(x=t, line=dict(color=theme.BENCHMARK_LINE, dash="dash", width=2))
        above -= note_px(text)
        # Stacked up from the band's foot, by the lines' ends, in pixels at presenter type size (on a taller plot the
        # band's spare room is left above them). A line in the right half of the view has its note on its left: on
        # its right the note ran past the plot onto the right-hand axis ("your data: 97% under $500" at $500 of $700).
        side = "right" if t > upper / 2 else "left"
        # a few pixels off the line's x
        fig.add_annotation(x=t, xref="x", y=data_top, yref="paper", yshift=above + NOTE_GAP_PX,
                           xshift=6 if side == "left" else -6, xanchor=side, yanchor="bottom", text=text,
                           showarrow=False, align=side, font=dict(color=theme.BENCHMARK_LINE),
                           name=theme.BAND_LABEL)
    beyond = int((values > upper).sum())
    if beyond:
        # in pixels below the axis title (at presenter type size, as theme.source_footnote): a share of the
        # plot's height put it on the title in a short chart
        fig.add_annotation(x=1, xref="paper", xanchor="right", y=0, yref="paper", yshift=-78, yanchor="top",
                           showarrow=False, font=dict(size=theme.NOTE_SIZE, color="#555"),
                           text=f"{beyond} price{'s' if beyond > 1 else ''} above {theme.money(upper)} not drawn "
                                "(counted in the shares)")
    fig.update_layout(
        title=dict(text=plotly_text(title)), bargap=0,
        # thousands separated, as every price on the page is written ("$1000 $1200" beside "$1,320")
        xaxis=dict(title="Known price per post (USD)", tickprefix="$", tickformat=",", range=[0, upper]),
        # whole influencers: a few bars of one got ticks at 0.2, 0.4 …
        yaxis=dict(title="Influencers", rangemode="tozero", dtick=1 if counts.max(initial=0) <= 8 else None,
                   domain=[0, data_top]),
        yaxis2=dict(title="Cumulative share of influencers", overlaying="y", side="right", range=[0, 1.02],
                    tickmode="array", tickvals=[0, 0.25, 0.5, 0.75, 1.0], tickformat=".0%", showgrid=False),
        # taller than the default 450 px by about the notes' band, which the bars give up
        margin=dict(r=80, b=110), height=560 if notes else None,
        meta={theme.TOP_BAND: (band_px, MOST_NOTE_BAND)} if notes else None)
    return fig


def build_rate_card(residuals: pd.DataFrame, rates: pd.DataFrame, reference_lines: Sequence[tuple[float, str]],
                    title: str) -> go.Figure:
    """Price vs followers, log-log, one colour per platform, with each platform's fitted rate card (a line of
    slope 1), dashed reference rate cards, and outliers ringed and named.

    residuals: rate_card_residuals output; rates: fit_rate_cards output; reference_lines: (USD per 1K, label).
    """
    fig = go.Figure()
    if residuals.empty:
        fig.update_layout(title=dict(text=plotly_text(title)))
        return fig
    lo, hi = float(residuals["followers"].min()) / 1.15, float(residuals["followers"].max()) * 1.15
    for _, fit in rates.iterrows():
        platform = fit["platform"]
        colour = theme.platform_colour(platform)
        part = residuals[residuals["platform"] == platform]
        fig.add_trace(go.Scatter(
            x=part["followers"], y=part["known_price"], mode="markers", name=f"{platform_name(platform)} (n={len(part)})",
            legendgroup=platform, marker=dict(color=colour, size=8, opacity=0.75),
            customdata=np.stack([part["influencer"].map(plotly_text), part["expected_price"], part["ratio"]], axis=-1),
            hovertemplate=("%{customdata[0]}<br>%{x:,.0f} followers · $%{y:,.0f} per post<br>"
                           "rate card: $%{customdata[1]:,.0f} (%{customdata[2]:.1f}×)<extra></extra>")))
        fig.add_trace(go.Scatter(
            x=[lo, hi], y=[lo / 1_000 * fit["usd_per_1k"], hi / 1_000 * fit["usd_per_1k"]], mode="lines",
            name=f"{platform_name(platform)} rate card: {theme.money(fit['usd_per_1k'], 2)} per 1K", legendgroup=platform,
            line=dict(color=colour, width=2), hoverinfo="skip"))
    for (rate, label), dash in zip(reference_lines, ("dash", "dot", "dashdot")):
        fig.add_trace(go.Scatter(x=[lo, hi], y=[lo / 1_000 * rate, hi / 1_000 * rate], mode="lines", name=label,
                                 line=dict(color="#000000", dash=dash, width=1.5), hoverinfo="skip"))
    out = residuals[residuals["outlier"]]
    if not out.empty:
        fig.add_trace(go.Scatter(
            x=out["followers"], y=out["known_price"], mode="markers+text", name="outlier (named)",
            text=out["influencer"].map(plotly_text), textposition="top center", textfont=dict(size=12),
            marker=dict(symbol="circle-open", size=18, color=theme.BENCHMARK_LINE, line=dict(width=2.5)),
            hoverinfo="skip"))
    ticks = _log_ticks(float(residuals["known_price"].min()), float(residuals["known_price"].max()))
    fig.update_layout(
        title=dict(text=plotly_text(title)),
        xaxis=dict(type="log", title="Followers (log scale)"),
        yaxis=dict(type="log", title="Known price (USD, log)", tickvals=ticks,
                   ticktext=[theme.money(t, 0 if t >= 1 else 2) for t in ticks]),
        # pinned to the bottom of the figure, in pixels: placed relative to the plot's height, it ran into the
        # x-axis title wherever the chart is drawn shorter (a slide)
        legend=dict(yref="container", y=0, yanchor="bottom", orientation="h"), margin=dict(b=160), height=600)
    return fig


def _log_ticks(low: float, high: float) -> list[float]:
    """1-2-5 ticks covering [low, high]: a log price axis labelled $20, $50, $100 rather than bare digits."""
    start, stop = math.floor(math.log10(low)), math.ceil(math.log10(high))
    ticks = [m * 10.0 ** e for e in range(start, stop + 1) for m in (1, 2, 5)]
    inside = [t for t in ticks if low / 2 <= t <= high * 2]
    return inside or ticks
