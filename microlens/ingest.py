"""Files in, canonical tables out: read natively with DuckDB, map headers, parse values, reject with reasons.

Invariant: for every file, rows_loaded + rows_rejected == rows_read. A file that cannot be read at all
raises IngestError with one plain sentence saying what is wrong and what to do. Reading a file as text (its
encoding, delimiter, header and number style; a workbook's or Parquet file's cells) is microlens.ingest_read's.
"""
from __future__ import annotations

import csv
import filecmp
import itertools
import json
import math
import re
import statistics
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

import duckdb
import pandas as pd

from . import kinds, schema, views
from .db import ROOT, Database, run
from .ingest_read import (
    CURRENCY_MARK,
    EXTRA_CELLS,
    IngestError,
    Source,
    STYLE_SAMPLE_ROWS,
    SUFFIXED_NUMBER,
    WINDOWS_TEXT,
    cell_column,
    csv_scan,
    currencies_in,
    file_head,
    has_data_after_header,
    number_in,
    open_source,
    plain_csv_error,
    sample_currencies,
    sql_literal,
    table_numbers,
    to_utf8,
    unique_headers,
)
from .text import counted, in_words

_PARSER = {schema.COUNT: "ml_count_common", schema.INT: "ml_deliverables", schema.MONEY: "ml_money",
           schema.RATIO: "ml_ratio", schema.DATE: "ml_date", schema.TIMESTAMP: "ml_timestamp",
           schema.BOOL: "ml_bool"}
_TEXT_PARSER = {"influencer": "ml_handle", "coupon_code": "ml_code", "platform": "ml_platform"}
# Separators in a rejected row's one text (_parse_sql): the unit separator between its reasons (in no reason: a header
# quoted in one has its whitespace, these included, made spaces), the record separator before its cells as JSON
# (which escapes it)
_REASON_SEP = "chr(31)"
_CELLS_SEP = "chr(30)"
_NOT_A = {schema.COUNT: "a number", schema.INT: "a whole number", schema.MONEY: "an amount",
          schema.RATIO: "a rate or percentage", schema.DATE: "a date", schema.TIMESTAMP: "a date",
          schema.BOOL: "yes/no"}


@dataclass
class LoadReport:
    file: str
    kind: str | None = None
    platform: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    account: str | None = None        # the handle typed for a file of one account's posts
    usd_rate: float | None = None     # US dollars per unit of the file's amounts, as given for it (None: dollars)
    currencies: list[str] = field(default_factory=list)   # other currencies its money columns name ('€')
    copy_of: str | None = None        # the loaded file with the same bytes, for which it was not loaded

    @property
    def amounts_as_dollars(self) -> bool:
        """Whether amounts written in another currency count as dollars: no rate given, or one rate for two
        currencies, which converts one of them wrong."""
        return bool(self.currencies) and (not self.usd_rate or len(self.currencies) > 1)

    def as_json(self) -> dict:
        keys = ("file", "kind", "rows_read", "rows_loaded", "rows_rejected", "reject_reasons", "mapping", "error")
        return {k: asdict(self)[k] for k in keys}

    def summary(self) -> str:
        if self.error:
            return self.error
        return f"{self.rows_loaded:,} loaded, {self.rows_rejected:,} rejected of {self.rows_read:,} rows read"


class BrokenLine(NamedTuple):
    """A line DuckDB's reader could not split into the header's cells: its line number in the file (header and title
    lines included), the reader's error type and the line's text."""
    line: int
    error_type: str
    text: str


@dataclass(frozen=True)
class FileChoices:
    """What the user says of a whole file, for the columns it does not have: its platform, and the account whose
    posts it holds (a creator's own YouTube Studio or TikTok Studio export names no account on its rows)."""
    platform: str | None = None
    account: str | None = None
    usd_rate: float | None = None     # US dollars per unit of its amounts: every amount is converted at it


# ---------------------------------------------------------------- mapping, parsing, rejecting

# What a count column's parser returns for an amount of money ('$1,234.50' under 'Orders'), in place of NULL: no
# count is this low (a cell that says so is as unusable), and the row is rejected, so the value is never stored.
AMOUNT_IN_COUNT = "(-9223372036854775807)::BIGINT"
# What ml_count_common returns for a cell with a digit in a rare form, which _with_rare_counts then reads.
RARE_COUNT = "ml_rare_count()"
# What a cell that holds something, but no value of its column's type ('lots' under Likes, 'last tuesday' under a
# date), is parsed as, in place of NULL, which is then an empty cell or a missing marker ('N/A') alone: its reason
# ("is not a number") is a plain test of the parsed value, and the test every row takes is one comparison, not the
# cell's text tested beside its parse (a million posts with an 'N/A' in every fortieth row sent those rows to the
# exact reasons). No parse returns these for a value: the counts' and amounts' sit below every value they hold
# (so a column's "< 0" holds them), the dates' is no date. A yes/no column has no such value and keeps the old test.
NOT_PARSED = {schema.COUNT: "(-9223372036854775806)::BIGINT", schema.INT: "(-9223372036854775806)::BIGINT",
              schema.MONEY: "'-inf'::DOUBLE", schema.RATIO: "'-inf'::DOUBLE", schema.DATE: "'-infinity'::DATE",
              schema.TIMESTAMP: "'-infinity'::TIMESTAMP"}


def _parse_expr(col: schema.Column, ref: str, eu: bool = False, day_first: bool = False, percent: bool = False
                ) -> str:
    """The parse of the cells in column `ref` (cell_column). `percent`: a rate column whose every value is a
    percentage (see _in_percent)."""
    if col.tidy_on_read:
        return ref
    if col.type == schema.TEXT:
        return f"{_TEXT_PARSER.get(col.name, 'ml_text')}({ref})"
    parser = _PARSER[col.type]
    if percent:
        parser = "ml_ratio_percent"
    if day_first and col.type in (schema.DATE, schema.TIMESTAMP):
        parser += "_dmy"
    options = [", eu := true"] if eu and col.type in (schema.COUNT, schema.INT, schema.MONEY, schema.RATIO) else []
    if col.type in (schema.COUNT, schema.INT):
        options.append(f", amount := {AMOUNT_IN_COUNT}")
    if col.type in NOT_PARSED:
        options.append(f", fail := {NOT_PARSED[col.type]}")
    return f"{parser}({ref}{''.join(options)})"


# The middle engagement rate of a column above which it is written in percent: as a fraction, 0.2 is a rate of
# 20%, which only a crawl of viral posts has for its middle account; as a percentage, a celebrity's 0.2-0.9%.
# An audience share runs to 1 as a fraction (0.82 female), so only a middle above 1 says percent.
PERCENT_MEDIAN = {"engagement_rate": 0.2}


def _in_percent(source: Source, header: str, column: str) -> bool:
    """A rate column is read in percent as a whole, not cell by cell (where 0.85 beside 3.1 was 85%, and an account
    of 1.2M followers with it 'viral'), when its middle number is above its PERCENT_MEDIAN or, for an engagement
    rate written as text, when its header says percent. Numbers typed as numbers go by their middle whatever the
    header: Excel's 2.34% is the number 0.0234 under 'ER %', where a General cell under 'ER (%)' holds 0.42 for
    0.42%. Else each cell decides (ml_ratio: above 1 is a percentage; one viral 1.35 beside 0.045 does not make the
    column one). A share under 'Female %' holding 0.82 is 82%, as it always was a fraction there."""
    limit = PERCENT_MEDIAN.get(column, 1.0)
    if header in source.typed_medians:
        return source.typed_medians[header] > limit
    if limit < 1 and _says_percent(header):
        return True
    i = source.headers.index(header)
    numbers = [n for r in source.sample if i < len(r) and r[i] and (n := number_in(r[i])) is not None]
    return bool(numbers) and statistics.median(numbers) > limit


# A whole number written with dots, or commas, between thousands ('12.500', '1,250,000'); a number with a suffix
# ('1.2K') reads alike in both styles and is no evidence
_GROUPED_THOUSANDS = {sep: re.compile(rf"[+-]?[1-9]\d{{0,2}}(\{sep}\d{{3}})+") for sep in ".,"}
_AMOUNT_MARKS = re.compile(r"^[^\d+-]+|(?<=\d)[^\d]+$")   # '$1,200', '1.500 €': the number within


def regrouped_columns(kind: str, mapping: dict[str, str], source: Source) -> list[str]:
    """The headers of the number columns read the other way from the file as a whole, because every sampled number
    in them with a dot or a comma is a whole number with groups of three digits after that mark and the other mark
    nowhere: a German or Italian sheet's '12.500' followers beside '1.020' comments in a comma file that says nothing
    else of how it writes numbers (no '1.200,50'), loaded as 13 and 1; a ';' file's US '12,000' followers, read the
    European way (as a ';' file is unless a number says otherwise), loaded as 12 and '45,500' as 46. An average
    ('611.714' likes, a tool's three decimals) or an amount ('1.500' cost: $1.50 beside 12,500 followers) is read so
    only beside a whole count read so, or where one of its cells has two groups ('1.250.000')."""
    if source.us_numbers:
        return []
    mark = "," if source.decimal_comma else "."
    grouped = {}
    for col in schema.columns(kind):
        header = mapping.get(col.name)
        if header is None or col.type not in (schema.COUNT, schema.INT, schema.MONEY):
            continue
        i = source.headers.index(header)
        cells = [c.strip() for r in source.sample
                 if i < len(r) and isinstance(c := r[i], str) and ("." in c or "," in c)]
        cells = [_AMOUNT_MARKS.sub("", c) if col.type == schema.MONEY else c
                 for c in cells if not SUFFIXED_NUMBER.fullmatch(c)]
        if cells and all(_GROUPED_THOUSANDS[mark].fullmatch(c) for c in cells):
            grouped[header] = ((col.type == schema.MONEY or col.name.startswith("avg_"))
                               and not any(c.count(mark) > 1 for c in cells))
    whole = any(not alike_only for alike_only in grouped.values())
    return [header for header, alike_only in grouped.items() if whole or not alike_only]


