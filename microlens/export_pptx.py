"""The PowerPoint deck (16:9): a title slide, then one slide per section.

A section with a chart gets its finding as the slide title, the chart as a PNG, the source as a footnote
and its SQL in the speaker notes. A section without a chart still carries a finding the presenter wants
to make, so it gets a table slide (its first rows and columns) instead of being dropped.

Slides use the 'Title Slide' and 'Title Only' layouts so every slide has a real title (PowerPoint's
outline, accessibility checker and screen readers read it); the placeholders are moved to fit 16:9
because the default template places them for 4:3.
"""
from __future__ import annotations

import io
import re
import textwrap

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from microlens.export_chromium import render_images, run_in_chromium
from microlens.export_model import (
    INK,
    MUTED,
    Brand,
    Section,
    accent_on_white,
    ink_on,
    presentation_figure,
    shorten,
    source_line,
    fitting_rows,
)
from microlens.text import clipped, headline_parts, without_addresses

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.6)
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
CHART_TOP = Inches(1.75)
FOOTNOTE_TOP = Inches(6.9)
CHART_HEIGHT = FOOTNOTE_TOP - CHART_TOP - Inches(0.1)
# The chart is laid out at 94 CSS pixels per inch of slide, so a 14 px tick label shows as 10.7 pt: at 72 (14 pt)
# the slide's chart area is only 364 px high, shorter than any chart is drawn in the app (380-560 px), and
# axis titles ran past the plot and into the legends. Rendered at 2.3x so it stays sharp on a projector.
CHART_PX_PER_INCH = 94
CHART_PX = (round(CONTENT_WIDTH / Inches(1) * CHART_PX_PER_INCH), round(CHART_HEIGHT / Inches(1) * CHART_PX_PER_INCH))
CHART_SCALE = 2.3
PPTX_TABLE_ROWS = 12
PPTX_TABLE_COLUMNS = 8
PPTX_CELL_CHARS = 40
# Characters of a 12-pt line per inch of table column, and a row's height: its padding and a line per line of its
# longest cell. A table sized for one line per row ran off the slide when its definitions wrapped onto three.
PPTX_CHARS_PER_INCH, PPTX_ROW_PAD, PPTX_LINE = 11.5, Inches(0.16), Inches(0.2)
# About two lines of the 11-pt footnote under a chart; the whole text is in the speaker notes
# (fourteen sources with their addresses ran 3 in past the foot of the slide)
PPTX_FOOTNOTE_CHARS = 200
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def _style_text(frame, text: str, size: int, colour: str, bold: bool = False,
                align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.text = text
    for paragraph in frame.paragraphs:
        paragraph.alignment = align
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = _rgb(colour)


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _textbox(slide, left, top, width, height, text: str, size: int, colour: str, bold: bool = False) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    _style_text(box.text_frame, text, size, colour, bold)


def _band(slide, brand: Brand, left, top, width, height) -> None:
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(brand.primary)
    band.line.fill.background()


def _logo(slide, brand: Brand, left, top, height, max_width, right_aligned: bool = False) -> None:
    """The logo at `height`, or narrower for a wide wordmark, so it never runs into the text beside it."""
    if not brand.logo:
        return
    picture = slide.shapes.add_picture(io.BytesIO(brand.logo), left, top, height=height)
    if picture.width > max_width:
        picture.height = round(picture.height * max_width / picture.width)
        picture.width = max_width
    if right_aligned:
        picture.left = left - picture.width


def _title_slide(deck, title: str, subtitle: str, brand: Brand, section_count: int) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE])
    _band(slide, brand, 0, 0, Inches(0.35), SLIDE_HEIGHT)
    _logo(slide, brand, Inches(1.0), Inches(0.8), Inches(0.9), Inches(4.5))
    _place(slide.shapes.title, Inches(1.0), Inches(2.3), Inches(11.3), Inches(1.8))
    _style_text(slide.shapes.title.text_frame, title, 40, INK, bold=True)
    subtitle_box = slide.placeholders[1]
    if subtitle:
        _place(subtitle_box, Inches(1.0), Inches(4.2), Inches(11.3), Inches(1.2))
        _style_text(subtitle_box.text_frame, subtitle, 20, MUTED)
    else:
        # An empty placeholder would show "Click to add subtitle" to whoever edits the deck.
        subtitle_box.element.getparent().remove(subtitle_box.element)
    _textbox(slide, Inches(1.0), Inches(6.4), Inches(11.3), Inches(0.5),
             f"{brand.name} · {section_count} findings", 14, accent_on_white(brand.primary), bold=True)


