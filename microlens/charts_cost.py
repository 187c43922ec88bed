"""Figures and findings of the "Cost vs celebrity" question. Pure: data frames in, go.Figure / text out."""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import metrics, theme
from .bands import MICRO
from .text import at_estimated_prices, counted, in_words, platform_name, plotly_lines, plotly_text


# Fewer micro-influencers with a CPE than this, and the headline says how few: a median of 3 accounts is a
# verdict on 3 accounts, whatever the benchmarks say.
FEW_ACCOUNTS = 10


@dataclass(frozen=True)
class LikeForLike:
    """The least ratio of a celebrity's best CPE to the median micro CPE, each chosen celebrity ER set against the
    micro CPE counted its way, with the two CPEs that give it, so that the headline's numbers divide."""
    multiple: float
    micro_cpe: float
    celebrity_cpe: float
    basis: str = ""          # 'likes only', 'likes + comments'; '' when that ER counts every part


# What a celebrity ER's engagement counts (area_cost.SAME_BASIS_CPE's names): the unit a like-for-like CPE is in,
# and the parts of an engagement it leaves out.
BASIS_WORDS = {"likes only": ("per like", "comments, shares and saves"),
               "likes + comments": ("per like or comment", "shares and saves")}


def micro_vs_celebrity_finding(micro_cpe: float | None, celeb_low: float, celeb_high: float,
                               micro_label: str = "micro", priced_by_band: dict[str, int] | None = None,
                               estimated: tuple[int, int] = (0, 0), rate_card_only: bool = False,
                               middle_mean_er: float | None = None, like_for_like: LikeForLike | None = None,
                               viral_left_out: int = 0, listed: int = 0) -> str:
    """One sentence that states the answer, used as chart title, KPI caption and export headline.
    priced_by_band: influencers with a CPE per band, to say what the filter holds when it has no micro CPE.
    estimated: (micro influencers whose cost is estimated, micro influencers with a CPE); a finding that rests on
    estimates says so, since it travels without the page's notes (exports, slides).
    rate_card_only: every micro cost is the rate card's (followers × a rate): CPE is then the rate over the
    engagement rate, so the sentence compares engagement, not prices, and says that instead.
    middle_mean_er: the median over micro influencers of the mean ER of the posts their CPE counts (those with a
    cost); above 100% the CPE rests on viral posts (a crawl of trending posts), which a brand's next post will
    rarely match, and the sentence says so.
    like_for_like: the celebrity's best CPE over the micro CPE with each chosen celebrity ER set against the micro
    CPE counted its way (likes only, likes + comments); None when every chosen ER counts what the data counts. The
    multiple the sentence states is this one (against the plain CPE it overstated the gap: 2.4× for 2.2×), with
    the two CPEs it divides: "$0.24 ÷ $0.015 is not 14×" was a client's first question.
    viral_left_out: micro-influencers with a cost left out as viral (median ER by followers over metrics.VIRAL_ER);
    the sentence says how many of how many (the kept and the left out), since it travels without the page's
    checkbox. And an answer from fewer than FEW_ACCOUNTS micro-influencers says how few.
    listed: how many of the estimated are costed at their own listed price per post (the rest at the rate card):
    the Prices page counts a listed price as known, and "estimated" alone read as a contradiction of it."""
    over = f"median ER over {theme.percent(metrics.VIRAL_ER, 0)}"
    if viral_left_out and (micro_cpe is None or not math.isfinite(micro_cpe)):
        return (f"No {micro_label}-influencer with a cost per engagement is left in the current filter: "
                f"{'the only one' if viral_left_out == 1 else f'all {viral_left_out:,}'} went viral ({over}) "
                f"and {'is' if viral_left_out == 1 else 'are'} left out")
    sentence = _finding(micro_cpe, celeb_low, celeb_high, micro_label, priced_by_band, like_for_like)
    some, every = estimated
    if some and rate_card_only:
        # the answer itself says it rests on no price: a headline "109× cheaper" read as a fact about prices
        sentence = at_estimated_prices(sentence, rate_card_only=True)
        sentence += (f"; every {micro_label} cost is a rate-card estimate from followers, so this compares "
                     "engagement rates, not prices")
    elif some:
        whose = f"the costs of {'all' if some == every else f'{some:,} of'} {every:,} {micro_label}-influencers"
        if listed == some:
            # as short as "are estimated", which a slide's headline had room for
            how_many = "all" if some == every else f"{some:,} of"
            sentence += f"; {how_many} {every:,} {micro_label} costs are listed prices"
        elif listed:
            sentence += (f"; {whose} are estimated ({listed:,} at their listed price, {some - listed:,} from "
                         "the rate card)")
        else:
            sentence += f"; {whose} are estimated"
    if viral_left_out:
        sentence += (f"; {viral_left_out:,} of {viral_left_out + every:,} {micro_label}-influencers left out as viral "
                     f"({over})")
    if 0 < every < FEW_ACCOUNTS:
        sentence += f"; only {counted(every, f'{micro_label}-influencer')} to go on"
    if micro_cpe is not None and middle_mean_er is not None and middle_mean_er > metrics.VIRAL_ER:
        # after viral accounts are left out (by the median), a few viral posts can still pull a mean over 100%
        sentence += (f"{', yet' if viral_left_out else ';'} the middle {'remaining ' if viral_left_out else ''}"
                     f"{micro_label} account's costed posts average {theme.percent(middle_mean_er, 0)} of its "
                     "followers in engagements: viral posts, which a new post rarely matches")
    return sentence


