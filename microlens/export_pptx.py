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
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from microlens.benchmarks import NO_YEAR
from microlens.export_chromium import render_images, run_in_chromium
from microlens.export_model import (
    ADDRESS,
    INK,
    MUTED,
    SAMPLE_INK,
    Brand,
    Section,
    TableText,
    accent_on_white,
    cell_chars,
    shown_cells,
    continued,
    ink_on,
    presentation_figure,
    SLIDE_ROWS,
    source_line,
    table_preview,
    table_text,
)
from microlens.text import headline_parts, without_addresses

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
PPTX_TABLE_COLUMNS = 8
# A cell's text is whole up to this length, wrapped over as many lines as it takes in its column (row_heights counts
# them, and the type steps down before a row is left out): cut at 56 characters, a claim's note and a benchmark's
# definition (304 characters) lost their ends on the slide. Longer text (a pasted caption) is cut between words and
# marked "…": at 9 pt in the narrowest share of eight columns it is still a row that fits under a grown finding.
PPTX_CELL_CHARS = 400
# A table's type: 12 pt, smaller before a row is left out, so that a slide headed "The 15 cheapest" shows fifteen (it
# showed twelve); a table with more rows than fit at 9 pt shows the first that do
TABLE_SIZES = (12, 11, 10, 9)
# A column is never narrower than this: a one-character column would still have its padding
MIN_COLUMN_WIDTH = Inches(0.6)
# The room under a chart for its sources, down to the slide's edge, and the sizes tried for them: 11 pt takes two
# lines, 9 pt three (fourteen sources with their addresses ran 3 in past the foot of the slide).
FOOTNOTE_ROOM = SLIDE_HEIGHT - FOOTNOTE_TOP
FOOTNOTE_WIDTH = Inches(10.4)
FOOTNOTE_SIZES = (11, 10, 9)
MORE_IN_NOTES = " (all of it in the notes)"
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
        # an empty paragraph (a blank cell) takes a line at its end mark's size, 18 pt unless set, and a row sized
        # for 12-pt lines would grow
        paragraph._p.get_or_add_endParaRPr().set("sz", str(size * 100))
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = _rgb(colour)


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _textbox(slide, left, top, width, height, text: str, size: int, colour: str, bold: bool = False,
             align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    _style_text(box.text_frame, text, size, colour, bold, align)


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
    picture._element.nvPicPr.cNvPr.set("descr", "Logo")
    if picture.width > max_width:
        picture.height = round(picture.height * max_width / picture.width)
        picture.width = max_width
    if right_aligned:
        picture.left = left - picture.width


def _title_slide(deck, title: str, subtitle: str, brand: Brand, section_count: int, mark: str = "") -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE])
    _band(slide, brand, 0, 0, Inches(0.35), SLIDE_HEIGHT)
    _logo(slide, brand, Inches(1.0), Inches(0.8), Inches(0.9), Inches(4.5))
    if mark:
        _textbox(slide, Inches(6.3), Inches(0.9), Inches(6.0), Inches(0.6), mark, 24, SAMPLE_INK, bold=True,
                 align=PP_ALIGN.RIGHT)
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
             f"{brand.name} · {section_count} sections", 14, accent_on_white(brand.primary), bold=True)


# --- measuring text ---------------------------------------------------------------------------------------------
# python-pptx cannot measure text, so lines are counted with Calibri's advance widths (the deck's theme font), in
# thousandths of an em, as read from Carlito, which is metric-compatible with it. They ship here rather than being read
# from a font file, as the machine writing a deck may have no such font. A guess of 0.6 em a bold letter counted a
# headline's lines high and left no room for the caveats beneath it.
_CALIBRI_CHARS = "".join(map(chr, range(32, 127))) + "–—…×÷’‘“”•€£·°"


def _widths(table: str) -> dict[str, int]:
    return dict(zip(_CALIBRI_CHARS, map(int, table.split()), strict=True))


