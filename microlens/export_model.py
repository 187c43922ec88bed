"""What every export is made of: sections, the brand, and the small display rules they share.

A `Section` is one chart of the app as it goes to a client: the finding (the headline sentence), the
figure, the data behind it, where the numbers come from. The export writers (`export_data`,
`export_html`, `export_chromium`, `export_pptx`) only read sections; they never mutate a figure.
"""
from __future__ import annotations

import datetime as dt
from html import escape
import math
import numbers
import re
import textwrap
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import columns
from .text import headline_parts, platform_name, site_of
from .theme import (FOOTNOTE, LEGEND_ROW_PX, MISSING, PRESENT_LEGEND_EXTRA_PX, apply, fit_top_band,
                    legend_names, legend_on_top, legend_rows)

_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"
# Every export embeds the logo (the HTML once, the deck on every slide): keep files light.
MAX_LOGO_BYTES = 2_000_000
BRAND_KEYS = ("name", "primary", "logo")


@dataclass
class Section:
    key: str
    title: str                  # the page / chart name, e.g. "Cost vs celebrity"
    finding: str                # the headline sentence, e.g. "Micro posts cost 12x less per engagement"
    figure: go.Figure | None
    table: pd.DataFrame         # the data the chart shows
    source: str = ""            # benchmark sources / footnote
    sql: str = ""
    # every row on a slide, carried over as many slides as they take (the appendix of benchmarks, whose every source
    # a client may check): other tables show the rows one slide holds, the data export has the rest
    every_row: bool = False
    # for a ranked table whose finding counts its rows ("The 15 cheapest …"): the same section with its first n rows
    # and a finding that counts n, for a slide that holds fewer rows than the table has
    refit: Callable[[int], Section] | None = None


# a heading over the rest of a table, on the pages or slides after its first
CONTINUED = " (continued)"


@dataclass
class Brand:
    name: str = "Microlens"
    primary: str = "#0072B2"
    logo: bytes | None = None   # PNG or JPEG

    def __post_init__(self) -> None:
        # The colour goes into CSS and the logo into data: URIs, so both are checked here, whatever
        # built the Brand, rather than trusted at each use.
        self.primary = normalise_colour(self.primary)
        if self.logo is not None:
            logo_mime(self.logo)


def normalise_colour(value: object) -> str:
    """'#e69f00' / '#E90' -> '#E69F00'; anything else is a ValueError a user can act on."""
    if not isinstance(value, str) or not _HEX_COLOUR.fullmatch(value.strip()):
        raise ValueError(f"The brand colour {value!r} is not a hex colour like #0072B2.")
    digits = value.strip()[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits.upper()


def logo_mime(data: bytes) -> str:
    if data.startswith(_PNG_MAGIC):
        return "image/png"
    if data.startswith(_JPEG_MAGIC):
        return "image/jpeg"
    raise ValueError("The logo must be a PNG or JPEG image.")


def load_brand(path: str | Path) -> Brand:
    """Read a brand file: TOML with `name`, `primary` (hex colour) and `logo` (path relative to the file).

    Every problem is a ValueError with one plain sentence, so the app can show it as it is.
    """
    path = Path(path)
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"The brand file {str(path)!r} does not exist.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"The brand file {path.name!r} is not valid TOML ({error}).") from None
    unknown = sorted(set(config) - set(BRAND_KEYS))
    if unknown:
        raise ValueError(f"The brand file {path.name!r} has unknown keys {', '.join(unknown)}; "
                         f"expected {', '.join(BRAND_KEYS)}.")
    name = config.get("name", Brand.name)
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"The brand name in {path.name!r} must be non-empty text.")
    logo = None
    if "logo" in config:
        if not isinstance(config["logo"], str):
            raise ValueError(f"The logo in {path.name!r} must be a file path in quotes.")
        logo_path = path.parent / config["logo"]
        if not logo_path.is_file():
            raise ValueError(f"The logo file {str(logo_path)!r} named in {path.name!r} does not exist.")
        logo = logo_path.read_bytes()
        if len(logo) > MAX_LOGO_BYTES:
            raise ValueError(f"The logo {logo_path.name!r} is {len(logo) / 1e6:.1f} MB; "
                             f"use an image under {MAX_LOGO_BYTES / 1e6:.0f} MB.")
    return Brand(name=name.strip(), primary=config.get("primary", Brand.primary), logo=logo)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


