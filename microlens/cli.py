"""Command line: the same ingest, metrics and report code as the app, without the UI.

    python -m microlens check FILE... [--kind KIND] [--platform PLATFORM] [--account HANDLE] [--usd-rate RATE]
        [--json]
    python -m microlens influencers --data FILE... [--platform PLATFORM] [--account HANDLE] [--usd-rate RATE] [--json]
    python -m microlens report --data FILE... --out PATH [--format html|pdf|pptx|json|xlsx] [--title TITLE]
        [--platform PLATFORM] [--account HANDLE] [--usd-rate RATE]
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

import pandas as pd

from . import db as mdb
from . import ingest, repeats, schema
from .filters import Filters

REPORT_FORMATS = ["html", "pdf", "pptx", "json", "xlsx"]

INFLUENCER_COLUMNS = ["influencer", "platform", "band", "followers", "posts", "engagements", "median_er", "cost",
                      "cpe", "cost_estimated"]


def _load(files: list[str], args, kind: str | None = None,
          copies: bool = False) -> tuple[mdb.Database, list[ingest.LoadReport]]:
    """The files in one database, with the command's file choices (`args`: --platform, --account, --usd-rate); a file
    with the bytes of one loaded before is not loaded unless `copies` (check reads each file as given), as on the
    Data page: its rows would count twice."""
    database = mdb.new_database()
    names = ingest.distinct_names([Path(f).name for f in files])
    reports, loaded = [], {}
    for f, name in zip(files, names):
        twin = None if copies else ingest.copy_of(f, loaded)
        reports.append(ingest.copy_refused(name, twin) if twin else
                       ingest.ingest_path(database, f, file_name=name, kind=kind, platform=args.platform,
                                          account=args.account, usd_rate=args.usd_rate, rebuild=False))
        if not reports[-1].error:
            loaded[name] = f
    from .facts import rebuild_facts
    rebuild_facts(database)
    for row in mdb.run(database, "repeated_posts").itertuples():
        for r in reports:
            if r.file == row.source_file:
                r.notes.append(repeats.note(row.rows_repeated, list(row.kept_in), row.source_file, row.kind))
    return database, reports


def _bad_platform(args) -> bool:
    if args.platform and args.platform not in schema.PLATFORMS:
        print(f"error: --platform must be one of {', '.join(schema.PLATFORMS)}", file=sys.stderr)
        return True
    return False


# A file's text printed to a terminal: its control characters ('\x1b[31m' in a handle recoloured the terminal, and
# '\x1b]0;…\x07' retitled its window) each as '?'; --json escapes them itself
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _say(text: str, stream=None) -> None:
    print(_CONTROLS.sub("?", text), file=stream or sys.stdout)


def cmd_check(args) -> int:
    if args.kind and args.kind not in schema.KINDS:
        print(f"error: --kind must be one of {', '.join(schema.KINDS)}", file=sys.stderr)
        return 2
    if _bad_platform(args):
        return 2
    _, reports = _load(args.files, args, args.kind, copies=True)
    for r in reports:
        if args.json:
            print(json.dumps(r.as_json(), ensure_ascii=False))
        elif r.error:
            _say(f"{r.file}: error: {r.error}", sys.stderr)
        else:
            reasons = "; ".join(f"{k} ({v})" for k, v in r.reject_reasons.items())
            _say(f"{r.file}: {r.kind}: {r.summary()}" + (f" — {reasons}" if reasons else ""))
        # what the Data page says beside the file (sheets not read, the platform to choose, …)
        for note in [] if args.json or r.error else r.notes:
            _say(f"  note: {note}")
    return 2 if any(r.error for r in reports) else 0


def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def influencer_table(database: mdb.Database, filters: Filters | None = None) -> pd.DataFrame:
    return mdb.run(database, "influencer_table", (filters or Filters()).params())[INFLUENCER_COLUMNS]


def _load_data(args) -> mdb.Database | None:
    """Load the --data files of a command (with its file choices); errors go to stderr; None when no
    file could be read or an option is wrong."""
    if _bad_platform(args):
        return None
    database, reports = _load(args.data, args)
    for r in reports:
        if r.error:
            _say(f"{r.file}: error: {r.error}", sys.stderr)
    return None if all(r.error for r in reports) else database


def cmd_influencers(args) -> int:
    database = _load_data(args)
    if database is None:
        return 2
    table = influencer_table(database)
    if args.json:
        for row in table.to_dict("records"):
            print(json.dumps({k: _clean(v) for k, v in row.items()}, ensure_ascii=False))
    else:
        with pd.option_context("display.max_rows", None, "display.width", 200):
            _say(table.to_string(index=False))
    return 0


def cmd_report(args) -> int:
    from . import export, report

    out = Path(args.out)
    if not out.parent.is_dir():   # said before the report is built, not in a traceback after it
        _say(f"error: there is no folder {str(out.parent)!r} to write {out.name!r} in; create it or choose another "
             "--out.", sys.stderr)
        return 2
    database = _load_data(args)
    if database is None:
        return 2
    fmt = args.format or out.suffix.lstrip(".").lower() or "html"
    try:
        # the bundled sample's invented figures say so on every page, as the app's exports of it do
        mark = export.SAMPLE_MARK if any(ingest.is_bundled_sample(f) for f in args.data) else ""
        data = report.build(database, fmt, title=args.title, mark=mark)
    except report.ReportError as exc:
        _say(f"error: {exc}", sys.stderr)
        return 2
    try:
        out.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as exc:   # no permission, a folder of that name, a full disk
        _say(f"error: could not write {str(out)!r}: {exc.strerror or exc}.", sys.stderr)
        return 2
    _say(f"wrote {args.out} ({fmt})")
    return 0


def _file_choices(p: argparse.ArgumentParser) -> None:
    """What the Data page lets a user say of a file, for every file of the command."""
    p.add_argument("--platform", help="the platform of rows without one: " + ", ".join(schema.PLATFORMS))
    p.add_argument("--account", help="the handle of a file of one account's posts, which has no account column")
    p.add_argument("--usd-rate", type=float, help="US dollars per unit of the files' currency, where their amounts "
                                                  "are not in dollars: every amount is converted at it")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m microlens", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="read files and report rows loaded / rejected")
    p.add_argument("files", nargs="+")
    p.add_argument("--kind", help="force the kind: " + ", ".join(schema.KINDS))
    _file_choices(p)
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("influencers", help="the per-influencer table (band, ER, cost, CPE)")
    p.add_argument("--data", nargs="+", required=True)
    _file_choices(p)
    p.add_argument("--json", action="store_true", help="one JSON object per influencer and platform")
    p.set_defaults(func=cmd_influencers)
    p = sub.add_parser("report", help="build the client report without the UI")
    p.add_argument("--data", nargs="+", required=True)
    _file_choices(p)
    p.add_argument("--out", required=True)
    # report.FORMATS, written out so that `check` does not import the exporters (a test keeps the two alike)
    p.add_argument("--format", choices=REPORT_FORMATS)
    p.add_argument("--title", default="Micro-influencers vs celebrity")
    p.set_defaults(func=cmd_report)
    args = parser.parse_args(argv)
    return args.func(args)
