"""Roster: the influencers a brand works with, stage by stage, each beside how its trial post did.

The entries, notes and tags live in the roster file (microlens.roster); the performance comes from the
session's loaded data (queries/roster_performance.sql): the entry's trial post (its first sponsored post,
else its first post) with its ER and CPE against the median ER and the CPE of its follower band on the same
platform, under the global filters. This module joins the two and words the comparison; the page draws it.
"""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from . import export, flags, metrics, theme
from .area_planner import candidates, roster_keys
from .context import Context
from .roster import ENTRY_COLUMNS, STAGE_LABELS, STAGES, Roster, RosterBusy, match_key, roster_path
from .text import counted, in_words, platform_name

PERFORMANCE_QUERY = "roster_performance"
# the band figures' rule, said wherever they are (a crawl's viral posts had set a band's median ER at 418%)
VIRAL_ACCOUNTS_OUT = (f"viral accounts (a median ER by followers over {theme.percent(metrics.VIRAL_ER, 0)}: posts "
                      "that travelled far beyond their followers) left out")
ACTIVE_STAGES = tuple(s for s in STAGES if s != "archived")
# Errors the roster file can raise that a user can act on (file busy, unreadable, folder not writable).
ROSTER_ERRORS = (RosterBusy, duckdb.Error, OSError)

PERFORMANCE_COLUMNS = ("entry_id", "posts_loaded", "listed", "elsewhere", "platform", "band", "posted_at", "sponsored",
                       "campaign", "url", "followers", "engagements", "er", "cost", "cost_estimated",
                       "cost_source", "cpe", "band_posts", "band_median_er", "band_cpe", "band_cost_estimated",
                       "er_vs_band", "cpe_vs_band")
NOT_LOADED = "not in the loaded data"
LISTED_ONLY = "in the influencer list, but no posts loaded"
FILTERED_OUT = "no post under the current filters"
# "3 prospects, 1 contacted, 2 on a trial post, 4 on the roster, 1 archived"
_STAGE_PHRASES = {
    "prospect": lambda n: "prospect" if n == 1 else "prospects",
    "contacted": lambda n: "contacted",
    "trial post": lambda n: "on a trial post",
    "on roster": lambda n: "on the roster",
    "archived": lambda n: "archived",
}


def roster_error_sentence(error: Exception) -> str:
    """One sentence for a roster file that cannot be used, naming the file and what to do."""
    if isinstance(error, RosterBusy):
        return str(error)
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        where = error.filename or "the data folder"
        return (f"The roster cannot be saved: {where} is not usable ({reason}). Set MICROLENS_DATA_DIR to a "
                "folder you can write to and restart Microlens.")
    return (f"The roster file could not be read or written ({str(error).splitlines()[0]}). Check that the "
            "folder is writable and the file is not damaged, or set MICROLENS_DATA_DIR to another folder and "
            "restart Microlens.")


def no_entries() -> pd.DataFrame:
    """An empty roster with the columns of Roster.entries(), for when no roster file exists yet."""
    return pd.DataFrame(columns=list(ENTRY_COLUMNS))


def stage_counts(entries: pd.DataFrame) -> list[tuple[str, str, int]]:
    """(stage, label, number of entries) for every stage, in pipeline order; a stage with no one counts 0."""
    counts = entries["stage"].value_counts()
    return [(s, STAGE_LABELS[s], int(counts.get(s, 0))) for s in STAGES]


def performance(ctx: Context, entries: pd.DataFrame) -> pd.DataFrame:
    """The trial post figures of every entry (one row per entry id, in PERFORMANCE_COLUMNS)."""
    if entries.empty:
        return pd.DataFrame(columns=list(PERFORMANCE_COLUMNS))
    frame = ctx.query(PERFORMANCE_QUERY, **performance_params(entries))
    return frame[list(PERFORMANCE_COLUMNS)]


def performance_params(entries: pd.DataFrame) -> dict:
    """The query's own parameters: the entries' ids, handles and platforms, item by item in step."""
    return {"viral_er": metrics.VIRAL_ER, "entry_ids": [int(i) for i in entries["id"]],
            "handles": [str(h) for h in entries["influencer"]],
            "entry_platforms": [str(p or "") for p in entries["platform"]]}


def _change(value: float) -> str:
    """+46% / −38% / same: relative difference, with a true minus sign."""
    return "same" if round(value, 2) == 0 else f"{value:+.0%}".replace("-", "−")


def flag(value) -> bool:
    """A nullable boolean cell as a plain bool (missing = False)."""
    return bool(value) if pd.notna(value) else False


def _absent(row: pd.Series) -> str | None:
    """Why an entry has no trial post figures, or None when it has a trial post."""
    if pd.notna(row["engagements"]):
        return None
    if pd.isna(row["posts_loaded"]) or row["posts_loaded"] == 0:
        if flag(row["listed"]):
            return LISTED_ONLY
        elsewhere = row.get("elsewhere")
        if isinstance(elsewhere, (list, tuple, np.ndarray)) and len(elsewhere):
            # added on the wrong platform, most likely: say where the handle's posts are
            return (f"not loaded on {platform_name(row['platform'])} "
                    f"(posts on {in_words([platform_name(p) for p in elsewhere])})")
        return NOT_LOADED
    return FILTERED_OUT


