"""The roster: influencers a brand is working with, the stage each has reached, notes and tags.

It lives in a DuckDB file in the data directory so it survives restarts and is shared by every
browser session and by the CLI. Two rules keep concurrent edits from being lost:

* Every edit is one short transaction that changes only what it is about: a stage change updates one
  row's stage, a note is a new row in an append-only notes table, a tag is a row in a tags table.
  Nothing reads the roster, changes it in Python and writes it back, so edits never overwrite each
  other.
* DuckDB lets only one process open a file for writing, so each operation opens its own connection
  and closes it at once. Inside this process a lock per file serialises operations (Streamlit runs
  sessions as threads); across processes a lock file next to the database does (see `_connection`
  for why DuckDB's own lock is not enough). A waiter queues on the lock (or, if a program outside
  Microlens holds DuckDB's lock, retries with backoff) and, if the file stays locked past the busy
  timeout (5 s by default), gets `RosterBusy` with a sentence a user can act on.

The tables are set up by microlens/sql/roster_schema.sql; every edit and read is a query in
queries/roster_*.sql, run by name, so every user value reaches SQL as a bound `$name` parameter. Stage names are
checked against `STAGES`. Timestamps are naive UTC.
"""
from __future__ import annotations

import functools
import os
import random
import re
import threading
import time
import uuid
from collections import namedtuple
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from . import db as mdb

try:  # POSIX
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

DATA_DIR_ENV = "MICROLENS_DATA_DIR"
ROSTER_FILE = "roster.duckdb"

# Pipeline order: a trial post comes before the roster (the brief: start with one low-commitment
# sponsored post; those who pass go on the roster).
STAGES = ("prospect", "contacted", "trial post", "on roster", "archived")
STAGE_LABELS = {
    "prospect": "Prospect",
    "contacted": "Contacted",
    "trial post": "Trial post",
    "on roster": "On roster",
    "archived": "Archived",
}
DEFAULT_BUSY_TIMEOUT = 5.0  # seconds to wait for another process to release the file
# The rules `match_key` follows, recorded in the file. Raise it when they change: a file keyed under older rules is
# re-keyed when it is opened, and entries that turn out to be one influencer are merged (rules 2: ingest's own
# macros, so an entry typed as a profile address is keyed by its handle; rules 3: Pinterest, Twitch, LinkedIn,
# Snapchat and Threads are platforms of their own, no longer 'other', and their profile addresses are handles).
KEY_RULES = 3

ENTRY_COLUMNS = ("id", "influencer", "platform", "stage", "tags", "latest_note", "notes",
                 "note_count", "updated_at", "created_at")

_LOCK_MESSAGES = ("could not set lock", "conflicting lock", "being used by another process")
_PID = re.compile(r"\(PID (\d+)\)")

# One lock per roster file for this whole process (all Streamlit sessions share it).
_file_locks: dict[str, threading.Lock] = {}
_file_locks_guard = threading.Lock()


class RosterBusy(RuntimeError):
    """Another process or session kept the roster file locked for longer than the busy timeout."""


