"""The client report: every area's sections, in page order, written as HTML, PDF, PowerPoint or JSON."""
from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import replace

from . import db as mdb
from . import export
from .context import Context

# Page order of the app; each module exposes sections(ctx).
AREAS = ("area_cost", "area_influencers", "area_prices", "area_campaigns", "area_takeover", "area_planner",
         "area_roster", "area_benchmarks")
FORMATS = ("html", "pdf", "pptx", "json", "xlsx")


class ReportError(Exception):
    """A report that cannot be written; the message is for the user."""


def _run_once(database: mdb.Database):
    """A query runner that runs each query with the same parameters once: areas share queries (the Cost page's
    sales evidence and the Campaigns page both read campaign_results), as the app's cached runner lets them."""
    done: dict[str, object] = {}

    def runner(name: str, params: dict):
        key = f"{name}|{sorted(params.items())!r}"
        if key not in done:
            done[key] = mdb.run(database, name, params)
        return done[key].copy()      # a caller may add columns to what it gets
    return runner


def collect(ctx: Context) -> list[export.Section]:
    """Every area's sections in page order; none at all when no data is loaded (benchmarks alone are no report)."""
    if not ctx.db.execute("SELECT count(*) FROM post_facts").fetchone()[0]:
        return []
    if ctx.runner is None:
        ctx = replace(ctx, runner=_run_once(ctx.db))
    out: list[export.Section] = []
    for name in AREAS:
        out += importlib.import_module(f"microlens.{name}").sections(ctx)
    return out


def subtitle(ctx: Context) -> str:
    return f"{dt.date.today():%d %B %Y} · {ctx.filters.describe()}"


def write(sections: list[export.Section], fmt: str, title: str, sub: str,
          brand: export.Brand | None = None, mark: str = "") -> bytes | str:
    """The report in `fmt`; `mark` (export.SAMPLE_MARK where the data is the bundled sample) on every page, slide
    and sheet."""
    brand = brand or export.Brand()
    if fmt not in FORMATS:
        raise ReportError(f"Unknown format '{fmt}'; choose one of {', '.join(FORMATS)}.")
    if not sections:
        raise ReportError("There is nothing to report: no data matches the current filters.")
    try:
        if fmt == "html":
            return export.to_html(sections, title, sub, brand, mark)
        if fmt == "pdf":
            return export.to_pdf(sections, title, sub, brand, mark)
        if fmt == "pptx":
            return export.to_pptx(sections, title, sub, brand, mark)
        if fmt == "xlsx":
            return export.to_xlsx(sections, mark, title, sub)
        return export.to_json(sections, mark)
    except export.ExportUnavailable as exc:
        raise ReportError(str(exc)) from exc


def build(database: mdb.Database, fmt: str, title: str = "Micro-influencers vs celebrity",
          ctx: Context | None = None, brand: export.Brand | None = None, mark: str = "") -> bytes | str:
    ctx = ctx or Context(db=database)
    return write(collect(ctx), fmt, title, subtitle(ctx), brand, mark)
