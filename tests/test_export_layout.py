"""The deck's and the PDF's layout measured on real reports (the sample data and a TikTok crawl): headlines keep
their caveats and fit their box, every benchmark is named with its year under its chart, tables are as tall as their
text, and nothing on a PDF page prints over anything else. python-pptx cannot measure text, so slides are measured
with the deck's own Calibri width table, itself checked against Carlito (metric-compatible) where that is installed."""
from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from conftest import REALDATA
from microlens import ingest
from microlens import db as mdb
from microlens.context import Context
from microlens.export import Brand, chromium_path, figure_images, image_figure, to_pdf, to_pptx
from microlens.export_chromium import IMAGE_WIDTH
from microlens.export_image import TITLE_SIDE_PX, title_lines
from microlens.export_model import CONTINUED, source_line
from microlens.export_pdf import report_html
from microlens.export_pptx import INSET_X, INSET_Y, line_count, line_height, text_width, wrapped
from microlens.report import collect
from microlens.text import headline_parts, site_of, without_addresses

CARLITO = [Path("/usr/share/fonts/truetype/crosextra") / f"Carlito-{style}.ttf" for style in ("Regular", "Bold")]
TIKTOK = REALDATA / "tiktok_vn_posts_recrawled.csv"


@pytest.fixture(scope="module")
def tiktok_sections():
    database = mdb.new_database()
    ingest.ingest_path(database, TIKTOK, platform="tiktok")
    yield collect(Context(db=database))
    database.close()


@pytest.fixture(scope="module")
def sections(sample_db, tiktok_sections):
    return collect(Context(db=sample_db)) + tiktok_sections


@pytest.fixture(scope="module")
def slides(sections):
    """(section, slide) for every section, each drawn as a table slide: the headline, sources and notes are laid out
    as over a chart, and no browser is needed."""
    deck = Presentation(io.BytesIO(to_pptx([replace(s, figure=None) for s in sections], "Layout")))
    drawn, paired = list(deck.slides)[1:], []
    for section in sections:
        paired.append((section, drawn.pop(0)))
        # the rest of a table of every row, on slides headed "(continued)" (test_report checks them)
        while section.every_row and drawn and drawn[0].shapes.title.text.endswith(CONTINUED):
            drawn.pop(0)
    assert not drawn
    return paired


def needed_height(frame, width) -> int:
    """What a text box's paragraphs take at their runs' size and weight in `width` EMU, with its padding."""
    height = 2 * INSET_Y
    for paragraph in frame.paragraphs:
        if paragraph.runs:
            size, bold = paragraph.runs[0].font.size.pt, bool(paragraph.runs[0].font.bold)
        else:    # a blank line is as high as its end mark's size, PowerPoint's 18 pt unless set
            end = paragraph._p.find("{http://schemas.openxmlformats.org/drawingml/2006/main}endParaRPr")
            size, bold = int(end.get("sz", 1800)) / 100 if end is not None else 18, False
        height += line_count(paragraph.text, size, width - 2 * INSET_X, bold) * line_height(size)
    return height


def footnote_of(slide):
    return next(s for s in slide.shapes if s.has_text_frame and s.text_frame.text.startswith("Source"))


@pytest.mark.skipif(not all(p.exists() for p in CARLITO), reason="needs fonts-crosextra-carlito")
def test_the_width_table_measures_as_carlito_does():
    from PIL import ImageFont

    text = "The 15 cheapest micro-influencers cost $0.010–$0.012 per engagement (Markerly 2016: 93.3%) …"
    for path, bold in zip(CARLITO, (False, True)):
        font = ImageFont.truetype(str(path), 1000, layout_engine=ImageFont.Layout.BASIC)
        carlito = font.getlength(text) / 1000 * Pt(20)
        assert abs(text_width(text, 20, bold) - carlito) <= 0.01 * carlito


def test_a_word_wider_than_its_line_wraps_onto_lines_of_its_own():
    line = text_width("word word word", 12)
    assert line_count("word " * 3, 12, line) == 1 and line_count("word " * 4, 12, line) == 2
    assert line_count("w" * 40, 12, text_width("w" * 10, 12)) == 4
    assert line_count("a\nb", 12, line) == 2


def test_wrapped_lines_keep_every_word_in_order_and_fit_their_width():
    text = "Micro-influencers cost 14× less per engagement than the celebrity benchmark; " * 3
    width = text_width("Micro-influencers cost 14× less per", 20, bold=True)
    lines = wrapped(text, 20, width, bold=True)
    assert " ".join(lines).split() == text.split() and len(lines) > 3
    assert all(text_width(line, 20, bold=True) <= width for line in lines)


# The Cost vs celebrity finding on the TikTok crawl, as the marketer's PNG cut it at both edges
CRAWL_FINDING = ("The median micro-influencer costs $0.017 per like, 14× cheaper than the closest celebrity benchmark "
                 "($0.24 per like; all chosen: $0.24–$6.06); counting comments, shares and saves too: $0.015 per "
                 "engagement; every micro cost is a rate-card estimate; 476 of 545 micro-influencers left out as "
                 "viral (median ER of their costed posts over 100%)")
