"""One visual language for the app and every export: a Plotly template, a colour-blind-safe palette, formats.

The palette is Okabe-Ito (distinguishable with the common colour-vision deficiencies). Figure builders
call `apply(fig)` (or `new_figure()`), never mutate a shared layout dict.
"""
from __future__ import annotations

import html
import math
import re
import textwrap
from decimal import ROUND_HALF_UP, Context, Decimal

import plotly.graph_objects as go
import plotly.io as pio

from .text import headline_parts

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
BAND_COLOURS = {
    "under 1K": "#999999",
    "nano": "#56B4E9",
    "micro": "#0072B2",
    "mid": "#E69F00",
    "macro": "#CC79A7",
    "celebrity": "#D55E00",
}
BENCHMARK_FILL = "rgba(213, 94, 0, 0.15)"   # the celebrity range band
BENCHMARK_LINE = "#D55E00"
ESTIMATED_COLOUR = "#999999"
# One colour per platform on every chart (TikTok was green on Influencers and orange on Prices), Okabe-Ito without
# the orange family: benchmarks and claims are drawn in BENCHMARK_LINE. The one colour left, yellow, is no dot or line
# on a white chart (1.2:1 against white), so the platforms rarer in influencer data share the grey of 'other': their
# legend entries and hovers name each apart.
PLATFORM_COLOURS = {"instagram": OKABE_ITO[0], "tiktok": OKABE_ITO[2], "youtube": OKABE_ITO[4],
                    "facebook": OKABE_ITO[5], "x": OKABE_ITO[7],
                    **dict.fromkeys(("pinterest", "twitch", "linkedin", "snapchat", "threads", "other"),
                                    ESTIMATED_COLOUR)}
MISSING = "–"   # how a missing value reads in cards, tables and exports
MONEY_TICKS = "$.2~r"   # log-scale money axes: $0.0001 … $10, no SI prefixes like "100µ"


def platform_colour(platform: str) -> str:
    return PLATFORM_COLOURS.get(platform, ESTIMATED_COLOUR)


def multiple(ratio: float) -> str:
    """A ratio as a multiple: '2.4×', and '109×' from ten on, where a decimal is false precision ('108.9× cheaper')."""
    return f"{ratio:.1f}×" if ratio < 9.95 else f"{ratio:,.0f}×"


# Under this ratio a difference reads in per cent: '1.0× cheaper' led a filtered Cost vs celebrity headline ($0.23
# against $0.24), a contradiction in a pitch
LEAST_MULTIPLE = 1.1


def how_much(ratio: float, word: str, smaller: bool) -> str:
    """How far apart two values are, `ratio` (≥ 1) the larger over the smaller, with the word that says which way:
    '2.2× cheaper', and in per cent under LEAST_MULTIPLE ('4% cheaper'). smaller: the word puts the value it
    describes below the other (cheaper, below, less), so the per cent is of the other, the larger."""
    if ratio >= LEAST_MULTIPLE:
        return f"{multiple(ratio)} {word}"
    share = 1 - 1 / ratio if smaller else ratio - 1
    if share <= 0:      # the same ('no cheaper than', 'no less than')
        return f"no {word}"
    return f"{share:.0%} {word}" if share >= 0.005 else f"under 1% {word}"


def times_as_many(ratio: float) -> str:
    """How many times one count is another (≥ 1), to go before it: '3.9×' ('3.9× the 49.8K'), and in per cent under
    LEAST_MULTIPLE: '4% more than' ('1.0× the 49.8K' read as the same), 'as many as' at 1."""
    if ratio >= LEAST_MULTIPLE:
        return multiple(ratio)
    if ratio <= 1:
        return "as many as"
    return f"{ratio - 1:.0%} more than" if ratio - 1 >= 0.005 else "under 1% more than"


def decades(values) -> float:
    """How many decades the positive, finite `values` span (0 for none)."""
    positive = [v for v in values if v is not None and math.isfinite(v) and v > 0]
    return math.log10(max(positive) / min(positive)) if positive else 0.0


def log_dtick(values, decades_125: float = 3) -> str | int:
    """Ticks for a log axis over `values` (positive ones count): 1-2-5 within `decades_125` decades, one per decade
    beyond, where 1-2-5 labels ran together ("$0.002 $0.005$0.01$0.02" over five decades of a viral crawl). A
    vertical axis has room for 1-2-5 over more decades than a horizontal one."""
    return "D2" if decades(values) <= decades_125 else 1


