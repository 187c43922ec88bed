"""The kinds' views over their files' tables: the rows every query reads, less the copies of repeated posts
(microlens.repeats), with the campaign a contract's dates give a post that names none (microlens.contract_windows)."""
from __future__ import annotations

from . import schema
from .db import Database


def data_tables(db: Database, kind: str) -> list[tuple[str, str]]:
    """(data table, file name) of the kind's files, in load order (the view's order)."""
    return [(schema.data_table_name(t), f) for t, f in db.execute(
        "SELECT data_table, source_file FROM loads WHERE kind = $k ORDER BY loaded_at, source_file",
        {"k": kind}).fetchall()]


def repeated_tables(db: Database, kind: str) -> set[str]:
    return {r[0] for r in db.execute("SELECT DISTINCT data_table FROM repeated_posts WHERE kind = $k",
                                     {"k": kind}).fetchall()}


def dated_tables(db: Database, kind: str) -> set[str]:
    return {r[0] for r in db.execute("SELECT DISTINCT data_table FROM dated_campaigns").fetchall()} \
        if kind == "posts" else set()


def refresh_view(db: Database, kind: str) -> None:
    """The kind's view: its files' tables, without the copies of repeated posts, with the campaigns of dated
    contracts (a plain union when there are neither)."""
    db.execute(schema.view_sql(kind, [t for t, _ in data_tables(db, kind)], repeated_tables(db, kind),
                               dated_tables(db, kind)))
