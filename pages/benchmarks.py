"""Benchmarks: every default figure with its source, year and definition; edit, apply, or reset to the sources."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from microlens import area_benchmarks as ab
from microlens import benchmarks as bm
from microlens import metrics, theme
from microlens.filters import DEFAULT_RATE_PER_1K
from microlens.text import escape_markdown, platform_name
from pages import ui

ui.through_entry_script(__file__)

FLASH = "bench_flash"


def editor_key(kind: str) -> str:
    """The editor's widget key; its version moves on after Apply or Reset so the editor starts from the
    applied records instead of replaying old cell edits on top of them."""
    return f"bench_editor_{kind}_{st.session_state.get(f'bench_editor_version_{kind}', 0)}"


def _renew_editor(kind: str) -> None:
    name = f"bench_editor_version_{kind}"
    st.session_state[name] = st.session_state.get(name, 0) + 1


def reset_to_defaults() -> None:
    for table in ab.TABLES:
        st.session_state.pop(table.session_key, None)
        _renew_editor(table.kind)
    st.session_state[FLASH] = "Every benchmark table is back at its sourced defaults."


def column_config() -> dict:
    money = {"format": "dollar", "min_value": 0.0}
    return {
        "key": st.column_config.TextColumn("ID", required=True,
                                           help="Unique name of the figure; for a row of your own, any short name."),
        "source": st.column_config.TextColumn("Source", required=True),
        "report": st.column_config.TextColumn("Report"),
        "year": st.column_config.NumberColumn("Year", format="%d", min_value=1990, max_value=2100, step=1,
                                              help="Empty when the source is undated (printed 'undated')."),
        "url": st.column_config.LinkColumn(
            "Link", help="Where the figure was read. 'brief (unverified)' marks the product brief's claims."),
        "platform": st.column_config.SelectboxColumn("Platform", options=list(bm.BENCHMARK_PLATFORMS),
                                                     format_func=platform_name, required=True),
        "tier": st.column_config.TextColumn("Tier", help="The source's own tier label."),
        "followers_low": st.column_config.NumberColumn("Followers from", format="localized", min_value=0, step=1),
        "followers_high": st.column_config.NumberColumn("Followers to", format="localized", min_value=0, step=1,
                                                        help="Exclusive; empty = no upper edge."),
        "er": st.column_config.NumberColumn("ER (%)", format="%.2f%%", min_value=0.0, max_value=100.0,
                                            help="In percent: type 1.66 for 1.66%."),
        "statistic": st.column_config.SelectboxColumn("Statistic", options=list(bm.STATISTICS), required=True),
        "denominator": st.column_config.SelectboxColumn("Denominator", options=list(bm.DENOMINATORS),
                                                        required=True,
                                                        help="Only ER per follower enters the celebrity CPE."),
        "numerator": st.column_config.SelectboxColumn("Numerator", options=list(bm.NUMERATORS), required=True),
        "price_low": st.column_config.NumberColumn("Price from", **money),
        "price_high": st.column_config.NumberColumn("Price to", **money, help="Empty = open-ended ('$10,000+')."),
        "unit": st.column_config.SelectboxColumn("Unit", options=list(bm.PRICE_UNITS), required=True),
        "threshold": st.column_config.NumberColumn("Under (USD per post)", **money),
        "share": st.column_config.NumberColumn("Share (%)", format="%.0f%%", min_value=0.0, max_value=100.0,
                                               help="In percent: type 84 for 84%."),
        "cpm_low": st.column_config.NumberColumn("CPM from", **money),
        "cpm_high": st.column_config.NumberColumn("CPM to", **money),
        "verified": st.column_config.CheckboxColumn("Verified", help="The figure was read in the cited page."),
        "note": st.column_config.TextColumn("Note", width="large"),
        "provenance": st.column_config.TextColumn("Provenance", help="Where the figure comes from."),
        "edited": st.column_config.CheckboxColumn("Edited", help="Differs from the sourced default (as applied)."),
        "citation": st.column_config.TextColumn("Citation (as applied)", width="large"),
    }


def editor_tab(table: ab.BenchmarkTable, records: tuple) -> None:
    frame = ab.editor_frame(table.kind, records)
    if ui.present_mode():     # read-only: the table shows platform names as text, not as editable choices
        ui.dataframe(frame, hide_index=True,
                     column_config={**column_config(), "platform": st.column_config.TextColumn("platform")})
        return
    edited = ui.data_editor(frame, key=editor_key(table.kind), num_rows="dynamic", hide_index=True,
                            column_config=column_config(), disabled=list(ab.DERIVED_COLUMNS))
    if st.button("Apply edits", key=f"bench_apply_{table.kind}", type="primary",
                 help="Check every row; if one is wrong nothing is applied and the error says which."):
        try:
            applied = ab.apply_edits(table.kind, edited)
        except ValueError as exc:
            st.error(str(exc))
            return
        st.session_state[table.session_key] = applied
        _renew_editor(table.kind)
        changed, removed = ab.edited_keys(table.kind, applied), ab.removed_keys(table.kind, applied)
        st.session_state[FLASH] = (f"{table.label}: {len(applied)} rows applied; {len(changed)} new or changed"
                                   + (f", {len(removed)} sourced default(s) removed" if removed else "")
                                   + ". Every page now uses them.")
        st.rerun()


def rate_card_default(ctx) -> None:
    rule = ab.rule_of_thumb(ctx.price_records)
    st.markdown(escape_markdown(f"Where no fee is known for an account, its posts' cost can be estimated as "
                                f"followers ÷ 1,000 × a rate card. Default: {theme.money(DEFAULT_RATE_PER_1K, 0)} per "
                                "1,000 followers, the '$100 per 10,000 followers' rule of thumb. Now in use: "
                                f"{theme.money(ctx.filters.rate_per_1k, 2)} per 1K (sidebar, 'Rate card')."))
    if rule is None:
        st.warning(f"The rule-of-thumb record ({ab.RULE_OF_THUMB_KEY}) is no longer in the price table; "
                   "Reset to sourced defaults brings it back.")
        return
    ui.reading_table(pd.DataFrame([{"Figure": rule.definition, "Source": f"{rule.source}, {bm.year_text(rule.year)}",
                                    "Link": rule.url, "Note": rule.note}]))


def celebrity_reference(ctx) -> None:
    ref = bm.CELEBRITY_REFERENCE
    st.markdown(escape_markdown(f"One celebrity post stands for an account of {ref.followers:,} followers by default "
                                f"(now: {ctx.celeb_followers:,.0f}; change it on Cost vs celebrity). {ref.rationale}"))
    ui.dataframe(pd.DataFrame({"source": list(ref.urls)}), hide_index=True,
                 column_config={"source": st.column_config.LinkColumn("Sources")})


st.title("Benchmarks")
ctx = ui.context()
st.caption("Every default figure the app compares your data against, with its source, year and definition. "
           "Edit a table and press Apply edits: every page, chart and export then uses your figures. "
           "'edited' marks rows that differ from the sourced defaults.")
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))

brief = [r for t in ab.TABLES for r in ab.records_of(ctx, t.kind) if r.url == bm.BRIEF_UNVERIFIED]
if brief:
    st.warning("The product brief's claims are not traced to a primary source; they are editable defaults:\n\n"
               + "\n".join(f"- {escape_markdown(r.source)}: {escape_markdown(r.definition)} — source: brief "
                           "(unverified)"
                           for r in brief))

if not ctx.present:
    st.button("Reset to sourced defaults", key="bench_reset", on_click=reset_to_defaults,
              help="Discard every applied edit in all four tables.")

# Keyed tabs keep the open table across the rerun that Apply edits triggers.
for tab, table in zip(st.tabs([t.label for t in ab.TABLES], key="bench_tab", on_change="rerun"), ab.TABLES):
    with tab:
        editor_tab(table, ab.records_of(ctx, table.kind))
        if table.kind == "er":
            st.caption("Only an ER measured per follower can enter the celebrity CPE (price ÷ (followers × ER)); "
                       "rows with another denominator stay here, labelled, and are left out of it.")

st.subheader("Rate card for estimated costs")
rate_card_default(ctx)

st.subheader("The celebrity reference")
celebrity_reference(ctx)

st.subheader("Follower bands")
st.caption("Where 'micro' ends differs between sources. Pick the scheme, or edit its edges, in the sidebar.")
ui.dataframe(ab.band_schemes_frame(), hide_index=True, column_config={
    "Followers from": st.column_config.NumberColumn(format="localized"),
    "Followers to (exclusive)": st.column_config.NumberColumn(format="localized")})

st.subheader("Metric glossary")
ui.reading_table(pd.DataFrame(metrics.glossary()))

st.subheader("Benchmarks behind the numbers now")
for sec in ab.sections(ui.context()):
    ui.section(sec)
