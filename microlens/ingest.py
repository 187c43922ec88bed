"""Files in, canonical tables out: read natively with DuckDB, map headers, parse values, reject with reasons.

Invariant: for every file, rows_loaded + rows_rejected == rows_read. A file that cannot be read at all
raises IngestError with one plain sentence saying what is wrong and what to do.
"""
from __future__ import annotations

import codecs
import csv
import itertools
import json
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import kinds, schema
from .db import Database

_counter = itertools.count()
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
TEXT_SUFFIXES = {".csv", ".tsv", ".txt", ".tab", ""}
SUPPORTED = "CSV, TSV, Excel (.xlsx, .xls, .ods) or Parquet"

_PARSER = {schema.COUNT: "ml_count", schema.INT: "ml_count", schema.MONEY: "ml_money",
           schema.RATIO: "ml_ratio", schema.DATE: "ml_date", schema.TIMESTAMP: "ml_timestamp",
           schema.BOOL: "ml_bool"}
_TEXT_PARSER = {"influencer": "ml_handle", "coupon_code": "ml_code", "platform": "ml_platform"}
_NOT_A = {schema.COUNT: "a number", schema.INT: "a whole number", schema.MONEY: "an amount",
          schema.RATIO: "a rate or percentage", schema.DATE: "a date", schema.TIMESTAMP: "a date",
          schema.BOOL: "yes/no"}


class IngestError(Exception):
    """A file that cannot be used at all. The message is one sentence for the user."""


@dataclass
class RawTable:
    name: str                # temp table with every column as text, in file order
    headers: list[str]
    rows_read: int
    broken_lines: pd.DataFrame = field(default_factory=pd.DataFrame)   # line, reason, csv_line
    note: str = ""
    decimal_comma: bool = False   # ';'-delimited text: the European convention, where '12.000' is 12,000


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

    def as_json(self) -> dict:
        keys = ("file", "kind", "rows_read", "rows_loaded", "rows_rejected", "reject_reasons", "mapping", "error")
        return {k: asdict(self)[k] for k in keys}

    def summary(self) -> str:
        if self.error:
            return self.error
        return f"{self.rows_loaded:,} loaded, {self.rows_rejected:,} rejected of {self.rows_read:,} rows read"


# ---------------------------------------------------------------- reading a file into an all-text table

def _sniff_text(path: Path) -> tuple[str, str]:
    """(encoding, delimiter). UTF-8 (with or without BOM) else cp1252-compatible Latin-1; UTF-16 by BOM."""
    head = path.read_bytes()[:256 * 1024] if path.stat().st_size <= 256 * 1024 else _head(path, 256 * 1024)
    if not head.strip():
        raise IngestError("The file is empty: there is no header row and no data.")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        text = head.decode("utf-16", errors="ignore")
    else:
        if b"\x00" in head[:8192]:
            raise IngestError(f"This file is not a text table (it looks binary). Upload a {SUPPORTED} file.")
        try:
            text = head.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            if exc.start > len(head) - 4:          # a multi-byte character cut by the sample boundary
                text, encoding = head[:exc.start].decode("utf-8"), "utf-8"
            else:
                text, encoding = head.decode("latin-1"), "latin-1"
    text = text.lstrip("\ufeff")
    first_lines = "\n".join(text.splitlines()[:50])
    try:
        delim = csv.Sniffer().sniff(first_lines, delimiters=",;\t|").delimiter
    except csv.Error:
        first = text.splitlines()[0] if text.splitlines() else ""
        delim = max(",;\t|", key=first.count)
    return encoding, delim


def _head(path: Path, n: int) -> bytes:
    with path.open("rb") as fh:
        return fh.read(n)


def _header_record(path: Path, encoding: str, delim: str) -> list[str]:
    with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
        if encoding == "utf-8":
            first = fh.read(1)
            if first != "\ufeff":
                fh.seek(0)
        row = next(csv.reader(fh, delimiter=delim, quotechar='"'), [])
    return row