_CALIBRI_REGULAR = _widths(
    "227 326 401 499 507 715 683 221 304 304 499 499 250 307 253 387 507 507 507 507 507 507 507 507 507 507 268 "
    "268 499 499 499 464 895 579 544 534 616 489 460 631 624 252 319 520 421 855 646 663 517 673 543 460 488 642 "
    "568 890 520 488 469 307 387 307 499 499 292 480 526 423 526 498 306 471 526 230 240 455 230 799 526 528 526 "
    "526 349 392 335 526 452 715 434 453 396 315 461 315 499 499 906 691 499 499 250 250 419 419 499 507 507 253 "
    "339 "
)
_CALIBRI_BOLD = _widths(
    "227 326 439 499 507 730 705 234 312 312 499 499 258 307 268 430 507 507 507 507 507 507 507 507 507 507 276 "
    "276 499 499 499 464 899 606 561 530 631 488 459 638 631 267 332 547 423 875 659 677 533 687 563 473 496 653 "
    "592 907 551 520 479 325 430 325 499 499 301 494 537 419 537 504 317 475 537 246 256 480 246 814 537 538 537 "
    "537 356 399 347 537 474 746 460 474 398 344 476 344 499 499 906 712 499 499 258 258 436 436 499 507 507 268 "
    "343 "
)
# A character outside the table (CJK, emoji in a caption) counts a full em, so a line of them is not undercounted;
# an accented letter counts as its base letter ("é" as "e").
OTHER_CHAR_WIDTH = 1000
# Calibri's line is 1.22 em (ascent, descent and gap), and PowerPoint pads a text box 0.1" left and right and 0.05" top
# and bottom: a title box measured without its padding ran 0.08" onto the chart.
LINE_HEIGHT_EM = 1.22
INSET_X, INSET_Y = Inches(0.1), Inches(0.05)


def _char_width(char: str, widths: dict[str, int]) -> int:
    if char in widths:
        return widths[char]
    base = unicodedata.normalize("NFD", char)[:1]
    return widths.get(base, OTHER_CHAR_WIDTH)


def text_width(text: str, size: float, bold: bool = False) -> int:
    """The width of one line of `text` at `size` points, in EMU."""
    widths = _CALIBRI_BOLD if bold else _CALIBRI_REGULAR
    return round(sum(_char_width(c, widths) for c in text) * Pt(size) / 1000)


def wrapped(text: str, size: float, width: int, bold: bool = False) -> list[str]:
    """The lines of `text` in `width` EMU of text at `size` points, wrapped between words as PowerPoint wraps it (a
    word wider than the line broken across lines, between letters); each paragraph takes one line at least."""
    lines = []
    space = text_width(" ", size, bold)
    for paragraph in text.split("\n"):
        line, used = [], 0                           # the words on the current line, and the width they take
        for word in paragraph.split():               # a space at a line's end takes no room
            word_width = text_width(word, size, bold)
            if line and used + space + word_width <= width:
                line.append(word)
                used += space + word_width
                continue
            if line:
                lines.append(" ".join(line))
            while word_width > width and len(word) > 1:
                cut = next(n for n in range(len(word) - 1, 0, -1) if text_width(word[:n], size, bold) <= width
                           or n == 1)
                lines.append(word[:cut])
                word = word[cut:]
                word_width = text_width(word, size, bold)
            line, used = [word], word_width
        lines.append(" ".join(line))
    return lines


def line_count(text: str, size: float, width: int, bold: bool = False) -> int:
    """Lines `text` takes in `width` EMU of text at `size` points (wrapped())."""
    return len(wrapped(text, size, width, bold))


def line_height(size: float) -> int:
    return round(Pt(size) * LINE_HEIGHT_EM)


def text_height(text: str, size: float, width: int, bold: bool = False) -> int:
    """The height in EMU the lines of `text` take in `width` EMU of text, without the box's padding."""
    return line_count(text, size, width, bold) * line_height(size)


_BREAK = re.compile(r"; |\. | \| ")


def clauses(text: str) -> list[str]:
    """`text` in pieces ending at a "; ", ". " or " | " outside parentheses, each with its separator, so the first n
    joined are a prefix of the text: where a slide cuts a caveat or its sources, it cuts between whole clauses."""
    pieces, start, depth = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        found = _BREAK.match(text, i) if depth == 0 and i >= start else None
        if found:
            pieces.append(text[start:found.end()])
            start = found.end()
    return [*pieces, text[start:]] if text[start:] else pieces


def marked_cut(start: str) -> str:
    """The start of a text marked as cut: "A; b; " -> "A; b …"."""
    return start.rstrip(" ;|.") + " …"