def _same_value(a: str, b: str) -> bool:
    """Two cells that say the same: equal text, or the same number written two ways ('224.4M' and '224400000', as a
    YouTube list repeats its 'Subscribers' column), within rounding."""
    a, b = a.strip().lower(), b.strip().lower()
    if a == b:
        return True
    x, y = (_suffixed_number(v) for v in (a, b))
    return x is not None and y is not None and abs(x - y) <= 0.01 * max(abs(x), abs(y))


def _suffixed_number(text: str) -> float | None:
    factor = {"k": 1e3, "m": 1e6, "b": 1e9}.get(text[-1:], 1)
    number = number_in(text.rstrip("kmb").replace(",", "")) if text else None
    return None if number is None else number * factor


def repeated_header_notes(mapping: dict[str, str], source: Source) -> list[str]:
    """A sentence for the columns whose header repeats with other values under it: only the first of each is read
    (a sheet with a block of columns per platform, Instagram's handle and followers then TikTok's, loaded its
    Instagram accounts alone and said nothing of the TikTok ones). Repeats that say the same are left unsaid."""
    differing = []
    for header in dict.fromkeys(mapping.values()):
        i = source.headers.index(header)
        repeats = [j for j, h in enumerate(source.headers) if kinds.duplicate_of(h, source.headers) == header]
        if any(not _same_value(str(r[i]), str(r[j])) for j in repeats for r in source.sample
               if max(i, j) < len(r) and r[i] not in (None, "") and r[j] not in (None, "")):
            differing.append(header)
    if not differing:
        return []
    named = " and ".join(f"'{h}'" for h in differing)
    return [f"{named} {'appears' if len(differing) == 1 else 'appear'} more than once in the header with other "
            f"values under {'it' if len(differing) == 1 else 'them'}: only the first column of each name was read. A "
            "sheet with a block of columns per platform loads the first block alone: save each block as a file of its "
            "own (with its platform) and upload them all."]


_GUARDED = re.compile(r'="[^"]*"')


def _excel_guarded(source: Source, header: str) -> bool:
    """A column whose sampled cells are written as Excel formulas of text ('="17912345678901234"'): tools write ids
    so, that Excel may not round them to '1.79123E+16'; stored so, the posts matched no other file's ids."""
    i = source.headers.index(header)
    cells = [r[i] for r in source.sample if i < len(r) and isinstance(r[i], str)]
    # (the regex only where some cell holds '="': a load tested 30,000 cells one by one, 7 ms)
    return '="' in "".join(cells) and any(_GUARDED.fullmatch(c.strip()) for c in cells)


def regrouped_notes(kind: str, mapping: dict[str, str], source: Source) -> list[str]:
    """One sentence naming the columns regrouped_columns reads with a mark between thousands."""
    headers = regrouped_columns(kind, mapping, source)
    if not headers:
        return []
    named = ", ".join(f"'{h}'" for h in headers)
    mark, example, other = (("comma", "12,500", "12.5") if source.decimal_comma else ("dot", "12.500", "12.5"))
    return [f"{named}: numbers written with a {mark} between thousands, so '{example}' is read as 12,500 (not "
            f"{other})."]


def _numeric_headers(source: Source) -> frozenset[str]:
    """The headers whose sampled cells are mostly numbers."""
    numeric = set()
    # (the sample's columns in one transpose: picking each column's cells row by row cost a load 3 ms)
    for h, column in zip(source.headers, itertools.zip_longest(*source.sample)):
        cells = [str(c) for c in column if c not in (None, "")]
        # counted until the majority is certain: the sample has some 30,000 cells, read one by one in Python
        numbers = words = 0
        for cell in cells:
            # (digits alone, most cells of a number column, without the parse: 10 ms of a load)
            if not (cell.isascii() and cell.isdigit() and len(cell) < 300) and number_in(cell) is None:
                words += 1
                if words >= len(cells) / 2:
                    break
            else:
                numbers += 1
                if numbers > len(cells) / 2:
                    numeric.add(h)
                    break
    return frozenset(numeric)


def _says_percent(header: str) -> bool:
    """'Engagement Rate (%)', 'ER in percent', 'Eng. rate pct': every value of the column is a percentage."""
    return bool(re.search(r"%|percent|\bpct\b|prozent|porcentaje", header, re.IGNORECASE))


@dataclass(frozen=True)
class _Reason:
    """Why a row cannot be used: `condition` is exact; `suspect` is a plain test that holds whenever `condition`
    does, cheap enough to run on every row (no CASE, no parsing: plain tests of the parsed values and the cells)."""
    suspect: str
    condition: str
    text: str
    # the parsed column whose reasons these are: one CASE names the first of them that holds, and a column's reasons
    # exclude each other (a count is missing, or no number, or an amount, or negative, or too large)
    column: str = ""
    # a suspect that is the column's value outside 0 to this bound: the columns of one bound are tested together
    bound: int | None = None


# Exports and campaign sheets often end with a row summing the ones above it: loaded, it would be an account
# called "total" (or a coupon code "TOTAL") with every fee, like or order counted a second time.
TOTALS_LABELS = ["sum", "overall", "all", "all influencers", "all creators", "all accounts", "all codes",
                 "all coupon codes", "all discount codes", "all coupons", "average", "avg", "mean", "median",
                 "gesamt", "summe", "totaal", "totale", "totales"]
# The longest label but those that start with 'all ': a plain test of length and start comes before the list, which
# most handles are too long to be in (the list of labels, tested on every row, was a fifth of the row's first test)
_SHORT_TOTALS = max(len(label) for label in TOTALS_LABELS if not label.startswith("all "))
# "Total", "Totals", "Grand  total", "TOTAL:", "Sub-total", "— Total —", "Total (3 creators)", "TOTAL IG",
# "Subtotal Instagram": a total word with nothing but punctuation around it, a note in brackets or a platform after
# it, or anything after a subtotal ("Total Beauty", a display name, is an account)
TOTALS_PATTERN = (r"[^a-z0-9]*(sub[^a-z0-9]*totals?\b.*|(grand[^a-z0-9]*)?totals?([^a-z0-9]*|[ :–—-]+(\(.*|"
                  r"(instagram|ig|tiktok|tt|youtube|yt|facebook|fb|pinterest|twitch|linkedin|snapchat|threads)"
                  r"[^a-z0-9_.]*)))")
TOTALS_REASON = "a totals row, not an account"
# the columns a totals row names itself in, and the case their parser stores (ml_handle lower, ml_code upper)
_TOTALS_COLUMNS = {"influencer": str.lower, "coupon_code": str.upper}


def _totals_reason(mapping: dict[str, str], first: str | None = None) -> _Reason | None:
    """A row whose account or coupon code is a totals label, or whose first cell (`first`, its cell reference, for
    a file whose first column is neither: YouTube Studio's 'Total' row over its videos) is. In the parse, not an
    UPDATE after it: at 10M posts the table has spilled to disk by then and that scan read it back (0.95 s; here, a
    substring test per row, and the pattern only for the rows that contain 'total')."""
    # each place as the parse leaves it, and the case its parser stores (a raw first cell is lowered here)
    places = [(f'"{name}"', case) for name, case in _TOTALS_COLUMNS.items() if name in mapping]
    places += [(f"lower(trim({first}))", str.lower)] if first is not None else []
    suspects, exact = [], []
    for ref, case in places:
        labels = f"{ref} IN ({', '.join(sql_literal(case(label)) for label in TOTALS_LABELS)})"
        # (every text that starts with 'all ' sorts from 'all ' to 'all!': two comparisons of a text's first bytes,
        # cheaper than starts_with)
        suspects.append(f"contains({ref}, {sql_literal(case('total'))}) OR (strlen({ref}) <= {_SHORT_TOTALS} OR "
                        f"{ref} BETWEEN {sql_literal(case('all '))} AND {sql_literal(case('all!'))}) AND {labels}")
        exact.append(f"{labels} OR regexp_full_match({ref}, {sql_literal(TOTALS_PATTERN)}, 'i')")
    if not suspects:
        return None
    suspect, exact = " OR ".join(suspects), " OR ".join(exact)
    return _Reason(suspect, exact, TOTALS_REASON)


HEADER_REPEAT_REASON = "repeats the header row"
# a row of empty cells under the data (Excel's "Save as CSV" writes ',,,' for rows it once formatted): "handle is
# missing" said nothing of what it was
EMPTY_ROW_REASON = "an empty row (every cell blank)"
# a required cell that holds no value: empty, or a marker of none (ml_is_missing: N/A, NaN, -, #VALUE!, #VALOR! …)
MISSING_WORDS = "missing (empty, N/A or a spreadsheet error)"


