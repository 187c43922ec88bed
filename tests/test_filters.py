"""The global filters read back from a shared link: what the link may carry, and what it must not."""
from __future__ import annotations

import json
from urllib.parse import parse_qsl

import pytest

from microlens import bands
from microlens import db as mdb
from microlens import ingest
from microlens.filters import from_query
from tests.conftest import app_on, write_csv

DEFAULT_NAMES = [b.name for b in bands.scheme()]


@pytest.mark.parametrize("name", ["micro", "under 1K", "10K+", "tier 2.5", "mid-tier", "Micro–Mid", "Ünder"])
def test_band_names_a_user_would_write_are_kept(name):
    names = ["a", name, "c"]
    assert [b.name for b in from_query({"edges": "1000,50000", "names": ",".join(names)}).band_scheme] == names


@pytest.mark.parametrize("hostile", ['<a href="https://evil.example">x</a>', "**bold**", "![t](https://e.x/t.png)",
                                     "a_b", "$x$", "", " micro", "x" * 25, "line<br>break"])
def test_band_names_from_a_link_that_are_not_plain_words_fall_back_to_the_defaults(hostile):
    f = from_query({"edges": "500,5000,50000,500000", "names": ",".join(["a", "b", hostile, "d", "e"])})
    assert [b.name for b in f.band_scheme] == DEFAULT_NAMES
    assert [b.lower for b in f.band_scheme] == [0, 500, 5000, 50000, 500000]      # the link's edges are kept
    with pytest.raises(ValueError):
        bands.from_edges([10, 20], ["a", hostile, "c"])


def test_hostile_band_names_with_edges_the_default_names_do_not_fit_open_the_default_view():
    assert from_query({"edges": "1000", "names": "<b>x</b>,y"}).band_scheme == bands.scheme()


def test_repeated_band_names_are_refused():
    with pytest.raises(ValueError):
        bands.from_edges([1000], ["micro", "micro"])


def test_the_share_link_keeps_a_campaign_with_an_ampersand_and_a_hash(tmp_path):
    database = mdb.new_database()
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv",
                                           "influencer,platform,followers,likes,comments,cost,campaign\n"
                                           "ana,instagram,20000,900,40,100,Spring & Summer #1\n"
                                           "bo,instagram,30000,800,30,150,a=b?c\n"))
    chosen = ["Spring & Summer #1", "a=b?c"]
    at = app_on(database, "pages/present.py", state={"f_campaigns": chosen, "f_bands": ["micro"]})
    assert not at.exception
    link = next(c.value for c in at.code if c.value.startswith("?"))
    opened = from_query(dict(parse_qsl(link[1:])))
    assert (list(opened.campaigns), opened.bands) == (chosen, ("micro",))
