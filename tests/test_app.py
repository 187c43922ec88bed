"""AppTest smoke over every page in the navigation, plus uploads through st.file_uploader."""
from __future__ import annotations

import json
import math
import re

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from microlens import metrics, theme
from microlens.filters import Filters
from microlens.text import PLATFORM_NAMES
from tests.conftest import REALDATA, ROOT, app_on, database_of, shown, take_out_of_box, upload_box, write_csv

PAGES = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "dashboard.py").read_text())


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()


def test_every_page_file_is_in_the_navigation():
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if p.name != "ui.py"}
    assert on_disk == set(PAGES)


@pytest.fixture(scope="module")
def session():
    return app()


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_sample_data(session, page):
    session.switch_page(page).run()
    assert not session.exception, [e.value for e in session.exception]
    assert session.title, f"{page} has no title"


# every page that shows the loaded data (the Benchmarks page shows the catalog, the same with any data)
@pytest.mark.parametrize("page", [p for p in PAGES if p != "pages/benchmarks.py"])
def test_every_page_says_the_sample_is_invented_and_where_to_upload(session, page):
    session.switch_page(page).run()
    banner = next(i.value for i in session.info if "**sample data**" in i.value)
    # the Data page holds the uploader itself: "on the Data page" read as a pointer to another page
    assert ("Upload your own files below;" if page == "pages/data.py" else "on the **Data** page;") in banner


# The pages that show tables and download buttons on the sample data: a test that loops over a page's tables checks
# nothing on a page without one, so each says first that the page has what it checks (and a page that gains a table
# joins the list).
PAGES_WITH_TABLES = {"pages/overview.py", "pages/influencers.py", "pages/prices.py", "pages/campaigns.py",
                     "pages/planner.py", "pages/benchmarks.py"}
PAGES_WITH_DOWNLOADS = set(PAGES) - {"pages/data.py", "pages/present.py", "pages/benchmarks.py"}


def tables_of(session, page: str) -> list:
    tables = list(session.dataframe)    # st.dataframe and st.data_editor alike
    assert bool(tables) == (page in PAGES_WITH_TABLES), f"{page}: {len(tables)} tables"
    return tables


@pytest.mark.parametrize("page", PAGES)
def test_download_buttons_neither_rerun_the_app_nor_build_csv_on_every_run(session, page):
    # a rerun started by the click draws the button again and revokes the file the browser is fetching
    session.switch_page(page).run()
    buttons = session.get("download_button")
    assert bool(buttons) == (page in PAGES_WITH_DOWNLOADS), f"{page}: {len(buttons)} download buttons"
    for button in buttons:
        assert button.proto.ignore_rerun, f"{page}: '{button.proto.label}' reruns the app when clicked"
        if button.proto.label.endswith("(CSV)"):   # written when clicked, not on every rerun
            assert button.proto.deferred_file_id, f"{page}: '{button.proto.label}' is written on every rerun"


@pytest.mark.parametrize("page", PAGES)
def test_tables_show_a_missing_value_as_a_dash_not_none(session, page):
    session.switch_page(page).run()
    for table in tables_of(session, page):
        assert table.proto.placeholder == theme.MISSING, f"{page}: a table shows missing values as 'None'"


@pytest.mark.parametrize("page", PAGES)
def test_tables_name_platforms_as_marketers_write_them(session, page):
    session.switch_page(page).run()
    with_platforms = [t for t, _ in read_only_tables(session, page) if "platform" in t.value.columns]
    # every page of tables has one with platforms, but the Benchmarks page's read-only ones
    assert bool(with_platforms) == (page in PAGES_WITH_TABLES - {"pages/benchmarks.py"})
    for table in with_platforms:
        shown_names = set(table.value["platform"].dropna())
        assert shown_names and not shown_names & set(PLATFORM_NAMES), f"{page}: stored platform names {shown_names}"


def read_only_tables(session, page: str):
    return [(t, json.loads(t.proto.columns)) for t in tables_of(session, page)
            if t.proto.editing_mode == t.proto.EditingMode.READ_ONLY]


@pytest.mark.parametrize("page", PAGES)
def test_tables_show_percentages_with_one_decimal(session, page):
    # Streamlit's "percent" format prints two decimals (ROI "160.82%"); the cards and the exports print one
    session.switch_page(page).run()
    for table, config in read_only_tables(session, page):
        two = [c for c in table.value.columns if (config.get(c) or {}).get("type_config", {}).get("format") == "percent"]
        assert not two, f"{page}: {two} in Streamlit's two-decimal percent format"


@pytest.mark.parametrize("page", PAGES)
def test_every_table_header_is_in_words(session, page):
    # a grid showed "platform" (the rate card) where every other header reads "Platform"
    session.switch_page(page).run()
    for table, config in read_only_tables(session, page):
        for column in list(table.proto.column_order) or list(table.value.columns):
            spec = config.get(column) or {}
            label = spec.get("label") or column
            assert spec.get("hidden") or not re.fullmatch(r"[a-z0-9_]+", str(label)), f"{page}: {label!r}"


@pytest.mark.parametrize("page", ["pages/influencers.py", "pages/campaigns.py"])
def test_cost_per_engagement_columns_keep_one_number_of_decimals(session, page):
    # "$%.3g" showed $0.024 beside $0.0107; the column now shows every cost with the decimals of two significant
    # digits of its smallest cost, as a card gives it (three gave "$0.00803" and five decimals on every row)
    session.switch_page(page).run()
    checked = 0
    for table, config in read_only_tables(session, page):
        if "cpe" not in table.value.columns:
            continue
        shown = config["cpe"]["type_config"]["format"]
        smallest = table.value["cpe"][table.value["cpe"] > 0].min()
        assert shown == f"$%.{max(2, 1 - math.floor(math.log10(smallest)))}f"
        assert f"{smallest:.{int(shown[3])}f}".rstrip("0")[-1] != "."   # the smallest keeps a significant digit
        checked += 1
    assert checked