def _header_repeat_reason(mapping: dict[str, str]) -> _Reason | None:
    """A row whose account cell is the account column's own header: a header repeated mid-file (two exports pasted
    together) loaded as an account named "handle", its "Likes" read as the label for 0 likes."""
    header = mapping.get("influencer")
    if header is None:
        return None
    same = '"influencer" = $influencer_header'
    return _Reason(same, same, HEADER_REPEAT_REASON)


NOTE_REASON = "a note, not data (words in one cell, every other cell empty)"


def _note_reason(mapping: dict[str, str], src_of: dict[str, str]) -> _Reason | None:
    """A footnote under the table ("* Fees exclude VAT. Gifted product not included.") in the account column with
    nothing else on its row: loaded, it was an account of that name (a handle has no space)."""
    header = mapping.get("influencer")
    others = [src_of[h] for h in dict.fromkeys(mapping.values()) if h != header]
    if header is None or not others:
        return None
    # the cheapest of its conditions as the test every row takes: one empty cell (the next column's, rarely empty
    # on a row of data) costs less than a substring search in every handle
    return _Reason(f"{others[0]} IS NULL",
                   f"""contains("influencer", ' ') AND {' AND '.join(f'{c} IS NULL' for c in others)}""",
                   NOTE_REASON)


# Scrapers write -1 for a count the platform does not show (Instagram's hidden likes in Apify's likesCount): unknown,
# stored as missing like 'N/A', not a negative count that rejects the post. Turned to NULL where the parsed column
# is stored, a plain column test: in the parsers it cost every messy cell a cast (0.04 s a million posts). Only in
# the kinds scrapers write: a shop's -1 orders is a refund, rejected as negative as before.
HIDDEN_COUNT = -1
HIDDEN_COUNT_KINDS = ("posts", "brand_posts", "influencers")


# A post's audience of 0 is a scraper's gap, not an audience: the real TikTok crawl has an account at 0 followers
# with 162,480 engagements, which the pages had put in the under-1K band at an engagement rate it cannot have. Stored
# as unknown, so the account's followers come from its other posts or an influencer list (as for an empty cell). An
# influencer list's followers stay as written: they are required there, and a list row is about its audience.
ZERO_UNKNOWN_KINDS = ("posts", "brand_posts")


def _hides_counts(kind: str, col: schema.Column) -> bool:
    return kind in HIDDEN_COUNT_KINDS and col.type == schema.COUNT


def _stored_count(kind: str, col: schema.Column) -> str:
    """A count column as stored: its hidden-count marker, and a post's 0 followers, as unknown."""
    stored = f'nullif(CAST("{col.name}" AS BIGINT), {HIDDEN_COUNT})'
    return f"nullif({stored}, 0)" if col.name == "followers" and kind in ZERO_UNKNOWN_KINDS else stored


def reason_subject(col: schema.Column, header: str) -> str:
    """A column as a reject reason names it: in words, and by the file's own header where that differs
    ("Posted at ('Date')", "Likes ('likesCount')"): "posted_at is not a date" named neither."""
    shown = " ".join(str(header).split())
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return col.label if shown.lower() == col.label.lower() else f"{col.label} ('{shown}')"


# A conversions file's refunds: a row that takes money back ('-100.00', '(40.00)', '-$50.00') loads and subtracts,
# and so do the orders returned with it ('-1' beside a negative revenue). A negative order count with no refund
# amount beside it may be a marker or a slip, not a refund: rejected as negative. Sign-ups are never negative.
# Column -> the SQL test under which its negative is a refund.
REFUNDS = {"conversions": {"revenue": "true", "orders": '"revenue" < 0'}}


def _refund_test(kind: str, column: str, mapping: dict[str, str]) -> str | None:
    """REFUNDS' test for a column of a kind, where the columns it reads are in the file."""
    test = REFUNDS.get(kind, {}).get(column)
    return test if test is not None and all(c in mapping for c in re.findall(r'"(\w+)"', test)) else None


# The largest value a column of each type holds in a real export, and the dates one spans: beyond them a cell is a
# slip (an id rounded to '7.5e+18' pasted under likes, a price of '1e30', a date in the year 10000 or 0001), and
# loaded it broke what is worked out from it: engagements summed past the largest whole number DuckDB holds (every
# page's query failed), a price histogram of 25,000-dollar bins up to 1e13 (the server ran out of memory), dates
# no calendar sum can step from. The most-viewed video has ~1.6e10 views; the dearest post sold for ~$3M.
TOO_LARGE = {schema.COUNT: 10**11, schema.INT: 10**11, schema.MONEY: 10**10, schema.RATIO: 1000}
_TOO_LARGE_WORDS = {schema.COUNT: "over 100 billion", schema.INT: "over 100 billion",
                    schema.MONEY: "over 10 billion", schema.RATIO: "over 100,000%"}
DATE_RANGE = ("1990-01-01", "2099-12-31")


def _reasons(col: schema.Column, raw: str, header: str, hidden_counts: bool = False, refund: str | None = None
             ) -> list[_Reason]:
    """The reasons over the parsed column "name" and its cell text `raw`, read from the file's `header` (each
    value parsed once), in the order their conditions are tested: one CASE names the first that holds (a later
    condition may leave out what an earlier one takes). Conditions are CASE expressions, not AND: in a SELECT list
    DuckDB evaluates both sides of an AND for every row, and only the rows whose parse failed should pay for the
    missing-marker check.
    hidden_counts: the column's -1 is a hidden count (HIDDEN_COUNT), stored as missing. refund: the test under
    which a negative is a refund (REFUNDS), not a fault."""
    parsed = f'"{col.name}"'
    subject = reason_subject(col, header)
    hidden = hidden_counts and col.type == schema.COUNT
    # (a date's test holds for its NOT_PARSED, -infinity, and for the infinity that 'inf' or 'infinity' casts to:
    # loaded, a post of no date but "infinity" fell in every date range)
    dated = col.type in (schema.DATE, schema.TIMESTAMP)
    not_parsed = (f"NOT isfinite({parsed})" if dated
                  else f"{parsed} = {NOT_PARSED[col.type]}" if col.type in NOT_PARSED else None)
    signed = col.type in TOO_LARGE   # its NOT_PARSED is below every value
    # one plain test a row for the column's every reason below: outside what a real value can be
    span = " AND ".join(f"'{day}'::{schema.SQL_TYPE[col.type]}" for day in DATE_RANGE)
    bound = TOO_LARGE[col.type] if signed else None
    outside = (f"NOT ({parsed} BETWEEN 0 AND {bound})" if signed
               else f"NOT ({parsed} BETWEEN {span})" if dated else None)
    out = []
    if col.required:
        # a hidden count where one is required (an influencer list's followers) is as missing as an empty cell; a
        # word there is no number, which its own reason says ('missing' led the report for 'lots' and '1e20')
        absent = f"{parsed} IS NULL" + (f" OR {parsed} = {HIDDEN_COUNT}" if hidden else "")
        # what missing takes in: '#VALOR!' in a followers cell was reported as "missing" with no word of why; a
        # scraper's -1 is none of those, and says so
        words = MISSING_WORDS.replace(")", ", or -1 for a hidden count)") if hidden else MISSING_WORDS
        out.append(_Reason(absent, absent, f"{subject} is {words}"))
    if not_parsed:
        out.append(_Reason(outside or not_parsed, not_parsed, f"{subject} is not {_NOT_A[col.type]}", bound=bound))
    elif col.type != schema.TEXT:
        failed = f"{parsed} IS NULL AND {raw} IS NOT NULL"
        out.append(_Reason(failed, f"CASE WHEN {failed} THEN NOT ml_is_missing_number({raw}) ELSE false END",
                           f"{subject} is not {_NOT_A[col.type]}"))
    # an amount of money where a count belongs says so: '$1,234.50' is no '1,235 orders', nor a failed number
    if col.type in (schema.COUNT, schema.INT):
        out.append(_Reason(outside, f"{parsed} = {AMOUNT_IN_COUNT}", f"{subject} is an amount of money, not a count",
                           bound=bound))
    if signed and refund != "true":
        # (after the tests above: what they name is below zero too)
        but = f" AND {parsed} <> {HIDDEN_COUNT}" if hidden else ""
        but += f" AND NOT coalesce({refund}, false)" if refund else ""
        out.append(_Reason(outside, f"{parsed} < 0{but}", f"{subject} is negative", bound=bound))
    if signed:
        out.append(_Reason(outside, f"{parsed} > {bound}",
                           f"{subject} is too large to be real ({_TOO_LARGE_WORDS[col.type]})", bound=bound))
    if dated:
        out.append(_Reason(outside, outside, f"{subject} is not a date in {DATE_RANGE[0][:4]}-{DATE_RANGE[1][:4]}"))
    return [replace(r, column=col.name) for r in out]


# Columns run together: a rarer mark between them ('^', ':', '~'), or the runs of spaces of a fixed-width report
_RUN_TOGETHER = re.compile(r"[\^~]|:(?!//)|\S {2,}\S")   # (not the ':' of 'https://')