# the least room past the outermost value, as a factor: a line or marker at the range's end sat on the axis
LOG_AXIS_ROOM = 1.15


# How far past its last labelled tick an axis may end without going on to the next tick: a dot at $0.0095 under a
# $0.01 tick is read by it, and the next tick down ($0.001) would leave a whole empty decade under every dot
LOG_AXIS_OVERHANG = 1.5


def log_range(values, dtick: str | int) -> list[float] | None:
    """A log axis's range (log10 units) over `values` (positive ones count), between ticks of `dtick` (log_dtick's:
    "D2" at 1, 2 and 5 a decade, 1 at each power of ten) that take in the values, so each end is read by a tick:
    ended between ticks, the axis left a micro CPE of $0.015 under a first tick of $0.1, and the top of a
    $0.24–$6.06 celebrity band with no $10 to read it by. A value within LOG_AXIS_OVERHANG past a tick ends the
    axis there, LOG_AXIS_ROOM past the value, as does a value within LOG_AXIS_ROOM of its end tick (room past that
    tick): not a whole decade more to the next tick. None without a positive value."""
    positive = [v for v in values if v is not None and math.isfinite(v) and v > 0]
    if not positive:
        return None
    steps = (1, 2, 5) if dtick == "D2" else (1,)
    least, most = min(positive), max(positive)
    decades = range(math.floor(math.log10(least)) - 1, math.floor(math.log10(most)) + 2)
    ticks = sorted(m * 10.0 ** d for d in decades for m in steps)
    # a hair either way: 1000 from log10 is 999.99…, and a tick is not past itself
    under_least = max(t for t in ticks if t <= least * (1 + 1e-9))
    over_least = min(t for t in ticks if t > least * (1 + 1e-9))
    over_most = min(t for t in ticks if t >= most * (1 - 1e-9))
    under_most = max(t for t in ticks if t < most * (1 - 1e-9))
    if least * LOG_AXIS_OVERHANG >= over_least:        # just under a tick: read by it
        low = least / LOG_AXIS_ROOM
    elif least < under_least * LOG_AXIS_ROOM:          # just over a tick: room past that tick
        low = under_least / LOG_AXIS_ROOM
    else:
        low = under_least
    if most <= under_most * LOG_AXIS_OVERHANG:
        high = most * LOG_AXIS_ROOM
    elif most > over_most / LOG_AXIS_ROOM:
        high = over_most * LOG_AXIS_ROOM
    else:
        high = over_most
    # a hair past each end tick: Plotly leaves out a tick that rounding puts a hair outside the range
    return [math.log10(low) - 1e-3, math.log10(high) + 1e-3]


# The app's own type first (the browser has it from Streamlit); exports, drawn without it, take the next one.
FONT = '"Source Sans", "Source Sans Pro", Inter, "Segoe UI", "Helvetica Neue", Arial, sans-serif'
TEMPLATE_NAME = "microlens"


BASE_SIZE = {False: 14, True: 17}   # type size in px: on screen, and presenting (charts share the page with the sidebar)
TITLE_SCALE = 1.35
# The template's top margin: a line of title and a row of legend under it; a chart without a legend above its plot
# gives that row back (apply), or a 26-px band stood empty between the Overview's finding and its bars.
TOP_MARGIN_PX, LEGEND_ROW_PX = 90, 26
PRESENT_LEGEND_EXTRA_PX = 14   # how much taller a legend row is in presenter type
SUBTITLE_LINE_PX = 34   # from a title's last line to its subtitle's foot
# The shortest plot a chart is drawn in: a 1280×720 slide leaves ~230 px under a headline of a line or two and the
# legend. Labels kept off the data in a band along the plot's top are sized for it, so a taller plot has room to spare.
LEAST_PLOT_PX = 220
# The most decades a vertical log axis labels at 1, 2 and 5 (three labels a decade, one more at the end) on the
# shortest plot with its labels a line and a half of presenter type apart: more crowded "$10 … $0.005" together
VERTICAL_DECADES_125 = (LEAST_PLOT_PX / (BASE_SIZE[True] * 1.5) - 1) / 3
NOTE_SIZE = 13   # px: the least type of a note printed on a chart (sources, what the view leaves out); 11 was unread
# A figure's layout.meta key for labels kept in a band along its plot's top: the band's height in pixels and the most
# share of the plot it takes. Its labels are annotations named BAND_LABEL, set at the band's foot (the y axis's
# domain top) and stacked up from it in pixels.
TOP_BAND, BAND_LABEL = "top_band", "top_band_label"


