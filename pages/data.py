"""Data: upload files, check what kind each is and how its columns were mapped, fix it, see every rejected row."""
from __future__ import annotations

import ipaddress
import re
import shutil
import tempfile
import weakref
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from microlens import export, ingest, ingest_read, kinds, repeats, schema, theme
from microlens.facts import rebuild_facts
from microlens.text import counted, escape_markdown, header_labels, platform_name
from pages import ui

ui.through_entry_script(__file__)

REASON_COLUMNS = {"source_file": "File", "reason": "Reason",
                  "rows": st.column_config.NumberColumn("Rows", format="localized")}


LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}
PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-Ip")


def browser_on_this_machine() -> bool:
    """Whether the browser runs on the machine Microlens runs on. Streamlit listens on every network interface and
    the server opens a path typed on this page, so from anywhere else any file it can read (/etc/passwd, through
    the rejected-rows download) would be one click away. The connection must come from loopback (Streamlit 1.67
    gives 127.0.0.1 as '::ffff:127.0.0.1'; its docs promise None); a proxy's forwarding headers, or a page opened
    under a name other than localhost, mean the browser is elsewhere (a proxy on this machine connects from
    loopback too)."""
    headers = st.context.headers
    opened_at = urlsplit(headers.get("Origin") or f"//{headers.get('Host', '')}").hostname
    return (from_loopback(st.context.ip_address) and opened_at in LOOPBACK_HOSTS
            and not any(name in headers for name in PROXY_HEADERS))


def from_loopback(address) -> bool:
    """'127.0.0.1', '::1', '::ffff:127.0.0.1' and None (Streamlit's word for the first two) are loopback."""
    if address is None:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return (getattr(ip, "ipv4_mapped", None) or ip).is_loopback


def load_from_path(db) -> None:
    """The path field, for a browser on this machine only (see browser_on_this_machine)."""
    if not browser_on_this_machine():
        st.caption("Loading from a path is offered only in a browser on the machine Microlens runs on (open "
                   "Microlens at localhost there): the server opens the path, so from another computer it would "
                   "hand over any file the server can read.")
        return
    st.caption("Uploading through the browser works up to 1 GB; for 10M-row files, Parquet or a path is faster.")
    path_text = st.text_input("File path", key="path_input", placeholder="/data/posts.parquet")
    if st.button("Load from path", key="load_path") and path_text.strip():
        path = Path(path_text.strip()).expanduser()
        if not path.is_file():
            st.error("No file at that path on this machine.")
        else:
            drop_sample(db)
            load(db, path, path.name)
            st.rerun()


def session_dir() -> Path:
    """Uploaded bytes are kept in a private temp folder so a corrected mapping can re-read the file; the folder
    goes when the session's database does (the session ended)."""
    if "upload_dir" not in st.session_state:
        folder = tempfile.mkdtemp(prefix="microlens-")
        weakref.finalize(ui.database(), shutil.rmtree, folder, True)
        st.session_state["upload_dir"] = folder
    return Path(st.session_state["upload_dir"])


# Per file name, beside its panel's report (reports) and file (sources): where the rows loaded under the name came from
# ({"id": the upload's id in the box, or None for a path, "path": ...}); the upload whose panel shows but which did
# not load (a file to map, refused, unreadable or a copy); and the loaded file's report while such an upload's panel
# shows in its place. A ✕ in the upload box takes out what its upload holds, and no more.
LOADED_FROM, WAITING_UPLOAD, SUPERSEDED = "loaded_from", "waiting_upload", "superseded"


def held(key: str) -> dict:
    return st.session_state.setdefault(key, {})


def forget_panel(name: str) -> None:
    for key in ("reports", "refusals", "sources", LOADED_FROM, WAITING_UPLOAD, SUPERSEDED):
        held(key).pop(name, None)


def reports() -> dict[str, ingest.LoadReport]:
    return held("reports")


def sources() -> dict[str, str]:
    return held("sources")


def refusals() -> dict[str, str]:
    """Per loaded file, why its latest re-apply or re-upload was refused (its earlier load stays in use)."""
    return held("refusals")


PENDING_WIPE = "pending_wipe"   # "sample" or "clear", waiting for the user to confirm that their files go