def _columns_run_together(source: Source) -> bool:
    """A file read as one column whose header or first rows look like several columns run together, or whose rows
    split where its header did not (a header under a dozen lines of notes: the first note was read as the header). A
    list of handles alone ('Creators', '@maya') is one column, and is told which columns it lacks."""
    if len(source.headers) != 1:
        return False
    rows = source.sample[:50]
    return (any(len(r) > 1 for r in rows)
            or any(_RUN_TOGETHER.search(str(c)) for c in [source.headers[0], *(r[0] for r in rows if r)] if c))


def validate_mapping(kind: str, mapping: dict[str, str], headers: list[str], account: str | None = None) -> None:
    """A user-edited mapping must name real headers and cover the kind's required columns (the account column
    too, unless the account of the whole file is given)."""
    known = set(schema.column_names(kind))
    for canon, src in mapping.items():
        if canon not in known:
            raise IngestError(f"'{canon}' is not a column of {schema.KIND_LABELS[kind]}.")
        if src not in headers:
            raise IngestError(f"The file has no column named '{src}'.")
    # one column as likes, comments and shares tripled every engagement without a word
    labels = {c.name: c.label for c in schema.columns(kind)}
    for src in dict.fromkeys(mapping.values()):
        if len(named := [labels[c] for c, s in mapping.items() if s == src]) > 1:
            raise IngestError(f"The column '{src}' is picked for {in_words(named)}: a column can stand for one of "
                              "them only; pick it for one and another column (or none) for the others.")
    missing = [c for c in schema.columns(kind) if c.required and c.name not in mapping
               and not (c.name == "influencer" and account)]
    if missing:
        one_account = (" For one account's own export (YouTube Studio, TikTok Studio), type its handle under "
                       "Account." if any(c.name == "influencer" for c in missing) and kind in ONE_ACCOUNT_KINDS
                       else "")
        raise IngestError(f"This file has no column for {' and '.join(c.label for c in missing)}, which a file "
                          f"of kind '{schema.KIND_LABELS[kind]}' needs; map one of its columns to "
                          f"{'it' if len(missing) == 1 else 'each'} (the Data page's column mapping), or choose "
                          f"another kind.{one_account}")
    one_of = schema.REQUIRED_ONE_OF.get(kind)
    if one_of and not any(c in mapping for c in one_of):
        raise IngestError(f"{schema.KIND_LABELS[kind]} need a column for {' or '.join(one_of)}; map one of its "
                          "columns to one of them (the Data page's column mapping).")


def _platform_link(kind: str, mapping: dict[str, str]) -> str | None:
    """The header of the links a row's platform is read from, where the file names no platform (column or
    choice): the post's address, else the profile's."""
    if "platform" not in schema.column_names(kind) or "platform" in mapping:
        return None
    return mapping.get("url") or mapping.get("profile_url")


def _one_order_per_id(kind: str, mapping: dict[str, str]) -> str | None:
    """A shop's export of orders has one row per order and no column counting them: a row with an order id is one
    order (its orders had been unknown, and the Campaigns page's orders not attributed read 0 beside $45 of them),
    and a refund's row (a negative revenue: REFUNDS) one order returned. Read from the parsed columns; None where
    the file counts its orders, or names none."""
    if kind != "conversions" or "orders" in mapping or "order_id" not in mapping:
        return None
    returned = 'CASE WHEN "revenue" < 0 THEN -1 ELSE 1 END' if "revenue" in mapping else "1"
    return f'CASE WHEN "order_id" IS NOT NULL THEN {returned} END'


def _as_handle(db: Database, text: str) -> str | None:
    """A text as the handle the load stores (ml_handle), worked out once: the macro applied to a bound parameter in
    the parse statement ran for every row (5% of a million-row load)."""
    return db.execute("SELECT ml_handle($t)", {"t": text}).fetchone()[0]


def _parse_sql(db: Database, source: Source, kind: str, mapping: dict[str, str], chosen: FileChoices, table: str,
               relation: str, extra_cells: bool = False) -> tuple[str, dict]:
    """One statement, and its parameters: scan the file's text cells, parse each value once, attach reasons to the
    rows that cannot be used (with their cells as JSON, for the reject report) and store the lot in the file's own
    table. `relation` names its columns by position (cell_column); the file's own text (headers, the account and
    platform chosen for it, reasons that quote a header) is bound, never written into the SQL. `extra_cells`: the
    relation has the EXTRA_CELLS column of a lenient read. The caller adds $path and $delim for CSV."""
    # (a file's own header of that name must not take it: the row's cells are a map, one key a header)
    extra = unique_headers([*source.headers, EXTRA_CELLS])[-1] if extra_cells else None
    headers = source.headers + ([extra] if extra else [])
    src_of = {h: cell_column(i) for i, h in enumerate(headers)}
    params: dict = {"headers": headers}
    parsed, reasons, regrouped = [], [], regrouped_columns(kind, mapping, source)
    counts: list[tuple[str, str, bool]] = []   # (count column, its cell, read the European way)
    if extra_cells:
        beyond = f"{src_of[extra]} IS NOT NULL"
        reasons.append(_Reason(beyond, beyond, _broken_reason("TOO MANY COLUMNS")))
    # first: what the row is, before what its cells fail ('Followers' is no number, the handle is missing)
    first_cell = src_of[headers[0]]
    blank = " AND ".join(f"{c} IS NULL" for c in src_of.values())
    reasons.append(_Reason(f"{first_cell} IS NULL", blank, EMPTY_ROW_REASON))
    if repeat := _header_repeat_reason(mapping):
        reasons.append(repeat)
        params["influencer_header"] = _as_handle(db, mapping["influencer"])
    for col in schema.columns(kind):
        header = mapping.get(col.name)
        platform = chosen.platform
        if col.name == "platform" and platform:
            params["platform"] = platform
        if header is None:
            link = _platform_link(kind, mapping) if col.name == "platform" and not platform else None
            expr = ("$platform" if col.name == "platform" and platform
                    else "$account" if col.name == "influencer" and chosen.account
                    else f"ml_platform_of_link({src_of[link]})" if link else "NULL")
            if col.name == "influencer" and chosen.account:
                params["account"] = _as_handle(db, chosen.account)
        else:
            cell = f"ml_unguarded({src_of[header]})" if _excel_guarded(source, header) else src_of[header]
            eu = source.decimal_comma != (header in regrouped)
            expr = _parse_expr(col, cell, eu, source.day_first,
                               percent=col.type == schema.RATIO and _in_percent(source, header, col.name))
            if (kind, col.name) in WORDS_FOR_A_COUNT:
                expr = f"nullif({expr}, {NOT_PARSED[col.type]})"
            if col.type == schema.COUNT and not col.tidy_on_read:
                counts.append((col.name, cell, eu))
            if col.name == "platform" and platform:
                expr = f"coalesce({expr}, $platform)"
            if col.type == schema.MONEY and chosen.usd_rate:   # (its not-parsed mark, -inf, stays itself)
                expr = f"({expr}) * $usd_rate"
                params["usd_rate"] = chosen.usd_rate
            reasons += _reasons(col, src_of[header], header, kind in HIDDEN_COUNT_KINDS,
                                _refund_test(kind, col.name, mapping))
        parsed.append(f'{expr} AS "{col.name}"')
    # the first column only for a file of one account's posts, its account typed (a Studio export): elsewhere a
    # video titled "Total (Official Video)", a comment "Total 🙌" or a category "Average" is data
    first = source.headers[0] if source.headers and chosen.account and "influencer" not in mapping else None
    if totals := _totals_reason(mapping, src_of[first] if first is not None else None):
        reasons.append(totals)
    if note := _note_reason(mapping, src_of):
        reasons.append(note)
    if kind == "conversions" and "status" in mapping and "revenue" in mapping:
        # (a refund's own row, a negative amount marked "Refunded", takes its money back: it loads and subtracts)
        void = (f'lower("status") IN ({", ".join(sql_literal(s) for s in schema.VOID_ORDER_STATUSES)}) '
                'AND NOT coalesce("revenue" < 0, false)')
        reasons.append(_Reason(void, void, schema.VOID_ORDER_REASON))
    one_of = [n for n in schema.REQUIRED_ONE_OF.get(kind, ()) if n in mapping]
    if one_of:
        both = " AND ".join(f'"{n}" IS NULL' for n in one_of)
        reasons.append(_Reason(both, both, schema.REQUIRED_ONE_OF_REASON[kind]))
    whole_fee, one_order = _whole_fee(kind, mapping, src_of), _one_order_per_id(kind, mapping)
    if whole_fee:
        # each of a fee per post and a count of posts may pass its own test while their product does not: '$250/post'
        # for 99,999,999,999 posts made a $25-trillion contract and a Prices median of $12,499,999,999,925
        fee = next(c for c in schema.columns(kind) if c.name == "fee")
        too_large = f"{whole_fee} > {TOO_LARGE[schema.MONEY]}"
        reasons.append(_Reason(too_large, too_large, f"{reason_subject(fee, mapping['fee'])} times the posts "
                               f"contracted is too large to be real ({_TOO_LARGE_WORDS[schema.MONEY]})"))
    cells = ", ".join(src_of.values())
    # Almost every row is fine: the exact conditions run only on rows some cheap test flags (a NULL suspect
    # counts as not flagged: it is NULL only where its condition is false), each once, naming the row's reasons
    # (an empty text where the suspect was wrong), and only rows with some reason build their cells as JSON (CASE
    # evaluates THEN for those rows alone). Per chunk of rows, each condition costs the same for one row as for
    # many: tested once more to decide whether a row had any reason, they cost a million posts some 0.02 s.
    # (each suspect once: a count column's reasons share theirs, and every row pays for each term; the columns of
    # one bound as one test of their least and greatest value, which skip NULLs: eight count columns cost a million
    # posts 0.02 s tested one by one; the least of the counts ml_count_common parses is worked out once, beside their
    # rare readings, and taken as parsed: a value the rare readings put in place of a mark takes the exact tests, as
    # the mark is below zero)
    suspects = dict.fromkeys(r.suspect for r in reasons if r.bound is None)
    bounded: dict[int, list[str]] = {}
    least_of = {f'"{name}"': least for _, least, group in _count_groups(counts) for name, _ in group}
    for r in reasons:
        if r.bound is not None and f'"{r.column}"' not in bounded.setdefault(r.bound, []):
            bounded[r.bound].append(f'"{r.column}"')
    for bound, cols in bounded.items():
        leasts = list(dict.fromkeys(least_of.get(c, c) for c in cols))
        least = f"least({', '.join(leasts)})" if len(leasts) > 1 else leasts[0]
        suspects[f"NOT ({least} >= 0 AND greatest({', '.join(cols)}) <= {bound})" if len(cols) > 1
                 else f"NOT ({cols[0]} BETWEEN 0 AND {bound})"] = None
    # The reasons and the cells as one text: a list column, or a second text column, though NULL on almost every
    # row, costs the load more to store (a column of its own for the cells: 1.5% of the parse statement).
    params["reasons"] = [r.text for r in reasons]
    by_column: dict[str, list[tuple[int, _Reason]]] = {}
    for i, r in enumerate(reasons, 1):
        by_column.setdefault(r.column or f"#{i}", []).append((i, r))
    # (one CASE per column, not one per reason: the fewer expressions, the less each chunk of rows holding a flagged
    # row pays)
    each_reason = ", ".join("CASE " + " ".join(f"WHEN {r.condition} THEN $reasons[{i}]" for i, r in group) + " END"
                            for group in by_column.values())
    why = (f"CASE WHEN {' OR '.join(f'({s})' for s in suspects)} THEN concat_ws({_REASON_SEP}, {each_reason}) END"
           if reasons else "NULL::VARCHAR")
    row_json = f"MAP($headers::VARCHAR[], [{cells}])"
    parsed_rows = _with_rare_counts(counts, f"(SELECT {', '.join(parsed)}, {cells} FROM {relation})")
    stored = {c.name: whole_fee if c.name == "fee" and whole_fee else one_order if c.name == "orders" and one_order
              else f'"{c.name}"' for c in schema.columns(kind)}
    typed = ", ".join((_stored_count(kind, c) if _hides_counts(kind, c) else
                       f'CAST({stored[c.name]} AS {schema.SQL_TYPE[c.type]})') + f' AS "{c.name}"'
                      for c in schema.columns(kind))
    return (f'CREATE TABLE "{table}" AS SELECT {typed}, '
            f"CASE WHEN _why <> '' THEN concat(_why, {_CELLS_SEP}, to_json({row_json})) END AS _rejected "
            f"FROM (SELECT *, {why} AS _why FROM {parsed_rows})"), params


