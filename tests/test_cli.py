"""The command line, run as a user runs it: a subprocess per call."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from tests.conftest import REALDATA, ROOT, sample_paid_accounts, sample_paid_posts


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "microlens", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=180)


def test_check_json_real_file():
    out = cli("check", str(REALDATA / "tiktok_vn_posts_recrawled.csv"), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip())
    assert set(report) == {"file", "kind", "rows_read", "rows_loaded", "rows_rejected", "reject_reasons",
                           "mapping", "error"}
    assert report["kind"] == "posts" and report["rows_read"] == 2409
    assert report["rows_loaded"] + report["rows_rejected"] == report["rows_read"]
    assert report["mapping"]["likes"] == "vid_nlike" and report["error"] is None


def test_a_workbook_after_a_text_file_loads_in_one_run(tmp_path):
    # the workbook's frame could not be registered while the CSV's last result was unread: a traceback
    import pandas as pd

    (tmp_path / "rates.csv").write_text("Handle,Platform,Followers,Price\nana,Instagram,45200,$350\n")
    pd.DataFrame({"Handle": ["bo"], "Followers": [23_400], "ER %": [0.087]}).to_excel(tmp_path / "list.xlsx",
                                                                                    index=False)
    for command in ("check", "influencers"):
        out = cli(command, *(["--data"] if command == "influencers" else []), str(tmp_path / "rates.csv"),
                  str(tmp_path / "list.xlsx"), "--json")
        assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
        assert len([json.loads(line) for line in out.stdout.splitlines()]) == 2    # two files; two accounts


def test_check_unreadable_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    out = cli("check", str(bad))
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_check_of_a_folder_or_a_missing_file_exits_2_naming_the_problem(tmp_path):
    out = cli("check", str(tmp_path), str(tmp_path / "missing.csv"))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines() == [
        f"{tmp_path.name}: error: This is a folder, not a file: name one of the files inside it.",
        "missing.csv: error: There is no file at this path; check its name and folder."]


def test_check_with_rejects_still_exits_0(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("influencer,followers,likes\nanna,1000,5\nbob,many,5\n")
    out = cli("check", str(path), "--kind", "posts", "--json")
    assert out.returncode == 0
    report = json.loads(out.stdout)
    assert (report["rows_loaded"], report["rows_rejected"]) == (1, 1)
    assert report["reject_reasons"] == {"Followers at post time ('followers') is not a number": 1}


def test_check_prints_what_the_data_page_says_beside_the_file(tmp_path):
    # a workbook's other data sheets are not read: the command line said "1 loaded" and nothing else
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Instagram"
    for row in (["Influencer", "Likes"], ["maya", 10]):
        book.active.append(row)
    other = book.create_sheet("TikTok")
    for row in (["Influencer", "Likes"], ["ana", 5], ["bo", 6]):
        other.append(row)
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    out = cli("check", str(path))
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "tracker.xlsx: posts: 1 loaded, 0 rejected of 1 rows read"
    assert any(line.startswith("  note: The workbook has data on other sheets too (TikTok)") for line in lines[1:])


def test_influencers_of_a_studio_export_under_the_account_given(tmp_path):
    from tests.test_exports_in_the_wild import YOUTUBE_STUDIO

    path = tmp_path / "Table data.csv"
    path.write_text(YOUTUBE_STUDIO, encoding="utf-8")
    out = cli("influencers", "--data", str(path), "--account", "@DewyDiego", "--platform", "youtube", "--json")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    # the two videos, not the 'Total' row above them
    assert [(r["influencer"], r["platform"], r["posts"]) for r in rows] == [("dewydiego", "youtube", 2)]
    assert cli("influencers", "--data", str(path), "--platform", "tiktokk").returncode == 2


def test_one_handles_twitch_and_linkedin_accounts_stay_two_accounts(tmp_path):
    # both were 'other': one account of 70,000 followers whose CPE mixed a stream's fee with a LinkedIn post's
    path = tmp_path / "posts.csv"
    path.write_text("influencer,platform,followers,likes,comments,cost\nglow,Twitch,20000,400,20,100\n"
                    "glow,Twitch,20000,600,30,100\nglow,LinkedIn,50000,100,10,200\nbo,Pinterest,15000,90,10,50\n",
                    encoding="utf-8")
    out = cli("influencers", "--data", str(path), "--json")
    assert out.returncode == 0, out.stderr
    rows = sorted((r["influencer"], r["platform"], r["followers"], r["posts"], r["engagements"], r["cpe"])
                  for r in map(json.loads, out.stdout.splitlines()))
    assert rows == [("bo", "pinterest", 15000, 1, 100, 0.5), ("glow", "linkedin", 50000, 1, 110, 200 / 110),
                    ("glow", "twitch", 20000, 2, 1050, 200 / 1050)]
    # the platform of a file's rows without one may be any of them
    out = cli("influencers", "--data", str(tmp_path / "posts.csv"), "--platform", "snapchat", "--json")
    assert out.returncode == 0, out.stderr


def test_influencers_json_matches_the_sample_posts():
    out = cli("influencers", "--data", *[str(p) for p in sorted((ROOT / "sample_data").glob("*.csv"))], "--json")
    assert out.returncode == 0, out.stderr
    rows = pd.DataFrame([json.loads(line) for line in out.stdout.splitlines()])
    assert list(rows.columns) == ["influencer", "platform", "band", "followers", "posts", "engagements",
                                  "median_er", "cost", "cpe", "cost_estimated"]
    # Posts and engagements counted independently from the posts file (a missing part counts as 0).
    posts = pd.read_csv(ROOT / "sample_data" / "posts.csv")
    posts["engagements"] = posts[["likes", "comments", "shares", "saves"]].fillna(0).sum(axis=1)
    expected = posts.groupby(["influencer", "platform"]).agg(posts=("likes", "size"), engagements=("engagements", "sum"))
    got = rows.set_index(["influencer", "platform"]).sort_index()
    assert got.index.is_unique and len(got) == len(expected)
    assert (got["posts"] == expected["posts"]).all() and (got["engagements"] == expected["engagements"]).all()
    # Accounts never paid are priced at their listed price as an estimate, and marked; paid ones are costed on what
    # was paid.
    assert (got["cost_estimated"] == [key not in sample_paid_accounts() for key in got.index]).all()
    # CPE: cost ÷ the engagements of the costed posts, i.e. all of an estimated account's posts and only the paid
    # posts of a paid one.
    paid = sample_paid_posts()
    paid_engagements = (paid[["likes", "comments", "shares", "saves"]].fillna(0).sum(axis=1)
                        .groupby([paid["influencer"], paid["platform"]]).sum())
    costed = got["engagements"].where(got["cost_estimated"], paid_engagements.reindex(got.index))
    assert ((got["cpe"] - got["cost"] / costed).abs() < 1e-12).all()
    # and the cost itself, worked out apart with pandas from the three files (tests/test_crosscheck_costs.py)
    from tests.test_crosscheck_costs import SAMPLE, costed_posts, expected_accounts, read_files

    expected_cost = expected_accounts(costed_posts(*read_files(SAMPLE))).set_index(["influencer", "platform"])["cost"]
    assert ((got["cost"] - expected_cost.reindex(got.index)).abs() <= 1e-9 * got["cost"]).all()


def test_report_offers_every_format_the_report_writes(tmp_path):
    from microlens import cli, report

    assert cli.REPORT_FORMATS == list(report.FORMATS)
    out = tmp_path / "report.xlsx"
    sample = sorted(str(p) for p in (ROOT / "sample_data").glob("*.csv"))
    done = subprocess.run([sys.executable, "-m", "microlens", "report", "--data", *sample, "--out", str(out),
                           "--format", "xlsx"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:2] == b"PK"          # a workbook is a zip file


def test_a_report_of_the_bundled_sample_says_its_figures_are_invented(tmp_path):
    # the app's exports of the sample said so on every page; the command line's said nothing
    from microlens import export, ingest

    copied = tmp_path / "my_posts.csv"       # a copy of a sample file, renamed, is the sample still
    copied.write_bytes((ROOT / "sample_data" / "posts.csv").read_bytes())
    own = tmp_path / "own" / "posts.csv"
    own.parent.mkdir()
    own.write_text("influencer,platform,followers,likes\nmine,instagram,20000,400\n", encoding="utf-8")
    assert ingest.is_bundled_sample(copied) and not ingest.is_bundled_sample(own)
    for data, marked in ((copied, True), (own, False)):
        out = tmp_path / f"{marked}.json"
        done = cli("report", "--data", str(data), "--out", str(out))
        assert done.returncode == 0, done.stderr
        sections = json.loads(out.read_text(encoding="utf-8"))
        assert sections and all((s.get("mark") == export.SAMPLE_MARK) == marked for s in sections)


def test_a_files_control_characters_never_reach_the_terminal(tmp_path):
    # a handle '\x1b[31mRED…' recoloured the terminal, '\x1b]0;pwn\x07' retitled its window
    path = tmp_path / "posts.csv"
    path.write_text("influencer,followers,likes\n\x1b[31mRED\x1b[0m\x1b]0;pwn\x07,12000,5\n", encoding="utf-8")
    for args in (("influencers", "--data", str(path)), ("check", str(path))):
        out = cli(*args)
        assert out.returncode == 0 and "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout
    assert "?[31mred?[0m?]0;pwn?" in cli("influencers", "--data", str(path)).stdout
    # --json keeps the text as it is, escaped
    assert json.loads(cli("influencers", "--data", str(path), "--json").stdout)["influencer"].startswith("\x1b[31m")


def test_a_file_missing_a_needed_column_says_where_a_column_is_mapped(tmp_path):
    # "pick the column in the mapping" named an option the command line does not have
    path = tmp_path / "nousable.csv"
    path.write_text("foo,bar,baz\n1,2,3\n4,5,6\n", encoding="utf-8")
    out = cli("check", str(path), "--json")
    assert out.returncode == 2
    error = json.loads(out.stdout)["error"]
    # (two columns missing: one of its columns to each, not "to it")
    assert error.startswith("This file has no column for Influencer handle and Followers")
    assert "map one of its columns to each (the Data page's column mapping), or choose another kind" in error


def test_a_copy_among_the_data_files_counts_once_and_is_named(tmp_path):
    # 'posts (1).csv', a browser's second download, doubled the posts of an export without post ids
    first = tmp_path / "posts.csv"
    first.write_text("influencer,platform,followers,likes\nana,instagram,20000,900\nana,instagram,20000,500\n")
    copy = tmp_path / "posts (1).csv"
    copy.write_bytes(first.read_bytes())
    out = cli("influencers", "--data", str(first), str(copy), "--json")
    assert out.returncode == 0, out.stderr
    assert [(r["influencer"], r["posts"], r["engagements"]) for r in map(json.loads, out.stdout.splitlines())] == [
        ("ana", 2, 1400)]
    assert out.stderr.strip() == ("posts (1).csv: error: Same contents as posts.csv, which is loaded: not loaded "
                                  "again, so no row counts twice.")
    # check reads each file as given
    checked = cli("check", str(first), str(copy), "--json")
    assert checked.returncode == 0
    assert [json.loads(line)["rows_loaded"] for line in checked.stdout.splitlines()] == [2, 2]


def test_usd_rate_converts_the_amounts_of_every_file(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("influencer,platform,followers,likes,cost\nana,instagram,20000,900,€100\n", encoding="utf-8")
    out = cli("influencers", "--data", str(path), "--usd-rate", "1.2", "--json")
    assert out.returncode == 0, out.stderr
    (row,) = map(json.loads, out.stdout.splitlines())
    assert (row["cost"], round(row["cpe"], 6)) == (120.0, round(120 / 900, 6))       # 100 € x 1.2; per like
    checked = cli("check", str(path), "--usd-rate", "0")
    assert checked.returncode == 2 and "The rate to US dollars must be above 0" in checked.stderr
