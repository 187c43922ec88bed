"""Roster: who the brand works with, stage by stage (prospect → contacted → trial post → on roster → archived),
with notes and tags, each entry beside how its trial post did against its follower band.

The roster is a file on this computer shared by every session (microlens.roster), not session data: every edit
is saved at once. Edits run in widget callbacks, before the page is drawn, so the table shows them immediately;
the callback leaves a message for the page to show beside the control that was used.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from microlens import area_roster as area
from microlens import flags, metrics, schema, theme
from microlens.roster import DATA_DIR_ENV, STAGE_LABELS, STAGES, Roster, roster_path
from microlens.text import escape_markdown, platform_name
from pages import ui

ui.through_entry_script(__file__)

FLASH = "roster_flash"              # (where, "success" | "error", message) left by a callback
PICK = "roster_pick"
TABLE, TABLE_IDS = "roster_table", "roster_table_ids"   # the pipeline table and the entry id of each shown row
EDIT_STAGE, EDIT_TAGS, EDIT_NOTE = "roster_edit_stage", "roster_edit_tags", "roster_edit_note"
EDIT_SEEN = "roster_edit_seen"      # (entry id, updated_at) the edit widgets were last filled from
CONFIRM_REMOVE = "roster_confirm_remove"
NEW_HANDLE, NEW_PLATFORM, NEW_STAGE, NEW_NOTE = ("roster_new_handle", "roster_new_platform", "roster_new_stage",
                                                 "roster_new_note")
METHOD = ("Trial post = the influencer's first sponsored post within the current filters (else their first post "
          "there): a date range that starts after it moves the trial to a later post. Its ER and CPE are compared "
          "with the median ER and the CPE of the posts of its follower band on the same platform, under the same "
          f"filters, {area.VIRAL_ACCOUNTS_OUT}. CPE marked est. uses an estimated cost: "
          + metrics.ESTIMATED_COST_RULE + ".")


def flash(where: str, kind: str, message: str) -> None:
    st.session_state[FLASH] = (where, kind, message)


def show_flash(where: str) -> None:
    """The message the last edit left for this part of the page (shown once)."""
    stored = st.session_state.get(FLASH)
    if stored and stored[0] == where:
        del st.session_state[FLASH]
        (st.success if stored[1] == "success" else st.error)(stored[2])


def who(influencer: str, platform: str) -> str:
    """'@ana (Instagram)' for messages, markdown-escaped: handles are user text."""
    return escape_markdown(f"{influencer} ({platform_name(platform) or 'any platform'})")


def edit(where: str, action, done: str) -> None:
    """Run one roster edit; leave `done` or a plain sentence about what went wrong."""
    try:
        action(Roster())
    except area.ROSTER_ERRORS as error:
        flash(where, "error", escape_markdown(area.roster_error_sentence(error)))
    except KeyError:
        flash(where, "error", "That entry is no longer on the roster: it was removed in another window.")
    except ValueError as error:
        flash(where, "error", escape_markdown(str(error)))
    else:
        flash(where, "success", done)


# -- callbacks (run before the page is drawn) ---------------------------------------------------------------

def move(entry_id: int, name: str, current: str) -> None:
    stage = st.session_state[EDIT_STAGE]
    if stage == current:     # no stage change to record in the history
        flash("edit", "success", f"{name} is already at **{STAGE_LABELS[stage]}**.")
        return
    edit("edit", lambda r: r.set_stage(entry_id, stage), f"Moved {name} to **{STAGE_LABELS[stage]}**.")


def save_tags(entry_id: int, name: str) -> None:
    tags = st.session_state[EDIT_TAGS]
    edit("edit", lambda r: r.set_tags(entry_id, tags),
         f"Saved the tags of {name}." if tags else f"Removed every tag from {name}.")


def add_note(entry_id: int, name: str) -> None:
    text = st.session_state[EDIT_NOTE]
    edit("edit", lambda r: r.add_note(entry_id, text), f"Added a note to {name}.")
    if st.session_state[FLASH][1] == "success":
        st.session_state[EDIT_NOTE] = ""


def archive(entry_id: int, name: str) -> None:
    edit("edit", lambda r: r.archive(entry_id), f"Archived {name}; its notes and history are kept.")


def remove(entry_id: int, name: str) -> None:
    edit("edit", lambda r: r.remove(entry_id), f"Removed {name} and its notes from the roster.")
    if st.session_state[FLASH][1] == "success":
        st.session_state.pop(PICK, None)
        st.session_state[CONFIRM_REMOVE] = False


def add_entry() -> None:
    handle, platform = st.session_state[NEW_HANDLE], st.session_state[NEW_PLATFORM]
    stage, note = st.session_state[NEW_STAGE], st.session_state[NEW_NOTE]
    try:
        roster = Roster()
        existing = roster.find(handle, platform)
        entry_id = roster.add(handle, platform, stage=stage, note=note)
    except area.ROSTER_ERRORS as error:
        flash("add", "error", escape_markdown(area.roster_error_sentence(error)))
        return
    except ValueError as error:
        flash("add", "error", escape_markdown(str(error)))
        return
    name = who(handle.strip(), platform)
    if existing is None:
        flash("add", "success", f"Added {name} to the roster as **{STAGE_LABELS[stage]}**.")
    else:
        flash("add", "success", f"{name} was already on the roster; its stage is unchanged"
                                + (" and the note was added." if note.strip() else "."))
    st.session_state[NEW_HANDLE] = st.session_state[NEW_NOTE] = ""
    st.session_state[PICK] = entry_id


def pick_row() -> None:
    """A row clicked in the pipeline table opens that entry in the edit panel."""
    rows = st.session_state[TABLE].selection.rows
    ids = st.session_state.get(TABLE_IDS, [])
    if rows and rows[0] < len(ids):
        st.session_state[PICK] = ids[rows[0]]


# -- drawing -------------------------------------------------------------------------------------------------

def pipeline_table(table: pd.DataFrame, present: bool) -> None:
    # a warned account is marked by its name: the Authenticity column, at the table's far right, was off screen
    # beside "ER +330% vs the band" at 1400 px
    warned = table["flag_severity"].eq(flags.WARNING) if "flag_severity" in table else False
    shown = table.assign(platform=table["platform"].replace("", "any"),
                         posted_at=table["posted_at"].dt.strftime("%Y-%m-%d").fillna(""),
                         influencer=table["influencer"].where(~warned, "⚠ " + table["influencer"]))
    columns = ["stage_label", "influencer", "platform", "trial_er", "trial_cpe",
               *(["authenticity_flags"] if table["authenticity_flags"].ne("").any() else []), "tags", "posted_at"]
    if not present:      # notes are the team's own; a projector shows the pipeline only
        columns += ["latest_note", "updated_at"]
    config = {
        "stage_label": st.column_config.TextColumn("Stage"),
        "platform": st.column_config.TextColumn("Platform"),
        # Fixed widths fit the phrases in the app's type; presenter mode enlarges type, so there they size to fit.
        "trial_er": st.column_config.TextColumn("Trial post ER vs band", width=None if present else 270),
        "trial_cpe": st.column_config.TextColumn("Trial post CPE vs band", width=None if present else 310),
        "influencer": st.column_config.TextColumn("Influencer", help="⚠ = an authenticity warning (see the "
                                                                     "Authenticity column)."),
        "authenticity_flags": st.column_config.TextColumn(
            "Authenticity", width="medium", help="The checks of the Influencers page: ER far above its peers, too "
                                                 "many or too few comments per like, a follower jump."),
        "tags": st.column_config.TextColumn("Tags"),
        "posted_at": st.column_config.TextColumn("Trial posted"),
        "latest_note": st.column_config.TextColumn("Latest note", width="medium"),
        "updated_at": st.column_config.DatetimeColumn("Updated (UTC)", format="YYYY-MM-DD HH:mm"),
    }
    if present:
        # Presenter type is large: one table per stage, the platform beside the name, so that both
        # comparisons fit on the screen.
        shown["influencer"] = shown["influencer"] + " (" + shown["platform"].map(platform_name) + ")"
        columns = [c for c in columns if c not in ("stage_label", "platform")]
        for stage, group in shown.groupby("stage", sort=False):     # rows come in pipeline order
            st.markdown(f"**{STAGE_LABELS[stage]}**")
            ui.dataframe(group[columns], hide_index=True, column_config=config)
        return
    st.session_state[TABLE_IDS] = [int(i) for i in shown["id"]]
    ui.dataframe(shown[columns], hide_index=True, column_config=config, key=TABLE, on_select=pick_row,
                 selection_mode="single-row")


def trial_metrics(row: pd.Series) -> None:
    """The selected entry's trial post as two cards: ER (higher is better) and CPE (lower is better)."""
    if pd.isna(row["engagements"]):
        st.caption(escape_markdown(f"Trial post: {area.er_phrase(row)}."))
        return
    band = row["band"] if isinstance(row["band"], str) else "its band"
    platform = platform_name(row["platform_trial"])
    posted = row["posted_at"].strftime("%d %b %Y") if pd.notna(row["posted_at"]) else "undated"
    kind = "first sponsored post" if area.flag(row["sponsored"]) else "first post (none is marked sponsored)"
    campaign = f", campaign {row['campaign']}" if isinstance(row["campaign"], str) else ""
    st.caption(escape_markdown(f"Trial post: {kind} on {platform}, {posted}{campaign}. Compared with the "
                               f"{band} posts on {platform} under the current filters, {area.VIRAL_ACCOUNTS_OUT}."))
    c1, c2 = st.columns(2)
    c1.metric("Trial post ER", theme.percent(row["er"], 1),
              delta=None if pd.isna(row["er_vs_band"]) else f"{row['er_vs_band']:+.0%} vs {band} median",
              help=escape_markdown(f"Engagements ÷ followers of the trial post. Median ER of {band} posts on "
                                   f"{platform}: {theme.percent(row['band_median_er'], 1)} "
                                   f"({row['band_posts']:,.0f} posts)."))
    estimated = area.flag(row["cost_estimated"])
    change = row["cpe_vs_band"]
    # As in the table: a CPE more than twice the band's reads better as a multiple than as "+838%".
    delta = (None if pd.isna(change) else f"{change + 1:.1f}× the {band} CPE" if change >= 1
             else f"{change:+.0%} vs {band}")
    c2.metric("Trial post CPE" + (" (estimated cost)" if estimated else ""), theme.money(row["cpe"]), delta=delta,
              delta_color="inverse",
              help=escape_markdown(f"Cost ÷ engagements of the trial post (cost from: "
                                   f"{row['cost_source'] or 'unknown'}). CPE of {band} posts on {platform}: "
                                   f"{theme.money(row['band_cpe'])}; lower is better."))