def _count_groups(counts: list[tuple[str, str, bool]]) -> list[tuple[bool, str, list[tuple[str, str]]]]:
    """The count columns ml_count_common parses, by how they are read (the European way or not): (European, the
    column that holds the least of their values as parsed, [(column, its cell)]). `counts`: (count column, its cell,
    read the European way)."""
    return [(eu, f"__least_counts_{int(eu)}", [(name, cell) for name, cell, european in counts if european == eu])
            for eu in (False, True) if any(european == eu for _, _, european in counts)]


def _with_rare_counts(counts: list[tuple[str, str, bool]], relation: str) -> str:
    """`relation` with its count columns read whole: the cells ml_count_common marked rare read by ml_count_rare,
    in one lambda for all of a row's count columns (one for those read the European way), run only on the rows that
    have such a cell; and with the least of each group's values as ml_count_common parsed them (_count_groups), which
    the row's first test of its reasons reads. `counts`: (count column, its cell, read the European way)."""
    leasts, lists, resolved = [], [], []
    for eu, least, group in _count_groups(counts):
        names = [f'"{name}"' for name, _ in group]
        # (least skips NULLs, and nothing is below the mark)
        leasts.append(f"least({', '.join(names)}) AS {least}" if len(names) > 1 else f"{names[0]} AS {least}")
        rare = f"__rare_counts_{int(eu)}"
        cells = ", ".join(f"CASE WHEN {n} = {RARE_COUNT} THEN {cell} END" for n, (_, cell) in zip(names, group))
        lists.append(f"CASE WHEN {least} = {RARE_COUNT} THEN list_transform([{cells}], lambda c: ml_count_rare(c, "
                     f"eu := {str(eu).lower()}, amount := {AMOUNT_IN_COUNT}, fail := {NOT_PARSED[schema.COUNT]})) "
                     f"END AS {rare}")
        resolved += [f"CASE WHEN {n} = {RARE_COUNT} THEN {rare}[{i}] ELSE {n} END AS {n}"
                     for i, n in enumerate(names, 1)]
    if not lists:
        return relation
    return (f"(SELECT * REPLACE ({', '.join(resolved)}) FROM (SELECT *, {', '.join(lists)} FROM "
            f"(SELECT *, {', '.join(leasts)} FROM {relation})))")


def _says_per_post(header: str) -> bool:
    """A fee header that says it is a price per post ('Rate per post')."""
    return any(key in kinds.PER_POST_FEES for key in kinds.header_keys(header))


def _whole_fee(kind: str, mapping: dict[str, str], src_of: dict[str, str]) -> str | None:
    """A campaign sheet's fee written per post ('$250/post', '350 per video', or any under 'Rate per post') as the
    contract's whole fee: times the posts contracted where the row says how many (else one post's price, and the
    load says so). Taken as the whole fee, $250/post for two posts was $250."""
    header = mapping.get("fee")
    if kind != "campaigns" or header is None or "posts_contracted" not in mapping:
        return None
    per_post = "true" if _says_per_post(header) else f"coalesce(ml_is_per_post({src_of[header]}), false)"
    return f'"fee" * CASE WHEN {per_post} THEN coalesce("posts_contracted", 1) ELSE 1 END'


def _parse_into_table(db: Database, source: Source, kind: str, mapping: dict[str, str], chosen: FileChoices
                      ) -> tuple[str, list[BrokenLine]]:
    """(table, broken lines). Runs outside the load's transaction: rows written inside a transaction carry
    provisional row ids until it commits, and source_row is the row id."""
    table = f"{kind}__{next(table_numbers)}"
    if source.table:
        db.execute(*_parse_sql(db, source, kind, mapping, chosen, table, source.table))
        return table, []
    return table, _parse_csv(db, source, kind, mapping, chosen, table)


def _parsed_above(source: Source, broken: list[BrokenLine]) -> list[int]:
    """How many parsed rows stand above each broken line: a parsed row's id skips the broken lines above it (loads'
    broken_above, from which a row's place in the file is worked out). DuckDB numbers a broken line by the file's
    lines, header and title lines included, which are taken off (exact where no cell above holds a line break)."""
    broken_rows = sorted(b.line - 1 - source.skip_lines for b in broken)
    return [row - i for i, row in enumerate(broken_rows, start=1)]


def _reject_rows(db: Database, source: Source, table: str, broken: list[BrokenLine], file_name: str,
                 parsed_above: list[int]) -> tuple[int, int, int]:
    """Move the rows that cannot be used to `rejects`; (rows read, loaded, rejected). A reject's row is its data
    row in the file, counted from 1 under the header, broken lines included: the broken lines above a parsed row
    (`parsed_above`) are added back to its id."""
    parsed_rows = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    db.execute(f"INSERT INTO rejects SELECT $f, ml_file_row(row, $above::BIGINT[]), reasons[1], "
               f"reasons, raw FROM (SELECT rowid + 1 AS row, "
               f"string_split(split_part(_rejected, {_CELLS_SEP}, 1), {_REASON_SEP}) AS reasons, "
               f"CAST(split_part(_rejected, {_CELLS_SEP}, 2) AS JSON) AS raw "
               f"FROM \"{table}\" WHERE _rejected IS NOT NULL)", {"f": file_name, "above": parsed_above})
    rejected = db.execute(f'DELETE FROM "{table}" WHERE _rejected IS NOT NULL').fetchone()[0]
    if broken:   # one statement for all broken lines (10M rows have thousands)
        db.execute("INSERT INTO rejects SELECT $f, line, reason, [reason], to_json({'line': text}) FROM "
                   "(SELECT unnest($lines::BIGINT[]) AS line, unnest($reasons::VARCHAR[]) AS reason, "
                   "unnest($texts::VARCHAR[]) AS text)",
                   {"f": file_name, "lines": [b.line - 1 - source.skip_lines for b in broken],
                    "reasons": [_broken_reason(b.error_type) for b in broken],
                    "texts": [b.text[:2000] for b in broken]})
    rows_read = source.rows_read if source.table else parsed_rows + len(broken)
    return rows_read, parsed_rows - rejected, rejected + len(broken)


