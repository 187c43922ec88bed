"""The PDF report: a title page, then a landscape page per section (a long table goes on over the pages after it).

How it is assembled, and why: kaleido renders each chart to SVG, we lay the pages out in a small HTML
document and Chromium prints that document to PDF in the same session. The alternatives were worse:
merging kaleido's one-PDF-per-chart output needs a PDF library the project does not ship (pypdf), and
still leaves the title page and the text around each chart to be drawn by hand. Chromium's print engine
is the one every browser user already trusts for page layout, text wrapping, fonts and page numbers,
and SVG keeps the charts vector-sharp at any zoom.
"""
from __future__ import annotations

import base64
import datetime as dt
import itertools
import math
import re
import textwrap
from dataclasses import dataclass
from html import escape

import pandas as pd

from microlens.export_chromium import print_pdf, render_images, run_in_chromium
from microlens.export_model import (
    ADDRESS,
    CONTINUED,
    INK,
    MUTED,
    SAMPLE_INK,
    Brand,
    Section,
    TableText,
    TableType,
    accent_on_white,
    cell_chars,
    cell_shown,
    fitting_rows,
    ink_on,
    logo_mime,
    mark_html,
    presentation_figure,
    shorten,
    source_line,
    table_preview,
    table_text,
)
from microlens.text import headline_parts, site_of

# Landscape A4 with 12 mm margins (16 mm at the bottom for the page-number footer) leaves 273 x 182 mm.
# Charts are rendered at that box's size in CSS pixels (96 per inch), minus the heading and footnote,
# so their text prints at the size the figure was designed for.
CHART_WIDTH_PX = 1016
CHART_HEIGHT_PX = 540
PX_PER_MM = 96 / 25.4
# A chart is drawn no shorter than this, where its page leaves less room: shrunk to fit, it prints smaller type
LEAST_CHART_PX = 300
# A table of up to this many rows prints whole, over as many pages as it takes; a longer one prints the rows its page
# holds, the rest in the data exports (a 117-row portfolio took four pages and the price outliers three, in a
# 26-page report). A section of every_row (the benchmarks' appendix, whose every source a client may check: its
# page showed 12 of 20 and cut every definition) prints all its rows.
PDF_TABLE_ROWS = 25
# A table's columns: the first 8, and up to 12 where their cells fit across on one line and their headers on two (a
# campaigns page showed 8 of 25 columns, without ROI and revenue minus cost, over an empty page)
PDF_TABLE_COLUMNS, PDF_MOST_COLUMNS = 8, 12
# A cell's text is whole up to this length, wrapped in its column and measured by fitting_rows (a three-row table of
# claims cut every note at 48 characters; at 160 it cut a claim's 182-character note and a benchmark's definition).
# Longer text is cut between words and marked "…", so that one row still fits a page in eight columns.
PDF_CELL_CHARS = 400
# The table's type: 10 pt, smaller before a row is left out (a page headed "The 15 cheapest" showed 13 of them)
PDF_TABLE_SIZES = (10, 9, 8)
# What a section page holds above and below its table, in mm, as the stylesheet below sets it: the page's height;
# the brand rule, its padding and the eyebrow; the finding's, the qualification's, the note's and the sources'
# margins; and room to spare, as the text's height is estimated. A table given a fixed 125 mm printed its note over
# the sources of a page whose caveat and sources took more than their share. (The estimates count lines high: with 4 mm
# to spare a shortlist missed its page by 1 mm over 12 mm of empty room.)
PAGE_HEIGHT_MM, PAGE_WIDTH_MM = 182, 273
SECTION_TOP_MM = 1.6 + 4 + 10 * 1.2 * 25.4 / 72
FINDING_MARGINS_MM, QUALIFY_MARGINS_MM, NOTE_MARGIN_MM, SOURCE_MARGIN_MM, SPARE_MM = 4.5, 1.5, 2, 2, 2
# Line height, and an average letter's width in em: about 0.5 in Arial or Liberation Sans, rounded up (0.6 for bold)
# so that lines are not undercounted in whichever of the stylesheet's fonts the machine has.
LINE_EM, LETTER_EM, BOLD_LETTER_EM = 1.2, 0.55, 0.6
# A 10-pt table: a row's padding and a line, in mm (the padding in em, so both grow and shrink with the type); the
# 273-mm page in 10-pt characters of its text, 0.5 em each (LETTER_EM's rounding up, there to count a heading's lines
# high, left a benchmarks page a quarter empty), and a cell's padding (0.7 em a side). Fifteen rows whose definitions
# wrapped onto three lines ran under the page's sources and off its foot.
TABLE_LETTER_EM = 0.5
PDF_TABLE_TYPE = TableType(row_pad=3.3, line=4.3, width_chars=PAGE_WIDTH_MM / (10 * 25.4 / 72 * TABLE_LETTER_EM),
                           cell_pad_chars=1.4 / TABLE_LETTER_EM)