def wipe(db, load_sample: bool) -> None:
    """Remove every loaded file; then load the sample data, or leave the session empty."""
    for name in list(ui.query("loaded_files")["source_file"]):
        ingest.forget_file(db, name)
    # (a ✕ in the box afterwards has no data of its own to take, and no copy waits to stand in)
    for key in ("reports", "refusals", "sources", LOADED_FROM, WAITING_UPLOAD, SUPERSEDED, COPIES_TO_LOAD):
        st.session_state.pop(key, None)
    if load_sample:
        ingest.load_sample_data(db)
    else:
        rebuild_facts(db)
    st.session_state[ui.SAMPLE_FLAG] = load_sample
    st.rerun()


def drop_sample(db) -> None:
    """The first own upload replaces the sample data, so the two are never mixed in one number."""
    if ui.using_sample():
        for name in ui.query("loaded_files")["source_file"]:
            ingest.forget_file(db, name)
        # at once, not by the upload's load: a file that cannot be read left the sample's influencers and spend in
        # every figure, with the sample banner gone
        rebuild_facts(db)
        st.session_state[ui.SAMPLE_FLAG] = False


# Each browser tab has a database of its own, in memory (nothing is stored or shared): said where files go in,
# since a reload (or opening a shared link) showed the sample again without a word.
SESSION_ONLY = ("Your files stay in this browser tab only, in memory: reloading the page, or opening a link in a "
                "new tab, starts again from the sample data. Keep the files at hand to upload them again.")


def load(db, path: Path, name: str, reapply: bool = False, file_id: str | None = None,
         **choices) -> ingest.LoadReport:
    """Load a file into the session; `reapply`: the loaded file again, with the choices of its panel; `file_id`: the
    upload's id in the upload box. A new file with the bytes of a loaded one under another name is not loaded."""
    loaded = set(ui.query("loaded_files")["source_file"])
    earlier = reports().get(name)
    in_force = held(SUPERSEDED).get(name) or earlier
    if not reapply and in_force is not None and in_force.usd_rate and name in loaded:
        # a corrected sheet uploaded again is in the same currency: its amounts fell back to dollars, under the old
        # rate still shown in the box
        choices.setdefault("usd_rate", in_force.usd_rate)
    twin = None if reapply else ingest.copy_of(path, {n: where["path"] for n, where in held(LOADED_FROM).items()
                                                      if n in loaded - {name}})
    if twin:
        report = ingest.copy_refused(name, twin)
    else:
        with st.status(f"Loading {escape_markdown(name)}…", expanded=False) as status:
            report = ingest.ingest_path(db, path, file_name=name, **choices)
            status.update(label=f"{escape_markdown(name)}: {escape_markdown(report.summary())}",
                          state="error" if report.error else "complete")
    in_use = bool(report.error) and name in loaded
    if in_use and (reapply or not report.headers):
        # refused before the earlier load was replaced (a mapping that picks one column twice, or a new file that
        # cannot be read at all): that load stays in use, its panel stays and says why (its report replaced by the
        # error, the file was drawn twice and the page stopped on a duplicate key; an unreadable new file left a
        # panel with no way to remove the rows still counted)
        refusals()[name] = (f"Not applied: {report.error} The file stays loaded as before." if reapply else
                            f"The new {name} was not loaded: {report.error} The file loaded before stays in use.")
        if file_id:
            held(WAITING_UPLOAD)[name] = file_id
        return report
    if in_use:
        # a new file under a loaded one's name that needs its columns mapped: its panel maps the new file, and the
        # earlier one's rows count until it loads
        report.notes.append(f"The file loaded before as {name} stays in use until this one loads.")
        if earlier is not None:
            held(SUPERSEDED).setdefault(name, earlier)
    if report.error and not reapply:
        if file_id:
            held(WAITING_UPLOAD)[name] = file_id
    elif not report.error:
        # a path load holds no upload's rows (the chip of an earlier upload under its name took them with its ✕); a
        # mapped upload that waited holds them now
        upload = held(WAITING_UPLOAD).pop(name, None)
        kept = held(LOADED_FROM).get(name, {}).get("id")
        held(LOADED_FROM)[name] = {"id": (upload or kept) if reapply else file_id, "path": str(path)}
        held(SUPERSEDED).pop(name, None)
    refusals().pop(name, None)
    # the mapping grids start from this file's headers (they kept the edits made for the file before: a KeyError);
    # and a new upload's panel shows the kind, platform and account it was read with: kept from the file before, the
    # kind box read 'Campaign contracts' over a file loaded again as posts
    grids = {f"map_{name}", *(f"map_{name}_{kind}" for kind in schema.KINDS)}
    choices = set() if reapply else {f"{choice}_{name}" for choice in ("kind", "platform", "account", "usd")}
    for key in grids | choices:
        st.session_state.pop(key, None)
    if reapply and earlier is not None and not earlier.error:
        # the same file read again with the panel's choices replaces nothing new (a mapped re-upload, which the
        # earlier file's rows waited for, does)
        report.notes = [note for note in report.notes if not note.startswith(ingest.REPLACES)]
    reports()[name] = report
    sources()[name] = str(path)
    return report