# what the Data page says of a file read by DuckDB's lenient reader (strict mode reads nothing of a file whose header
# cell holds a line break beside Windows line endings); "in lenient mode" was the reader's word, not a marketer's
MIXED_LINE_ENDINGS = "its line breaks are of two kinds (Windows' and Unix's), and both were read"


def _parse_csv(db: Database, source: Source, kind: str, mapping: dict[str, str], chosen: FileChoices,
               table: str) -> list[BrokenLine]:
    """Parse a CSV straight from the file into `table`; returns its broken lines. A file whose quotes do not
    enclose cells (a caption that opens with one, in a tab-separated export that never quotes) is read again with
    quotes as plain text, kept when that loads more rows."""
    source.warnings += _cut_off(source)
    broken, lenient = _parse_csv_once(db, source, kind, mapping, chosen, table)
    ending = f"; {MIXED_LINE_ENDINGS}." if lenient else "."
    runaway = _runaway_quotes(broken)
    if runaway:
        usable = _usable_rows(db, table)
        db.execute(f'DROP TABLE "{table}"')
        source.quoted = False
        literal, lenient = _parse_csv_once(db, source, kind, mapping, chosen, table)
        # more rows loaded, not fewer lines broken: a file that quotes every cell, read so, breaks no line and
        # loads none ('"2026-03-11"' is no date)
        if _usable_rows(db, table) > usable:
            opened = next(b.line for b in broken if b.error_type == "UNQUOTED VALUE")
            source.note += ((f"; {MIXED_LINE_ENDINGS}" if lenient else "")
                            + f"; its quotes do not enclose cells (line {int(opened):,} opens one that no later quote "
                              "closes), so they were read as part of the text.")
            return literal
        db.execute(f'DROP TABLE "{table}"')
        source.quoted = True
        broken, _ = _parse_csv_once(db, source, kind, mapping, chosen, table)
    source.note += ending
    source.warnings += runaway
    return broken


def _cut_off(source: Source) -> list[str]:
    """A file that ends inside a row, without the line break after it and with fewer cells than the header: a
    download or a save cut short. Its row loads as far as it goes (short lines are padded, as exports that leave
    out trailing empty cells need), so only this sentence says what happened to it."""
    tail = _tail(source.csv_path, 1 << 16)
    last = tail.splitlines()[-1] if tail.strip(b"\x1a \t") else b""
    if not last.strip(b"\x1a \t") or tail.endswith((b"\n", b"\r")):
        return []
    cells = next(csv.reader([last.decode("utf-8", errors="replace")], delimiter=source.delimiter), [])
    if len(cells) >= len(source.headers):
        return []
    return [f"The file ends in the middle of a row: its last line has {len(cells)} of {len(source.headers)} cells "
            "and no line break after it, so the file was probably cut off while it was saved or downloaded. That "
            "row was loaded with the cells it has; export the file again to get it whole."]


def _tail(path: Path, n: int) -> bytes:
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - n))
        return fh.read()


def _usable_rows(db: Database, table: str) -> int:
    return db.execute(f'SELECT count(*) FROM "{table}" WHERE _rejected IS NULL').fetchone()[0]


def _parse_csv_once(db: Database, source: Source, kind: str, mapping: dict[str, str], chosen: FileChoices,
                    table: str) -> tuple[list[BrokenLine], bool]:
    """One parse of the CSV into `table`: its broken lines, and whether it took the lenient parser. Strict mode
    first: it refuses files that mix line endings (a newline inside a quoted header cell, CRLF between records)
    and then reads nothing at all, or fails; the lenient parser reads those correctly."""
    broken = _scan_padding_short_lines(db, source, kind, mapping, chosen, table)
    if broken is not None and _windows_text_past_the_sample(source, broken):
        db.execute(f'DROP TABLE "{table}"')
        source.csv_path = to_utf8(source.csv_path, "latin-1")
        source.scratch = source.csv_path.parent
        source.note = source.note.replace("Read as UTF-8", f"Read as {WINDOWS_TEXT}", 1)
        broken = _scan_padding_short_lines(db, source, kind, mapping, chosen, table)
    if broken is None:
        return _scan_csv_into(db, source, kind, mapping, chosen, table, strict=False, padded=True), True
    return broken, False


_ENCODING_ERRORS = ("INVALID ENCODING", "INVALID UNICODE")


def _windows_text_past_the_sample(source: Source, broken: list[BrokenLine]) -> bool:
    """The encoding is judged on the first 256 KB: a Windows-1252 export whose first accent comes later fails
    as UTF-8 on every line with one. Plain ASCII up to there means a Windows file; a sample with UTF-8 accents
    means a UTF-8 file with a few stray bytes, whose lines stay rejected (transcoding would garble the rest)."""
    return (source.scratch is None and any(b.error_type in _ENCODING_ERRORS for b in broken)
            and file_head(source.csv_path, 256 * 1024).isascii())


def _runaway_quotes(broken: list[BrokenLine]) -> list[str]:
    """A quote left open swallows the lines after it into one cell, which then fails as a whole: the rows read
    are fewer than the lines in the file, and only this sentence says why."""
    runaway = [b for b in broken if b.error_type == "UNQUOTED VALUE" and "\n" in b.text]
    return [f"Line {int(line):,} opens a quote that is not closed on that line, so the lines after it (up to the "
            "next quote, or the end of the file) were read into one cell and rejected with it: close the quote and "
            "upload the file again." for line, _, _ in runaway[:3]]


def _scan_padding_short_lines(db: Database, source: Source, kind: str, mapping: dict[str, str],
                              chosen: FileChoices, table: str) -> list[BrokenLine] | None:
    """Lines with fewer cells than the header are kept, padded with empty cells. DuckDB's parallel reader cannot
    pad a file that has line breaks inside quoted cells (captions often do), so the padding is asked for only
    when a first read finds short lines."""
    broken = _scan_csv_into(db, source, kind, mapping, chosen, table, strict=True, padded=False)
    if broken is not None and any(b.error_type == "MISSING COLUMNS" for b in broken):
        db.execute(f'DROP TABLE "{table}"')
        broken = _scan_csv_into(db, source, kind, mapping, chosen, table, strict=True, padded=True)
    return broken


_PADDING_NEEDS_ONE_THREAD = "null_padding in conjunction with quoted new lines"


def _scan_csv_into(db: Database, source: Source, kind: str, mapping: dict[str, str], chosen: FileChoices,
                   table: str, strict: bool, padded: bool, parallel: bool = True
                   ) -> list[BrokenLine] | None:
    """Broken lines of one parse of the CSV into `table`; None (and no table) when strict mode could not read
    the file. The lenient pass raises IngestError instead."""
    scan = f"scan_{table}"
    one_thread = False
    try:
        sql, params = _parse_sql(db, source, kind, mapping, chosen, table,
                                 csv_scan(source, scan, strict, padded, parallel), extra_cells=not strict)
        db.execute(sql, {**params, "path": str(source.csv_path), "delim": source.delimiter})
        broken = [BrokenLine(*row) for row in db.execute(
            f"SELECT line, any_value(error_type)::VARCHAR, coalesce(any_value(csv_line), '') FROM {scan}_errors "
            "GROUP BY line ORDER BY line").fetchall()]
    except duckdb.Error as exc:
        db.execute(f'DROP TABLE IF EXISTS "{table}"')
        one_thread = parallel and _PADDING_NEEDS_ONE_THREAD in str(exc)
        if not one_thread:
            if strict:
                return None
            raise IngestError(plain_csv_error(exc)) from exc
    finally:
        db.execute(f"DROP TABLE IF EXISTS {scan}_errors")
        db.execute(f"DROP TABLE IF EXISTS {scan}_scans")
    if one_thread:
        return _scan_csv_into(db, source, kind, mapping, chosen, table, strict, padded, parallel=False)
    if strict and not broken and has_data_after_header(source) and \
            db.execute(f'SELECT count(*) = 0 FROM "{table}"').fetchone()[0]:
        db.execute(f'DROP TABLE "{table}"')
        return None
    return broken


def _broken_reason(error_type: str) -> str:
    return {"TOO MANY COLUMNS": "line has more cells than the header",
            "MISSING COLUMNS": "line has fewer cells than the header",
            "UNQUOTED VALUE": "line has an unclosed or stray quote",
            "INVALID UNICODE": "line has characters in another encoding",
            "INVALID ENCODING": "line has characters in another encoding",
            "LINE SIZE OVER MAXIMUM": "line is too long"}.get(error_type, "line could not be split into cells")


def forget_file(db: Database, file_name: str) -> None:
    """Remove everything loaded from a file (a re-upload or a changed kind replaces it)."""
    found = db.execute("SELECT kind, data_table FROM loads WHERE source_file = $f", {"f": file_name}).fetchone()
    db.execute("DELETE FROM rejects WHERE source_file = $f", {"f": file_name})
    db.execute("DELETE FROM loads WHERE source_file = $f", {"f": file_name})
    if found:
        kind, table = found
        db.execute("DELETE FROM repeated_posts WHERE data_table = $t", {"t": table})
        db.execute("DELETE FROM dated_campaigns WHERE data_table = $t", {"t": table})
        views.refresh_view(db, kind)
        db.execute(f'DROP TABLE IF EXISTS "{schema.data_table_name(table)}"')


# the kinds a file of one account's posts can be: its account typed once for every row
ONE_ACCOUNT_KINDS = ("posts", "brand_posts")
# the note of a file loaded under a loaded one's name
REPLACES = "Replaces what was loaded before from a file named"