def sync_edit_widgets(entry: pd.Series) -> None:
    """Fill the edit widgets from the stored entry whenever it changed (here or in another window) or another
    entry was picked; a half-written note is dropped only when the entry changes."""
    seen = (int(entry["id"]), str(entry["updated_at"]))
    previous = st.session_state.get(EDIT_SEEN)
    if previous == seen:
        return
    st.session_state[EDIT_STAGE] = entry["stage"]
    st.session_state[EDIT_TAGS] = split_tags(entry["tags"])
    if previous is None or previous[0] != seen[0]:
        st.session_state[EDIT_NOTE] = ""
        st.session_state[CONFIRM_REMOVE] = False
    st.session_state[EDIT_SEEN] = seen


def split_tags(joined: str) -> list[str]:
    """The entry's tags from the roster's ', '-joined column (tags never contain commas)."""
    return [t for t in str(joined or "").split(", ") if t]


def edit_panel(roster: Roster, table: pd.DataFrame) -> None:
    st.subheader("Edit an entry")
    labels = ui.distinct_labels({int(r["id"]): f"{r['influencer']} · {platform_name(r['platform']) or 'any platform'} "
                                               f"({r['stage_label']})" for _, r in table.iterrows()})
    if st.session_state.get(PICK) not in labels:
        st.session_state.pop(PICK, None)
    entry_id = st.selectbox("Influencer", list(labels), format_func=labels.get, key=PICK)
    entry = table.set_index("id").loc[entry_id]
    entry["id"] = entry_id
    sync_edit_widgets(entry)
    name = who(entry["influencer"], entry["platform"])
    show_flash("edit")
    left, right = st.columns(2, gap="large")
    with left:
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        c1.selectbox("Stage", STAGES, format_func=STAGE_LABELS.get, key=EDIT_STAGE)
        c2.button("Move", key="roster_move", on_click=move, args=(entry_id, name, entry["stage"]),
                  use_container_width=True)
        all_tags = sorted({t for joined in table["tags"] for t in split_tags(joined)}
                          | set(st.session_state[EDIT_TAGS]))
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        c1.multiselect("Tags", all_tags, key=EDIT_TAGS, accept_new_options=True,
                       placeholder="Pick or type a tag, then Enter",
                       help="Free labels such as vegan, Paris, needs contract. Stored in lower case.")
        c2.button("Save tags", key="roster_save_tags", on_click=save_tags, args=(entry_id, name),
                  use_container_width=True)
        st.text_area("New note", key=EDIT_NOTE, height=90, placeholder="What happened, what was agreed, next step…",
                     help="Notes are kept as written and never edited; the newest is shown first.")
        st.button("Add note", key="roster_add_note", on_click=add_note, args=(entry_id, name))
        c1, c2, c3 = st.columns([1, 2, 1], vertical_alignment="center")
        c1.button("Archive", key="roster_archive", on_click=archive, args=(entry_id, name),
                  disabled=entry["stage"] == "archived", help="Moves the entry to Archived; notes are kept.")
        confirmed = c2.checkbox("Yes, delete for good", key=CONFIRM_REMOVE)
        c3.button("Remove", key="roster_remove", on_click=remove, args=(entry_id, name), type="primary",
                  disabled=not confirmed, help="Deletes the entry with its notes, tags and history for good.")
    with right:
        trial_metrics(entry)
        st.markdown("**History** (newest first)")
        try:
            history = roster.history(entry_id)
        except area.ROSTER_ERRORS as error:
            st.error(escape_markdown(area.roster_error_sentence(error)))
            return
        history["event"] = history["event"].map({"stage": "moved to", "note": "note"})
        history.loc[history["event"] == "moved to", "detail"] = history["detail"].map(STAGE_LABELS)
        ui.dataframe(history, hide_index=True, column_config={
            "at": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm"),
            "event": st.column_config.TextColumn("Event"),
            "detail": st.column_config.TextColumn("Detail", width="large"),
        })


