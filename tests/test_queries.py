"""Every queries/*.sql: one statement, a header comment naming its parameters, runs on the sample data."""
from __future__ import annotations

import re

import pytest

from microlens import db as mdb
from microlens.filters import Filters

EXTRA_PARAMS = {  # values for query-specific parameters (beyond the global filters)
    "pattern": r"(where|link|price)", "pre_days": 60, "takeover_from": None, "takeover_to": None,
    "influencers": ["glowwithnaomi"], "campaign": None,
    "entry_ids": [1], "handles": ["glowwithnaomi"], "entry_platforms": ["tiktok"],
    "denominator": "followers", "count_comments": True, "count_shares": False,
}


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
    body = "\n".join(line.split("--", 1)[0] for line in mdb.query_text(name).splitlines()).strip()
    assert body.rstrip(";").count(";") == 0, f"{name}: one statement per file"


@pytest.mark.parametrize("name", mdb.query_names())
def test_runs_on_sample_data(sample_db, name):
    params = {**Filters().params(), **EXTRA_PARAMS}
    missing = [p for p in mdb.query_params(name) if p not in params]
    if missing:
        pytest.fail(f"{name}: add test values for {missing} to EXTRA_PARAMS")
    frame = mdb.run(sample_db, name, params)
    assert frame is not None and len(frame.columns) > 0


def test_unknown_query_name_is_refused():
    with pytest.raises(ValueError):
        mdb.query_text("../etc/passwd")


def test_missing_parameter_is_named():
    with pytest.raises(KeyError, match="band_names"):
        mdb.bind("influencer_metrics", {})


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