def cut_points(text: str) -> list[str]:
    """The starts of `text` a slide may show when it cannot show all of it, longest first: between whole clauses,
    then (for a first clause too long) between whole words; never inside a word."""
    pieces, words = clauses(text), text.split(" ")
    return (["".join(pieces[:n]) for n in range(len(pieces) - 1, 0, -1)]
            + [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)])


# --- the finding above the chart ---------------------------------------------------------------------------------
FINDING_HEIGHT = Inches(1.05)        # the finding's box, from 0.65" down to just above CHART_TOP
FINDING_SIZES = (28, 24, 20, 18, 16, 14)
QUALIFY_SIZE = 14     # what qualifies a finding (text.headline_parts), under its answer
# ...in smaller type, under an answer of 16 pt or more, where it fits whole no other way: the Planner's slide cut its
# second sentence, the celebrity's cost per engagement, at 14 pt under a 20-pt answer
SMALL_QUALIFY_SIZE, SMALL_QUALIFY_FINDING_SIZE = 12, 16
FINDING_TEXT_WIDTH = CONTENT_WIDTH - 2 * INSET_X
FINDING_TEXT_HEIGHT = FINDING_HEIGHT - 2 * INSET_Y


def _finding_fits(answer: str, size: int, qualified: str, qualify_size: int = QUALIFY_SIZE) -> bool:
    height = text_height(answer, size, FINDING_TEXT_WIDTH, bold=True)
    if qualified:
        height += text_height(qualified, qualify_size, FINDING_TEXT_WIDTH)
    return height <= FINDING_TEXT_HEIGHT


def finding_size(text: str, qualified: str = "", largest: int = FINDING_SIZES[0]) -> int:
    """The largest type size (points, `largest` at most) at which a finding's answer fits its box above the chart,
    under which `qualified` takes its lines at QUALIFY_SIZE; the smallest size when none does. A viral crawl's
    finding (rate-card and viral caveats, ~380 characters) ran at 20 pt past the box onto the chart."""
    return next((size for size in _sizes(largest) if _finding_fits(text, size, qualified)), FINDING_SIZES[-1])


def _sizes(largest: int) -> tuple[int, ...]:
    return tuple(size for size in FINDING_SIZES if size <= largest)


MIN_FINDING_SIZE = 20   # a headline at 14 pt, the size of the text under it, stopped standing out on a projector


def _leading_clauses(answer: str, size: int, qualified: str) -> str:
    """The most whole clauses of `qualified` that fit under the answer at `size`, marked as cut; "" when not even
    the first does."""
    pieces = clauses(qualified)
    starts = (marked_cut("".join(pieces[:n])) for n in range(len(pieces) - 1, 0, -1))
    return next((start for start in starts if _finding_fits(answer, size, start)), "")


# The most the finding's box grows down into the chart's room to keep its qualification whole (the chart keeps
# 3.85 of its 5.05 in)
MOST_FINDING_GROWTH = Inches(1.2)


class FindingLayout(NamedTuple):
    size: int             # the answer's type size
    shown: str            # what of the qualification the slide shows
    qualify_size: int     # ...and its type size
    growth: int = 0       # EMU the finding's box grows down by, taken from the chart or table under it