CONTENTS_ONE_COLUMN = 12       # cover entries that fit in one column; two columns hold twice as many
# The room in mm of an entry's text (its title and finding) in one and in two columns, and its type in pt: the page's
# width (a column's, 12 mm apart) less the entry's number and page number and their gaps. Its letters' mean width in
# em, measured on the cover of the sample's report (69 letters in 106 mm at 10 pt, the title bold): LETTER_EM, which
# counts a heading's lines high, left the line a third empty.
CONTENTS_TEXT = {False: (PAGE_WIDTH_MM - 24, 11), True: ((PAGE_WIDTH_MM - 12) / 2 - 24, 10)}
CONTENTS_LETTER_EM, CONTENTS_BOLD_LETTER_EM = 0.46, 0.5
CONTENTS_LEAST_WORDS = 3       # an entry's answer cut to fewer words than this is left out
CONTENTS_MAX_ENTRIES = 23      # past this the cover lists the first 23 and "… and N more sections"
LONG_FINDING_CHARS = 110      # past this the heading steps down a size to stay within two lines

_CSS = """
@page { size: 297mm 210mm; margin: 12mm 12mm 16mm 12mm; }
:root { --brand: %(brand)s; --brand-ink: %(brand_ink)s; --accent: %(accent)s; --ink: %(ink)s;
        --muted: %(muted)s; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: Inter, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
       color: var(--ink);
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { height: 182mm; display: flex; flex-direction: column; overflow: hidden; }
.page + .page { break-before: page; }
.band { background: var(--brand); color: var(--brand-ink); border-radius: 3mm; padding: 9mm 11mm;
        display: flex; align-items: center; gap: 6mm; font-size: 15pt; font-weight: 600; }
.band img { height: 16mm; width: auto; max-width: 80mm; object-fit: contain; background: #fff;
            border-radius: 2mm; padding: 1.5mm; }
.cover h1 { font-size: 30pt; line-height: 1.15; margin: 14mm 0 3mm; }
.cover .subtitle { font-size: 16pt; color: var(--muted); margin: 0 0 3mm; }
.cover .meta { font-size: 10pt; color: var(--muted); margin: 0 0 9mm; }
.contents { margin: 0; padding: 0; list-style: none; font-size: 11pt; }
.contents.two-columns { columns: 2; column-gap: 12mm; font-size: 10pt; }
.contents li { display: flex; gap: 4mm; padding: 1.6mm 0; border-bottom: 0.3mm solid #e5e7eb;
               break-inside: avoid; }
.contents .number { color: var(--accent); font-weight: 700; min-width: 7mm; }
.contents .text { flex: 1; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.contents .page-number { color: var(--muted); }
.section { border-top: 1.6mm solid var(--brand); padding-top: 4mm; }
.eyebrow { margin: 0; font-size: 10pt; font-weight: 700; text-transform: uppercase; letter-spacing: .06em;
           color: var(--accent); display: flex; justify-content: space-between; gap: 6mm; }
.eyebrow .sample-mark { color: %(sample)s; text-transform: none; letter-spacing: 0; white-space: nowrap; }
.band .sample-mark { margin-left: auto; background: #fff; color: %(sample)s; border-radius: 2mm; padding: 2mm 4mm;
                     font-size: 14pt; font-weight: 700; white-space: nowrap; }
.finding { font-size: 20pt; line-height: 1.2; margin: 1.5mm 0 3mm; }
.finding.long { font-size: 16pt; }
.qualify { font-size: 12pt; margin: -1.5mm 0 3mm; }
.body { flex: 1 1 auto; min-height: 0; display: flex; flex-direction: column; }
.chart { flex: 1 1 auto; min-height: 0; width: 100%%; object-fit: contain; }
table { border-collapse: collapse; width: 100%%; font-size: 10pt; font-variant-numeric: tabular-nums; }
th { text-align: left; background: var(--brand); color: var(--brand-ink); padding: 0.5em 0.7em; }
td { padding: 0.42em 0.7em; border-bottom: 0.3mm solid #e5e7eb; vertical-align: top; }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
tr:nth-child(even) td { background: #f5f7fa; }
.note { font-size: 9pt; color: var(--muted); margin: 2mm 0 0; }
.source { font-size: 9pt; color: var(--muted); margin: 2mm 0 0; }
"""

