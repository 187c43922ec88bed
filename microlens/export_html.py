"""The interactive report: one self-contained HTML file that works offline, e.g. on a client's laptop.

plotly.js is inlined once in <head> (every chart reuses it), the logo is a data: URI, and a
Content-Security-Policy forbids the page from loading anything at all from a network, so nothing leaks
a client's data or breaks without Wi-Fi. Every piece of user text goes through html.escape; the figure
JSON is escaped by Plotly itself ('<' is written as \\u003c).
"""
from __future__ import annotations

import base64
import datetime as dt
import math
from html import escape

import plotly.io as pio
from plotly.offline import get_plotlyjs

from microlens.export_model import (
    INK,
    MUTED,
    SAMPLE_INK,
    Brand,
    Section,
    TableText,
    accent_on_white,
    finding_html,
    ink_on,
    linked_html,
    logo_mime,
    mark_html,
    presentation_figure,
    source_line,
    table_html,
    table_preview,
    table_text,
)
from microlens.text import counted

# A report table is for reading, not for analysis: past this the CSV / Excel export is the right tool.
HTML_TABLE_ROWS = 500
HTML_TABLE_COLUMNS = 30
# A text column is at least as wide as its longest cell up to TEXT_LINE_CHARS characters; a longer one wraps to at
# most TEXT_LINES lines in a column of at most TEXT_WIDEST_CHARS (a definition of 300 characters would take a page)
TEXT_LINE_CHARS = 16
TEXT_LINES = 6
TEXT_WIDEST_CHARS = 36
CELL_PAD_PX = 14   # a table cell's padding either side, which its least width (border-box) takes in

# 'unsafe-eval' because some plotly.js trace types compile functions at run time; there is no
# script-src host, so only the inline bundle can ever run.
_CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
                            "style-src 'unsafe-inline'; img-src data: blob:; font-src data:")
_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                  "toImageButtonOptions": {"format": "png", "scale": 2}}

_CSS = """
:root { --brand: %(brand)s; --brand-ink: %(brand_ink)s; --accent: %(accent)s; --ink: %(ink)s;
        --muted: %(muted)s; }
* { box-sizing: border-box; }
body { margin: 0; font-family: Inter, "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       background: #f5f7fa; line-height: 1.45; }
.cover { background: var(--brand); color: var(--brand-ink); padding: 32px 48px 28px; }
.brandline { display: flex; align-items: center; gap: 14px; font-weight: 600; font-size: 15px; }
.brandline img { height: 44px; width: auto; max-width: 260px; object-fit: contain; background: #fff;
                 border-radius: 6px; padding: 4px; }
.cover h1 { font-size: 34px; margin: 22px 0 6px; line-height: 1.2; }
.cover .subtitle { font-size: 18px; margin: 0 0 10px; opacity: .92; }
.cover .meta { font-size: 13px; margin: 0; opacity: .85; }
nav { max-width: 1200px; margin: 24px auto 0; padding: 0 24px; }
nav h2 { font-size: 15px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
nav ol { margin: 0; padding-left: 22px; }
nav a { color: var(--ink); }
main { max-width: 1200px; margin: 0 auto; padding: 8px 24px 40px; }
section { background: #fff; border-radius: 10px; border-top: 5px solid var(--brand);
          box-shadow: 0 1px 3px rgba(0,0,0,.08); padding: 22px 28px 18px; margin: 26px 0; }
.eyebrow { margin: 0; font-size: 13px; font-weight: 600; text-transform: uppercase;
           letter-spacing: .06em; color: var(--accent); display: flex; justify-content: space-between; gap: 16px; }
.sample-mark { color: %(sample)s; font-weight: 700; text-transform: none; letter-spacing: 0; }
.brandline .sample-mark { margin-left: auto; background: #fff; border-radius: 6px; padding: 6px 12px; font-size: 17px; }
section h2 { font-size: 24px; margin: 4px 0 12px; line-height: 1.25; }
section .qualify { font-size: 16px; margin: -6px 0 12px; line-height: 1.35; }
.chart { width: 100%%; }
.source { font-size: 13px; color: var(--muted); margin: 8px 0 4px; }
details { margin-top: 10px; }
summary { cursor: pointer; font-weight: 600; font-size: 14px; color: var(--muted); }
/* Scrollbars always drawn, and a shadow at an edge with more columns beyond it: with overlay scrollbars a table
   cut at the section's edge read as cut off ("Celebrity CPE hig"), not as one to scroll sideways */
.table-wrap { display: inline-block; max-width: 100%%; max-height: 420px; overflow: auto;
              border: 1px solid #e5e7eb; border-radius: 6px; margin-top: 8px;
              background: linear-gradient(to right, #fff 30%%, rgba(255,255,255,0)) left / 40px 100%% no-repeat local,
                          linear-gradient(to left, #fff 30%%, rgba(255,255,255,0)) right / 40px 100%% no-repeat local,
                          linear-gradient(to right, rgba(0,0,0,.16), rgba(0,0,0,0)) left / 14px 100%% no-repeat scroll,
                          linear-gradient(to left, rgba(0,0,0,.16), rgba(0,0,0,0)) right / 14px 100%% no-repeat scroll;
            }
.table-wrap::-webkit-scrollbar { width: 10px; height: 10px; }
.table-wrap::-webkit-scrollbar-thumb { background: #b8bec7; border-radius: 5px; }
.table-wrap::-webkit-scrollbar-track { background: #f0f2f5; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px %(cell_pad)dpx; border-bottom: 1px solid #eef0f3; text-align: left; vertical-align: top; }
/* a web address breaks anywhere: whole, it held its column at its full length */
td { overflow-wrap: anywhere; }
th { position: sticky; top: 0; background: #f0f2f5; }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
.note { font-size: 12px; color: var(--muted); }
pre { background: #f5f7fa; padding: 12px; border-radius: 6px; overflow: auto; font-size: 12px; }
footer { text-align: center; font-size: 12px; color: var(--muted); padding: 0 0 30px; }
@media print {
  body { background: #fff; }
  section { box-shadow: none; break-inside: avoid-page; }
  .table-wrap { max-height: none; overflow: visible; }
}
"""


