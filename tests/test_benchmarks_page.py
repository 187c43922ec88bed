"""Benchmarks page: edit, validate, apply, reset; the edits reach Cost vs celebrity; the 'used' section."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from microlens import area_benchmarks as ab
from microlens import benchmarks as bm
from microlens import db as mdb
from microlens.context import Context
from microlens.filters import Filters
from microlens.text import escape_markdown

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")
CELEB_CPE = "Celebrity benchmark CPE"


# -- apply_edits and the editor frame -------------------------------------------------------------------

@pytest.mark.parametrize("table", ab.TABLES, ids=lambda t: t.kind)
def test_editor_frame_round_trips_unchanged(table):
    frame = ab.editor_frame(table.kind, table.defaults)
    assert list(frame.columns[:3]) == ["source", "provenance", "year"]
    assert list(frame.columns[3:5]) == ["platform", "tier"]     # whom the figure is about, before the figure
    # the row's id after every field a user reads or edits, before the read-only ones
    assert list(frame.columns[-3:]) == ["key", "edited", "citation"]
    assert not frame["edited"].any()
    assert ab.apply_edits(table.kind, frame) == table.defaults


def test_brief_rows_say_source_brief_unverified():
    frame = ab.editor_frame("share", bm.PRICE_SHARE_CLAIMS).set_index("key")
    assert frame.loc["brief-micro-under-250", "provenance"] == "source: brief (unverified)"
    assert frame.loc["brief-micro-under-250", "citation"].endswith("— source: brief (unverified)")
    assert frame.loc["ignite-2019-businesses-under-250", "provenance"] == "getcarro.com"


def test_apply_edits_reads_a_changed_value_and_marks_it_edited():
    frame = ab.editor_frame("price", bm.PRICE_BENCHMARKS)
    frame.loc[0, "price_low"] = 40_000.0
    records = ab.apply_edits("price", frame)
    assert records[0].price_low == 40_000.0 and records[1:] == bm.PRICE_BENCHMARKS[1:]
    assert ab.edited_keys("price", records) == {"brief-celebrity-branded-post"}
    assert ab.removed_keys("price", records[1:]) == {"brief-celebrity-branded-post"}


@pytest.mark.parametrize("kind, column, value, message", [
    ("share", "share", 0.0, "the share must be above 0% and at most 100%"),      # in percent, as the table shows
    ("er", "er", 100.0, "the engagement rate must be above 0% and below 100%"),
    ("price", "price_high", 1.0, "price_high is below price_low"),
    ("cpm", "key", "inzpire-cpm-tiktok", "the key is already used by row 1"),   # row 2 holds it already
])
def test_apply_edits_rejects_invalid_rows_with_a_plain_sentence(kind, column, value, message):
    frame = ab.editor_frame(kind, ab.BY_KIND[kind].defaults)
    frame.loc[0, column] = value
    with pytest.raises(ValueError, match=message):
        ab.apply_edits(kind, frame)


def test_apply_edits_keeps_what_the_app_needs():
    empty = ab.editor_frame("cpm", bm.CPM_BENCHMARKS).iloc[0:0]
    with pytest.raises(ValueError, match="cannot be empty"):
        ab.apply_edits("cpm", empty)
    views_only = ab.editor_frame("er", bm.ER_BENCHMARKS)
    views_only["denominator"] = "views"
    with pytest.raises(ValueError, match="denominator is followers"):
        ab.apply_edits("er", views_only)


def test_escape_markdown_keeps_urls_whole():
    text = "Brief: $250 *and* $500 — https://a.example/b_c?d=1 (n.d.)"
    assert escape_markdown(text) == r"Brief&#58; \$250 \*and\* \$500 — <https://a.example/b_c?d=1> \(n\.d\.\)"



def test_source_captions_name_each_address_by_its_site():
    from microlens.text import escape_markdown_with_sites

    # fourteen sources with their addresses ran to fifteen lines under a chart: each is a link named by its site
    text = "A (2018) — https://www.a.example/blog/x_y/; B $1 — https://b.example/p?q=1. Then (n.d.)"
    assert escape_markdown_with_sites(text) == (
        r"A \(2018\) — [a\.example](https://www.a.example/blog/x_y/); B \$1 — [b\.example](https://b.example/p?q=1)\. "
        r"Then \(n\.d\.\)")
    assert escape_markdown_with_sites("no address, *stays* text") == r"no address, \*stays\* text"


# -- the 'benchmarks used' section ----------------------------------------------------------------------

def test_benchmarks_used_lists_the_figures_in_use():
    db = mdb.new_database()
    used = ab.benchmarks_used(Context(db=db)).set_index("key")
    # The celebrity defaults: the brief's $20K–$100K price and two ERs (Markerly 1.66%, HypeAuditor 0.33%).
    assert used.loc["brief-celebrity-branded-post", "value"] == "$20,000–$100,000"
    assert used.loc["brief-celebrity-branded-post", "url"] == "source: brief (unverified)"
    assert used.loc["markerly-2016-instagram-1m-10m", "value"] == "1.66%"
    assert used.loc["celebrity-followers", "value"] == "5,000,000"
    assert used.loc["rate-card", "value"] == "$10.00 per 1K followers"
    assert used.loc["rate-card", "source"] == "USA Today"
    # the CPMs back no number (they are context on the Benchmarks page); a source without a year says so
    assert "lefty-emv-default" not in used.index and not used["used for"].str.contains("CPM").any()
    assert used.loc["brief-celebrity-branded-post", "year"] == "undated" and used.loc["rate-card", "year"] != "undated"
    assert not used["edited by you"].any()
    # no price loaded, no Prices section: its claims back nothing here (the brief's 84% and 97% made two of "3 from
    # the brief, unverified" in the report of a crawl without prices)
    assert not used["used for"].str.startswith("Prices").any()
    (sec,) = ab.sections(Context(db=db))
    assert sec.figure is None and sec.finding.endswith("all at their sourced defaults; 1 of them from the brief, unverified")


def test_benchmarks_used_lists_the_price_claims_beside_the_prices_sections(sample_db):
    used = ab.benchmarks_used(Context(db=sample_db))
    claims = used[used["used for"] == "Prices: share under a price"]
    assert len(claims) == len(bm.PRICE_SHARE_CLAIMS) and (claims["url"] == "source: brief (unverified)").sum() == 2
    assert ab.sections(Context(db=sample_db))[0].finding.endswith("3 of them from the brief, unverified")


def test_benchmarks_used_marks_edits():
    db = mdb.new_database()
    prices = tuple(replace(p, price_low=40_000.0) if p.key == "brief-celebrity-branded-post" else p
                   for p in bm.PRICE_BENCHMARKS)
    ctx = Context(db=db, price_records=prices, celeb_followers=2_000_000)
    used = ab.benchmarks_used(ctx).set_index("key")
    assert used.loc["brief-celebrity-branded-post", "edited by you"]
    assert used.loc["brief-celebrity-branded-post", "value"] == "$40,000–$100,000"
    assert used.loc["celebrity-followers", "edited by you"]
    assert "2 edited by you" in ab.sections(ctx)[0].finding


def _drawn_tiers(ctx: Context) -> list[str]:
    """The tiers the report's Engagement vs followers chart draws, read from its hover text ("source<br>tier: ER")."""
    from html import unescape

    from microlens import area_influencers

    sec = next(s for s in area_influencers.sections(ctx) if s.key == "influencers_er_vs_followers")
    trace = next(t for t in sec.figure.data if t.name == "benchmark tier")
    return list(dict.fromkeys(unescape(h.split("<br>")[1].rsplit(":", 1)[0]) for h in trace.hovertext if h))