INK = "#1F2933"      # body text, as in the Plotly template
MUTED = "#52606D"    # footnotes
# What the cover and every page, slide, image and workbook of an export say when the loaded data is the bundled
# sample, and presenter mode with them: a deck of invented numbers read like any client's deck. In a red that reads
# on white (6:1) and stands apart from any brand colour's eyebrow.
SAMPLE_MARK = "Sample data — invented figures"
SAMPLE_INK = "#B42318"


def ink_on(background: str) -> str:
    """White or dark text, whichever reads better on a brand-coloured band (a yellow brand needs dark)."""
    return "#FFFFFF" if _contrast(background, "#FFFFFF") >= _contrast(background, INK) else INK


def accent_on_white(colour: str) -> str:
    """The brand colour for text on white, unless it is too pale to read (WCAG 3:1 for large text)."""
    return colour if _contrast(colour, "#FFFFFF") >= 3 else INK


def cell_text(value: object) -> str:
    """One table cell as a client reads it: 12,345 / 0.0123 / 2025-03-01; missing values as '–'."""
    if value is None or value is pd.NaT or value is pd.NA:
        return MISSING
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{value:,}"
    if isinstance(value, numbers.Real):
        return MISSING if math.isnan(value) else f"{value:,.6g}"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass
class TableText:
    """A table preview as its cells read in an export: labels, which columns are numbers (right-aligned), rows, and
    which columns hold web addresses (linked in HTML; None: none)."""
    labels: list[str]
    numeric: list[bool]
    rows: list[list[str]]
    addresses: list[bool] | None = None

    @property
    def linked(self) -> list[bool]:
        """Per column, whether its web addresses are links (an address column's only)."""
        return self.addresses or [False] * len(self.labels)


def is_address_column(name) -> bool:
    """A column of web addresses ('url', 'profile_url'): the one place a table's cell becomes a link."""
    return str(name).lower() == "url" or str(name).lower().endswith("_url")


def table_text(preview: pd.DataFrame) -> TableText:
    """Labels and cells as the app's tables show them ($5,626, 5.5%, 2.61×: microlens.columns), not raw numbers."""
    kinds = [columns.kind(c, preview.iloc[:, i]) for i, c in enumerate(preview.columns)]
    rows = [[cell_text(v) if k == columns.TEXT or not isinstance(v, numbers.Real) else columns.formatted(v, k)
             for v, k in zip(row, kinds)] for row in preview.itertuples(index=False, name=None)]
    return TableText([columns.label(c) for c in preview.columns], [k != columns.TEXT for k in kinds], rows,
                     [is_address_column(c) for c in preview.columns])


def table_html(text: TableText, more_from: int | None = None, widths: list[str] | None = None) -> str:
    """A <table> of a table's text, every label and cell escaped; number columns carry class "num", rows from
    index `more_from` on class "more" (those a slide leaves out on a small screen), and `widths` (CSS lengths, one a
    column) the least width of each column. Only an address column's cells are links: an address in a handle, a
    caption or a campaign name (the uploader's text) stays text in a report sent to a client."""
    least = [f' style="min-width: {width}"' if width else "" for width in widths or [""] * len(text.labels)]
    head = "".join(f'<th{" class=num" if is_number else ""}{style}>{escape(label)}</th>'
                   for label, is_number, style in zip(text.labels, text.numeric, least))
    rows = "".join(("<tr class=more>" if more_from is not None and i >= more_from else "<tr>")
                   + "".join(f'<td class="num">{escape(cell)}</td>' if is_number
                             else f"<td>{linked_html(cell) if link else escape(cell)}</td>"
                             for cell, is_number, link in zip(row, text.numeric, text.linked)) + "</tr>"
                   for i, row in enumerate(text.rows))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


