"""Reading a file into text: encoding, delimiter, header row, number and date style, and Excel or Parquet into a
temp table of text columns (microlens.ingest parses them). A file that cannot be read at all raises IngestError
with one plain sentence saying what is wrong and what to do.
"""
from __future__ import annotations

import codecs
import csv
import itertools
import math
import re
import shutil
import statistics
import tempfile
import zipfile
from xml.etree import ElementTree
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import kinds
from .db import Database

# numbers of the tables a load makes (raw_N for a workbook's text, kind__N for a file's rows): one count for both
table_numbers = itertools.count()

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ""}
# what the Data page's uploader lets a user pick: every suffix read here (it refused .xlsb, .pq and .tab)
UPLOAD_TYPES = sorted(s.lstrip(".") for s in EXCEL_SUFFIXES | PARQUET_SUFFIXES | TEXT_SUFFIXES if s)
SUPPORTED = "CSV, TSV, Excel (.xlsx, .xls, .ods) or Parquet"
# text formats that would otherwise be read as a one-column CSV and fail on their mapping, far from the cause
OTHER_FORMATS = {".json": "JSON", ".jsonl": "JSON", ".ndjson": "JSON", ".xml": "XML", ".html": "HTML",
                 ".htm": "HTML"}


class IngestError(Exception):
    """A file that cannot be used at all. The message is one sentence for the user."""


@dataclass
class Source:
    """A file ready to parse: its headers and how to scan it as text columns named after them. CSV is scanned
    straight from the file inside the parse statement (no text copy of the table is ever stored); Excel and
    Parquet arrive as a temp table of text columns."""
    headers: list[str]
    table: str | None = None          # Excel / Parquet: temp table of text columns, in file order
    rows_read: int | None = None      # known up front for a table; for CSV counted by the load
    csv_path: Path | None = None
    delimiter: str = ","
    note: str = ""
    decimal_comma: bool = False       # the European convention, where '12.000' is 12,000 (see _number_style)
    us_numbers: bool = False          # some sampled number is written the other way ('12.5', '1,234.50', '0.045')
    day_first: bool = False           # slash dates put the day first: 25/12/2024 (see _number_style)
    skip_lines: int = 0               # CSV: lines above the header (a title, a date) that are not data
    scratch: Path | None = None       # folder of a transcoded UTF-8 copy of the file
    sheet: str = ""                   # a workbook's sheet read: its name, like a file's, may name the platform
    warnings: list[str] = field(default_factory=list)   # what the load found that the user should fix
    sample: list[list[str]] = field(default_factory=list)   # the first STYLE_SAMPLE_ROWS rows' cells, as text
    # header -> the median of a column whose numbers are typed as numbers (Excel, Parquet), not text
    typed_medians: dict[str, float] = field(default_factory=dict)
    quoted: bool = True               # CSV: '"' encloses cells (see ingest._parse_csv)

    def close(self, db: Database) -> None:
        if self.table:
            db.execute(f"DROP TABLE IF EXISTS {self.table}")
        if self.scratch:
            shutil.rmtree(self.scratch, ignore_errors=True)


def _sniff_text(path: Path) -> tuple[str, str]:
    """(encoding, delimiter). UTF-8 (with or without BOM) else cp1252-compatible Latin-1; UTF-16 by BOM."""
    head = path.read_bytes()[:256 * 1024] if path.stat().st_size <= 256 * 1024 else file_head(path, 256 * 1024)
    if not head.strip():
        raise IngestError("The file is empty: there is no header row and no data.")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        text = head.decode("utf-16", errors="ignore")
    elif _utf16_without_bom(head):
        # Windows tools write UTF-16 without its mark too: every other byte of its ASCII text is a zero
        encoding = "utf-16-le" if head[1] == 0 else "utf-16-be"
        text = head.decode(encoding, errors="ignore")
    else:
        if head.startswith((b"\x1f\x8b", b"\x28\xb5\x2f\xfd", b"BZh")):
            raise IngestError("This file is compressed (gzip, zstd or bzip2), not a table: unpack it and upload the "
                              "file inside.")
        if _looks_binary(head[:8192]):
            raise IngestError(f"This file is not a text table (it looks binary). Upload a {SUPPORTED} file.")
        try:
            text = head.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:          # a multi-byte character cut by the sample boundary
                text, encoding = head[:exc.start].decode("utf-8"), "utf-8"
            elif _mostly_utf8(head):
                # a stray byte from another encoding in a UTF-8 file: its line is rejected as such (the read's
                # encoding reason), where reading the file as cp1252 garbled every 'é' of the rest
                text, encoding = head.decode("utf-8", errors="replace"), "utf-8"
            else:
                encoding = legacy_encoding(head)
                text = head.decode("cp1252" if encoding == "latin-1" else encoding, errors="replace")
    text = text.lstrip("\ufeff")
    if re.match(r"\s*(\[\s*)?\{\s*\"", text):
        # JSON saved as .csv or .txt: read as a table, its one line made thousands of headers (and a minutes-long
        # wait); JSON is said to be JSON as for a .json file
        raise IngestError(f"This file holds JSON, which is not read; export the data as a {SUPPORTED} file.")
    first_lines = "\n".join(text.splitlines()[:50])
    try:
        delim = csv.Sniffer().sniff(first_lines, delimiters=",;\t|").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text.splitlines() else ""
        delim = max(",;\t|", key=first.count)
    return encoding, delim