def in_the_benchmarks_unit(micro_cpe: float, celeb_low: float, like_for_like: LikeForLike | None) -> bool:
    """The finding leads with the micro CPE counted as the closest celebrity benchmark counts (like_for_like): micro
    is cheaper than every benchmark and the like-for-like multiple is one too."""
    return like_for_like is not None and 0 < micro_cpe < celeb_low and like_for_like.multiple > 1


def headline_micro_cpe(micro_cpe: float | None, celeb_low: float, like_for_like: LikeForLike | None) -> str:
    """'$0.11 per like' where the finding's micro CPE is in another unit than the chart's (per engagement), else ''."""
    if micro_cpe is None or not in_the_benchmarks_unit(micro_cpe, celeb_low, like_for_like):
        return ""
    unit = BASIS_WORDS.get(like_for_like.basis)
    return f"{theme.money(like_for_like.micro_cpe)} {unit[0]}" if unit else ""


def _finding(micro_cpe: float | None, celeb_low: float, celeb_high: float, micro_label: str,
             priced_by_band: dict[str, int] | None, like_for_like: LikeForLike | None = None) -> str:
    if micro_cpe is None or not math.isfinite(micro_cpe):
        held = [f"{n:,} {band}" for band, n in (priced_by_band or {}).items() if n]
        return (f"No {micro_label}-influencer posts with a known or estimated cost in the current filter"
                + (f" (it has costs for {in_words(held)} influencers)" if held else ""))
    # the middle account's CPE (the KPI card), not the band's pooled CPE (the diamond), which a few large accounts sway
    subject = f"The median {micro_label}-influencer costs {theme.money(micro_cpe)} per engagement"
    rng = f"{theme.money(celeb_low)}–{theme.money(celeb_high)}"
    if micro_cpe <= 0:      # gifted or unpaid posts: no ratio to state, and dividing by it would fail
        return (f"{subject} in the current filter (posts with a cost of $0: gifted or unpaid), against {rng} for a "
                "celebrity")
    if micro_cpe < celeb_low and like_for_like is None:
        return (f"{subject}, {theme.how_much(celeb_low / micro_cpe, 'cheaper', smaller=True)} than the chosen "
                f"celebrity benchmarks at their best ({rng})")
    if in_the_benchmarks_unit(micro_cpe, celeb_low, like_for_like):
        # the pair the multiple divides leads, in the unit the closest benchmark counts: "$0.10 per engagement, 2.2×
        # cheaper than … ($0.24–$6.06)" did not divide ($0.24 ÷ $0.10 is 2.4), and "counted their way" was jargon;
        # the CPE of every engagement (the KPI card's) follows after "; ", under a slide's headline
        unit, rest = BASIS_WORDS.get(like_for_like.basis, ("per engagement", ""))
        sentence = (f"The median {micro_label}-influencer costs {theme.money(like_for_like.micro_cpe)} {unit}, "
                    f"{theme.how_much(like_for_like.multiple, 'cheaper', smaller=True)} than the closest celebrity "
                    f"benchmark ({theme.money(like_for_like.celebrity_cpe)} {unit}; all chosen: {rng})")
        return sentence + (f"; counting {rest} too: {theme.money(micro_cpe)} per engagement" if rest else "")
    if micro_cpe < celeb_low:
        return (f"{subject}, under the celebrity benchmark range ({rng}), but not once engagements are counted as "
                "the benchmarks count them: the verdict depends on which benchmark you trust")
    if micro_cpe > celeb_high:
        return f"{subject}, more than the celebrity benchmark range ({rng})"
    return (f"{subject}, inside the celebrity benchmark range ({rng}): the verdict depends on which benchmark you "
            "trust")


# The middle account's label stands centred over micro's column, so that it cannot reach the next column: beside the
# column, on its left, it was 110 px wide and on a 1024-px screen (a plot of ~470 px, ~88 px a column) it stood over
# nano's dots and read as nano's figure. Its width in px (its widest line of 12-px type, "($0.0011 per like)", with
# room) and the plot's width in px on a 1024-px screen (its chart ~564 px less the margins): there half the label
# stays inside the 0.72 of a column between micro's middle and a neighbour's dots for up to six columns, and where
# micro's column is the first, the axis starts early enough to hold its left half
MIDDLE_LABEL_PX, PLOT_PX = 100, 470
MAX_DOTS_PER_BAND = 600   # beyond this a strip plot is ink, not information; the band diamond uses every post


def has_dot(influencers: pd.DataFrame) -> pd.Series:
    """The influencers a dot can stand for: a CPE above zero (a log axis has no place for $0 or a missing CPE)."""
    return influencers["cpe"].notna() & (influencers["cpe"] > 0)