def data_dir() -> Path:
    """Where Microlens keeps files that outlive a session: $MICROLENS_DATA_DIR, else ~/.microlens."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    directory = Path(configured).expanduser() if configured else Path.home() / ".microlens"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def roster_path() -> Path:
    return data_dir() / ROSTER_FILE


def roster_stamp() -> tuple:
    """Changes whenever the roster file does, for cache keys: the size and time of the file and of its
    write-ahead log (DuckDB writes there first)."""
    paths = (roster_path(), roster_path().with_name(ROSTER_FILE + ".wal"))
    return tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None for p in paths)


def check_stage(stage: str) -> str:
    """The canonical stage name for `stage` (case and surrounding spaces ignored), else ValueError."""
    name = " ".join(str(stage).split()).lower()
    if name not in STAGES:
        raise ValueError(f"Unknown roster stage {stage!r}. Choose one of: {', '.join(STAGES)}.")
    return name


def clean_tags(tags: Iterable[str] | str) -> list[str]:
    """Tags as stored: lower case, single spaces, no empties or repeats, in first-seen order.

    Commas separate tags (the CSV export joins them with ", "), so "vegan, Paris" is two tags.
    """
    if isinstance(tags, str):
        tags = [tags]
    cleaned: list[str] = []
    for item in tags:
        for part in str(item).split(","):
            tag = " ".join(part.split()).lower()
            if tag and tag not in cleaned:
                cleaned.append(tag)
    return cleaned


@functools.cache
def _ingest_macros() -> duckdb.DuckDBPyConnection:
    """A connection holding ingest's macros and nothing else (no user data ever reaches it): an entry is keyed by
    the very ml_handle and ml_platform that stored the loaded data, not by a Python copy of them (a profile address
    typed as the handle found its posts in SQL but not its authenticity flags in Python)."""
    con = duckdb.connect(":memory:", config={"threads": 1})
    con.execute(mdb.sql_file("macros"))
    return con


@functools.lru_cache(maxsize=4096)   # a query a call (~4 ms): the Roster and Planner pages key every entry each run
def match_key(influencer, platform) -> tuple[str, str]:
    """(handle, platform) of an entry as loaded data stores them (ingest's ml_handle: lower case, no '@', a profile
    address read as its handle; ml_platform: 'IG' is instagram); platform '' = the entry covers every platform. A
    handle ingest would read as a missing marker ('none') is kept as typed, in lower case, not lost."""
    with closing(_ingest_macros().cursor()) as cur:
        return cur.execute("SELECT coalesce(ml_handle($h), lower(ltrim(trim($h), '@'))), "
                           "coalesce(ml_platform(nullif(trim($p), '')), '')",
                           {"h": str(influencer), "p": str(platform or "")}).fetchone()


def _keys(influencer: str, platform: str | None) -> tuple[str, str, str, str]:
    """Display values and match keys for an influencer handle on a platform."""
    display = str(influencer).strip()
    if not display.lstrip("@").strip():
        raise ValueError("An influencer handle is required to add someone to the roster.")
    shown_platform = (platform or "").strip()
    return (display, shown_platform, *match_key(display, shown_platform))


_StoredKeys = namedtuple("_StoredKeys",
                         "id influencer platform influencer_key platform_key stage updated_at staged_at")


def _rekey(con: duckdb.DuckDBPyConnection) -> None:
    """Keys every entry by the current `match_key`. Entries that now share keys are one influencer: the oldest entry
    keeps the others' notes, tags and stage history, and the stage set last among them; the others go."""
    groups: dict[tuple[str, str], list[_StoredKeys]] = {}
    for entry in map(_StoredKeys._make, mdb.execute(con, "roster_entry_keys").fetchall()):
        groups.setdefault(match_key(entry.influencer, entry.platform), []).append(entry)
    updates = []
    for keys, entries in groups.items():
        keeper = entries[0]
        # the stage set last, not the entry touched last: a note on a prospect's duplicate must not demote the one
        # signed since
        latest = max(entries, key=lambda e: (e.staged_at, e.id))
        updated_at = max(e.updated_at for e in entries)
        for other in entries:
            if other is not keeper:
                for move in ("roster_move_notes", "roster_move_stage_changes", "roster_copy_tags"):
                    mdb.execute(con, move, {"from": other.id, "into": keeper.id})
                for details in ("roster_delete_entry_tags", "roster_delete_entry"):
                    mdb.execute(con, details, {"id": other.id})
        if (keeper.influencer_key, keeper.platform_key) != keys or len(entries) > 1:
            updates.append({"id": keeper.id, "keys": keys, "stage": latest.stage, "updated_at": updated_at})
    # Out of the way first: the keys one entry gives up may be the keys another takes.
    for final in (False, True):
        for update in updates:
            influencer_key, platform_key = update["keys"] if final else (f"rekeying {uuid.uuid4()}", "")
            mdb.execute(con, "roster_set_keys", {"id": update["id"], "influencer_key": influencer_key,
                                                 "platform_key": platform_key, "stage": update["stage"],
                                                 "updated_at": update["updated_at"]})
    mdb.execute(con, "roster_record_key_rules", {"version": KEY_RULES})


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _is_lock_conflict(error: duckdb.Error) -> bool:
    message = str(error).lower()
    return any(fragment in message for fragment in _LOCK_MESSAGES)


def _file_lock(path: Path) -> threading.Lock:
    with _file_locks_guard:
        return _file_locks.setdefault(str(path), threading.Lock())