def finding_layout(answer: str, qualified: str, largest: int = FINDING_SIZES[0]) -> FindingLayout:
    """How a slide shows a finding: the qualification whole with the answer at MIN_FINDING_SIZE or more where that
    fits; else whole at SMALL_QUALIFY_SIZE under an answer at SMALL_QUALIFY_FINDING_SIZE or more; else whole at that
    size under an answer at MIN_FINDING_SIZE, in a box grown down by up to MOST_FINDING_GROWTH (the chart under it
    gives up the height); else as many whole clauses as fit at the largest size that keeps the first clause, the rest
    going to the speaker notes. The caveats are what keep a client from over-reading the answer: the Planner's slide
    on a crawl said "33× one celebrity post" and cut the next clause, that its accounts were near-viral; a crawl's
    answer had left none on its slide, and its three caveats had brought the headline down to 14 pt. No size above
    `largest` (deck_finding_size: one size for a deck's headlines)."""
    size = finding_size(answer, qualified, largest)
    if not qualified or (size >= MIN_FINDING_SIZE and _finding_fits(answer, size, qualified)):
        return FindingLayout(size, qualified, QUALIFY_SIZE)
    whole = [size for size in _sizes(largest) if size >= SMALL_QUALIFY_FINDING_SIZE
             and _finding_fits(answer, size, qualified, SMALL_QUALIFY_SIZE)]
    if whole:
        return FindingLayout(whole[0], qualified, SMALL_QUALIFY_SIZE)
    growth = (text_height(answer, MIN_FINDING_SIZE, FINDING_TEXT_WIDTH, bold=True)
              + text_height(qualified, SMALL_QUALIFY_SIZE, FINDING_TEXT_WIDTH) - FINDING_TEXT_HEIGHT)
    if growth <= MOST_FINDING_GROWTH:
        return FindingLayout(MIN_FINDING_SIZE, qualified, SMALL_QUALIFY_SIZE, growth)
    for size in _sizes(largest):
        if _finding_fits(answer, size, qualified):
            return FindingLayout(size, qualified, QUALIFY_SIZE)
        shown = _leading_clauses(answer, size, qualified)
        if shown:
            return FindingLayout(size, shown, QUALIFY_SIZE)
    # an answer too long for even a caveat beneath it: the caveat stays all the same
    return FindingLayout(FINDING_SIZES[-1], marked_cut(clauses(qualified)[0]), QUALIFY_SIZE)


def deck_finding_size(findings: list[str]) -> int:
    """The one type size of a deck's headlines: the largest at which every finding's answer fits as finding_layout
    lays it out, MIN_FINDING_SIZE at least (an answer that needs less gets less). Each at its own largest, a deck
    went 28, 20, 24, 16 pt from slide to slide, which read as careless in front of a client."""
    return max(MIN_FINDING_SIZE, min((finding_layout(*headline_parts(f)).size for f in findings),
                                     default=FINDING_SIZES[0]))


# --- the sources under the chart ---------------------------------------------------------------------------------
# A benchmark as the catalog cites it, "Markerly (2016), like rate …" (benchmarks._Cited), its name after a clause's
# start; and a report cited with the year of its data, "(Rival IQ TikTok Benchmark Report, 2024 data; …)".
_CATALOG_CITATION = re.compile(r"(?:^|(?<=[;:|] )|(?<=\. ))([A-Z](?:(?!\. )[^;:|])*?) \((\d{4}|"
                               + re.escape(NO_YEAR) + r")\)(?=[,.;]|$)")
_REPORT_CITATION = re.compile(r"\(([A-Z][^();]*?), (\d{4}) data; ")
_UNVERIFIED = "source: brief (unverified)"


def benchmark_citations(source: str) -> list[str]:
    """Each benchmark a sources line cites, once, as its name and year ("Markerly (2016)"; "Product brief (undated,
    unverified)" for a figure the brief gave without a source), in the order the line names them."""
    found = []
    for match in _CATALOG_CITATION.finditer(source):
        entry = clauses(source[match.end():])[:1]
        flag = ", unverified" if entry and _UNVERIFIED in entry[0] else ""
        found.append((match.start(), f"{match.group(1)} ({match.group(2)}{flag})"))
    found += [(m.start(), f"{m.group(1)} ({m.group(2)} data)") for m in _REPORT_CITATION.finditer(source)]
    return list(dict.fromkeys(citation for _, citation in sorted(found)))


def _footnote_lines(size: int) -> int:
    return int((FOOTNOTE_ROOM - 2 * INSET_Y) / line_height(size))


def _footnote_fits(text: str, size: int) -> bool:
    return line_count(text, size, FOOTNOTE_WIDTH - 2 * INSET_X) <= _footnote_lines(size)