# Chromium draws this in the bottom margin of every page; pageNumber/totalPages are filled in by it.
_FOOTER = ('<div style="width:100%%; font-size:8pt; color:%(muted)s; padding:0 12mm; display:flex; '
           'justify-content:space-between; font-family:Arial, \'Liberation Sans\', sans-serif;">'
           '<span>%(label)s</span><span><span class="pageNumber"></span> / '
           '<span class="totalPages"></span></span></div>')


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _contents_answer(section: Section, two_columns: bool) -> str:
    """A section's answer as its line of the contents has room for it after the title, cut between words
    ("… costs $0.11 per …"): cut by the line's end it read "… costs $0.11 per lik…". The line still ends in an
    ellipsis where its type is wider than measured."""
    room_mm, size_pt = CONTENTS_TEXT[two_columns]
    letter_mm = size_pt * 25.4 / 72
    chars = ((room_mm - (len(section.title) + 3) * letter_mm * CONTENTS_BOLD_LETTER_EM)
             / (letter_mm * CONTENTS_LETTER_EM))
    answer = textwrap.shorten(headline_parts(section.finding)[0], max(12, math.floor(chars)), placeholder=" …",
                              break_on_hyphens=False)
    # a word or two cut from the rest says nothing ("Instagram …" after a long takeover title): the title alone then
    cut = answer.endswith(" …")
    return "" if cut and len(answer.removesuffix(" …").split()) < CONTENTS_LEAST_WORDS else answer


def _cover(sections: list[Section], first_pages: list[int], last_page: int, title: str, subtitle: str, brand: Brand,
           mark: str = "") -> str:
    """The cover: the brand, the title and the contents, each section at its first page (`first_pages`; a long table
    continues on the pages after it)."""
    logo = f'<img src="{_data_uri(logo_mime(brand.logo), brand.logo)}" alt="">' if brand.logo else ""
    # One line per entry (ellipsis), so the number of entries that fit on the cover is known.
    listed = sections[:CONTENTS_MAX_ENTRIES if len(sections) > CONTENTS_MAX_ENTRIES + 1 else None]
    two = len(listed) + (len(listed) < len(sections)) > CONTENTS_ONE_COLUMN
    # what the section is, then its answer: a bare finding cut at the line's end read "… 2.4× che…"
    entries = [f'<li><span class="number">{i}</span><span class="text"><strong>{escape(s.title)}</strong>'
               + (f" · {escape(answer)}" if (answer := _contents_answer(s, two)) else "") + "</span>"
               f'<span class="page-number">p. {page}</span></li>'
               for i, (s, page) in enumerate(zip(listed, first_pages), start=1)]
    if len(listed) < len(sections):
        entries.append(f'<li><span class="number"></span><span class="text">… and '
                       f"{len(sections) - len(listed)} more sections</span>"
                       f'<span class="page-number">p. {first_pages[len(listed)]}–{last_page}</span></li>')
    columns = " two-columns" if two else ""
    subtitle_html = f'<p class="subtitle">{escape(subtitle)}</p>' if subtitle else ""
    return (f'<div class="page cover"><div class="band">{logo}<span>{escape(brand.name)}</span>{mark_html(mark)}</div>'
            f"<h1>{escape(title)}</h1>{subtitle_html}"
            f'<p class="meta">Generated {dt.date.today().isoformat()} · {len(sections)} sections</p>'
            f'<ol class="contents{columns}">{"".join(entries)}</ol></div>')