def text_column_widths(text: TableText) -> list[str]:
    """Each column's least width as CSS ("" for a number column: its cells never wrap): a text column's longest cell
    on one line up to TEXT_LINE_CHARS, a longer one wrapped to at most TEXT_LINES lines (up to TEXT_WIDEST_CHARS).
    Left to the browser, a wide table's text columns shrank to their longest word: "rate card × followers (no fee, no
    price)" took five lines a row."""
    widths = []
    for i, is_number in enumerate(text.numeric):
        longest = max((len(row[i]) for row in text.rows), default=0)
        wrapped = min(TEXT_WIDEST_CHARS, max(TEXT_LINE_CHARS, math.ceil(longest / TEXT_LINES)))
        chars = 0 if is_number else min(longest, wrapped)
        widths.append(f"calc({chars}ch + {2 * CELL_PAD_PX}px)" if chars else "")
    return widths


def _table_html(section: Section) -> str:
    preview, note = table_preview(section.table, HTML_TABLE_ROWS, HTML_TABLE_COLUMNS)
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    text = table_text(preview)
    return (f"<details open><summary>Data · {counted(len(section.table), 'row')}</summary>"
            f'<div class="table-wrap">{table_html(text, widths=text_column_widths(text))}</div>{note_html}</details>')


def _section_html(index: int, section: Section, mark: str = "") -> str:
    parts = [f'<section id="section-{index}">',
             f'<p class="eyebrow"><span>{escape(section.title)}</span>{mark_html(mark)}</p>',
             finding_html(section.finding, "<h2>{}</h2>")]
    if section.figure is not None:
        # drawn at its own height where it sets one, else at the default below
        figure = presentation_figure(section.figure, section.finding, section.figure.layout.height or 480)
        chart = pio.to_html(figure, full_html=False, include_plotlyjs=False, include_mathjax=False,
                            config=_PLOTLY_CONFIG, div_id=f"chart-{index}", default_width="100%",
                            default_height="480px")
        parts.append(f'<div class="chart">{chart}</div>')
    if source_line(section.source):
        parts.append(f'<p class="source">{linked_html(source_line(section.source))}</p>')
    parts.append(_table_html(section))
    if section.sql.strip():
        parts.append(f"<details><summary>SQL</summary><pre><code>{escape(section.sql)}</code></pre>"
                     "</details>")
    parts.append("</section>")
    return "\n".join(parts)


def to_html(sections: list[Section], title: str, subtitle: str = "", brand: Brand | None = None,
            mark: str = "") -> str:
    """The whole report as one offline HTML document: cover, contents, then each section with its
    finding as heading, interactive chart, source footnote, data table and SQL; `mark` (the sample data's) on the
    cover and every section."""
    brand = brand or Brand()
    css = _CSS % {"brand": brand.primary, "brand_ink": ink_on(brand.primary),
                  "accent": accent_on_white(brand.primary), "ink": INK, "muted": MUTED, "sample": SAMPLE_INK,
                  "cell_pad": CELL_PAD_PX}
    logo = ""
    if brand.logo:
        data = base64.b64encode(brand.logo).decode("ascii")
        logo = f'<img src="data:{logo_mime(brand.logo)};base64,{data}" alt="{escape(brand.name)} logo">'
    contents = "".join(f'<li><a href="#section-{i}">{escape(s.finding)}</a></li>'
                       for i, s in enumerate(sections, start=1))
    subtitle_html = f'<p class="subtitle">{escape(subtitle)}</p>' if subtitle else ""
    body = "\n".join(_section_html(i, s, mark) for i, s in enumerate(sections, start=1))
    made_from = ("the sample data bundled with Microlens, not a client's" if mark
                 else "the data uploaded for this report")
    generated = dt.date.today().isoformat()
    # (a NUL in a handle or caption, which html.escape keeps, is a parse error a reader shows as "�": dropped)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CONTENT_SECURITY_POLICY}">
<title>{escape(title)}</title>
<style>{css}</style>
<script>{get_plotlyjs()}</script>
</head>
<body>
<header class="cover">
<div class="brandline">{logo}<span>{escape(brand.name)}</span>{mark_html(mark)}</div>
<h1>{escape(title)}</h1>
{subtitle_html}
<p class="meta">Generated {generated} · {len(sections)} sections · works offline</p>
</header>
<nav><h2>Contents</h2><ol>{contents}</ol></nav>
<main>
{body}
</main>
<footer>Made with Microlens. Numbers are computed from {escape(made_from)}.</footer>
</body>
</html>
""".replace("\x00", "")