# The fonts Chromium may draw an image's title in (export_image.FONT_ALLOWANCE): Arial's metrics, and Debian's
# sans-serif, the widest
IMAGE_FONTS = [Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
               Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")]


def test_an_images_title_lines_fit_the_image_in_the_fonts_that_draw_it():
    from PIL import ImageFont

    if not IMAGE_FONTS[0].exists():      # (DejaVu comes with Chromium; Liberation, Arial's metrics, may not)
        pytest.skip("needs Liberation Sans (apt-get install fonts-liberation)")
    fonts = [path for path in IMAGE_FONTS if path.exists()]
    answer, qualified = title_lines(CRAWL_FINDING, IMAGE_WIDTH)
    assert len(answer) > 1 and qualified                     # one line of 300 characters ran off both edges
    assert " ".join(answer + qualified).split()[:12] == CRAWL_FINDING.split()[:12]
    for path in fonts:
        font = ImageFont.truetype(str(path), 19)              # the title's type, bold
        assert max(font.getlength(line) for line in answer) <= IMAGE_WIDTH - 2 * TITLE_SIDE_PX, path.name


def _title_text(svg: bytes) -> str:
    """The text of a plotly SVG's title, its lines joined by spaces."""
    root = ET.fromstring(svg)
    title = next(g for g in root.iter("{http://www.w3.org/2000/svg}g") if "g-gtitle" in (g.get("class") or ""))
    return " ".join(" ".join(title.itertext()).split())


@pytest.mark.skipif(chromium_path() is None, reason="needs Chromium")
def test_every_chart_as_an_image_shows_its_whole_finding_inside_the_image(sections):
    from PIL import Image

    charts = [s for s in sections if s.figure is not None]
    titled = [image_figure(s.figure, s.finding) for s in charts]
    svgs, pngs = figure_images(titled, "svg"), figure_images(titled, "png")
    for section, svg, png in zip(charts, svgs, pngs):
        # every word of the finding, in order (a subtitle the finding does not give may follow)
        assert _title_text(svg).startswith(" ".join(" ".join(headline_parts(section.finding)).split())), section.key
        image = Image.open(io.BytesIO(png)).convert("L")
        width, height = image.size
        edges = [image.getpixel((x, y)) for x in (0, 1, width - 2, width - 1) for y in range(height)]
        assert min(edges) > 240, f"{section.key}: ink at the image's edge (a title running off it)"


def test_every_headline_fits_its_box(slides):
    # sample: headlines with a caveat needed ~1.13 in of their 1.05 in box and ran onto the chart
    for section, slide in slides:
        title = slide.shapes.title
        assert needed_height(title.text_frame, title.width) <= title.height, section.key


def test_every_headline_keeps_its_first_caveat_on_the_slide(slides):
    # TikTok: the caveats under three headlines (226-311 characters) reached only the speaker notes
    for section, slide in slides:
        title = slide.shapes.title
        qualified = headline_parts(section.finding)[1]
        if qualified:
            first_caveat = re.split(r"; |\. ", qualified)[0]
            assert title.text_frame.paragraphs[1].text.startswith(first_caveat), section.key


def test_every_benchmark_under_a_chart_is_named_with_its_year_on_the_slide(slides):
    # a footnote cut at 200 characters showed one of three celebrity sources, or none of them; what is cut goes to
    # the notes, after a whole word (sources joined by " | " were cut inside a word)
    checked = 0
    for section, slide in slides:
        source = source_line(section.source)
        if not source:
            continue
        footnote = footnote_of(slide)
        shown = footnote.text_frame.text
        cited = (re.findall(r"(\S+) \((\d{4}|n\.d\.)\)", without_addresses(source))
                 + [(name, f"{year} data") for name, year in re.findall(r"(\S+), (\d{4}) data;", source)])
        for name, year in cited:
            assert f"{name} ({year}" in shown, (section.key, name, year)
        checked += len(cited)
        if " …" in shown:
            last_word = re.findall(r"[\w$%+×–-]+", shown.split(" …")[-2])[-1]
            assert re.search(rf"(?<![\w$]){re.escape(last_word)}(?!\w)", source), (section.key, last_word)
            assert source in slide.notes_slide.notes_text_frame.text
        assert needed_height(footnote.text_frame, footnote.width) <= footnote.height, section.key
        assert footnote.top + footnote.height <= Inches(7.5)
    assert checked >= 20


def test_table_columns_are_as_wide_as_their_text_and_rows_as_tall(slides):
    # equal columns (1.52 in) wrapped "Median engagement rate" in a row sized for one line, and a table grew onto
    # the note under it
    for section, slide in slides:
        shape = next((s for s in slide.shapes if s.has_table), None)
        if shape is None:
            continue
        table = shape.table
        widths = [column.width for column in table.columns]
        assert abs(sum(widths) - shape.width) <= Emu(len(widths)), section.key
        for row in table.rows:
            needed = max(needed_height(cell.text_frame, width) for cell, width in zip(row.cells, widths))
            assert needed <= row.height, (section.key, [c.text for c in row.cells])
        note = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.startswith("Showing the first")]
        bottom = shape.top + sum(row.height for row in table.rows)
        assert all(bottom <= n.top for n in note), section.key
    widths = [[c.width for c in s.table.columns] for _, slide in slides for s in slide.shapes if s.has_table]
    assert any(len(set(w)) > 1 for w in widths)