def load_source(db: Database, source: Source, file_name: str, kind: str | None = None,
                mapping: dict[str, str] | None = None, platform: str | None = None,
                account: str | None = None, usd_rate: float | None = None) -> LoadReport:
    """Map, parse and load an opened file; replaces earlier rows from the same file name. `account`: the handle
    of a file of one account's posts, used where it has no account column; `usd_rate`: US dollars per unit of the
    file's amounts, which are converted at it."""
    detection = kinds.detect(source.headers, f"{file_name} {source.sheet}".strip(), _numeric_headers(source))
    # an account typed for a file without an account column says it is one account's posts (TikTok Studio's
    # export read as a list); a file that names its accounts keeps its kind
    kind = kind or ("posts" if account and detection.kind not in ONE_ACCOUNT_KINDS
                    and "influencer" not in detection.mapping else detection.kind)
    if kind not in schema.KINDS:
        raise IngestError(f"'{kind}' is not a data kind; choose one of {', '.join(schema.KINDS)}.")
    amounts_as_revenue = None
    if mapping is None:
        mapping = detection.mapping if kind == detection.kind else kinds.map_columns(kind, source.headers)
        if amounts_as_revenue := _amounts_taken_for_orders(kind, mapping, source):   # (header, an amount in it)
            mapping = {("revenue" if col == "orders" else col): h for col, h in mapping.items()}
    account = (account or "").strip() or None if kind in ONE_ACCOUNT_KINDS and "influencer" not in mapping else None
    if not mapping and _columns_run_together(source):
        raise IngestError(f"Every line of this file was read as one column ('{source.headers[0][:60]}'): no comma, "
                          f"semicolon, TAB or '|' separates its columns, or the column names are not within its first "
                          f"{kinds.HEADER_SEARCH_ROWS} lines. Save it as CSV with the column names on the first line "
                          "and upload it again.")
    validate_mapping(kind, mapping, source.headers, account)
    if usd_rate is not None and (problem := rate_problem(usd_rate)):
        raise IngestError(problem)
    platform = platform or (detection.platform_hint if "platform" not in mapping else None)
    with db.lock:
        table, broken = _parse_into_table(db, source, kind, mapping, FileChoices(platform, account, usd_rate))
        replaces = db.execute("SELECT count(*) FROM loads WHERE source_file = $f", {"f": file_name}).fetchone()[0]
        db.execute("BEGIN TRANSACTION")
        try:
            forget_file(db, file_name)
            above = _parsed_above(source, broken)
            rows_read, loaded, rejected = _reject_rows(db, source, table, broken, file_name, above)
            db.execute("INSERT INTO loads VALUES ($f, $k, $p, $read, $loaded, $rej, $m, $h, $t, current_timestamp, "
                       "$above::BIGINT[])",
                       {"f": file_name, "k": kind, "p": platform, "read": rows_read, "loaded": loaded,
                        "rej": rejected, "m": json.dumps(mapping), "h": json.dumps(source.headers), "t": table,
                        "above": above})
            views.refresh_view(db, kind)
            db.execute("COMMIT")
        except Exception:
            db.execute("ROLLBACK")
            db.execute(f'DROP TABLE IF EXISTS "{table}"')
            raise
    reason_rows = run(db, "reject_reasons", {"file": file_name})
    reasons = dict(zip(reason_rows["reason"], reason_rows["rows"].astype(int).tolist()))
    report = LoadReport(file_name, kind, platform, rows_read, loaded, rejected, reasons, dict(mapping),
                        list(source.headers), notes=([source.note] if source.note else []) + source.warnings,
                        account=account, usd_rate=usd_rate)
    if account:
        report.notes.append(f"No account column: every row is a post of @{account.lstrip('@')}, as typed for this "
                            "file.")
    report.notes += _per_post_fee_notes(db, kind, mapping, source) + _count_in_words_notes(db, kind, mapping, source)
    if amounts_as_revenue:
        report.notes.append("'{}' holds amounts of money ('{}'), not counts of orders: it is read as revenue."
                            .format(*amounts_as_revenue))
    currencies = _amount_currencies(kind, mapping, source)
    report.currencies = sorted(set().union(*currencies.values()))
    report.notes += (repeated_header_notes(mapping, source) + regrouped_notes(kind, mapping, source)
                     + _currency_notes(currencies, usd_rate))
    if replaces:
        report.notes.append(f"{REPLACES} {file_name}.")
    if rows_read == 0:   # a green "0 loaded, 0 rejected" said nothing of why
        report.notes.append("The file has a header row but no rows of data under it: nothing was loaded.")
    if loaded + rejected != rows_read:   # the promise the whole reject report rests on
        raise AssertionError(f"{file_name}: {loaded} loaded + {rejected} rejected != {rows_read} read")
    if "platform" in schema.column_names(kind) and "platform" not in mapping and not platform:
        link = _platform_link(kind, mapping)
        unknown = db.execute(f'SELECT count(*) FILTER (WHERE platform IS NULL), count(*) FROM "{table}"'
                             ).fetchone() if link else (loaded, loaded)
        if unknown[0] < unknown[1]:
            elsewhere = counted(unknown[0], "row links elsewhere and has", "rows link elsewhere and have")
            report.notes.append(f"No platform column: each row's platform is read from its link ('{link}')"
                                + (f"; {elsewhere} none: choose the platform for this file if they are all on one"
                                   if unknown[0] else "") + ".")
        else:
            report.notes.append("No platform column and none could be guessed: choose the platform for this file.")
    if _one_order_per_id(kind, mapping) and db.execute(f'SELECT count(order_id) > 0 FROM "{table}"').fetchone()[0]:
        report.notes.append(f"No column counts orders: each row with an order id ('{mapping['order_id']}') is one "
                            "order" + (", a refund's row one order returned." if "revenue" in mapping else "."))
    if kind == "influencers" and (repeated := _repeated_accounts(db, table)):
        report.notes.append(
            f"{repeated:,} rows repeat an account listed above them (same handle and platform): each account counts "
            "once, with its row of the latest snapshot date" + ("" if "snapshot_date" in mapping else
                                                               " (this file has none, so its lowest row)") + ".")
    return report


# an amount by its currency sign or code, or by its cents ('99.99', where some cents are not '.00': an order count
# exported as '3.00' is whole)
_MONEY_MARK = re.compile(rf"\$|\bUSD\b|{CURRENCY_MARK.pattern}", re.IGNORECASE)   # dollars, or another currency
_CENTS = re.compile(r"^\s*-?[\d,]*\.(\d\d)\s*$")


def _amounts_taken_for_orders(kind: str, mapping: dict[str, str], source: Source) -> tuple[str, str] | None:
    """The header a conversions file's orders were mapped from, and an amount in it, when its cells are amounts of
    money and the file has no revenue column: Shopify's 'Sales' holds '$1,234.50', which was read as 1,235 orders."""
    header = mapping.get("orders")
    if kind != "conversions" or header is None or "revenue" in mapping:
        return None
    i = source.headers.index(header)
    cells = [str(r[i]) for r in source.sample if i < len(r) and r[i] not in (None, "")]
    cents = [m.group(1) for m in map(_CENTS.match, cells) if m]
    with_cents = any(c != "00" for c in cents)
    amounts = [c for c in cells if _MONEY_MARK.search(c) or (with_cents and _CENTS.match(c))]
    return (header, amounts[0]) if len(amounts) > len(cells) / 2 else None


# A count that a sheet may write in words, whose row is worth loading without it: a campaign sheet's deliverables
# ('3-5 posts', '2 (1 IG + 1 TT)'; ml_deliverables reads 'one reel') rejected the whole contract, its fee and coupon
# code with it
WORDS_FOR_A_COUNT = {("campaigns", "posts_contracted")}


def _count_in_words_notes(db: Database, kind: str, mapping: dict[str, str], source: Source) -> list[str]:
    """One sentence per WORDS_FOR_A_COUNT column whose sampled cells hold words where a count belongs: their rows
    load without it."""
    out = []
    for col in schema.columns(kind):
        header = mapping.get(col.name)
        if (kind, col.name) not in WORDS_FOR_A_COUNT or header is None:
            continue
        i = source.headers.index(header)
        cells = [str(r[i]) for r in source.sample if i < len(r) and r[i] not in (None, "")]
        parsed = _parse_expr(col, "c", source.decimal_comma, source.day_first)
        words = db.execute(f"SELECT list(c) FILTER (WHERE {parsed} = {NOT_PARSED[col.type]}) "
                           "FROM unnest($cells::VARCHAR[]) t(c)", {"cells": cells}).fetchone()[0] or []
        if words:
            examples = ", ".join(f"'{w}'" for w in list(dict.fromkeys(words))[:2])
            # (counted in the rows the file's style is read from, all of a campaign sheet's but the longest)
            capped = len(source.sample) >= STYLE_SAMPLE_ROWS
            rows = (f"{len(words):,} of the first {len(source.sample):,} rows" if capped
                    else counted(len(words), "row"))
            out.append(f"'{header}' gives no count of {col.label.lower()} on {rows} ({examples}): such a "
                       "contract loads without one.")
    return out