def unique_headers(headers: list[str]) -> list[str]:
    """Blank headers get a position name; repeats get _1, _2 (the repeat is then not mapped, see kinds)."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        h = h if h.strip() else f"column_{i + 1}"
        if h in seen:
            seen[h] += 1
            h = f"{h}_{seen[h]}"
        else:
            seen[h] = 0
        out.append(h)
    return out


def _to_utf8(path: Path, encoding: str) -> Path:
    """DuckDB reads UTF-8 natively; Windows-1252 (Excel's 'CSV' on Windows) and UTF-16 are transcoded once, in
    streaming chunks. Windows-1252 is a superset of Latin-1's printable range and has € at 0x80."""
    source = "cp1252" if encoding == "latin-1" else encoding
    target = Path(tempfile.mkdtemp(prefix="microlens-utf8-")) / (path.stem + ".csv")
    with path.open("r", encoding=source, errors="replace", newline="") as src, \
            target.open("w", encoding="utf-8", newline="") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return target


def _read_csv(db: Database, path: Path, table: str) -> RawTable:
    encoding, delim = _sniff_text(path)
    if encoding != "utf-8":
        transcoded = _to_utf8(path, encoding)
        try:
            raw = _read_csv(db, transcoded, table)
        finally:
            shutil.rmtree(transcoded.parent, ignore_errors=True)
        raw.note = raw.note.replace("UTF-8", "Windows-1252 (Latin-1)" if encoding == "latin-1" else "UTF-16")
        return raw
    headers = unique_headers(_header_record(path, encoding, delim))
    if not any(h.strip() for h in headers) or (len(headers) == 1 and not headers[0].strip()):
        raise IngestError("The file has no header row: the first line must name the columns.")
    columns = "{" + ", ".join(f"{_lit(h)}: 'VARCHAR'" for h in headers) + "}"
    raw = _scan_csv(db, path, table, columns, delim, encoding, strict=True)
    if raw is None or (raw[0] == 0 and raw[1].empty and _has_data_after_header(path)):
        # Strict mode refuses files that mix line endings (a newline inside a quoted header cell, CRLF
        # between records) and then reads nothing; the lenient parser reads them correctly.
        db.execute(f"DROP TABLE IF EXISTS {table}")
        raw = _scan_csv(db, path, table, columns, delim, encoding, strict=False)
        lenient = True
    else:
        lenient = False
    loaded, broken = raw
    note = (f"Read as UTF-8 text, delimiter "
            f"{'TAB' if delim == chr(9) else repr(delim)}" + (", in lenient mode (mixed line endings)." if lenient
                                                               else "."))
    return RawTable(table, headers, loaded + len(broken), broken, note=note, decimal_comma=delim == ";")


def _has_data_after_header(path: Path) -> bool:
    return len(_head(path, 1 << 20).strip().splitlines()) > 1


def _scan_csv(db: Database, path: Path, table: str, columns: str, delim: str, encoding: str,
              strict: bool) -> tuple[int, pd.DataFrame] | None:
    """(rows loaded into `table`, broken lines) or None when strict mode could not parse the file."""
    scan = f"scan_{table}"
    try:
        db.execute(
            f"CREATE TEMP TABLE {table} AS SELECT * FROM read_csv($path, auto_detect=false, header=true, "
            f"columns={columns}, delim=$delim, quote='\"', escape='\"', encoding=$encoding, "
            f"strict_mode={'true' if strict else 'false'}, null_padding=true, max_line_size=10000000, "
            f"store_rejects=true, rejects_table='{scan}_errors', rejects_scan='{scan}_scans')",
            {"path": str(path), "delim": delim, "encoding": encoding})
        broken = db.df(f"SELECT line, any_value(error_type) AS error_type, any_value(csv_line) AS csv_line "
                       f"FROM {scan}_errors GROUP BY line ORDER BY line")
    except duckdb.Error as exc:
        if strict:
            return None
        raise IngestError(_plain_csv_error(exc)) from exc
    finally:
        db.execute(f"DROP TABLE IF EXISTS {scan}_errors")
        db.execute(f"DROP TABLE IF EXISTS {scan}_scans")
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0], broken