def test_campaign_roi_is_shown_in_percent_of_its_own_cost_and_revenue(session):
    from pages.ui import PERCENT_SHOWN
    session.switch_page("pages/campaigns.py").run()
    table, config = next((t, c) for t, c in read_only_tables(session, "pages/campaigns.py")
                         if list(t.value.columns[:1]) == ["campaign"])
    assert config["roi"]["type_config"]["format"] == PERCENT_SHOWN
    sales = table.value.dropna(subset=["roi"])
    # Spring Glow 2026: ($14,674 - $5,626) / $5,626 = 160.8%
    assert len(sales) >= 3
    assert sales["roi"].tolist() == pytest.approx((100 * (sales["revenue"] - sales["cost"]) / sales["cost"]).tolist())


def test_wide_tables_keep_their_first_column_in_view(session):
    from pages.ui import PINNED_FROM
    wide = []
    for page in PAGES:
        session.switch_page(page).run()
        for table, config in read_only_tables(session, page):
            shown = [c for c in list(table.proto.column_order) or table.value.columns
                     if not config.get(c, {}).get("hidden")]
            if len(shown) > PINNED_FROM:
                wide.append(page)
                assert config.get(shown[0], {}).get("pinned"), f"{page}: {shown[0]!r} scrolls away with the table"
    assert "pages/campaigns.py" in wide


UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")


@pytest.mark.parametrize("page", PAGES)
def test_no_text_renders_dollar_amounts_as_a_formula(session, page):
    # Streamlit's markdown reads $…$ as maths: "$120 … $250" would lose its dollar signs and change font.
    session.switch_page(page).run()
    for kind in ("markdown", "caption", "info", "warning", "success", "error", "subheader"):
        for element in session.get(kind):
            text = getattr(element, "value", None) or getattr(element.proto, "body", "")
            assert len(UNESCAPED_DOLLAR.findall(str(text))) < 2, f"{page}: {kind} {text[:120]!r}"


def test_opens_on_labelled_sample_data(session):
    session.switch_page("pages/overview.py").run()
    assert any("sample data" in i.value for i in session.info)
    assert session.metric[0].label == "Influencers" and session.metric[0].value not in ("0", "–")


def test_cost_page_kpis_and_chart_title_state_the_finding(session):
    session.switch_page("pages/cost_vs_celebrity.py").run()
    labels = [m.label for m in session.metric]
    assert labels == ["Median micro-influencer CPE", "Celebrity benchmark CPE", "Micro posts for one celebrity post"]
    spec = json.loads(session.get("plotly_chart")[0].proto.spec)
    title = spec["layout"]["title"]["text"]
    assert "per engagement" in title and "$" in title


def test_upload_real_file_replaces_sample():
    at = app()
    at.switch_page("pages/data.py").run()
    # a reload starts again from the sample: said where files go in
    assert any(c.value.startswith("Your files stay in this browser tab only") for c in at.caption)
    data = (REALDATA / "tiktok_vn_posts_recrawled.csv").read_bytes()
    upload_box(at).upload("tiktok_vn_posts_recrawled.csv", data, "text/csv").run()
    assert not at.exception
    db = at.session_state["db"]
    files = [r[0] for r in db.execute("SELECT source_file FROM loads").fetchall()]
    assert files == ["tiktok_vn_posts_recrawled.csv"]   # the sample data made way
    assert any("2,409 loaded, 0 rejected of 2,409 rows read" in e.label for e in at.expander)
    at.switch_page("pages/overview.py").run()
    # trending TikTok posts: accounts whose middle post earns more engagements than they have followers, left out
    assert any(c.label.startswith("Leave out") and "viral accounts" in c.label and c.value for c in at.checkbox)
    at.switch_page("pages/cost_vs_celebrity.py").run()
    assert not at.exception



def test_an_unreadable_first_upload_leaves_no_sample_figure_behind():
    # the sample's files went, but its influencers and spend stayed in the derived tables: the Overview showed 200
    # influencers and $460.9K of invented spend with the sample banner gone
    at = app()
    at.switch_page("pages/data.py").run()
    upload_box(at).upload("export.csv", b"foo,bar\n1,2\n", "text/csv").run()
    assert not at.exception and len(at.error) == 1
    at.switch_page("pages/overview.py").run()
    cards = {m.label.split(" (")[0]: m.value for m in at.metric}
    assert (cards["Influencers"], cards["Posts"], cards["Spend"]) == ("0", "0", theme.MISSING)
    assert not any("**sample data**" in i.value for i in at.info)


def test_the_uploader_takes_every_file_type_ingest_reads(tmp_path):
    at = app()
    at.switch_page("pages/data.py").run()
    # the uploader refused .xlsb, .pq and .tab, which ingest (and the command line) read
    assert set(at.file_uploader[0].proto.type) >= {".csv", ".tsv", ".tab", ".xlsx", ".xlsb", ".pq"}
    real = REALDATA / "tiktok_vn_posts_recrawled.csv"
    duckdb.connect().execute("COPY (SELECT * FROM read_csv($p)) TO $out (FORMAT parquet)",
                             {"p": str(real), "out": str(tmp_path / "a.pq")})
    at.file_uploader[0].set_value([("posts.pq", (tmp_path / "a.pq").read_bytes(), "application/octet-stream"),
                                   ("posts.tab", real.read_bytes(), "text/plain")]).run()
    assert not at.exception
    loaded = at.session_state["db"].execute("SELECT source_file, rows_loaded FROM loads ORDER BY 1").fetchall()
    rows = len(pd.read_csv(real, dtype=str, encoding="utf-8-sig"))     # every row of the export is a usable post
    assert loaded == [("posts.pq", rows), ("posts.tab", rows)]