def text_height_mm(text: str, size_pt: float, letter_em: float = LETTER_EM) -> float:
    """The estimated height of `text` across the page at `size_pt`, wrapped between words."""
    if not text:
        return 0
    letter_mm = size_pt * 25.4 / 72 * letter_em
    return (len(textwrap.wrap(text, int(PAGE_WIDTH_MM / letter_mm))) or 1) * _line_mm(size_pt)


def _line_mm(size_pt: float) -> float:
    return size_pt * 25.4 / 72 * LINE_EM


def chart_height_px(section: Section) -> int:
    """The height a section's chart is drawn at: what its page leaves under the finding and over the sources (no
    note under a chart: its line is the chart's), up to CHART_HEIGHT_PX, and LEAST_CHART_PX at least. Drawn at 540 px
    on a page that left 340, the Planner's chart was shrunk to fit, its labels in 7-pt type."""
    answer, qualified = headline_parts(section.finding)
    room_mm = table_room_mm(answer, qualified, with_site_names(source_line(section.source)))
    return round(max(LEAST_CHART_PX, min(CHART_HEIGHT_PX, (room_mm + NOTE_MARGIN_MM + _line_mm(9)) * PX_PER_MM)))


def table_room_mm(answer: str, qualified: str, source: str, last: bool = True) -> float:
    """The height left for a table on a page headed by `answer` and `qualified`: all of it less those, each as tall as
    its text, and on a table's `last` page the note under it (a line) and `source`."""
    size = 16 if len(answer) > LONG_FINDING_CHARS else 20
    around = (SECTION_TOP_MM + FINDING_MARGINS_MM + text_height_mm(answer, size, BOLD_LETTER_EM)
              + (QUALIFY_MARGINS_MM + text_height_mm(qualified, 12) if qualified else 0)
              + (NOTE_MARGIN_MM + _line_mm(9) if last else 0)
              + (SOURCE_MARGIN_MM + text_height_mm(source, 9) if source and last else 0) + SPARE_MM)
    return PAGE_HEIGHT_MM - around


@dataclass
class PageTable:
    """A section's table as the PDF prints it: the rows of each page it takes (the header repeated on each), the note
    on what it leaves out, its type size (pt) and its columns' labels and kinds."""
    pages: list[list[list[str]]]
    note: str
    size: int
    text: TableText
    cell_chars: int = PDF_CELL_CHARS   # what a cell keeps (export_model.cell_chars)


def pdf_columns(table: pd.DataFrame) -> int:
    """How many of a table's first columns its page shows: PDF_TABLE_COLUMNS, and more up to PDF_MOST_COLUMNS while
    they fit across the page with every cell on one line and every header on two, in its bold letters."""
    def header_chars(label: str) -> float:
        words = label.split(" ")
        lines = min(max(len(" ".join(words[:n])), len(" ".join(words[n:]))) for n in range(len(words)))
        return lines * BOLD_LETTER_EM / TABLE_LETTER_EM

    def fits(count: int) -> bool:
        text = table_text(table_preview(table, PDF_TABLE_ROWS, count)[0])
        needs = [max([header_chars(label)] + [len(cell_shown(row[i], PDF_CELL_CHARS, address)) for row in text.rows])
                 for i, (label, address) in enumerate(zip(text.labels, text.linked))]
        return sum(needs) + PDF_TABLE_TYPE.cell_pad_chars * len(needs) <= PDF_TABLE_TYPE.width_chars
    most = min(PDF_MOST_COLUMNS, table.shape[1])
    return next((n for n in range(most, PDF_TABLE_COLUMNS, -1) if fits(n)), PDF_TABLE_COLUMNS)