@dataclass(frozen=True)
class TableType:
    """How a table's text takes room where it is drawn: a row's padding and a line's height, in the unit of the room
    it is fitted to (mm on a page, px on a slide); the table's width and each cell's side padding, in characters of
    its type."""
    row_pad: float
    line: float
    width_chars: float
    cell_pad_chars: float

    def scaled(self, scale: float) -> TableType:
        """The table in type `scale` times as large: rows as much taller, as many fewer characters across (the
        padding, in ems, grows with the type)."""
        return TableType(self.row_pad * scale, self.line * scale, self.width_chars / scale, self.cell_pad_chars)


def column_chars(cells: list[list[str]], width_chars: float, cell_pad_chars: float) -> list[float]:
    """Each column's text width in characters as a browser's automatic table layout shares the width out: every
    column its longest cell where all fit on one line; else each its longest word, and what is left in proportion
    to how much more its longest cell needs. (An equal or proportional share of the width wrapped short cells that
    the browser keeps on one line: a slide showed 11 of 15 rows over empty room.)"""
    widest = [max(len(row[i]) for row in cells) or 1 for i in range(len(cells[0]))]
    narrowest = [max(max((len(word) for word in row[i].split()), default=1) for row in cells)
                 for i in range(len(cells[0]))]
    room = width_chars - cell_pad_chars * len(widest)
    if sum(widest) <= room or sum(widest) == sum(narrowest):
        return [float(n) for n in widest]
    spare = max(0.0, room - sum(narrowest))
    return [low + (high - low) * spare / (sum(widest) - sum(narrowest)) for low, high in zip(narrowest, widest)]


def line_count(cell: str, chars: float) -> int:
    """The lines `cell` takes wrapped between words in `chars` characters (a longer word broken)."""
    return len(textwrap.wrap(cell, max(1, math.floor(chars)))) or 1


# A web address, as a whole cell or within a sources line
ADDRESS = re.compile(r"https?://[^\s;|]+")


# An address to link: up to a space, a quote or an angle bracket, which no address holds unescaped
_LINKABLE = re.compile(r"https?://[^\s;|\"'<>]+")


def _address_end(address: str) -> str:
    """The address without what the sentence around it put after it: its full stop or comma, and a closing bracket
    with no opening one in the address ("(see https://digiday.com/x)")."""
    while address:
        address = address.rstrip(".,:")
        if address.endswith(")") and address.count("(") < address.count(")"):
            address = address[:-1]
        elif address.endswith("]") and address.count("[") < address.count("]"):
            address = address[:-1]
        else:
            return address
    return address


def linked_html(text: str) -> str:
    """`text` escaped, each web address in it a link opened in a new tab (a benchmark's source, a profile): the HTML
    report printed them as plain text, to be copied by hand, where the PDF links them. An address a cell was cut
    in ("https://…/influen…") stays text: a link to half an address leads nowhere."""
    out, at = [], 0
    for match in _LINKABLE.finditer(text):
        address = _address_end(match.group())
        if address.endswith("…"):
            continue
        end = match.start() + len(address)
        out += [escape(text[at:match.start()]),
                f'<a href="{escape(address)}" target="_blank" rel="noopener noreferrer">{escape(address)}</a>']
        at = end
    return "".join(out) + escape(text[at:])


def cell_shown(cell: str, cell_chars: int, address: bool = False) -> str:
    """A cell as a page or slide shows it: a web address in an address column (`address`) as its site (a link to it
    where the format has links: cut at the cell's length, 'https://www.marketingdive.com/news/bran…' was neither
    readable nor usable), other text, an address in a handle or caption too, cut at `cell_chars`."""
    return site_of(cell) if address and ADDRESS.fullmatch(cell) else shorten(cell, cell_chars)


def shown_cells(text: TableText, cell_chars: int) -> list[list[str]]:
    """The header and rows of `text` as a page or slide shows them (cell_shown)."""
    return [[cell_shown(label, cell_chars) for label in text.labels],
            *([cell_shown(cell, cell_chars, address) for cell, address in zip(row, text.linked)]
              for row in text.rows)]