def footnote_layout(footnote: str) -> tuple[int, str]:
    """The type size and text of a slide's sources line (its web addresses left out: the notes keep them). When it
    does not fit, the benchmarks it cites come first by name and year, then as much of the rest, in whole clauses,
    as fits, marked as continued in the notes: a line cut at 200 characters kept one of three celebrity sources,
    and 9% of a portfolio's method."""
    plain = without_addresses(footnote)
    cited = benchmark_citations(plain)
    lead = f"Sources: {'; '.join(cited)}. " if cited else ""
    rest = re.sub(r"^Source: ", "", plain) if cited else plain
    # 11 pt wherever the benchmarks' names fit it, as every slide's sources line is; smaller only to name them all,
    # and at the smallest size they are all named even past the slide's edge
    size = next((size for size in FOOTNOTE_SIZES if _footnote_fits(marked_cut(lead) + MORE_IN_NOTES, size)),
                FOOTNOTE_SIZES[-1])
    if _footnote_fits(plain, size):
        return size, plain
    starts = (marked_cut(lead + start) + MORE_IN_NOTES for start in cut_points(rest))
    return size, next((text for text in starts if _footnote_fits(text, size)), marked_cut(lead) + MORE_IN_NOTES).strip()


MARK_WIDTH = Inches(3.6)     # the sample mark at the eyebrow's right end, on every slide


def _section_slide(deck, section: Section, brand: Brand, chart_png: bytes | None, mark: str = "",
                   largest: int = FINDING_SIZES[0]) -> int:
    """The section's slide, its headline at `largest` at most; the rows of its table it shows (0 under a chart)."""
    slide = deck.slides.add_slide(deck.slide_layouts[LAYOUT_TITLE_ONLY])
    _band(slide, brand, 0, 0, SLIDE_WIDTH, Inches(0.12))
    _textbox(slide, MARGIN, Inches(0.3), CONTENT_WIDTH - (MARK_WIDTH if mark else 0), Inches(0.4),
             section.title.upper(), 12, accent_on_white(brand.primary), bold=True)
    if mark:
        _textbox(slide, SLIDE_WIDTH - MARGIN - MARK_WIDTH, Inches(0.3), MARK_WIDTH, Inches(0.4), mark, 12,
                 SAMPLE_INK, bold=True, align=PP_ALIGN.RIGHT)
    answer, qualified = headline_parts(section.finding)
    size, shown, qualify_size, growth = finding_layout(answer, qualified, largest)
    _place(slide.shapes.title, MARGIN, Inches(0.65), CONTENT_WIDTH, FINDING_HEIGHT + growth)
    frame = slide.shapes.title.text_frame
    _style_text(frame, answer, size, INK, bold=True)
    if shown:
        paragraph = frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT     # under the left-aligned answer, not the template's centred title
        run = paragraph.add_run()
        run.text = shown
        run.font.size, run.font.bold, run.font.color.rgb = Pt(qualify_size), False, _rgb(INK)
    if chart_png is not None:
        # The PNG was rendered at the chart box's aspect ratio: under a grown finding it keeps that ratio, narrower
        # and centred, so width and height together do not distort it.
        height = CHART_HEIGHT - growth
        width = round(CONTENT_WIDTH * height / CHART_HEIGHT)
        chart = slide.shapes.add_picture(io.BytesIO(chart_png), MARGIN + (CONTENT_WIDTH - width) // 2,
                                         CHART_TOP + growth, width, height)
        # what a screen reader says of the chart: its finding, not the file name python-pptx gives ("image.png"),
        # without the control characters XML cannot hold (a campaign named with one failed the whole deck)
        chart._element.nvPicPr.cNvPr.set("descr", ILLEGAL_CHARACTERS_RE.sub("", section.finding))
    rows_shown = 0 if chart_png is not None else _table(slide, section, brand, growth)
    footnote = source_line(section.source)
    if footnote:
        size, shown = footnote_layout(footnote)
        _textbox(slide, MARGIN, FOOTNOTE_TOP, FOOTNOTE_WIDTH, FOOTNOTE_ROOM, shown, size, MUTED)
    _logo(slide, brand, SLIDE_WIDTH - MARGIN, FOOTNOTE_TOP, Inches(0.42), Inches(1.6), right_aligned=True)
    finding = section.finding if shown != qualified else ""   # the whole finding, where the slide shows part
    notes = "\n\n".join(part for part in (finding, footnote, query_pointer(section.sql)) if part)
    if notes:
        slide.notes_slide.notes_text_frame.text = notes
    return rows_shown