def _dots(data: pd.DataFrame) -> pd.DataFrame:
    """At most MAX_DOTS_PER_BAND influencers per band, the same ones on every run (hash of the handle), in the
    order of their hashes."""
    key = pd.util.hash_pandas_object(data["influencer"] + "|" + data["platform"], index=False).to_numpy()
    # (positions, not the frame, sorted and counted per band: sorting 50,000 rows of every column cost a page 15 ms)
    order = np.argsort(key, kind="stable")
    band = data["band"].to_numpy()[order]
    return data.iloc[order[pd.Series(band).groupby(band, sort=False).cumcount().to_numpy() < MAX_DOTS_PER_BAND]]


def _across(fig: go.Figure, at: float, to: float | None = None, axis: str = "y", **style) -> None:
    """A band from `at` to `to` on `axis`, or a line at `at`, across the whole plot: add_hrect, add_hline and
    add_vline draw the same shapes and cost a page 8 ms more each, finding the subplots they span."""
    other = "x" if axis == "y" else "y"
    fig.add_shape(type="line" if to is None else "rect", **{f"{other}ref": f"{other} domain", f"{other}0": 0,
                  f"{other}1": 1, f"{axis}ref": axis, f"{axis}0": at, f"{axis}1": at if to is None else to}, **style)


def _label_room(columns: int) -> float:
    """Band widths to add left of the first of `columns` columns (the axis runs -0.6 to columns - 0.4) so that the
    0.6 of a width left of its middle holds half the middle account's label: (0.6 + room) × PLOT_PX ÷ (columns + 0.2
    + room) ≥ MIDDLE_LABEL_PX ÷ 2."""
    half = MIDDLE_LABEL_PX / 2
    return max(0.0, (half * (columns + 0.2) - 0.6 * PLOT_PX) / (PLOT_PX - half))


def band_colour_scale(bands: list[str]) -> dict:
    """Marker settings that draw the value i (a band's position in `bands`) in that band's colour: a colour scale
    of one step per band over [-0.5, len - 0.5]."""
    n = max(len(bands), 1)
    steps = [[edge / n, theme.BAND_COLOURS.get(band, theme.OKABE_ITO[0])]
             for i, band in enumerate(bands) for edge in (i, i + 1)]
    steps = steps or [[0, theme.OKABE_ITO[0]], [1, theme.OKABE_ITO[0]]]
    return dict(colorscale=steps, cmin=-0.5, cmax=n - 0.5)