FINDING_HEIGHT = Inches(1.05)        # the finding's box, from 0.65" down to just above CHART_TOP
FINDING_SIZES = (28, 24, 20, 18, 16, 14)


QUALIFY_SIZE = 14     # what qualifies a finding (text.headline_parts), under its answer


def _lines(text: str, size: int, em: float) -> int:
    """Lines `text` takes across the finding's box at `size` points, a letter being at most `em` em wide."""
    return len(textwrap.wrap(text, int(Emu(CONTENT_WIDTH).inches / (em * size / 72)))) or 1


def finding_size(text: str, qualified: str = "") -> int:
    """The largest type size (points) at which a finding's answer fits its box above the chart, under which
    `qualified` takes its lines at QUALIFY_SIZE. python-pptx cannot measure text, so it is estimated: a bold sans
    letter is at most about 0.6 em wide, a line 1.2 em high. A viral crawl's finding (rate-card and viral caveats,
    ~380 characters) ran at 20 pt past the box onto the chart."""
    reserved = _lines(qualified, QUALIFY_SIZE, 0.5) * 1.2 * QUALIFY_SIZE / 72 if qualified else 0
    height = Emu(FINDING_HEIGHT).inches - reserved
    for size in FINDING_SIZES:
        if _lines(text, size, 0.6) * 1.2 * size / 72 <= height:
            return size
    return FINDING_SIZES[-1]


MIN_FINDING_SIZE = 20   # a headline at 14 pt, the size of the text under it, stopped standing out on a projector


def finding_layout(answer: str, qualified: str) -> tuple[int, str]:
    """The answer's type size and as much of the qualification as leaves the answer at MIN_FINDING_SIZE or more:
    whole clauses (text.clipped), the rest of it going to the speaker notes. A crawl's three caveats under its
    answer brought the headline down to 14 pt."""
    size = finding_size(answer, qualified)
    if size >= MIN_FINDING_SIZE or not qualified:
        return size, qualified
    room = Emu(FINDING_HEIGHT).inches - _lines(answer, MIN_FINDING_SIZE, 0.6) * 1.2 * MIN_FINDING_SIZE / 72
    lines = int(room / (1.2 * QUALIFY_SIZE / 72))
    chars = lines * int(Emu(CONTENT_WIDTH).inches / (0.5 * QUALIFY_SIZE / 72))
    shown, cut = clipped(qualified, max(chars - 2, 0))
    if cut:
        shown = shown.rstrip(".") + " …" if shown else ""
    return finding_size(answer, shown), shown


def _section_slide(deck, section: Section, brand: Brand, chart_png: bytes | None) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
    _band(slide, brand, 0, 0, SLIDE_WIDTH, Inches(0.12))
    _textbox(slide, MARGIN, Inches(0.3), CONTENT_WIDTH, Inches(0.4), section.title.upper(), 12,
             accent_on_white(brand.primary), bold=True)
    _place(slide.shapes.title, MARGIN, Inches(0.65), CONTENT_WIDTH, FINDING_HEIGHT)
    answer, qualified = headline_parts(section.finding)
    size, shown = finding_layout(answer, qualified)
    frame = slide.shapes.title.text_frame
    _style_text(frame, answer, size, INK, bold=True)
    if shown:
        run = frame.add_paragraph().add_run()
        run.text = shown
        run.font.size, run.font.bold, run.font.color.rgb = Pt(QUALIFY_SIZE), False, _rgb(INK)
    if chart_png is not None:
        # The PNG was rendered at this box's aspect ratio, so width and height together do not distort it.
        slide.shapes.add_picture(io.BytesIO(chart_png), MARGIN, CHART_TOP, CONTENT_WIDTH, CHART_HEIGHT)
    else:
        _table(slide, section, brand)
    footnote = source_line(section.source)
    if footnote:
        short, cut = clipped(without_addresses(footnote), PPTX_FOOTNOTE_CHARS)
        _textbox(slide, MARGIN, FOOTNOTE_TOP, Inches(10.4), Inches(0.45),
                 short + (" … (every source, with its address, in the notes)" if cut else ""), 11, MUTED)
    _logo(slide, brand, SLIDE_WIDTH - MARGIN, FOOTNOTE_TOP, Inches(0.42), Inches(1.6), right_aligned=True)
    finding = section.finding if shown != qualified else ""   # the whole finding, where the slide shows part
    notes = "\n\n".join(part for part in (finding, footnote, query_pointer(section.sql)) if part)
    if notes:
        slide.notes_slide.notes_text_frame.text = notes