def test_benchmarks_used_lists_the_er_tiers_the_influencers_chart_draws(sample_db):
    # the chart's tiers were cited on its slide but not in the appendix: one row per tier drawn, of the source the
    # export draws (the page's default here: Modash's Instagram medians)
    used = ab.benchmarks_used(Context(db=sample_db))
    tiers = used[used["used for"].str.startswith("Influencer ER tier: ")].set_index("key")
    assert list(tiers.index) == [r.key for r in bm.ER_BENCHMARKS if r.key.startswith("modash-instagram-")]
    assert [u.removeprefix("Influencer ER tier: Instagram ") for u in tiers["used for"]] == \
        _drawn_tiers(Context(db=sample_db))
    row = tiers.loc["modash-instagram-10k-50k"]
    assert (row["value"], row["source"], row["year"]) == ("0.98%", "Modash", "undated")
    assert row["definition"] == "median ER by followers, (likes+comments)/followers"
    assert row["url"] == "https://www.modash.io/engagement-rate-calculator" and not row["edited by you"]


def test_benchmarks_used_follows_the_er_source_picked_and_its_edits(sample_db):
    # the source picked on the Influencers page reaches exports through the Context (pages/ui.py context())
    markerly = "Markerly 2016 · Instagram · like rate"
    edited = tuple(replace(r, er=0.03) if r.key == "markerly-2016-instagram-10k-100k" else r
                   for r in bm.ER_BENCHMARKS)
    ctx = Context(db=sample_db, er_records=edited, influencer_er_source=markerly)
    used = ab.benchmarks_used(ctx)
    tiers = used[used["used for"].str.startswith("Influencer ER tier: ")].set_index("key")
    # the sample's smallest account (574 followers) brings Markerly's <1K tier onto the chart
    assert list(tiers.index) == [r.key for r in bm.ER_BENCHMARKS if r.key.startswith("markerly-2016-")]
    assert [u.removeprefix("Influencer ER tier: Instagram ") for u in tiers["used for"]] == \
        _drawn_tiers(ctx)
    assert tiers.loc["markerly-2016-instagram-10k-100k", "value"] == "3.00%"
    assert list(tiers["edited by you"]) == [False, False, True, False]
    assert not used["key"].str.startswith("modash-").any()
    # a source of another measure is not drawn against ER by followers: the default source is
    tiktok = ab.benchmarks_used(Context(db=sample_db, influencer_er_source="Modash 2025 · TikTok · median ER"))
    assert tiktok["key"].str.startswith("modash-instagram-").sum() == 7
    # ER by views, as the page offers it for TikTok: TikTok's tiers per view
    views = ab.benchmarks_used(Context(db=sample_db, influencer_er_measure="median_er_views",
                                       influencer_er_source="Modash 2025 · TikTok · median ER"))
    assert set(views.loc[views["used for"].str.startswith("Influencer ER tier: "), "key"]) <= \
        {r.key for r in bm.ER_BENCHMARKS if r.key.startswith("modash-2025-tiktok-")}
    assert views["used for"].str.startswith("Influencer ER tier: TikTok ").any()