def _per_post_fee_notes(db: Database, kind: str, mapping: dict[str, str], source: Source) -> list[str]:
    """What a campaign sheet's fees written per post became (_whole_fee), from its sampled rows."""
    header = mapping.get("fee")
    if kind != "campaigns" or header is None:
        return []
    if _says_per_post(header):
        per_post = "its amounts are prices per post"
    else:
        i = source.headers.index(header)
        cells = [str(r[i]) for r in source.sample if i < len(r) and r[i] not in (None, "")]
        found = db.execute("SELECT list(c) FILTER (WHERE ml_is_per_post(c)) FROM unnest($cells::VARCHAR[]) t(c)",
                           {"cells": cells}).fetchone()[0] or []
        if not found:
            return []
        per_post = f"{counted(len(found), 'amount is a price', 'amounts are prices')} per post ('{found[0]}')"
    if "posts_contracted" in mapping:
        return [f"'{header}': {per_post}, so each contract's fee is that price times its posts contracted (one "
                "post's price where a row has none)."]
    return [f"'{header}': {per_post}, and the file has no posts contracted: each is taken as the contract's whole "
            "fee. Add a column of posts contracted to count the whole fee."]


# The highest rate to US dollars a file's currency may be given: a unit worth more than $10,000 is a typing slip
MAX_USD_RATE = 10_000


def _money_headers(kind: str, mapping: dict[str, str]) -> list[str]:
    return [mapping[col.name] for col in schema.columns(kind) if col.type == schema.MONEY and col.name in mapping]


# A column naming each row's currency: Shopify's and WooCommerce's order exports ('Currency': EUR beside 'Total')
CURRENCY_HEADERS = {"currency", "currency_code", "order_currency", "presentment_currency", "wahrung", "devise",
                    "moneda", "valuta", "moeda"}


def _amount_currencies(kind: str, mapping: dict[str, str], source: Source) -> dict[str, set[str]]:
    """Money column header -> the currencies other than dollars its sampled cells or its header name ('Kosten (€)'
    says it where the cells do not), or a currency column beside it names."""
    beside = set().union(*(currencies_in("\x00".join(row[i] for row in source.sample if i < len(row)
                                                  and isinstance(row[i], str)))
                           for i, h in enumerate(source.headers) if kinds.header_key(h) in CURRENCY_HEADERS))
    return {header: sample_currencies(source.sample, source.headers.index(header)) | currencies_in(header) | beside
            for header in _money_headers(kind, mapping)}


def _currency_notes(currencies: dict[str, set[str]], usd_rate: float | None) -> list[str]:
    """What became of the amounts: converted at the rate given for the file, or, where a column names another
    currency, read as dollars (a sheet of '1 200 €' and '$300' fees summed the two as one currency without a word)."""
    if usd_rate and not currencies:
        return ["The rate to US dollars given for this file is not used: none of its columns holds amounts of money."]
    named = set().union(*currencies.values())
    if usd_rate and len(named) > 1:
        return [f"Amounts converted to US dollars at {usd_rate:.15g} dollars per unit, but the file names "
                f"{', '.join(sorted(named))}: one rate converts one currency, and the others are wrong. Convert them "
                "to dollars in the file and upload it again."]
    if usd_rate:
        return [f"Amounts converted to US dollars at {usd_rate:.15g} dollars per unit of the file's currency, as given "
                f"for this file: {', '.join(repr(h) for h in currencies)}."]
    # one rate converts one currency: two, and the file must be converted itself
    fix = (f"Give what 1 {next(iter(named))} is worth in US dollars ('{rate_label(sorted(named))}' on the Data page, "
           "--usd-rate on the command line), or convert them in the file and upload it again." if len(named) == 1 else
           "Convert them to dollars in the file and upload it again.")
    return [f"'{header}' has amounts in {', '.join(sorted(marks))}: every amount is read as the number written and "
            f"counted as US dollars, not converted. {fix}" for header, marks in currencies.items() if marks]


def typed_rate(text: str) -> tuple[float | None, str | None]:
    """(rate, problem) of a rate to US dollars as typed: '1.10' or, as a German or French keyboard types it, '1,10'
    (a browser's number box read that as 110 and multiplied every fee by 100); empty is no rate."""
    text = (text or "").strip().removeprefix("US$").removeprefix("$").strip()
    if not text:
        return None, None
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    try:
        rate = float(text)
    except ValueError:
        return None, "Type the rate as a number, such as 1.10 or 1,10."
    problem = rate_problem(rate)
    return (None, problem) if problem else (rate, None)


def rate_problem(rate: float) -> str | None:
    """What is wrong with a rate to US dollars, typed on the Data page or given to ingest (--usd-rate)."""
    if math.isfinite(rate) and 0 < rate <= MAX_USD_RATE:
        return None
    return (f"The rate to US dollars must be above 0 and at most {MAX_USD_RATE:,}: one unit of the file's currency in "
            "dollars (1.08 where one euro buys 1.08 dollars).")


def rate_unit(currencies: list[str]) -> str:
    """What a rate to US dollars is per, for a file whose money columns name `currencies`: '€', or 'unit'."""
    return currencies[0] if len(currencies) == 1 else "unit"


def rate_label(currencies: list[str]) -> str:
    """The name of the rate to US dollars asked for a file whose money columns name `currencies` ('US$ per 1 €')."""
    return f"US$ per 1 {rate_unit(currencies)}"


def _repeated_accounts(db: Database, table: str) -> int:
    """Rows of an influencer list beyond the first for the same account: the pages count an account once."""
    return db.execute(f'SELECT count(*) - count(DISTINCT (influencer, platform)) FROM "{table}"').fetchone()[0]


def ingest_path(db: Database, path: str | Path, file_name: str | None = None, kind: str | None = None,
                mapping: dict[str, str] | None = None, platform: str | None = None,
                rebuild: bool = True, account: str | None = None, usd_rate: float | None = None) -> LoadReport:
    """Open, detect, map, parse and load one file. Never raises for bad input: errors go in the report."""
    path = Path(path)
    file_name = file_name or path.name
    source = None
    try:
        source = open_source(db, path, file_name)
        report = load_source(db, source, file_name, kind, mapping, platform, account, usd_rate)
    except IngestError as exc:
        # Keep what was recognised, so the Data page can offer the kind and a partial mapping to complete.
        headers = source.headers if source else []
        guess = kinds.detect(headers, file_name) if source else None
        guessed_kind = kind or (guess.kind if guess else None)
        partial = mapping if mapping is not None else (
            kinds.map_columns(guessed_kind, headers) if source and guessed_kind in schema.KINDS else {})
        report = LoadReport(file_name, guessed_kind, error=str(exc), headers=headers, mapping=dict(partial),
                            account=account, usd_rate=usd_rate)
    finally:
        if source is not None:
            source.close(db)
    if rebuild and report.error is None:
        from .facts import rebuild_facts
        rebuild_facts(db)
    return report


def distinct_names(names: list[str]) -> list[str]:
    """File names for files loaded together: a load replaces an earlier one of the same name (a corrected file
    uploaded again), so two different files that share a name (`posts.csv` from two folders) get `posts (2).csv`."""
    used: set[str] = set()
    out = []
    for name in names:
        stem, suffix = Path(name).stem, Path(name).suffix
        candidate, n = name, 1
        while candidate in used:
            n += 1
            candidate = f"{stem} ({n}){suffix}"
        used.add(candidate)
        out.append(candidate)
    return out


def rejects_frame(db: Database, file_name: str | None = None) -> pd.DataFrame:
    """Rejected rows with their reasons and original cells, ready to download and fix."""
    rows = run(db, "rejected_rows", {"file": file_name})
    if rows.empty:
        return rows.drop(columns=["raw"])
    cells = pd.json_normalize([json.loads(r) for r in rows["raw"]])
    return pd.concat([rows.drop(columns=["raw"]), cells], axis=1)


SAMPLE_DIR = ROOT / "sample_data"


def copy_of(path: str | Path, others: dict[str, str | Path]) -> str | None:
    """The name in `others` (name -> path) of a file with the same bytes as `path`, if any (sizes first: the bytes are
    read only where a size matches)."""
    path = Path(path)
    if not path.is_file():
        return None
    size = path.stat().st_size
    return next((name for name, other in others.items() if Path(other).is_file() and Path(other).stat().st_size == size
                 and filecmp.cmp(path, other, shallow=False)), None)


def is_bundled_sample(path: str | Path) -> bool:
    """Whether the file is one of the bundled sample files (by its bytes, wherever it was copied to and whatever
    its name): a report built from it must say that its figures are invented."""
    return copy_of(path, {sample.name: sample for sample in SAMPLE_DIR.glob("*.csv")}) is not None


def copy_refused(file_name: str, loaded_name: str) -> LoadReport:
    """The report of a file not loaded because a loaded file under another name has the same bytes: posts.csv and a
    browser's second download of it, posts (1).csv, counted every order, fee and post without an id twice."""
    return LoadReport(file=file_name, error=f"Same contents as {loaded_name}, which is loaded: not loaded again, so "
                                            "no row counts twice.", copy_of=loaded_name)


def load_sample_data(db: Database) -> list[LoadReport]:
    reports = [ingest_path(db, p, kind=p.stem, rebuild=False) for p in sorted(SAMPLE_DIR.glob("*.csv"))
               if p.stem in schema.KINDS]
    from .facts import rebuild_facts
    rebuild_facts(db)
    return reports