def _plain_csv_error(exc: Exception) -> str:
    msg = str(exc)
    if "Invalid unicode" in msg or "INVALID UNICODE" in msg or "encoding" in msg.lower():
        return "The file's text encoding could not be read; save it as UTF-8 CSV and upload it again."
    return ("The file could not be read as a table (" + msg.splitlines()[0][:160] +
            "). Save it as CSV with one header row and upload it again.")


def _read_excel(db: Database, path: Path, table: str) -> RawTable:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:   # calamine raises its own error types for corrupt or encrypted books
        raise IngestError("This Excel file could not be opened (it may be damaged or password-protected); "
                          "save it again from Excel, or export it as CSV.") from exc
    for sheet_name in book.sheet_names:
        rows = [r for r in book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=True)
                if any(str(c).strip() for c in r)]
        if len(rows) >= 1:
            break
    else:
        raise IngestError("The workbook has no sheet with data.")
    headers = unique_headers([str(h).strip() for h in rows[0]])
    width = len(headers)
    body = [[_cell_text(c) for c in (list(r) + [""] * width)[:width]] for r in rows[1:]]
    frame = pd.DataFrame(body, columns=headers, dtype="string")
    with db.lock:
        db.con.register(f"{table}_frame", frame)
        db.con.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM {table}_frame")
        db.con.unregister(f"{table}_frame")
    note = f"Read sheet '{sheet_name}'" + (f" of {len(book.sheet_names)}." if len(book.sheet_names) > 1 else ".")
    return RawTable(table, headers, len(body), note=note)


def _cell_text(c) -> str | None:
    if c is None or c == "":
        return None
    if isinstance(c, float) and c.is_integer() and abs(c) < 1e15:
        return str(int(c))
    return str(c)


def _read_parquet(db: Database, path: Path, table: str) -> RawTable:
    try:
        cols = db.execute("SELECT name FROM parquet_schema($p) WHERE num_children IS NULL OR num_children = 0",
                          {"p": str(path)}).fetchall()
        headers = [c[0] for c in cols]
        select = ", ".join(f'CAST("{_ident(h)}" AS VARCHAR) AS "{_ident(h)}"' for h in headers)
        db.execute(f"CREATE TEMP TABLE {table} AS SELECT {select} FROM read_parquet($p)", {"p": str(path)})
    except duckdb.Error as exc:
        raise IngestError("This Parquet file could not be read (it may be damaged); export it again.") from exc
    n = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return RawTable(table, headers, n)


def read_raw(db: Database, path: Path, file_name: str) -> RawTable:
    """Any supported file -> a temp table of text columns. Format by extension, then by magic bytes."""
    if not path.exists() or path.stat().st_size == 0:
        raise IngestError("The file is empty: there is no header row and no data.")
    table = f"raw_{next(_counter)}"
    suffix = Path(file_name).suffix.lower()
    magic = _head(path, 4)
    if suffix in PARQUET_SUFFIXES or magic == b"PAR1":
        return _read_parquet(db, path, table)
    if suffix in EXCEL_SUFFIXES or magic[:2] == b"PK" or magic == b"\xd0\xcf\x11\xe0":
        return _read_excel(db, path, table)
    if suffix in TEXT_SUFFIXES or suffix not in (EXCEL_SUFFIXES | PARQUET_SUFFIXES):
        raw = _read_csv(db, path, table)
        if len([h for h in raw.headers if h.strip()]) < 2 and suffix not in TEXT_SUFFIXES:
            raise IngestError(f"This is not a file Microlens can read; upload a {SUPPORTED} file.")
        return raw
    raise IngestError(f"This is not a file Microlens can read; upload a {SUPPORTED} file.")


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _ident(s: str) -> str:
    return s.replace('"', '""')


# ---------------------------------------------------------------- mapping, parsing, rejecting