def _unpaid(row: pd.Series) -> str:
    """'First post: ' for an entry none of whose posts is marked sponsored, whose "trial post" is its first post: a
    contacted prospect's organic post read as a paid trial that had never happened."""
    return "" if flag(row["sponsored"]) else "First post: "


def er_phrase(row: pd.Series) -> str:
    """'ER 4.1% vs micro median 2.8% (+46%)', or why there is no such comparison."""
    absent = _absent(row)
    if absent:
        return absent
    if pd.isna(row["er"]):
        return _unpaid(row) + "ER unknown (no follower count)"
    text = _unpaid(row) + f"ER {theme.percent(row['er'], 1)}"
    if pd.isna(row["band_median_er"]) or not isinstance(row["band"], str):
        return text + " (no band median)"
    text += f" vs {row['band']} median {theme.percent(row['band_median_er'], 1)}"
    return text + (f" ({_change(row['er_vs_band'])})" if pd.notna(row["er_vs_band"]) else "")


def cpe_phrase(row: pd.Series) -> str:
    """'CPE $0.026 vs micro $0.11 (77% cheaper)' or '(2.4× the band)'; 'est.' marks an estimated cost."""
    absent = _absent(row)
    if absent:
        return absent
    if pd.isna(row["cpe"]):
        return _unpaid(row) + "CPE unknown (no cost known)"
    text = _unpaid(row) + f"CPE {theme.money(row['cpe'])}" + (" est." if flag(row["cost_estimated"]) else "")
    if pd.isna(row["band_cpe"]) or not isinstance(row["band"], str):
        return text + " (no band CPE)"
    text += f" vs {row['band']} {theme.money(row['band_cpe'])}" + (" est." if flag(row["band_cost_estimated"])
                                                                    else "")
    change = row["cpe_vs_band"]
    if pd.isna(change) or round(change, 2) == 0:
        return text + " (same)"
    if change >= 1:      # "838% dearer" is hard to read; "9.4× the band" is not
        return text + f" ({theme.multiple(change + 1)} the band)"
    return text + f" ({abs(change):.0%} {'cheaper' if change < 0 else 'dearer'})"


def entry_handles(entries: pd.DataFrame) -> tuple[str, ...]:
    """The entries' handles as the loaded data writes them (without '@', in lower case)."""
    return tuple(sorted({handle for handle, _ in roster_keys(entries)}))


def authenticity(ctx: Context, handles: tuple[str, ...]) -> pd.DataFrame:
    """influencer, platform, authenticity_flags ('' when none), flag_severity of the accounts under the filters,
    checked as the Planner and the Influencers page check them: the roster showed an account with bought
    engagement as "ER +330% vs its band" and not a word of the warning the other pages gave. Follower jumps only
    for the roster's `handles` (entry_handles; the other checks weigh each account against all, so they are the
    same): every account's follower series took 1 s of the page at a million posts. No handles (an empty roster):
    no checks, where jumps_of=() would check every account."""
    columns = ["influencer", "platform", "authenticity_flags", "flag_severity"]
    if not handles:
        return pd.DataFrame(columns=columns)
    return candidates(ctx, jumps_of=handles)[columns]


def _flags_of(entries: pd.DataFrame, checks: pd.DataFrame) -> dict[str, list]:
    """Each entry's authenticity_flags and flag_severity, its handle read as the data stores it (without '@', in
    lower case, as typed '@DewyManu') and an entry of no platform ('') taking its flags on every platform."""
    keys = [match_key(i, p) for i, p in zip(entries["influencer"], entries["platform"])]
    mine = checks[checks["influencer"].isin({handle for handle, _ in keys})]
    texts, severities = [], []
    for handle, platform in keys:
        rows = mine[(mine["influencer"] == handle) & ((mine["platform"] == platform) | (platform == ""))]
        texts.append("; ".join(t for t in rows["authenticity_flags"] if t))
        severity = rows["flag_severity"].dropna()
        severities.append(flags.WARNING if (severity == flags.WARNING).any() else
                          severity.iloc[0] if not severity.empty else None)
    return {"authenticity_flags": texts, "flag_severity": severities}


def pipeline(entries: pd.DataFrame, perf: pd.DataFrame, checks: pd.DataFrame | None = None) -> pd.DataFrame:
    """The roster beside its trial posts: entry columns, then the trial figures and their phrases, then the
    account's authenticity flags (`checks`, from authenticity())."""
    if checks is not None:
        entries = entries.assign(**_flags_of(entries, checks))
    merged = entries.merge(perf, left_on="id", right_on="entry_id", how="left", suffixes=("", "_trial"))
    merged["stage_label"] = merged["stage"].map(STAGE_LABELS)
    merged["trial_er"] = [er_phrase(r) for _, r in merged.iterrows()]
    merged["trial_cpe"] = [cpe_phrase(r) for _, r in merged.iterrows()]
    return merged.drop(columns=["entry_id"])