def query_pointer(sql: str) -> str:
    """Which queries a slide's numbers come from, for its speaker notes: the SQL itself (a hundred lines) filled
    the presenter's view and went to the client with the deck; the HTML report holds it."""
    if not sql.strip():
        return ""
    names = re.findall(r"^-- (queries/\S+\.sql)$", sql, flags=re.MULTILINE)
    where = "the SQL is in the HTML report."
    return f"Computed by {', '.join(names)}: {where}" if names else where[:1].upper() + where[1:]


def _header_width(label: str, size: int) -> int:
    """The width a header needs on at most two lines, broken between words: a header wraps before its column widens
    past its numbers."""
    words = label.split(" ")
    if len(words) == 1:
        return text_width(label, size, bold=True)
    return min(max(text_width(" ".join(words[:n]), size, bold=True),
                   text_width(" ".join(words[n:]), size, bold=True)) for n in range(1, len(words)))


# Room past a cell's measured text: a renderer's spacing differs by a hair (LibreOffice broke "89.7|%" and
# "Threshol|d" in columns measured to fit them)
CELL_SLACK = Inches(0.06)


def _natural_widths(cells: list[list[str]], size: int) -> list[int]:
    """Each column's width with every cell on one line (its header on up to two), padding and CELL_SLACK included."""
    return [max(MIN_COLUMN_WIDTH, 2 * INSET_X + CELL_SLACK + max([_header_width(cells[0][column], size)]
                                                     + [text_width(row[column], size) for row in cells[1:]]))
            for column in range(len(cells[0]))]


