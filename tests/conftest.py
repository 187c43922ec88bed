"""Shared fixtures: a fresh session database, the real messy files beside the checkout, the sample data."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from microlens import db as mdb
from microlens import ingest

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT.parent / "shared" / "realdata"


def _skip_fails(report) -> None:
    """A skipped test fails: a suite that skips its browser or PDF tests for want of Chromium or poppler would pass
    without having checked them. MICROLENS_ALLOW_SKIPS=1 lets a machine without them run the rest."""
    if report.skipped and not hasattr(report, "wasxfail") and os.environ.get("MICROLENS_ALLOW_SKIPS") != "1":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, which fails unless MICROLENS_ALLOW_SKIPS=1: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _skip_fails(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    # a module skipped whole (pytest.importorskip, skip(allow_module_level=True)) is skipped at collection
    outcome = yield
    _skip_fails(outcome.get_result())


@pytest.fixture(autouse=True, scope="session")
def private_data_dir(tmp_path_factory):
    """No test writes the roster into the real home folder."""
    mp = pytest.MonkeyPatch()
    mp.setenv("MICROLENS_DATA_DIR", str(tmp_path_factory.mktemp("microlens-data")))
    yield
    mp.undo()


@pytest.fixture
def database():
    database = mdb.new_database()
    yield database
    database.close()


@pytest.fixture(scope="session")
def sample_db():
    database = mdb.new_database()
    ingest.load_sample_data(database)
    return database


def sample_paid_posts():
    """The sample posts with a known cost, worked out with pandas from the files: a post's own fee, or a post under a
    campaign with a contract of known fee or product cost for that influencer on that platform (every sample
    contract names its platform)."""
    import pandas as pd

    posts = pd.read_csv(ROOT / "sample_data" / "posts.csv")
    contracts = pd.read_csv(ROOT / "sample_data" / "campaigns.csv")
    priced = contracts[contracts["fee"].notna() | contracts["product_cost"].notna()]
    keys = set(zip(priced["campaign"], priced["influencer"], priced["platform"]))
    under_contract = [k in keys for k in zip(posts["campaign"], posts["influencer"], posts["platform"])]
    return posts[posts["cost"].notna() | pd.Series(under_contract, index=posts.index)]


def sample_paid_accounts() -> set[tuple[str, str]]:
    """(influencer, platform) of the sample accounts with a known cost on some post."""
    paid = sample_paid_posts()
    return set(zip(paid["influencer"], paid["platform"]))


def cost_rows(database, filters, leave_out_viral: bool = False):
    """queries/cost_by_influencer.sql under `filters`, keeping viral accounts in the bands' pooled CPE unless told."""
    from microlens import benchmarks, metrics

    return mdb.run(database, "cost_by_influencer",
                   {**filters.params(), "leave_out_viral": leave_out_viral, "viral_er": metrics.VIRAL_ER,
                    "celebrity_min": benchmarks.CELEBRITY_FOLLOWERS})


def band_of(followers: float | None, scheme) -> str | None:
    """The band of `followers` in `scheme`, worked out in Python to check the SQL's ml_band against."""
    if followers is None:
        return None
    return next((b.name for b in scheme if followers >= b.lower and (b.upper is None or followers < b.upper)), None)


def database_of(tmp_path: Path, files: dict[str, str]):
    """A new session database holding `files` (name -> text), loaded in order, then its derived tables built."""
    from microlens.facts import rebuild_facts

    database = mdb.new_database()
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        ingest.ingest_path(database, tmp_path / name, rebuild=False)
    rebuild_facts(database)
    return database


def write_csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def upload_box(at):
    """The Data page's upload box holding the files dropped in it before, as a browser's does: AppTest's upload()
    starts from an empty box, which the page reads as the earlier files taken out with their ✕ (their data goes)."""
    box = at.file_uploader[0]
    box._files = box._get_files_to_register()
    return box


def take_out_of_box(at, name: str):
    """The ✕ on the file called `name` in the Data page's upload box."""
    box = at.file_uploader[0]
    box._files = [f for f in box._get_files_to_register() if f[1] != name]
    return box.run()


def app_on(database, page: str, timeout: int = 90, state: dict | None = None, query: dict | None = None):
    """An AppTest of the whole app on `database` (None: the sample data), switched to `page` ('pages/x.py').
    `state` and `query` seed session state (a sidebar widget's value) and the link's parameters ('present': '1')
    before the first run: AppTest runs the entry script's sidebar only then.
    AppTest runs share one session id; the query cache is cleared so that each test starts from an empty cache, as a
    new session does (data versions are unique in a process, so no test could read another's rows)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
    if database is not None:
        at.session_state["db"] = database
    for key, value in (state or {}).items():
        at.session_state[key] = value
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    return at


def shown(markdown: str) -> str:
    """What a reader sees of a text escape_markdown made safe: without its backslashes, its ':' entities and the
    brackets around web addresses."""
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", markdown.replace("&#58;", ":"))
    return re.sub(r"\\(.)", r"\1", text)