def test_pdf_sources_name_sites_not_addresses(sections):
    # fourteen full addresses took 40% of the sensitivity page and squeezed its chart
    page = report_html(sections, "Report", "", Brand(), [None] * len(sections))
    sources = re.findall(r'<p class="source">(.*?)</p>', page)
    assert sources and not any("https://" in s for s in sources)
    sensitivity = next(s for s in sources if "HypeAuditor (2018)" in s)
    assert "hypeauditor.com" in sensitivity and "marketingdive.com" in sensitivity


def test_pdf_table_addresses_are_links_named_by_their_site(sections):
    # the benchmarks page cut each source link at the cell's length ('https://www.marketingdive.com/news/brand-…')
    page = report_html(sections, "Report", "", Brand(), [None] * len(sections))
    cells = re.findall(r"<td>(.*?)</td>", page)
    links = re.findall(r'<a href="(https?://[^"]+)">([^<]+)</a>', " ".join(cells))
    assert links and all(site == site_of(url) and "…" not in url for url, site in links)
    assert not any(c.startswith("http") for c in cells)


def _words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)]
            for page in out.split("<page ")[1:]]


def _overlapping(words) -> list[tuple[str, str]]:
    hits = []
    for i, (x0, y0, x1, y1, word) in enumerate(words):
        for a0, b0, a1, b1, other in words[i + 1:]:
            across, down = min(x1, a1) - max(x0, a0), min(y1, b1) - max(y0, b0)
            if across > 1 and down > 0.5 * min(y1 - y0, b1 - b0):
                hits.append((word, other))
    return hits


@pytest.mark.skipif(chromium_path() is None or not shutil.which("pdftotext"), reason="needs Chromium and poppler")
def test_no_pdf_page_prints_text_over_text(tiktok_sections, tmp_path):
    # the shortlist's note "Showing the first 8 of 11 columns…" printed over the first line of its sources
    pdf = tmp_path / "tiktok.pdf"
    pdf.write_bytes(to_pdf(tiktok_sections, "TikTok crawl"))
    for number, words in enumerate(_words(pdf), start=1):
        assert not _overlapping(words), (number, _overlapping(words)[:3])



def test_a_chart_whose_title_wraps_grows_by_its_lines_and_keeps_its_plot():
    import plotly.graph_objects as go

    from microlens import theme

    # a five-line finding over the Cost vs celebrity chart (560 px) took its room from the plot, left ~150 px tall
    finding = ("At the rate card's prices (none listed or paid), "
               "the median micro-influencer costs $0.017 per "
               "like, 14× cheaper than the closest celebrity benchmark; counting comments, shares and saves too: "
               "$0.015 per engagement; every micro cost is a rate-card estimate from followers")
    short = theme.apply(go.Figure(layout=dict(title="Micro is cheaper", height=560)))
    long = theme.apply(go.Figure(layout=dict(title=finding, height=560)))
    assert long.layout.title.text.count("<br>") >= 2
    assert long.layout.height - long.layout.margin.t == short.layout.height - (short.layout.margin.t or 90)
    assert theme.apply(go.Figure(layout=dict(title=finding))).layout.height is None      # a flexible one stays so


def test_a_pdf_chart_is_drawn_at_the_height_its_page_leaves():
    # drawn at 540 px on a page whose three-line qualification and eight-line sources left ~340, the Planner's chart
    # was shrunk to fit, its labels in 7-pt type; now drawn at the room, they print at their size
    import pandas as pd
    import plotly.graph_objects as go

    from microlens.export import Section
    from microlens.export_pdf import CHART_HEIGHT_PX, LEAST_CHART_PX, chart_height_px
    figure = go.Figure(go.Bar(x=["a"], y=[1]))
    short = Section("s", "Short", "Micro is cheaper", figure, pd.DataFrame())
    assert chart_height_px(short) == CHART_HEIGHT_PX
    long_page = Section("p", "Planner", "Per like, micro is 2.2× cheaper: " + "what qualifies it, " * 20, figure,
                        pd.DataFrame(), source="Source: a benchmark, its year and its definition. " * 14)
    assert LEAST_CHART_PX <= chart_height_px(long_page) < CHART_HEIGHT_PX - 100
    endless = replace(long_page, source=long_page.source * 4)
    assert chart_height_px(endless) == LEAST_CHART_PX