def add_form() -> None:
    st.subheader("Add an influencer")
    show_flash("add")
    with st.form("roster_add", border=True):
        c1, c2, c3 = st.columns([2, 1, 1])
        c1.text_input("Handle", key=NEW_HANDLE, placeholder="@handle")
        c2.selectbox("Platform", schema.PLATFORMS, format_func=lambda p: platform_name(p) or "any platform",
                     key=NEW_PLATFORM)
        c3.selectbox("Stage", STAGES, format_func=STAGE_LABELS.get, key=NEW_STAGE)
        st.text_input("First note (optional)", key=NEW_NOTE)
        st.form_submit_button("Add to roster", on_click=add_entry)
    st.caption("You can also add accounts from the **Influencers** page (Add to roster), with their figures "
               "as a note.")


def export_and_storage(table: pd.DataFrame) -> None:
    st.subheader("Export and storage")
    ui.download_button("Download the roster (CSV)", lambda: area.roster_csv(table),
                       file_name="roster.csv", mime="text/csv", key="roster_download",
                       help="Every entry with its notes and trial post figures. Text that a spreadsheet would "
                            "run as a formula is prefixed with ' so it stays text.")
    st.caption("The roster is saved on this computer, in:")
    st.code(str(roster_path()), language=None)
    st.caption(f"Every window of Microlens on this computer shares it. To keep it elsewhere (a shared drive, a "
               f"backed-up folder), set the environment variable {DATA_DIR_ENV} to that folder before starting "
               f"Microlens, e.g. `{DATA_DIR_ENV}=/path/to/folder streamlit run dashboard.py`.")