def test_a_later_export_of_the_same_posts_is_counted_once_and_said():
    at = app()
    at.switch_page("pages/data.py").run()
    data = (REALDATA / "tiktok_vn_posts_recrawled.csv").read_bytes()
    upload_box(at).upload("tiktok_vn_posts_recrawled.csv", data, "text/csv").run()
    db = at.session_state["db"]
    once = db.execute("SELECT count(*), sum(likes) FROM posts").fetchall()
    # the same export a day later, without its last post: other bytes, the same posts bar one
    later = data.rstrip(b"\r\n").rsplit(b"\n", 1)[0] + b"\n"
    upload_box(at).upload("tiktok_vn_posts_recrawled (1).csv", later, "text/csv").run()
    assert not at.exception
    assert db.execute("SELECT count(*) FROM loads").fetchone()[0] == 2
    assert db.execute("SELECT count(*), sum(likes) FROM posts").fetchall() == once
    # the earlier file's panel says its rows repeat the later file's posts, which count: all its rows but the last
    rows = len(pd.read_csv(REALDATA / "tiktok_vn_posts_recrawled.csv", dtype=str, encoding="utf-8-sig"))
    assert once[0][0] == rows
    assert any(f"{rows - 1:,} rows repeat posts of 'tiktok_vn_posts_recrawled (1).csv'" in shown(c.value)
               for c in at.caption)
    at.switch_page("pages/overview.py").run()
    assert any(shown(c.value).startswith(f"{rows - 1:,} loaded rows repeat a post of another row")
               for c in at.caption)


def test_the_same_file_under_another_name_is_not_loaded_again():
    # a browser's second download of a file, 'x (1).csv', doubled every order and every post without an id or link
    at = app()
    at.switch_page("pages/data.py").run()
    data = b"Code,Orders,Revenue\nANA15,3,$120.00\nBO10,1,$40.00\n"
    upload_box(at).upload("orders.csv", data, "text/csv").run()
    db = at.session_state["db"]
    once = db.execute("SELECT count(*), sum(revenue) FROM conversions").fetchall()
    assert once == [(2, 160.0)]
    upload_box(at).upload("orders (1).csv", data, "text/csv").run()
    assert not at.exception
    assert db.execute("SELECT count(*), sum(revenue) FROM conversions").fetchall() == once
    assert [shown(e.value) for e in at.error] == [
        "Same contents as orders.csv, which is loaded: not loaded again, so no row counts twice."]
    assert at.button(key="remove_orders (1).csv").label == "Remove this file"     # it has no data to remove
    at.button(key="remove_orders (1).csv").click().run()       # its panel goes; orders.csv stays
    assert not at.exception and not at.error
    assert db.execute("SELECT source_file FROM loads").fetchall() == [("orders.csv",)]
    # the same bytes under the loaded file's own name replace it, as a corrected file does
    upload_box(at).upload("orders.csv", data, "text/csv").run()
    assert not at.exception and not at.error
    assert db.execute("SELECT count(*), sum(revenue) FROM conversions").fetchall() == once
    # a copy refused beside a file that then goes takes its place: its panel said the file was loaded, and nothing
    # loaded it
    upload_box(at).upload("orders (2).csv", data, "text/csv").run()
    assert len(at.error) == 1
    take_out_of_box(at, "orders.csv")
    assert not at.exception and not at.error
    assert db.execute("SELECT source_file FROM loads").fetchall() == [("orders (2).csv",)]
    assert db.execute("SELECT count(*), sum(revenue) FROM conversions").fetchall() == once


def test_a_studio_export_loads_once_its_account_is_typed():
    from tests.test_exports_in_the_wild import YOUTUBE_STUDIO

    at = app()
    at.switch_page("pages/data.py").run()
    upload_box(at).upload("Table data.csv", YOUTUBE_STUDIO.encode(), "text/csv").run()
    assert not at.exception
    assert any("type its handle under Account" in e.value for e in at.error)
    at.text_input(key="account_Table data.csv").input("@dewydiego")
    at.selectbox(key="platform_Table data.csv").set_value("youtube")
    at.button(key="apply_Table data.csv").click().run()
    assert not at.exception
    assert any("2 loaded, 1 rejected of 3 rows read" in e.label for e in at.expander)
    assert any(m.value == "**1 rejected row, by reason**" for m in at.markdown)      # "1 rejected rows"
    db = at.session_state["db"]
    assert db.execute("SELECT DISTINCT influencer, platform FROM posts").fetchall() == [("dewydiego", "youtube")]
    at.switch_page("pages/overview.py").run()
    assert [w.value for w in at.warning if "rejected" in w.value] == [
        "1 row was rejected. The Data page lists the reason and offers the row as a download."]


def test_own_files_go_only_after_a_second_click_that_names_them():
    # Campaigns and Takeover pointed at "Load sample data", which dropped the user's upload without a word
    at = app()
    at.switch_page("pages/data.py").run()
    data = (REALDATA / "top_insta_influencers_data.csv").read_bytes()
    upload_box(at).upload("top_insta_influencers_data.csv", data, "text/csv").run()
    db = at.session_state["db"]

    def files():
        return [r[0] for r in db.execute("SELECT source_file FROM loads ORDER BY 1").fetchall()]

    for first, then in (("load_sample", "wipe_cancel"), ("clear_all", "wipe_cancel"), ("load_sample", "wipe_confirm")):
        at.button(key=first).click().run()
        assert files() == ["top_insta_influencers_data.csv"]
        warning = shown(" ".join(w.value for w in at.warning))
        assert "removes your 1 loaded file (top_insta_influencers_data.csv) from this session" in warning
        at.button(key=then).click().run()
    assert not at.exception and not at.warning
    assert "posts.csv" in files() and at.session_state["sample_loaded"]
    at.button(key="clear_all").click().run()     # the sample goes at once: nothing of the user's is lost
    assert files() == [] and not at.warning