def fitting_rows(table: pd.DataFrame, max_rows: int, max_columns: int, room: float, table_type: TableType,
                 cell_chars: int) -> tuple[pd.DataFrame, str, TableText, list[float]]:
    """table_preview with as many rows as fit `room` (in table_type's unit of height) once each cell (cut at
    `cell_chars`, an address as its site: cell_shown) wraps in its column's width (column_chars): a table sized for
    one line a row ran off its page when its definitions wrapped onto three. Also its text and the heights of its
    rows, the header's first."""
    while True:
        preview, note = table_preview(table, max_rows, max_columns)
        text = table_text(preview)
        cells = shown_cells(text, cell_chars)
        widths = column_chars(cells, table_type.width_chars, table_type.cell_pad_chars)
        heights = [table_type.row_pad
                   + table_type.line * max([1, *(line_count(cell, width) for cell, width in zip(row, widths))])
                   for row in cells]
        if sum(heights) <= room or max_rows <= 1:
            return preview, note, text, heights
        fits = next((n - 1 for n in range(len(heights), 0, -1) if sum(heights[:n]) <= room), 1)
        max_rows = max(1, min(fits, max_rows - 1))


def mark_html(mark: str) -> str:
    """The sample data's mark beside a section's eyebrow (HTML report and PDF alike); nothing without one."""
    return f'<span class="sample-mark">{escape(mark)}</span>' if mark else ""


def finding_html(finding: str, answer_html: str) -> str:
    """A finding's answer in `answer_html` (a format with one {}), and what qualifies it in smaller type beneath
    (text.headline_parts): a 380-character finding made a heading of four or five lines. Both escaped."""
    answer, qualified = headline_parts(finding)
    return answer_html.format(escape(answer)) + (f'<p class="qualify">{escape(qualified)}</p>' if qualified else "")


def cell_chars(table: pd.DataFrame, most: int) -> int:
    """The characters a table's cell keeps: `most`, twice as many in a table of two columns, whose second spans most
    of the page (the answer's findings): at 400 a crawl's lost the end of their warnings ("…476 of 545
    micro-influencers left out…") over a page two-thirds empty."""
    return most * (2 if table.shape[1] <= 2 else 1)


