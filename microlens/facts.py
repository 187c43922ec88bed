"""Rebuild the derived tables behind the post_facts view after the loaded data changes."""
from __future__ import annotations

import itertools

from . import repeats
from .db import Database, sql_file

# Versions are unique across every database of the process, so a cache keyed by version can never hand one
# database's results to another.
_VERSIONS = itertools.count(1)


def rebuild_facts(db: Database) -> None:
    with db.lock:
        repeats.mark_all(db)   # before the facts: a post's copies must not count twice in an account's facts
        db.con.execute(sql_file("facts"))
        db.version = next(_VERSIONS)