def test_unreadable_upload_gets_a_sentence_not_a_traceback():
    at = app()
    at.switch_page("pages/data.py").run()
    upload_box(at).upload("broken.csv", b"\x00\x01\x02\x03\x04", "text/csv").run()
    assert not at.exception
    assert any("not a text table" in e.value for e in at.error)


def test_filters_go_into_the_url():
    # AppTest runs the entry script only on the first run of a navigation app, so the sidebar widget value
    # is seeded before that run.
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["f_bands"] = ["micro"]
    at.run()
    assert not at.exception
    assert json.loads(at.query_params["bands"]) == ["micro"]


def test_the_overviews_pooled_cpe_says_which_bands_it_pools():
    # "all bands" under a band filter was untrue: the card pools the filtered bands only
    labels = [next(m.label for m in app_on(None, "pages/overview.py", state=state).metric if m.label.startswith("CPE"))
              for state in ({}, {"f_bands": ["micro", "mid"]})]
    assert [label.split(" (")[0] for label in labels] == ["CPE, all bands", "CPE, bands pooled"]


def test_a_price_range_typed_the_wrong_way_round_is_read_the_right_way():
    # seeded before the first run, as test_filters_go_into_the_url explains
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["f_price_min"], at.session_state["f_price_max"] = 500.0, 100.0
    at.run()
    assert not at.exception
    f = at.session_state["filters"]
    assert (f.price_min, f.price_max) == (100.0, 500.0)
    assert any("Min is above Max: read as \\$100–\\$500" in c.value for c in at.sidebar.caption)


def test_a_page_emptied_by_the_filters_names_them():
    # "No influencers in the current data and filters" with the price box below the fold of the sidebar
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["f_price_min"] = 100_000.0     # seeded before the first run (test_filters_go_into_the_url)
    at.run()
    at.switch_page("pages/cost_vs_celebrity.py").run()
    assert not at.exception
    assert any(w.value.startswith("No influencers in the current data and filters (price per post \\$100,000")
               for w in at.warning), [w.value for w in at.warning]


def test_a_filter_reads_as_words_in_exports():
    import datetime as dt

    from microlens.filters import Filters

    # a report's subtitle: an open end of the date range reads "from" or "until", not "2025-05-01 to …"
    assert Filters(date_from=dt.date(2025, 5, 1)).describe() == "dates from 2025-05-01; estimated costs included"
    assert Filters(date_to=dt.date(2026, 6, 30), use_estimates=False).describe() == (
        "dates until 2026-06-30; known costs only")
    assert Filters(bands=("micro",), date_from=dt.date(2025, 5, 1), date_to=dt.date(2026, 6, 30)).describe() == (
        "bands: micro; dates 2025-05-01 to 2026-06-30; estimated costs included")
    assert Filters(platforms=("tiktok", "youtube")).describe() == (
        "platforms: TikTok, YouTube; estimated costs included")
    # with estimates on, the price range judges an unpriced account at its rate-card price
    assert Filters(price_min=100, price_max=500).describe() == (
        "price per post $100–$500 (estimated where unknown); estimated costs included")
    assert Filters(price_min=100, price_max=500, use_estimates=False).describe() == (
        "price per post $100–$500; known costs only")
    # a rate card of one's own prices the estimates: said with them (not where estimates are off)
    assert Filters(rate_per_1k=3.16).describe() == (
        "estimated costs included (rate card $3.16 per 1,000 followers)")
    assert Filters(rate_per_1k=3.16, use_estimates=False).describe() == "known costs only"
    # another band scheme: pages and exports say "micro", and which followers that is must be said with them
    from microlens import bands

    assert Filters(band_scheme=bands.scheme("STIM / HypeAuditor (micro 10K–50K)"), bands=("micro",)).describe() == (
        "follower bands STIM / HypeAuditor (micro 10K–50K): under 1K (0–1K), nano (1K–10K), micro (10K–50K), "
        "mid (50K–500K), macro (500K–1M), celebrity (1M+); bands: micro; estimated costs included")
    edited = bands.from_edges([1_000, 20_000, 200_000, 1_000_000], ["under 1K", "nano", "micro", "mid", "celebrity"])
    assert Filters(band_scheme=edited).describe().startswith(
        "follower bands edited: under 1K (0–1K), nano (1K–20K), micro (20K–200K), mid (200K–1M), celebrity (1M+);")


def test_a_shared_link_reopens_the_same_view():
    every = app().metric[0].value
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["bands"] = '["micro"]'
    at.query_params["platforms"] = '["tiktok"]'
    at.run()
    f = at.session_state["filters"]
    assert (f.bands, f.platforms) == (("micro",), ("tiktok",))
    assert int(at.metric[0].value) < int(every)      # fewer influencers than the unfiltered view


def overview_of(tmp_path, name: str, text: str):
    """The Overview page on a database holding one file `name` with `text`."""
    at = app_on(database_of(tmp_path, {name: text}), "pages/overview.py")
    assert not at.exception
    return at


def test_overview_says_how_much_spend_is_estimated_without_a_formula(tmp_path):
    # no fee anywhere: every cost comes from the rate card
    at = overview_of(tmp_path, "posts.csv", "influencer,platform,followers,likes,comments\n"
                                            "ana,instagram,20000,900,40\nbo,tiktok,50000,2000,100\n")
    # (20,000 + 50,000) / 1,000 × $10 per 1,000 followers = $700, all of it estimated, none of it spent.
    caption = next(c.value for c in at.caption if "estimated" in c.value and "rate card" in c.value)
    assert "\\$700" in caption and "\\$10 per 1,000 followers" in caption
    assert any(m.label == "CPE, all bands (all estimated)" for m in at.metric)
    assert len(UNESCAPED_DOLLAR.findall(caption)) == 0
    assert next(m for m in at.metric if m.label == "Spend").value == "–"
    assert any(c.value.startswith(":material/info: Spend: no post fee or campaign contract") for c in at.caption)


