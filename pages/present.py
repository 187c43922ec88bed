"""Present & export: one chart per screen for the meeting, a shareable link, and every export format."""
from __future__ import annotations

import math
import os
from html import escape
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from microlens import export, report
from microlens.export_model import (SLIDE_ROWS, TableText, TableType, accent_on_white, fitting_rows,
                                    is_address_column, presentation_figure, shorten, slide_chart_floor, table_html,
                                    table_preview, table_text)
from microlens.filters import Filters
from microlens.roster import roster_stamp
from microlens.text import clipped, escape_markdown, file_stem, headline_parts, site_of, without_addresses
from pages import ui

ui.through_entry_script(__file__)

FORMATS = {"HTML report (interactive, works offline)": ("html", "text/html"),
           "PDF report": ("pdf", "application/pdf"),
           "PowerPoint deck": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
           "Excel workbook (the data of every chart)": ("xlsx",
                                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           "JSON (findings and numbers)": ("json", "application/json")}


SLIDE_COLUMNS = ui.PRESENT_COLUMNS
SLIDE_CELL_CHARS = 90           # about three lines of a wide column; longer text is cut with …
SLIDE_SOURCE_CHARS = 420        # about three lines of caption at 1920 px
SLIDE_SOURCE_LINE_CHARS = 200   # a line of caption across the slide, at 1280 or 1920 px
SMALL_SCREEN = "@media (max-height: 800px)"     # a 1280x720 projector, or a laptop
# A slide's table is text across the slide's width, its size following the screen's height and shrunk by a scale of
# its own on a small screen and on a large one: its rows as many as a 1280x720 projector holds, and on a taller screen
# as many as that one holds (the rows beyond the small screen's are hidden there). (A grid is sized in pixels by the
# server, which does not know the screen: its rows ran past the foot of a 720-px screen, and its columns were sized
# for bare numbers, cutting "$82,454".) Plain HTML, every cell escaped (export_model.table_html): st.table would read
# each cell as Markdown.
SLIDE_TABLE = (".slide-table table { border-collapse: collapse; width: 100%; "
               "font-size: calc(var(--scale, 1) * clamp(13px, 2vh, 24px)); "
               "font-variant-numeric: tabular-nums; line-height: 1.2; } "
               ".slide-table th { color: #4b5563; font-weight: 500; text-align: left; } "
               ".slide-table :is(th, td) { padding: 0.2em 0.9em 0.2em 0; border-bottom: 1px solid #e5e7eb; "
               "vertical-align: top; } "
               ".slide-table .num { text-align: right; } "
               ".slide-table p { font-size: 0.875rem; color: #6b7280; margin: 0.5rem 0 0; } "
               ".slide-table .small-screen { display: none; } "
               f"{SMALL_SCREEN} {{ .slide-table table {{ "
               "font-size: calc(var(--small-scale, 1) * clamp(13px, 2vh, 24px)); } "
               ".slide-table :is(tr.more, .large-screen) { display: none; } "
               ".slide-table p.small-screen { display: block; } }")
# What a 1280x720 slide leaves a table, in pixels: the screen less its padding, brand line, arrows, gaps and the
# table's note (SLIDE_TABLE_NOTE_PX, where it has one); then each line of headline, qualification and source (one
# there: SLIDE_SOURCE_LINES). The table's rows in 14.4-px type (2vh): a line and its padding and rule, in pixels;
# the slide's 1,210 px in characters of about 0.42 em, and a cell's padding (0.9 em). Measured in Chromium on the
# sample deck.
SLIDE_TABLE_ROOM_PX, SLIDE_TABLE_NOTE_PX = 430, 30
SLIDE_HEADLINE_LINE_PX, SLIDE_QUALIFY_LINE_PX, SLIDE_SOURCE_LINE_PX = 34, 26, 24
SLIDE_TABLE_TYPE = TableType(row_pad=6.8, line=17.3, width_chars=200, cell_pad_chars=2)
# On a 1920x1080 screen the table's type is 1.5 times as large (2vh) and the rest 20 / 16.8 px (SLIDE_SMALL_SCREEN)
LARGE_SCREEN_PX, TABLE_SCALE, TEXT_SCALE = 1080, 1080 / 720, 20 / 16.8
# The table's type, smaller before a row is left out, on each screen: a slide headed "The 15 cheapest" showed 11; and
# no smaller than 0.8 (11.5 px on a 720-px projector): at 0.7 it showed 11 of them in 10-px type that no one read.
# Larger where the rows leave room: the answer slide's five findings stood in 14-px type over an empty lower half.
SLIDE_TABLE_TYPE_SCALES = (1.3, 1.15, 1, 0.9, 0.8)


def slide_table_room(answer: str, qualified: str, source: str) -> tuple[float, float]:
    """The room a table has on a 1280x720 slide under its headline (`answer`, `qualified`) and above `source`,
    and on a 1920x1080 one, both in the 720-px screen's table pixels."""
    def lines(text: str, per_line: int) -> int:
        return math.ceil(len(text) / per_line)
    around = SLIDE_HEADLINE_LINE_PX * lines(answer, 100) + SLIDE_QUALIFY_LINE_PX * lines(qualified, 110)
    small = SLIDE_TABLE_ROOM_PX - around - SLIDE_SOURCE_LINE_PX * min(1, lines(source, 150))
    large = SLIDE_TABLE_ROOM_PX - around - SLIDE_SOURCE_LINE_PX * lines(source, 150)
    return small, (LARGE_SCREEN_PX - TEXT_SCALE * (720 - large)) / TABLE_SCALE


def slide_cell_chars(table) -> int:
    """SLIDE_CELL_CHARS, or three times as many in a table of two columns, whose second spans most of the slide: the
    answer slide's findings were cut before their numbers ("…2.2× cheaper than the closest celebrity…"), and then
    before their caveats."""
    return SLIDE_CELL_CHARS * (3 if len(table.columns) <= 2 else 1)


# (type scale, note, text) of a slide's table on one screen
SlideTableFit = tuple[float, str, TableText]


def fitted_slide_table(table, rooms: tuple[float, float]) -> tuple[int, SlideTableFit, SlideTableFit]:
    """The characters a cell keeps, and (type scale, note, text) of a section's table on the small screen and on the
    large one: the corner that fits (slide_table_room) once its text wraps, on each screen at the largest of
    SLIDE_TABLE_TYPE_SCALES that holds every row (up to SLIDE_ROWS), else at the smallest; addresses as their site.
    A two-column table keeps its cells whole where every row then fits a 720-px slide in type of scale 1 or more:
    cut at slide_cell_chars, the answer slide lost the warning that every micro cost was the rate card's guess
    ("…every micro…") over a third of the slide left empty."""
    table = table.assign(**{c: table[c].map(site_of, na_action="ignore") for c in table.columns
                            if is_address_column(c)})

    # a table that shows all of itself has no note under it, and its line is room for rows
    whole = not table_preview(table, SLIDE_ROWS, SLIDE_COLUMNS)[1]

    def fitted(room: float, cell_chars: int, scales=SLIDE_TABLE_TYPE_SCALES) -> tuple[SlideTableFit, bool]:
        for scale in scales:
            rows, note, text, _ = fitting_rows(table, SLIDE_ROWS, SLIDE_COLUMNS, room + whole * SLIDE_TABLE_NOTE_PX,
                                               SLIDE_TABLE_TYPE.scaled(scale), cell_chars)
            if len(rows) == min(len(table), SLIDE_ROWS):
                return (scale, note, text), True
        _, note, text, _ = fitting_rows(table, SLIDE_ROWS, SLIDE_COLUMNS, room, SLIDE_TABLE_TYPE.scaled(scale),
                                        cell_chars)
        return (scale, note, text), False

    cut = slide_cell_chars(table)
    longest = max((len(cell) for row in table_text(table).rows for cell in row), default=0)
    if len(table.columns) <= 2 and longest > cut:
        small, complete = fitted(rooms[0], longest, [s for s in SLIDE_TABLE_TYPE_SCALES if s >= 1])
        if complete:
            return longest, small, fitted(rooms[1], longest)[0]
    return cut, fitted(rooms[0], cut)[0], fitted(rooms[1], cut)[0]


def slide_table(table, rooms: tuple[float, float]) -> None:
    """A section's table on a slide (fitted_slide_table): its cells as the exports write them ($5,626, 5.5%,
    2.61×), numbers aligned right, the rows a taller screen holds beyond the small one's marked "more"."""
    cell_chars, (small_scale, small_note, small), (scale, note, text) = fitted_slide_table(table, rooms)
    text.rows = [[shorten(cell, cell_chars) for cell in row] for row in text.rows]
    notes = "".join(f'<p class="{screen}">{escape(n)}</p>'
                    for screen, n in (("small-screen", small_note), ("large-screen", note)) if n)
    ui.stylesheet(SLIDE_TABLE)
    st.html(f'<div class="slide-table" style="--scale: {scale}; --small-scale: {small_scale}">'
            f"{table_html(text, more_from=len(small.rows))}{notes}</div>")


def brand() -> export.Brand:
    """The client's brand: from the sidebar form of this page, else MICROLENS_BRAND / brand.toml, else ours."""
    if "brand" in st.session_state:
        return st.session_state["brand"]
    path = Path(os.environ.get("MICROLENS_BRAND", "brand.toml"))
    if path.is_file():
        try:
            return export.load_brand(path)
        except ValueError as exc:
            st.warning(f"The brand file {path} was not used: {exc}")
    return export.Brand()


def sample_mark() -> str:
    """What every export and slide says of the data when it is the bundled sample ("" for the user's own)."""
    return export.SAMPLE_MARK if ui.using_sample() else ""


@st.cache_data(scope="session", max_entries=8, show_spinner=False)
def build_file(report_key: tuple, fmt: str, title: str, the_brand: export.Brand, mark: str, _sections) -> bytes:
    """The same report (report_key: what its sections were built from), format, title, brand and mark give the
    same file."""
    data = report.write(_sections, fmt, title, report.subtitle(ui.context()), the_brand, mark)
    return data if isinstance(data, bytes) else data.encode("utf-8")


# The main column as tall as the screen (less its padding), so that a flexible chart can fill what is left.
SLIDE_COLUMN = ("[data-testid='stMainBlockContainer'] { padding-bottom: 1rem; } "
                "[data-testid='stMainBlockContainer'] > [data-testid='stVerticalBlock'] "
                "{ min-height: calc(100vh - 5.5rem); }")
# A 1280x720 projector: the headline a size smaller and the slide right under the 60-px header bar, so a chart
# slide nearly fits (they ran 100-200 px past the screen's foot)
SLIDE_SMALL_SCREEN = (f"{SMALL_SCREEN} {{ [data-testid='stMainBlockContainer'] {{ padding-top: 3.9rem !important; }} "
                      # presenter type a step smaller there: 16.8 px on 720 px is still a larger share of the
                      # screen than 20 px on 1080 px, and a table slide's source line and arrows then fit
                      "html, body, [data-testid='stMarkdownContainer'] p { font-size: 1.05rem !important; } "
                      "[data-testid='stMain'] h2 { font-size: 1.45rem !important; } "
                      "[data-testid='stMain'] h4 { font-size: 1.05rem !important; } }")
SMALL_SCREEN_CHART_PX = 340       # the least height of a slide's chart there
SMALL_SCREEN_BARS_PX = 400        # ...of a chart of many bars (slide_chart_floor over 600): in 340 px 17 bars read as lines
# ...less a line of the qualification past its second (~125 characters a line at 1280 px): the Planner's on a crawl
# (near-viral accounts, one post each, per like) took three and ran its arrows 22 px off a 720-px screen
SMALL_SCREEN_QUALIFY_CHARS = 125
SMALL_SCREEN_QUALIFY_LINE_PX = 22
# ...and two lines of a slide's source there (fourteen sensitivity sources took four and pushed the arrows off), one
# under a table, whose rows need the room more (a second line cost "The 15 cheapest" two of its rows)
SLIDE_SOURCE_LINES = (f"{SMALL_SCREEN} {{ .st-key-slide_source p {{ display: -webkit-box; -webkit-line-clamp: 2; "
                      "-webkit-box-orient: vertical; overflow: hidden; } "
                      "[data-testid='stMain']:has(.slide-table) .st-key-slide_source p { -webkit-line-clamp: 1; } }")


# Presentation clickers send PageDown / PageUp (some the arrow keys): they move the slides as the buttons do. And each
# slide opens at its top: on a screen shorter than the slide, Next (at its foot) left the next one scrolled down,
# its headline out of sight. The slide number in the text makes Streamlit run the script again on every slide.
# No user text goes into it.
SLIDE_SCRIPT = """<script>/* slide {number} */ (() => {{
  document.querySelector("[data-testid='stMain']")?.scrollTo(0, 0);
  if (window.microlensSlideKeys) return;
  window.microlensSlideKeys = true;
  document.addEventListener("keydown", (event) => {{
    if (event.target instanceof Element && event.target.closest("input, textarea, [contenteditable='true']")) return;
    const key = {{PageDown: "next_slide", ArrowRight: "next_slide", PageUp: "prev_slide", ArrowLeft: "prev_slide"}};
    const button = key[event.key] && document.querySelector(`.st-key-${{key[event.key]}} button`);
    if (button) {{ event.preventDefault(); button.click(); }}
  }});
}})();</script>"""


def slide_source(sec: export.Section) -> str:
    """The source line under a slide: three lines at most (fourteen sensitivity sources and the like-for-like
    sentence pushed the slide's arrows off a 1920×1080 screen), saying first where the rest is (a small screen shows
    two lines of it, SLIDE_SOURCE_LINES, and a pointer at the end was what it cut)."""
    if not sec.source:
        return ""
    short, cut = clipped(without_addresses(sec.source), SLIDE_SOURCE_CHARS)
    return ("Sources (full list with addresses: Benchmarks page, exports): " + short + "…" if cut else
            "Source (addresses: Benchmarks page, exports): " + short if short != sec.source else
            "Source: " + short)


def with_rows_a_slide_holds(sec: export.Section) -> export.Section:
    """A table section whose headline counts its rows ("The 15 cheapest …"), made again with the rows a 1280x720
    slide holds under that headline, so that it counts what the slide shows (a long headline left room for 10 of
    "the 15 cheapest"). Twice at most: the new headline may take a line more or less."""
    for _ in range(2):
        if sec.figure is not None or sec.refit is None:
            return sec
        answer, qualified = headline_parts(sec.finding)
        _, (_, _, small), _ = fitted_slide_table(sec.table, slide_table_room(answer, qualified, slide_source(sec)))
        if not 0 < len(small.rows) < len(sec.table):
            return sec
        sec = sec.refit(len(small.rows))
    return sec


def slideshow(sections, brand: export.Brand, filtered: str) -> None:
    """Presenter mode: one section per screen, the finding as the headline in the client's colour, their logo
    and name above it, big type, arrows to move. `filtered`: the filters the figures rest on, '' for the defaults."""
    n = len(sections)
    # the deck stops at its ends: a clicker's Next on the last slide went back to the first in front of the client
    i = min(max(st.session_state.get("slide", 0), 0), n - 1)
    sec = sections[i]
    # Brand.primary is validated as #RRGGBB by export.Brand, so it is safe inside this style rule.
    ui.stylesheet(f"[data-testid='stMain'] h2 {{ color: {accent_on_white(brand.primary)}; padding-top: 0.25rem; }} "
                  "[data-testid='stMain'] h4 { color: #374151; font-weight: 500; padding-top: 0; } "
                  f"{SLIDE_COLUMN} {SLIDE_SMALL_SCREEN} {SLIDE_SOURCE_LINES}")
    head = st.columns([1, 8]) if brand.logo else [st.container()]
    if brand.logo:
        head[0].image(brand.logo, width=96)
    # the sample's mark beside the brand on every slide: a meeting must not take invented numbers for the client's
    mark = sample_mark()
    # and the filters, where they narrow the data: under a $300 price limit "95% under $250" and a campaign's
    # "$2.26 per $1" (0.74 unfiltered) read as the client's whole story
    head[-1].caption(escape_markdown(brand.name) + (f" · :red-badge[{mark}]" if mark else "")
                     + (f" · {escape_markdown(filtered)}" if filtered else ""))
    sec = with_rows_a_slide_holds(sec)
    if sec.key == "answer":
        # quoting the findings as their slides say them: the shortlist's slide counts the rows it holds ("The 10
        # cheapest …") where the deck's says 15
        sec = report.answer_section([with_rows_a_slide_holds(s) for s in sections if s.key != "answer"]) or sec
    answer, qualified = headline_parts(sec.finding)
    st.markdown(f"## {escape_markdown(answer)}")
    if qualified:
        st.markdown(f"#### {escape_markdown(qualified)}")
    short = slide_source(sec)
    if sec.figure is not None:
        fig = presentation_figure(sec.figure, sec.finding, present=True)    # the finding above is its title
        # the line under a split headline takes ~56 px and its gap, and each line of sources past the first ~29 px on a
        # 1920x1080 screen: a chart of many bars gives them up (the sensitivity slide's three ran 30 px off the screen)
        source_lines = math.ceil(len(short) / SLIDE_SOURCE_LINE_CHARS)
        least = max(320, slide_chart_floor(fig) - (72 if qualified else 0)
                    - round(TEXT_SCALE * SLIDE_SOURCE_LINE_PX * max(0, source_lines - 1)))
        small = ((SMALL_SCREEN_BARS_PX if least > 600 else SMALL_SCREEN_CHART_PX)
                 - SMALL_SCREEN_QUALIFY_LINE_PX * max(0, math.ceil(len(qualified) / SMALL_SCREEN_QUALIFY_CHARS) - 2))
        fig.update_layout(height=None, autosize=True)
        ui.stylesheet(f"[data-testid='stLayoutWrapper']:has(> .st-key-slide_chart) {{ flex: 1 1 auto; }} "
                      f".st-key-slide_chart {{ flex: 1 1 auto; height: auto !important; min-height: {least}px; "
                      "overflow: visible !important; } "
                      # there the chart takes only what the screen has left (its own height as built is no floor)
                      f"{SMALL_SCREEN} {{ [data-testid='stLayoutWrapper']:has(> .st-key-slide_chart), "
                      f".st-key-slide_chart {{ flex: 1 1 0; min-height: {min(least, small)}px; }} }}")
        with st.container(key="slide_chart", height=least, border=False):
            ui.chart(fig, f"slide_{sec.key}", height="stretch")
    if sec.figure is None:
        slide_table(sec.table, slide_table_room(answer, qualified, short))
    if short:
        with st.container(key="slide_source", border=False):
            st.caption(escape_markdown(short))
    if sec.figure is None:
        # the room a table leaves, above the arrows: they stay at the foot of the screen, where the chart slides
        # have them (under a short table they floated mid-screen)
        ui.stylesheet("[data-testid='stLayoutWrapper']:has(> .st-key-slide_fill), .st-key-slide_fill "
                      "{ flex: 1 1 auto; }")
        st.container(key="slide_fill", border=False).empty()
    left, mid, right = st.columns([1, 2, 1])
    left.button("Previous", icon=":material/arrow_back:", key="prev_slide", width="stretch", disabled=i == 0,
                on_click=lambda: st.session_state.update(slide=i - 1))
    mid.caption(f"{i + 1} / {n} · {escape_markdown(sec.title)}")
    right.button("Next", icon=":material/arrow_forward:", key="next_slide", width="stretch", disabled=i == n - 1,
                 on_click=lambda: st.session_state.update(slide=i + 1))
    st.html(SLIDE_SCRIPT.format(number=i + 1), unsafe_allow_javascript=True)


def brand_form(current: export.Brand) -> None:
    with st.expander("Client brand (name, colour, logo)"):
        name = st.text_input("Name shown on the report", value=current.name, key="brand_name")
        colour = st.color_picker("Brand colour", value=current.primary, key="brand_colour")
        logo = st.file_uploader("Logo (PNG or JPEG)", type=["png", "jpg", "jpeg"], key="brand_logo")
        if st.button("Use this brand", key="brand_apply"):
            try:
                st.session_state["brand"] = export.Brand(name=name.strip() or "Microlens", primary=colour,
                                                         logo=logo.getvalue() if logo else current.logo)
                st.success("Brand applied to presenter mode and every export.")
            except ValueError as exc:
                st.error(str(exc))
        st.caption("Or put a brand.toml beside dashboard.py (name, primary, logo) or point MICROLENS_BRAND to one.")


ctx = ui.context()
# the report has a roster section: a roster change must show, though nothing in the context changed
report_key = ("report", ctx.key(), roster_stamp())
sections = ui.kept(report_key, lambda: report.collect(ctx), "Collecting every page's charts…")
the_brand = brand()
if ui.present_mode():
    if sections:
        slideshow(sections, the_brand, "" if ctx.filters == Filters() else f"Filters: {ctx.filters.describe()}")
    else:
        ui.empty_state("charts")
    st.stop()

st.title("Present & export")
ui.data_banner()
st.markdown("**Presenter mode** hides uploads and controls, enlarges type and shows one chart per screen with "
            "its finding as the headline. Turn it on with the sidebar toggle (or add `?present=1` to the link); a "
            "presentation clicker (PageDown / PageUp) or the arrow keys move between slides.")
st.button("Start presenting", key="start_present", type="primary",
          on_click=lambda: st.session_state.update(present=True, slide=0))
brand_form(the_brand)

st.subheader("Share this view")
query = urlencode(st.query_params.to_dict())      # "Spring & Summer #1" stays one value, not a cut-off link
st.caption("The filters are part of the page address. Copy the address from your browser (or the line below after "
           "this server's address). Uploaded files stay in your browser session and do not travel with the link: "
           "whoever opens it on this server sees these filters on the sample data until they load the same files.")
st.code("?" + query if query else "(default filters: the address needs no parameters)", language=None)

st.subheader("Export")
if not sections:
    ui.empty_state("charts")
    st.stop()
# the count every export repeats (PDF and HTML covers, the deck's title slide) and presenter mode's "3 / 18": one
# section is one page or slide after the cover, whatever the format, but for a PDF table too long for its page and
# the deck's benchmarks appendix
st.caption(f"{len(sections)} sections (one page or slide each after the cover; a long table goes on over the PDF's "
           f"next pages, the benchmarks appendix over the next slides) from "
           f"{'the sample data' if ui.using_sample() else 'your data'}, with the current filters: "
           f"{escape_markdown(ctx.filters.describe())}.")
title = st.text_input("Report title", value="Micro-influencers vs celebrity", key="report_title")
choice = st.selectbox("Format", list(FORMATS), key="export_format")
fmt, mime = FORMATS[choice]
if st.button("Build export", key="build_export"):
    with st.spinner("Building… PDF and PowerPoint draw every chart in Chromium and take a few seconds."):
        try:
            data = build_file(report_key, fmt, title, the_brand, sample_mark(), sections)
            st.session_state["export_ready"] = (fmt, mime, data)
        except report.ReportError as exc:
            st.error(str(exc))
ready = st.session_state.get("export_ready")
if ready and ready[0] == fmt:
    ui.download_button(f"Download {fmt.upper()}", ready[2], file_name=f"{file_stem(title)}.{fmt}", mime=ready[1],
                       key="download_export", type="primary")

st.subheader("One chart as an image")
keys = {f"{s.title}: {s.finding[:80]}": s for s in sections if s.figure is not None}
picked = st.selectbox("Chart", list(keys), key="image_chart")
img_fmt = st.radio("Image format", ["png", "svg"], horizontal=True, key="image_format")
if st.button("Build image", key="build_image"):
    try:
        # the finding as the title, in lines that fit the image: the image travels without the page
        image = export.figure_image(export.image_figure(keys[picked].figure, keys[picked].finding,
                                                        mark=sample_mark(), source=keys[picked].source), img_fmt)
        ui.download_button(f"Download {img_fmt.upper()}", image, file_name=f"{file_stem(keys[picked].key)}.{img_fmt}",
                           mime="image/png" if img_fmt == "png" else "image/svg+xml", key="download_image")
    except export.ExportUnavailable as exc:
        st.error(str(exc))
st.caption("Every chart's camera icon also saves a PNG straight from your browser. Each chart's data is a CSV "
           "download under it. A text cell that a spreadsheet would run as a formula (one starting with =, +, - "
           "or @, such as a comment) is written with an apostrophe before it, so opening the file runs nothing.")
