"""Figures and findings of the Campaigns page. Pure: data frames in, go.Figure / text out."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import bands, metrics, theme
from .text import counted, plotly_text

ABOVE_COST = theme.OKABE_ITO[0]
BELOW_COST = theme.OKABE_ITO[3]
# Okabe-Ito without the yellow, which is too faint for a thin line on white.
LINE_COLOURS = tuple(c for c in theme.OKABE_ITO if c != "#F0E442")
# Past the seven colours a line takes the next dash with the colours again: in a PDF or on a slide (no hover) an
# eighth campaign in the first one's solid blue could not be told from it
LINE_DASHES = ("solid", "dash", "dot", "dashdot")
MAX_BARS = 30          # beyond this the ranking shows the best and the worst half of it
# On a slide or in an export (1280×720, presenter type) a row needs ~26 px for its label to be drawn: more bars
# and plotly drops every other code's name.
SLIDE_MAX_BARS = 16
NO_BAND = "band unknown"   # a contract whose influencer has no post in the filters, so no followers to band by
SIGNUP_COLOUR = theme.OKABE_ITO[5]


# Rankings by what came back against the cost: bars coloured by whether revenue covered it, a break-even line
MONEY_BACK = ("roas", "roi", "net_revenue")
BREAK_EVEN_ROW = -1    # the row above the first bar (a category axis counts its rows from 0) that names the line


@dataclass(frozen=True)
class RankingMetric:
    name: str                  # catalog metric (microlens/metrics.py)
    higher_is_better: bool
    scope: str                 # sales: contracts of sales campaigns; leads: sign-up campaigns; posts: delivered
    axis_title: str


RANKING_METRICS = {
    "roas": RankingMetric("roas", True, "sales", "Return on ad spend (revenue ÷ cost, ×)"),
    "roi": RankingMetric("roi", True, "sales", "Return on investment ((revenue − cost) ÷ cost)"),
    "net_revenue": RankingMetric("net_revenue", True, "sales", "Revenue minus cost (USD)"),
    "cpa": RankingMetric("cpa", False, "sales", "Cost per order (USD)"),
    "cost_per_lead": RankingMetric("cost_per_lead", False, "leads", "Cost per sign-up (USD)"),
    "cpe": RankingMetric("cpe", False, "posts", "Cost per engagement (USD)"),
}


def lead_rows(frame: pd.DataFrame) -> pd.Series:
    """Which rows (contracts, campaigns, bands) belong to sign-up campaigns, as campaign_results.sql flags them."""
    return frame["lead_objective"].fillna(False).astype(bool)


def as_list(value) -> list:
    """A DuckDB list cell (list or array) as a Python list; a missing cell as []."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    return list(value)


def code_labels(contracts: pd.DataFrame) -> list[str]:
    """How each contract is named in a finding: its coupon code(s), else the influencer."""
    return [", ".join(as_list(codes)) or str(influencer)
            for codes, influencer in zip(contracts["codes"], contracts["influencer"])]