def build_cpe_by_band(influencers: pd.DataFrame, bands: pd.DataFrame, band_order: list[str], celeb_low: float,
                      celeb_high: float, title: str, source_note: str, viral_left_out: bool = False,
                      micro_median: float | None = None, micro_median_also: str = "") -> go.Figure:
    """CPE of each influencer (dots; a stable sample when a band has very many) and of each band (black
    diamond: the band's CPE from SQL over all its posts), log scale, against the shaded celebrity range.
    Estimated costs are drawn hollow and named so in the legend. viral_left_out: the dots and diamonds leave out
    viral accounts (the note says which), so the legend does not claim "all its posts". micro_median: the middle
    micro-influencer's CPE (the page's card and the finding's), marked across the micro column and named on its left;
    micro_median_also: the same CPE as the finding counts it, where that is another unit (headline_micro_cpe).

    influencers: band, influencer, platform, cpe, cost_estimated; bands: band, cpe.
    """
    fig = go.Figure()
    all_dots = influencers[has_dot(influencers)]
    data = _dots(all_dots)
    in_data = set(data["band"].unique())
    present = [b for b in band_order if b in in_data]
    positions = {b: i for i, b in enumerate(present)}
    rng = np.random.default_rng(0)          # fixed jitter: the same data draws the same picture
    # the hollow dots named by what stands in for a fee: the finding's "64 of 126 micro costs are listed prices"
    # read as a contradiction of "estimated cost" beside them
    for estimated, name, symbol in ((False, "influencer (fee paid)", "circle"),
                                    (True, "influencer (no fee paid: listed price or rate card)", "circle-open")):
        part = data[data["cost_estimated"].fillna(False).astype(bool) == estimated]
        if part.empty:
            continue
        at = part["band"].map(positions).to_numpy(dtype=float)
        x = at + rng.uniform(-0.28, 0.28, len(part))
        # each dot in its band's colour, given as the band's position on a stepped colour scale: a list of colour
        # names, checked one by one by Plotly, took 0.2 s of the page's 0.55 s at 1M posts
        colours = band_colour_scale(present)
        fig.add_trace(go.Scatter(
            x=x, y=part["cpe"], mode="markers", name=name, legendgroup=name, showlegend=False,
            marker=dict(symbol=symbol, size=8, opacity=0.75, color=at, **colours,
                        line=dict(width=1.2, color=at, **colours)),
            customdata=np.stack([part["influencer"].map(plotly_text), part["platform"].map(platform_name),
                                 part["band"].map(plotly_text)], axis=-1),
            hovertemplate="%{customdata[0]} (%{customdata[1]}, %{customdata[2]})<br>CPE %{y:$.3~g}<extra></extra>"))
        # the legend's dot in a neutral grey: Plotly draws it in the trace's first dot's colour, so a crawl whose
        # only estimated dots began in the mid band showed an orange ring beside a cloud of blue micro rings
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=name, hoverinfo="skip",
                                 marker=dict(symbol=symbol, size=8, color=theme.ESTIMATED_COLOUR,
                                             line=dict(width=1.2, color=theme.ESTIMATED_COLOUR))))
    band_cpe = bands.set_index("band")
    # a band paid only in product ($0: gifted) has no place on a log axis either
    band_cpe = band_cpe.reindex([b for b in present if b in band_cpe.index])
    band_cpe = band_cpe[band_cpe["cpe"] > 0]
    marked = micro_median is not None and micro_median > 0 and MICRO in positions
    if not band_cpe.empty:
        labels = [theme.money(v) for v in band_cpe["cpe"]]
        fig.add_trace(go.Scatter(
            x=[positions[b] for b in band_cpe.index], y=band_cpe["cpe"], mode="markers",
            name=("whole band without viral accounts (cost ÷ engagements)" if viral_left_out
                  else "whole band (its total cost ÷ engagements)"),
            marker=dict(symbol="diamond", size=16, color="#000000", line=dict(width=1.5, color="white")),
            text=labels, hovertemplate="%{text} per engagement<extra>band</extra>"))
        for band, value, label in zip(band_cpe.index, band_cpe["cpe"], labels):
            # a boxed label beside each diamond stays readable on top of a dense cloud of dots; left of micro's
            # column it stands on the diamond's left, leaving the gap to the middle account's label, whose left half
            # reaches into it (on a 720-px slide nano's "$0.21" ran under it)
            left = marked and positions[band] < positions[MICRO]
            fig.add_annotation(x=positions[band], y=math.log10(value), text=f"<b>{label}</b>", showarrow=False,
                               xshift=-14 if left else 14, xanchor="right" if left else "left",
                               bgcolor="rgba(255,255,255,0.9)", borderpad=2, font=dict(size=13, color="#000000"))
    plotted = [*data["cpe"], *band_cpe["cpe"], celeb_low, celeb_high]
    dtick = theme.log_dtick(plotted, decades_125=theme.VERTICAL_DECADES_125)
    y_range = theme.log_range(plotted, dtick)
    if marked:
        # the finding's and the card's figure on the chart: beside the band's diamond ($0.084) the headline's
        # $0.10-$0.11 was nowhere to be read, and two reviews took the two for one number three ways
        at = positions[MICRO]
        fig.add_shape(type="line", x0=at - 0.36, x1=at + 0.36, y0=micro_median, y1=micro_median,
                      line=dict(color="#000000", width=3, dash="dash"))
        # over the column (MIDDLE_LABEL_PX), a line each for what, how much and the finding's unit, each narrower
        # than "middle account $0.10" (107 px)
        text = f"middle account<br>{theme.money(micro_median)}" + (f"<br>({micro_median_also})"
                                                                   if micro_median_also else "")
        fig.add_annotation(x=at, text=text, showarrow=False, xanchor="center", bgcolor="rgba(255,255,255,0.9)",
                           borderpad=2, font=dict(size=12, color="#000000"),
                           **_off_micro_diamond(band_cpe, micro_median, y_range, text.count("<br>") + 1))
    _across(fig, celeb_low, celeb_high, fillcolor=theme.BENCHMARK_FILL, line_width=0, layer="below")
    for y in (celeb_low, celeb_high):
        _across(fig, y, line=dict(color=theme.BENCHMARK_LINE, dash="dot", width=1))
    # under the band's top line, inside it: above the line it stood where the legend's row is when the band reaches
    # the plot's top, and a slide's wide legend ran into it
    fig.add_annotation(x=1, xref="paper", xanchor="right", y=math.log10(celeb_high), yanchor="top",
                       text=f"celebrity benchmark {theme.money(celeb_low)}–{theme.money(celeb_high)}",
                       showarrow=False, font=dict(color=theme.BENCHMARK_LINE))
    fig.update_layout(
        title=dict(text=plotly_text(title)), showlegend=True, height=560,
        # its three entries wrap onto a second row on a laptop's chart ("whole band without viral accounts …"),
        # upwards over the subtitle's last line, unless the top margin has room for it
        margin_t=theme.legend_margin_top(theme.legend_names(fig), width_px=theme.APP_CHART_PX - 90),
        xaxis=dict(tickmode="array", tickvals=list(positions.values()), ticktext=list(map(plotly_text, present)),
                   title="Follower band",
                   # room on the left for the middle account's label where no band stands left of micro's column
                   # (a crawl of micro accounts and up: "unt $0.015" was all it showed, over the axis's ticks)
                   range=[-0.6 - (_label_room(len(present)) if marked and positions[MICRO] == 0 else 0),
                          max(len(present) - 0.4, 0.6)]),
        # as short as the Overview's: on a 1280×720 slide the plot is ~190 px and a longer title overran it
        yaxis=dict(type="log", title="USD per engagement (log)", tickformat=theme.MONEY_TICKS,
                   dtick=dtick, range=y_range),
    )
    if len(data) < len(all_dots):
        source_note = (f"Dots: a fixed sample of {MAX_DOTS_PER_BAND} influencers per band "
                       f"({len(data):,} of {len(all_dots):,}); diamonds use every post"
                       + (" of the accounts kept. " if viral_left_out else ". ") + source_note)
    theme.source_footnote(fig, plotly_lines(source_note))
    return fig


