"""Rebuild the derived tables (post_facts and friends) after the loaded data changes."""
from __future__ import annotations

from .db import Database, sql_file


def rebuild_facts(db: Database) -> None:
    with db.lock:
        db.con.execute(sql_file("facts"))
        db.version += 1