def test_overview_says_loaded_contracts_reach_no_post_without_a_campaign(tmp_path):
    # an Instagram export names no campaign: "no campaign contract in the loaded files" beside a sheet of fees
    from microlens import contract_windows, ingest

    database = database_of(tmp_path, {"posts.csv": "influencer,platform,followers,likes\nana,instagram,20000,900\n",
                                      "contracts.csv": "campaign,influencer,fee,product_cost\nGlow,ana,300,50\n"
                                                       "Glow,bo,200,\nSpring,cy,,\n"})
    at = app_on(database, "pages/overview.py")
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Spend").value == "–"
    # two contracts with a cost: 300 + 50 + 200 = $550 (cy's has none)
    assert any(shown(c.value) == ":material/info: Spend: 2 contracts with a known cost ($550) are loaded, but no post "
               "names their campaign or falls between a contract's start and end dates, so no post counts as paid. "
               + contract_windows.RULE + " Add a campaign column to the posts file (each post's campaign, named as "
               "in the contracts), or each contract's start and end dates, and upload it again. The Campaigns page "
               "shows the contracts' returns." for c in at.caption)
    # named by a post, the contract pays for it and the note goes
    (tmp_path / "posts.csv").write_text("influencer,platform,followers,likes,campaign\nana,instagram,20000,900,glow\n",
                                        encoding="utf-8")
    ingest.ingest_path(database, tmp_path / "posts.csv")
    at = app_on(database, "pages/overview.py")
    assert next(m for m in at.metric if m.label == "Spend").value == "$350"
    assert not any("Spend:" in c.value for c in at.caption)


def test_overview_on_the_sample_has_spend_and_no_note_about_its_absence(session):
    session.switch_page("pages/overview.py").run()
    assert next(m for m in session.metric if m.label == "Spend").value.startswith("$")
    assert not any("Spend: no post fee" in c.value for c in session.caption)
    # the data status names kinds as the Data page does, and where the platform comes from in words ("per row")
    table = session.dataframe[-1]
    status = table.value
    assert "Brand's own posts" in set(status["kind"]) and set(status["platform"]) == {"per row"}
    # the counts first: at 1024 px the table scrolled, and "Loaded" and "Rejected" were cut off
    assert list(table.proto.column_order)[:4] == ["source_file", "rows_read", "rows_loaded", "rows_rejected"]


def test_overview_on_the_sample_answers_in_sales_too(session):
    session.switch_page("pages/overview.py").run()
    sales = next(m.value for m in session.markdown if m.value.startswith("**In sales**"))
    # markdown-escaped: "\\$" is a dollar sign, not a formula; "\\." a full stop
    assert "Micro contracts returned \\$2\\.22 per \\$1 spent, celebrity contracts \\$0\\.46" in sales


def test_cost_page_asks_and_in_sales(session):
    session.switch_page("pages/cost_vs_celebrity.py").run()
    assert not session.exception
    assert "And in sales?" in [s.value for s in session.subheader]
    assert any(m.value.startswith("**In sales** (coupon codes): Micro contracts returned") for m in session.markdown)


def test_overview_says_sign_ups_for_a_sign_up_campaign():
    at = app()
    at.switch_page("pages/overview.py").run()
    at.session_state["filters"] = Filters(campaigns=("LED Mask Launch",))     # a sign-up campaign
    at.run()
    assert not at.exception
    line = next(m.value for m in at.markdown if "(coupon codes)" in m.value)
    assert line.startswith("**In sign-ups** (coupon codes): Sign\\-ups cost")   # "\\-": markdown-escaped


def test_overview_warns_when_the_date_range_cuts_contracts():
    import datetime as dt

    at = app()
    at.switch_page("pages/overview.py").run()
    at.session_state["filters"] = Filters(date_to=dt.date(2026, 5, 15))     # Spring Glow runs 4-31 May
    at.run()
    assert not at.exception
    assert any(c.value.startswith(":material/warning: The date range cuts") for c in at.caption)
    # and the sentence says it itself: a return of whole contracts against part of their orders
    assert any(m.value.startswith("**In sales** (coupon codes; whole contracts against the orders in the date "
                                  "range): ") for m in at.markdown)


def test_overview_without_campaigns_has_no_sales_line(tmp_path):
    at = overview_of(tmp_path, "posts.csv", "influencer,platform,followers,likes,comments,cost\n"
                                            "ana,instagram,20000,900,40,100\n")
    assert not at.exception
    assert not any(m.value.startswith("**In sales**") for m in at.markdown)


def test_cost_page_counts_hollow_dots_as_the_chart_draws_them(tmp_path):
    from microlens import db as mdb
    from microlens import ingest

    # no fee anywhere: every cost is the rate card's. cy's post has no engagements, so no CPE and no dot; the
    # caption counted it (on the real crawl: "1,802 influencers" above a chart of 1,801 dots).
    path = tmp_path / "posts.csv"
    path.write_text("influencer,platform,followers,likes,comments\nana,instagram,20000,900,40\n"
                    "bo,instagram,50000,2000,100\ncy,instagram,30000,0,0\n", encoding="utf-8")
    database = mdb.new_database()
    ingest.ingest_path(database, path)
    at = app_on(database, "pages/cost_vs_celebrity.py")
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("Hollow dots"))
    assert caption.startswith("Hollow dots: 2 influencers whose cost is **estimated**")