IN_THE_BOX = "ids_in_upload_box"    # the uploads the box showed on this page's last run
COPIES_TO_LOAD = "copies_to_load"   # copies refused beside a file that has gone since, to load on the next run
TAKEN_OUT = "taken_out_of_box"      # names whose data went with their ✕ in the box, said once on the next run


def handle_uploads(db, uploads) -> None:
    """Ingest each newly uploaded file once, then rerun so the sidebar and every count see the new data."""
    done = st.session_state.setdefault("ingested_ids", set())
    st.session_state[IN_THE_BOX] = {up.file_id for up in uploads or []}
    new = [up for up in uploads or [] if up.file_id not in done]
    for up, name in zip(new, ingest.distinct_names([up.name for up in new])):
        drop_sample(db)
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", up.name)[-120:] or "upload"
        path = session_dir() / f"{len(done)}_{safe}"
        path.write_bytes(up.getbuffer())
        load(db, path, name, file_id=up.file_id)
        done.add(up.file_id)
    if new:
        st.rerun()


def take_out_removed_uploads(db) -> None:
    """The upload box's ✕ on a file takes its data out as well (it left every row counted, the file gone from the
    box). A callback of the box, so only a change made in the box does it: the box is empty again whenever the page
    is opened anew, and that empties nothing."""
    now = {up.file_id for up in st.session_state.get("uploader") or []}
    gone = st.session_state.get(IN_THE_BOX, set()) - now
    for name in [n for n, file_id in held(WAITING_UPLOAD).items() if file_id in gone]:
        # an upload that never loaded: its panel goes, and the file it waited to replace shows again
        held(WAITING_UPLOAD).pop(name)
        refusals().pop(name, None)
        if (earlier := held(SUPERSEDED).pop(name, None)) is not None:
            reports()[name], sources()[name] = earlier, held(LOADED_FROM)[name]["path"]
        elif name not in held(LOADED_FROM):
            forget_panel(name)
    taken = {n: held(SUPERSEDED).get(n) or reports().get(n)
             for n, where in held(LOADED_FROM).items() if where["id"] in gone}
    for name in taken:
        ingest.forget_file(db, name)
        if name in held(WAITING_UPLOAD):    # a newer upload of the name, waiting to be mapped, keeps its panel
            held(LOADED_FROM).pop(name)
            held(SUPERSEDED).pop(name, None)
        else:
            forget_panel(name)
    if taken:
        rebuild_facts(db)
        st.session_state[TAKEN_OUT] = list(taken)
        copies_stand_in(taken)


def copies_stand_in(gone: dict[str, ingest.LoadReport | None]) -> None:
    """Files refused as copies of a file that has gone (name -> its report) are loaded in its place on the next run,
    with its kind, mapping, platform, account and rate: their panels said the file was loaded, and the copy still in
    the upload box never loaded."""
    for copy in [r.file for r in reports().values() if r.copy_of in gone]:
        original = gone[reports()[copy].copy_of]
        choices = {} if original is None else dict(kind=original.kind, mapping=original.mapping,
                                                   platform=original.platform, account=original.account,
                                                   usd_rate=original.usd_rate)
        st.session_state.setdefault(COPIES_TO_LOAD, []).append((copy, choices))


def load_copies(db) -> None:
    # (a copy whose panel went since is not loaded)
    waiting = [(name, choices) for name, choices in st.session_state.pop(COPIES_TO_LOAD, [])
               if name in reports() and reports()[name].copy_of]
    for name, choices in waiting:
        load(db, Path(sources()[name]), name, file_id=held(WAITING_UPLOAD).get(name), **choices)
    if waiting:
        st.rerun()