def export_frame(table: pd.DataFrame) -> pd.DataFrame:
    """Everything the user keeps about each entry plus its trial figures, for the roster CSV download."""
    return table[["stage", "influencer", "platform", "tags", "trial_er", "trial_cpe", "latest_note", "notes",
                  "note_count", "updated_at", "created_at", "platform_trial", "band", "posted_at", "sponsored",
                  "campaign", "url", "followers", "engagements", "er", "cost", "cost_estimated", "cost_source",
                  "cpe", "band_posts", "band_median_er", "band_cpe", "er_vs_band", "cpe_vs_band"]].rename(
        columns={"platform_trial": "trial_platform", "posted_at": "trial_posted_at", "url": "trial_url",
                 "er": "trial_er_value", "cost": "trial_cost", "cpe": "trial_cpe_value",
                 "trial_er": "trial_er_vs_band", "trial_cpe": "trial_cpe_vs_band"})


def roster_csv(table: pd.DataFrame) -> bytes:
    """The roster download: `export_frame` as formula-safe CSV. Notes and handles are kept as they were typed, so
    a note such as =cmd|' /C calc'!A0 would run in a spreadsheet; export.to_csv neutralises it."""
    return export.to_csv(export_frame(table))


def report_table(table: pd.DataFrame) -> pd.DataFrame:
    """The client-facing roster: no private notes, one line per entry, the trial comparison in words and numbers."""
    return table[["stage_label", "influencer", "platform", "tags", "trial_er", "trial_cpe", "authenticity_flags",
                  "er", "band_median_er", "er_vs_band", "cpe", "band_cpe", "cost_estimated"]].rename(
        columns={"stage_label": "stage", "trial_er": "trial_er_vs_band", "trial_cpe": "trial_cpe_vs_band",
                 "er": "trial_er_value", "cpe": "trial_cpe_value"})


def finding(table: pd.DataFrame) -> str:
    """'7 influencers in the pipeline: 3 prospects, 1 contacted, 2 on a trial post, 1 on the roster; 2 of 3
    trial posts beat the median ER of their band'."""
    counts = [f"{n} {_STAGE_PHRASES[stage](n)}" for stage, _, n in stage_counts(table) if n]
    text = f"{len(table)} influencer{'s' if len(table) != 1 else ''} in the pipeline: " + ", ".join(counts)
    compared = table["er_vs_band"].dropna()
    if compared.empty:
        return text + "; none has a trial post in the current filters to compare with its band" + warned_clause(table)
    beat = int((compared > 0).sum())
    text += (f"; {beat} of {len(compared)} trial post{'s' if len(compared) != 1 else ''} beat the median ER of "
             "their band")
    return text + warned_clause(table)


def warned_clause(table: pd.DataFrame) -> str:
    """'; 1 carries an authenticity warning: dewymanu' ('' when none does, or the checks were not joined)."""
    if "flag_severity" not in table:
        return ""
    warned = table.loc[table["flag_severity"] == flags.WARNING, "influencer"].tolist()
    if not warned:
        return ""
    return (f"; {len(warned)} {'carries' if len(warned) == 1 else 'carry'} an authenticity warning: "
            f"{in_words(warned)}")


def sections(ctx: Context, roster: Roster | None = None) -> list[export.Section]:
    """The roster table for reports: active stages only (archived left out), no notes. No roster file yet: none.

    A roster file that cannot be read gives a section saying so, rather than a report without it in silence.
    """
    try:
        if roster is None:
            if not roster_path().exists():
                return []
            roster = Roster()
        entries = roster.entries(ACTIVE_STAGES)
    except ROSTER_ERRORS as error:
        return [export.Section("roster", "Roster", roster_error_sentence(error), None, pd.DataFrame())]
    if entries.empty:
        return []
    table = pipeline(entries, performance(ctx, entries), authenticity(ctx, entry_handles(entries)))
    # the roster is the machine's, shared by every session: a report on one client's data names only the accounts
    # in that data (client A's shortlist went into client B's deck, "not in the loaded data")
    here = table["posts_loaded"].fillna(0).gt(0) | table["listed"].fillna(False).astype(bool)
    table = table[here].reset_index(drop=True)
    if table.empty:
        return []
    source = ("Trial post = the first sponsored post under the current filters (else the first post). Band figures: "
              f"posts of the same follower band and platform under the current filters, {VIRAL_ACCOUNTS_OUT}; CPE "
              "marked est. uses an estimated cost.")
    if elsewhere := int((~here).sum()):
        source += (f" {counted(elsewhere, 'roster entry', 'roster entries')} not in this data "
                   f"{'is' if elsewhere == 1 else 'are'} left out.")
    return [export.Section("roster", "Roster", finding(table), None, report_table(table), source,
                           ctx.sql(PERFORMANCE_QUERY))]
