"""Figures of the Takeover lift page. Pure: data frames and numbers in, go.Figure out.

Colours (Okabe-Ito): the brand's day-to-day posts blue, takeover posts orange, posts left out of the
comparison grey. The baseline is drawn as the median line with the pre-period's middle half (IQR) around it,
so a reader sees both the usual level and how much an ordinary post varies.
"""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import theme
from .text import plotly_text

BASELINE_COLOUR = theme.OKABE_ITO[0]        # blue
TAKEOVER_COLOUR = theme.OKABE_ITO[1]        # orange
EXCLUDED_COLOUR = theme.ESTIMATED_COLOUR    # grey
WINDOW_FILL = "rgba(230, 159, 0, 0.12)"
IQR_FILL = "rgba(0, 114, 178, 0.12)"
VERDICT_COLOURS = {"lift": theme.OKABE_ITO[2], "drop": theme.OKABE_ITO[3], "no detectable lift": "#52606D"}
_CAPTION_CHARS = 60


def _hover_caption(captions: pd.Series) -> list[str]:
    # Captions are the user's text; Plotly reads tags in hover text, so they are escaped and shortened.
    out = []
    for text in captions:
        text = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
        text = text if len(text) <= _CAPTION_CHARS else text[:_CAPTION_CHARS - 1] + "…"
        out.append(plotly_text(text))
    return out


def build_timeline(posts: pd.DataFrame, column: str, label: str, window_start: dt.date, window_end: dt.date,
                   pre_start: dt.date, baseline_median: float, takeover_value: float, title: str,
                   subtitle: str = "", unmarked: bool = False) -> go.Figure:
    """The brand's posts over time (one dot per post), the usual level as a median line with its IQR band,
    the takeover window shaded and the takeover posts highlighted, with their median over the window.

    posts: posted_at, role ('baseline' | 'takeover' | 'excluded'), caption and the metric `column`.
    unmarked: the window is a campaign's dates with no brand post marked (area_takeover.unmarked_campaign): its
    posts are named as posts in the campaign's dates, not as takeover posts.
    """
    post, median, window = (("post in the campaign's dates", "median in the campaign's dates",
                             "campaign's dates (no post marked)") if unmarked
                            else ("takeover post", "takeover median", "takeover window"))
    fig = go.Figure()
    data = posts[posts[column].notna()]
    window_stop = pd.Timestamp(window_end) + pd.Timedelta(days=1)
    baseline = data.loc[data["role"] == "baseline", column].astype(float)
    if len(baseline) and math.isfinite(baseline_median):
        q1, q3 = np.percentile(baseline, [25, 75])
        x0, x1 = pd.Timestamp(pre_start), window_stop
        fig.add_trace(go.Scatter(
            x=[x0, x1, x1, x0, x0], y=[q1, q1, q3, q3, q1], fill="toself", fillcolor=IQR_FILL,
            line=dict(width=0), mode="lines", name="middle half of usual posts", hoverinfo="skip"))
        fig.add_trace(go.Scatter(
            x=[x0, x1], y=[baseline_median, baseline_median], mode="lines",
            name="usual post (median before the window)",
            line=dict(color=BASELINE_COLOUR, width=2, dash="dash"),
            hovertemplate=f"usual post: %{{y:,.0f}} {plotly_text(label.lower())}<extra></extra>"))
    for role, name, colour, symbol, size in (
            ("excluded", "other brand post (not compared)", EXCLUDED_COLOUR, "circle-open", 8),
            ("baseline", "brand's day-to-day post", BASELINE_COLOUR, "circle", 8),
            ("takeover", post, TAKEOVER_COLOUR, "diamond", 13)):
        part = data[data["role"] == role]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["posted_at"], y=part[column], mode="markers", name=name,
            marker=dict(color=colour, symbol=symbol, size=size, line=dict(width=1.5, color=colour)),
            customdata=np.array(_hover_caption(part["caption"]), dtype=object).reshape(-1, 1),
            hovertemplate="%{x|%d %b %Y}<br>%{y:,.0f} " + plotly_text(label.lower())
                          + "<br>%{customdata[0]}<extra>" + name + "</extra>"))
    if math.isfinite(takeover_value):
        fig.add_trace(go.Scatter(
            x=[pd.Timestamp(window_start), window_stop], y=[takeover_value, takeover_value], mode="lines",
            name=median, line=dict(color=TAKEOVER_COLOUR, width=3),
            hovertemplate=f"{median}: %{{y:,.0f}} {plotly_text(label.lower())}<extra></extra>"))
    fig.add_vrect(x0=pd.Timestamp(window_start), x1=window_stop, fillcolor=WINDOW_FILL, line_width=0,
                  layer="below", annotation_text=window, annotation_position="top left",
                  annotation_font=dict(color="#8a5a00"))
    fig.update_layout(
        title=dict(text=plotly_text(title), subtitle=dict(text=plotly_text(subtitle))),
        xaxis=dict(title="Date posted", range=[pd.Timestamp(pre_start) - pd.Timedelta(days=1),
                                                window_stop + pd.Timedelta(days=1)]),
        yaxis=dict(title=f"{label} per post", rangemode="tozero", tickformat=",.0f"),
        # pinned to the bottom of the figure in pixels, clear of the axis title whatever the chart's height
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0),
        margin=dict(t=100, b=150),
        height=520,
    )
    return theme.apply(fig)


def build_lift_summary(rows: pd.DataFrame, title: str) -> go.Figure:
    """Every platform and metric at a glance: the lift (dot) with its interval (whiskers), against no change.

    rows: label, lift, ci_low, ci_high, interval (text), verdict; rows without a lift are left out by the
    caller. An interval without an upper limit (the brand's usual post can resample to 0) is drawn to the
    right edge, and its text says so.
    """
    fig = go.Figure()
    data = rows.iloc[::-1]    # first row at the top
    finite = np.isfinite(data["ci_high"])
    edge = float(max(data.loc[finite, "ci_high"].max() if finite.any() else 0.0, data["lift"].max(), 0.0))
    upper = data["ci_high"].where(finite, edge * 1.25 + 0.25)
    fig.add_trace(go.Scatter(
        x=data["lift"], y=data["label"].map(plotly_text), mode="markers",
        marker=dict(size=13, color=[VERDICT_COLOURS.get(v, "#52606D") for v in data["verdict"]]),
        error_x=dict(type="data", symmetric=False, array=upper - data["lift"],
                     arrayminus=data["lift"] - data["ci_low"], thickness=2, width=6, color="#52606D"),
        customdata=np.stack([data["interval"], data["verdict"]], axis=-1),
        hovertemplate="%{y}<br>lift %{x:+.0%}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        showlegend=False))
    # the line is named in the key: a label on top of it printed over the subtitle
    fig.add_vline(x=0, line=dict(color="#1f2933", width=1.5))
    key = ("Dot: lift of the median post; line: 95% interval; black line: no change. Green: lift; orange-red: drop; "
           "grey: no detectable lift.")
    fig.update_layout(title=dict(text=plotly_text(title), subtitle=dict(text=key)),
                      xaxis=dict(title="Lift per post vs the brand's usual post (95% interval)", tickformat="+.0%",
                                 zeroline=False),
                      yaxis=dict(title=None, automargin=True),
                      height=max(300, 60 * len(data) + 170))
    return theme.apply(fig)