def test_benchmarks_used_lists_the_brand_medians_beside_the_reported_takeover(sample_db):
    from microlens import area_takeover

    ctx = Context(db=sample_db)
    used = ab.benchmarks_used(ctx).set_index("key")
    instagram = used.loc["rivaliq-2022-instagram-brand-median"]
    assert instagram["used for"] == "Takeover lift: brand median ER, Instagram"
    assert (instagram["value"], instagram["year"]) == ("0.47%", "2022")
    assert instagram["source"] == "Rival IQ Social Media Industry Benchmark Report 2023"
    assert instagram["definition"].startswith("median engagements per post ÷ followers, brand accounts on Instagram")
    assert not instagram["edited by you"]
    # one row per figure the takeover slides cite (the sample's brand posts on Instagram and TikTok), each as cited
    rows = used[used["used for"].str.startswith("Takeover lift: ")]
    cited = " ".join(s.source for s in area_takeover.sections(ctx))
    assert list(rows.index) == ["rivaliq-2022-instagram-brand-median", "rivaliq-2024-tiktok-brand-median"]
    assert all(f"{v} ({s}, {y} data" in cited and u in cited
               for v, s, y, u in zip(rows["value"], rows["source"], rows["year"], rows["url"]))
    # the sidebar's platform filter reaches the brand's posts, and the figures with them
    only = ab.benchmarks_used(Context(db=sample_db, filters=Filters(platforms=("instagram",))))
    assert list(only.loc[only["used for"].str.startswith("Takeover lift: "), "key"]) == \
        ["rivaliq-2022-instagram-brand-median"]


def test_benchmarks_used_leaves_out_the_chart_figures_without_data():
    used = ab.benchmarks_used(Context(db=mdb.new_database()))
    assert not used["used for"].str.startswith(("Takeover lift: ", "Influencer ER tier: ")).any()


def test_rule_of_thumb_follows_edits_and_deletion():
    assert ab.rule_of_thumb(bm.PRICE_BENCHMARKS).price_low == 10.0
    edited = tuple(replace(p, price_low=12.0) if p.key == ab.RULE_OF_THUMB_KEY else p for p in bm.PRICE_BENCHMARKS)
    assert ab.rule_of_thumb(edited).price_low == 12.0
    assert ab.rule_of_thumb([p for p in bm.PRICE_BENCHMARKS if p.key != ab.RULE_OF_THUMB_KEY]) is None


# -- the page, end to end -------------------------------------------------------------------------------

def _celebrity_cpe(at: AppTest) -> str:
    at.switch_page("pages/cost_vs_celebrity.py").run()
    assert not at.exception
    return next(m.value for m in at.metric if m.label == CELEB_CPE)


def _edit(at: AppTest, kind: str, row: int, column: str, value) -> None:
    """Seed a cell edit in the data editor (as a user would type it), then press Apply edits."""
    at.switch_page("pages/benchmarks.py").run()
    version_key = f"bench_editor_version_{kind}"
    version = at.session_state[version_key] if version_key in at.session_state else 0
    at.session_state[f"bench_editor_{kind}_{version}"] = {
        "edited_rows": {row: {column: value}}, "added_rows": [], "deleted_rows": []}
    at.run()
    at.button(key=f"bench_apply_{kind}").click().run()
    assert not at.exception