def _parse_expr(col: schema.Column, src: str, eu: bool = False) -> str:
    ref = f'"{_ident(src)}"'
    if col.type == schema.TEXT:
        return f"{_TEXT_PARSER.get(col.name, 'ml_text')}({ref})"
    if eu and col.type in (schema.COUNT, schema.INT, schema.MONEY, schema.RATIO):
        return f"{_PARSER[col.type]}({ref}, eu := true)"
    return f"{_PARSER[col.type]}({ref})"


def _reason_exprs(col: schema.Column, required: bool) -> list[str]:
    """Reasons over the already-parsed column "name" and its raw text "__raw_name" (each value parsed once)."""
    parsed, raw = f'"{col.name}"', f'"__raw_{col.name}"'
    out = []
    if required:
        out.append(f"CASE WHEN {parsed} IS NULL THEN '{col.name} is missing' END")
    if col.type != schema.TEXT:
        # cheap test first: only rows whose parse failed pay for the missing-marker check
        out.append(f"CASE WHEN {parsed} IS NULL AND {raw} IS NOT NULL AND NOT ml_is_missing({raw}) "
                   f"THEN '{col.name} is not {_NOT_A[col.type]}' END")
    if col.type in (schema.COUNT, schema.INT, schema.MONEY):
        out.append(f"CASE WHEN {parsed} < 0 THEN '{col.name} is negative' END")
    return out


def validate_mapping(kind: str, mapping: dict[str, str], headers: list[str]) -> None:
    """A user-edited mapping must name real headers and cover the kind's required columns."""
    known = set(schema.column_names(kind))
    for canon, src in mapping.items():
        if canon not in known:
            raise IngestError(f"'{canon}' is not a column of {schema.KIND_LABELS[kind]}.")
        if src not in headers:
            raise IngestError(f"The file has no column named '{src}'.")
    missing = [c.label for c in schema.columns(kind) if c.required and c.name not in mapping]
    if missing:
        raise IngestError(f"This file has no column for {' and '.join(missing)}, which a file of kind "
                          f"'{schema.KIND_LABELS[kind]}' needs; pick the column in the mapping or choose "
                          f"another kind.")
    one_of = schema.REQUIRED_ONE_OF.get(kind)
    if one_of and not any(c in mapping for c in one_of):
        raise IngestError(f"{schema.KIND_LABELS[kind]} need a column for {' or '.join(one_of)}; pick one in the "
                          f"column mapping.")