def band_foot(band_px: float, plot_px: float, most: float) -> float:
    """The y axis's domain top that leaves `band_px` of a plot `plot_px` high along its top, at most `most` of it."""
    return 1 - min(most, band_px / plot_px)


def fit_top_band(fig: go.Figure, height: int | None = None) -> go.Figure:
    """A figure whose labels stand in a band along its plot's top (TOP_BAND), sized on the shortest plot it is
    drawn in (LEAST_PLOT_PX), drawn `height` px high (else at its own set height): the band shrinks to its pixels on
    the taller plot, and the labels and the y axis follow it (on the app's Prices page 80 px stood empty above the
    price notes, 200 px in the chart's image). A figure drawn at the height a screen leaves (presenter mode) keeps
    the band it was built with."""
    meta = fig.layout.meta
    height = height or fig.layout.height
    if not isinstance(meta, dict) or TOP_BAND not in meta or not height:
        return fig
    band_px, most = meta[TOP_BAND]
    # a margin the figure leaves unset is its template's
    margin = {side: getattr(fig.layout.margin, side) for side in "tb"}
    plot_px = height - sum(px if px is not None else getattr(fig.layout.template.layout.margin, side) or 0
                           for side, px in margin.items())
    foot = band_foot(band_px, max(plot_px, LEAST_PLOT_PX), most)
    fig.update_layout(yaxis_domain=[0, foot])
    fig.update_annotations(selector=dict(name=BAND_LABEL), y=foot)
    return fig


def _template(base_size: int) -> go.layout.Template:
    return go.layout.Template(layout=go.Layout(
        font=dict(family=FONT, size=base_size, color="#1f2933"),
        title=dict(font=dict(size=round(base_size * TITLE_SCALE), weight=600), x=0, xanchor="left"),
        colorway=list(OKABE_ITO),
        plot_bgcolor="white",
        paper_bgcolor="white",
        xaxis=dict(gridcolor="#e5e7eb", zerolinecolor="#d1d5db", linecolor="#9ca3af", ticks="outside",
                   automargin=True),
        # no tick marks on the value axis: its gridlines mark the values, and without an axis line a mark read as
        # a stray dash after every label ("$0.6 –")
        yaxis=dict(gridcolor="#e5e7eb", zerolinecolor="#d1d5db", linecolor="#9ca3af", ticks="",
                   automargin=True),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        margin=dict(l=60, r=30, t=TOP_MARGIN_PX, b=60),
        hoverlabel=dict(font=dict(family=FONT)),
        # the toolbar down the right edge, not across the top: there it covered a title's last words on hover
        modebar=dict(orientation="v"),
    ))


pio.templates[TEMPLATE_NAME] = _template(BASE_SIZE[False])
pio.templates[TEMPLATE_NAME + "_present"] = _template(BASE_SIZE[True])


def new_figure(present: bool = False) -> go.Figure:
    return go.Figure(layout=dict(template=TEMPLATE_NAME + ("_present" if present else "")))


def legend_rows(names: list[str], width_px: int = 800, present: bool = False) -> int:
    """The rows plotly wraps a horizontal legend of `names` onto in a chart `width_px` wide: ~7.5 px a character of
    the app's type, 8 in presenter type (7.5 measured: a slide's five entries of 101 characters took 957 px of 1,100
    and one row, where 9.1 px a character had kept an empty second row over the plot), 40 px for the symbol and the
    gap."""
    char_px = 8.0 if present else 7.5
    rows, used = 1, 0.0
    for name in names:
        item = 40 + char_px * len(name)
        if used and used + item > width_px:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def legend_names(fig: go.Figure) -> list[str]:
    """The names a figure's legend lists."""
    return [trace.name or "" for trace in fig.data if trace.showlegend is not False]


def legend_margin_top(names: list[str], width_px: int = 800) -> int:
    """Top margin for the template's legend row(s) above the plot: plotly wraps a long horizontal legend onto
    more rows, upwards into the title. Estimated at a laptop's chart width, so a short legend leaves no empty band
    between the title and the plot."""
    return TOP_MARGIN_PX + LEGEND_ROW_PX * (legend_rows(names, width_px) - 1)


# The width in px of a chart the app draws when its figure sets none: the main column of a 1280-px screen with the
# sidebar open. Plotly neither wraps a title nor shows what it cuts, and the server does not know the screen, so a
# title is wrapped to the narrowest chart a laptop draws; at 1920 px (a 1,460-px column) its lines fill half the
# width, where 85 characters filled 44% and a headline took two lines of 640 px.
APP_CHART_PX = 820
CHAR_EM = 0.45   # the app type's average character in em (Source Sans: ~0.4 in bold), with room for wider fonts


