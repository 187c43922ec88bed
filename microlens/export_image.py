"""One chart as an image file (PNG or SVG): the chart in the house style with its finding as the title, wrapped
to the image's width.

An image travels without the page around it, so unlike the PDF and the deck (which print the finding as the
heading above the chart: export_model.presentation_figure) it keeps the finding in the chart. Plotly neither wraps
a title nor shows what it cuts, so the lines are measured as the deck measures its headlines (export_pptx.wrapped):
a finding of 300 characters on one line ran past both edges of a 1280-px image and lost its answer.
"""
from __future__ import annotations

import plotly.graph_objects as go

from microlens.export_chromium import IMAGE_HEIGHT, IMAGE_WIDTH
from microlens.export_model import SAMPLE_INK, source_line
from microlens.export_pptx import wrapped
from microlens.text import headline_parts, plotly_text, without_addresses
from microlens.theme import (BASE_SIZE, FOOTNOTE, MORE_SOURCES, MORE_SOURCES_ELSEWHERE, TITLE_SCALE, apply,
                             fit_top_band, set_title_lines, source_footnote)

EMU_PER_PX, PT_PER_PX = 9525, 0.75         # 914,400 EMU and 72 points an inch; 96 CSS pixels an inch
# The lines are measured in Calibri's widths (export_pptx), but Chromium draws the chart in the first font of the
# template's list that the server has: Liberation Sans (Arial's widths) where fonts-liberation is installed, 15%
# wider than Calibri in bold, else fontconfig's sans-serif, on Debian DejaVu Sans, 38% wider. Each line is measured
# 40% wide, so that a title never runs off the image whichever of them draws it.
FONT_ALLOWANCE = 1.4
TITLE_SIDE_PX = 24          # the title's distance from the image's left and right edges


def title_lines(finding: str, width_px: int) -> tuple[list[str], list[str]]:
    """The finding's answer in lines of title type and what qualifies it (text.headline_parts) in lines of body type,
    each line narrower than `width_px` less the title's side margins."""
    room = round((width_px - 2 * TITLE_SIDE_PX) * EMU_PER_PX / FONT_ALLOWANCE)
    answer, qualified = headline_parts(finding)
    title_pt, body_pt = round(BASE_SIZE[False] * TITLE_SCALE) * PT_PER_PX, BASE_SIZE[False] * PT_PER_PX
    return wrapped(answer, title_pt, room, bold=True), wrapped(qualified, body_pt, room) if qualified else []


def image_figure(figure: go.Figure, finding: str, width_px: int = IMAGE_WIDTH, mark: str = "",
                 height_px: int = IMAGE_HEIGHT, source: str = "") -> go.Figure:
    """A copy of `figure` in the house style, titled with `finding` in lines that fit an image `width_px` wide (and
    its subtitle, unless the finding says it), and `mark` (the sample data's) in a line beneath; the top margin grows
    by the lines past the first, so the title stays clear of the legend and the plot (and a band of labels along the
    plot's top fits the image's `height_px`: theme.fit_top_band). `source`, the section's sources, goes under the
    plot where the chart carries none of its own: a planner image set 117 micro posts against a celebrity price and
    engagement rate without naming where they came from."""
    copy = apply(go.Figure(figure).update_layout(title_text=None))
    # an image travels alone: no Sources line under it for a shortened footnote to point to
    copy.for_each_annotation(lambda note: note.update(text=note.text.replace(MORE_SOURCES, MORE_SOURCES_ELSEWHERE)),
                             selector=dict(name=FOOTNOTE))
    if source and not any(a.name == FOOTNOTE for a in copy.layout.annotations):
        # without web addresses, as a slide prints them: each took a line of the five an image has room for
        source_footnote(copy, plotly_text(source_line(without_addresses(source))), more=MORE_SOURCES_ELSEWHERE)
    if copy.layout.title.subtitle.text and copy.layout.title.subtitle.text in finding:
        copy.update_layout(title_subtitle_text=None)      # a takeover's interval, which the finding already gives
    answer, qualified = title_lines(finding, width_px)
    marked = [f'<b style="color:{SAMPLE_INK}">{plotly_text(mark)}</b>'] if mark else []
    set_title_lines(copy, [plotly_text(line) for line in answer], [plotly_text(line) for line in qualified] + marked,
                    x=0, xref="container", xanchor="left", pad={"l": TITLE_SIDE_PX})
    return fit_top_band(copy, height_px)
