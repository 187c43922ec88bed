"""The Planner's figure, a pure builder: the micro portfolio against the celebrity option, side by side."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import theme

MICRO_COLOUR, CELEBRITY_COLOUR = theme.BAND_COLOURS["micro"], theme.BAND_COLOURS["celebrity"]


def build_comparison(frame: pd.DataFrame, title: str, per_engagement: bool = False) -> go.Figure:
    """Two bars, micro portfolio and celebrity, with error bars: the plan's range and the ER-source range; their
    expected engagements, or (per_engagement: compares_per_engagement) their cost per engagement, lower cheaper.
    The figures go under each bar, where the error bars cannot cross them."""
    column, low_column, high_column = (("cpe", "cpe_low", "cpe_high") if per_engagement
                                       else ("exp_engagements", "engagements_low", "engagements_high"))
    values = frame[column].to_numpy(dtype=float)
    low = frame[low_column].to_numpy(dtype=float)
    high = frame[high_column].to_numpy(dtype=float)
    has_range = np.isfinite(low) & np.isfinite(high)
    # what each bar spent as well: a micro bar of part of the budget beside a celebrity bar of all of it; the
    # engagements as the cards and the title give them ("193.4K", where the bar said 193,351 of an expectation)
    # and what those engagements count, where the two sides count differently (comparison_frame's `counts`)
    labels = [f"{option}<br><b>{theme.count(e)} engagements</b>" + (f"<br>({what})" if what else "")
              + f"<br>{theme.money(spent)} spent · {theme.money(c)} per engagement" if e > 0
              else f"{option}<br><b>none affordable</b>"
              for option, e, c, spent, what in zip(frame["option"], frame["exp_engagements"], frame["cpe"],
                                                   frame["cost"], frame["counts"])]
    hover = ("$%{y:,.3f} per engagement<br>$%{customdata[0]:,.3f}–$%{customdata[1]:,.3f}" if per_engagement
             else "%{y:,.0f} expected engagements<br>%{customdata[0]:,.0f}–%{customdata[1]:,.0f}")
    fig = go.Figure(go.Bar(
        x=labels, y=np.where(np.isfinite(values), values, 0.0), marker_color=[MICRO_COLOUR, CELEBRITY_COLOUR],
        error_y=dict(type="data", symmetric=False, array=np.where(has_range, high - values, 0.0),
                     arrayminus=np.where(has_range, values - low, 0.0), thickness=2, width=14, color="#1f2933"),
        customdata=np.stack([frame[low_column], frame[high_column], frame["range"], frame["cost"]], axis=-1),
        hovertemplate=hover + " (%{customdata[2]})<br>spent $%{customdata[3]:,.0f}<extra></extra>",
        showlegend=False))
    # as short as the Cost pages' axis: "Cost per engagement (lower is cheaper)" ran past a PDF's 280-px plot
    axis = (dict(title="USD per engagement", tickprefix="$", tickformat=",.2f") if per_engagement
            else dict(title="Expected engagements", tickformat=",.0f"))
    fig.update_layout(title=dict(text=title), yaxis=dict(**axis, rangemode="tozero"),
                      # level: on a 1024-px screen Plotly tilted the three-line labels into each other
                      xaxis=dict(title=None, tickangle=0), height=480, bargap=0.45)
    if not (np.where(has_range, high, values) > 0).any():
        # nothing affordable: Plotly's own range for bars of 0 labelled its ticks 0, 0, 0, 1, 1, 1 in whole numbers
        fig.update_yaxes(range=[0, 1], showticklabels=False)
    return theme.apply(fig)
