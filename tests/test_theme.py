"""The house style's type: titles wrapped to the chart's width, notes on a chart large enough to read."""
from __future__ import annotations

import plotly.graph_objects as go

from microlens import charts_cost, metrics, theme

# Measured in the app (Chromium, Source Sans): a title line of 85 characters in 19-px bold was 640-695 px wide, 0.40 to
# 0.43 em a character; body type runs a little narrower. A chart at 1280 px with the sidebar open is 820 px wide, at
# 1920 px 1,460 px.
EM_LOW, EM_HIGH = 0.40, 0.45
LAPTOP_CHART_PX = 820
FINDING = charts_cost.micro_vs_celebrity_finding(
    0.10, 0.24, 6.06, like_for_like=charts_cost.LikeForLike(2.2, 0.11, 0.24, "likes only"))


def title_lines(fig: go.Figure) -> list[str]:
    return [line for line in fig.layout.title.text.split("<br>") if not line.startswith("<span")]


def test_a_wrapped_title_fills_a_laptops_chart_without_running_off_it():
    # at 85 characters a line the Cost vs celebrity headline took 640 px of 820 (and of 1,460 at 1920 px)
    for present in (False, True):
        title_px = theme.BASE_SIZE[present] * theme.TITLE_SCALE
        lines = title_lines(theme.apply(go.Figure(layout=dict(title_text=FINDING)), present=present))
        assert len(lines) >= 2
        assert max(len(line) for line in lines) * title_px * EM_HIGH <= LAPTOP_CHART_PX
        assert len(lines[0]) * title_px * EM_LOW >= 0.8 * LAPTOP_CHART_PX


def test_a_figure_of_a_set_width_wraps_its_title_to_that_width():
    answer = FINDING.split("; ")[0]
    wide = theme.apply(go.Figure(layout=dict(title_text=answer, width=1800)))
    assert title_lines(wide) == [answer]        # 140 characters fit a line 1,800 px wide
    narrow = theme.apply(go.Figure(layout=dict(title_text=answer, width=600)))
    title_px = theme.BASE_SIZE[False] * theme.TITLE_SCALE
    assert all(len(line) * title_px * EM_HIGH <= 600 for line in title_lines(narrow))


def test_the_band_a_title_takes_grows_with_its_lines_and_is_none_under_a_legend():
    bar = go.Bar(x=["a"], y=[1])
    short = theme.apply(go.Figure(bar, layout=dict(title_text="Micro is cheaper")))
    wrapped = theme.apply(go.Figure(bar, layout=dict(title_text=FINDING)))
    # a title of one line is pinned to the top as a wrapped one is (plotly centred it in the top margin, where a
    # legend of two rows ran over it): measured in Chromium, its 19-px line ends 31 px down, as a wrapped title's first
    assert short.layout.title.yanchor == "top" and short.layout.title.text == "Micro is cheaper"
    assert theme.title_band_px(short) == 31
    # a wrapped one ends lower by each added line, and stays inside the margin it grew
    added = len(wrapped.layout.title.text.split("<br>")) - 1
    assert theme.title_band_px(wrapped) > theme.title_band_px(short) + added * theme.BASE_SIZE[False]
    assert theme.title_band_px(wrapped) < wrapped.layout.margin.t
    # a subtitle's line goes with the title (a takeover chart's interval stood alone in 100 px of white)
    subtitled = theme.apply(go.Figure(bar, layout=dict(title=dict(text="Micro is cheaper", subtitle_text="95%"))))
    assert theme.title_band_px(subtitled) == 31 + theme.SUBTITLE_LINE_PX
    # a legend above the plot wraps up into the title's place on a narrow chart, so nothing is taken back
    legend = theme.apply(go.Figure([bar, go.Bar(x=["a"], y=[2])], layout=dict(title_text=FINDING)))
    assert theme.title_band_px(legend) == 0


def test_a_source_footnote_is_readable_and_fits_a_laptops_chart():
    # 11 px, in the app and the PNG export, was too small to read; at a readable size its lines still fit the
    # chart from the plot's left edge (~90 px in)
    fig = go.Figure()
    theme.source_footnote(fig, "Celebrity range for 5,000,000 followers: Product brief (undated, unverified), price "
                               "per post, any, celebrity (>1M): $20,000–$100,000 | Markerly (2016), like rate by "
                               "followers, likes/followers; HypeAuditor (2026), ER (mean or median not stated)")
    (note,) = fig.layout.annotations
    assert note.font.size >= 12
    assert all(len(line) * note.font.size * EM_HIGH <= LAPTOP_CHART_PX - 90 for line in note.text.split("<br>"))