# Over micro's column the middle account's label shares the column with micro's diamond (the band's CPE: $0.084 a
# few px under the sample's $0.10 line) and the diamond's label, a line of 13-px type centred on the diamond and
# reaching MICRO_DIAMOND_LABEL_PX above and below it. Px of the data are counted on the shortest plot a chart is drawn
# in (theme.LEAST_PLOT_PX), where the label takes most of the plot's height and the diamond stands nearest its line.
# The label keeps MIDDLE_LABEL_GAP_PX off its line where nothing else is near; a line of it is LABEL_LINE_PX high.
MICRO_DIAMOND_LABEL_PX, MIDDLE_LABEL_GAP_PX, LABEL_LINE_PX = 11, 4, 12 * 1.2


def _off_micro_diamond(band_cpe: pd.DataFrame, micro_median: float, y_range: list[float], lines: int) -> dict:
    """Where the middle account's label of `lines` lines stands (y, yanchor, yshift): by its line, on the side away
    from micro's diamond (above it when the diamond is below) and clear of the diamond's label where that reaches
    across the line; where that side has no room for it in the plot, on the diamond's side past the diamond's label
    (under the line near the axis's foot it ran over the ticks' "micro" on a crawl's PDF)."""
    line = math.log10(micro_median)
    px = theme.LEAST_PLOT_PX / (y_range[1] - y_range[0])
    diamond = math.log10(band_cpe.loc[MICRO, "cpe"]) if MICRO in band_cpe.index else None
    gap_px = abs(diamond - line) * px if diamond is not None else math.inf
    shift = max(MIDDLE_LABEL_GAP_PX, math.ceil(MICRO_DIAMOND_LABEL_PX - gap_px) + 2)
    up = diamond is None or diamond <= line
    room_px = ((y_range[1] - line) if up else (line - y_range[0])) * px
    if room_px < lines * LABEL_LINE_PX + 4 + shift and diamond is not None:
        # the diamond's label is centred on the diamond, whatever the plot's height: the label stands off that
        up, line, shift = not up, diamond, MICRO_DIAMOND_LABEL_PX + 2
    return dict(y=line, yanchor="bottom", yshift=shift) if up else dict(y=line, yanchor="top", yshift=-shift)


# More sources than this, named in a column beside their bars, and the names are set in note type
CROWDED_ROWS = 10
# Labels above the bars (build_benchmark_sensitivity): where in its row, in rows, a bar's middle stands below the
# row's middle, and how thick it is; the label takes the row's top, a line of the app's type in a 44-px row
BAR_BELOW_LABEL, BAR_UNDER_LABEL = 0.22, 0.45


