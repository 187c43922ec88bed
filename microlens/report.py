"""The client report: every area's sections, in page order, written as HTML, PDF, PowerPoint or JSON."""
from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import replace

import pandas as pd

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
    return ([answer] if (answer := answer_section(out)) else []) + out


# The pitch's question asked of the sections that answer it, in the order a client asks them: the answer slide puts
# their findings side by side before the evidence (the deck opened on a scatter of 200 dots)
ANSWER_QUESTIONS = (("cost_vs_celebrity", "Cheaper per engagement than a celebrity?"),
                    ("benchmark_sensitivity", "Whichever benchmark is right?"),
                    ("planner_portfolio", "What does the budget buy?"),
                    ("campaign_bands", "And in sales?"),
                    ("influencers_shortlist", "Whom to book first?"))


ANSWER_HEADLINE = "Many micro-influencers or one celebrity? What your data says"


def answer_section(sections: list[export.Section]) -> export.Section | None:
    """The answer first: beside each question the finding of the section that answers it (those present); None
    without a cost comparison to lead with. (Its headline is the question: the Cost vs celebrity finding as the
    headline of two slides in a row read as a slide shown twice.)"""
    # each finding whole: its caveats ("the costs of all 3 micro-influencers are estimated", "only 3 … to go on")
    # travel with it, as everywhere else
    finding = {sec.key: sec.finding for sec in sections}
    rows = [(question, finding[key]) for key, question in ANSWER_QUESTIONS if key in finding]
    if "cost_vs_celebrity" not in finding:
        return None
    return export.Section("answer", "The answer", ANSWER_HEADLINE, None,
                          pd.DataFrame(rows, columns=["question", "finding"]),
                          "Each finding is a page of this report, with its chart, sources and method.")


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
