"""Rebuild the derived tables behind the post_facts view after the loaded data changes."""
from __future__ import annotations

import functools
import itertools
import re

import duckdb

from . import contract_windows, repeats
from .db import Database, sql_file

# Versions are unique across every database of the process, so a cache keyed by version can never hand one
# database's results to another.
_VERSIONS = itertools.count(1)

# The tables each derived table is built from, all of them empty only where it is empty too: such a table, empty
# already, is left as it is (a posts file alone rebuilt the influencer lists' and the contracts' tables, empty, in
# 11 ms of its load).
_SOURCES = {"influencer_profile": ("influencers",), "contract_cost": ("campaigns",),
            "contract_post_cost": ("contract_cost",), "influencer_facts": ("posts", "influencer_profile")}


@functools.cache
def _statements() -> list[tuple[str, str]]:
    """(table, statement) of facts.sql, in its order."""
    statements = [s for s in sql_file("facts").split(";\n") if s.strip()]
    return [(re.search(r"CREATE OR REPLACE TABLE (\w+)", s).group(1), s) for s in statements]


def rebuild_facts(db: Database) -> None:
    with db.lock:
        repeats.mark_all(db)   # before the facts: a post's copies must not count twice in an account's facts
        contract_windows.match(db)   # before the facts: a contract's dates name the campaign of posts without one
        for table, statement in _statements():
            if _may_hold_rows(db, (table, *_SOURCES[table])):
                db.con.execute(statement)
        db.version = next(_VERSIONS)


def _may_hold_rows(db: Database, tables: tuple[str, ...]) -> bool:
    """Whether some of `tables` has a row, or does not exist yet (a new database's facts are made empty)."""
    try:
        return any(db.con.execute(f"SELECT [{', '.join(f'EXISTS (FROM {t})' for t in tables)}]").fetchone()[0])
    except duckdb.CatalogException:
        return True
