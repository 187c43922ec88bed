"""Every queries/*.sql: one statement, a header comment naming its parameters, runs on the sample data (or, for the
roster file's queries, on a roster file)."""
from __future__ import annotations

import re
from datetime import datetime

import duckdb
import pytest

from microlens import db as mdb
from microlens.filters import Filters
from microlens.roster import STAGES, Roster

EXTRA_PARAMS = {  # values for query-specific parameters (beyond the global filters)
    "pattern": r"(where|link|price)", "pre_days": 60, "takeover_from": None, "takeover_to": None,
    "influencers": ["glowwithnaomi"], "campaign": None,
    "entry_ids": [1], "handles": ["glowwithnaomi"], "entry_platforms": ["tiktok"],
    "denominator": "followers", "count_comments": True, "count_shares": False,
    "leave_out_viral": True, "viral_er": 1.0, "celebrity_min": 1_000_000,
    "min_relative": 0.2, "min_absolute": 5_000, "max_gap_days": 31, "file": None,
}
ROSTER_PARAMS = {  # values for the roster file's queries: entry 1 is bea, whom the test adds; ana is new
    "id": 1, "now": datetime(2026, 5, 1, 12), "influencer": "@Ana", "platform": "Instagram",
    "influencer_key": "ana", "platform_key": "instagram", "stage": "contacted", "text": "sent the brief",
    "tags": ["vegan"], "stages": list(STAGES), "stage_order": list(STAGES),
    "from": 1, "into": 1, "version": 2, "updated_at": datetime(2026, 5, 1, 12),
}


def on_roster_file(name: str) -> bool:
    """The roster file's queries say so in their header; every other query runs in a session database."""
    return re.search(r"^--\s*database:\s*the roster file", mdb.query_text(name), re.M) is not None


SESSION_QUERIES = [name for name in mdb.query_names() if not on_roster_file(name)]
ROSTER_FILE_QUERIES = [name for name in mdb.query_names() if on_roster_file(name)]


@pytest.mark.parametrize("name", mdb.query_names())
def test_header_documents_purpose_params_returns(name):
    text = mdb.query_text(name)
    header = "\n".join(line for line in text.splitlines() if line.startswith("--"))
    assert re.search(r"--\s*purpose:", header), f"{name}: header needs '-- purpose:'"
    assert re.search(r"--\s*returns:", header), f"{name}: header needs '-- returns:'"
    for param in mdb.query_params(name):
        assert f"${param}" in header, f"{name}: parameter ${param} is not documented in the header"


@pytest.mark.parametrize("name", mdb.query_names())
def test_one_statement(name):
    # DuckDB's own parser counts them (a '; ' inside a text is no second statement)
    assert len(duckdb.extract_statements(mdb.query_text(name))) == 1, f"{name}: one statement per file"


@pytest.mark.parametrize("name", SESSION_QUERIES)
def test_runs_on_sample_data(sample_db, name):
    params = {**Filters().params(), **EXTRA_PARAMS}
    missing = [p for p in mdb.query_params(name) if p not in params]
    if missing:
        pytest.fail(f"{name}: add test values for {missing} to EXTRA_PARAMS")
    frame = mdb.run(sample_db, name, params)
    assert frame is not None and len(frame.columns) > 0


@pytest.mark.parametrize("name", ROSTER_FILE_QUERIES)
def test_runs_on_a_roster_file(tmp_path, name):
    path = tmp_path / "roster.duckdb"
    Roster(path).add("bea", "instagram", note="first call", tags=["paris"])
    missing = [p for p in mdb.query_params(name) if p not in ROSTER_PARAMS]
    if missing:
        pytest.fail(f"{name}: add test values for {missing} to ROSTER_PARAMS")
    with duckdb.connect(str(path)) as con:
        frame = mdb.execute(con, name, ROSTER_PARAMS).df()
    assert len(frame.columns) > 0


def test_unknown_query_name_is_refused():
    with pytest.raises(ValueError):
        mdb.query_text("../etc/passwd")


def test_missing_parameter_is_named():
    with pytest.raises(KeyError, match="band_names"):
        mdb.bind("influencer_table", {})


def test_influencer_posts_carry_each_posts_own_url_and_caption(sample_db):
    # post_facts leaves the long texts in `posts`; the query joins them back by (file, row). Checked against
    # the sample file read independently with pandas.
    import pandas as pd

    from conftest import ROOT

    handle = "avawears"
    got = mdb.run(sample_db, "influencer_posts", {**Filters().params(), "influencers": [handle]})
    raw = pd.read_csv(ROOT / "sample_data" / "posts.csv", dtype=str)
    raw = raw[raw.iloc[:, 0].str.strip().str.lstrip("@").str.lower() == handle]
    assert len(got) == len(raw) > 0
    assert sorted(zip(got["url"], got["caption"])) == sorted(zip(raw["url"], raw["caption"]))


def test_filter_options_span_posts_contracts_and_orders(database, tmp_path):
    """The sidebar's choices: platforms and prices from the posts; campaigns and the date span from posts,
    contracts and conversions, so a campaign without tagged posts and orders after the last post can be reached."""
    from microlens import ingest
    from tests.conftest import write_csv

    files = {
        "posts": "influencer,platform,followers,posted_at,likes,campaign,cost\n"
                 "ana,instagram,20000,2026-03-05,900,Spring,100\nbo,tiktok,50000,2026-03-20,1200,,\n",
        "campaigns": "campaign,influencer,fee,coupon_code,start_date,end_date\n"
                     "spring,ana,100,ANA10,2026-03-01,2026-03-31\nWinter,bo,300,BO5,2026-02-10,2026-02-28\n",
        "conversions": "coupon_code,date,orders,revenue\nANA10,2026-04-06,2,80\n",
    }
    for kind, text in files.items():
        ingest.ingest_path(database, write_csv(tmp_path, f"{kind}.csv", text), kind=kind)
    row = mdb.run(database, "filter_options").iloc[0]
    assert list(row["platforms"]) == ["instagram", "tiktok"]
    # Winter: a contract, no post; the posts' 'Spring' and the sheet's 'spring' are one choice
    assert list(row["campaigns"]) == ["Spring", "Winter"]
    # first: Winter's start (10 Feb) before the first post; last: the order on 6 Apr after the last post
    assert (row["first_date"].date().isoformat(), row["last_date"].date().isoformat()) == ("2026-02-10",
                                                                                          "2026-04-06")


def test_filter_options_on_an_empty_session(database):
    row = mdb.run(database, "filter_options").iloc[0]
    assert list(row["platforms"]) == [] and list(row["campaigns"]) == [] and str(row["first_date"]) == "NaT"


def test_contracts_named_by_posts_follows_the_contracts_platform(tmp_path):
    # a TikTok contract named by an Instagram post pays for no post: counted as named, Overview said again that no
    # contract was loaded
    from microlens import db as mdb
    from tests.conftest import database_of

    database = database_of(tmp_path, {
        "posts.csv": "influencer,platform,followers,likes,campaign\nana,instagram,20000,900,Glow\n",
        "contracts.csv": "campaign,influencer,platform,fee\nGlow,ana,tiktok,300\nGlow,ana,,100\n"
                         "Spring,bo,instagram,50\n"})
    row = mdb.run(database, "contracts_named_by_posts").iloc[0]
    # three contracts with a cost ($450); only Glow without a platform pays for ana's Instagram post
    assert (int(row["contracts"]), float(row["contract_cost"]), int(row["named"])) == (3, 450.0, 1)