def query_pointer(sql: str) -> str:
    """Which queries a slide's numbers come from, for its speaker notes: the SQL itself (a hundred lines) filled
    the presenter's view and went to the client with the deck; the HTML report and the app's 'Show SQL' hold it."""
    if not sql.strip():
        return ""
    names = re.findall(r"^-- (queries/\S+\.sql)$", sql, flags=re.MULTILINE)
    where = "the SQL is in the HTML report and under 'Show SQL' in the app."
    return f"Computed by {', '.join(names)}: {where}" if names else where[:1].upper() + where[1:]


def _table(slide, section: Section, brand: Brand) -> None:
    table_height = CHART_HEIGHT - Inches(0.45)
    preview, note, text, heights = fitting_rows(
        section.table, PPTX_TABLE_ROWS, PPTX_TABLE_COLUMNS, table_height, PPTX_ROW_PAD, PPTX_LINE,
        CONTENT_WIDTH / Inches(1) * PPTX_CHARS_PER_INCH, PPTX_CELL_CHARS)
    if preview.shape[1] == 0:
        _textbox(slide, MARGIN, CHART_TOP, CONTENT_WIDTH, Inches(0.5), "No data.", 14, MUTED)
        return
    heights = [round(h) for h in heights]
    shape = slide.shapes.add_table(len(preview) + 1, preview.shape[1], MARGIN, CHART_TOP, CONTENT_WIDTH,
                                   sum(heights))
    table = shape.table
    for row, height in zip(table.rows, heights):
        row.height = height
    header_ink = ink_on(brand.primary)
    for column, label in enumerate(text.labels):
        cell = table.cell(0, column)
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(brand.primary)
        _style_text(cell.text_frame, shorten(label, PPTX_CELL_CHARS), 12, header_ink, bold=True,
                    align=PP_ALIGN.RIGHT if text.numeric[column] else PP_ALIGN.LEFT)
    for row_number, row in enumerate(text.rows, start=1):
        for column, value in enumerate(row):
            cell = table.cell(row_number, column)
            # Neutral banding: the template's own bands are in its accent blue, which clashes with brands.
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb("#F5F7FA" if row_number % 2 == 0 else "#FFFFFF")
            align = PP_ALIGN.RIGHT if text.numeric[column] else PP_ALIGN.LEFT
            _style_text(cell.text_frame, shorten(value, PPTX_CELL_CHARS), 12, INK, align=align)
    if note:
        _textbox(slide, MARGIN, CHART_TOP + table_height, CONTENT_WIDTH, Inches(0.4), note, 11, MUTED)


def to_pptx(sections: list[Section], title: str, subtitle: str = "", brand: Brand | None = None) -> bytes:
    """A 16:9 deck: title slide, then a chart slide per section (a table slide when it has no chart).

    Charts are rendered through Chromium, so this raises ExportUnavailable when Chromium is missing
    and any section has a figure.
    """
    brand = brand or Brand()
    figures = [presentation_figure(s.figure, s.finding) for s in sections if s.figure is not None]
    pngs = iter(run_in_chromium(lambda browser: render_images(browser, figures, "png", *CHART_PX,
                                                              CHART_SCALE)) if figures else [])
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    deck.core_properties.title = title
    deck.core_properties.author = brand.name
    _title_slide(deck, title, subtitle, brand, len(sections))
    for section in sections:
        _section_slide(deck, section, brand, next(pngs) if section.figure is not None else None)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