def shorten(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut between words where a word ends in the last third ("Instagram
    influencers with 10,000–100,0…" read as a number), else where the limit falls, and marked "…"."""
    if len(text) <= limit:
        return text
    room = text[:limit - 1]
    between = room.rsplit(" ", 1)[0] if text[limit - 1] != " " else room
    return (between if len(between) >= limit * 2 // 3 else room).rstrip(" ,;:–-") + "…"


# A slide table's most rows: the shortlist's 15 (its slide said "The 15 cheapest" over 10 rows, a third of a 1920
# screen empty); each screen then shows as many as fit it (fitting_rows)
SLIDE_ROWS = 15
# Columns a page or slide leaves out: catalog keys (identifiers for the Benchmarks page, not for a client) and a
# row's description, a sentence that repeats the other columns (cut at the cell's end, it took half the price
# outliers' slide and left room for 7 of 41 rows); the page reads the descriptions out and the data exports keep them
PREVIEW_LEFT_OUT = ("key", "description")


def continued(section: Section, rows_shown: int) -> Section:
    """The rest of a section's table after its first `rows_shown` rows, headed by its finding's answer marked
    "(continued)", as the PDF heads the pages after a table's first."""
    return replace(section, table=section.table.iloc[rows_shown:],
                   finding=headline_parts(section.finding)[0].removesuffix(CONTINUED) + CONTINUED)


def table_preview(table: pd.DataFrame, max_rows: int, max_columns: int) -> tuple[pd.DataFrame, str]:
    """The top-left corner of a table that fits a page or slide, and a note saying what was left out. Platforms
    read as marketers write them ("TikTok"), as in the app; the data exports keep the stored names, and the
    columns a slide leaves out (PREVIEW_LEFT_OUT)."""
    shown = table.drop(columns=[c for c in PREVIEW_LEFT_OUT if c in table.columns])
    preview = shown.iloc[:max_rows, :max_columns]
    if "platform" in preview.columns:
        preview = preview.assign(platform=preview["platform"].map(platform_name, na_action="ignore"))
    left_out = []
    if len(table) > max_rows:
        left_out.append(f"first {max_rows:,} of {len(table):,} rows")
    if shown.shape[1] > max_columns:
        left_out.append(f"first {max_columns} of {shown.shape[1]} columns")
    note = f"Showing the {' and '.join(left_out)}; the data export has all of it." if left_out else ""
    return preview, note


SLIDE_CHART_PX = 1100   # a slide's chart on a 1280-px screen, the narrowest a projector gives


def presentation_figure(figure: go.Figure, finding: str = "", drawn_px: int | None = None,
                        present: bool = False) -> go.Figure:
    """A copy of the figure in the house style, without its own title (nor a subtitle that `finding`, the
    heading above it, already says: a takeover's interval); its band of labels along the plot's top fitted to the
    `drawn_px` it is drawn at, where an export knows it (theme.fit_top_band).

    Figure builders leave the style to whoever draws them (the app applies it as it draws); an export draws
    outside the app, so it applies the style here, or every exported chart would come out in Plotly's default
    look. In every export the finding is already the heading right above the chart, so the chart's title
    (which states the same finding) would print twice; the top margin shrinks to what the legend needs. The
    same goes for a source footnote drawn on the chart: the export prints the section's sources under it, and
    the plot gets the footnote's room back. `present`: in presenter type, as a slide draws it.
    """
    titled = bool(figure.layout.title.text)
    # the title goes before the style is applied: a long one, wrapped, would grow the figure by its lines
    copy = apply(go.Figure(figure).update_layout(title_text=None), present=present)
    if any(a.name == FOOTNOTE for a in copy.layout.annotations):
        copy.layout.annotations = [a for a in copy.layout.annotations if a.name != FOOTNOTE]
        copy.layout.margin.b = None
    if titled and present and legend_on_top(copy):
        # a slide's legend hangs from the figure's top, over as many rows as it takes: set just above the plot, it
        # was placed on the slide's first draw, in a chart not yet its height, and stayed over the plot's top
        rows = legend_rows(legend_names(copy), SLIDE_CHART_PX, present=True)
        copy.update_layout(legend=dict(yref="container", y=1, yanchor="top"),
                           margin_t=rows * (LEGEND_ROW_PX + PRESENT_LEGEND_EXTRA_PX) + 10)
    elif titled:
        copy.update_layout(margin_t=50)
    if copy.layout.title.subtitle.text and copy.layout.title.subtitle.text in finding:
        copy.update_layout(title_subtitle_text=None)
    return fit_top_band(copy, drawn_px) if drawn_px else copy


def slide_chart_floor(figure: go.Figure) -> int:
    """The least height in pixels of a presentation figure (presentation_figure) on a slide. Above it the chart
    takes the height the screen has left, so a 1920×1080 projector has no empty lower third and at 1280×720
    headline, chart and arrows nearly fit. A chart of many bars keeps up to 700 px of the height it was built
    with, or its bars and labels shrink past reading (31 coupon codes in 430 px); any other keeps its margins
    (legend, notes under the axis) and a plot area that still reads."""
    built = figure.layout.height or 0
    # bars only: a scatter grown past 620 px by its footnote's lines was taken for one and ran 22 px off a 720 screen
    if built > 620 and any(trace.type == "bar" for trace in figure.data):
        return min(built, 700)
    return max(320, (figure.layout.margin.t or 80) + (figure.layout.margin.b or 80) + 220)


def source_line(source: str) -> str:
    """'Source: …' under a chart, unless the text already says so; '' when there is no source."""
    source = source.strip()
    if not source or source.lower().startswith("source"):
        return source
    return "Source: " + source
