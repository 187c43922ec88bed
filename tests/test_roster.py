"""Roster store: persistence, concurrent edits (threads and processes), validation, CSV, injection."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from microlens import roster as roster_module
from microlens.roster import (
    STAGE_LABELS,
    STAGES,
    Roster,
    RosterBusy,
    clean_tags,
    data_dir,
    roster_path,
)

REPO = Path(__file__).resolve().parents[1]
INJECTION = "'); DROP TABLE roster_entries; --"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Never touch the real ~/.microlens: both the env var and HOME point into tmp_path."""
    monkeypatch.setenv("MICROLENS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "data"


def run_python(script: str, *args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(script), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


# -- data directory ---------------------------------------------------------------------------

def test_data_dir_from_environment_is_created(isolated_data_dir):
    assert not isolated_data_dir.exists()
    assert data_dir() == isolated_data_dir
    assert isolated_data_dir.is_dir()
    assert roster_path() == isolated_data_dir / "roster.duckdb"
    Roster()
    assert (isolated_data_dir / "roster.duckdb").is_file()


def test_data_dir_defaults_to_dot_microlens_in_home(tmp_path, monkeypatch):
    monkeypatch.delenv("MICROLENS_DATA_DIR")
    assert data_dir() == tmp_path / "home" / ".microlens"
    assert (tmp_path / "home" / ".microlens").is_dir()


def test_stages_in_pipeline_order_with_labels():
    assert STAGES == ("prospect", "contacted", "trial post", "on roster", "archived")
    assert [STAGE_LABELS[s] for s in STAGES] == [
        "Prospect", "Contacted", "Trial post", "On roster", "Archived"]


# -- basic edits ------------------------------------------------------------------------------

def test_add_does_not_duplicate_and_keeps_stage():
    roster = Roster()
    ana = roster.add("@Ana", "Instagram", stage="on roster", note="great trial", tags=["vegan"])
    # Same person: case, spaces and the leading @ do not make a new entry.
    again = roster.add(" ana ", "instagram ", note="met at expo", tags="Paris")
    other_platform = roster.add("ana", "TikTok")
    assert again == ana
    assert other_platform != ana
    assert roster.find("ANA", "INSTAGRAM") == ana
    assert roster.find("nobody", "Instagram") is None

    frame = roster.entries().set_index("id")
    assert len(frame) == 2
    # Re-adding as a prospect must not demote; its note and tag are kept.
    assert frame.loc[ana, "stage"] == "on roster"
    assert frame.loc[ana, "influencer"] == "@Ana"
    assert frame.loc[ana, "tags"] == "paris, vegan"
    assert frame.loc[ana, "note_count"] == 2
    assert frame.loc[ana, "latest_note"] == "met at expo"
    assert frame.loc[other_platform, "stage"] == "prospect"


def _as_written_under_the_first_rules(path: Path, *entries: tuple[str, str, str, str]) -> None:
    """A roster file as Microlens wrote it before match keys were recorded: keys lower-cased as typed, no '@'."""
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM roster_key_rules")
        for influencer, platform, stage, when in entries:
            con.execute("INSERT INTO roster_entries (influencer, platform, influencer_key, platform_key, stage, "
                        "created_at, updated_at) VALUES (?, ?, lower(ltrim(?, '@')), lower(?), ?, ?, ?)",
                        [influencer, platform, influencer, platform, stage, when, when])


def test_a_file_keyed_under_older_rules_is_rekeyed_and_one_influencer_merged_on_open():
    path = roster_path()
    Roster(path)
    # Typed as a profile address in November, then again as the plain handle in December: two entries then.
    _as_written_under_the_first_rules(
        path, ("https://www.instagram.com/ana/", "Instagram", "on roster", datetime(2026, 11, 2)),
        ("ana", "Instagram", "contacted", datetime(2026, 12, 1)),
        ("https://www.tiktok.com/@bo", "TikTok", "prospect", datetime(2026, 11, 3)))
    with duckdb.connect(str(path)) as con:
        url_id, plain_id, bo_id = (row[0] for row in
                                   con.execute("SELECT id FROM roster_entries ORDER BY id").fetchall())
        con.execute("INSERT INTO roster_notes (entry_id, text, created_at) VALUES "
                    "(?, 'signed', '2026-11-02'), (?, 'asked rates', '2026-12-01')", [url_id, plain_id])
        con.execute("INSERT INTO roster_tags VALUES (?, 'vegan', '2026-11-02'), (?, 'vegan', '2026-12-01'), "
                    "(?, 'paris', '2026-12-01')", [url_id, plain_id, plain_id])
        con.execute("INSERT INTO roster_stage_changes (entry_id, stage, changed_at) VALUES "
                    "(?, 'on roster', '2026-11-02'), (?, 'contacted', '2026-12-01')", [url_id, plain_id])

    roster = Roster(path)
    frame = roster.entries().set_index("id")
    assert sorted(frame.index) == [url_id, bo_id]          # the older entry keeps the merged one's details
    ana = frame.loc[url_id]
    assert ana["influencer"] == "https://www.instagram.com/ana/"
    assert ana["stage"] == "contacted"                     # the stage it was given last (1 Dec)
    assert ana["updated_at"] == datetime(2026, 12, 1)
    assert ana["tags"] == "paris, vegan"
    assert ana["note_count"] == 2 and ana["latest_note"] == "asked rates"
    assert list(roster.history(url_id)["detail"]) == ["asked rates", "contacted", "signed", "on roster"]
    # Found by the handle and by the address, and adding the handle again makes no third entry.
    assert roster.find("ana", "instagram") == roster.find("instagram.com/ana", "IG") == url_id
    assert roster.find("bo", "tiktok") == bo_id
    assert roster.add("@ana", "Instagram") == url_id
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT count(*) FROM roster_tags WHERE entry_id = ?", [plain_id]).fetchone()[0] == 0
        assert con.execute("SELECT max(version) FROM roster_key_rules").fetchone()[0] == roster_module.KEY_RULES


def test_a_merge_keeps_the_stage_set_last_not_the_stage_of_the_entry_touched_last():
    # A was signed ('on roster') on 5 Dec; its duplicate B, a prospect since 1 Dec, got a note on 10 Dec: the merged
    # entry read 'prospect' while its own history's latest stage change was 'on roster'
    path = roster_path()
    Roster(path)
    _as_written_under_the_first_rules(path, ("instagram.com/ana", "Instagram", "on roster", datetime(2026, 12, 5)),
                                      ("ana", "Instagram", "prospect", datetime(2026, 12, 1)))
    with duckdb.connect(str(path)) as con:
        a, b = (row[0] for row in con.execute("SELECT id FROM roster_entries ORDER BY id").fetchall())
        con.execute("INSERT INTO roster_stage_changes (entry_id, stage, changed_at) VALUES "
                    "(?, 'prospect', '2026-11-20'), (?, 'on roster', '2026-12-05'), (?, 'prospect', '2026-12-01')",
                    [a, a, b])
        con.execute("INSERT INTO roster_notes (entry_id, text, created_at) VALUES (?, 'sent rates', '2026-12-10')",
                    [b])
        con.execute("UPDATE roster_entries SET updated_at = '2026-12-10' WHERE id = ?", [b])
    row = Roster(path).entries().set_index("id").loc[a]
    assert (row["stage"], row["updated_at"], row["latest_note"]) == ("on roster", datetime(2026, 12, 10), "sent rates")


def test_a_file_keyed_when_twitch_was_other_finds_its_entry_on_twitch_and_not_on_linkedin():
    # rules 2 keyed every platform but five as 'other': @glow's Twitch entry was found for @glow on LinkedIn too
    path = roster_path()
    Roster(path)
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM roster_key_rules")
        con.execute("INSERT INTO roster_key_rules VALUES (2)")
        con.execute("INSERT INTO roster_entries (influencer, platform, influencer_key, platform_key, stage, "
                    "created_at, updated_at) VALUES ('@glow', 'Twitch', 'glow', 'other', 'prospect', '2026-11-02', "
                    "'2026-11-02')")
        entry = con.execute("SELECT id FROM roster_entries").fetchone()[0]
    roster = Roster(path)
    assert roster.find("glow", "twitch") == roster.find("https://www.twitch.tv/glow", "Twitch") == entry
    assert roster.find("glow", "LinkedIn") is None
    assert roster.add("glow", "LinkedIn") != entry


def test_rekeying_runs_once_per_file():
    path = roster_path()
    Roster(path).add("cara", "Instagram")
    with duckdb.connect(str(path)) as con:  # a key the current rules would never make: left alone once recorded
        con.execute("UPDATE roster_entries SET influencer_key = 'CARA'")
    roster = Roster(path)
    assert roster.find("cara", "Instagram") is None
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM roster_key_rules")
    assert Roster(path).find("cara", "Instagram") is not None


def test_stage_tags_notes_and_history():
    roster = Roster()
    entry = roster.add("bob", "YouTube")
    roster.set_stage(entry, "contacted")
    roster.add_note(entry, "sent brief")
    roster.set_stage(entry, "Trial Post")  # labels are accepted and stored canonically
    roster.set_tags(entry, ["Skincare", "  budget  friendly ", "skincare"])
    roster.set_tags(entry, ["budget friendly", "EU"])      # as the page saves an edit: one dropped, one added

    row = roster.entries().iloc[0]
    assert row["stage"] == "trial post"
    assert row["tags"] == "budget friendly, eu"
    history = roster.history(entry)
    assert list(history["event"]) == ["stage", "note", "stage", "stage"]
    assert list(history["detail"]) == ["trial post", "sent brief", "contacted", "prospect"]
    assert row["updated_at"] >= row["created_at"]

    roster.set_tags(entry, [])
    assert roster.entries().iloc[0]["tags"] == ""


def test_notes_are_an_append_only_history_newest_first():
    roster = Roster()
    entry = roster.add("cara", "Instagram")
    first = roster.add_note(entry, "first")
    second = roster.add_note(entry, "second")
    notes = roster.notes(entry)
    assert list(notes["id"]) == [second, first]
    assert list(notes["text"]) == ["second", "first"]
    row = roster.entries().iloc[0]
    assert row["latest_note"] == "second"
    lines = row["notes"].split("\n")
    assert [line.split(" UTC: ", 1)[1] for line in lines] == ["second", "first"]


def test_archive_keeps_and_remove_deletes(isolated_data_dir):
    roster = Roster()
    kept = roster.add("dan", "Instagram", note="n1", tags=["x"])
    gone = roster.add("eve", "Instagram", note="n2", tags=["x"])
    roster.set_stage(gone, "contacted")
    roster.archive(kept)
    roster.remove(gone)
    frame = roster.entries()
    assert list(frame["id"]) == [kept]
    assert frame.iloc[0]["stage"] == "archived"
    assert frame.iloc[0]["tags"] == "x"
    # The note written with the entry shows above its first stage, which has the same time.
    assert list(roster.history(kept)["detail"]) == ["archived", "n1", "prospect"]
    with duckdb.connect(str(isolated_data_dir / "roster.duckdb"), read_only=True) as con:
        left = con.execute("""SELECT (SELECT count(*) FROM roster_notes WHERE entry_id = $id),
                                     (SELECT count(*) FROM roster_tags WHERE entry_id = $id),
                                     (SELECT count(*) FROM roster_stage_changes WHERE entry_id = $id)""",
                           {"id": gone}).fetchone()
    assert left == (0, 0, 0)
    assert roster.notes(gone).empty
    assert roster.entries(stages=["prospect", "on roster"]).empty
    assert list(roster.entries(stages=["archived"])["id"]) == [kept]
    # Adding a removed person again makes a fresh entry without the old notes.
    back = roster.add("eve", "Instagram")
    assert back != gone
    assert roster.notes(back).empty


def test_each_edit_marks_only_its_entry_updated(monkeypatch):
    clock = iter(datetime(2026, 5, 1, hour) for hour in range(9, 24))
    monkeypatch.setattr(roster_module, "_now", lambda: next(clock))
    roster = Roster()
    entry = roster.add("kit", "Instagram")                          # 09:00
    other = roster.add("lou", "Instagram")                          # 10:00
    edits = [lambda: roster.add_note(entry, "called"),              # 11:00
             lambda: roster.set_tags(entry, ["eu"]),                # 12:00
             lambda: roster.add("@Kit", "instagram", note="again"),  # 13:00: a re-add edits the entry
             lambda: roster.set_stage(entry, "contacted")]           # 14:00
    for hour, edit in enumerate(edits, start=11):
        edit()
        frame = roster.entries().set_index("id")
        assert frame.loc[entry, "updated_at"] == datetime(2026, 5, 1, hour)
        assert frame.loc[entry, "created_at"] == datetime(2026, 5, 1, 9)
        assert frame.loc[other, "updated_at"] == datetime(2026, 5, 1, 10)


def test_entries_in_pipeline_order():
    roster = Roster()
    for name, stage in [("zed", "prospect"), ("amy", "archived"), ("kim", "trial post"),
                        ("bea", "prospect"), ("lou", "on roster")]:
        roster.add(name, "Instagram", stage=stage)
    frame = roster.entries()
    assert list(frame["influencer"]) == ["bea", "zed", "kim", "lou", "amy"]


# -- validation -------------------------------------------------------------------------------

def test_invalid_stage_is_rejected_and_changes_nothing():
    roster = Roster()
    entry = roster.add("fay", "Instagram", stage="contacted")
    with pytest.raises(ValueError, match="Unknown roster stage 'hired'"):
        roster.set_stage(entry, "hired")
    with pytest.raises(ValueError):
        roster.add("gus", "Instagram", stage="prospect'; DROP TABLE roster_entries; --")
    with pytest.raises(ValueError):
        roster.entries(stages=["nope"])
    frame = roster.entries()
    assert list(frame["influencer"]) == ["fay"]
    assert frame.iloc[0]["stage"] == "contacted"


def test_missing_entry_raises_and_leaves_no_orphans():
    roster = Roster()
    with pytest.raises(KeyError):
        roster.add_note(404, "lost")
    with pytest.raises(KeyError):
        roster.set_stage(404, "contacted")
    with pytest.raises(KeyError):
        roster.set_tags(404, ["x"])
    with pytest.raises(KeyError):
        roster.remove(404)
    assert roster.notes(404).empty
    assert roster.history(404).empty


def test_empty_inputs_rejected():
    roster = Roster()
    with pytest.raises(ValueError):
        roster.add("  @ ", "Instagram")
    entry = roster.add("hal", "")
    with pytest.raises(ValueError):
        roster.add_note(entry, "   ")


def test_clean_tags():
    assert clean_tags("Vegan, paris ,, VEGAN") == ["vegan", "paris"]
    assert clean_tags(["a  b", "A B", ""]) == ["a b"]


def test_sql_injection_strings_stored_verbatim(isolated_data_dir):
    roster = Roster()
    handle = "Robert'); DROP TABLE roster_entries; --"
    platform = "x' OR '1'='1"
    entry = roster.add(handle, platform, note=INJECTION, tags=[INJECTION])
    roster.add_note(entry, '"; DELETE FROM roster_notes; --')
    roster.add("innocent", "Instagram")
    # A quote trick in a lookup must match nothing rather than everything.
    assert roster.find("' OR '1'='1", "' OR '1'='1") is None

    frame = roster.entries().set_index("influencer")
    assert len(frame) == 2
    assert frame.loc[handle, "platform"] == platform
    assert frame.loc[handle, "tags"] == INJECTION.lower()
    assert list(roster.notes(entry)["text"]) == ['"; DELETE FROM roster_notes; --', INJECTION]
    con = duckdb.connect(str(isolated_data_dir / "roster.duckdb"), read_only=True)
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    con.close()
    assert {"roster_entries", "roster_notes", "roster_tags", "roster_stage_changes"} <= tables


# -- persistence ------------------------------------------------------------------------------

def test_survives_restart_in_process_and_in_a_new_python(isolated_data_dir):
    roster = Roster()
    entry = roster.add("ivy", "TikTok", stage="trial post", note="posted 3 reels", tags=["fitness"])
    expected = roster.entries()
    del roster

    reopened = Roster(isolated_data_dir / "roster.duckdb")
    pd.testing.assert_frame_equal(reopened.entries(), expected)

    child = run_python("""
        import json
        from microlens.roster import Roster
        row = Roster().entries().iloc[0]
        print(json.dumps({k: str(row[k]) for k in ("id", "influencer", "stage", "tags", "latest_note")}))
    """)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert json.loads(out) == {"id": str(entry), "influencer": "ivy", "stage": "trial post",
                               "tags": "fitness", "latest_note": "posted 3 reels"}


# -- concurrency ------------------------------------------------------------------------------

def test_two_threads_fifty_edits_each_lose_nothing():
    roster = Roster()
    shared = roster.add("shared", "Instagram")
    own = [roster.add("own0", "Instagram"), roster.add("own1", "Instagram")]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(t: int) -> None:
        # Each thread has its own Roster object, as each Streamlit session would.
        mine = Roster(roster.path)
        start.wait()
        try:
            for i in range(50):
                op = i % 5
                if op == 0:
                    mine.add_note(shared, f"t{t} note {i}")
                elif op == 1:
                    mine.add("shared", "Instagram", tags=f"t{t}-tag-{i}")
                elif op == 2:
                    mine.set_stage(own[t], STAGES[(i // 5 + t) % 5])
                elif op == 3:
                    mine.add_note(own[t], f"own {i}")
                else:
                    mine.set_stage(shared, STAGES[(i // 5) % 5])
        except BaseException as error:  # surfaced by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []

    # Each op kind runs for i = k, k+5, ..., k+45: 10 times per thread.
    shared_notes = set(roster.notes(shared)["text"])
    assert shared_notes == {f"t{t} note {i}" for t in range(2) for i in range(0, 50, 5)}
    tags = set(roster.entries().set_index("id").loc[shared, "tags"].split(", "))
    assert tags == {f"t{t}-tag-{i}" for t in range(2) for i in range(1, 50, 5)}
    # 1 initial stage + 10 changes per thread on the shared entry.
    assert (roster.history(shared)["event"] == "stage").sum() == 1 + 20
    for t in range(2):
        history = roster.history(own[t])
        assert (history["event"] == "stage").sum() == 1 + 10
        assert set(roster.notes(own[t])["text"]) == {f"own {i}" for i in range(3, 50, 5)}
    # The last stage op of a thread is i = 47: STAGES[(9 + t) % 5] -> archived (t=0), prospect (t=1).
    stages = roster.entries().set_index("id")["stage"]
    assert stages[own[0]] == "archived"
    assert stages[own[1]] == "prospect"


WRITER = """
    import sys, time
    from microlens.roster import Roster
    path, shared, own = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    roster = Roster(path)
    print("ready", flush=True)
    sys.stdin.readline()  # wait for the parent's go
    began = time.time()
    for i in range(12):
        roster.add_note(shared, f"child note {i}")
        roster.add("shared", "Instagram", tags=f"child-{i}")
        roster.set_stage(own, ("contacted", "trial post")[i % 2])
    print(began, time.time(), flush=True)
"""


def test_two_processes_editing_at_once_lose_nothing():
    roster = Roster()
    shared = roster.add("shared", "Instagram")
    mine = roster.add("parent-own", "Instagram")
    theirs = roster.add("child-own", "Instagram")
    child = run_python(WRITER, str(roster.path), str(shared), str(theirs), stdin=subprocess.PIPE)
    assert child.stdout.readline().strip() == "ready", child.stderr.read()

    child.stdin.write("go\n")
    child.stdin.flush()
    began = time.time()
    for i in range(12):
        roster.add_note(shared, f"parent note {i}")
        roster.add("shared", "Instagram", tags=f"parent-{i}")
        roster.set_stage(mine, ("on roster", "archived")[i % 2])
    ended = time.time()
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    child_began, child_ended = map(float, out.split())
    # The two writers really ran at the same time, so the file lock was contended.
    assert child_began < ended and began < child_ended

    notes = set(roster.notes(shared)["text"])
    assert notes == {f"{who} note {i}" for who in ("parent", "child") for i in range(12)}
    tags = set(roster.entries().set_index("id").loc[shared, "tags"].split(", "))
    assert tags == {f"{who}-{i}" for who in ("parent", "child") for i in range(12)}
    stages = roster.entries().set_index("id")["stage"]
    assert stages[mine] == "archived"        # the last i = 11 is odd
    assert stages[theirs] == "trial post"
    assert (roster.history(theirs)["event"] == "stage").sum() == 1 + 12


def test_busy_file_raises_roster_busy_then_recovers_after_holder_dies():
    """Another Microlens process stuck mid-operation, then killed: its lock dies with it."""
    roster = Roster(busy_timeout=0.4)
    entry = roster.add("kai", "Instagram")
    holder = run_python("""
        import sys
        from microlens.roster import Roster
        with Roster(sys.argv[1])._connection():
            print("held", flush=True)
            sys.stdin.readline()
    """, str(roster.path), stdin=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "held", holder.stderr.read()
        began = time.monotonic()
        with pytest.raises(RosterBusy, match="in use by another Microlens process"):
            roster.set_stage(entry, "contacted")
        assert 0.4 <= time.monotonic() - began < 2.0
    finally:
        holder.kill()
        holder.communicate(timeout=30)
    roster.set_stage(entry, "contacted")
    assert roster.entries().iloc[0]["stage"] == "contacted"


def test_busy_within_one_process_names_the_other_session():
    roster = Roster(busy_timeout=0.2)
    entry = roster.add("lee", "Instagram")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with Roster(roster.path)._connection():
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        with pytest.raises(RosterBusy, match="another session of this app"):
            roster.add_note(entry, "blocked")
    finally:
        release.set()
        holder.join(10)
    roster.add_note(entry, "unblocked")
    assert list(roster.notes(entry)["text"]) == ["unblocked"]


HOLDER = """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    print("held", flush=True)
    sys.stdin.readline()
    con.close()
"""


def test_file_held_by_another_program_raises_roster_busy_then_recovers():
    roster = Roster(busy_timeout=0.4)
    entry = roster.add("jay", "Instagram")
    holder = run_python(HOLDER, str(roster.path), stdin=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "held", holder.stderr.read()
        began = time.monotonic()
        with pytest.raises(RosterBusy) as busy:
            roster.add_note(entry, "while locked")
        waited = time.monotonic() - began
        assert 0.4 <= waited < 2.0
        message = str(busy.value)
        assert "is in use by another program" in message
        assert f"process {holder.pid}" in message
    finally:
        holder.communicate("release\n", timeout=30)
    assert holder.returncode == 0

    roster.add_note(entry, "after release")
    assert list(roster.notes(entry)["text"]) == ["after release"]
