"""Ingest: every real messy file, every bad-input shape; loaded + rejected = rows read, always."""
from __future__ import annotations

import csv
import datetime as dt

import pandas as pd
import pytest

from microlens import ingest, ingest_read, kinds, schema
from tests.conftest import REALDATA, write_csv

SMI = REALDATA / "social-media-influencers-2022"


def data_rows(path) -> int:
    """Independent count of data records: Python's csv module, which handles quoted newlines."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


@pytest.mark.parametrize("path,kind,platform,mapped", [
    (REALDATA / "top_insta_influencers_data.csv", "influencers", "instagram",
     {"influencer": "channel_info", "followers": "followers", "engagement_rate": "60d_eng_rate"}),
    (SMI / "social media influencers - instagram sep-2022.csv", "influencers", "instagram",
     {"influencer": "Instagram name", "followers": "Subscribers", "audience_country": "Audience country"}),
    (SMI / "social media influencers - Tiktok sep 2022.csv", "influencers", "tiktok",
     {"influencer": "Tiktoker name", "followers": "Subscribers", "avg_views": "Views avg."}),
    (SMI / "social media influencers - Youtube sep-2022.csv", "influencers", "youtube",
     {"influencer": "Youtuber", "followers": " Subscribers", "avg_likes": "Avg. likes"}),
    (REALDATA / "tiktok_vn_posts_recrawled.csv", "posts", "tiktok",
     {"influencer": "user_name", "followers": "user_nfollower", "likes": "vid_nlike", "shares": "vid_nshare",
      "post_id": "vid_id", "posted_at": "vid_postTime"}),
])
def test_real_files_load_completely(database, path, kind, platform, mapped):
    report = ingest.ingest_path(database, path)
    assert report.error is None
    assert (report.kind, report.platform) == (kind, platform)
    assert {k: report.mapping[k] for k in mapped} == mapped
    assert report.rows_read == data_rows(path)
    assert report.rows_loaded + report.rows_rejected == report.rows_read


def test_top_insta_values(database):
    ingest.ingest_path(database, REALDATA / "top_insta_influencers_data.csv")
    row = database.execute("SELECT followers, avg_likes, engagement_rate, country FROM influencers "
                           "WHERE influencer = 'cristiano'").fetchone()
    assert row == (475_800_000, 8_700_000, pytest.approx(0.0139), "Spain")
    # literal 'NaN' country is missing, not the text "NaN"
    assert database.execute("SELECT country FROM influencers WHERE influencer = 'leomessi'").fetchone()[0] is None
    # the one 'NaN%' engagement rate is missing, and its row still loads
    assert database.execute("SELECT count(*) FROM influencers WHERE engagement_rate IS NULL").fetchone()[0] == 1


def test_an_account_listed_twice_is_counted_once_and_the_load_says_so(database):
    path = SMI / "social media influencers - instagram sep-2022.csv"
    report = ingest.ingest_path(database, path)
    raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    handles = raw["Instagram name"].str.strip().str.lstrip("@").str.lower()
    repeats = int(handles.duplicated().sum())       # pandas' own count of repeated handles (one platform)
    assert repeats > 0
    assert any(n.startswith(f"{repeats:,} rows repeat an account") for n in report.notes), report.notes
    assert database.execute("SELECT count(*) FROM influencer_profile").fetchone()[0] == len(raw) - repeats
    no_repeats = ingest.ingest_path(database, REALDATA / "top_insta_influencers_data.csv")
    assert not any("repeat an account" in n for n in no_repeats.notes)


def test_duplicate_headers_map_the_first(database):
    ingest.ingest_path(database, SMI / "social media influencers - Tiktok sep 2022.csv")
    row = database.execute("SELECT followers, avg_views, avg_likes FROM influencers "
                           "WHERE influencer = 'khaby.lame'").fetchone()
    assert row == (149_200_000, 17_300_000, 2_300_000)


def test_tiktok_posts_values(database):
    ingest.ingest_path(database, REALDATA / "tiktok_vn_posts_recrawled.csv")
    row = database.execute("SELECT followers, views, likes, shares, post_id FROM posts "
                           "WHERE post_id = '7506832682593094928'").fetchone()
    assert row == (305_400, 778_100, 30_000, 1161, "7506832682593094928")
    # 'Share' in the share-count column is the UI label where 0 belongs
    raw = pd.read_csv(REALDATA / "tiktok_vn_posts_recrawled.csv", dtype=str, encoding="utf-8-sig")
    labelled = int((raw["vid_nshare"].str.strip().str.lower() == "share").sum())
    assert labelled > 0
    assert database.execute("SELECT count(*) FROM posts WHERE shares = 0").fetchone()[0] >= labelled


def test_bad_values_are_rejected_with_reasons(database, tmp_path):
    path = write_csv(tmp_path, "posts.csv",
                     "influencer,followers,likes,comments,posted_at\n"
                     "anna,12k,100,5,2025-01-02\n"          # fine
                     ",15000,50,1,2025-01-03\n"             # no handle
                     "bob,lots,70,2,2025-01-04\n"           # followers garbage
                     "cara,20000,-5,1,2025-01-05\n"         # negative likes
                     "dan,30000,10,1,yesterday\n"           # unreadable date
                     "eve,N/A,10,1,2025-01-06\n")           # missing followers is allowed
    report = ingest.ingest_path(database, path)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6, 2, 4)
    # in words, with the file's own header where it differs from them
    assert report.reject_reasons == {f"Influencer handle ('influencer') is {ingest.MISSING_WORDS}": 1,
                                     "Likes is negative": 1,
                                     "Followers at post time ('followers') is not a number": 1,
                                     "Posted at ('posted_at') is not a date": 1}
    rejected = ingest.rejects_frame(database, "posts.csv")
    assert list(rejected["source_row"]) == [2, 3, 4, 5]
    assert rejected.loc[rejected["source_row"] == 3, "followers"].item() == "lots"   # the original cell


def test_reject_reasons_count_per_file_commonest_first_then_by_reason(database, tmp_path):
    from microlens import db as mdb

    # a.csv: rows 2 and 4 lack a handle, row 3 has 'lots' followers, row 5 a negative like count: 2, 1, 1
    write_csv(tmp_path, "a.csv", "influencer,followers,likes,posted_at\n,100,1,2025-01-01\nbo,lots,1,2025-01-02\n"
                                 ",100,1,2025-01-03\ncy,100,-5,2025-01-04\ndee,100,1,2025-01-05\n")
    # b.csv: one negative like count
    write_csv(tmp_path, "b.csv", "influencer,followers,likes,posted_at\nem,100,-7,2025-01-01\n")
    report = ingest.ingest_path(database, tmp_path / "a.csv")
    ingest.ingest_path(database, tmp_path / "b.csv")
    missing = f"Influencer handle ('influencer') is {ingest.MISSING_WORDS}"
    not_number = "Followers at post time ('followers') is not a number"
    # the tie of one row each is ordered by the reason's text: 'F' before 'L'
    assert list(report.reject_reasons.items()) == [(missing, 2), (not_number, 1), ("Likes is negative", 1)]
    every = mdb.run(database, "reject_reasons", {"file": None})
    assert list(every.itertuples(index=False, name=None)) == [
        ("a.csv", missing, 2), ("a.csv", not_number, 1), ("a.csv", "Likes is negative", 1),
        ("b.csv", "Likes is negative", 1)]
    assert mdb.run(database, "reject_reasons", {"file": "b.csv"})["rows"].tolist() == [1]


def test_a_row_with_several_faults_lists_every_reason_in_column_order_and_counts_the_first(database, tmp_path):
    path = write_csv(tmp_path, "posts.csv", "influencer,followers,likes,posted_at\n"
                                            ",lots,-5,yesterday\nanna,100,1,2025-01-02\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert report.reject_reasons == {f"Influencer handle ('influencer') is {ingest.MISSING_WORDS}": 1}
    assert ingest.rejects_frame(database, "posts.csv")["reasons"].item() == (
        f"Influencer handle ('influencer') is {ingest.MISSING_WORDS}; Followers at post time ('followers') is not a "
        "number; "
        "Posted at ('posted_at') is not a date; Likes is negative")


def test_shown_only_text_is_tidied_as_it_is_read(database, tmp_path):
    """Post ids, URLs, captions, display names and profile URLs are stored as read and tidied by the view:
    the same values as every other text column gets (trimmed; a missing marker is no value)."""
    tidy = [c.name for k in ("posts", "influencers") for c in schema.columns(k) if c.tidy_on_read]
    assert tidy == ["post_id", "url", "caption", "name", "profile_url"]
    posts = write_csv(tmp_path, "posts.csv", "influencer,post_id,url,caption,campaign\n"
                                             "anna, p1 ,https://x.com/p/1\u00a0, N/A ,\u00a0Spring \n"
                                             "bob,#N/A,-,Hello world,n/a\n")
    ingest.ingest_path(database, posts)
    rows = database.execute("SELECT post_id, url, caption, campaign FROM posts ORDER BY influencer").fetchall()
    assert rows == [("p1", "https://x.com/p/1", None, "Spring"), (None, None, "Hello world", None)]
    listing = write_csv(tmp_path, "list.csv", "handle,followers,name,profile url\n"
                                              "anna,12000, Anna B ,unknown\n")
    ingest.ingest_path(database, listing, kind="influencers")
    assert database.execute("SELECT name, profile_url FROM influencers").fetchall() == [("Anna B", None)]
    frame = pd.DataFrame({"influencer": ["cara"], "post_id": [7_500_000_000_000_000_000], "likes": [3]})
    frame.to_parquet(tmp_path / "typed.parquet")   # a typed id column comes out as text, digit for digit
    ingest.ingest_path(database, tmp_path / "typed.parquet", kind="posts")
    assert database.execute("SELECT post_id FROM posts WHERE influencer = 'cara'").fetchone() == (
        "7500000000000000000",)


def test_broken_lines_are_rejected_not_dropped(database, tmp_path):
    path = write_csv(tmp_path, "broken.csv", "influencer,followers,likes\nanna,100,1\nbob,200,2,EXTRA\n"
                                            "cara,300,3\n")
    report = ingest.ingest_path(database, path, kind="posts")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert report.reject_reasons == {"line has more cells than the header": 1}


@pytest.mark.parametrize("caption_bytes,filler_bytes,loads", [
    (ingest_read.MAX_LINE_BYTES - 500_000, 0, True),
    (ingest_read.MAX_LINE_BYTES + 500_000, 0, False),
    # a 2.2 MB caption from the 9.9 MB mark on, in a 14 MB file: read in 12 MB buffers, DuckDB lost its row (or split
    # the lines after it) where the line crossed from one buffer into the next
    (2_200_000, 9_900_000, True)])
def test_a_long_line_loads_whole_wherever_it_stands_in_a_file(database, tmp_path, caption_bytes, filler_bytes, loads):
    # Files are read in buffers sized to them (ingest_read.BUFFER_FOR_FILE_SIZE): a caption as long as the reader
    # takes loads whole, one past the limit is a rejected line, and every row around it loads as written.
    filler, size = [], 0
    while size < filler_bytes:   # rows up to the mark, each "u<n>,<likes>,p<n>"
        filler.append(f"u{len(filler)},{len(filler) % 1000},p{len(filler)}")
        size += len(filler[-1]) + 1
    tail = [f"t{n},{n % 1000},q{n}" for n in range(2000)]
    caption = "w" * caption_bytes
    text = "\n".join(["influencer,likes,caption", *filler, "anna,1,short", f'bob,2,"{caption}"', "cara,3,x", *tail])
    path = write_csv(tmp_path, "posts.csv", text + "\n")
    report = ingest.ingest_path(database, path, kind="posts")
    rows = len(filler) + 3 + len(tail)
    assert (report.error, report.rows_read, report.rows_loaded) == (None, rows, rows if loads else rows - 1)
    assert report.reject_reasons == ({} if loads else {"line is too long": 1})
    stored = database.execute("SELECT influencer, likes, strlen(caption) FROM posts WHERE influencer IN "
                              "('anna', 'bob', 'cara') ORDER BY source_row").fetchall()
    assert stored == [("anna", 1, 5)] + ([("bob", 2, len(caption))] if loads else []) + [("cara", 3, 1)]
    written = database.execute("SELECT count(*) FROM posts WHERE caption = 'p' || substr(influencer, 2) "
                               "OR caption = 'q' || substr(influencer, 2)").fetchone()[0]
    assert written == len(filler) + len(tail)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("short_line", [False, True])
def test_line_breaks_inside_quoted_cells_load_and_short_lines_are_padded(database, tmp_path, newline, short_line):
    # Captions keep their line breaks, quoted (a spreadsheet writes CRLF between records and LF inside cells);
    # some exporters leave off a line's trailing empty cells. Either alone, or both in one file, load every row.
    rows = ["influencer,caption,likes", 'anna,"new drop\nlink in bio",10', "bob,plain,20"] + (
        ["cara"] if short_line else [])
    path = tmp_path / "posts.csv"
    path.write_bytes((newline.join(rows) + newline).encode())
    report = ingest.ingest_path(database, path, kind="posts")
    expected = [("anna", "new drop\nlink in bio", 10), ("bob", "plain", 20)] + (
        [("cara", None, None)] if short_line else [])
    assert (report.error, report.rows_read, report.rows_loaded) == (None, len(expected), len(expected))
    assert database.execute("SELECT influencer, caption, likes FROM posts ORDER BY source_row").fetchall() == expected


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00", "binary"),
    (b"just one word\n", "no column for"),
    (b"a,b,c\n1,2,3\n", "no column for"),
])
def test_unreadable_files_get_one_sentence(database, tmp_path, content, message):
    path = tmp_path / "thing.csv"
    path.write_bytes(content)
    report = ingest.ingest_path(database, path)
    assert report.error and message in report.error
    assert "\n" not in report.error and "Traceback" not in report.error


def test_a_path_that_is_not_a_readable_file_gets_one_sentence(database, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    assert ingest.ingest_path(database, folder).error == (
        "This is a folder, not a file: name one of the files inside it.")
    assert ingest.ingest_path(database, tmp_path / "missing.csv").error == (
        "There is no file at this path; check its name and folder.")


def test_a_file_that_cannot_be_opened_gets_one_sentence(database, tmp_path, monkeypatch):
    path = write_csv(tmp_path, "locked.csv", "influencer,likes\nanna,1\n")

    def refuse(*_):   # as the OS does for a file without read permission (root, running the tests, reads anything)
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(ingest_read, "file_head", refuse)
    assert ingest.ingest_path(database, path).error == (
        "The file could not be opened (permission denied); check that it can be read and try again.")


def test_encodings_and_delimiters(database, tmp_path):
    text = "Influencer;Followers;Price per post\nJosé;12.000;€1.200,50\nZoë;45.500;€250\n"
    (tmp_path / "latin.csv").write_bytes(text.encode("cp1252"))
    report = ingest.ingest_path(database, tmp_path / "latin.csv", kind="influencers")
    assert report.error is None and report.rows_loaded == 2
    rows = database.execute("SELECT influencer, followers, price_per_post FROM influencers ORDER BY 1").fetchall()
    assert rows == [("josé", 12_000, 1200.5), ("zoë", 45_500, 250.0)]
    (tmp_path / "bom.tsv").write_bytes("\ufeffhandle\tfollowers\nx\t1.5k\n".encode("utf-8"))
    report = ingest.ingest_path(database, tmp_path / "bom.tsv", kind="influencers")
    assert report.mapping["influencer"] == "handle" and report.rows_loaded == 1


def test_excel_and_parquet(database, tmp_path):
    frame = pd.DataFrame({"Username": ["anna", "bob"], "Followers": ["12k", "40,000"], "Avg Likes": [300, 900]})
    frame.to_excel(tmp_path / "list.xlsx", index=False)
    report = ingest.ingest_path(database, tmp_path / "list.xlsx")
    assert report.error is None and report.kind == "influencers" and report.rows_loaded == 2
    frame.to_parquet(tmp_path / "list.parquet")
    report = ingest.ingest_path(database, tmp_path / "list.parquet")
    assert report.error is None and report.rows_loaded == 2
    assert database.execute("SELECT sum(followers) FROM influencers").fetchone()[0] == 2 * 52_000


def test_reupload_replaces_and_kind_override(database, tmp_path):
    path = write_csv(tmp_path, "f.csv", "influencer,followers,likes,posted_at\na,1000,5,2025-01-01\n")
    ingest.ingest_path(database, path)
    ingest.ingest_path(database, path)
    assert database.execute("SELECT count(*) FROM posts").fetchone()[0] == 1
    report = ingest.ingest_path(database, path, kind="brand_posts")
    assert report.kind == "brand_posts"
    assert database.execute("SELECT count(*) FROM posts").fetchone()[0] == 0
    assert database.execute("SELECT count(*) FROM brand_posts").fetchone()[0] == 1


def test_manual_mapping_and_platform(database, tmp_path):
    path = write_csv(tmp_path, "odd.csv", "who,fans,hearts\nanna,5000,50\n")
    report = ingest.ingest_path(database, path, kind="posts",
                                mapping={"influencer": "who", "followers": "fans", "likes": "hearts"},
                                platform="instagram")
    assert report.error is None
    assert database.execute("SELECT influencer, platform, followers, likes FROM posts").fetchone() == \
        ("anna", "instagram", 5000, 50)
    bad = ingest.ingest_path(database, path, kind="posts", mapping={"influencer": "nope"})
    assert "no column named 'nope'" in bad.error
    # one column picked as likes, comments and shares would count each engagement three times
    tripled = ingest.ingest_path(database, path, kind="posts", mapping={
        "influencer": "who", "followers": "fans", "likes": "hearts", "comments": "hearts", "shares": "hearts"})
    assert tripled.error == ("The column 'hearts' is picked for Likes, Comments and Shares: a column can stand for "
                             "one of them only; pick it for one and another column (or none) for the others.")
    assert database.execute("SELECT count(*) FROM posts").fetchone()[0] == 1


def test_a_file_keeps_the_name_it_was_uploaded_under(database, tmp_path):
    # the Data page stores an upload as '0_list.csv' in the session's folder: reports and rows name 'list.csv'
    path = tmp_path / "0_list.csv"
    path.write_bytes(b"handle,followers\nx,10\n")
    report = ingest.ingest_path(database, path, file_name="list.csv", kind="influencers")
    assert report.rows_loaded == 1 and report.file == "list.csv"
    assert database.execute("SELECT source_file FROM influencers").fetchall() == [("list.csv",)]


def test_brand_posts_told_apart_by_file_name(database, tmp_path):
    text = "account,followers,posted_at,likes,comments\nlumenskin,80000,2026-01-01,400,12\n"
    assert ingest.ingest_path(database, write_csv(tmp_path, "brand_instagram_posts.csv", text)).kind == "brand_posts"
    assert ingest.ingest_path(database, write_csv(tmp_path, "creator_posts.csv", text)).kind == "posts"
    assert ingest.ingest_path(database, write_csv(tmp_path, "our own posts.csv", text)).kind == "brand_posts"
    for name in ("OwnPosts.csv", "ownedposts.csv", "own-content.csv"):
        assert ingest.ingest_path(database, write_csv(tmp_path, name, text)).kind == "brand_posts", name
    # "own" as a word only: a browser saves web exports as download.csv, and breakdowns are breakdowns
    for name in ("download.csv", "download (3).csv", "march_breakdown.csv", "grown_accounts.csv", "owner_list.csv"):
        assert ingest.ingest_path(database, write_csv(tmp_path, name, text)).kind == "posts", name


@pytest.mark.parametrize("rows,expected", [
    ([["handle", "followers"], ["anna", "12k"]], 0),                                # the usual: header first
    ([["Q2 creator report"], [], ["Generated 2026-05-01"], ["Handle", "Followers", "Avg Likes"], ["anna", "12k", "3"]],
     3),                                                                           # title, blank, date, header
    ([["handle"], ["Followers"], ["anna"]], 0),                  # no row names two known columns: keep the first
    ([["name", "country"], ["handle", "followers", "likes"]], 0),  # the first row names two: it is the header
    # a row of group names over the header, blank between (CSV) or merged across (a workbook's cells filled in)
    ([["Creator", "", "Engagement", "", ""], ["Handle", "Followers", "Likes", "Comments", "Shares"]], 1),
    ([["Creator", "Creator", "Engagement", "Engagement", "Engagement"],
      ["Handle", "Followers", "Likes", "Comments", "Shares"]], 1),
    # a header naming two over a data row of known words is no group row
    ([["Creator", "Engagement"], ["likes", "comments"]], 0),
])
def test_the_header_is_found_below_a_title(rows, expected):
    assert kinds.header_row(rows) == expected


def test_a_row_of_group_names_above_the_header_is_not_data(database, tmp_path):
    # it was read as the header: one column mapped (Creator as a coupon's influencer), the file loaded as
    # conversions and the real header as a data row
    path = write_csv(tmp_path, "report.csv", "Creator,,Engagement,,\nHandle,Followers,Likes,Comments,Shares\n"
                                             "maya,12000,300,10,5\ntomo,1500000,9000,100,50\n")
    report = ingest.ingest_path(database, path)
    assert (report.kind, report.rows_read, report.rows_loaded) == ("posts", 2, 2)
    assert "header on line 2" in report.notes[0]
    assert database.execute("SELECT influencer, followers, likes FROM posts ORDER BY 1").fetchall() == [
        ("maya", 12_000, 300), ("tomo", 1_500_000, 9_000)]


@pytest.mark.parametrize("text,kind", [
    # handle, platform, followers and price: a rate card (as posts, each account was one post with no engagement)
    ("Handle,Platform,Followers,Price\n@maya,Instagram,12.5K,$250\n", "influencers"),
    # the same with a date of posting is a post
    ("Handle,Platform,Followers,Price,Date\n@maya,Instagram,12.5K,$250,2026-01-05\n", "posts"),
    # a column of handles alone is not a conversions file (each handle was an order without a sale)
    ("Instagram handle\n@maya\n@tomo\n", "influencers"),
    ("Creator,Code\nmaya,MAYA10\n", "conversions"),
    # a campaign's fees by date without any post's result is a contract list (it loaded as a $500 post of 0
    # engagements); with a like count, the campaign's posts
    ("campaign,influencer,fee,date\nSpring,maya,500,2024-03-05\n", "campaigns"),
    ("campaign,influencer,fee,date,likes\nSpring,maya,500,2024-03-05,300\n", "posts"),
    # a comment's text beside one like count is a comment, not a post of each commenter
    ("post_url,username,comment,created_at,likes\nhttps://www.instagram.com/p/ABC/,u1,link?,2026-06-02,3\n",
     "comments"),
])
def test_the_kind_follows_what_the_columns_can_be(text, kind):
    assert kinds.detect(text.splitlines()[0].split(",")).kind == kind


def test_a_sheet_of_names_followers_and_prices_names_its_accounts_by_name(database, tmp_path):
    # an agency's own list has no handle column: it failed with "no column for Influencer handle"
    path = write_csv(tmp_path, "shortlist.csv", "name;followers;price\nAva Hill;20000;150\nbo.wears;45k;$220\n")
    report = ingest.ingest_path(database, path)
    assert (report.kind, report.rows_loaded, report.rows_rejected) == ("influencers", 2, 0)
    assert report.mapping["influencer"] == "name"
    assert database.execute("SELECT influencer, followers, price_per_post FROM influencers ORDER BY 1").fetchall() == [
        ("ava hill", 20_000, 150), ("bo.wears", 45_000, 220)]
    # a handle column, where there is one, names the account and the name stays its display name
    assert kinds.map_columns("influencers", ["name", "handle", "followers"])["influencer"] == "handle"
    # posts with a display name and no handle stay posts, for the user to pick the handle: read as a list, their
    # likes, comments and dates were dropped without a word
    for headers in (["nickname", "followers", "likes", "comments", "shares", "views", "create_time"],
                    ["name", "followers", "likes", "comments", "posted_at"]):
        assert kinds.detect(headers).kind == "posts" and "influencer" not in kinds.map_columns("influencers", headers)


def test_youtube_data_api_comments_load_as_comments_on_their_videos(database, tmp_path):
    path = write_csv(tmp_path, "comments.csv", "videoId,commentId,authorDisplayName,textDisplay,likeCount,publishedAt\n"
                                               "dQw4w9WgXcQ,c1,Bob,where to buy?,2,2026-06-02T10:00:00Z\n")
    report = ingest.ingest_path(database, path)
    assert (report.kind, report.rows_loaded, report.platform) == ("comments", 1, "youtube")
    # the author is who commented, not the channel: no column of comments holds it
    assert report.mapping == {"post_id": "videoId", "text": "textDisplay", "date": "publishedAt"}
    assert database.execute("SELECT post_id, text, date FROM comments").fetchall() == [
        ("dQw4w9WgXcQ", "where to buy?", dt.datetime(2026, 6, 2, 10))]


@pytest.mark.parametrize("kind,headers,expected", [
    # a currency in brackets after the word: the word maps as it would alone
    ("campaigns", ["Campaign", "Influencer", "Fee (EUR)", "Product cost (EUR)"],
     {"fee": "Fee (EUR)", "product_cost": "Product cost (EUR)"}),
    ("conversions", ["Discount code", "Orders", "Revenue (EUR)"], {"orders": "Orders", "revenue": "Revenue (EUR)"}),
    ("posts", ["Handle", "Likes", "Cost [GBP]"], {"likes": "Likes", "cost": "Cost [GBP]"}),
    # a header naming a currency holds money: 'Sales ($)' is revenue, not a count of orders
    ("conversions", ["Code", "Orders", "Sales ($)"], {"orders": "Orders", "revenue": "Sales ($)"}),
    ("conversions", ["Code", "Sales ($)"], {"revenue": "Sales ($)"}),
    ("campaigns", ["Campaign", "Influencer", "Rate per post", "Posts"],
     {"fee": "Rate per post", "posts_contracted": "Posts"}),
])
def test_money_headers_naming_their_currency_map(kind, headers, expected):
    mapping = kinds.map_columns(kind, headers)
    assert {col: mapping.get(col) for col in expected} == expected
    assert "orders" not in mapping or mapping["orders"] == "Orders"


def test_a_fee_in_euros_by_its_header_loads_and_is_said_not_converted(database, tmp_path):
    path = write_csv(tmp_path, "contracts.csv", "Campaign,Influencer,Fee (EUR),Product cost (EUR)\nS,ana,1000,50\n")
    report = ingest.ingest_path(database, path)
    assert database.execute("SELECT fee, product_cost FROM campaigns").fetchall() == [(1000, 50)]
    assert any("'Fee (EUR)' has amounts in €" in note and "not converted" in note for note in report.notes)


def test_a_fee_per_post_is_the_price_times_the_posts_contracted(database, tmp_path):
    # taken as the whole fee, $250/post for two posts was a $250 contract
    path = write_csv(tmp_path, "contracts.csv", "Campaign,Influencer,Fee,Posts\nS,ana,$250/post,2\n"
                                                "S,bea,350 per video,3\nS,cy,$400,2\nS,dan,$100/post,\n")
    report = ingest.ingest_path(database, path)
    assert database.execute("SELECT influencer, fee FROM campaigns ORDER BY 1").fetchall() == [
        ("ana", 500), ("bea", 1050), ("cy", 400), ("dan", 100)]
    assert ("'Fee': 3 amounts are prices per post ('$250/post'), so each contract's fee is that price times its "
            "posts contracted (one post's price where a row has none).") in report.notes
    # a header that says per post: every amount under it
    path = write_csv(tmp_path, "rates.csv", "Campaign,Influencer,Rate per post,Posts\nS,ana,250,2\n")
    ingest.ingest_path(database, path)
    assert database.execute("SELECT fee FROM campaigns WHERE source_file = 'rates.csv'").fetchall() == [(500,)]
    # without posts contracted a price per post stays one post's, and the load says so
    path = write_csv(tmp_path, "no_posts.csv", "Campaign,Influencer,Fee\nS,ana,$250/post\n")
    assert any("no posts contracted" in note for note in ingest.ingest_path(database, path).notes)


def test_deliverables_in_words_load_the_contract_without_a_count_of_posts(database, tmp_path):
    # '3-5 posts' or '2 (1 IG + 1 TT)' rejected the whole contract, its fee and coupon code with it; a negative count
    # is still no count of posts
    path = write_csv(tmp_path, "contracts.csv", "Campaign,Influencer,Fee,Deliverables,Coupon code\n"
                                                "S,ana,$500,2 (1 IG + 1 TT),ANA10\nS,bea,$400,3-5 posts,BEA10\n"
                                                "S,cy,$300,2,CY10\nS,dan,$200,-2,DAN10\n")
    report = ingest.ingest_path(database, path, kind="campaigns")
    assert (report.rows_loaded, report.reject_reasons) == (3, {"Posts contracted ('Deliverables') is negative": 1})
    assert database.execute("SELECT influencer, fee, posts_contracted, coupon_code FROM campaigns ORDER BY 1"
                            ).fetchall() == [("ana", 500, None, "ANA10"), ("bea", 400, None, "BEA10"),
                                             ("cy", 300, 2, "CY10")]
    assert ("'Deliverables' gives no count of posts contracted on 2 rows ('2 (1 IG + 1 TT)', '3-5 posts'): such a "
            "contract loads without one.") in report.notes
    # counted in the rows the file's style is read from: a longer sheet says so (it said "2,000 rows" of 2,500)
    rows = "".join(f"S,i{n},$100,3-5 posts\n" for n in range(2_500))
    report = ingest.ingest_path(database, write_csv(tmp_path, "long.csv", "Campaign,Influencer,Fee,Deliverables\n"
                                                                          + rows), kind="campaigns")
    assert report.rows_loaded == 2_500
    assert "'Deliverables' gives no count of posts contracted on 2,000 of the first 2,000 rows ('3-5 posts')" in (
        " ".join(report.notes))


def test_deliverables_in_number_words_count_and_the_note_names_only_what_is_still_unread(database, tmp_path):
    # 'one reel' loaded no count, so a fee per post was one post's fee; 'three TikToks' at $100/post is $300
    path = write_csv(tmp_path, "words.csv", "Campaign,Influencer,Fee,Posts\n"
                                            "S,ana,$500,one reel\nS,bea,$100/post,three TikToks\n"
                                            "S,cy,$300,a story\nS,dan,$900,ten posts\nS,eve,$50,a few posts\n")
    report = ingest.ingest_path(database, path, kind="campaigns")
    assert (report.rows_loaded, report.rows_rejected) == (5, 0)
    assert database.execute("SELECT influencer, fee, posts_contracted FROM campaigns ORDER BY 1").fetchall() == [
        ("ana", 500, 1), ("bea", 300, 3), ("cy", 300, 1), ("dan", 900, 10), ("eve", 50, None)]
    assert ("'Posts' gives no count of posts contracted on 1 row ('a few posts'): such a contract loads without "
            "one.") in report.notes
    # a sheet whose every deliverable is read says nothing of it
    report = ingest.ingest_path(database, write_csv(tmp_path, "read.csv", "Campaign,Influencer,Fee,Posts\n"
                                                                          "S,ana,$500,one reel\n"), kind="campaigns")
    assert not any("gives no count" in note for note in report.notes)


def test_a_fee_per_post_is_judged_as_written_not_as_the_whole_fee(database, tmp_path):
    # the reasons read the price per post, not the stored price times the posts: -$100/post over 0 posts is a
    # negative fee (-$100 × 0 is none), and a blank fee stays blank, not a failed number
    # and a price per post that passes its test may make a whole fee that cannot be real: $250/post for 99,999,999,999
    # posts was a $25-trillion contract (the Prices page's median fee $12,499,999,999,925)
    path = write_csv(tmp_path, "contracts.csv", "Campaign,Influencer,Fee,Posts\nS,ana,-$100/post,0\n"
                                                "S,bea,$250/post,2\nS,cy,N/A,1\nS,dee,$250/post,99999999999\n"
                                                "S,eve,$5000,99999999999\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_loaded, report.reject_reasons) == (3, {
        "Fee is negative": 1, "Fee times the posts contracted is too large to be real (over 10 billion)": 1})
    assert database.execute("SELECT influencer, fee FROM campaigns ORDER BY 1").fetchall() == [
        ("bea", 500), ("cy", None), ("eve", 5000)]


def test_a_title_above_the_header_is_not_data(database, tmp_path):
    path = write_csv(tmp_path, "report.csv", "Influencer report\nGenerated 2026-05-01\n\n"
                                             "influencer,followers,likes\nanna,12k,300\nbob,3M,5000\n")
    report = ingest.ingest_path(database, path, kind="posts")
    assert (report.rows_read, report.rows_loaded, report.mapping["followers"]) == (2, 2, "followers")
    assert "header on line 4 (the 3 lines above the header, a title or notes, are not data)" in report.notes[0]
    assert database.execute("SELECT influencer, followers, source_row FROM posts").fetchall() == [
        ("anna", 12_000, 1), ("bob", 3_000_000, 2)]
    frame = pd.DataFrame([["Q2 creator report", None], [None, None], ["Handle", "Followers"], ["cara", "40k"]])
    frame.to_excel(tmp_path / "list.xlsx", index=False, header=False)
    report = ingest.ingest_path(database, tmp_path / "list.xlsx", kind="influencers")
    assert (report.rows_read, report.rows_loaded) == (1, 1)
    assert "the row above the header, a title or a note, is not data" in report.notes[0]   # blank rows are dropped
    assert database.execute("SELECT influencer, followers FROM influencers").fetchall() == [("cara", 40_000)]


def test_a_totals_row_at_the_bottom_is_rejected_not_loaded_as_an_account(database, tmp_path):
    # A campaign sheet ending in a sum row: loaded, "total" would be an influencer with $300 more spend.
    path = write_csv(tmp_path, "contracts.csv", "Campaign,Creator,Fee\nC1,anna,100\nC1,@Bob,200\n"
                                                "C1, Grand Total ,300\n")
    report = ingest.ingest_path(database, path, kind="campaigns")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert report.reject_reasons == {ingest.TOTALS_REASON: 1}
    assert database.execute("SELECT sum(fee) FROM campaigns").fetchone() == (300,)
    rejected = ingest.rejects_frame(database)
    # its cells under the file's own headers, as read, as every rejected row's
    assert rejected[["source_row", "reasons", "Creator", "Fee"]].values.tolist() == [
        [3, ingest.TOTALS_REASON, " Grand Total ", "300"]]
    # a row with another fault keeps that reason first and gains this one
    path = write_csv(tmp_path, "posts.csv", "influencer,followers,likes\nanna,100,5\nTotal,lots,5\n")
    report = ingest.ingest_path(database, path, kind="posts")
    assert report.reject_reasons == {"Followers at post time ('followers') is not a number": 1}
    assert ingest.rejects_frame(database, "posts.csv")["reasons"].tolist() == [
        f"Followers at post time ('followers') is not a number; {ingest.TOTALS_REASON}"]
    # coupon-code orders ending in a sum row: loaded, "TOTAL" would be a code whose orders nobody can attribute
    path = write_csv(tmp_path, "orders.csv", "coupon_code,orders,revenue\nANNA10,3,90\ntotal,3,90\n")
    report = ingest.ingest_path(database, path, kind="conversions")
    assert (report.rows_loaded, report.reject_reasons) == (1, {ingest.TOTALS_REASON: 1})
    assert ingest.rejects_frame(database, "orders.csv")["reasons"].tolist() == [ingest.TOTALS_REASON]
    # a row naming itself a total in both columns gets the reason once
    path = write_csv(tmp_path, "both.csv", "influencer,coupon_code,orders\nanna,ANNA10,3\nTotal,Total,3\n")
    ingest.ingest_path(database, path, kind="conversions")
    assert ingest.rejects_frame(database, "both.csv")["reasons"].tolist() == [ingest.TOTALS_REASON]
    # the ways sheets spell a sum row, against accounts whose names merely contain the word
    path = write_csv(tmp_path, "spellings.csv", "influencer,likes\n" + "".join(f"{name},1\n" for name in [
        "Grand  total", "TOTAL:", "Sub-total", "— Totals —", "All creators", "Total Beauty", "totalbeauty",
        "@subtotal_eats", "grandtotals.shop"]))
    ingest.ingest_path(database, path, kind="posts")
    assert sorted(ingest.rejects_frame(database, "spellings.csv")["influencer"]) == [
        "All creators", "Grand  total", "Sub-total", "TOTAL:", "— Totals —"]
    assert database.execute("SELECT influencer FROM posts WHERE source_file = 'spellings.csv' ORDER BY 1"
                            ).fetchall() == [("grandtotals.shop",), ("subtotal_eats",), ("total beauty",),
                                             ("totalbeauty",)]


def test_every_totals_label_is_rejected_as_an_account_and_as_a_code(database, tmp_path):
    # the row's first test reads the label list only for texts of at most _SHORT_TOTALS bytes or that start with
    # 'all ': each label must pass it, in the case each column stores (handles lower, codes upper)
    labels = [label.title() for label in ingest.TOTALS_LABELS]
    posts = write_csv(tmp_path, "posts.csv", "influencer,likes\nann,1\n" + "".join(f"{label},1\n" for label in labels))
    codes = write_csv(tmp_path, "codes.csv", "Code,Orders\nANA15,1\n" + "".join(f"{label},1\n" for label in labels))
    for path, kind in ((posts, "posts"), (codes, "conversions")):
        report = ingest.ingest_path(database, path, kind=kind)
        assert (report.rows_loaded, report.reject_reasons) == (1, {ingest.TOTALS_REASON: len(labels)}), kind


@pytest.mark.parametrize("label", ["All codes", "All", "Overall", "Sum", "all discount codes"])
def test_a_sum_row_of_every_code_is_rejected_not_loaded_as_a_code(database, tmp_path, label):
    # 'All codes' under the codes, summing them: loaded, it was a code with every order counted a second time
    path = write_csv(tmp_path, "orders.csv", f"Code,Orders\nANA15,5\nBEA10,5\n{label},10\n")
    report = ingest.ingest_path(database, path, kind="conversions")
    assert (report.rows_loaded, report.reject_reasons) == (2, {ingest.TOTALS_REASON: 1})
    assert database.execute("SELECT sum(orders) FROM conversions").fetchone() == (10,)


def test_a_post_export_without_a_handle_column_is_offered_as_posts_to_complete(database, tmp_path):
    report = ingest.ingest_path(database, write_csv(tmp_path, "export.csv",
                                                    "Publish time,Likes,Comments,Shares,Reach\n"
                                                    "06/15/2026 10:00,300,20,10,4000\n"))
    assert "no column for Influencer handle" in report.error
    assert report.kind == "posts"
    assert report.mapping == {"posted_at": "Publish time", "likes": "Likes", "comments": "Comments",
                              "shares": "Shares", "reach": "Reach"}


def test_a_meta_business_suite_export_of_the_brands_posts_maps_and_loads(database, tmp_path):
    # Instagram content export from Meta Business Suite (headers as it writes them): the post time is
    # "Publish time" ("Date" only says "Lifetime"), "Post type" is the media, not whether the post was paid.
    text = ("Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,"
            "Post type,Data comment,Date,Impressions,Reach,Likes,Shares,Follows,Comments,Saves,Plays\n"
            "17900000000000001,17800000000000001,lumenskin,Lumen Skin,New serum,0,06/15/2026 10:00,"
            "https://www.instagram.com/p/abc/,IG image,,Lifetime,5000,4000,300,10,2,20,15,\n"
            "17900000000000002,17800000000000001,lumenskin,Lumen Skin,Behind the scenes,31,06/18/2026 18:30,"
            "https://www.instagram.com/reel/def/,IG reel,,Lifetime,9000,7000,610,44,5,31,40,12000\n")
    report = ingest.ingest_path(database, write_csv(tmp_path, "brand_instagram_content.csv", text))
    assert (report.error, report.kind, report.rows_loaded, report.rows_rejected) == (None, "brand_posts", 2, 0)
    assert {c: report.mapping.get(c) for c in ("influencer", "posted_at", "sponsored", "likes", "views")} == {
        "influencer": "Account username", "posted_at": "Publish time", "sponsored": None, "likes": "Likes",
        "views": "Plays"}
    assert database.execute("SELECT posted_at::VARCHAR, likes, views FROM brand_posts ORDER BY posted_at").fetchall() \
        == [("2026-06-15 10:00:00", 300, None), ("2026-06-18 18:30:00", 610, 12000)]


def test_a_meta_business_suite_export_in_spanish_maps_and_loads(database, tmp_path):
    # Business Suite names its columns in the user's language: no account was found, and the post time was taken
    # from "Fecha", which holds "Total" (every row rejected as no date)
    text = ("Identificador de la publicación,Identificador de la cuenta,Nombre de usuario de la cuenta,Nombre de la "
            "cuenta,Descripción,Duración (s),Hora de publicación,Enlace permanente,Tipo de publicación,Comentario de "
            "datos,Fecha,Impresiones,Alcance,Me gusta,Veces que se compartió,Seguimientos,Comentarios,Veces que se "
            "guardó,Reproducciones\n"
            "17900000000000001,17800000000000001,lumenskin,Lumen Skin,Nuevo sérum,0,06/15/2026 10:00,"
            "https://www.instagram.com/p/abc/,Imagen de IG,,Total,5000,4000,300,10,2,20,15,\n"
            "17900000000000002,17800000000000001,lumenskin,Lumen Skin,Detrás de cámaras,31,06/18/2026 18:30,"
            "https://www.instagram.com/reel/def/,Reel de IG,,Total,9000,7000,610,44,5,31,40,12000\n")
    report = ingest.ingest_path(database, write_csv(tmp_path, "contenido.csv", text))
    assert (report.error, report.rows_loaded, report.rows_rejected) == (None, 2, 0)
    assert {c: report.mapping.get(c) for c in ("influencer", "posted_at", "post_id", "url", "shares")} == {
        "influencer": "Nombre de usuario de la cuenta", "posted_at": "Hora de publicación",
        "post_id": "Identificador de la publicación", "url": "Enlace permanente",
        "shares": "Veces que se compartió"}
    assert database.execute("SELECT influencer, platform, posted_at::VARCHAR, likes, shares, impressions FROM posts "
                            "ORDER BY posted_at").fetchall() == [
        ("lumenskin", "instagram", "2026-06-15 10:00:00", 300, 10, 5000),
        ("lumenskin", "instagram", "2026-06-18 18:30:00", 610, 44, 9000)]


def test_an_influencer_list_in_another_language_with_its_audience_reach_stays_a_list(database, tmp_path):
    # a German or Spanish list's 'Reichweite' or 'Alcance' is the account's audience, no post's reach
    for name, text in (("de.csv", "Influencer;Plattform;Follower;Reichweite;Kategorie\nanna.style;Instagram;12.500;"
                                  "8.000;Mode\n"),
                       ("es.csv", "Influencer,Plataforma,Seguidores,Alcance\nana.moda,Instagram,12500,8000\n")):
        assert ingest.ingest_path(database, write_csv(tmp_path, name, text)).kind == "influencers", name


def test_a_file_missing_its_key_column_keeps_what_was_recognised(database, tmp_path):
    # The Data page offers this kind and mapping to complete, instead of starting from nothing.
    report = ingest.ingest_path(database, write_csv(tmp_path, "odd.csv", "who,fans,avg_likes\nanna,5000,50\n"))
    assert "no column for Influencer handle" in report.error
    assert report.kind == "influencers"
    assert report.mapping == {"followers": "fans", "avg_likes": "avg_likes"}
    assert report.headers == ["who", "fans", "avg_likes"]


def _data_tables(database) -> list[str]:
    return sorted(r[0] for r in database.execute("SELECT table_name FROM duckdb_tables() WHERE "
                                                 "table_name LIKE '%\\_\\_%' ESCAPE '\\'").fetchall())


def test_each_file_has_its_own_table_and_replacing_a_file_drops_it(database, tmp_path):
    first = write_csv(tmp_path, "a.csv", "influencer,followers,likes\nann,1000,5\nbob,2000,oops\ncid,3000,7\n")
    second = write_csv(tmp_path, "b.csv", "influencer,followers,likes\ndee,4000,9\n")
    ingest.ingest_path(database, first)
    ingest.ingest_path(database, second)
    assert len(_data_tables(database)) == 2
    # The view keeps file order and data-row numbers: bob (row 2) was rejected and leaves a gap, not a shift.
    assert database.execute("SELECT influencer, source_file, source_row FROM posts ORDER BY source_file, "
                            "source_row").fetchall() == [("ann", "a.csv", 1), ("cid", "a.csv", 3),
                                                         ("dee", "b.csv", 1)]
    ingest.ingest_path(database, write_csv(tmp_path, "a.csv", "influencer,followers,likes\neve,5000,1\n"))
    assert len(_data_tables(database)) == 2          # the old table of a.csv is gone, not orphaned
    assert sorted(r[0] for r in database.execute("SELECT influencer FROM posts").fetchall()) == ["dee", "eve"]
    assert database.execute("SELECT count(*) FROM rejects WHERE source_file = 'a.csv'").fetchone()[0] == 0


def test_a_failed_load_leaves_no_table_behind(database, tmp_path):
    report = ingest.ingest_path(database, write_csv(tmp_path, "odd.csv", "who,fans\nanna,5000\n"), kind="posts")
    assert report.error and _data_tables(database) == []


def test_mixed_line_endings_are_read_in_lenient_mode(database, tmp_path):
    # A newline inside a quoted header cell plus CRLF records: DuckDB's strict mode reads nothing here.
    path = tmp_path / "posts.csv"
    path.write_bytes(b'influencer,"Follower\ncount",likes\r\nann,1000,5\r\nbob,2000,7\r\n')
    report = ingest.ingest_path(database, path, kind="posts", mapping={"influencer": "influencer",
                                                                        "followers": "Follower\ncount",
                                                                        "likes": "likes"})
    assert report.error is None and (report.rows_read, report.rows_loaded) == (2, 2)
    assert any(ingest.MIXED_LINE_ENDINGS in n for n in report.notes)
    assert database.execute("SELECT sum(followers) FROM posts").fetchone()[0] == 3000


def test_counts_in_rare_forms_are_read_in_every_count_column_of_a_row(database, tmp_path):
    # The rare forms of a count (scale words, spaces between thousands, a decimal comma before k) are read in one pass
    # for all of a row's count columns (ingest._with_rare_counts); a row with none of them keeps its plain values.
    path = write_csv(tmp_path, "posts.csv", "influencer,platform,likes,comments,views\n"
                                            'anna,instagram,12 Tsd.,3 456,"2,5k"\n'     # 12,000 · 3,456 · 2,500
                                            "bob,instagram,10,1.5 M,5\n"               # 1,500,000 comments
                                            "cara,instagram,4,1e20,6\n"                # too large: rejected
                                            "dan,instagram,7,8,9\n")
    report = ingest.ingest_path(database, path)
    too_large = "Comments is too large to be real (over 100 billion)"
    assert (report.rows_loaded, report.reject_reasons) == (3, {too_large: 1})
    assert database.execute("SELECT influencer, likes, comments, views FROM posts ORDER BY 1").fetchall() == [
        ("anna", 12_000, 3_456, 2_500), ("bob", 10, 1_500_000, 5), ("dan", 7, 8, 9)]


def test_a_dotted_count_column_and_a_plain_one_are_read_each_their_way(database, tmp_path):
    # Followers written with dots between thousands (a German sheet's '12.500') are read the European way, the likes
    # beside them the usual way: two groups of rare cells in one row, each read with its own convention.
    path = write_csv(tmp_path, "posts.csv", "influencer,platform,followers,likes\n"
                                            "anna,instagram,12.500,12 Tsd.\n"          # 12,500 · 12,000
                                            "bob,instagram,1.250.000,3 456\n"          # 1,250,000 · 3,456
                                            "cara,instagram,2.000,7\n")                # 2,000 · 7
    report = ingest.ingest_path(database, path)
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    assert database.execute("SELECT influencer, followers, likes FROM posts ORDER BY 1").fetchall() == [
        ("anna", 12_500, 12_000), ("bob", 1_250_000, 3_456), ("cara", 2_000, 7)]


def test_removing_a_list_and_a_campaigns_file_empties_what_was_built_from_them(database, tmp_path):
    # rebuild_facts leaves a derived table alone only when it and its sources are empty: emptied sources must still
    # empty it (an influencer list removed, its price kept pricing the account)
    posts = write_csv(tmp_path, "posts.csv", "influencer,platform,likes,campaign\nanna,instagram,10,Spring\n")
    listed = write_csv(tmp_path, "list.csv", "influencer,platform,followers,price_per_post\nanna,instagram,20000,300\n")
    sheet = write_csv(tmp_path, "campaigns.csv", "campaign,influencer,platform,fee\nSpring,anna,instagram,500\n")
    for path in (posts, listed, sheet):
        assert ingest.ingest_path(database, path).error is None
    facts = "SELECT influencer_price, profile_followers FROM influencer_facts"
    counts = ("SELECT (SELECT count(*) FROM influencer_profile), (SELECT count(*) FROM contract_cost), "
              "(SELECT count(*) FROM contract_post_cost)")
    assert database.execute(facts).fetchall() == [(300.0, 20000)]
    assert database.execute(counts).fetchone() == (1, 1, 1)
    for name in ("list.csv", "campaigns.csv"):
        ingest.forget_file(database, name)
    from microlens.facts import rebuild_facts
    rebuild_facts(database)
    assert database.execute(counts).fetchone() == (0, 0, 0)
    assert database.execute(facts).fetchall() == [(None, None)]


def test_links_and_file_names_name_the_platforms_beyond_the_first_five(database, tmp_path):
    # a tracker of links with no platform column: a pin, a Twitch video and a LinkedIn post were three platformless
    # rows of one account; a "Total Twitch" row was an account
    path = write_csv(tmp_path, "tracker.csv", "Handle,Followers,Likes,Link\n"
                                              "glow,15000,90,https://pin.it/4xYz\n"
                                              "glow,20000,400,https://www.twitch.tv/videos/1\n"
                                              "glow,50000,100,https://www.linkedin.com/posts/glow_1\n"
                                              "Total Twitch,85000,590,\n")
    report = ingest.ingest_path(database, path, kind="posts")
    assert report.reject_reasons == {ingest.TOTALS_REASON: 1}
    assert database.execute("SELECT platform, followers FROM posts ORDER BY followers").fetchall() == [
        ("pinterest", 15000), ("twitch", 20000), ("linkedin", 50000)]
    # a Pinterest analytics export says its platform only in its name
    report = ingest.ingest_path(database, write_csv(tmp_path, "pinterest_pins_2026.csv", "Handle,Followers,Saves\n"
                                                                                          "ana,12000,40\n"))
    assert report.platform == "pinterest"
    assert database.execute("SELECT platform FROM posts WHERE influencer = 'ana'").fetchall() == [("pinterest",)]