def legend_on_top(fig: go.Figure) -> bool:
    """Whether plotly draws the figure's legend in the template's place above the plot: it shows one by itself
    for two or more traces that a legend would list."""
    shown = fig.layout.showlegend
    if shown is None:
        shown = sum(trace.showlegend is not False for trace in fig.data) > 1
    return bool(shown) and (fig.layout.legend.y is None or fig.layout.legend.y >= 1)


def title_chars(present: bool = False, width_px: int | None = None) -> int:
    """Characters of a title's line, in title type, that fit a chart `width_px` wide (else the app's)."""
    return int((width_px or APP_CHART_PX) / (BASE_SIZE[present] * TITLE_SCALE * CHAR_EM))


def apply(fig: go.Figure, present: bool = False) -> go.Figure:
    """Put a figure in the house style; `present` enlarges type for a projector. A long title is wrapped to the
    figure's width (the app's chart width when it sets none), and the top margin grows by the extra lines so the
    title stays clear of the legend and the plot."""
    fig.update_layout(template=TEMPLATE_NAME + ("_present" if present else ""))
    if fig.layout.margin.t is None and not legend_on_top(fig):
        fig.update_layout(margin_t=TOP_MARGIN_PX - LEGEND_ROW_PX)
    title = fig.layout.title.text
    chars = title_chars(present, fig.layout.width)
    if title and "<br>" not in title and len(title) > chars:
        # the answer in title type, what qualifies it beneath in body type (text.headline_parts): a six-line bold
        # title buried the answer on a viral crawl's Cost vs celebrity chart
        answer, qualified = title_parts(title)
        set_title_lines(fig, textwrap.wrap(answer, chars, break_on_hyphens=False),
                        textwrap.wrap(qualified, round(chars * TITLE_SCALE), break_on_hyphens=False), present)
    elif title and "<br>" not in title and fig.layout.title.yanchor != "top":
        # pinned to the top as a wrapped title is: plotly centres a title of one line in the top margin, where a
        # legend of two rows ran over it (the Cost vs celebrity page's "13 of 15 … sources")
        set_title_lines(fig, [title], [], present)
    return fig


# An entity in a title (plotly_text writes "<" as "&lt;"), whose ";" is no clause's end; and what stands for that
# ";" while the title is split (a private-use character, never in a title)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_ENTITY_END = "\ue000"


def title_parts(title: str) -> tuple[str, str]:
    """text.headline_parts of a title of plotly text: split at a "; " that ends a clause, never at an entity's
    ("under &lt; $250" was split into "under &lt" and "$250")."""
    masked = _ENTITY.sub(lambda entity: entity.group()[:-1] + _ENTITY_END, title)
    return tuple(part.replace(_ENTITY_END, ";") for part in headline_parts(masked))


def title_as_text(title: str) -> tuple[str, str]:
    """A figure's title as plain text: (the answer, what qualifies it), whether set_title_lines has wrapped it or
    not, for a page that shows the finding as text of its own."""
    if "<br>" in title:
        lines = title.split("<br>")
        answer = " ".join(line for line in lines if not line.startswith("<span"))
        qualified = " ".join(line for line in lines if line.startswith("<span"))
    else:
        answer, qualified = title_parts(title)
    return plain_text(answer), plain_text(qualified)


def plain_text(text: str) -> str:
    """Plotly text (tags, entities) as the words it shows."""
    return html.unescape(re.sub(r"<[^>]+>", "", text or ""))


def _added_lines_px(answer_lines: int, qualified_lines: int, present: bool) -> int:
    """The height of a pinned title's lines after its first: the answer's in title type, the qualification's in
    body type."""
    line_px = BASE_SIZE[present] * 1.45
    return round((answer_lines - 1) * line_px * TITLE_SCALE + qualified_lines * line_px)


def _title_pad_px(lines: int, present: bool) -> int:
    """The padding that puts a pinned title's first line 6 px below the figure's top: plotly anchors a title of one
    line by its top, and one of more lines by its first line's foot, 0.7 of the title type lower."""
    size = BASE_SIZE[present] * TITLE_SCALE
    return 16 + round(size * 0.5) - (round(size * 0.7) if lines == 1 else 0)