def table_fit(table: pd.DataFrame, room_mm: float, first_room_mm: float, more_room_mm: float,
              max_rows: int = PDF_TABLE_ROWS, one_page: bool = False) -> PageTable:
    """A section's table on its page: all its rows (up to `max_rows`) at the largest of PDF_TABLE_SIZES whose
    rows fit `room_mm`; else, `one_page`, the rows that fit at the smallest size; else at the largest size, its rows
    over as many pages as they take, `first_room_mm` on the section's page and `more_room_mm` on each page after it
    (its sources and the note on the last)."""
    columns, chars = pdf_columns(table), cell_chars(table, PDF_CELL_CHARS)
    for size in PDF_TABLE_SIZES:
        preview, note, text, _ = fitting_rows(table, max_rows, columns, room_mm,
                                              PDF_TABLE_TYPE.scaled(size / PDF_TABLE_SIZES[0]), chars)
        if len(preview) == min(len(table), max_rows) or (one_page and size == PDF_TABLE_SIZES[-1]):
            return PageTable([text.rows], note, size, text, chars)
    _, note, text, _ = fitting_rows(table, max_rows, columns, math.inf, PDF_TABLE_TYPE, chars)
    # each page's rows measured in the widths of that page's own table, as the browser lays each page's out: in the
    # whole table's widths, one 304-character definition on the first page left every later page's labels a narrow
    # column, and the appendix's second page two-thirds empty
    pages, start = [], 0
    while start < len(text.rows):
        fitting = len(fitting_rows(table.iloc[start:len(text.rows)], max_rows, columns,
                                   first_room_mm if not pages else more_room_mm, PDF_TABLE_TYPE, chars)[0])
        pages.append(text.rows[start:start + fitting])
        start += fitting
    return PageTable(pages, note, PDF_TABLE_SIZES[0], text, chars)