def _pauses(deadline: float) -> Iterator[float | None]:
    """Jittered, growing sleeps until `deadline`, then None; jitter keeps retries out of lock step."""
    pause = 0.002
    while time.monotonic() < deadline:
        yield min(pause * random.uniform(0.5, 1.5), max(deadline - time.monotonic(), 0.0))
        pause = min(pause * 1.5, 0.05)
    yield None


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _lock_blocking(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    while True:  # msvcrt's blocking mode gives up after 10 tries a second apart
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            return
        except OSError:
            continue


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _release(fd: int) -> None:
    try:
        _unlock(fd)
    finally:
        os.close(fd)


def _acquire_file_lock(lock_path: Path, timeout: float) -> int:
    """An fd holding an exclusive OS lock on `lock_path`; TimeoutError after `timeout` seconds.

    A contended lock is waited for in the kernel (on a helper thread, so the wait can time out)
    rather than by polling: a poller almost never hits the sub-millisecond gap between two
    operations of a busy writer and starves, while a blocked waiter is woken the moment the lock
    is released. The OS drops the lock when its process dies, so a crash never leaves it held.
    """
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    if _try_lock(fd):
        return fd
    granted, guard = threading.Event(), threading.Lock()
    gave_up = False

    def wait_in_kernel() -> None:
        _lock_blocking(fd)
        with guard:
            if gave_up:  # the caller left: hand the lock straight back
                _release(fd)
            else:
                granted.set()

    threading.Thread(target=wait_in_kernel, name="roster-lock-wait", daemon=True).start()
    if not granted.wait(timeout):
        with guard:
            if not granted.is_set():
                gave_up = True
                raise TimeoutError(f"{lock_path} stayed locked for {timeout:g} s")
    return fd


class Roster:
    """The roster stored in one DuckDB file; safe to use from many threads and processes."""

    def __init__(self, path: str | os.PathLike | None = None,
                 busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> None:
        target = Path(path).expanduser() if path is not None else roster_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        self.path = target.resolve()
        self.busy_timeout = busy_timeout
        self._lock = _file_lock(self.path)
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        with self._transaction() as con:
            con.execute(mdb.sql_file("roster_schema"))
            if mdb.execute(con, "roster_key_rules").fetchone()[0] < KEY_RULES:
                _rekey(con)

    # -- connection handling -------------------------------------------------------------------

    def _busy(self, holder: str) -> RosterBusy:
        return RosterBusy(
            f"The roster file {self.path} is in use by {holder} and was not released within "
            f"{self.busy_timeout:g} seconds. Close the other Microlens window or command, then try again.")

    def _open(self, deadline: float) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting while a program outside Microlens (say the duckdb CLI) holds it."""
        pauses = _pauses(deadline)
        while True:
            try:
                return duckdb.connect(str(self.path))
            except duckdb.Error as error:
                if not _is_lock_conflict(error):
                    raise
                pause = next(pauses)
                if pause is None:
                    pid = _PID.search(str(error))
                    holder = f"another program (process {pid.group(1)})" if pid else "another program"
                    raise self._busy(holder) from error
            time.sleep(pause)

    @contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection held under this process's lock and the cross-process lock file.

        DuckDB's own file lock is not enough with DuckDB 2.0.1: two processes looping
        open-insert-close on one file, relying on it alone, lost committed rows in 4 of 13 runs and
        twice left a file that would not open again (stale write-ahead log; short read). The next
        process evidently gets in before the previous close has finished with the files. With this
        lock held from before the open until after the close, 10 such runs lost nothing.
        """
        deadline = time.monotonic() + self.busy_timeout
        if not self._lock.acquire(timeout=self.busy_timeout):
            raise self._busy("another session of this app")
        try:
            try:
                lock_fd = _acquire_file_lock(self._lock_path, max(deadline - time.monotonic(), 0.0))
            except TimeoutError:
                raise self._busy("another Microlens process") from None
            try:
                with closing(self._open(deadline)) as con:
                    yield con
            finally:
                _release(lock_fd)
        finally:
            self._lock.release()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside BEGIN/COMMIT; an exception rolls everything back."""
        with self._connection() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    @staticmethod
    def _touch(con: duckdb.DuckDBPyConnection, entry_id: int, now: datetime) -> None:
        if mdb.execute(con, "roster_touch_entry", {"id": int(entry_id), "now": now}).fetchone() is None:
            raise KeyError(f"No roster entry with id {entry_id}.")

    # -- edits ---------------------------------------------------------------------------------

    def add(self, influencer: str, platform: str | None, stage: str = "prospect", note: str = "",
            tags: Iterable[str] | str = ()) -> int:
        """Add an influencer on a platform and return the entry id.

        If the influencer (ignoring case and a leading @) is already on the roster for that platform,
        no second entry is made: the existing id is returned, its stage is left alone (re-adding a
        prospect must not demote someone on the roster), and the note and tags are added to it.
        """
        display, shown_platform, influencer_key, platform_key = _keys(influencer, platform)
        stage = check_stage(stage)
        new_tags = clean_tags(tags)
        now = _now()
        with self._transaction() as con:
            keys = {"influencer_key": influencer_key, "platform_key": platform_key}
            found = mdb.execute(con, "roster_find_entry", keys).fetchone()
            if found is None:
                entry_id = mdb.execute(con, "roster_insert_entry", {
                    **keys, "influencer": display, "platform": shown_platform, "stage": stage,
                    "now": now}).fetchone()[0]
                mdb.execute(con, "roster_log_stage", {"id": entry_id, "stage": stage, "now": now})
            else:
                entry_id = found[0]
                self._touch(con, entry_id, now)
            if note.strip():
                mdb.execute(con, "roster_insert_note", {"id": entry_id, "text": note, "now": now})
            if new_tags:
                mdb.execute(con, "roster_add_tags", {"id": entry_id, "tags": new_tags, "now": now})
        return int(entry_id)

    def find(self, influencer: str, platform: str | None) -> int | None:
        """The entry id for an influencer on a platform, or None if they are not on the roster."""
        _, _, influencer_key, platform_key = _keys(influencer, platform)
        with self._connection() as con:
            found = mdb.execute(con, "roster_find_entry", {"influencer_key": influencer_key,
                                                          "platform_key": platform_key}).fetchone()
        return None if found is None else int(found[0])

    def set_stage(self, entry_id: int, stage: str) -> None:
        stage = check_stage(stage)
        now = _now()
        with self._transaction() as con:
            stage_change = {"id": int(entry_id), "stage": stage, "now": now}
            if mdb.execute(con, "roster_set_stage", stage_change).fetchone() is None:
                raise KeyError(f"No roster entry with id {entry_id}.")
            mdb.execute(con, "roster_log_stage", stage_change)

    def archive(self, entry_id: int) -> None:
        """Move an entry to "archived": it keeps its notes and history (use `remove` to delete)."""
        self.set_stage(entry_id, "archived")

    def add_note(self, entry_id: int, text: str) -> int:
        """Append a note (kept verbatim, never edited or merged) and return its id."""
        if not str(text).strip():
            raise ValueError("A note cannot be empty.")
        now = _now()
        with self._transaction() as con:
            self._touch(con, entry_id, now)
            note_id = mdb.execute(con, "roster_insert_note", {"id": int(entry_id), "text": str(text),
                                                              "now": now}).fetchone()[0]
        return int(note_id)

    def set_tags(self, entry_id: int, tags: Iterable[str] | str) -> None:
        """Make the entry's tags exactly `tags`: drops the others, adds the missing ones."""
        wanted = clean_tags(tags)
        now = _now()
        with self._transaction() as con:
            self._touch(con, entry_id, now)
            mdb.execute(con, "roster_drop_tags_not_in", {"id": int(entry_id), "tags": wanted})
            if wanted:
                mdb.execute(con, "roster_add_tags", {"id": int(entry_id), "tags": wanted, "now": now})

    def remove(self, entry_id: int) -> None:
        """Delete an entry with its notes, tags and stage history."""
        with self._transaction() as con:
            if mdb.execute(con, "roster_delete_entry", {"id": int(entry_id)}).fetchone() is None:
                raise KeyError(f"No roster entry with id {entry_id}.")
            for details in ("roster_delete_entry_notes", "roster_delete_entry_tags",
                            "roster_delete_entry_stage_changes"):
                mdb.execute(con, details, {"id": int(entry_id)})

    # -- reads ---------------------------------------------------------------------------------

    def entries(self, stages: Iterable[str] | None = None) -> pd.DataFrame:
        """One row per entry, in pipeline order then by influencer.

        Columns: id, influencer, platform, stage, tags (", "-joined, sorted), latest_note,
        notes (all notes newest first, one "YYYY-MM-DD HH:MM UTC: text" per line), note_count,
        updated_at, created_at (UTC).
        """
        wanted = list(STAGES) if stages is None else [check_stage(s) for s in stages]
        with self._connection() as con:
            frame = mdb.execute(con, "roster_entries", {"stages": wanted, "stage_order": list(STAGES)}).df()
        return frame[list(ENTRY_COLUMNS)]

    def notes(self, entry_id: int) -> pd.DataFrame:
        """An entry's notes, newest first: id, text, created_at (UTC)."""
        with self._connection() as con:
            return mdb.execute(con, "roster_entry_notes", {"id": int(entry_id)}).df()

    def history(self, entry_id: int) -> pd.DataFrame:
        """Stage changes and notes of an entry, newest first: at (UTC), event ("stage"/"note"), detail."""
        with self._connection() as con:
            frame = mdb.execute(con, "roster_entry_history", {"id": int(entry_id)}).df()
        return frame[["at", "event", "detail"]]