def build_benchmark_sensitivity(sensitivity: pd.DataFrame, micro_cpe: float | None, title: str,
                                labels_above: bool = False) -> go.Figure:
    """One bar per benchmark source (ER or price), top to bottom in the frame's order: the celebrity CPE range
    it implies, against the user's micro CPE line. `labels_above`: each source's name above its bar, across the
    plot, rather than in a column beside the bars (for a screen: on a 1024-px one the names left the plot ~80 px).

    sensitivity: label (what varies, source, year, statistic or tier), celebrity_cpe_low, celebrity_cpe_high,
    verdict.
    """
    # (each label on one line: wrapped onto two, fifteen bars' labels ran into each other on a 720-px slide)
    s = sensitivity.assign(label=sensitivity["label"].map(plotly_text), verdict=sensitivity["verdict"].map(plotly_text))
    label_chars = 0 if labels_above else max(map(len, s["label"]), default=0)
    # above its label, a bar stands on a numbered row of its own; beside it, on its label's category
    row = dict(zip(s["label"], np.arange(len(s)) + BAR_BELOW_LABEL)) if labels_above else None
    fig = go.Figure(go.Bar(
        y=s["label"].map(row) if row else s["label"], x=s["celebrity_cpe_high"] - s["celebrity_cpe_low"],
        base=s["celebrity_cpe_low"], width=BAR_UNDER_LABEL if row else None,
        orientation="h", marker_color=theme.BENCHMARK_LINE, opacity=0.6, name="celebrity CPE range", showlegend=False,
        customdata=np.stack([s["celebrity_cpe_low"], s["celebrity_cpe_high"], s["verdict"], s["label"]], axis=-1),
        hovertemplate="%{customdata[3]}<br>%{customdata[0]:$.3~g}–%{customdata[1]:$.3~g}<br>%{customdata[2]}"
                      "<extra></extra>"))
    has_line = micro_cpe is not None and math.isfinite(micro_cpe) and micro_cpe > 0
    # a source that counts fewer parts of an engagement (a like rate) judges a micro CPE counted its way: a mark on
    # its bar where that differs from the line's CPE of every part
    own = (s[s["micro_cpe"].notna() & ((s["micro_cpe"] - micro_cpe).abs() > 0.005 * micro_cpe)]
           if has_line and "micro_cpe" in s else s.iloc[:0])
    positive = [v for v in [*s["celebrity_cpe_low"], *s["celebrity_cpe_high"], *([micro_cpe] if has_line else []),
                            *own.get("micro_cpe", [])] if v > 0]
    dtick = theme.log_dtick(positive)
    if has_line:
        _across(fig, micro_cpe, axis="x", line=dict(color=theme.OKABE_ITO[0], width=3))
        # named in the legend, not by a label on the line: standing on the plot's top edge, the label ran into the
        # legend's row in the HTML report
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line=dict(color=theme.OKABE_ITO[0], width=3),
                                 name=f"your micro CPE {theme.money(micro_cpe)} (all engagements)"))
    if len(own):
        fig.add_trace(go.Scatter(
            x=own["micro_cpe"], y=own["label"].map(row) if row else own["label"], mode="markers",
            # short: the legend stands over the plot, right of the long bar labels, and a second row of it left
            # fifteen bars ~150 px on a 720-px slide, their labels run together
            name="your micro CPE as each source counts",
            marker=dict(symbol="diamond", size=11, color=theme.OKABE_ITO[0], line=dict(color="white", width=1)),
            customdata=own[["numerator"]].map(plotly_text).to_numpy() if "numerator" in own else None,
            hovertemplate="your micro CPE counted as this source counts (%{customdata[0]}): %{x:$.3~g}"
                          "<extra></extra>"))
    # wrapped to the bar labels' column, beside the axis's ticks and title (exports keep it: they replace only the
    # sources footnote): under the axis title its two lines took 50 px from fifteen bars on a 720-px slide
    # beside names in note type (crowded), the note's type is theirs and it starts 32 px further left: ~6 characters,
    # and 4 more for words of wider letters than the names' ("price · … (2021) · YouTube mega")
    crowded = len(s) > CROWDED_ROWS and not row
    note = (_no_diamond_note(s.drop(own.index), NOTE_ACROSS_CHARS if row else label_chars - (10 if crowded else 0))
            if len(own) else [])
    if note and row:
        # no column of labels beside the axis to hold it: under the axis's title
        fig.add_annotation(x=0, xref="paper", y=0, yref="paper", yshift=-62, xanchor="left", yanchor="top",
                           showarrow=False, font=dict(size=theme.NOTE_SIZE, color="#555"), align="left",
                           text="<br>".join(note))
    elif note:
        # clear of the first tick's label, centred on the plot's left edge
        fig.add_annotation(x=0, xref="paper", y=0, yref="paper", xshift=-32, yshift=-10, xanchor="right", yanchor="top",
                           showarrow=False, font=dict(size=theme.NOTE_SIZE, color="#555"), align="right",
                           text="<br>".join(note))
    for label, at in (row or {}).items():
        # the row's top, over the bar: across the whole plot, as wide as its line's name needs; on white, which
        # the micro CPE line runs behind rather than through the name
        fig.add_annotation(x=0, xref="paper", y=at - BAR_BELOW_LABEL - 0.5, yref="y", xanchor="left", yanchor="top",
                           showarrow=False, text=label, bgcolor="white", borderpad=0)
    # the legend stands over the plot, which the bar labels' column leaves narrow (~7 px a character): its two items
    # wrapped onto a second row, upwards over the title, unless the top margin has room for it
    plot_px = theme.APP_CHART_PX - 7 * label_chars - 30
    legend_names = [t.name for t in fig.data if t.showlegend is not False]
    fig.update_layout(title=dict(text=plotly_text(title)), showlegend=has_line,
                      margin_t=(theme.legend_margin_top(legend_names, width_px=max(plot_px, 200)) if has_line
                                # no legend (the celebrity side alone): no row kept empty for one
                                else theme.TOP_MARGIN_PX - theme.LEGEND_ROW_PX),
                      # 1-2-5 ticks at most: every digit of a two-decade log axis crowds into unreadable labels
                      xaxis=dict(type="log", title="Celebrity cost per engagement (USD, log scale)",
                                 tickformat=theme.MONEY_TICKS, dtick=dtick, range=theme.log_range(positive, dtick)),
                      # every bar named: on a 720-px slide Plotly dropped every other label for want of room
                      yaxis=dict(title=None, automargin=True, autorange="reversed", dtick=1,
                                 # a column of many names in note type: fifteen in presenter type ran into each other
                                 # on a 720-px slide, where the plot has ~15 px a row
                                 tickfont_size=theme.NOTE_SIZE if crowded else None),
                      height=max(320, 44 * len(s) + 180))
    if row:
        # the first row's label at the plot's top, the last bar at its foot; room under the axis for the note
        fig.update_layout(yaxis=dict(autorange=None, range=[len(s) - 0.5, -0.5], showticklabels=False,
                                     showgrid=False, zeroline=False),
                          margin=dict(l=20, b=70 + theme.NOTE_LINE_PX * len(note)))
    return fig


# the fewest characters a line of the no-diamond note gets, where the bar labels are short; and a line's under the
# plot, where the labels stand above the bars (a 1024-px screen's chart, ~560 px)
LEAST_NOTE_CHARS, NOTE_ACROSS_CHARS = 40, 80


def _no_diamond_note(undiamonded: pd.DataFrame, label_chars: int) -> list[str]:
    """The lines of a note on what a bar without a diamond (the rows of `undiamonded`) is set against: the line,
    or, for a price whose chosen ERs count an engagement differently (no single micro CPE: NaN), the micro CPE each
    of them counts. Without it six bare bars beside nine marked ones read as missing data. Wrapped to the bar
    labels' `label_chars` (the note's type is smaller than theirs), at least LEAST_NOTE_CHARS."""
    if undiamonded.empty:
        return []
    by_each = (undiamonded["micro_cpe"].isna() if "micro_cpe" in undiamonded
               else pd.Series(False, index=undiamonded.index))
    # (in a client's words: "counted that source's way, your micro CPE is the line's" was read as jargon)
    same = "the source counts engagements as the line does"
    each = "a price bar compares with your micro CPE counted as each chosen ER source counts engagements"
    if by_each.all():
        note = f"No diamond: {each}."
    elif by_each.any():
        note = f"No diamond: {same}; {each}."
    else:
        note = f"No diamond: {same}."
    return textwrap.wrap(note, max(LEAST_NOTE_CHARS, label_chars))