def mapping_editor(report: ingest.LoadReport, key: str) -> dict[str, str]:
    header_of = header_labels(report.headers)
    label_of = {header: label for label, header in header_of.items()}
    rows = [{"column": c.name, "meaning": c.label + (" (required)" if c.required else ""),
             "source header": label_of.get(report.mapping.get(c.name, ""), "")} for c in schema.columns(report.kind)]
    edited = ui.data_editor(pd.DataFrame(rows), hide_index=True, key=key, disabled=["column", "meaning"],
                            column_config={"source header": st.column_config.SelectboxColumn(
                                "Column in your file", options=["", *header_of])})
    # (a label of another file's headers, as a grid's kept edits may hold, names no column here)
    return {r["column"]: header_of[r["source header"]] for r in edited.to_dict("records")
            if r["source header"] in header_of}


def repeat_notes() -> dict[str, str]:
    """File name -> what its repeated posts are: a later upload can repeat an earlier file's posts, so this is
    asked of the data as it is now, not kept in the file's report."""
    return {r.source_file: repeats.note(r.rows_repeated, list(r.kept_in), r.source_file, r.kind)
            for r in ui.query("repeated_posts").itertuples()}


def file_panel(db, name: str, report: ingest.LoadReport, repeated: str | None = None) -> None:
    """One loaded file: its summary, notes (`repeated`: what its repeated posts are), kind, mapping and rejects."""
    refused = refusals().get(name)
    unconverted = report.amounts_as_dollars
    icon = ":material/error:" if report.error else (
        ":material/warning:" if report.rows_rejected or refused or unconverted or not report.rows_read
        else ":material/check_circle:")
    label = f"{icon} {escape_markdown(name)} — {escape_markdown(report.summary())}"
    notes = report.notes + ([repeated] if repeated else [])
    # open when there is something to read: an error, rejects, or a note (rows that repeat an account or a post,
    # a platform to choose), so "1,050 loaded" is not taken for 1,050 accounts; not for what a text file was read as,
    # which every CSV says (five files made a page 4,600 px tall)
    to_read = [note for note in notes if not note.startswith(ingest_read.READ_AS)]
    with st.expander(label, expanded=bool(report.error or report.rows_rejected or to_read or refused)):
        if report.error:
            st.error(escape_markdown(report.error))    # it quotes the file's headers: the user's text
        if refused:
            st.error(escape_markdown(refused))
        for note in notes:
            st.caption(escape_markdown(note))     # notes name headers, sheets and files: the user's text
        if not report.headers:
            # a file that could not be read at all: its panel went only with every other file ('Remove all data')
            remove_button(db, name, loaded=False)
            return
        kind_names = list(schema.KINDS)
        c1, c2, c3 = st.columns(3)
        kind = c1.selectbox("Kind of data", kind_names,
                            index=kind_names.index(report.kind) if report.kind in kind_names else 0,
                            format_func=lambda k: schema.KIND_LABELS[k], key=f"kind_{name}")
        platforms = ["(from the file)"] + list(schema.PLATFORMS)
        platform = c2.selectbox("Platform", platforms,
                                index=platforms.index(report.platform) if report.platform in platforms else 0,
                                format_func=lambda p: p if p.startswith("(") else platform_name(p),
                                key=f"platform_{name}",
                                help="Used where the file has no platform column (or leaves it empty).")
        account = c3.text_input("Account", value=report.account or "", key=f"account_{name}",
                                placeholder="@handle", disabled="influencer" in report.mapping,
                                help="For a file of one account's own posts with no account column (YouTube "
                                     "Studio, TikTok Studio): its handle, for every row.")
        usd_rate, rate_problem = rate_input(report, kind, f"usd_{name}")
        if report.kind and kind == report.kind:
            mapping = mapping_editor(report, f"map_{name}")
        else:
            # the new kind's grid at once, from its recognised columns: with only "Apply, then adjust", a kind whose
            # key column was not recognised was refused on Apply and its grid never came
            st.caption("The columns as recognised for the new kind: complete the mapping, then apply.")
            recognised = kinds.map_columns(kind, report.headers)
            mapping = mapping_editor(replace(report, kind=kind, mapping=recognised), f"map_{name}_{kind}")
            # left as recognised, ingest maps the new kind itself (its own reading of, say, amounts of money named
            # as orders, which it reads as revenue)
            mapping = None if mapping == recognised else mapping
        if st.button("Apply kind, platform, account, rate and mapping", key=f"apply_{name}",
                     disabled=bool(rate_problem)):
            load(db, Path(sources()[name]), name, reapply=True, kind=kind, mapping=mapping,
                 platform=None if platform == platforms[0] else platform, account=account or None,
                 usd_rate=usd_rate)
            st.rerun()
        if report.reject_reasons:
            st.markdown(f"**{counted(report.rows_rejected, 'rejected row')}, by reason**")
            ui.dataframe(pd.DataFrame(list(report.reject_reasons.items()), columns=["reason", "rows"]),
                         hide_index=True, column_config=REASON_COLUMNS)
            ui.download_button("Download rejected rows (CSV)",
                               lambda: export.to_csv(ingest.rejects_frame(db, name), as_written=True),
                               # (a stem alone gave posts.csv's and posts.xlsx's the one name)
                               file_name=f"rejected_{name[:-4] if name.lower().endswith('.csv') else name}.csv",
                               mime="text/csv",
                               key=f"rej_{name}")
        remove_button(db, name)