def test_overview_says_which_accounts_no_band_holds(database, tmp_path):
    from microlens import db as mdb
    from microlens import ingest

    # z's crawl read 0 followers (unknown, as a failed crawl writes it) and y's none: both are influencers of the
    # Overview's count, and no band can hold them. The band chart's accounts summed to one less than the card.
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "influencer,platform,followers,posted_at,likes,cost\n"
                                           "a,instagram,40000,2026-01-01,800,200\nb,instagram,50000,2026-01-02,900,\n"
                                           "z,tiktok,0,2026-01-01,500,\ny,tiktok,,2026-01-02,300,\n"), kind="posts")
    at = app_on(database, "pages/overview.py")
    assert not at.exception
    params = {**at.session_state["filters"].params(), "viral_er": metrics.VIRAL_ER, "leave_out_viral": True}
    kpis = mdb.run(database, "overview_kpis", params).iloc[0]
    banded = mdb.run(database, "cpe_by_band", params)["influencers"].sum()
    assert (kpis["influencers"], kpis["accounts_without_band"], banded) == (4, 2, 2)
    assert any(shown(c.value).endswith("2 accounts without a follower count (blank or 0 in the files) are in no "
                                       "band: counted among the influencers above, not in the band chart.")
               for c in at.caption)

def test_overviews_influencer_card_says_why_it_counts_fewer_than_the_rows_loaded(database, tmp_path):
    from microlens import ingest

    # a list that names ana twice: 3 rows loaded under a card of 2 influencers, which read as a lost row
    ingest.ingest_path(database, write_csv(tmp_path, "list.csv", "influencer,platform,followers\n"
                                           "ana,instagram,20000\nbo,instagram,30000\nana,instagram,21000\n"))
    at = app_on(database, "pages/overview.py")
    card = next(m for m in at.metric if m.label == "Influencers")
    loaded = at.dataframe[0].value
    assert (card.value, int(loaded["rows_loaded"].sum())) == ("2", 3)
    assert card.help.endswith("Each counts once, however many rows or files name it; the Data status below counts "
                              "rows.")


def test_overview_of_campaigns_alone_says_what_to_load_not_to_widen_filters(database, tmp_path):
    from microlens import ingest

    ingest.ingest_path(database, write_csv(tmp_path, "campaigns.csv", "campaign,influencer,fee\nSpring,ana,150\n"))
    at = app_on(database, "pages/overview.py")
    assert not at.exception and not at.warning
    assert any(i.value.startswith("The loaded files hold no influencer posts or influencer list") for i in at.info)


def test_overview_leaves_viral_accounts_out_as_cost_vs_celebrity_does():
    from microlens import area_cost
    from microlens import db as mdb
    from microlens import ingest
    from microlens.context import Context

    # A crawl of viral TikTok posts beside lists of 3,000 big accounts. Overview counted every post: its micro band
    # paid $0.0013 per engagement where Cost vs celebrity said $0.016 without the viral accounts, and its median ER
    # read 8.4% beside the Influencers page's 3.5%
    database = mdb.new_database()
    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    for path in sorted((REALDATA / "social-media-influencers-2022").glob("*.csv")):
        ingest.ingest_path(database, path)
    at = app_on(database, "pages/overview.py")
    assert not at.exception
    params = {**at.session_state["filters"].params(), "viral_er": metrics.VIRAL_ER}
    every = mdb.run(database, "cpe_by_band", {**params, "leave_out_viral": False}).set_index("band")
    viral = every.index[every["median_er"] > 1].tolist()
    assert viral and "celebrity" not in viral
    box = next(c for c in at.checkbox if c.label.startswith("Leave out"))
    assert box.value is True
    count = int(mdb.run(database, "overview_kpis", {**params, "leave_out_viral": False}).iloc[0]["viral_accounts"])
    assert box.label.startswith(f"Leave out {count:,} viral accounts")
    # ticked: the band CPEs are Cost vs celebrity's, and no caption calls a band viral
    cost = area_cost.summary(Context(db=database, filters=at.session_state["filters"]))
    band_cpe = mdb.run(database, "cpe_by_band", {**params, "leave_out_viral": True}).set_index("band")
    assert band_cpe["cpe"].dropna().to_dict() == pytest.approx(cost.bands.set_index("band")["cpe"].dropna().to_dict())
    # the accounts each band's CPE counts (written under its bar) are the page's accounts with a CPE in that band
    priced = cost.influencers.dropna(subset=["cost"]).groupby("band").size()   # (a cost over 0 engagements too)
    assert band_cpe["priced_influencers"][band_cpe["cpe"].notna()].to_dict() == priced.to_dict() and priced.sum() > 100
    assert band_cpe.loc["micro", "cpe"] != pytest.approx(every.loc["micro", "cpe"])
    assert not any("the middle post earns more engagements" in c.value for c in at.caption)
    # unticked: every post counts, and the bands whose middle post went viral are named, with the way back
    box.uncheck().run()
    assert not at.exception
    note = next(shown(c.value) for c in at.caption if "the middle post earns more engagements" in c.value)
    assert note.endswith("Tick 'Leave out viral accounts' above to set them aside, as Cost vs celebrity does.")
    assert all(f"{band}: {theme.percent(er, 0)}" in note for band, er in every["median_er"].items() if band in viral)
    database.close()


def test_overview_says_what_it_leaves_out_as_viral_where_no_checkbox_does(tmp_path):
    from microlens import db as mdb
    from microlens import ingest

    # two accounts whose posts earned four times their followers: left out, nothing remains
    database = mdb.new_database()
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "influencer,platform,followers,posted_at,likes,cost\n"
                                                                 "ana,tiktok,2000,2024-01-05,9000,100\n"
                                                                 "bo,tiktok,3000,2024-01-06,8000,120\n"))
    at = app_on(database, "pages/overview.py")
    assert not at.exception
    assert any(i.value.startswith("Every account in the current filters (2) went viral") for i in at.info)
    assert not any("No posts or influencers" in w.value for w in [*at.info, *at.warning])
    # in presenter mode no checkbox says it: a caption does, and none asks to tick a box that is not there
    at = app_on(database, "pages/overview.py", query={"present": "1"})
    assert not at.exception and not at.checkbox
    assert any(c.value.startswith("2 viral accounts (median ER over 100%) left out") for c in at.caption)
    database.close()


