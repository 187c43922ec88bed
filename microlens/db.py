"""A session's private DuckDB database and the one way to run a query in it.

Each browser session (and each CLI run) gets its own in-memory database: `new_database()`. Queries live in
`queries/<name>.sql`, one statement each, with `$named` parameters; `run(db, name, params)` binds exactly
the parameters the file uses, so a user value never becomes SQL text. `execute(con, name, params)` does the same on a
bare connection (the roster file's, which is not a session database).
"""
from __future__ import annotations

import functools
import re
from contextlib import contextmanager
import shutil
import tempfile
import threading
import weakref
from pathlib import Path

import duckdb
import pandas as pd

from . import metrics, schema

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
SQL_DIR = Path(__file__).resolve().parent / "sql"
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class Database:
    """One DuckDB connection plus a lock: Streamlit can run an old and a new script run of one session at once
    (fast reruns), and a DuckDB connection must not run two statements at the same time."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.lock = threading.RLock()
        self.version = 0          # bumped on every data change; part of every cache key

    def execute(self, sql: str, params: dict | list | None = None):
        with self.lock:
            return self.con.execute(sql, params) if params is not None else self.con.execute(sql)

    def df(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        with self.lock:
            return self.con.execute(sql, params or {}).df()

    @contextmanager
    def frame_view(self, name: str, frame: pd.DataFrame):
        """`frame` readable as `name` by the statements run in the block. A result an earlier execute() left
        unread blocks registering a frame in DuckDB 2 (the command line's Excel file after a CSV failed so): it is
        finished first."""
        with self.lock:
            self.con.complete()
            self.con.register(name, frame)
            try:
                yield
            finally:
                self.con.unregister(name)

    def close(self) -> None:
        with self.lock:
            self.con.close()


def new_database(memory_limit: str = "1536MB", threads: int = 2) -> Database:
    """A private in-memory database. Past `memory_limit` DuckDB spills to a private temp folder (removed with
    the database), which keeps a 10M-post session under 2 GB instead of holding every table in RAM."""
    spill = tempfile.mkdtemp(prefix="microlens-spill-")
    con = duckdb.connect(":memory:", config={"threads": threads, "memory_limit": memory_limit,
                                             "temp_directory": spill,
                                             "autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    # Naive timestamps in files are read as UTC on every machine, not in the server's zone.
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET python_enable_replacements = false")   # no implicit scans of Python variables
    con.execute(sql_file("macros"))
    con.execute(metrics.macros_sql())
    for kind in schema.KINDS:
        con.execute(schema.view_sql(kind, []))
    con.execute(sql_file("support_tables"))
    db = Database(con)
    weakref.finalize(db, shutil.rmtree, spill, True)
    from .facts import (
        rebuild_facts,  # facts imports db; late import keeps the module graph acyclic
    )
    rebuild_facts(db)
    con.execute(sql_file("facts_views"))
    return db


@functools.cache
def sql_file(name: str) -> str:
    """DDL scripts that set up a database (macros, support tables), from microlens/sql/."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@functools.cache
def query_text(name: str) -> str:
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"Not a query name: {name!r}")
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


def query_params(name: str) -> list[str]:
    """Named parameters a query uses, in order of first use (comments excluded)."""
    body = "\n".join(line.split("--", 1)[0] for line in query_text(name).splitlines())
    return list(dict.fromkeys(_PARAM.findall(body)))


def query_names() -> list[str]:
    return sorted(p.stem for p in QUERIES.glob("*.sql"))


def bind(name: str, params: dict) -> dict:
    """Exactly the parameters `name` uses; a missing one is a programming error, said plainly."""
    wanted = query_params(name)
    missing = [p for p in wanted if p not in params]
    if missing:
        raise KeyError(f"Query {name} needs parameter(s) {', '.join(missing)}")
    return {p: params[p] for p in wanted}


def run(db: Database, name: str, params: dict | None = None) -> pd.DataFrame:
    return db.df(query_text(name), bind(name, params or {}))


def execute(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> duckdb.DuckDBPyConnection:
    """Query `name` run on a bare connection, its rows left to fetch: the roster runs its edits and reads this way,
    inside transactions of its own."""
    return con.execute(query_text(name), bind(name, params or {}))