def _looks_binary(head: bytes) -> bool:
    """Control characters no text table has, more than a stray few: a NUL pasted into one caption is that line's
    problem, not a sign that the whole file is an image or an archive (whose bytes hold hundreds)."""
    return len(re.findall(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]", head)) > max(3, len(head) // 1000)


# Encodings other than UTF-8 that Excel writes a CSV in for other scripts: (encoding, its name in a load's note, the
# test of a letter it reads as expected). Shift-JIS before GB18030, which reads Japanese bytes as other Chinese
# characters ('山田' as '嶳揷'); read as Shift-JIS, GB18030's Chinese is half-width katakana ('ｱ'). GB18030 reads the
# bytes of Korean (EUC-KR, Excel's CSV in Korea) and of traditional Chinese (Big5, in Taiwan and Hong Kong) as other
# Chinese characters too ('김민지' as '缄刮瘤'): Big5 is told by its second bytes, many of them ASCII letters and
# digits, which GB2312's never are; then EUC-KR, read as Korean when its letters are Hangul syllables (GB2312's read
# so are a mix of Hangul and Hanja, though a file of two or three Chinese characters may read as Korean: its note says
# which encoding was read).
_HANZI = ("\u4e00", "\u9fff")
_SCRIPT_ENCODINGS = (
    ("cp932", "Japanese (Shift-JIS)", lambda c: "\u3040" <= c <= "\u30ff" or _HANZI[0] <= c <= _HANZI[1]),
    # (cp950, Windows' Big5 as Excel writes it: Python's big5 lacks its euro sign and seven hanzi such as '恒')
    ("cp950", "Chinese, traditional (Big5)", lambda c: _HANZI[0] <= c <= _HANZI[1]),
    ("cp949", "Korean (EUC-KR)", lambda c: "\uac00" <= c <= "\ud7a3"),
    ("gb18030", "Chinese (GB18030)", lambda c: _HANZI[0] <= c <= _HANZI[1]),
    ("cp1251", "Cyrillic (Windows-1251)", lambda c: "\u0400" <= c <= "\u04ff"),
)
ENCODING_NAMES = {"utf-8": "UTF-8", "latin-1": "Windows-1252 (Latin-1)", "mac_roman": "Mac Roman (Excel for Mac)",
                  **{encoding: name for encoding, name, _ in _SCRIPT_ENCODINGS}}
WINDOWS_TEXT = ENCODING_NAMES["latin-1"]


def legacy_encoding(head: bytes) -> str:
    """The encoding of a file that is not UTF-8: Windows-1252 (Excel's CSV in Western Europe and the Americas),
    unless its lines end in a carriage return alone (Excel for Mac's "CSV (Macintosh)", in Mac Roman: 'zoë' was
    'zo‘') or its bytes are words of another script (Excel's CSV in Japan, China or Russia: 'анна' was 'àííà').
    Read as Windows-1252, Western text's bytes are accented letters and punctuation here and there inside words;
    Chinese and Japanese bytes are a mix of letters and symbols ('山田' is 'ŽR“c'), and Cyrillic words are runs of
    letters (in Windows-1251, À-ÿ). Such a file is read in the first encoding of _SCRIPT_ENCODINGS that reads the
    whole sample, strictly, as letters of its script."""
    if b"\r" in head and b"\n" not in head:
        return "mac_roman"
    whole_lines = head[:head.rfind(b"\n") + 1] or head     # no character cut by the sample's end
    western = [c for c in whole_lines.decode("cp1252", errors="replace") if c > "\x7f"]
    if not western:
        return "latin-1"
    symbols = sum(not c.isalpha() for c in western) / len(western)
    high = sum(b >= 0x80 for b in whole_lines)
    paired = sum(len(run) for run in re.findall(rb"[\x80-\xff]{2,}", whole_lines))
    words = sum(len(run) for run in re.findall(rb"[\xc0-\xff]{3,}", whole_lines))
    # Shift-JIS's second byte may be a letter ('山' is 0x8E 'R'), but of Japanese text's characters many have one
    # above 0x7F (4 of 6 in 'ゆき東京'), where a Western text's curly quote or accent before a letter never does: read
    # as Shift-JIS, "It’s" was "It痴". GB18030's second byte (as Chinese Excel writes it) is never a letter: a '°C'
    # of a Western caption read as GB18030 is one Chinese character. A Cyrillic word is a run of letters, not of
    # symbols ('€€€', '¡¡¡').
    pairs = re.findall(rb"[\x81-\x9f\xe0-\xfc][\x40-\x7e\x80-\xfc]", whole_lines)
    high_second = sum(pair[1] >= 0x80 for pair in pairs) / len(pairs) if pairs else 0
    # (Big5's second bytes are ASCII for about 40% of its characters, EUC-KR's and GB2312's never: a Spanish
    # '¡¡¡Oferta' read as EUC-KR was a Hangul syllable)
    wide_pairs = re.findall(rb"[\xa1-\xfe][\x40-\x7e\xa1-\xfe]", whole_lines)
    ascii_second = sum(pair[1] < 0x80 for pair in wide_pairs) / len(wide_pairs) if wide_pairs else 0
    east_asian = symbols >= 0.2 and paired >= 0.8 * high
    fits = {"cp932": symbols >= 0.2 and high_second >= 0.25,
            "cp950": symbols >= 0.2 and paired >= 0.5 * high and ascii_second >= 0.15,
            "cp949": east_asian and ascii_second < 0.15, "gb18030": east_asian, "cp1251": words >= high / 2}
    candidates = [script for script in _SCRIPT_ENCODINGS if fits[script[0]]]
    for encoding, _, expected in candidates:
        try:
            letters = [c for c in whole_lines.decode(encoding) if c > "\x7f" and c.isalpha()]
        except UnicodeDecodeError:
            continue
        if letters and sum(map(expected, letters)) / len(letters) > 0.9:
            return encoding
    return "latin-1"


def _mostly_utf8(head: bytes) -> bool:
    """A UTF-8 file with a few bytes of another encoding, not a Windows-1252 file: it says so with its byte-order
    mark, or more of its non-ASCII characters are valid UTF-8 than not (cp1252 text such as 'café' is never valid
    UTF-8 after its first accent)."""
    if head.startswith(codecs.BOM_UTF8):
        return True
    text = head.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd")
    return sum(ord(c) > 127 for c in text) - invalid > invalid


def _is_text(path: Path) -> bool:
    """The first bytes decode as text (UTF-8, UTF-16 or the Windows code page without control characters)."""
    head = file_head(path, 4096)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        return True
    return not re.search(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]", head)


def _utf16_without_bom(head: bytes) -> bool:
    """Zero bytes in every other place and in no other: UTF-16 text whose characters are mostly ASCII."""
    sample = head[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return False
    even, odd = sample[0::2], sample[1::2]
    for zeros, text in ((odd, even), (even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and text.count(0) == 0:
            return True
    return False


def file_head(path: Path, n: int) -> bytes:
    with path.open("rb") as fh:
        return fh.read(n)


def _header_record(path: Path, encoding: str, delim: str) -> tuple[list[str], int]:
    """(header, lines above it): the header may sit below a title or notes (kinds.header_row)."""
    records, lines_before = [], []
    with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
        if encoding == "utf-8":
            first = fh.read(1)
            if first != "\ufeff":
                fh.seek(0)
        reader = csv.reader(fh, delimiter=delim, quotechar='"')
        for _ in range(kinds.HEADER_SEARCH_ROWS):
            lines_before.append(reader.line_num)
            try:
                record = next(reader, None)
            except csv.Error:   # a cell over the csv module's 128 KB, or a quote left open: the header is above
                break
            if record is None:
                break
            records.append(record)
    if not records:
        return [], 0
    at = kinds.header_row(records)
    return records[at], lines_before[at]


def unique_headers(headers: list[str]) -> list[str]:
    """Blank headers get a position name; repeats get _1, _2 (the repeat is then not mapped, see kinds). Names are
    compared without case, as DuckDB compares column names: `Likes` repeats `likes`; a made-up name never takes
    one the file already has (`likes, likes, likes_1` -> `likes, likes_2, likes_1`)."""
    named = [h if h.strip() else f"column_{i + 1}" for i, h in enumerate(headers)]
    taken = {h.lower() for h in named}
    out: list[str] = []
    used: set[str] = set()
    last: dict[str, int] = {}   # the last number given to each name: a header of 30,000 repeats stays linear
    for h in named:
        name, n = h, 0
        if h.lower() in used:
            n = last.get(h.lower(), 0)
        while name.lower() in used or (n and name.lower() in taken):
            n += 1
            name = f"{h}_{n}"
        last[h.lower()] = n
        used.add(name.lower())
        out.append(name)
    return out


def to_utf8(path: Path, encoding: str) -> Path:
    """DuckDB reads UTF-8 natively; Windows-1252 (Excel's 'CSV' on Windows) and UTF-16 are transcoded once, in
    streaming chunks. Windows-1252 is a superset of Latin-1's printable range and has € at 0x80."""
    source = "cp1252" if encoding == "latin-1" else encoding
    target = Path(tempfile.mkdtemp(prefix="microlens-utf8-")) / (path.stem + ".csv")
    with path.open("r", encoding=source, errors="replace", newline="") as src, \
            target.open("w", encoding="utf-8", newline="") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return target


READ_AS = "Read as"   # how a text file's note starts: what it was read as, for the record only

# Lines that end in two carriage returns and a line feed: Python's csv module on Windows writing to a file opened
# without newline='' (scrapers' exports). DuckDB reads the first '\r' as the line break and the '\n' as the first
# character of the next row's first cell: every handle after the first began with a line break, and matched no
# other file's accounts.
DOUBLE_CR = b"\r\r\n"
DOUBLE_CR_NOTE = "each line ends in a Windows line break with a second carriage return, read as one line break"
# A carriage return alone in a file of Windows line breaks (a stray from an old Mac's text pasted into a sheet): DuckDB
# took it and the character after it for one line break, so the next line lost its first character (',30' became
# an account named '30'). Read as a line break, as DuckDB reads it in a file of Unix line breaks.
LONE_CR = re.compile(rb"\r(?!\n)")
LONE_CR_NOTE = "a carriage return alone within its Windows line breaks, read as a line break"


def line_breaks_to_mend(head: bytes) -> tuple[bool, bool]:
    """(DOUBLE_CR, a LONE_CR beside Windows line breaks) in a file's first bytes; a carriage return that ends them
    may be half of a line break, and says nothing."""
    head = head.rstrip(b"\r")
    single = head.replace(DOUBLE_CR, b"\r\n")
    return DOUBLE_CR in head, b"\r\n" in single and LONE_CR.search(single) is not None


def with_windows_line_breaks(path: Path, folder: Path) -> Path:
    """A copy of the file in `folder` with each DOUBLE_CR and each LONE_CR one Windows line break, in streaming
    chunks."""
    target = folder / f"lines-{path.name}"
    with path.open("rb") as src, target.open("wb") as dst:
        carry = b""
        while chunk := src.read(1 << 20):
            chunk = carry + chunk
            # carriage returns at a chunk's end may start a line break that the next chunk ends
            trailing = len(chunk) - len(chunk.rstrip(b"\r"))
            chunk, carry = (chunk[:-trailing], chunk[-trailing:]) if trailing else (chunk, b"")
            dst.write(_one_line_break(chunk))
        dst.write(_one_line_break(carry))
    return target


def _one_line_break(data: bytes) -> bytes:
    """Each DOUBLE_CR, then each LONE_CR left, one Windows line break."""
    return LONE_CR.sub(b"\r\n", data.replace(DOUBLE_CR, b"\r\n"))


def _open_csv(path: Path) -> Source:
    encoding, delim = _sniff_text(path)
    scratch = None
    if encoding != "utf-8":
        path = to_utf8(path, encoding)
        scratch = path.parent
    double_cr, lone_cr = line_breaks_to_mend(file_head(path, 1 << 16))
    if double_cr or lone_cr:
        scratch = scratch or Path(tempfile.mkdtemp(prefix="microlens-lines-"))
        path = with_windows_line_breaks(path, scratch)
    header, skip_lines = _header_record(path, "utf-8", delim)
    headers = unique_headers(header)
    if not any(h.strip() for h in headers) or (len(headers) == 1 and not headers[0].strip()):
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        raise IngestError("The file has no header row: the first line must name the columns.")
    encoding_name = ENCODING_NAMES.get(encoding, "UTF-16")
    note = f"{READ_AS} {encoding_name} text, delimiter {'TAB' if delim == chr(9) else repr(delim)}"
    if skip_lines:
        note += f", header on line {skip_lines + 1} ({_not_data(skip_lines, 'line')})"
    if double_cr:
        note += f", {DOUBLE_CR_NOTE}"
    if lone_cr:
        note += f", {LONE_CR_NOTE}"
    style = _number_style(path, delim, skip_lines)
    european, elsewhere = style.european, style.elsewhere
    # a ';' file is European unless its own numbers say otherwise ('12,500' followers in one were read as 12.5)
    decimal_comma = european or (delim == ";" and not elsewhere)
    if decimal_comma and delim != ";":
        note += ", numbers in the European style (1.234,5: a dot between thousands, a decimal comma)"
    day_first, dates = style.dates_day_first(decimal_comma)
    if dates:
        note += f", {dates}"
    return Source(headers, csv_path=path, delimiter=delim, note=note, decimal_comma=decimal_comma,
                  us_numbers=elsewhere, day_first=day_first, scratch=scratch, skip_lines=skip_lines,
                  sample=style.sample)


STYLE_SAMPLE_ROWS = 2000
_SLASH_DATE = re.compile(r"^\s*(\d{1,2})([/-])(\d{1,2})\2\d{2,4}\b")   # 25/12/2024, 25-12-2024
_DATE_OR_TIME = re.compile(r"^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d:\d\d")
_NUMBER_CORE = re.compile(r"[+-]?\d[\d.,]*")
# A number written as text with at most a few characters around it: '1.500 €', '12,5K', '0,85%', 'USD 1,200'
_TEXT_VALUE = re.compile(r"^\s*[^\d\s]{0,4}\s*[+-]?\d[\d.,'\u00a0\u202f]*\s*[^\d\s]{0,4}\s*$")
# Number forms only one convention writes: a decimal comma, or dots between thousands (European); commas between
# thousands, or a decimal dot with other than three digits after it (everyone else). One group ('2.345',
# '3,456') reads both ways and is no evidence.
# A number with a suffix ('1.2K', '3,4 M') is written so by the tool that counted, whatever the file's convention,
# and reads alike in both: it is no evidence of either (a ';' file of '1.200,50 €' fees was read the US way for a
# TikTok tool's '1.2K' likes, and its '12.500' followers were 13)
SUFFIXED_NUMBER = re.compile(r"[+-]?\d[\d.,]*\s*[kKmMbB]")
_EUROPEAN = re.compile(r"^(\d{1,3}(\.\d{3})+,\d+|\d+,\d{1,2}|[1-9]\d{0,2}(\.\d{3}){2,})$")
_ELSEWHERE = re.compile(r"^(\d{1,3}(,\d{3}){2,}|\d{1,3}(,\d{3})+\.\d+|\d+\.(\d{1,2}|\d{4,})|0\.\d+)$")


# Amounts in another currency than dollars: a symbol, or a code before or after the number ('1 200 €', 'CHF 300')
CURRENCY_MARK = re.compile(rf"[€£¥₹]|R\$|\b(?:A|AU|C|CA|NZ|HK|S)\$|\bRs\.?(?=\s*\d)|\b(?:{kinds.CURRENCY_CODES})\b",
                            re.IGNORECASE)


# each currency once, by its symbol where it has its own ('EUR' is '€', 'Rs.' is '₹'), else by its code ('A$' is AUD)
_CURRENCY_SYMBOL = {"EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "RS": "₹", "RS.": "₹", "A$": "AUD", "AU$": "AUD",
                    "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD"}


def currencies_in(text: str) -> set[str]:
    """The currencies other than dollars written in `text`, as symbols where they have one ('EUR' is '€')."""
    return {_CURRENCY_SYMBOL.get(mark.upper(), mark.upper()) for mark in CURRENCY_MARK.findall(text)}


def sample_currencies(sample: list[list[str]], column: int) -> set[str]:
    """The currencies other than dollars named in the sampled cells of the column at `column`: a symbol, or a number
    at one end and letters at the other ('350 eur', 'CHF 300'). Asked only of the money columns: worked out for every
    column of every file as its sample was read, it cost a million-post load 7 ms. (The pattern runs once, over the
    candidates joined by a character no part of it matches: a regex per cell cost more.)"""
    cells = [cell for row in sample if column < len(row) and isinstance(cell := row[column], str) and 0 < len(cell) < 30
             and (not cell.isascii() or (cell[0].isdigit() and cell[-1].isalpha())
                  or (cell[0].isalpha() and cell[-1].isdigit()))]
    return currencies_in("\x00".join(cells))


@dataclass
class _Style:
    """How a file writes numbers and dates, from its first STYLE_SAMPLE_ROWS rows (kept in `sample`)."""
    european: bool
    elsewhere: bool
    day_first: bool
    sample: list[list[str]]
    # slash dates, none of which says its order (no part over 12: 01/02/2024), so day_first is a guess
    undecided_dates: bool = False

    def dates_day_first(self, european: bool) -> tuple[bool, str]:
        """Whether slash dates are read day first, and the note that says so: by the dates themselves, else as the
        file writes its numbers (a European file's 01/02/2024 is 1 February; read month first, a German sheet's
        posts moved a month or more and no note said why), the guess said in words."""
        if self.day_first:
            return True, "dates day first (25/12/2024)"
        if not self.undecided_dates:
            return False, ""
        if european:
            return True, ("dates day first (01/02/2024 is 1 February), as European files write them: no date in the "
                          "first rows has a day past the 12th to say so")
        return False, ("dates month first (01/02/2024 is 2 January): no date in the first rows has a day past the "
                       "12th to say so")


def _number_style(path: Path, delim: str, skip_lines: int) -> _Style:
    """_style_of the first rows of a text file under its header."""
    records: list[list[str]] = []
    with path.open("r", encoding="utf-8", errors="replace", newline="") as fh:
        if fh.read(1) != "\ufeff":
            fh.seek(0)
        reader = csv.reader(fh, delimiter=delim, quotechar='"')
        try:
            for row_number, record in enumerate(reader):
                if row_number > skip_lines + STYLE_SAMPLE_ROWS:
                    break
                if row_number > skip_lines:
                    records.append(record)
        except csv.Error:     # a cell over the csv module's limit: the sample so far decides
            pass
    return _style_of(records)


def _style_of(records: list[list[str]]) -> _Style:
    """One convention per file, as the program that wrote it had one. German Excel's text export writes '1.020'
    comments and '1.200,50 €' in a TAB file: read cell by cell as everyone else's, '1.020' was 1 comment and
    '12.500' followers 13. European only when no cell is written the other way; day first when some slash date's
    first part is over 12 and none's second is (05/12/2024 was 12 May beside 25/12/2024 rejected as no date)."""
    european = elsewhere = day_first = month_first = slash_dates = False
    for record in records:
        for cell in record:
            # (digits alone, most cells of an export, say nothing of either: 5 ms of a load, tested first)
            if not cell or (cell.isdigit() and cell.isascii()):
                continue
            # most cells are plain numbers or words, which tell neither convention
            if len(cell) > 40 or not ("." in cell or "," in cell or "/" in cell or "-" in cell) or cell.isalpha():
                continue
            # (a test whose answer is settled is not run again: one US number decides the file, one slash date
            # whose second part is over 12 its dates)
            if not month_first and (date := _SLASH_DATE.match(cell)):
                slash_dates = True
                day_first |= int(date.group(1)) > 12
                month_first |= int(date.group(3)) > 12
            if elsewhere or _DATE_OR_TIME.search(cell):
                continue
            if SUFFIXED_NUMBER.fullmatch(cell.strip()):
                continue
            core = _NUMBER_CORE.search(cell)
            number = core.group(0).lstrip("+-") if core else ""
            european |= bool(_EUROPEAN.match(number))
            elsewhere |= bool(_ELSEWHERE.match(number))
    return _Style(european and not elsewhere, elsewhere, day_first and not month_first, records,
                  slash_dates and not day_first and not month_first)


def has_data_after_header(source: Source) -> bool:
    return len(file_head(source.csv_path, 1 << 20).strip().splitlines()) > 1 + source.skip_lines


# The lenient reader does not report lines with more cells than the header (it drops the extra cells), so it reads
# one column more than the header has: a line that fills it is rejected (ingest._parse_sql).
EXTRA_CELLS = "__cells_beyond_the_header"


def cell_column(position: int) -> str:
    """The name SQL knows a file's column by: its position, never its header (a file's text is no identifier)."""
    return f"__src_{position}"


def csv_scan(source: Source, scan: str, strict: bool, padded: bool, parallel: bool) -> str:
    """The read_csv call that yields the file's rows as text columns named by position (cell_column); broken lines
    go to {scan}_errors. `padded`: a line with fewer cells than the header gets NULLs for the rest instead of being
    a broken line. Binds $path and $delim."""
    width = len(source.headers) + (0 if strict else 1)    # lenient: the EXTRA_CELLS column last
    columns = "{" + ", ".join(f"'{cell_column(i)}': 'VARCHAR'" for i in range(width)) + "}"
    quoting = "quote='\"', escape='\"'" if source.quoted else "quote='', escape=''"
    return (f"read_csv($path, auto_detect=false, header=true, skip={source.skip_lines}, columns={columns}, "
            f"delim=$delim, {quoting}, compression='none', strict_mode={str(strict).lower()}, "
            f"null_padding={str(padded).lower()}, parallel={str(parallel).lower()}, "
            f"max_line_size={MAX_LINE_BYTES}{_buffer_size(source.csv_path)}, store_rejects=true, "
            f"rejects_table='{scan}_errors', rejects_scan='{scan}_scans')")


# A line (a row, line breaks in its quoted cells included) may be this long; DuckDB's reader then reads the file in
# buffers of 16 times that (160 MB), unless told otherwise.
MAX_LINE_BYTES = 10_000_000
# A smaller file is read in one buffer of its own size class: a posts export of 100,000 rows (15 MB) parsed in 0.22 s
# instead of 0.28, one of 200,000 (31 MB) in 0.29 instead of 0.40, one of 300,000 (46 MB) in 0.37 instead of 0.53
# (DuckDB 2.0, 2 cores; a buffer barely larger than the file was slower, and from 400,000 rows on no size was steadily
# faster). Never a buffer smaller than the file: DuckDB 2.0 misreads a line that crosses from one small buffer into
# the next (a 2 MB caption across the 12 MB mark of 12 MB buffers lost its row or split the file's later lines).
BUFFER_FOR_FILE_SIZE = ((16_000_000, 32_000_000), (48_000_000, 80_000_000))


def _buffer_size(path: Path) -> str:
    """The read_csv option that sets the buffer of a file up to 48 MB (BUFFER_FOR_FILE_SIZE); none for a larger one."""
    size = path.stat().st_size
    return next((f", buffer_size={buffer}" for most, buffer in BUFFER_FOR_FILE_SIZE if size <= most), "")


def plain_csv_error(exc: Exception) -> str:
    msg = str(exc)
    if "Invalid unicode" in msg or "INVALID UNICODE" in msg or "encoding" in msg.lower():
        return "The file's text encoding could not be read; save it as UTF-8 CSV and upload it again."
    if isinstance(exc, duckdb.OutOfMemoryException):
        return ("The file is too large to read in the memory this app may use (it may have many thousands of "
                "columns): keep only the columns you need, or split the rows into several files, and upload again.")
    # DuckDB's own message names its internals (binder, struct_pack…), which tell a marketer nothing
    return ("The file could not be read as a table: its lines could not be split into the header's columns. "
            "Save it as CSV with one header row and upload it again.")


NUMBERS_FILE = ("This is an Apple Numbers file, which this app cannot read: in Numbers, choose File > Export To > "
                "CSV (or Excel) and upload the exported file.")


def _is_numbers(path: Path) -> bool:
    """An Apple Numbers document: a zip of the app's own .iwa files (unzipped, it holds no table to upload)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.endswith(".iwa") for name in archive.namelist())
    except zipfile.BadZipFile:     # a damaged archive: its central directory unreadable
        return False


def _read_excel(db: Database, path: Path, table: str, suffix: str) -> Source:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:   # calamine raises its own error types for corrupt or encrypted books
        if suffix not in EXCEL_SUFFIXES and zipfile.is_zipfile(path):
            raise IngestError(NUMBERS_FILE if _is_numbers(path) else
                              "This file is a zip archive, not a table: unzip it and upload the files inside.") \
                from exc
        raise IngestError("This Excel file could not be opened (it may be damaged or password-protected); "
                          "save it again from Excel, or export it as CSV.") from exc
    # The sheet whose header maps best: a workbook often opens on a notes or summary sheet before the data. A visible
    # one before any hidden (a hidden sheet is an earlier version or a lookup: it was read before the visible 'Posts
    # visible' of the same columns).
    best, tables = None, []
    hidden = {m.name for m in book.sheets_metadata if str(m.visible).rsplit(".", 1)[-1] != "Visible"}
    for sheet_name in book.sheet_names:
        rows = [r for r in _sheet_rows(book.get_sheet_by_name(sheet_name)) if any(str(c).strip() for c in r)]
        if not rows:
            continue
        at = kinds.header_row([[_cell_text(c) or "" for c in r] for r in rows[:kinds.HEADER_SEARCH_ROWS]])
        headers = unique_headers([str(h).strip() for h in rows[at]])
        score = max(kinds.detect(headers).scores.values())
        if score > 0 and len(rows) > at + 1:
            tables.append(sheet_name)
        rank = (score > 0 and sheet_name not in hidden, score)
        if best is None or rank > best[0]:
            best = (rank, sheet_name, rows, at, headers)
    if best is None:
        raise IngestError("The workbook has no sheet with data.")
    _, sheet_name, rows, at, headers = best
    others = [name for name in tables if name != sheet_name and name not in hidden]
    # one sheet per platform is a common workbook: the others were passed over with nothing but "of 2" said
    warnings = [f"The workbook has data on other sheets too ({', '.join(others)}), which were not read: save each "
                "sheet as a file of its own (CSV) and upload them all."] if others else []
    # a hidden one is an earlier version or a lookup more often than more data: said apart, not to be uploaded
    if passed_over := [name for name in tables if name != sheet_name and name in hidden]:
        warnings.append(f"Hidden sheet{'s' if len(passed_over) > 1 else ''} not read: {', '.join(passed_over)}.")
    if uncalculated := uncalculated_formulas(path, sheet_name):
        one = uncalculated == 1
        warnings.append(f"{uncalculated:,} cell{'' if one else 's'} of sheet '{sheet_name}' "
                        f"{'holds a formula' if one else 'hold formulas'} without a saved result (the program that "
                        f"wrote the workbook did not calculate {'it' if one else 'them'}), so "
                        f"{'it reads' if one else 'they read'} as empty: open the file in Excel or LibreOffice, save "
                        "it, and upload it again.")
    width = len(headers)
    cells = [(list(r) + [""] * width)[:width] for r in rows[at + 1:]]
    # the conventions of the values typed as text ('1.500 €', '25/01/2024'): a number or date cell is Excel's own,
    # and a note ('rate 2,5 reels') is no value (its '2,5' made a sheet of '$1,200' fees European: $1.20)
    style = _style_of([[c if isinstance(c, str) and (_TEXT_VALUE.match(c) or _SLASH_DATE.match(c)) else ""
                        for c in r] for r in cells[:STYLE_SAMPLE_ROWS]])
    body = [[_cell_text(c, style.european) for c in r] for r in cells]
    frame = pd.DataFrame(body, columns=[cell_column(i) for i in range(width)], dtype="string")
    with db.frame_view(f"{table}_frame", frame):
        db.con.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM {table}_frame")
    note = (f"Read {'hidden ' if sheet_name in hidden else ''}sheet '{sheet_name}'"
            + (f" of {len(book.sheet_names)}" if len(book.sheet_names) > 1 else ""))
    if at:
        note += f" ({_not_data(at, 'row')})"
    if style.european:
        note += ", numbers typed as text in the European style (1.234,5: a dot between thousands, a decimal comma)"
    day_first, dates = style.dates_day_first(style.european)
    if dates:
        note += ", " + dates.replace("dates", "dates typed as text", 1)
    note += "."
    return Source(headers, table=table, rows_read=len(body), note=note, sheet=sheet_name, warnings=warnings,
                  decimal_comma=style.european, us_numbers=style.elsewhere, day_first=day_first,
                  sample=body[:STYLE_SAMPLE_ROWS], typed_medians=_typed_medians(headers, cells[:STYLE_SAMPLE_ROWS]))


# A cell whose formula has no result saved beside it ('<f>250*2</f><v></v>', as openpyxl and reporting tools write
# them): calamine reads it as empty. Not a formula whose saved result is text, empty or not (t="str").
_UNCALCULATED = re.compile(rb'<c (?![^>]*\bt="(?:str|s|inlineStr|e|b)")[^>]*>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)'
                           rb'(?:<v\s*/>|<v></v>)?</c>')
_SHEET_XML_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                 "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                 "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def uncalculated_formulas(path: Path, sheet_name: str) -> int:
    """How many cells of an .xlsx workbook's sheet hold a formula without a saved result (0 for any other file): a
    cost typed as =250*2 by a tool that never calculated it loaded as no cost, and the post took an estimated one."""
    try:
        with zipfile.ZipFile(path) as book:
            sheets = ElementTree.fromstring(book.read("xl/workbook.xml")).find("m:sheets", _SHEET_XML_NS)
            rel = next(s.get(f"{{{_SHEET_XML_NS['r']}}}id") for s in sheets if s.get("name") == sheet_name)
            rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
            target = next(r.get("Target") for r in rels.findall("p:Relationship", _SHEET_XML_NS) if r.get("Id") == rel)
            target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            count, tail = 0, b""
            with book.open(target) as xml:
                while chunk := xml.read(1 << 23):
                    data = tail + chunk
                    cut = data.rfind(b"</c>") + 4      # through the last whole cell: a match is one cell
                    if b"<f" in data[:cut]:
                        count += len(_UNCALCULATED.findall(data, 0, cut))
                    tail = data[cut:] if cut >= 4 else data
            return count
    except (KeyError, StopIteration, TypeError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return 0


def _typed_medians(headers: list[str], rows: list[list]) -> dict[str, float]:
    """The median of each column whose numbers are all typed as numbers (no number written as text beside them; a
    marker such as 'n/a' may be), from its sampled rows. See ingest._in_percent."""
    medians = {}
    for i, h in enumerate(headers):
        cells = [r[i] for r in rows if r[i] not in (None, "")]
        typed = [abs(c) for c in cells if isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c)]
        if typed and not any(isinstance(c, str) and number_in(c) is not None for c in cells):
            medians[h] = statistics.median(typed)
    return medians


def _sheet_rows(sheet) -> list[list]:
    """A sheet's rows from its first used cell, each merged range's text or date in every cell the range covers: a
    handle merged over three posts' rows was in the first only, and the other two were rejected as having no
    influencer (a campaign merged over five rows left four without one, silently). A number stays in the first."""
    rows = [list(r) for r in sheet.to_python(skip_empty_area=True)]
    top, left = sheet.start or (0, 0)
    for (r0, c0), (r1, c1) in getattr(sheet, "merged_cell_ranges", None) or []:
        if not (0 <= r0 - top < len(rows) and 0 <= c0 - left < len(rows[r0 - top])):
            continue
        value = rows[r0 - top][c0 - left]
        if isinstance(value, (int, float)):
            continue    # an amount merged over a creator's posts is one fee, not one a post (spend tripled)
        for r in range(max(r0 - top, 0), min(r1 - top + 1, len(rows))):
            for c in range(max(c0 - left, 0), min(c1 - left + 1, len(rows[r]))):
                rows[r][c] = value
    return rows


def _not_data(above: int, unit: str) -> str:
    """What a load says of the lines above a header it found further down."""
    if above == 1:
        return f"the {unit} above the header, a title or a note, is not data"
    return f"the {above} {unit}s above the header, a title or notes, are not data"


def _cell_text(c, european: bool = False) -> str | None:
    """A cell as the text the parsers read; a typed number with a fraction in a sheet whose text numbers are
    European is written so too (1200.5 as '1200,5': '1200.5' would read as 12,005)."""
    if c is None or c == "":
        return None
    if isinstance(c, float) and c.is_integer() and abs(c) < 1e15:
        return str(int(c))
    if european and isinstance(c, float):
        return repr(c).replace(".", ",")
    return str(c)


def _read_parquet(db: Database, path: Path, table: str) -> Source:
    try:
        # top-level columns (a list or struct column is one column, cast to text like the others)
        described = db.execute("DESCRIBE SELECT * FROM read_parquet($p)", {"p": str(path)}).fetchall()
        headers = [c[0] for c in described]
        columns = [cell_column(i) for i in range(len(headers))]
        by_position = f"read_parquet($p) AS file({', '.join(columns)})"
        select = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" for c in columns)
        db.execute(f"CREATE TEMP TABLE {table} AS SELECT {select} FROM {by_position}", {"p": str(path)})
        # numbers stored as numbers: their median says percent or fraction (see ingest._in_percent)
        numeric = [i for i, (_, sql_type, *_) in enumerate(described)
                   if sql_type in ("DOUBLE", "FLOAT") or sql_type.startswith("DECIMAL")]
        typed_medians = {}
        if numeric:
            medians = ", ".join(f"median(abs({columns[i]})) FILTER (WHERE isfinite({columns[i]}))" for i in numeric)
            row = db.execute(f"SELECT {medians} FROM (SELECT * FROM {by_position} LIMIT {STYLE_SAMPLE_ROWS})",
                             {"p": str(path)}).fetchone()
            typed_medians = {headers[i]: float(m) for i, m in zip(numeric, row) if m is not None}
    except duckdb.Error as exc:
        raise IngestError("This Parquet file could not be read (it may be damaged); export it again.") from exc
    n = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    sample = [list(r) for r in db.execute(f"SELECT * FROM {table} LIMIT {STYLE_SAMPLE_ROWS}").fetchall()]
    return Source(headers, table=table, rows_read=n, sample=sample, typed_medians=typed_medians)


def open_source(db: Database, path: Path, file_name: str) -> Source:
    """Any supported file -> a Source. Format by extension, then by magic bytes."""
    if path.is_dir():
        raise IngestError("This is a folder, not a file: name one of the files inside it.")
    if not path.exists():
        raise IngestError("There is no file at this path; check its name and folder.")
    if path.stat().st_size == 0:
        raise IngestError("The file is empty: there is no header row and no data.")
    table = f"raw_{next(table_numbers)}"
    suffix = Path(file_name).suffix.lower()
    try:
        magic = file_head(path, 4)
    except OSError as exc:   # no read permission, a file locked by another program
        raise IngestError(f"The file could not be opened ({(exc.strerror or 'unknown error').lower()}); "
                          f"check that it can be read and try again.") from exc
    if suffix in PARQUET_SUFFIXES or magic == b"PAR1":
        return _read_parquet(db, path, table)
    workbook = magic[:2] == b"PK" or magic == b"\xd0\xcf\x11\xe0"
    if workbook or (suffix in EXCEL_SUFFIXES and not _is_text(path)):
        return _read_excel(db, path, table, suffix)
    if re.match(rb"\s*(<!doctype html|<html|<table|<\?xml)", file_head(path, 512).lstrip(b"\xef\xbb\xbf").lower()):
        # Google Sheets, web tools and older CRMs save an HTML table (or Excel's XML) as '.xls'
        raise IngestError("This file is a web page (HTML) or XML saved under an Excel name, which is not read: open "
                          "it in Excel or Google Sheets, save it as .xlsx or CSV and upload that.")
    # a CSV named '.xlsx' is read as the text it is (it was called damaged)
    if suffix in OTHER_FORMATS:
        raise IngestError(f"{OTHER_FORMATS[suffix]} files are not read; export the data as a {SUPPORTED} file.")
    source = _open_csv(path)
    if len([h for h in source.headers if h.strip()]) < 2 and suffix not in TEXT_SUFFIXES:
        source.close(db)
        raise IngestError(f"This is not a file Microlens can read; upload a {SUPPORTED} file.")
    return source


def sql_literal(s: str) -> str:
    """One of our own constants (a totals label, a pattern) as an SQL literal; a user's text is bound instead."""
    return "'" + s.replace("'", "''") + "'"


def number_in(cell: str) -> float | None:
    """The finite number a plain rate cell holds: '3.1', '3,1' or '12.5 %'; None for a word, a marker ('inf',
    'NaN', 'n/a'), a date or an empty cell."""
    text = cell.strip().rstrip("%").strip().replace(",", ".")
    if text[:1].isalpha():    # a word, or 'inf' / 'nan', which are no finite number either (and raising costs more)
        return None
    try:
        number = abs(float(text))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