def test_overview_says_a_date_range_keeps_every_list_row(tmp_path):
    import datetime as dt

    from microlens import db as mdb
    from microlens import ingest

    database = mdb.new_database()
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "influencer,platform,followers,posted_at,likes\n"
                                                                 "ana,instagram,20000,2026-01-05,900\n"
                                                                 "ana,instagram,20000,2026-03-05,800\n"))
    ingest.ingest_path(database, write_csv(tmp_path, "list.csv", "influencer,platform,followers,avg_likes\n"
                                                                "bo,tiktok,50000,2000\n"), kind="influencers")
    at = app_on(database, "pages/overview.py")
    lists = "1 influencer comes from influencer lists without posts"
    kept = "A list has no dates, so the date range keeps them all."
    note = next(c.value for c in at.caption if lists in c.value)
    assert kept not in note
    # narrowed to February on: ana's March post and bo's list row remain (the list row has no date to narrow by);
    at = app_on(database, "pages/overview.py",
                state={"f_dates_2026-01-05_2026-03-05": (dt.date(2026, 2, 1), dt.date(2026, 3, 5))})
    assert not at.exception
    assert next(m for m in at.metric if m.label == "Posts").value == "1"
    assert next(m for m in at.metric if m.label == "Influencers").value == "2"
    assert next(c.value for c in at.caption if lists in c.value).endswith(kept)
    database.close()


def test_overview_says_influencers_without_posts_count_as_one_average_post(tmp_path):
    # an influencer list: averages per post, no posts file
    at = overview_of(tmp_path, "influencers.csv",
                     "influencer,platform,followers,price_per_post,avg_likes,avg_comments\n"
                     "ana,instagram,20000,150,900,40\nbo,tiktok,50000,300,2000,100\n")
    posts = next(m for m in at.metric if m.label == "Posts")
    assert posts.value == "0" and "not counted here" in posts.help
    assert any("2 influencers come from influencer lists without posts: each counts as one average post in "
               "engagement rate (the list's average engagements, else its followers × its engagement rate, else its "
               "average likes, comments and shares)" in shown(c.value) for c in at.caption)
    # nothing was paid; the two listed prices, one average post each, are estimated cost: 150 + 300 = $450, said
    # to be listed prices (the Prices page counts them as known prices)
    assert next(m for m in at.metric if m.label == "Spend").value == "–"
    assert any("Cost per engagement also counts $450 at the influencers' own **listed prices** per post (not paid, "
               "so estimated costs), only for accounts" in shown(c.value) for c in at.caption)
    assert next(m.label for m in at.metric if m.label.startswith("CPE, all bands")) == (
        "CPE, all bands (all listed prices)")
    # a rate-card estimate beside them is an estimate: said so, with the rule
    at = overview_of(tmp_path, "influencers.csv",
                     "influencer,platform,followers,price_per_post,avg_likes,avg_comments\n"
                     "ana,instagram,20000,150,900,40\nbo,tiktok,50000,,2000,100\n")
    assert next(m.label for m in at.metric if m.label.startswith("CPE, all bands")) == (
        "CPE, all bands (all estimated)")
    assert any("Cost per engagement also counts $650 of **estimated** cost" in shown(c.value) and
               "Estimated from the influencer's listed price per post, else followers ÷ 1,000 × the rate card"
               in shown(c.value) for c in at.caption)


def test_overview_without_any_cost_draws_no_empty_chart(tmp_path):
    # two celebrities and no price: nothing to put on the cost-per-engagement chart
    at = overview_of(tmp_path, "influencers.csv", "influencer,platform,followers,avg_likes\n"
                                                  "star,instagram,5000000,90000\nidol,tiktok,2000000,40000\n")
    assert not at.get("plotly_chart")
    # why, beside 'Estimate unknown costs' switched on: the rate card stops at a million followers; not how many,
    # which the card beside it counts by the Overview's own viral rule (982 there, "None of the 983" here)
    assert [shown(i.value) for i in at.info if "has a cost" in i.value] == [
        "No influencer in the current filter has a cost: no post fee, campaign contract or listed price, "
        "and the rate card does not price accounts of a million followers or more (all of them). Load a campaigns "
        "file with fees, or an influencer list with prices per post, on the Data page."]
    assert next(m for m in at.metric if m.label == "CPE, all bands").value == "–"


def test_the_mapping_shows_headers_with_stray_spaces_and_line_breaks():
    # This export's headers are " Name" and "Engagement average\r\n": the grid showed their cells blank, so the
    # columns looked unmapped although they were used. The choices read "Name" and "Engagement average".
    from microlens.text import header_labels

    at = app()
    at.switch_page("pages/data.py").run()
    name = "social media influencers - instagram sep-2022.csv"
    data = (REALDATA / "social-media-influencers-2022" / name).read_bytes()
    upload_box(at).upload(name, data, "text/csv").run()
    assert not at.exception
    editor = next(t for t in at.dataframe if "source header" in t.value.columns)
    shown = editor.value.set_index("column")["source header"]
    assert (shown["name"], shown["avg_engagements"]) == ("Name", "Engagement average")
    # 67 rows repeat an account: the file's panel opens on that note, so 1,050 loaded is not read as 1,050 accounts
    panel = next(e for e in at.expander if "1,050 loaded" in e.label)
    assert panel.proto.expanded and any("67 rows repeat an account" in c.value for c in panel.caption)
    labels = header_labels([" Name", "Engagement average\r\n", "Name", ""])
    assert labels == {"Name": " Name", "Engagement average": "Engagement average\r\n", "Name (2)": "Name",
                      "(blank header)": ""}


def test_show_sql_stays_out_of_presenter_mode():
    # Presenter mode hides the controls; the pages' "Show SQL" expanders stayed on screen in front of the client.
    script = (f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nimport streamlit as st\nfrom pages import ui\n"
              "st.session_state['present'] = st.session_state.get('presenting_now', False)\n"
              "ui.show_sql('overview_kpis')\n")
    at = AppTest.from_string(script, default_timeout=60)
    at.run()
    assert [e.label for e in at.expander] == ["Show SQL"], at.exception
    at.session_state["presenting_now"] = True
    at.run()
    assert not at.expander and not at.exception


