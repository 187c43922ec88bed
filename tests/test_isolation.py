"""Two sessions: what one uploads, the other never sees; hostile text is data, never SQL."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from microlens import db as mdb
from microlens import ingest
from microlens.filters import Filters
from tests.conftest import ROOT, upload_box


def test_databases_are_private(tmp_path):
    one, two = mdb.new_database(), mdb.new_database()
    path = tmp_path / "secret.csv"
    path.write_text("influencer,followers,likes,posted_at\nsecret_client,20000,100,2026-01-01\n")
    ingest.ingest_path(one, path)
    assert one.execute("SELECT count(*) FROM posts").fetchone()[0] == 1
    assert two.execute("SELECT count(*) FROM posts").fetchone()[0] == 0
    assert two.execute("SELECT count(*) FROM loads").fetchone()[0] == 0


def test_two_app_sessions_do_not_share_uploads():
    first = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    first.switch_page("pages/data.py").run()
    upload_box(first).upload("client.csv", b"influencer,followers,likes,posted_at\n"
                                                b"confidential_brand,50000,900,2026-02-01\n", "text/csv").run()
    assert not first.exception
    first_db = first.session_state["db"]
    assert first_db.execute("SELECT count(*) FROM posts WHERE influencer = 'confidential_brand'").fetchone()[0] == 1
    second = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90).run()
    second_db = second.session_state["db"]
    assert second_db is not first_db
    assert second_db.execute("SELECT count(*) FROM posts WHERE influencer = 'confidential_brand'").fetchone()[0] == 0


def test_hostile_values_are_bound_not_spliced(database, tmp_path):
    evil = "x'); DROP TABLE posts; --"
    path = tmp_path / "evil.csv"
    path.write_text(f'influencer,followers,likes,posted_at,campaign\n"{evil}",20000,10,2026-01-01,"{evil}"\n')
    ingest.ingest_path(database, path)
    frame = mdb.run(database, "influencer_table", Filters(campaigns=(evil,)).params())
    assert list(frame["influencer"]) == [evil.lower()]
    assert database.execute("SELECT count(*) FROM posts").fetchone()[0] == 1
