"""On-demand speed and memory benchmark: `python bench/run.py` (1M posts) or `--rows 10000000`.

Generates a seeded, messy synthetic posts export, then measures side by side, each step in a fresh
subprocess so that its peak memory is that process's own (VmHWM):
  bare     DuckDB `CREATE TABLE AS SELECT * FROM read_csv(file)` with auto-detect: the reference;
  pandas   `pandas.read_csv(file)` (C engine);
  app      new_database() + ingest_path() + rebuild_facts(): read, parse, reject, derive post_facts;
  queries  the Cost vs celebrity page (area_cost.summary through Context.query) under several filter
           settings, against the same SQL text run bare on a cursor of the same database.
Prints PASS/FAIL per target and rewrites bench/results.md (one section per row count; other sizes' latest
sections are kept). See bench/README.md for what each number means.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / "data"
RESULTS = BENCH / "results.md"
README = BENCH / "README.md"
README_START, README_END = "<!-- results:start -->", "<!-- results:end -->"
INFLUENCERS = 50_000

# The targets.
MAX_INGEST_RATIO = 1.5            # app ingest wall time / bare DuckDB read_csv wall time
MAX_FILTER_CHANGE_S = 0.5         # Cost vs celebrity queries after a filter change, at 1M posts
FILTER_TARGET_ROWS = 1_000_000
MAX_PEAK_MB = 2048                # app ingest of 10M posts
PEAK_TARGET_ROWS = 10_000_000


# ---------------------------------------------------------------- synthetic posts

# Deterministic pseudo-random numbers from hash(row, stream, seed): the same file for the same seed and DuckDB
# version, whatever the thread count (DuckDB's random() depends on thread scheduling).
_GENERATOR_MACROS = """
CREATE OR REPLACE MACRO u(i, stream) AS hash(i, stream, {seed})::DOUBLE / 18446744073709551616.0;
CREATE OR REPLACE MACRO z(i, stream) AS
    sqrt(-2 * ln(greatest(u(i, stream), 1e-12))) * cos(2 * pi() * u(i, stream + 1000));
-- Counts as exports write them: mostly plain, some '12.3k' / '1.2M', some '12,345'.
CREATE OR REPLACE MACRO messy_count(x, s) AS
    CASE WHEN x IS NULL THEN NULL
         WHEN s < 0.05 AND x >= 1000000 THEN printf('%.1fM', x / 1e6)
         WHEN s < 0.05 AND x >= 1000 THEN printf('%.1fk', x / 1e3)
         WHEN s < 0.09 AND x >= 1000 THEN format('{{:,}}', x)
         ELSE x::VARCHAR END;