def test_a_footnote_keeps_clear_of_a_legend_at_the_charts_foot():
    # the rate card's and a takeover's legend stand at the foot of the chart: an image export's sources were
    # printed over it. The footnote ends 78 px + its lines under the plot; the legend's rows take the margin's foot.
    names = ["Instagram (n=68)", "TikTok (n=36)", "YouTube (n=22)", "rule of thumb $10.00 per 1K (USA Today 2019)",
             "Instagram rate card: $3.17 per 1K", "TikTok rate card: $3.58 per 1K", "outlier (named)"]
    foot = go.Figure([go.Scatter(x=[1], y=[1], name=n) for n in names],
                     layout=dict(legend=dict(yref="container", y=0, yanchor="bottom", orientation="h"),
                                 margin=dict(b=160), height=600))
    assert theme.legend_at_foot(foot) and theme.legend_rows(names) > 1
    theme.source_footnote(foot, "Source: USA Today (2019), price per 1K followers")
    legend_px = theme.LEGEND_ROW_PX * theme.legend_rows(names)
    assert 78 + theme.NOTE_LINE_PX < foot.layout.margin.b - legend_px
    assert foot.layout.height == 600 - theme.NOTE_LINE_PX + legend_px   # the plot keeps its height
    # a legend above the plot (the template's) leaves the foot to the footnote alone
    top = go.Figure([go.Scatter(x=[1], y=[1], name=n) for n in names])
    assert not theme.legend_at_foot(top)
    theme.source_footnote(top, "Source: USA Today (2019), price per 1K followers")
    assert top.layout.margin.b == 110 + theme.NOTE_LINE_PX


def test_a_log_axis_ends_on_a_tick_with_room_not_a_whole_decade_past_it():
    def ends(values, dtick=1):
        low, high = theme.log_range(values, dtick)
        return round(10 ** low, 4), round(10 ** high, 4)
    # $0.015 clears the $0.01 tick; $6.06 is far under $10: both axes end at their tick
    assert ends([0.015, 6.06]) == (0.01, 10.0231)
    # a dot at $0.011 sits just over $0.01: the axis goes 15% past that tick (the tick still drawn), where it had
    # gone a decade further, to an empty $0.001
    assert ends([0.011, 6.06])[0] == round(0.01 / theme.LOG_AXIS_ROOM * 10 ** -1e-3, 4)
    assert ends([0.011, 9.5])[1] == round(10 * theme.LOG_AXIS_ROOM * 10 ** 1e-3, 4)
    # a dot just under a tick ($0.0098 under $0.01) is read by it: room past the dot, not the decade to $0.001;
    # far under it ($0.005), the next tick down labels it
    assert ends([0.0098, 1.0])[0] == round(0.0098 / theme.LOG_AXIS_ROOM * 10 ** -1e-3, 4)
    assert ends([0.005, 1.0])[0] == round(0.001 * 10 ** -1e-3, 4)
    # the same at the top: $14 is read by $10, $30 needs $100
    assert ends([0.02, 14.0])[1] == round(14 * theme.LOG_AXIS_ROOM * 10 ** 1e-3, 4)
    assert ends([0.02, 30.0])[1] == round(100 * 10 ** 1e-3, 4)
    assert theme.log_range([0, None], 1) is None


def test_the_value_axis_has_gridlines_and_no_tick_marks_beside_its_labels():
    # a tick mark beside each label, with no axis line, read as a stray dash: "$0.6 –"
    fig = theme.apply(go.Figure(go.Bar(x=["a", "b"], y=[0.2, 0.6])))
    template = fig.layout.template.layout
    assert template.yaxis.ticks == "" and template.yaxis.gridcolor and template.xaxis.ticks == "outside"


def test_a_rate_that_is_not_zero_never_reads_zero_percent():
    # the YouTube list's median influencer ER, 0.028%, read "0.0%" on the Overview's card
    assert metrics.fmt("median_influencer_er", 0.00028) == "0.028%"
    assert theme.percent(0.00049, 1) == "0.049%" and theme.percent(0.0005, 1) == "0.1%"   # 0.05 rounds up
    assert theme.percent(0.0139, 1) == "1.4%" and theme.percent(0, 1) == "0.0%" and theme.percent(-0.002, 0) == "-0.20%"
    # a sum's rounding error is no rate: a break-even contract's ROI read "0.000000000000019%"
    assert theme.percent((88.68 + 49.77 + 11.55 - 150) / 150, 0) in ("0%", "-0%")
    assert theme.percent(1.9e-16, 0) == "0%" and theme.percent(1e-8, 1) == "0.0000010%"


def test_a_slides_legend_of_one_row_is_given_one():
    # the sample's Engagement vs followers slide: five entries of 101 characters drew in one row, 957 px of a 1,100-px
    # chart, where the estimate kept a second, empty row over the plot (40 px of a 215-px plot on a 720-px screen)
    names = ["benchmark tier", "Instagram", "TikTok (not in this benchmark)", "YouTube (not in this benchmark)",
             "authenticity flag"]
    assert theme.legend_rows(names, 1100, present=True) == 1
    assert theme.legend_rows(names + ["Facebook (not in this benchmark)"], 1100, present=True) == 2