def title_band_px(fig: go.Figure, present: bool = False) -> int:
    """The band along a styled figure's top that its title alone takes, down to the title's last line: what a page
    showing the title as text of its own can take back (on a 1024-px screen 130 px stood empty above the Overview's
    bars), with the subtitle under it. None of it where a legend stands above the plot, which wraps up into the
    title's place on a narrow chart. The title is pinned to the top (set_title_lines); plotly sets a subtitle's
    line 34 px under it (measured in Chromium)."""
    title = fig.layout.title
    if not title.text or legend_on_top(fig):
        return 0
    lines = title.text.split("<br>")
    qualified = sum(line.startswith("<span") for line in lines)
    first_line_foot = _title_pad_px(2, present) + round(BASE_SIZE[present] * TITLE_SCALE * 0.3)
    return (first_line_foot + _added_lines_px(len(lines) - qualified, qualified, present)
            + (SUBTITLE_LINE_PX if title.subtitle.text else 0))


def set_title_lines(fig: go.Figure, answer: list[str], qualified: list[str], present: bool = False,
                    **title) -> None:
    """The title as lines already wrapped: the answer's in title type, the qualification's beneath in body type.
    Pinned to the top of the figure: plotly places a multi-line title by its first line, so half a line of padding
    keeps that line inside the figure and the added lines go down into the top margin, which grows by their height
    (padding by that height as well pushed a four-line title onto the legend), and a figure of a set height grows by
    it too, as it does for a footnote's lines: a five-line finding over the Cost vs celebrity chart left its plot 150
    px of 560. `title`: more title settings."""
    body_px = BASE_SIZE[present]
    extra = _added_lines_px(len(answer), len(qualified), present)
    lines = answer + [f'<span style="font-size:{body_px}px;font-weight:400">{line}</span>' for line in qualified]
    pad = {"t": _title_pad_px(len(lines), present), **title.pop("pad", {})}
    taller_legend = PRESENT_LEGEND_EXTRA_PX if present and legend_on_top(fig) else 0
    fig.update_layout(title=dict(text="<br>".join(lines), yref="container", y=1, yanchor="top", pad=pad, **title),
                      margin_t=(fig.layout.margin.t or TOP_MARGIN_PX) + extra + taller_legend)
    if fig.layout.height:
        fig.update_layout(height=fig.layout.height + extra)


FOOTNOTE = "source_footnote"   # the name that lets exports find the footnote and leave it to their own source line
FOOTNOTE_LINES = 5   # exports draw charts at 1280×720: more lines would squash the plot


# The footnote starts at the plot's left edge, ~90 px into the app's chart
FOOTNOTE_CHARS = int((APP_CHART_PX - 90) / (NOTE_SIZE * CHAR_EM))
NOTE_LINE_PX = round(NOTE_SIZE * 1.3)   # Plotly's line spacing


# The last line of a footnote too long for its chart: where the full list is (the page's and the reports' Sources
# line under the chart; an image downloaded alone has none under it)
MORE_SOURCES = "… and more: every source is listed under the chart."
MORE_SOURCES_ELSEWHERE = "… and more: every source is listed under this chart in Microlens and in its reports."


def source_footnote(fig: go.Figure, note: str, more: str = MORE_SOURCES) -> None:
    """Sources on the chart itself (a PNG travels without the page), wrapped to the chart's width ("<br>" starts a
    new line); a list too long for the chart ends with `more`, a pointer to the full one."""
    if not note:
        return
    lines = [line for part in note.split("<br>")
             for line in textwrap.wrap(part, FOOTNOTE_CHARS, break_on_hyphens=False)]
    if len(lines) > FOOTNOTE_LINES:
        lines = lines[:FOOTNOTE_LINES - 1] + [more]
    # Pinned in pixels below the axis title, so it never collides with it whatever the chart height.
    fig.add_annotation(x=0, xref="paper", y=0, yref="paper", yshift=-78, xanchor="left", yanchor="top",
                       text="<br>".join(lines), showarrow=False, align="left", font=dict(size=NOTE_SIZE, color="#555"),
                       name=FOOTNOTE)
    # the footnote takes its room from below the plot, not from the plot: a chart's height is meant for two
    # lines, and grows (or shrinks) by a line's height per line more (or fewer); a legend at the chart's foot (the
    # rate card's, a takeover's) keeps its rows under the footnote, which an image export printed over it
    legend_px = LEGEND_ROW_PX * legend_rows(legend_names(fig)) if legend_at_foot(fig) else 0
    fig.update_layout(margin=dict(b=110 + NOTE_LINE_PX * len(lines) + legend_px),
                      height=(fig.layout.height or 450) + NOTE_LINE_PX * (len(lines) - 2) + legend_px)