def rate_input(report: ingest.LoadReport, kind: str, key: str) -> tuple[float | None, str | None]:
    """The file's rate to US dollars, as typed in a text box ('1,10' as a German keyboard types it: a number box
    read it as 110), with what it makes of 1,000 units under it (a rate the wrong way round, 0.92 for 1.09, shows
    at once), and whether it waits for Apply. (rate, problem with the text typed)."""
    unit = ingest.rate_unit(report.currencies)
    # (a row of its own: a fourth column cut the kind's name and the rate's placeholder at 1024 px; what it makes
    # of 1,000 units beside it, not under it, where a third of the page wrapped it to four lines)
    column, beside = st.columns([1, 2], vertical_alignment="bottom")
    no_amounts = not any(c.type == schema.MONEY for c in schema.columns(kind))
    typed = column.text_input(
        ingest.rate_label(report.currencies), value=f"{report.usd_rate:.15g}" if report.usd_rate else "", key=key,
        placeholder="in dollars", disabled=no_amounts,
        help="Where the file's amounts (fees, prices, costs, revenue) are in another currency: what one unit of it is "
             "worth in US dollars, such as 1.10 or 1,10. Every amount of the file is converted at it, so that it "
             "stands beside the benchmarks, which are in dollars. Empty: the amounts are dollars.")
    if no_amounts:    # (a rate typed wrong before the kind changed would hold Apply back with the box disabled)
        return None, None
    rate, problem = ingest.typed_rate(typed)
    if problem:
        beside.error(problem)
    elif rate:
        waiting = " Not applied yet: click Apply below." if rate != report.usd_rate else ""
        beside.caption(escape_markdown(f"1,000 {unit if unit != 'unit' else 'units'} = {theme.money(1000 * rate)}."
                                       f"{waiting}"))
    elif report.usd_rate:
        beside.caption("Not applied yet: click Apply below to read the amounts as dollars.")
    return rate, problem


def remove_button(db, name: str, loaded: bool = True) -> None:
    """Remove a file's panel, and its rows where it `loaded` some (a rebuild of the facts for nothing took seconds
    beside 10M posts)."""
    # (a file that loaded nothing, unreadable or a copy, has no data to remove: its panel goes)
    if st.button("Remove this file's data" if loaded else "Remove this file", key=f"remove_{name}"):
        if loaded:
            ingest.forget_file(db, name)
            rebuild_facts(db)
            copies_stand_in({name: held(SUPERSEDED).get(name) or reports().get(name)})
        forget_panel(name)
        st.rerun()