def band_cpe_finding(bands: pd.DataFrame) -> str:
    """The Overview chart's title: the band that pays least per engagement, against the largest band with a cost
    (celebrities, in the brief's scheme; the dearest band when the largest is the cheapest), and whether those
    costs are mostly estimates. bands in scheme order. A band whose middle post went viral (median_er over
    metrics.VIRAL_ER, where the frame has it) is not crowned: "the under 1K band pays least, 333× less than the mid
    band" was a crawl's trending posts, so the crown goes to the cheapest of the others and the sentence names them."""
    priced = bands[bands["cpe"] > 0]
    if priced.empty:
        return "Cost per engagement by follower band"
    went_viral = priced["median_er"] > metrics.VIRAL_ER if "median_er" in priced else pd.Series(False, priced.index)
    viral_bands = list(priced.loc[went_viral, "band"])
    if viral_bands and not went_viral.all():
        sentence = band_cpe_finding(priced[~went_viral].drop(columns="median_er"))
        whose = "bands'" if len(viral_bands) > 1 else "band's"
        return (sentence + f"; the {in_words(viral_bands)} {whose} middle posts "
                f"went viral (median ER over {theme.percent(metrics.VIRAL_ER, 0)}), cheaper still")
    cheapest = priced.loc[priced["cpe"].idxmin()]
    # "over all its posts": the band's pooled CPE, told apart from Cost vs celebrity's middle account's own CPE
    # (two figures for "micro CPE", $0.084 and $0.10, read as the app disagreeing with itself); and how few accounts
    # that is where they are few (a crawl's 3 micro accounts left after its viral ones crowned the micro band)
    few = int(cheapest.get("priced_influencers", FEW_ACCOUNTS))
    # a band of accounts known only from influencer lists has no posts (the Overview's card said "Posts 0" under a
    # title about them): its CPE is over their lists' average posts
    listed_only = cheapest.get("posts", 1) == 0
    if few < FEW_ACCOUNTS:
        whose = (f"over the average posts of only {counted(few, 'listed account')}" if listed_only
                 else f"over all the posts of only {counted(few, 'account')}")
    else:
        whose = "over its listed accounts' average posts" if listed_only else "over all its posts"
    sentence = (f"The {cheapest['band']} band pays least per engagement ({theme.money(cheapest['cpe'])} {whose})"
                if len(priced) > 1 else    # one band (a band filter): nothing to be least against
                f"The {cheapest['band']} band pays {theme.money(cheapest['cpe'])} per engagement {whose}")
    # the largest band with a cost, unless that is the cheapest one: then the dearest
    other = priced.iloc[-1] if priced.iloc[-1]["band"] != cheapest["band"] else priced.loc[priced["cpe"].idxmax()]
    if other["band"] != cheapest["band"]:
        ratio = other["cpe"] / cheapest["cpe"]
        # bands alike to the cent: "no less than" beside "pays least" read as a contradiction
        apart = "the same as" if ratio == 1 else f"{theme.how_much(ratio, 'less', smaller=True)} than"
        sentence += f", {apart} the {other['band']} band ({theme.money(other['cpe'])})"
    shares = priced["estimated_share"].fillna(0)
    # as the bars say it: an estimate that is the influencers' own listed prices is named so
    listed = (priced["listed_share"].fillna(0) if "listed_share" in priced else pd.Series(0.0, priced.index))
    guessed = "listed prices" if ((shares - listed).abs() < 1e-9).all() else "estimated"
    if (shares >= 1).all():    # said first: on a crawl without a fee, every figure on the chart is a guess
        sentence = at_estimated_prices(sentence)
    elif (shares > 0.5).all():
        # (one band, under a band filter: "every band's" spoke of bands not drawn)
        whose = "its" if len(priced) == 1 else "every band's"
        sentence += f"; most of {whose} cost is {guessed}"
    elif (shares > 0.5).any():
        sentence += f"; some bands' costs are mostly {guessed}"
    if viral_bands:
        sentence += f"; every band's middle post went viral (median ER over {theme.percent(metrics.VIRAL_ER, 0)})"
    return sentence


def with_bands_left_out(bands: pd.DataFrame, before_leaving_out: pd.DataFrame) -> pd.DataFrame:
    """`bands` (cpe_by_band.sql with viral accounts left out) with a row, without a CPE, for each band that had a cost
    before they were left out and has none after, `viral_only` marking it: such a band vanished from the Overview's
    axis when every one of its accounts was left out, while a band left with unpriced accounts said "no cost" (a
    crawl's nano and under-1K bands, both left out as viral). `before_leaving_out`: the same query keeping them."""
    out = before_leaving_out[["band", "band_order"]].merge(bands.drop(columns="band_order"), on="band", how="left")
    priced_before = before_leaving_out.loc[before_leaving_out["cpe"].notna(), "band"]
    return out.assign(viral_only=out["cpe"].isna() & out["band"].isin(priced_before))