def page() -> None:
    """The whole page. Returns early instead of st.stop(), which would also cut dashboard.py's footer, drawn after
    the page."""
    st.title("Roster")
    ui.data_banner()
    ctx = ui.context()
    try:
        # Looking never creates the roster file (nor does a test run that visits every page): the first edit does.
        roster = Roster() if roster_path().exists() else None
        entries = roster.entries() if roster is not None else area.no_entries()
    except area.ROSTER_ERRORS as error:
        st.error(escape_markdown(area.roster_error_sentence(error)))
        return
    st.caption("From a first contact to a place on the roster: start with one low-commitment sponsored post, and "
               "put those who pass on the roster. Each entry is shown beside its trial post (its first sponsored post "
               "within the filters).")
    for col, (_, label, n) in zip(st.columns(len(STAGES)), area.stage_counts(entries)):
        col.metric(label, f"{n:,}")
    # the checks (0.5 s at a million posts) once per data, filters and roster handles, not on each note or tag
    handles = area.entry_handles(entries)
    checks = ui.kept(("roster_checks", ctx.db.version, ctx.filters.key(), handles),
                     lambda: area.authenticity(ctx, handles))
    table = area.pipeline(entries, area.performance(ctx, entries), checks)

    if ctx.present:
        shown = table[table["stage"].isin(area.ACTIVE_STAGES)]
        if shown.empty:
            st.info("No one is on the roster yet.")
        else:
            pipeline_table(shown, present=True)
            st.caption(METHOD)
        return

    if entries.empty:
        show_flash("edit")      # the message of a removal that emptied the roster
        st.info("No one is on the roster yet. Add an influencer below, or use **Add to roster** on the "
                "Influencers page.")
    else:
        stages = st.pills("Stages shown", STAGES, selection_mode="multi", default=list(area.ACTIVE_STAGES),
                          format_func=STAGE_LABELS.get, key="roster_stages_shown")
        shown = table[table["stage"].isin(stages)]
        if shown.empty:
            st.caption("No entries at the stages picked.")
        else:
            pipeline_table(shown, present=False)
        st.caption("Click a row to edit it below. " + METHOD)
        ui.show_sql(area.PERFORMANCE_QUERY, params=area.performance_params(entries))
        st.divider()
        edit_panel(roster, table)      # entries exist, so the file does too
    st.divider()
    add_form()
    st.divider()
    export_and_storage(table)


page()