def footnote_cut(fig: go.Figure) -> bool:
    """Whether the figure's footnote (source_footnote) was cut and ends with MORE_SOURCES: its page then owes the
    full list under the chart."""
    return any(a.name == FOOTNOTE and (a.text or "").endswith(MORE_SOURCES) for a in fig.layout.annotations)


def legend_at_foot(fig: go.Figure) -> bool:
    """Whether the figure's legend stands at the foot of the chart, under the plot (charts_prices' rate card)."""
    legend = fig.layout.legend
    return bool(legend_names(fig)) and fig.layout.showlegend is not False and legend.y is not None and (
        legend.y < 0 or (legend.yref == "container" and legend.y < 0.5))


# Decimal's default 28 digits cannot hold a float's every size: $1e30 rounded to cents raised InvalidOperation
_EVERY_FLOAT = Context(prec=400)


def money(value: float | None, digits: int | None = None) -> str:
    """$1,234 / $0.042 / -$25 — enough digits to tell small per-engagement costs apart."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if value == 0:
        return "$0"
    sign, size = ("-" if value < 0 else ""), abs(value)
    if digits is None and size < 0.01:
        # tiny per-engagement costs: two significant digits, never "$0.000" or "$4.4e-05" ($0.00999 rounds up
        # to the $0.010 of the next size)
        places = 1 - math.floor(math.log10(size))
        if round(size, places) < 0.01:
            return sign + "$" + f"{size:.{places}f}".rstrip("0").rstrip(".")
    if digits is None:
        digits = 0 if size >= 100 else 2 if size >= 0.1 else 3
    if math.isfinite(size):
        # half up, as a reader rounds: a median of $112.50 is "$113", not the "$112" of binary half-to-even
        size = Decimal(repr(float(size))).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP, _EVERY_FLOAT)
    return f"{sign}${size:,.{digits}f}"


def cpe_decimals(values) -> int:
    """One number of decimals for a column of costs per engagement, enough for two significant digits of its
    smallest cost (2 to 6), as the cards give a cost, so $0.024 stands beside $0.011, not $0.024 beside $0.0107 (a
    "%g" format drops trailing zeros), and a viral post's $0.000044 never reads $0.00; three ("$0.00803") made every
    row of a column five decimals long. The pages' tables (cpe_printf) and the workbook's cells take it alike."""
    smallest = min((v for v in values if v is not None and v == v and 0 < v < math.inf), default=1.0)
    return min(6, max(2, 1 - math.floor(math.log10(smallest))))


def cpe_printf(values) -> str:
    """A printf format for a table's column of costs per engagement (cpe_decimals)."""
    return f"$%.{cpe_decimals(values)}f"


def money_compact(value: float | None) -> str:
    """$13.5M / $245.3K for KPI cards, where $13,457,120 would be cut off; below $10,000 as money()."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or abs(value) < 1e4:
        return money(value)
    return ("-" if value < 0 else "") + "$" + count(abs(value))


def percent(value: float | None, digits: int = 2) -> str:
    """A ratio (0.0123) as 1.23%; 283.0933 as 28,309.33% (viral crawls reach such engagement rates); a rate that
    `digits` would round to nothing with two significant digits (a YouTube list's median ER of 0.028%, not "0.0%")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    hundredfold = float(value) * 100
    # (a rounding error's 1.9e-14, a break-even contract's ROI, is none: "0%", not "0.000000000000019%")
    if math.isfinite(hundredfold) and 1e-6 <= abs(hundredfold) < 0.5 * 10 ** -digits:
        digits = 1 - math.floor(math.log10(abs(hundredfold)))
    if math.isfinite(hundredfold):   # half up, as in money(): 3.25% to one decimal is 3.3%, not 3.2%
        hundredfold = Decimal(repr(hundredfold)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP, _EVERY_FLOAT)
    return f"{hundredfold:,.{digits}f}%"


def count(value: float | None) -> str:
    """12,345 / 1.2M / 3.4K for compact KPI cards."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    v = abs(value)
    if v >= 1e9:
        return f"{value / 1e9:.1f}B"
    if v >= 1e6:
        return f"{value / 1e6:.1f}M"
    if v >= 1e4:
        return f"{value / 1e3:.1f}K"
    return f"{value:,.0f}"