def _load_table(db: Database, raw: RawTable, kind: str, mapping: dict[str, str], platform: str | None,
                file_name: str) -> tuple[int, int]:
    cols = schema.columns(kind)
    selects, reasons = [], []
    for col in cols:
        src = mapping.get(col.name)
        if src is None:
            if col.name == "platform":
                selects.append(f"{_lit(platform) if platform else 'NULL'} AS platform")
            else:
                selects.append(f"NULL AS \"{col.name}\"")
            continue
        expr = _parse_expr(col, src, raw.decimal_comma)
        if col.name == "platform" and platform:
            expr = f"coalesce({expr}, {_lit(platform)})"
        selects.append(f'{expr} AS "{col.name}"')
        if col.type != schema.TEXT:
            selects.append(f'"{_ident(src)}" AS "__raw_{col.name}"')
        reasons += _reason_exprs(col, col.required)
    one_of = [n for n in schema.REQUIRED_ONE_OF.get(kind, ()) if n in mapping]
    if one_of:
        reasons.append(f"CASE WHEN {' AND '.join(f'{chr(34)}{n}{chr(34)} IS NULL' for n in one_of)} "
                       f"THEN '{' and '.join(schema.REQUIRED_ONE_OF[kind])} both missing' END")
    # Building a list per row is the expensive part, and almost every row is fine: only rows for which some
    # reason applies build the list (the CASE evaluates its THEN branch for those rows alone).
    conditions = [r.split(" WHEN ", 1)[1].rsplit(" THEN ", 1)[0] for r in reasons]
    reason_list = (f"CASE WHEN {' OR '.join(f'({c})' for c in conditions)} THEN list_filter([{', '.join(reasons)}]"
                   f"::VARCHAR[], lambda r: r IS NOT NULL) ELSE []::VARCHAR[] END" if reasons else "[]::VARCHAR[]")
    staged = f"staged_{raw.name}"
    db.execute(f"CREATE TEMP TABLE {staged} AS SELECT *, {reason_list} AS _reasons FROM ("
               f"SELECT {', '.join(selects)}, {_lit(file_name)} AS source_file, rowid + 1 AS source_row, "
               f"rowid AS _rid FROM {raw.name})")
    names = ", ".join(f'"{c.name}"' for c in cols)
    db.execute(f'INSERT INTO "{kind}" ({names}, source_file, source_row) SELECT {names}, source_file, source_row '
               f"FROM {staged} WHERE len(_reasons) = 0")
    db.execute(f"INSERT INTO rejects SELECT s.source_file, s.source_row, s._reasons[1], s._reasons, "
               f"to_json(r) FROM {staged} s JOIN {raw.name} r ON r.rowid = s._rid WHERE len(s._reasons) > 0")
    loaded, rejected = db.execute(
        f"SELECT count(*) FILTER (WHERE len(_reasons) = 0), count(*) FILTER (WHERE len(_reasons) > 0) "
        f"FROM {staged}").fetchone()
    db.execute(f"DROP TABLE {staged}")
    for _, line in raw.broken_lines.iterrows():
        db.execute("INSERT INTO rejects VALUES ($f, $line, $reason, [$reason], to_json({'line': $text}))",
                   {"f": file_name, "line": int(line["line"]),
                    "reason": _broken_reason(str(line["error_type"])), "text": str(line["csv_line"])[:2000]})
    return loaded, rejected + len(raw.broken_lines)


def _broken_reason(error_type: str) -> str:
    return {"TOO MANY COLUMNS": "line has more cells than the header",
            "MISSING COLUMNS": "line has fewer cells than the header",
            "UNQUOTED VALUE": "line has an unclosed or stray quote",
            "INVALID UNICODE": "line has characters in another encoding",
            "LINE SIZE OVER MAXIMUM": "line is too long"}.get(error_type, "line could not be split into cells")


def forget_file(db: Database, file_name: str) -> None:
    """Remove everything loaded from a file (a re-upload or a changed kind replaces it)."""
    for kind in schema.KINDS:
        db.execute(f'DELETE FROM "{kind}" WHERE source_file = $f', {"f": file_name})
    db.execute("DELETE FROM rejects WHERE source_file = $f", {"f": file_name})
    db.execute("DELETE FROM loads WHERE source_file = $f", {"f": file_name})


def load_raw(db: Database, raw: RawTable, file_name: str, kind: str | None = None,
             mapping: dict[str, str] | None = None, platform: str | None = None) -> LoadReport:
    """Map, parse and load an already-read raw table; replaces earlier rows from the same file name."""
    detection = kinds.detect(raw.headers, file_name)
    kind = kind or detection.kind
    if kind not in schema.KINDS:
        raise IngestError(f"'{kind}' is not a data kind; choose one of {', '.join(schema.KINDS)}.")
    if mapping is None:
        mapping = detection.mapping if kind == detection.kind else kinds.map_columns(kind, raw.headers)
    validate_mapping(kind, mapping, raw.headers)
    platform = platform or (detection.platform_hint if "platform" not in mapping else None)
    with db.lock:
        db.execute("BEGIN TRANSACTION")
        try:
            forget_file(db, file_name)
            loaded, rejected = _load_table(db, raw, kind, mapping, platform, file_name)
            db.execute("INSERT INTO loads VALUES ($f, $k, $p, $read, $loaded, $rej, $m, $h, current_timestamp)",
                       {"f": file_name, "k": kind, "p": platform, "read": raw.rows_read, "loaded": loaded,
                        "rej": rejected, "m": json.dumps(mapping), "h": json.dumps(raw.headers)})
            db.execute("COMMIT")
        except Exception:
            db.execute("ROLLBACK")
            raise
    reasons = dict(db.execute("SELECT reason, count(*) FROM rejects WHERE source_file = $f GROUP BY reason "
                              "ORDER BY count(*) DESC", {"f": file_name}).fetchall())
    report = LoadReport(file_name, kind, platform, raw.rows_read, loaded, rejected, reasons, dict(mapping),
                        list(raw.headers), notes=[raw.note] if raw.note else [])
    if loaded + rejected != raw.rows_read:   # the promise the whole reject report rests on
        raise AssertionError(f"{file_name}: {loaded} loaded + {rejected} rejected != {raw.rows_read} read")
    if "platform" in schema.column_names(kind) and "platform" not in mapping and not platform:
        report.notes.append("No platform column and none could be guessed: choose the platform for this file.")
    return report