def _table(text: TableText, rows: list[list[str]], size: int, note: str, chars: int) -> str:
    head = "".join(f'<th{" class=num" if is_number else ""}>{escape(shorten(label, chars))}</th>'
                   for label, is_number in zip(text.labels, text.numeric))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=num" if is_number else ""}>{_cell_html(cell, chars, address)}</td>'
                         for cell, is_number, address in zip(row, text.numeric, text.linked)) + "</tr>"
        for row in rows)
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    return (f'<table style="font-size: {size}pt"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            f"{note_html}")


def _cell_html(cell: str, chars: int, address: bool) -> str:
    """A table cell as cell_shown has it; a web address in an address column as a link named by its site."""
    shown = escape(cell_shown(cell, chars, address))
    return f'<a href="{escape(cell)}">{shown}</a>' if address and ADDRESS.fullmatch(cell) else shown


def with_site_names(source: str) -> str:
    """A sources line with each web address as its site ("— marketingdive.com"), as the deck leaves them out:
    fourteen full addresses took 40% of the sensitivity page and squeezed its chart. The site still says where each
    benchmark was read; the app's Benchmarks page and the HTML report keep the addresses."""
    def site(match: re.Match) -> str:
        address = match.group().rstrip(".,:")
        return site_of(address) + match.group()[len(address):]
    return ADDRESS.sub(site, source)


def _page(section: Section, heading: str, qualified: str, body: str, source: str, mark: str) -> str:
    long = " long" if len(heading) > LONG_FINDING_CHARS else ""
    source_html = f'<p class="source">{escape(source)}</p>' if source else ""
    qualify_html = f'<p class="qualify">{escape(qualified)}</p>' if qualified else ""
    return (f'<div class="page section"><p class="eyebrow"><span>{escape(section.title)}</span>{mark_html(mark)}</p>'
            f'<h1 class="finding{long}">{escape(heading)}</h1>{qualify_html}'
            f'<div class="body">{body}</div>{source_html}</div>')


def section_pages(section: Section, chart_svg: bytes | None, mark: str = "") -> list[str]:
    """A section's page: its finding over its chart, or its table if it has none, and its sources; a table too long
    for the page goes on over the pages after it, under the same heading marked "(continued)", its sources and note
    on the last."""
    answer, qualified = headline_parts(section.finding)
    source = with_site_names(source_line(section.source))
    if chart_svg is not None:
        body = f'<img class="chart" src="{_data_uri("image/svg+xml", chart_svg)}" alt="">'
        return [_page(section, answer, qualified, body, source, mark)]
    fitted = table_fit(section.table, table_room_mm(answer, qualified, source),
                       table_room_mm(answer, qualified, source, last=False),
                       table_room_mm(answer + CONTINUED, "", source),
                       max(len(section.table), 1) if section.every_row else PDF_TABLE_ROWS,
                       one_page=not section.every_row and len(section.table) > PDF_TABLE_ROWS)
    last = len(fitted.pages) - 1
    return [_page(section, answer + (CONTINUED if i else ""), "" if i else qualified,
                  _table(fitted.text, rows, fitted.size, fitted.note if i == last else "", fitted.cell_chars),
                  source if i == last else "", mark)
            for i, rows in enumerate(fitted.pages)]


def report_html(sections: list[Section], title: str, subtitle: str, brand: Brand,
                chart_svgs: list[bytes | None], mark: str = "") -> str:
    """The print layout: cover page, then a page per section (its chart, or its table if it has none: a long one
    over the pages after it), `mark` (export_model.SAMPLE_MARK) on the cover and at the top of every page."""
    css = _CSS % {"brand": brand.primary, "brand_ink": ink_on(brand.primary),
                  "accent": accent_on_white(brand.primary), "ink": INK, "muted": MUTED, "sample": SAMPLE_INK}
    pages = [section_pages(s, svg, mark) for s, svg in zip(sections, chart_svgs)]
    first_pages = list(itertools.accumulate((len(p) for p in pages[:-1]), initial=2))
    cover = _cover(sections, first_pages, 1 + sum(map(len, pages)), title, subtitle, brand, mark)
    # No scripts and no network: the page only shows what is inlined in it.
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" '
            "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            f"<title>{escape(title)}</title><style>{css}</style></head>"
            f"<body>{cover}{''.join(itertools.chain.from_iterable(pages))}</body></html>")


def to_pdf(sections: list[Section], title: str, subtitle: str = "", brand: Brand | None = None,
           mark: str = "") -> bytes:
    """A client-ready PDF: title page with contents, then per section its finding, chart and source; `mark` (the
    sample data's) on the cover, at the top of every page and in its footer.

    Raises ExportUnavailable when Chromium is missing.
    """
    brand = brand or Brand()
    charted = [(s, chart_height_px(s)) for s in sections if s.figure is not None]
    label = " · ".join(part for part in (mark, brand.name, title) if part)
    footer = _FOOTER % {"muted": MUTED, "label": escape(shorten(label, 120))}

    async def build(browser) -> bytes:
        rendered = iter([(await render_images(browser, [presentation_figure(s.figure, s.finding, height)], "svg",
                                              CHART_WIDTH_PX, height, 1))[0] for s, height in charted])
        chart_svgs = [next(rendered) if s.figure is not None else None for s in sections]
        return await print_pdf(browser, report_html(sections, title, subtitle, brand, chart_svgs, mark), footer)

    return run_in_chromium(build)