def ranking_scope(contracts: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The contracts a ranking by `metric` compares: priced ones of the matching kind of campaign.

    Sales metrics leave out sign-up campaigns (their job is leads, not orders) and vice versa; a contract
    with zero revenue stays in (it lost its whole cost) even where its CPA cannot be computed.
    """
    spec = RANKING_METRICS[metric]
    priced = contracts[contracts["cost"].notna() & (contracts["cost"] > 0)]
    lead = lead_rows(priced)
    if spec.scope == "sales":
        needed = "revenue" if metric in MONEY_BACK else "orders"
        return priced[~lead & priced[needed].notna()]
    if spec.scope == "leads":
        return priced[(lead | (priced["signups"].fillna(0) > 0)) & priced["signups"].notna()]
    return priced[priced["posts_delivered"] > 0]


def ranking_frame(contracts: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Contracts in scope with a value of `metric`, best first, each with a unique bar label."""
    spec = RANKING_METRICS[metric]
    ranked = ranking_scope(contracts, metric)
    ranked = ranked[ranked[metric].notna()].copy()
    ranked = ranked.sort_values([metric, "cost"], ascending=[not spec.higher_is_better, True], kind="stable")
    if ranked.empty:
        return ranked.assign(code_label=pd.Series(dtype=str), label=pd.Series(dtype=str))
    ranked["code_label"] = code_labels(ranked)
    ranked["label"] = ranked["code_label"] + " · " + ranked["influencer"].astype(str)
    repeated = ranked["label"].duplicated(keep=False)
    ranked.loc[repeated, "label"] = ranked.loc[repeated, "label"] + " (" + ranked.loc[repeated, "campaign"] + ")"
    return ranked.reset_index(drop=True)


def ranking_finding(contracts: pd.DataFrame, metric: str) -> str:
    """The ranking's headline: the best contract, and how many failed (revenue under cost / sold nothing)."""
    scope = ranking_scope(contracts, metric)
    ranked = ranking_frame(contracts, metric)
    if ranked.empty:
        return f"No priced contracts with a {metrics.label(metric).lower()} in the current filters"
    best = ranked.iloc[0]
    n = len(scope)
    noun = "code" if all(as_list(c) for c in scope["codes"]) else "contract"
    if metric == "net_revenue":
        net = best["net_revenue"]
        lead = (f"{best['code_label']} brought in {theme.money(net)} more than it cost" if net > 0
                else f"{best['code_label']} brought in exactly what it cost" if net == 0
                else f"None of {counted(n, 'contract')} covered its cost")
        short = scope[scope["net_revenue"] < 0]
        if short.empty:
            return f"{lead}; every one of {counted(n, 'contract')} covered its cost"
        worst = ranked.iloc[-1]
        return (f"{lead}; {counted(len(short), 'contract')} brought in {theme.money(-short['net_revenue'].sum())} "
                f"less than {'it' if len(short) == 1 else 'they'} cost, the most {worst['code_label']} "
                f"({worst['influencer']}), {theme.money(-worst['net_revenue'])}")
    if metric in ("roas", "roi"):
        lost = int((scope["roi"] < 0).sum())
        lead = (f"{best['code_label']} returned {theme.money(best['roas'])} per $1" if metric == "roas"
                else f"{best['code_label']} made a {theme.percent(best['roi'], 0)} return on its cost")
        # revenue under cost, said as such: "lost money" would claim a margin nobody measured (goods cost money too)
        return f"{lead}; {lost or 'none'} of {counted(n, noun)} brought in less revenue than they cost"
    median = theme.money(float(ranked[metric].median()))
    if metric == "cpa":
        unsold = int((scope["orders"] == 0).sum())
        tail = (f"{unsold} of {counted(n, noun)} sold nothing" if unsold
                else f"median {median} across {counted(n, noun)}")
        return f"{best['code_label']} brought orders at {theme.money(best['cpa'])} each; {tail}"
    if metric == "cost_per_lead":
        return (f"{best['code_label']} brought sign-ups at {theme.money(best['cost_per_lead'])} each; "
                f"median {median} across {counted(len(ranked), noun)}")
    return (f"{best['code_label']} had the cheapest engagements, {theme.money(best['cpe'])} each; "
            f"median {median} across {counted(len(ranked), 'contract')}")


def _value_text(metric: str, value: float) -> str:
    return metrics.fmt(metric, value) if metric != "roi" else theme.percent(value, 0)


def build_ranking(contracts: pd.DataFrame, metric: str, title: str, max_bars: int = MAX_BARS) -> go.Figure:
    """Horizontal bars, one per contract (code · influencer), best at the top; for ROAS and ROI the ones that
    brought in less revenue than they cost are vermillion against a break-even line; for cost metrics a dashed
    median line.

    contracts: campaign, influencer, codes, cost, lead_objective, revenue, orders, signups, posts_delivered and
    the metric column (as returned by campaign_results.sql at level 'contract').
    """
    spec = RANKING_METRICS[metric]
    ranked = ranking_frame(contracts, metric)
    ranked = ranked.assign(label=ranked["label"].map(plotly_text), campaign=ranked["campaign"].map(plotly_text))
    total = len(ranked)
    gap_label = None
    half = max_bars // 2
    if total > max_bars:
        gap_label = f"··· {total - 2 * half} more ···"
        ranked = pd.concat([ranked.head(half), ranked.tail(half)])
    fig = theme.new_figure()
    money_metric = metric in MONEY_BACK
    lost = (ranked["roi"] < 0) if money_metric else pd.Series(False, index=ranked.index)
    groups = ((False, "revenue above cost", ABOVE_COST), (True, "revenue below cost", BELOW_COST)) if money_metric \
        else ((False, metrics.label(metric), ABOVE_COST),)
    for is_lost, name, colour in groups:
        part = ranked[lost == is_lost]
        if part.empty:
            continue
        values = [_value_text(metric, v) for v in part[metric]]
        # a ROAS under 1 ends short of the break-even line at 1 and its value stands across the line, whose dots ran
        # between the digits ("0.68×") even drawn under the text: those are written on a white box instead (a text
        # shadow as a halo is not drawn by Chromium on plotly's moved text)
        boxed = metric == "roas" and is_lost
        fig.add_trace(go.Bar(
            y=part["label"], x=part[metric], orientation="h", name=name, marker_color=colour,
            text=values, cliponaxis=False,
            # a loss's label lies left of its bar, over the codes' names for the longest: inside where it fits
            # (a return of -100% printed its "-100%" into the name "ALBA15 · albaglams")
            textposition="none" if boxed else "auto" if metric in ("net_revenue", "roi") else "outside",
            # full size on a 720-px slide, where Plotly shrank them to the bars' 13 px ("4.56×" in 7-px type)
            constraintext="none",
            customdata=list(zip(part["campaign"], [theme.money(c) for c in part["cost"]],
                                [theme.money(r) for r in part["revenue"]])),
            hovertemplate="%{y}<br>%{customdata[0]}<br>cost %{customdata[1]} · revenue %{customdata[2]}"
                          "<br>%{text}<extra></extra>"))
        for y, x, text in zip(part["label"], part[metric], values) if boxed else ():
            # where plotly puts an outside label: its text 3 px past the bar's end
            fig.add_annotation(x=x, y=y, text=text, showarrow=False, xanchor="left", xshift=2, bgcolor="#ffffff",
                               borderpad=1)
    if money_metric:
        even = 1 if metric == "roas" else 0
        # under the bars and the losers' boxed values: over them its dots struck through "0.68×", "0.48×"
        fig.add_vline(x=even, line=dict(color="#52606D", dash="dot", width=1.5), layer="below")
        # named in an empty row of its own at the line's top (BREAK_EVEN_ROW): at its foot the name stood beside the
        # bottom bar ("ALBA15 · albaglams 0.00×  break-even" read as that code breaking even), and above the plot
        # it ran into the legend
        fig.add_annotation(x=even, y=BREAK_EVEN_ROW, text="break-even", showarrow=False, xanchor="left", xshift=4,
                           font=dict(color="#52606D"))
    elif total:
        median = float(ranking_frame(contracts, metric)[metric].median())
        # under the bars: over them it struck through the value labels of bars near the median ("between" the grid
        # and the bars breaks kaleido's plotly.js)
        fig.add_vline(x=median, line=dict(color="#52606D", dash="dash", width=1.5), layer="below",
                      annotation_text=f"median {theme.money(median)}", annotation_position="top")
    axis_title = spec.axis_title
    categories = list(ranked["label"])
    if gap_label:
        # An empty row between the best and the worst half, so nobody reads the two halves as one list.
        categories.insert(half, gap_label)
        fig.add_trace(go.Scatter(x=[0], y=[gap_label], mode="markers", marker=dict(opacity=0), showlegend=False,
                                 hoverinfo="skip"))
        axis_title += f"<br><sup>the {half} best and {half} worst of {total} shown</sup>"
    # the bars' rows, top to bottom (the axis runs downwards), and above them the break-even line's row
    rows = [len(categories) - 0.5, BREAK_EVEN_ROW - 0.5 if money_metric else -0.5]
    fig.update_layout(
        title=dict(text=plotly_text(title)), barmode="overlay", showlegend=money_metric,
        height=max(380, round(26 * (rows[0] - rows[1])) + 230),
        # net revenue "-$50k": a "$" prefix would put the minus after the dollar sign
        xaxis=dict(title=axis_title, tickformat={"roi": ".0%", "net_revenue": "$~s"}.get(metric),
                   tickprefix="$" if metric in ("cpa", "cost_per_lead", "cpe") else None,
                   ticksuffix="×" if metric == "roas" else None, rangemode="tozero"),
        # every bar named (dtick 1): on a 720-px slide Plotly dropped every other code's name for want of room
        yaxis=dict(title=None, categoryorder="array", categoryarray=categories, range=rows, autorange=False,
                   automargin=True, dtick=1),
        margin=dict(r=80, b=90),
    )
    return fig


def weekly_finding(weekly: pd.DataFrame) -> str:
    """The busiest campaign week: when it was, its engagements and what it cost."""
    if weekly.empty or weekly["engagements"].fillna(0).sum() == 0:
        return "No dated campaign posts in the current filters"
    top = weekly.loc[weekly["engagements"].idxmax()]
    spend = f" for {theme.money(top['spend'])}" if pd.notna(top["spend"]) else ""
    week = pd.Timestamp(top["week"])
    return (f"Busiest week: {top['campaign']}, week of {week.day} {week:%b %Y}, "
            f"{theme.count(top['engagements'])} engagements{spend}")


def build_weekly(weekly: pd.DataFrame, title: str) -> go.Figure:
    """Engagements (top) and spend (bottom) per week, one line per campaign in the same colour on both.

    weekly: campaign, week, posts, engagements, spend, spend_estimated (campaign_weekly.sql). Weeks with
    estimated spend are drawn with hollow markers.
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1)
    fig.update_layout(template=theme.TEMPLATE_NAME)
    order = weekly.groupby("campaign")["week"].min().sort_values().index
    parts = dict(tuple(weekly.groupby("campaign", sort=False)))
    # every trace added at once, as plain dicts: one add_trace per line took 1.7 s for 300 campaigns at 1M posts
    traces, rows = [], []
    for i, campaign in enumerate(order):
        part = parts[campaign].sort_values("week")
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        dash = LINE_DASHES[i // len(LINE_COLOURS) % len(LINE_DASHES)]
        estimated = part["spend_estimated"].fillna(False).astype(bool)
        common = dict(type="scatter", x=part["week"], mode="lines+markers", name=plotly_text(campaign),
                      legendgroup=str(i), line=dict(color=colour, width=2.5, dash=dash), customdata=part["posts"])
        traces.append(dict(y=part["engagements"], marker=dict(size=8, color=colour), **common,
                           hovertemplate="%{fullData.name}<br>week of %{x|%d %b %Y}<br>"
                                         "%{y:,.0f} engagements from %{customdata} posts<extra></extra>"))
        traces.append(dict(y=part["spend"], showlegend=False, **common,
                           marker=dict(size=8, color=colour,
                                       symbol=["circle-open" if e else "circle" for e in estimated]),
                           hovertemplate="%{fullData.name}<br>week of %{x|%d %b %Y}<br>"
                                         "spend $%{y:,.0f} on %{customdata} posts<extra></extra>"))
        rows += [1, 2]
    if traces:
        fig.add_traces(traces, rows=rows, cols=[1] * len(rows))
    # short: on a slide each of the two plots is about 100 px high (the x axis and the page say "per week")
    fig.update_yaxes(title_text="Engagements", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Spend (USD)", tickprefix="$", rangemode="tozero", row=2, col=1)
    fig.update_xaxes(title_text="Week starting (Monday)", row=2, col=1)
    weeks = sorted(pd.to_datetime(weekly["week"]).unique())
    if len(weeks) <= 16:
        # Few weeks: one tick per week start, not Plotly's every-few-days ticks that fall mid-week.
        fig.update_xaxes(tickvals=weeks, tickformat="%d %b")
    # Legend under the chart: five campaign names wrap to two rows, which on top would run into the title.
    # Pinned to the bottom of the figure in pixels (relative to the plot it hit the axis title on a slide).
    fig.update_layout(title=dict(text=plotly_text(title)), height=660, hovermode="closest", margin=dict(b=150),
                      legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0))
    if weekly["spend_estimated"].fillna(False).astype(bool).any():
        fig.add_annotation(x=0, xref="paper", y=0, yref="paper", yshift=-70, xanchor="left", yanchor="top",
                           showarrow=False, font=dict(size=theme.NOTE_SIZE, color="#555"), align="left",
                           # two lines: in readable type one ran past the right edge of a laptop's chart
                           text="Hollow markers: the week's spend includes estimated costs<br>(posts without a fee "
                                "or contract: the listed price per post, else the rate card)")
        # the note's second line: the margin under the plot and the figure grow by it, so the legend stays clear
        fig.update_layout(margin_b=fig.layout.margin.b + theme.NOTE_LINE_PX,
                          height=fig.layout.height + theme.NOTE_LINE_PX)
    return fig


def summary_finding(campaigns: pd.DataFrame, total: pd.Series | None, sales_total: pd.Series | None = None) -> str:
    """The campaign table's headline: what the sales campaigns returned together (`sales_total`: their objective
    row) and how many earned less than they cost, then the best of them; the cost per sign-up of sign-up
    campaigns; without conversions, what the engagements cost (`total`: the total row). Leading with the best
    campaign put the smallest one first while the others lost money."""
    if campaigns.empty:
        return "No campaign contracts in the current filters"
    lead = lead_rows(campaigns)
    sales = campaigns[~lead & campaigns["roas"].notna()]
    leads = campaigns[campaigns["cost_per_lead"].notna() & (lead | campaigns["roas"].isna())]
    parts = []
    if not sales.empty:
        best = sales.sort_values("roas", ascending=False).iloc[0]
        lost = int((sales["roi"] < 0).sum())
        if len(sales) > 1 and sales_total is not None and pd.notna(sales_total["roas"]):
            text = (f"Sales campaigns returned {theme.money(sales_total['roas'])} per $1 spent; {lost or 'none'} "
                    f"of {len(sales)} brought in less revenue than they cost (best: {best['campaign']}, "
                    f"{theme.money(best['roas'])})")
        else:
            text = f"{best['campaign']} returned {theme.money(best['roas'])} per $1 spent"
            if len(sales) > 1:
                text += f"; {lost or 'none'} of {len(sales)} sales campaigns brought in less revenue than they cost"
        parts.append(text)
    for _, row in leads.sort_values("cost_per_lead").head(2).iterrows():
        parts.append(f"{row['campaign']} bought sign-ups at {theme.money(row['cost_per_lead'])} each")
    if parts:
        return "; ".join(parts)
    if total is None:
        return f"{counted(len(campaigns), 'campaign')} in the current filters"
    if not total["engagements"] or pd.isna(total["engagements"]):
        # "for 0 engagements (– each)" where no loaded post names the campaign: the posts are missing, not idle
        one = len(campaigns) == 1
        return (f"{counted(len(campaigns), 'campaign')} cost {theme.money(total['cost'])}; no loaded post names "
                f"{'it' if one else 'them'}, so {'its' if one else 'their'} engagements are unknown")
    return (f"{counted(len(campaigns), 'campaign')} cost {theme.money(total['cost'])} for "
            f"{theme.count(total['engagements'])} engagements ({theme.money(total['cpe'])} each); load coupon-code "
            "orders to see what they sold")


def sales_by_band(frame: pd.DataFrame) -> pd.DataFrame:
    """The band rows (area_campaigns.by_band) of sales campaigns with a return to state."""
    return frame[(frame["objective"] == "sales") & frame["roas"].notna() & (frame["contracts_measured"] > 0)]


def _signups_by_band(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["objective"] == "sign-ups") & frame["cost_per_lead"].notna()]


def band_returns_in_sales(frame: pd.DataFrame) -> bool:
    """Whether the band finding speaks of sales (else of sign-ups)."""
    return not sales_by_band(frame).empty


def has_band_returns(frame: pd.DataFrame) -> bool:
    """Whether any band has a sales ROAS or a cost per sign-up to draw (frame: area_campaigns.by_band)."""
    return not (sales_by_band(frame).empty and _signups_by_band(frame).empty)


def _compared_bands(values: pd.Series, higher_is_better: bool) -> list[str]:
    """The two bands a finding compares: micro against celebrity when both are in (the product's question), else
    the best against the worst; one band when only one is in. values: the metric, indexed by band."""
    known = values.drop(NO_BAND, errors="ignore").dropna()
    if {bands.MICRO, bands.CELEBRITY} <= set(known.index):
        return [bands.MICRO, bands.CELEBRITY]
    if known.empty:
        return []
    ranked = known.sort_values(ascending=not higher_is_better)
    return list(dict.fromkeys([ranked.index[0], ranked.index[-1]]))


def band_return_finding(frame: pd.DataFrame) -> str:
    """The headline of the band chart: what a dollar returned through micro-influencers against celebrities (else
    the best and worst bands), and how many of their sales contracts brought in less than they cost; without sales
    campaigns, what a sign-up cost. frame: area_campaigns.by_band."""
    sales = sales_by_band(frame).set_index("band")
    pair = _compared_bands(sales["roas"], higher_is_better=True)
    if pair:
        first, *other = pair
        text = f"{first.capitalize()} contracts returned {theme.money(sales.at[first, 'roas'])} per $1 spent"
        text += "".join(f", {b} contracts {theme.money(sales.at[b, 'roas'])}" for b in other)
        counts = [f"{int(sales.at[b, 'below_break_even'])} of {int(sales.at[b, 'contracts_measured'])}"
                  + (f" {b}" if other else "") for b in pair]
        return text + "; " + " and ".join(counts) + " contracts brought in less revenue than they cost"
    if NO_BAND in sales.index:
        return (f"Sales contracts returned {theme.money(sales.at[NO_BAND, 'roas'])} per $1 spent, but their "
                "influencers' followers are not loaded; load their posts or an influencer list to compare bands")
    leads = _signups_by_band(frame).set_index("band")
    pair = _compared_bands(leads["cost_per_lead"], higher_is_better=False)
    if not pair:
        return "No contract with a known cost and coupon-code results in the current filters"
    first, *other = pair
    return (f"Sign-ups cost {theme.money(leads.at[first, 'cost_per_lead'])} each through {first} influencers"
            + "".join(f", {theme.money(leads.at[b, 'cost_per_lead'])} through {b}" for b in other))


def build_band_returns(frame: pd.DataFrame, title: str) -> go.Figure:
    """Per follower band: what $1 of sales contracts brought back (bars against a break-even line, vermillion under
    it, with how many contracts fell short), and beside it what a sign-up cost through sign-up campaigns, when
    there are any. frame: area_campaigns.by_band (band, objective, roas, below_break_even, contracts_measured,
    cost, revenue, signups, cost_per_lead), in band order."""
    frame = frame.assign(band=frame["band"].map(plotly_text))
    panels = [(part, name) for part, name in ((sales_by_band(frame), "Return per $1, sales campaigns"),
                                              (_signups_by_band(frame), "Cost per sign-up, sign-up campaigns"))
              if not part.empty]
    # each panel as wide as its bars need, so that bars are alike in width: four bands were squeezed into half the
    # chart while three had room to spare beside them
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[name for _, name in panels],
                        horizontal_spacing=0.12, column_widths=[len(part) for part, _ in panels])
    for panel_title in fig.layout.annotations:
        # plotly sets 16 px on subplot titles: too small beside presenter type, so they take the figure's size
        panel_title.font = dict(weight=600)
    fig.update_layout(template=theme.TEMPLATE_NAME)
    for col, (part, _) in enumerate(panels, start=1):
        if part["objective"].iloc[0] == "sales":
            _add_return_bars(fig, part, col)
        else:
            fig.add_trace(go.Bar(
                x=part["band"], y=part["cost_per_lead"], marker_color=SIGNUP_COLOUR, name="cost per sign-up",
                showlegend=False, text=[theme.money(v) for v in part["cost_per_lead"]], textposition="outside",
                cliponaxis=False,
                customdata=list(zip([theme.money(c) for c in part["cost"]],
                                    [theme.count(v) for v in part["signups"]], part["contracts"])),
                hovertemplate="%{x}: %{text} per sign-up<br>cost %{customdata[0]} for %{customdata[1]} sign-ups"
                              "<br>%{customdata[2]} contracts<extra></extra>"),
                row=1, col=col)
            fig.update_yaxes(title_text="Cost per sign-up (USD)", tickprefix="$", rangemode="tozero",
                             row=1, col=col)
            fig.update_xaxes(tickvals=list(part["band"]), ticktext=[f"<b>{b}</b>" for b in part["band"]],
                             row=1, col=col)
        fig.update_xaxes(categoryorder="array", categoryarray=list(part["band"]), row=1, col=col)
    fig.update_layout(title=dict(text=plotly_text(title)), height=480, bargap=0.35,
                      legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, xanchor="left", x=0),
                      margin=dict(b=90))
    return fig


def _add_return_bars(fig: go.Figure, part: pd.DataFrame, col: int) -> None:
    # a band nobody can place is grey and named as such: blue beside the real bands it read as the best band
    group = ["unknown" if b == NO_BAND else "below" if r < 1 else "above" for b, r in zip(part["band"], part["roas"])]
    for key, name, colour in (("above", "revenue above cost", ABOVE_COST), ("below", "revenue below cost", BELOW_COST),
                              ("unknown", "band unknown: no followers loaded", theme.ESTIMATED_COLOUR)):
        bars = part[[g == key for g in group]]
        if bars.empty:
            continue
        fig.add_trace(go.Bar(
            x=bars["band"], y=bars["roas"], marker_color=colour, name=name,
            text=[theme.money(r) for r in bars["roas"]], textposition="outside", cliponaxis=False,
            # the band by name: %{x} is its tick label, with the count under cost
            customdata=list(zip([theme.money(c) for c in bars["cost"]], bars["contracts_measured"], bars["band"])),
            hovertemplate="%{customdata[2]}: %{text} back per $1 spent<br>over %{customdata[1]} sales contracts with "
                          "a cost (%{customdata[0]} in all)<extra></extra>"),
            row=1, col=col)
    # named in the legend, not by a label at the line's end: at 1024 px that label ran into the third band's bar
    line = dict(color="#52606D", dash="dot", width=1.5)
    fig.add_hline(y=1, line=line, row=1, col=col)
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=line, name="break-even ($1 back per $1)"),
                  row=1, col=col)
    # how many contracts fell short, under each band's name: as a second line of the bar's label plotly shrank it
    # to the bar's width, unreadable on a projector. What the count is, said once, as the axis's title: "under
    # cost" under every band made each label wider than a band's ~58 px on a 1024-px screen, which turned them all
    # sideways
    fig.update_xaxes(tickvals=list(part["band"]),
                     ticktext=[f"<b>{b}</b><br>{int(n)} of {int(m)}" for b, n, m
                               in zip(part["band"], part["below_break_even"], part["contracts_measured"])],
                     title_text="contracts under cost", row=1, col=col)
    # in dollars back per dollar spent, as the bars' labels and the headline say it ("$2.22 per $1")
    fig.update_yaxes(title_text="Revenue per $1 spent", tickprefix="$", rangemode="tozero",
                     range=[0, max(1.0, float(part["roas"].max())) * 1.15], row=1, col=col)