def column_widths(natural: list[int], total: int) -> list[int]:
    """Columns sharing `total` EMU: in proportion to their natural widths where all fit; else the narrow ones
    (numbers, short names) keep theirs and the wide ones share the rest equally, so text wraps only in the columns
    that are wider than their share. Equal columns wrapped "Median engagement rate" beside a half-empty column."""
    if sum(natural) <= total:
        widths = [w * total // sum(natural) for w in natural]
    else:
        ordered = sorted(natural)
        shares = ((total - sum(ordered[:i])) // (len(ordered) - i) for i in range(len(ordered)))
        cap = next(share for share, width in zip(shares, ordered) if share <= width)
        widths = [min(w, cap) for w in natural]
    widths[-1] += total - sum(widths)       # what rounding left over
    return widths


def row_heights(cells: list[list[str]], widths: list[int], size: int) -> list[int]:
    """Each row's height, the header's first: the lines of its tallest cell in its column's width, and padding."""
    return [2 * INSET_Y + line_height(size) * max(line_count(cell, size, width - 2 * INSET_X, bold=row == 0)
                                                   for cell, width in zip(cells[row], widths))
            for row in range(len(cells))]


@dataclass
class SlideTable:
    """A table as a slide shows it: the note on what it leaves out, the cells (header first), the widths of its
    columns and the heights of its rows, in EMU, and its type size in points."""
    note: str
    text: TableText
    cells: list[list[str]]
    widths: list[int]
    heights: list[int]
    size: int


def slide_table(table: pd.DataFrame, room: int) -> SlideTable:
    """The first rows (up to SLIDE_ROWS) and columns of `table` that fit `room` EMU of height across the slide, at
    the largest of TABLE_SIZES that shows them all, else as many as fit the smallest; column widths by content and
    row heights measured in those widths (a table whose rows were sized for other widths grew onto the note)."""
    fitted = [_fitting_table(table, room, size) for size in TABLE_SIZES]
    return next((f for f in fitted if len(f.text.rows) == min(len(table), SLIDE_ROWS)), fitted[-1])


def _fitting_table(table: pd.DataFrame, room: int, size: int) -> SlideTable:
    max_rows = SLIDE_ROWS
    while True:
        preview, note = table_preview(table, max_rows, PPTX_TABLE_COLUMNS)
        text = table_text(preview)
        cells = shown_cells(text, cell_chars(table, PPTX_CELL_CHARS))
        widths = column_widths(_natural_widths(cells, size), CONTENT_WIDTH) if text.labels else []
        heights = row_heights(cells, widths, size)
        fitting = next(n for n in range(len(heights), 0, -1) if sum(heights[:n]) <= room or n == 1) - 1
        if fitting >= len(text.rows) or max_rows <= 1:
            return SlideTable(note, text, cells, widths, heights, size)
        max_rows = max(1, min(fitting, max_rows - 1))


def _table(slide, section: Section, brand: Brand, growth: int = 0) -> int:
    """The section's table in the chart's room, less the `growth` a long finding above took from its top; the rows
    it shows."""
    top, table_height = CHART_TOP + growth, CHART_HEIGHT - Inches(0.45) - growth
    fitted = slide_table(section.table, table_height)
    if not fitted.widths:
        _textbox(slide, MARGIN, top, CONTENT_WIDTH, Inches(0.5), "No data.", 14, MUTED)
        return 0
    shown = len(fitted.text.rows)
    if section.every_row and 0 < shown < len(section.table):
        # the rows shared evenly over the slides they take, each in the larger type fewer rows leave room for: 13
        # rows in 9 pt then one row alone in 12 pt were the deck's benchmarks
        even = math.ceil(len(section.table) / math.ceil(len(section.table) / shown))
        if even < shown:
            fitted = slide_table(section.table.iloc[:even], table_height)
            shown = len(fitted.text.rows)
    note = fitted.note
    if section.every_row and shown < len(section.table):
        # the rows left go on over the next slide: the note says so, and names only the columns left out
        columns = table_preview(section.table.iloc[:shown], shown, PPTX_TABLE_COLUMNS)[1]
        note = " ".join(part for part in (columns, "Continued on the next slide.") if part)
    shape = slide.shapes.add_table(len(fitted.heights), len(fitted.widths), MARGIN, top, CONTENT_WIDTH,
                                   sum(fitted.heights))
    table = shape.table
    for row, height in zip(table.rows, fitted.heights):
        row.height = height
    for column, width in zip(table.columns, fitted.widths):
        column.width = width
    numeric = fitted.text.numeric
    header_ink = ink_on(brand.primary)
    for column, label in enumerate(fitted.cells[0]):
        cell = table.cell(0, column)
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(brand.primary)
        _style_text(cell.text_frame, label, fitted.size, header_ink, bold=True,
                    align=PP_ALIGN.RIGHT if numeric[column] else PP_ALIGN.LEFT)
    for row_number, row in enumerate(fitted.cells[1:], start=1):
        for column, value in enumerate(row):
            cell = table.cell(row_number, column)
            # Neutral banding: the template's own bands are in its accent blue, which clashes with brands.
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb("#F5F7FA" if row_number % 2 == 0 else "#FFFFFF")
            align = PP_ALIGN.RIGHT if numeric[column] else PP_ALIGN.LEFT
            _style_text(cell.text_frame, value, fitted.size, INK, align=align)
            address = fitted.text.rows[row_number - 1][column]
            if fitted.text.linked[column] and ADDRESS.fullmatch(address):   # a link named by its site, as in the PDF
                cell.text_frame.paragraphs[0].runs[0].hyperlink.address = address
    if note:
        _textbox(slide, MARGIN, top + table_height, CONTENT_WIDTH, Inches(0.4), note, 11, MUTED)
    return shown


def to_pptx(sections: list[Section], title: str, subtitle: str = "", brand: Brand | None = None,
            mark: str = "") -> bytes:
    """A 16:9 deck: title slide, then a chart slide per section (a table slide when it has no chart); `mark` (the
    sample data's) on the title slide and every slide.

    Charts are rendered through Chromium, so this raises ExportUnavailable when Chromium is missing
    and any section has a figure.
    """
    brand = brand or Brand()
    figures = [presentation_figure(s.figure, s.finding, CHART_PX[1]) for s in sections if s.figure is not None]
    pngs = iter(run_in_chromium(lambda browser: render_images(browser, figures, "png", *CHART_PX,
                                                              CHART_SCALE)) if figures else [])
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    deck.core_properties.title = title
    deck.core_properties.author = brand.name
    _title_slide(deck, title, subtitle, brand, len(sections), mark)
    largest = deck_finding_size([s.finding for s in sections])
    for section in sections:
        shown = _section_slide(deck, section, brand, next(pngs) if section.figure is not None else None, mark,
                               largest)
        # a table of every row goes on over the slides after it, under its finding marked "(continued)"
        while section.every_row and 0 < shown < len(section.table):
            section = continued(section, shown)
            shown = _section_slide(deck, section, brand, None, mark, largest)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