db = ui.database()
st.title("Data")
ui.data_banner(where="below")
if not ui.present_mode():
    st.markdown("Upload one or more files: influencer **posts**, an **influencer list**, **campaign** contracts, "
                "**coupon-code** orders or sign-ups, **comments**, or the brand's **own posts**. CSV (any "
                "delimiter, most encodings), TSV, Excel and Parquet. The kind and the columns are recognised "
                "from the headers; correct them below if needed.")
    uploads = st.file_uploader("Upload files", type=ingest_read.UPLOAD_TYPES, accept_multiple_files=True,
                               key="uploader", on_change=take_out_removed_uploads, args=(db,))
    st.caption(SESSION_ONLY)
    if taken_out := st.session_state.pop(TAKEN_OUT, None):
        st.info(escape_markdown(f"Removed the data of {', '.join(taken_out)}: taken out of the upload box."))
    handle_uploads(db, uploads)
    load_copies(db)
    with st.expander("Very large file? Load it from a path on this machine"):
        load_from_path(db)
    own_files = [] if ui.using_sample() else list(ui.query("loaded_files")["source_file"])
    c1, c2 = st.columns(2)
    for column, action, label, key in ((c1, "sample", "Load sample data", "load_sample"),
                                       (c2, "clear", "Remove all data", "clear_all")):
        if column.button(label, key=key):
            if own_files:   # the user's own files go only after a second click that names them
                st.session_state[PENDING_WIPE] = action
            else:
                wipe(db, load_sample=action == "sample")
    if (pending := st.session_state.get(PENDING_WIPE)) and own_files:
        shown = ", ".join(own_files[:3]) + (f" and {len(own_files) - 3:,} more" if len(own_files) > 3 else "")
        st.warning(escape_markdown(f"This removes your {counted(len(own_files), 'loaded file')} ({shown}) from "
                                   "this session" + (" and loads the sample data in their place" if pending == "sample"
                                                     else "") + ". To look at the sample and keep your files, open "
                                   "the app in a new browser tab: it starts on the sample data."))
        yes, no = st.columns(2)
        if yes.button("Yes, replace them with the sample" if pending == "sample" else "Yes, remove them",
                      key="wipe_confirm", type="primary"):
            st.session_state.pop(PENDING_WIPE)
            wipe(db, load_sample=pending == "sample")
        if no.button("Cancel", key="wipe_cancel"):
            st.session_state.pop(PENDING_WIPE)
            st.rerun()

st.subheader("Loaded files")
loaded = ui.query("loaded_files")
# what the files say together, above them: under five open panels it was 4,000 px down the page
several = ui.query("accounts_in_several_lists").iloc[0]
if several["accounts"]:
    up_to = f", up to {several['most_files']}" if several["most_files"] > 2 else ""
    st.caption(escape_markdown(
        f"{several['accounts']:,} accounts (such as @{several['example']}) are listed in more than one influencer "
        f"file{up_to}: each counts once, with its row of the latest snapshot date; where the files have no date, "
        "its row in the file loaded last."))
# (a file whose rows are loaded has its panel below, whatever its latest report says)
for report in [r for r in reports().values() if r.error and r.file not in set(loaded["source_file"])]:
    file_panel(db, report.file, report)
if loaded.empty:
    st.info("Nothing is loaded yet.")
repeats_by_file = repeat_notes()
for row in loaded.itertuples():
    report = reports().get(row.source_file)
    if report is None:   # sample data: loaded without this page, summarised from the database
        st.caption(f"Sample · {escape_markdown(row.source_file)}: {schema.KIND_LABELS.get(row.kind, row.kind)} — "
                   f"{row.rows_loaded:,} "
                   f"loaded, {row.rows_rejected:,} rejected of {row.rows_read:,} rows read")
        if repeated := repeats_by_file.get(row.source_file):
            st.caption(escape_markdown(repeated))
        continue
    file_panel(db, row.source_file, report, repeats_by_file.get(row.source_file))
reasons = ui.query("reject_reasons", {"file": None})
# across files: with one file's rejects it was the same table as in that file's panel, twice on the page
if reasons["source_file"].nunique() > 1:
    st.subheader("Why rows were rejected")
    ui.dataframe(reasons, hide_index=True, column_config=REASON_COLUMNS)
    ui.download_button("Download all rejected rows (CSV)",
                       lambda: export.to_csv(ingest.rejects_frame(db), as_written=True),
                       file_name="rejected_rows.csv", mime="text/csv", key="rej_all")
ui.show_sql("loaded_files", "repeated_posts", "accounts_in_several_lists", "reject_reasons", params={"file": None})