LEAST_BAR_SLOTS = 4   # the Overview's bars are at most as wide as one of four


def build_band_cpe_bar(bands: pd.DataFrame) -> go.Figure:
    """The Overview's bars (dots on a log axis): CPE per follower band, each labelled with its cost per engagement
    and, where some of the cost is estimated, how much of it (on the sample, nearly all of the under-1K band's): a
    bar of guesses must not read like a bar of invoices. bands: band, cpe, estimated_share (cpe_by_band.sql), and
    optionally viral_only (with_bands_left_out): a band without a CPE says why, whichever kind of axis it is on."""
    positive = bands["cpe"][bands["cpe"] > 0]
    # two decades apart a linear axis shows the cheaper bands as slivers (a viral crawl: $0.000045 beside $0.015),
    # so the axis goes log; and on a log axis a bar's length means nothing (it starts wherever the axis does: micro
    # looked half of mid at 11× cheaper), so the bands are dots there
    log = len(positive) > 1 and positive.max() / positive.min() > 100

    def label(cpe: float, share: float, listed: float, viral_only: bool) -> str:
        if pd.isna(cpe):
            # accounts but no cost: celebrities, whom the rate card does not price
            return "left out: viral" if viral_only else "no cost"
        # a listed price said as such (the Prices page counts it as known: "89% estimated" read as a contradiction);
        # over a bar on three lines, each narrower than a band's slot of a 1024-px screen (~79 px for six bands): on
        # one line it was shrunk to 7-px type, on two plotly shrank it to the bar (constraintext), and at full size
        # "100% listed prices" (105 px) ran into its neighbour's label
        guessed = "listed prices" if math.isclose(listed, share) else "estimated"
        return theme.money(cpe) + (f"<br>{share:.0%}{' ' if log else '<br>'}{guessed}" if share > 0 else "")
    viral_only = bands["viral_only"] if "viral_only" in bands.columns else pd.Series(False, index=bands.index)
    listed = bands["listed_share"].fillna(0) if "listed_share" in bands.columns else pd.Series(0.0, index=bands.index)
    text = [label(c, s, ls, v) for c, s, ls, v in zip(bands["cpe"], bands["estimated_share"].fillna(0), listed,
                                                      viral_only)]
    colours = [theme.BAND_COLOURS.get(b, theme.OKABE_ITO[0]) for b in bands["band"]]
    title = plotly_text(band_cpe_finding(bands))
    # under each band, how many accounts its cost per engagement counts: a bar of 3 accounts beside one of 500
    priced = bands["priced_influencers"] if "priced_influencers" in bands.columns else pd.Series(0, bands.index)
    bands = bands.assign(band=[plotly_text(b) + (f"<br>{counted(int(n), 'account')}" if n > 0 else "")
                               for b, n in zip(bands["band"], priced.fillna(0))])
    trace = (go.Scatter(x=bands["band"], y=bands["cpe"], mode="markers+text", text=text, textposition="top center",
                        marker=dict(color=colours, size=22, line=dict(width=1, color="#1f2933")), cliponaxis=False,
                        hovertemplate="%{x}: %{text}<extra></extra>") if log else
             go.Bar(x=bands["band"], y=bands["cpe"], marker_color=colours, text=text, textposition="outside",
                    # full size: at 1024 px plotly shrank "$0.49 / 100% listed prices" to its bar's width, ~10-px type
                    constraintext="none", cliponaxis=False,
                    hovertemplate="%{x}: %{text}<extra></extra>"))
    fig = go.Figure(trace)
    # money ticks without SI prefixes: the default format wrote a TikTok band's $0.0007 as "$700µ"
    fig.update_layout(title=title, yaxis_title="USD per engagement",
                      xaxis_title="Follower band", yaxis_tickformat=theme.MONEY_TICKS)
    if log:
        # short enough for the plot's height at presenter type sizes ("(log scale)" was cut to "(lo")
        # room for the labels: above the dearest dot (its label was cut at the top) and beside the outer dots (the
        # first one's "$0.000045 · 100% estimated" ran into the axis's ticks)
        low, high = math.log10(positive.min()), math.log10(positive.max())
        fig.update_layout(yaxis=dict(type="log", title="USD per engagement (log)", range=[low - 0.3, high + 0.45],
                                     dtick=theme.log_dtick(positive, decades_125=theme.VERTICAL_DECADES_125)),
                          xaxis=dict(range=[-0.8, len(bands) - 0.2]))
        for band, cpe, words in zip(bands["band"], bands["cpe"], text):   # a log axis has no 0 to write them on
            if pd.isna(cpe):
                fig.add_annotation(x=band, y=0, yref="paper", yanchor="bottom", text=words, showarrow=False)
    elif len(bands) < LEAST_BAR_SLOTS:
        # as wide as a bar among LEAST_BAR_SLOTS: one band alone (the sidebar's band filter) filled the plot's width
        pad = (LEAST_BAR_SLOTS - len(bands)) / 2
        fig.update_layout(xaxis=dict(range=[-0.5 - pad, len(bands) - 0.5 + pad]))
    return fig