def test_show_sql_shows_bound_values_only_for_a_query_that_has_parameters():
    # the Data page's queries take none, and each stood over a bare "{}" that meant nothing to an analyst
    from microlens import db as mdb
    script = (f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nimport streamlit as st\nfrom pages import ui\n"
              "ui.show_sql('loaded_files', 'influencer_table')\n")
    at = AppTest.from_string(script, default_timeout=60)
    at.run()
    assert not at.exception and not mdb.bind("loaded_files", {}) and mdb.bind("influencer_table", Filters().params())
    shown = at.expander[0].get("json")
    assert len(shown) == 1 and "rate_per_1k" in shown[0].value, [j.value for j in shown]


def test_data_page_says_when_lists_share_accounts():
    # top_insta and the 2022 Instagram list name many of the same accounts: merged, and now said so
    lists = {REALDATA / "top_insta_influencers_data.csv": "channel_info",
             REALDATA / "social-media-influencers-2022" / "social media influencers - instagram sep-2022.csv":
             "Instagram name"}
    # the accounts both name, worked out apart: each list's handles, trimmed and in lower case
    handles = [set(pd.read_csv(path, dtype=str, encoding="utf-8-sig")[column].str.strip().str.lower())
               for path, column in lists.items()]
    both = sorted(handles[0] & handles[1])
    at = app()
    at.switch_page("pages/data.py").run()
    for path in lists:
        upload_box(at).upload(path.name, path.read_bytes(), "text/csv").run()
    assert not at.exception
    said = [shown(c.value) for c in at.caption if "more than one influencer file" in c.value]
    assert len(both) > 100 and len(said) == 1
    assert said[0].startswith(f"{len(both)} accounts (such as @{both[0]}) are listed in more than one")


def test_overview_says_when_the_middle_account_is_near_viral(tmp_path):
    # ER 60% and 70% (under the viral line of 100%): the card read as a normal engagement rate
    at = overview_of(tmp_path, "posts.csv", "influencer,platform,followers,posted_at,likes\n"
                                            "ana,tiktok,10000,2026-01-05,6000\nbo,tiktok,20000,2026-01-06,14000\n")
    card = next(m for m in at.metric if m.label == "Median influencer ER")
    assert card.value == "65.0%"
    assert any(c.value.startswith(r":material/info: The middle account's posts earn 65\.0% of its followers")
               for c in at.caption)


def test_a_band_left_out_as_viral_stays_on_the_overview_axis_and_says_so():
    import pandas as pd

    from microlens.charts_cost import build_band_cpe_bar, with_bands_left_out

    # a crawl: under 1K kept unpriced accounts ("no cost"), nano's every account was viral and it vanished
    everything = pd.DataFrame({"band": ["under 1K", "nano", "micro", "mid"], "band_order": [1, 2, 3, 4],
                               "cpe": [0.00004, 0.0002, 0.01, 0.02], "estimated_share": 1.0, "median_er": 0.5})
    kept = pd.DataFrame({"band": ["under 1K", "micro", "mid"], "band_order": [1, 3, 4], "cpe": [None, 0.0001, 0.02],
                         "estimated_share": [None, 1.0, 1.0], "median_er": [0.5, 0.5, 0.5]})
    bands = with_bands_left_out(kept, everything)
    assert list(bands["band"]) == ["under 1K", "nano", "micro", "mid"]
    assert list(bands["viral_only"]) == [True, True, False, False]
    fig = build_band_cpe_bar(bands)
    assert [(a.x, a.text) for a in fig.layout.annotations] == [("under 1K", "left out: viral"),
                                                               ("nano", "left out: viral")]
    unpriced = with_bands_left_out(kept, everything.assign(cpe=[None, 0.0002, 0.01, 0.02]))
    assert list(unpriced["viral_only"]) == [False, True, False, False]      # never priced: "no cost", as before



def test_the_sidebar_asks_the_data_what_it_offers_once_per_upload():
    # filter_options ran on every rerun of every page (0.13-0.2 s at 1M posts): its answer changes only with the data
    def page():
        import streamlit as st

        from microlens import db as mdb
        from pages import ui

        asked = []
        ask = mdb.run
        mdb.run = lambda db, name, *args, **kwargs: asked.append(name) or ask(db, name, *args, **kwargs)
        try:
            first, second = ui.data_query("filter_options"), ui.data_query("filter_options")
            ui.database().version += 1000      # an upload: the data's new version asks again
            ui.data_query("filter_options")
        finally:
            mdb.run = ask
        st.markdown(f"{asked.count('filter_options')} {first.equals(second)}")

    at = AppTest.from_function(page).run()
    assert not at.exception and [m.value for m in at.markdown] == ["2 True"]
    assert "mdb.run(" not in (ROOT / "dashboard.py").read_text()     # the sidebar asks through the cache


def test_cost_page_of_celebrities_without_a_cost_still_shows_the_celebrity_side():
    # a list of top accounts alone: the page showed one sentence and nothing else
    from microlens import db as mdb
    from microlens import ingest

    database = mdb.new_database()
    ingest.ingest_path(database, REALDATA / "top_insta_influencers_data.csv")
    at = app_on(database, "pages/cost_vs_celebrity.py")
    assert not at.exception
    assert any(i.value.startswith("None of the 200 influencers in the current filter has a cost") for i in at.info)
    assert [(m.label, m.value) for m in at.metric] == [("Celebrity benchmark CPE", "$0.24–$6.06")]
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    title = json.loads(charts[0].proto.spec)["layout"]["title"]["text"]
    assert title.startswith("No influencer here has a cost to set against the celebrity benchmark")
    assert any(e.label == "Show SQL" for e in at.expander)
    database.close()