"""

_INFLUENCERS_SQL = """
CREATE OR REPLACE TABLE synthetic_influencers AS
SELECT k,
       ['glow', 'mama', 'fit', 'chef', 'travel', 'style', 'daily', 'urban', 'green', 'tech', 'beauty', 'home',
        'run', 'vegan', 'pet', 'gamer', 'mini', 'boho', 'retro', 'lux'][1 + k % 20] || '.' ||
       ['maya', 'joana', 'naomi', 'leo', 'ana', 'sam', 'kai', 'ines', 'tom', 'zoe', 'ravi', 'lena', 'omar',
        'bea', 'ugo', 'mila', 'finn', 'sara', 'yuki', 'noah', 'ivy', 'luca', 'nina', 'theo', 'ada', 'eli',
        'rosa', 'max', 'lia', 'ben', 'cleo', 'dan', 'eva', 'gus', 'hana', 'ian', 'jade', 'ken', 'lou',
        'mo'][1 + (k // 20) % 40] || CASE WHEN k >= 800 THEN (k // 800)::VARCHAR ELSE '' END AS handle,
       CASE WHEN u(k, 1) < 0.55 THEN 'instagram' WHEN u(k, 1) < 0.90 THEN 'tiktok' ELSE 'youtube' END AS platform,
       -- Log-normal audience, median 20K: mostly nano and micro, a long tail up to celebrities.
       least(greatest(exp(ln(20000) + 1.4 * z(k, 2)), 300), 30000000) AS base_followers,
       -- Engagement rate falls with audience size, as every industry study reports.
       least(0.30, 0.045 * pow(base_followers / 10000, -0.18) * exp(0.4 * z(k, 3))) AS er,
       base_followers / 1000 * 8 * exp(0.5 * z(k, 4)) AS price
FROM range({influencers}) t(k)
"""

# The structural break is written as a marker and turned into an unquoted extra cell after COPY, which
# always quotes correctly and so cannot write a broken line itself.
_BROKEN_MARKER = b"__BROKEN_LINE__"
_BROKEN_CELLS = b"oops,extra cell"

_POSTS_SQL = """
COPY (
WITH p AS (
    SELECT i, least({influencers} - 1, floor({influencers} * pow(u(i, 1), 1.4)))::BIGINT AS k,
           u(i, 2) AS t, u(i, 20) < {bad_share} AS bad, u(i, 21) AS bad_kind
    FROM range({rows}) r(i)
),
n AS (
    SELECT p.*, s.handle, s.platform, s.er, s.price,
           TIMESTAMP '2025-01-01' + to_seconds((t * 546 * 86400)::BIGINT) AS ts,
           round(s.base_followers * (0.92 + 0.16 * t))::BIGINT AS followers,
           followers * s.er * exp(0.6 * z(i, 5)) AS eng,
           CASE WHEN s.platform <> 'instagram' OR u(i, 7) < 0.4
                THEN round(followers * 0.8 * exp(0.8 * z(i, 6)))::BIGINT END AS views,
           CASE WHEN s.platform = 'instagram' THEN round(followers * 0.4 * exp(0.5 * z(i, 8)))::BIGINT
                END AS impressions,
           u(i, 9) < 0.3 AS sponsored,
           CASE WHEN sponsored AND u(i, 11) < 0.8 THEN round(s.price * exp(0.15 * z(i, 12)), 2) END AS cost
    FROM p JOIN synthetic_influencers s USING (k)
)
SELECT
    CASE WHEN bad AND bad_kind < 0.20 THEN NULL
         WHEN u(i, 22) < 0.04 THEN '@' || handle
         WHEN u(i, 22) < 0.06 THEN upper(handle[1]) || handle[2:]
         ELSE handle END AS influencer,
    CASE WHEN u(i, 23) < 0.9 THEN platform
         WHEN platform = 'instagram' THEN 'Instagram' WHEN platform = 'tiktok' THEN 'TikTok'
         ELSE 'YouTube' END AS platform,
    CASE WHEN bad AND bad_kind >= 0.65 AND bad_kind < 0.85 THEN '-' || followers::VARCHAR
         ELSE upper(messy_count(followers, u(i, 24))) END AS follower_count,
    CASE WHEN bad AND bad_kind >= 0.45 AND bad_kind < 0.65 THEN 'last tuesday'
         WHEN u(i, 25) < 0.85 THEN strftime(ts, '%Y-%m-%dT%H:%M:%S')
         WHEN u(i, 25) < 0.95 THEN strftime(ts, '%Y-%m-%d %H:%M:%S') || '+00:00'
         ELSE strftime(ts, '%m/%d/%Y %H:%M') END AS post_date,
    CASE WHEN bad AND bad_kind >= 0.20 AND bad_kind < 0.45 THEN 'lots'
         ELSE messy_count(round(eng * 0.86)::BIGINT, u(i, 26)) END AS likes,
    messy_count(round(eng * 0.035)::BIGINT, u(i, 27)) AS comments,
    CASE WHEN u(i, 28) < 0.02 THEN 'N/A' WHEN u(i, 28) < 0.025 THEN 'Share'
         ELSE messy_count(round(eng * 0.06)::BIGINT, u(i, 29)) END AS shares,
    CASE WHEN u(i, 30) < 0.05 THEN NULL ELSE round(eng * 0.045)::BIGINT::VARCHAR END AS saves,
    messy_count(views, u(i, 31)) AS views,
    impressions::VARCHAR AS impressions,
    round(impressions * 0.72)::BIGINT::VARCHAR AS reach,
    CASE WHEN u(i, 32) < 0.9 THEN sponsored::VARCHAR WHEN sponsored THEN 'Yes' ELSE 'No' END AS sponsored,
    CASE WHEN sponsored THEN 'Campaign ' || lpad((1 + hash(i, 33, {seed}) % 300)::BIGINT::VARCHAR, 3, '0') END
        AS campaign,
    CASE WHEN cost IS NULL THEN NULL
         WHEN u(i, 34) < 0.03 THEN 'N/A'
         WHEN u(i, 34) < 0.20 THEN '$' || format('{{:,.2f}}', cost)
         ELSE printf('%.2f', cost) END AS cost_usd,
    'p' || i::VARCHAR AS post_id,
    'https://www.' || platform || '.com/@' || handle || '/p/' || i::VARCHAR AS post_url,
    CASE WHEN bad AND bad_kind >= 0.85 THEN '{marker}'
         ELSE ['Get ready with me', 'Day in my life', 'My "holy grail" serum', 'Unboxing, part 2',
               'Morning routine', 'Link in bio!', 'What I eat in a day', 'Outfit of the day', 'Honest review',
               '5 tips for glowing skin', 'Where can I buy this?', 'Weekend vibes', 'Trying the viral recipe',
               'Pack with me', 'Before & after', 'Q&A: your questions', 'Mini vlog', 'Favourites of the month',
               'Gym, then brunch', 'New in: spring edit', 'Haul', 'Tutorial', 'Behind the scenes',
               'Giveaway time'][1 + (hash(i, 35, {seed}) % 24)::BIGINT] END AS caption
FROM n
ORDER BY i
) TO '{path}' (HEADER, DELIMITER ',')
"""

# Which share of rows each kind of defect takes (bad_kind thresholds above); kept with the file so the app's
# reject count can be checked against what was generated.
_EXPECTED_SQL = """
SELECT count(*) FILTER (WHERE bad) AS bad_rows,
       count(*) FILTER (WHERE bad AND bad_kind >= 0.85) AS broken_lines
FROM (SELECT u(i, 20) < {bad_share} AS bad, u(i, 21) AS bad_kind FROM range({rows}) r(i))
"""


def generate(rows: int, seed: int, bad_share: float = 0.001) -> tuple[Path, dict]:
    """bench/data/posts_<rows>_s<seed>.csv and its description; reused when it already exists."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"posts_{rows}_s{seed}.csv"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        return path, json.loads(meta_path.read_text())
    import duckdb

    started = time.perf_counter()
    staging = path.with_suffix(".staging.csv")
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(_GENERATOR_MACROS.format(seed=seed))
    con.execute(_INFLUENCERS_SQL.format(influencers=INFLUENCERS))
    con.execute(_POSTS_SQL.format(rows=rows, seed=seed, influencers=INFLUENCERS, bad_share=bad_share,
                                  marker=_BROKEN_MARKER.decode(), path=staging))
    bad_rows, broken = con.execute(_EXPECTED_SQL.format(rows=rows, bad_share=bad_share)).fetchone()
    con.close()
    _write_broken_lines(staging, path)
    staging.unlink()
    meta = {"rows": rows, "seed": seed, "influencers": INFLUENCERS, "bad_rows": bad_rows,
            "broken_lines": broken, "bytes": path.stat().st_size,
            "generated_s": round(time.perf_counter() - started, 1)}
    meta_path.write_text(json.dumps(meta, indent=1))
    return path, meta


def _write_broken_lines(source: Path, target: Path) -> None:
    with source.open("rb") as src, target.open("wb") as dst:
        while lines := src.readlines(1 << 24):
            dst.write(b"".join(line.replace(_BROKEN_MARKER, _BROKEN_CELLS) if _BROKEN_MARKER in line else line
                               for line in lines))


# ---------------------------------------------------------------- measured steps (each in its own process)

class Meter:
    """Wall and CPU seconds (all threads of this process) of one block."""

    def __enter__(self):
        self.wall0, self.cpu0 = time.perf_counter(), _cpu_seconds()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall0
        self.cpu = _cpu_seconds() - self.cpu0


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _status_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+)", status).group(1)) / 1024


def _peak_mb() -> float:
    """Peak resident memory of this process. VmHWM, not ru_maxrss: Linux carries the parent's ru_maxrss over
    fork + exec, so a child started by a parent that once held 5 GB would report 5 GB whatever it did."""
    return _status_mb("VmHWM")


def _rss_mb() -> float:
    return _status_mb("VmRSS")


def step_bare(path: Path) -> dict:
    import duckdb

    con = duckdb.connect()
    baseline = _rss_mb()
    with Meter() as m:
        # ignore_errors: the reference skips the generated broken lines instead of failing on them.
        con.execute("CREATE TABLE posts AS SELECT * FROM read_csv($p, ignore_errors = true)", {"p": str(path)})
    types = con.execute("SELECT data_type FROM information_schema.columns WHERE table_name = 'posts'").fetchall()
    rows = con.execute("SELECT count(*) FROM posts").fetchone()[0]
    return {"wall": m.wall, "cpu": m.cpu, "peak_mb": _peak_mb(), "baseline_mb": baseline, "rows": rows,
            "text_columns": sum(t[0] == "VARCHAR" for t in types), "columns": len(types)}


def step_pandas(path: Path) -> dict:
    import pandas as pd

    baseline = _rss_mb()
    with Meter() as m:
        frame = pd.read_csv(path, engine="c", on_bad_lines="skip")
    return {"wall": m.wall, "cpu": m.cpu, "peak_mb": _peak_mb(), "baseline_mb": baseline, "rows": len(frame),
            "text_columns": int(sum(not pd.api.types.is_numeric_dtype(t) for t in frame.dtypes)),
            "columns": frame.shape[1]}


def _timed_statements(db) -> dict[str, list[float]]:
    """Wrap this process's Database.execute so that every SQL statement ingest runs is timed by its opening
    words; the benchmark then shows which statement the time goes to without touching microlens/."""
    spent: dict[str, list[float]] = {}
    untimed = db.execute

    def execute(sql, params=None):
        started = time.perf_counter()
        try:
            return untimed(sql, params)
        finally:
            label = re.sub(r"__\d+|_\d+(?=_)", "__N", " ".join(sql.split())[:70])
            spent.setdefault(label, []).append(time.perf_counter() - started)

    db.execute = execute
    return spent


def step_app(path: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from microlens import ingest
    from microlens.db import new_database
    from microlens.facts import rebuild_facts

    baseline = _rss_mb()
    # The session's database exists before a user uploads anything (as bare DuckDB's connection does before its
    # read), so creating it is timed apart and not counted as ingest.
    with Meter() as setup:
        db = new_database()
    spent = _timed_statements(db)
    with Meter() as total:
        with Meter() as read:
            source = ingest.open_source(db, path, path.name)
        with Meter() as load:
            report = ingest.load_source(db, source, path.name)
            source.close(db)
        with Meter() as facts:
            rebuild_facts(db)
    facts_rows = db.execute("SELECT count(*) FROM post_facts").fetchone()[0]
    top = sorted(((sum(v), len(v), k) for k, v in spent.items()), reverse=True)[:6]
    return {"wall": total.wall, "cpu": total.cpu, "peak_mb": _peak_mb(), "baseline_mb": baseline,
            "setup_wall": setup.wall, "read_wall": read.wall, "read_cpu": read.cpu,
            "load_wall": load.wall, "load_cpu": load.cpu, "facts_wall": facts.wall, "facts_cpu": facts.cpu,
            "rows_read": report.rows_read, "rows_loaded": report.rows_loaded,
            "rows_rejected": report.rows_rejected, "reject_reasons": report.reject_reasons,
            "post_facts_rows": facts_rows, "error": report.error,
            "statements": [{"sql": k, "seconds": s, "times": n} for s, n, k in top]}


FILTER_SETTINGS = (
    ("all posts (default)", {}),
    ("Instagram only", {"platforms": ("instagram",)}),
    ("micro band, 2026 H1", {"bands": ("micro",), "date_from": dt.date(2026, 1, 1),
                             "date_to": dt.date(2026, 6, 30)}),
    ("price $50-$500, known costs only", {"price_min": 50.0, "price_max": 500.0, "use_estimates": False}),
)


def step_queries(path: Path, repeats: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from microlens import area_cost, ingest
    from microlens import db as mdb
    from microlens.context import Context
    from microlens.filters import Filters

    db = mdb.new_database()
    with Meter() as build:
        ingest.ingest_path(db, path)
    bare = db.con.cursor()     # same database, tables and macros; none of the app's Python layers

    # Which queries the page runs under each setting, with the parameters it binds (the filters' and its own),
    # learnt from the page itself through the runner hook Streamlit uses for its cache, so the bare comparison
    # follows the page when its queries change.
    page_calls: dict[str, list[tuple[str, dict]]] = {}
    for label, change in FILTER_SETTINGS:
        calls = page_calls.setdefault(label, [])

        def recording_runner(name: str, params: dict, calls=calls):
            calls.append((name, params))
            return mdb.run(db, name, params)

        area_cost.summary(Context(db=db, filters=Filters(**change), runner=recording_runner))
    page_queries = list(dict.fromkeys(name for calls in page_calls.values() for name, _ in calls))

    def run_bare(calls: list[tuple[str, dict]]) -> None:
        for name, params in calls:
            bare.execute(mdb.query_text(name), params).df()

    app_s: dict[str, list[float]] = {label: [] for label, _ in FILTER_SETTINGS}
    bare_s: dict[str, list[float]] = {label: [] for label, _ in FILTER_SETTINGS}
    page_s: dict[str, list[float]] = {label: [] for label, _ in FILTER_SETTINGS}
    micro = {}
    # Settings alternate inside each repeat, so every measured run follows a change of filter.
    for _ in range(repeats):
        for label, change in FILTER_SETTINGS:
            ctx = Context(db=db, filters=Filters(**change))
            with Meter() as m:
                summary = area_cost.summary(ctx)
            app_s[label].append(m.wall)
            micro[label] = summary.n_micro
            with Meter() as m:
                run_bare(page_calls[label])
            bare_s[label].append(m.wall)
    # The whole page also builds its Plotly figures from the query results (fewer repeats: it is slower).
    for _ in range(max(1, repeats // 2)):
        for label, change in FILTER_SETTINGS:
            with Meter() as m:
                area_cost.sections(Context(db=db, filters=Filters(**change)))
            page_s[label].append(m.wall)
    return {"build_wall": build.wall, "peak_mb": _peak_mb(), "repeats": repeats, "page_queries": page_queries,
            "settings": [{"label": label, "app": statistics.median(app_s[label]),
                          "bare": statistics.median(bare_s[label]), "page": statistics.median(page_s[label]),
                          "n_micro": micro[label]}
                         for label, _ in FILTER_SETTINGS]}


STEPS = {"bare": step_bare, "pandas": step_pandas, "app": step_app}


def measure(step: str, path: Path, repeats: int) -> dict:
    """Run one step in a fresh interpreter; its last stdout line is the step's JSON."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--step", step, "--file", str(path),
           "--repeats", str(repeats)]
    load_before = os.getloadavg()[0]
    # cwd: DuckDB spills an in-memory database to ./.tmp when it passes its memory limit; keep that in data/.
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=DATA, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"step {step} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["load_before"] = load_before
    return result


# ---------------------------------------------------------------- report

def machine() -> dict:
    import duckdb
    import pandas as pd

    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return {"nproc": os.cpu_count(), "cpu": cpu.group(1).strip() if cpu else platform.processor(),
            "ram_gb": round(mem_kb / 1024 ** 2, 1), "python": platform.python_version(),
            "duckdb": duckdb.__version__, "pandas": pd.__version__,
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M")}


def targets(rows: int, r: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, passed); passed is None where the target is defined at another row count."""
    app, bare = r["app"], r["bare"]
    ratio = app["wall"] / bare["wall"]
    # the whole page, figures included: a filter change's server time is the page's queries and its drawing
    slowest = max(s["page"] for s in r["queries"]["settings"])
    out = [(f"app ingest ≤ {MAX_INGEST_RATIO}× bare DuckDB (wall)", f"{ratio:.2f}×", ratio <= MAX_INGEST_RATIO),
           (f"filter change on Cost vs celebrity < {MAX_FILTER_CHANGE_S} s at 1M posts",
            f"{slowest:.3f} s (slowest setting, whole page)",
            slowest < MAX_FILTER_CHANGE_S if rows == FILTER_TARGET_ROWS else None),
           (f"10M posts load with peak memory < {MAX_PEAK_MB / 1024:.0f} GB", f"{app['peak_mb']:,.0f} MB",
            app["peak_mb"] < MAX_PEAK_MB if rows == PEAK_TARGET_ROWS else None)]
    return out


def verdict(passed: bool | None) -> str:
    return {True: "PASS", False: "FAIL", None: "n/a at this size"}[passed]


def _walls(run: dict) -> str:
    return ", ".join(f"{w:.2f}" for w in run["walls"])


def section(rows: int, r: dict) -> str:
    app, bare, pd_, q, meta, m = r["app"], r["bare"], r["pandas"], r["queries"], r["meta"], r["machine"]
    lines = [f"<!-- bench:rows={rows} -->",
             f"## {rows:,} posts",
             "",
             (f"{m['date']} · {m['nproc']} cores ({m['cpu']}) · {m['ram_gb']} GB RAM · Python {m['python']} · "
             f"DuckDB {m['duckdb']} · pandas {m['pandas']} · load average {r['load'][0]:.1f} at start, "
             f"{r['load'][1]:.1f} at end · file {meta['bytes'] / 1e6:,.0f} MB, {INFLUENCERS:,} influencers, "
             f"{meta['bad_rows']:,} bad rows ({meta['broken_lines']:,} broken lines), seed {meta['seed']}"),
             "",
             (f"Readers: the run with the median wall time of {len(bare['walls'])}, the three taking turns "
              f"(wall s of every run: bare {_walls(bare)}; pandas {_walls(pd_)}; app {_walls(app)})."),
             "",
             "| step | wall s | CPU s | peak MB | note |",
             "|---|---:|---:|---:|---|",
             (f"| bare DuckDB `read_csv` (reference) | {bare['wall']:.2f} | {bare['cpu']:.2f} | "
             f"{bare['peak_mb']:,.0f} | {bare['rows']:,} rows, {bare['text_columns']} of {bare['columns']} "
             f"columns left as text |"),
             (f"| `pandas.read_csv` | {pd_['wall']:.2f} | {pd_['cpu']:.2f} | {pd_['peak_mb']:,.0f} | "
             f"{pd_['rows']:,} rows, {pd_['text_columns']} of {pd_['columns']} columns left as text |"),
             (f"| **app ingest** (all below) | **{app['wall']:.2f}** | **{app['cpu']:.2f}** | "
             f"**{app['peak_mb']:,.0f}** | {app['rows_loaded']:,} loaded + {app['rows_rejected']:,} rejected = "
             f"{app['rows_read']:,} read |"),
             f"| · open: encoding, delimiter, header | {app['read_wall']:.2f} | {app['read_cpu']:.2f} | | |",
             f"| · read + parse in one pass, reject, load | {app['load_wall']:.2f} | {app['load_cpu']:.2f} | | |",
             (f"| · rebuild_facts | {app['facts_wall']:.2f} | {app['facts_cpu']:.2f} | | "
             f"{app['post_facts_rows']:,} post_facts rows |"),
             (f"| not counted: the session's database, created before any upload | {app['setup_wall']:.2f} | | | "
              "`new_database()` |"),
             "",
             (f"Ratios: app / bare DuckDB **{app['wall'] / bare['wall']:.2f}×** wall, "
             f"{app['cpu'] / bare['cpu']:.2f}× CPU; app / pandas {app['wall'] / pd_['wall']:.2f}× wall, "
             f"{app['cpu'] / pd_['cpu']:.2f}× CPU."),
             "",
             (f"Cost vs celebrity after a filter change (median of {q['repeats']} runs, seconds; page queries: "
             f"{', '.join(q['page_queries'])}):"),
             "",
             "| filter setting | app: page queries | same SQL bare | whole page incl. figures | micro influencers |",
             "|---|---:|---:|---:|---:|"]
    for s in q["settings"]:
        lines.append(f"| {s['label']} | {s['app']:.3f} | {s['bare']:.3f} | {s['page']:.3f} | {s['n_micro']:,} |")
    lines += ["", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {t} | {v} | {verdict(p)} |" for t, v, p in targets(rows, r)]
    lines += ["", "Slowest ingest statements (seconds, times run):", ""]
    lines += [f"- {s['seconds']:.2f} s ×{s['times']}: `{s['sql']}…`" for s in app["statements"][:4]]
    lines.append("<!-- /bench -->")
    return "\n".join(lines)


def write_results(rows: int, r: dict) -> None:
    """Replace this row count's section of bench/results.md (and the README's copy), keep other sizes'."""
    kept = {}
    if RESULTS.exists():
        for match in re.finditer(r"<!-- bench:rows=(\d+) -->.*?<!-- /bench -->", RESULTS.read_text(), re.DOTALL):
            kept[int(match.group(1))] = match.group(0)
    kept[rows] = section(rows, r)
    body = "\n\n".join(kept[n] for n in sorted(kept))
    header = ("# Benchmark results\n\nGenerated by `python bench/run.py`; see README.md for what each number "
              "means. One section per size, latest run of each.\n")
    RESULTS.write_text(header + "\n" + body + "\n", encoding="utf-8")
    # The README carries the same latest tables, between its results markers.
    readme = README.read_text(encoding="utf-8")
    block = f"{README_START}\n{body.replace('## ', '### ')}\n{README_END}"
    README.write_text(re.sub(re.escape(README_START) + ".*?" + re.escape(README_END), lambda _: block, readme,
                             flags=re.DOTALL), encoding="utf-8")


def generate_apart(rows: int, seed: int) -> tuple[Path, dict]:
    """generate() in its own process, so that this parent process stays small while it starts the steps."""
    DATA.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--step", "generate", "--rows", str(rows), "--seed",
           str(seed)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=DATA, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"generating {rows:,} posts failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return Path(result["path"]), result["meta"]


def _median_run(runs: list[dict]) -> dict:
    """The run with the median wall time (the lower middle one for an even count), with every run's wall time."""
    chosen = dict(sorted(runs, key=lambda run: run["wall"])[(len(runs) - 1) // 2])
    chosen["walls"] = [run["wall"] for run in runs]
    return chosen


def run_size(rows: int, seed: int, repeats: int, ingest_runs: int, keep_data: bool) -> bool:
    path, meta = generate_apart(rows, seed)
    print(f"{rows:,} posts: {path} ({meta['bytes'] / 1e6:,.0f} MB)", flush=True)
    load_start = os.getloadavg()[0]
    r = {"meta": meta, "machine": machine()}
    # The three readers take turns, so that a slow spell of a shared machine hits each of them alike.
    runs: dict[str, list[dict]] = {"bare": [], "pandas": [], "app": []}
    for _ in range(ingest_runs):
        for step, done in runs.items():
            done.append(measure(step, path, repeats))
            print(f"  {step}: " + json.dumps({k: v for k, v in done[-1].items() if k != "statements"},
                                             default=str), flush=True)
    r.update({step: _median_run(done) for step, done in runs.items()})
    r["queries"] = measure("queries", path, repeats)
    print("  queries: " + json.dumps({k: v for k, v in r["queries"].items() if k != "settings"}, default=str),
          flush=True)
    r["load"] = (load_start, os.getloadavg()[0])
    app = r["app"]
    if app["error"] or app["rows_read"] != rows or app["rows_rejected"] != meta["bad_rows"]:
        raise RuntimeError(f"the app did not ingest the file as generated: {app['error'] or ''} "
                           f"read {app['rows_read']:,} of {rows:,}, rejected {app['rows_rejected']:,} of "
                           f"{meta['bad_rows']:,} bad rows")
    write_results(rows, r)
    print(section(rows, r))
    if not keep_data:
        path.unlink()
        path.with_suffix(".json").unlink()
    return all(p is not False for _, _, p in targets(rows, r))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000], help="posts to generate (each size "
                        "is one run; default 1,000,000)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeats", type=int, default=5, help="runs per filter setting (median reported)")
    parser.add_argument("--ingest-runs", type=int, default=3, help="runs of each reader, taking turns (the run "
                        "with the median wall time is reported)")
    parser.add_argument("--keep-data", action="store_true", help="keep bench/data/posts_*.csv for the next run "
                        "(by default files of 10M rows or more are deleted)")
    parser.add_argument("--step", choices=[*STEPS, "queries", "generate"], help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step == "generate":
        path, meta = generate(args.rows[0], args.seed)
        print(json.dumps({"path": str(path), "meta": meta}))
        return 0
    if args.step:
        result = step_queries(args.file, args.repeats) if args.step == "queries" else STEPS[args.step](args.file)
        print(json.dumps(result, default=str))
        return 0
    passed = [run_size(n, args.seed, args.repeats, args.ingest_runs, args.keep_data or n < 10_000_000)
              for n in args.rows]
    return 0 if all(passed) else 1


if __name__ == "__main__":
    sys.exit(main())