def test_edit_on_benchmarks_page_moves_the_celebrity_range_and_reset_restores_it():
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    # Defaults: low = $20,000 / (5,000,000 × 1.66%) = $0.241; high = $100,000 / (5,000,000 × 0.33%) = $6.06.
    assert _celebrity_cpe(at) == "$0.24–$6.06"
    at.switch_page("pages/benchmarks.py").run()
    assert not at.exception
    warning = at.warning[0].value
    assert warning.count("source: brief (unverified)") == 4     # two prices, the 84% and the 97% claims
    _edit(at, "price", 0, "price_low", 40_000.0)
    assert at.success[0].value == "Prices: 30 rows applied; 1 new or changed. Every page now uses them."
    assert at.session_state["bench_price"][0].price_low == 40_000.0
    # low = $40,000 / (5,000,000 × 1.66%) = $0.482; high unchanged.
    assert _celebrity_cpe(at) == "$0.48–$6.06"
    at.switch_page("pages/benchmarks.py").run()
    at.button(key="bench_reset").click().run()
    assert "bench_price" not in at.session_state
    assert _celebrity_cpe(at) == "$0.24–$6.06"


def test_invalid_edit_shows_the_error_and_changes_nothing():
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    _edit(at, "er", 3, "er", 0.0)           # row 4: Markerly 1M–10M
    assert [e.value for e in at.error] == [
        "Row 4 (Markerly 2016, Instagram, 1M–10M): the engagement rate must be above 0% and below 100%."]
    assert "bench_er" not in at.session_state
    assert _celebrity_cpe(at) == "$0.24–$6.06"


def test_rates_are_typed_in_percent_as_the_table_shows_them():
    # the cell showed 1.66%, took a fraction, and a typed 1.5 (meaning 1.5%) showed 150% and was refused
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    _edit(at, "er", 3, "er", 2.0)           # Markerly 1M–10M: 1.66% -> 2%
    assert not at.error and at.session_state["bench_er"][3].er == 0.02
    # low = $20,000 / (5,000,000 × 2%) = $0.20
    assert _celebrity_cpe(at) == "$0.20–$6.06"
    frame = ab.editor_frame("share", bm.PRICE_SHARE_CLAIMS)
    assert frame.loc[0, "share"] == pytest.approx(bm.PRICE_SHARE_CLAIMS[0].share * 100)


def test_the_metric_glossary_shows_every_definition_whole_and_escaped():
    # a grid cut the definitions at its column's edge; the glossary is a table to read, each cell wrapped
    from html import escape

    from microlens import metrics
    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/benchmarks.py").run()
    assert not at.exception
    glossary = next(h.proto.body for h in at.get("html")
                    if 'class="reading-table"' in h.proto.body and "Engagements" in h.proto.body)
    for metric in metrics.CATALOG:
        assert f"<td>{escape(metric.label)}</td><td>{escape(metric.description)}</td>" in glossary, metric.name


def test_the_benchmarks_in_use_read_whole_without_their_catalog_ids(sample_db):
    # a grid cut "Rival IQ Social Media Industry Be" and "$10.00 per 1K follow" at 1280 px: the list is read whole,
    # and the catalog IDs (long words that do not wrap, in the editor above) stay in the exports
    from html import escape

    from pages import ui
    from tests.conftest import app_on

    at = app_on(sample_db, "pages/benchmarks.py")
    used = ab.benchmarks_used(Context(db=sample_db))
    table = next(h.proto.body for h in at.get("html")
                 if 'class="reading-table"' in h.proto.body and "Used for" in h.proto.body)
    assert table.count("<tr>") == len(used) + 1 and len(used) <= ui.READ_WHOLE_ROWS
    for row in used.itertuples():
        assert f"<td>{escape(row.source)}</td>" in table and escape(row.definition) in table
        assert row.key not in table
    assert "Rival IQ Social Media Industry Benchmark Report 2023" in set(used["source"])

def test_the_rate_card_breaks_its_web_addresses_rather_than_run_past_the_page():
    # its link and the address in its note ran 180 px past a 1024-px screen's page, which scrolled sideways: a column
    # keeps a word whole up to WHOLE_WORD_CHARS, and a longer one breaks anywhere
    import re

    from pages import ui
    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/benchmarks.py").run()
    assert not at.exception
    bodies = [h.proto.body for h in at.get("html")]
    card = next(b for b in bodies if 'class="reading-table"' in b and "yabs.io" in b)
    least = [int(n) for n in re.findall(r"min-width: calc\((\d+)ch", card)]
    assert len(least) == 4 and max(least) <= ui.WHOLE_WORD_CHARS + 1, least
    assert any(".reading-table" in b and "overflow-wrap: anywhere" in b for b in bodies)