def ingest_path(db: Database, path: str | Path, file_name: str | None = None, kind: str | None = None,
                mapping: dict[str, str] | None = None, platform: str | None = None,
                rebuild: bool = True) -> LoadReport:
    """Read, detect, map, parse and load one file. Never raises for bad input: errors go in the report."""
    path = Path(path)
    file_name = file_name or path.name
    raw = None
    try:
        raw = read_raw(db, path, file_name)
        report = load_raw(db, raw, file_name, kind, mapping, platform)
    except IngestError as exc:
        # Keep what was recognised, so the Data page can offer the kind and a partial mapping to complete.
        guess = kinds.detect(raw.headers, file_name) if raw else None
        guessed_kind = kind or (guess.kind if guess else None)
        partial = mapping if mapping is not None else (
            kinds.map_columns(guessed_kind, raw.headers) if raw and guessed_kind in schema.KINDS else {})
        report = LoadReport(file_name, guessed_kind, error=str(exc), headers=raw.headers if raw else [],
                            mapping=dict(partial))
    finally:
        if raw is not None:
            db.execute(f"DROP TABLE IF EXISTS {raw.name}")
    if rebuild and report.error is None:
        from .facts import rebuild_facts
        rebuild_facts(db)
    return report


def ingest_bytes(db: Database, data: bytes, file_name: str, **kwargs) -> LoadReport:
    """Uploads arrive as bytes: DuckDB reads files natively, so they go to a private temp file first."""
    suffix = Path(file_name).suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", Path(file_name).suffix) else ""
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=True) as tmp:
        tmp.write(data)
        tmp.flush()
        return ingest_path(db, tmp.name, file_name=file_name, **kwargs)


def rejects_frame(db: Database, file_name: str | None = None) -> pd.DataFrame:
    """Rejected rows with their reasons and original cells, ready to download and fix."""
    rows = db.df("SELECT source_file, source_row, array_to_string(reasons, '; ') AS reasons, raw::VARCHAR AS raw "
                 "FROM rejects WHERE $f IS NULL OR source_file = $f ORDER BY source_file, source_row",
                 {"f": file_name})
    if rows.empty:
        return rows.drop(columns=["raw"])
    cells = pd.json_normalize([json.loads(r) for r in rows["raw"]])
    return pd.concat([rows.drop(columns=["raw"]), cells], axis=1)


def loads_frame(db: Database) -> pd.DataFrame:
    return db.df("SELECT source_file, kind, platform, rows_read, rows_loaded, rows_rejected, mapping::VARCHAR "
                 "AS mapping, headers::VARCHAR AS headers FROM loads ORDER BY loaded_at, source_file")


def load_sample_data(db: Database) -> list[LoadReport]:
    from .db import ROOT

    sample = ROOT / "sample_data"
    reports = [ingest_path(db, p, kind=p.stem, rebuild=False) for p in sorted(sample.glob("*.csv"))
               if p.stem in schema.KINDS]
    from .facts import rebuild_facts
    rebuild_facts(db)
    return reports

