"""Files that once broke the load's promise (a traceback, rows lost without a word, wrong values, a valid file
refused): each loads, or each unusable line is rejected with a reason, and loaded + rejected = rows read."""
from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
import zipfile

import duckdb
import openpyxl
import pandas as pd
import pytest
import pyarrow as pa
import pyarrow.parquet as pq

from microlens import ingest, ingest_read, schema
from tests.conftest import write_csv
from tests.test_cli import cli


def _rows(database, sql: str) -> list[tuple]:
    return database.execute(sql).fetchall()


def test_a_cell_over_128_kb_loads(database, tmp_path):
    # Python's csv module (which finds the header) stops at 131,072 characters a cell; it raised out of ingest
    path = write_csv(tmp_path, "posts.csv", 'influencer,followers,caption\nbig,1,"' + "z" * 200_000 + '"\nsmall,2,x\n')
    report = ingest.ingest_path(database, path)
    assert report.error is None and (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _rows(database, "SELECT influencer, length(caption) FROM posts ORDER BY 1") == [("big", 200_000),
                                                                                        ("small", 1)]


def test_a_quote_left_open_is_named_with_its_line(database, tmp_path):
    # the file quotes its captions with commas, so reading quotes as text would break 550 lines, not one
    body = ("".join(f'u{i},{i},"c, {i}"\n' for i in range(50)) + 'anna,1,"oops\n'
            + "".join(f'v{i},{i},"c, {i}"\n' for i in range(500)))
    report = ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "influencer,followers,caption\n" + body))
    # line 53 up to its first quote is the rest of line 52's cell (header = line 1): one broken line of two
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (550, 549, 1)
    assert any(n.startswith("Line 52 opens a quote that is not closed") for n in report.notes), report.notes
    # a stray quote inside one line swallows nothing and gets no such note
    stray = ingest.ingest_path(database, write_csv(tmp_path, "stray.csv",
                                                  'influencer,followers,caption\nana,1,say "hi" now\nbo,2,x\n'))
    assert not any("opens a quote" in n for n in stray.notes)


def test_a_file_whose_quotes_enclose_nothing_reads_them_as_text(database, tmp_path):
    # a tab-separated export that never quotes: a caption opening with a quote swallowed the 500 lines after it
    body = ("".join(f"u{i}\t{i}\tc\n" for i in range(50)) + 'anna\t1\t"Best day ever\n'
            + "".join(f'v{i}\t{i}\tsay "hi"\n' for i in range(500)))
    report = ingest.ingest_path(database, write_csv(tmp_path, "posts.tsv", "influencer\tfollowers\tcaption\n" + body))
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (551, 551, 0)
    assert "its quotes do not enclose cells (line 52 opens one" in report.notes[0], report.notes
    assert not any("opens a quote that is not closed" in n for n in report.notes)
    assert _rows(database, "SELECT caption FROM posts WHERE influencer IN ('anna', 'v0') ORDER BY 1") == [
        ('"Best day ever',), ('say "hi"',)]


def test_lines_with_more_cells_are_rejected_in_lenient_mode_too(database, tmp_path):
    # A newline inside a quoted header cell with CRLF records sends the file to the lenient reader, which dropped
    # bob's fourth cell and loaded comments = 234 instead of rejecting the line, as strict mode does.
    path = tmp_path / "posts.csv"
    path.write_bytes(b'influencer,"Likes\ncount",comments\r\nanna,5,1\r\nbob,1,234,56\r\ncy,"7",3\r\n')
    report = ingest.ingest_path(database, path)
    assert ingest.MIXED_LINE_ENDINGS in report.notes[0]
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert report.reject_reasons == {"line has more cells than the header": 1}
    assert _rows(database, "SELECT influencer, likes, comments FROM posts ORDER BY 1") == [("anna", 5, 1),
                                                                                         ("cy", 7, 3)]
    rejected = ingest.rejects_frame(database)
    assert rejected["source_row"].tolist() == [2] and rejected["influencer"].tolist() == ["bob"]


def test_a_header_named_like_the_readers_own_column_is_just_a_header(database, tmp_path):
    # the lenient reader's extra column has a name; a file's header of that name refused the whole file
    path = tmp_path / "posts.csv"
    path.write_bytes(b'influencer,"Likes\ncount",' + ingest.EXTRA_CELLS.encode() + b'\r\nanna,5,1\r\nbob,1,2,3\r\n')
    report = ingest.ingest_path(database, path)
    assert (report.error, report.rows_loaded, report.reject_reasons) == (
        None, 1, {"line has more cells than the header": 1})


def test_a_compressed_file_is_named_as_such_and_a_name_that_says_so_wrongly_is_ignored(database, tmp_path):
    # DuckDB took '.gz' in the name for gzip and failed on plain text ("lines could not be split"); a real gzip
    # file was "binary"
    text = b"influencer,followers\nalice,1200\n"
    path = tmp_path / "posts.csv.gz"
    path.write_bytes(text)
    assert ingest.ingest_path(database, path).rows_loaded == 1
    path.write_bytes(gzip.compress(text))
    assert ingest.ingest_path(database, path).error == (
        "This file is compressed (gzip, zstd or bzip2), not a table: unpack it and upload the file inside.")


def test_a_file_too_wide_for_memory_is_told_so():
    # a 16,000-column line ran out of memory (~1.4 GB) and was told its lines could not be split
    assert "too large to read in the memory" in ingest_read.plain_csv_error(duckdb.OutOfMemoryException("failed"))


def test_a_file_cut_off_inside_its_last_row_says_so(database, tmp_path):
    # a download cut short ends inside a row: it loaded padded with empty cells, a truncated id and 0 likes, unsaid
    path = tmp_path / "posts.csv"
    whole = b"influencer,followers,likes,post_id\nann,20000,10,7506832682593094928\n"
    cut = b"ann,20000,10,7506832682593094928\nbob,30000"
    for body, cells in ((whole + cut, 2), (whole.rstrip(b"\n"), None), (whole + b"\x1a", None), (whole, None)):
        path.write_bytes(body)
        report = ingest.ingest_path(database, path)
        said = [n for n in report.notes if n.startswith("The file ends in the middle of a row")]
        assert report.rows_loaded + report.rows_rejected == report.rows_read
        assert said == ([f"The file ends in the middle of a row: its last line has {cells} of 4 cells and no line "
                         "break after it, so the file was probably cut off while it was saved or downloaded. That "
                         "row was loaded with the cells it has; export the file again to get it whole."]
                        if cells else []), body


def test_two_digit_years_are_this_century(database, tmp_path):
    path = write_csv(tmp_path, "posts.csv", "influencer,posted_at,likes\nanna,12/3/24,5\nbob,1/15/25 13:45,6\n")
    ingest.ingest_path(database, path)
    assert [str(r[0]) for r in _rows(database, "SELECT posted_at FROM posts ORDER BY 1")] == [
        "2024-12-03 00:00:00", "2025-01-15 13:45:00"]


def test_headers_alike_but_for_case_load_with_the_first_mapped(database, tmp_path):
    # DuckDB compares column names without case: `Likes` and `likes` (or a made-up `likes_1` beside a real one)
    # refused the file with a Binder Error in the message
    report = ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "influencer,Likes,likes,followers\n"
                                                                          "anna,1,2,3\n"))
    assert report.error is None and report.mapping["likes"] == "Likes"
    assert _rows(database, "SELECT likes, followers FROM posts") == [(1, 3)]
    assert ingest.unique_headers(["a", "likes", "likes", "likes_1", "", "A"]) == ["a", "likes", "likes_2",
                                                                                "likes_1", "column_5", "A_1"]


def test_two_files_of_the_same_name_both_load(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write_csv(tmp_path / "a", "posts.csv", "influencer,posted_at,likes\nanna,2024-01-01,5\n")
    write_csv(tmp_path / "b", "posts.csv", "influencer,posted_at,likes\nbob,2024-01-01,7\n")
    done = cli("influencers", "--data", str(tmp_path / "a" / "posts.csv"), str(tmp_path / "b" / "posts.csv"),
               "--json")
    assert done.returncode == 0, done.stderr
    assert sorted(json.loads(line)["influencer"] for line in done.stdout.splitlines()) == ["anna", "bob"]
    assert ingest.distinct_names(["posts.csv", "posts.csv", "x.csv", "posts.csv"]) == [
        "posts.csv", "posts (2).csv", "x.csv", "posts (3).csv"]


def test_loading_a_name_again_says_it_replaces_the_earlier_load(database, tmp_path):
    first = ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "influencer,likes\nanna,5\n"))
    again = ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "influencer,likes\nbob,7\n"))
    assert not any("Replaces" in n for n in first.notes)
    assert "Replaces what was loaded before from a file named posts.csv." in again.notes
    assert _rows(database, "SELECT influencer FROM posts") == [("bob",)]


def test_parquet_with_a_list_and_a_struct_column_loads(database, tmp_path):
    path = tmp_path / "posts.parquet"
    pq.write_table(pa.table({"influencer": ["a"], "followers": [12], "tags": pa.array([["x", "y"]]),
                             "meta": pa.array([{"q": 1}])}), path)
    report = ingest.ingest_path(database, path)
    assert report.error is None and report.headers == ["influencer", "followers", "tags", "meta"]
    assert report.rows_loaded == 1


def test_a_workbook_is_read_from_the_sheet_that_holds_the_data(database, tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "Read me: exported 3 Dec"
    data = book.create_sheet("Data")
    data.append(["influencer", "followers", "likes", "posted_at"])
    data.append(["anna", 12_000, 300, "2025-01-02"])
    book.save(tmp_path / "posts.xlsx")
    report = ingest.ingest_path(database, tmp_path / "posts.xlsx")
    assert report.error is None and report.rows_loaded == 1
    assert report.notes[0].startswith("Read sheet 'Data' of 2")


def test_windows_text_whose_first_accent_is_past_the_sample_loads(database, tmp_path):
    # the encoding is judged on the first 256 KB; every line with a cp1252 accent after that was rejected
    rows = b"".join(b"u%d,%d,x\n" % (i, i) for i in range(30_000))
    path = tmp_path / "posts.csv"
    path.write_bytes(b"influencer,followers,caption\n" + rows + b"late,1,caf\xe9 \x80\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_loaded, report.rows_rejected) == (30_001, 0)
    assert report.notes[0].startswith("Read as Windows-1252")
    assert _rows(database, "SELECT caption FROM posts WHERE influencer = 'late'") == [("café €",)]
    # a UTF-8 file with one stray byte keeps its accents and rejects the one line, with the encoding as reason
    path.write_bytes("influencer,followers,caption\nanna,1,café\n".encode() + rows + b"late,1,caf\xe9\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_loaded, report.rows_rejected) == (30_001, 1)
    assert report.reject_reasons == {"line has characters in another encoding": 1}
    assert _rows(database, "SELECT caption FROM posts WHERE influencer = 'anna'") == [("café",)]


def test_a_stray_byte_near_the_top_of_a_utf8_file_costs_its_line_not_every_accent(database, tmp_path):
    # one cp1252 'ü' in the first 256 KB made the whole file cp1252: josé loaded as 'josÃ©' without a word, and with
    # a byte-order mark the mark stuck to the first header ('ï»¿influencer'), so no column was found at all
    body = "influencer,followers,likes\njosé,12000,5\nzoë,100,1\n".encode() + b"m\xfcller,2000,7\n"
    path = tmp_path / "posts.csv"
    for mark in (b"", codecs.BOM_UTF8):
        path.write_bytes(mark + body)
        report = ingest.ingest_path(database, path)
        assert (report.error, report.rows_loaded, report.reject_reasons) == (
            None, 2, {"line has characters in another encoding": 1})
        assert _rows(database, "SELECT influencer FROM posts ORDER BY 1") == [("josé",), ("zoë",)]
    # a Windows file stays one: its accents are not valid UTF-8
    path.write_bytes("influencer,followers,likes\njosé,12000,5\nzoë,100,1\nmüller,2000,7\n".encode("cp1252"))
    report = ingest.ingest_path(database, path)
    assert report.rows_loaded == 3 and report.notes[0].startswith("Read as Windows-1252")
    assert _rows(database, "SELECT influencer FROM posts ORDER BY 1") == [("josé",), ("müller",), ("zoë",)]


@pytest.mark.parametrize("encoding,name,line_break,handles", [
    ("cp1251", "Cyrillic (Windows-1251)", "\r\n", ["анна_блог", "пётр", "мода.москва"]),
    ("cp932", "Japanese (Shift-JIS)", "\r\n", ["山田", "田中", "ゆき_東京"]),      # kanji alone, then kana
    ("gb18030", "Chinese (GB18030)", "\r\n", ["小红", "小明", "美妆_北京"]),
    ("cp949", "Korean (EUC-KR)", "\r\n", ["김민지", "박하나", "뷰티_서울"]),          # read as GB18030: '缄刮瘤'
    ("big5", "Chinese, traditional (Big5)", "\r\n", ["林美玲", "陳宇", "美妝_台北"]),
    ("cp950", "Chinese, traditional (Big5)", "\r\n", ["恒美", "陳宇€", "美妝_台北"]),     # Windows' Big5: '恒', '€'

    ("mac_roman", "Mac Roman (Excel for Mac)", "\r", ["zoë.café", "maría_ñ", "françois"]),
    ("cp1252", "Windows-1252 (Latin-1)", "\r\n", ["zoë.café", "“pérez”", "gómez_€"]),
])
def test_files_in_the_encodings_excel_writes_elsewhere_read_as_written(database, tmp_path, encoding, name,
                                                                       line_break, handles):
    # Excel's CSV in Japan, China, Korea, Taiwan or Russia, and Excel for Mac's "CSV (Macintosh)": read as
    # Windows-1252, 'анна' was 'àííà', '山田' 'ŽR“c' and 'zoë' 'zo‘', and matched nothing in any other file
    path = tmp_path / "list.csv"
    lines = ["influencer,platform,followers", *(f"{h},instagram,{1000 * (i + 1)}" for i, h in enumerate(handles))]
    path.write_bytes((line_break.join(lines) + line_break).encode(encoding))
    report = ingest.ingest_path(database, path, kind="influencers")
    assert report.notes[0].startswith(f"Read as {name} text")
    assert [r[0] for r in _rows(database, "SELECT influencer FROM influencers ORDER BY followers")] == handles


def test_western_text_is_never_taken_for_another_script():
    # the accents, symbols and quotes of Western text (Windows-1252) in any mix: none reads as another script
    words = ["café", "Zoë", "Pérez", "Müller", "Straße", "crème brûlée", "“Summer”", "€300", "Ærø", "Œuvre", "½",
             "São Paulo", "déjà vu", "—", "‘tag’", "Señor", "Björk", "Ångström", "naïve", "façade", "™", "°C", "±5"]
    for n in range(1, len(words) + 1):
        for start in range(len(words)):
            chosen = (words * 2)[start:start + n]
            text = "".join(f"{w}{i};instagram;{i};{' '.join(chosen)}\r\n" for i, w in enumerate(chosen))
            assert ingest_read.legacy_encoding(("handle;platform;followers;caption\r\n" + text).encode("cp1252")) \
                == "latin-1", chosen
    # curly apostrophes before letters (Shift-JIS reads '’s' as one character), a price tier of '€€€' or a '¡¡¡'
    # (Windows-1251 reads runs of any bytes as Cyrillic)
    for text in ("It’s finally here\r\nDon’t miss the sale\r\n", "C’est l’été\r\nL’Oréal\r\n",
                 "chloé.paris;€€;Mode\r\nmarco;€€€;Food\r\n", "¡¡¡Oferta!!!\r\n"):
        assert ingest_read.legacy_encoding(("caption\r\n" + text * 3).encode("cp1252")) == "latin-1", text


def test_a_nul_in_one_cell_is_no_binary_file(database, tmp_path):
    # a NUL anywhere in the first 8 KB refused the whole file as "binary"; past them the same file loaded
    path = tmp_path / "posts.csv"
    path.write_bytes(b"influencer,followers,caption\nanna,1200,hel\x00lo\n" + b"bob,300,x\n" * 50)
    report = ingest.ingest_path(database, path)
    assert (report.error, report.rows_loaded + report.rows_rejected) == (None, 51)
    image = tmp_path / "photo.csv"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8)
    assert "looks binary" in ingest.ingest_path(database, image).error


def test_a_zip_or_a_json_file_is_named_for_what_it_is(database, tmp_path):
    # a zip read as a workbook was "This Excel file could not be opened"; JSON, read as a one-column CSV, failed on
    # its column mapping
    archive = tmp_path / "posts.csv"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("posts.csv", "influencer,likes\nanna,1\n")
    assert ingest.ingest_path(database, archive).error == ("This file is a zip archive, not a table: unzip it and "
                                                           "upload the files inside.")
    data = tmp_path / "posts.json"
    data.write_text(json.dumps([{"influencer": "anna", "likes": 1}]))
    assert ingest.ingest_path(database, data).error.startswith("JSON files are not read; export the data as a CSV")
    # an Apple Numbers document is a zip too, of the app's own files: unzipping it gives nothing to upload
    numbers = tmp_path / "creators.numbers"
    with zipfile.ZipFile(numbers, "w") as z:
        z.writestr("Index/Document.iwa", b"\x00\x01")
        z.writestr("Metadata/Properties.plist", "<plist/>")
    assert ingest.ingest_path(database, numbers).error == ingest_read.NUMBERS_FILE
    # a damaged archive (its central directory unreadable) is still named a zip archive
    numbers.write_bytes(archive.read_bytes().replace(b"PK\x01\x02", b"XX\x01\x02"))
    assert ingest.ingest_path(database, numbers).error.startswith("This file is a zip archive")


def test_accounts_in_several_lists_are_counted_and_the_latest_snapshot_kept(database, tmp_path):
    # Two monthly Instagram lists: anna and bob are in both (2 accounts), cy only in June. Each counts once.
    from microlens import db as mdb
    from microlens.facts import rebuild_facts

    may = write_csv(tmp_path, "ig_may.csv", "influencer,platform,followers,snapshot_date\n"
                                            "anna,instagram,10000,2025-05-01\nbob,instagram,20000,2025-05-01\n")
    june = write_csv(tmp_path, "ig_june.csv", "influencer,platform,followers,snapshot_date\n"
                                              "@Anna,Instagram,11000,2025-06-01\nbob,instagram,19000,2025-06-01\n"
                                              "cy,instagram,5000,2025-06-01\n")
    assert mdb.run(database, "accounts_in_several_lists", {}).iloc[0].tolist() == [0, 0, None]
    ingest.ingest_path(database, may, kind="influencers")
    ingest.ingest_path(database, june, kind="influencers")
    rebuild_facts(database)
    assert mdb.run(database, "accounts_in_several_lists", {}).iloc[0].tolist() == [2, 2, "anna"]
    assert _rows(database, "SELECT influencer, followers FROM influencer_profile ORDER BY 1") == [
        ("anna", 11_000), ("bob", 19_000), ("cy", 5_000)]        # June's rows, the latest snapshot


def test_an_account_takes_one_whole_row_the_latest_snapshot_or_the_file_loaded_last(database, tmp_path):
    # May lists anna at 10,000 followers, 500 average likes and $120 a post; June at 50,000 with likes and price
    # blank. June's row wins whole: likes and price unknown (taking May's $120 and dividing May's likes by June's
    # followers, 1.0%, gave a price and an ER that neither list states). Undated lists: the file loaded last wins,
    # whichever order they come in, and within a file the lower row.
    from microlens.facts import rebuild_facts

    may = write_csv(tmp_path, "may.csv", "influencer,platform,followers,avg_likes,price_per_post,snapshot_date\n"
                                         "anna,instagram,10000,500,120,2025-05-01\n")
    june = write_csv(tmp_path, "june.csv", "influencer,platform,followers,avg_likes,price_per_post,snapshot_date\n"
                                           "anna,instagram,50000,,,2025-06-01\n")
    old = write_csv(tmp_path, "old.csv", "influencer,platform,followers,avg_likes,price_per_post\n"
                                         "bob,tiktok,20000,800,90\n")
    new = write_csv(tmp_path, "new.csv", "influencer,platform,followers,avg_likes,price_per_post\n"
                                         "bob,tiktok,21000,700,95\nbob,tiktok,22000,600,99\n")
    profile = "SELECT influencer, followers, avg_engagements, price_per_post FROM influencer_profile ORDER BY 1"
    for order in ([june, may, old, new], [may, june, new, old]):
        for path in order:
            ingest.ingest_path(database, path, kind="influencers")
        rebuild_facts(database)
        bob = ("bob", 20_000, 800, 90.0) if order[-1] == old else ("bob", 22_000, 600, 99.0)   # new.csv's lower row
        assert _rows(database, profile) == [("anna", 50_000, None, None), bob]
        for path in order:
            ingest.forget_file(database, path.name)


def test_a_list_without_a_column_says_nothing_of_it(database, tmp_path):
    # a rate card, then a list of the same accounts with engagement and no prices: the list, loaded last, won whole
    # and every price of the card was gone (Prices: "none has a known price"); each column now comes from the
    # latest file that has it, the engagement figures together from one file
    from microlens.facts import rebuild_facts

    card = write_csv(tmp_path, "card.csv", "Handle,Platform,Followers,Price\nana,Instagram,45000,$350\n"
                                           "bo,TikTok,23000,$180\n")
    stats = write_csv(tmp_path, "stats.csv", "Handle,Platform,Followers,Avg likes,Country\n"
                                             "ana,Instagram,45200,1800,PT\nbo,TikTok,23400,2000,\n")
    totals = write_csv(tmp_path, "totals.csv", "Handle,Platform,Followers,Engagement average\n"
                                               "ana,Instagram,45300,2500\n")
    for path in (card, stats, totals):
        ingest.ingest_path(database, path, kind="influencers")
    rebuild_facts(database)
    assert _rows(database, "SELECT influencer, followers, price_per_post, avg_likes, avg_engagements, country "
                           "FROM influencer_profile ORDER BY 1") == [
        # ana: followers from totals (loaded last), price from the card, engagement from totals alone (its 2,500
        # in all; not stats' 1,800 likes beside it), country from stats
        ("ana", 45_300, 350.0, None, 2_500, "PT"),
        ("bo", 23_400, 180.0, 2_000, 2_000, None)]


def test_a_reject_is_numbered_by_its_data_row_in_the_file(database, tmp_path):
    # Rows count from 1 under the header (title lines above it not counted), broken lines included. A parsed row's
    # id skipped the broken lines above it (dee, row 4, was reported as 3) and a broken line carried the file's line
    # number (cy, row 3, as line 6).
    path = write_csv(tmp_path, "posts.csv", "My export\n\ninfluencer,likes,comments\nanna,1,2\nbob,lots,2\n"
                                            "cy,1,2,3\ndee,x,2\neve,1,2,3,4\nfay,-2,2\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6, 1, 5)
    rejected = ingest.rejects_frame(database)
    assert rejected["source_row"].tolist() == [2, 3, 4, 5, 6]
    assert rejected["reasons"].tolist() == ["Likes is not a number", "line has more cells than the header",
                                            "Likes is not a number", "line has more cells than the header",
                                            "Likes is negative"]
    assert rejected["influencer"].tolist()[::2] == ["bob", "dee", "fay"]


# --- a hostile-input review (5 Dec): numbers, dates and rows that loaded silently wrong ---------------------------

def test_a_rate_under_a_percent_header_is_a_percentage_whatever_its_size(database, tmp_path):
    # cell by cell, 0.85 read as a fraction (85%) beside 3.2 as 3.2%: big1's 10,200 likes of 1.2M followers is 0.85%
    path = write_csv(tmp_path, "list.csv", "Username,Platform,Followers,Engagement Rate (%),Avg Likes\n"
                                           "big1,Instagram,1200000,0.85,10200\nmicro2,Instagram,15000,1,150\n"
                                           "mid3,Instagram,150000,3.2,4800\n")
    ingest.ingest_path(database, path, kind="influencers")
    assert _rows(database, "SELECT influencer, engagement_rate FROM influencers ORDER BY 1") == [
        ("big1", 0.0085), ("micro2", 0.01), ("mid3", 0.032)]
    # without the word, the column's middle rate decides: above 0.2 (a 20% engagement rate as a fraction, which
    # only viral crawls have) every value is a percentage (0.85 beside 3.1 was 85%, and a 1.2M account with it
    # 'viral'); at or under it each cell decides, so one viral 1.35 beside Modash's fractions stays a percentage
    # of its own and the fractions stay fractions; a cell that is no number ('inf') has no say
    plain = write_csv(tmp_path, "plain.csv", "influencer,followers,engagement_rate\na,1000,0.85\nb,1000,3.1\n"
                                             "c,1000,4.5%\n")
    ingest.ingest_path(database, plain, kind="influencers")
    assert _rows(database, "SELECT influencer, engagement_rate FROM influencers WHERE source_file = 'plain.csv' "
                           "ORDER BY 1") == [("a", 0.0085), ("b", 0.031), ("c", 0.045)]
    plain = write_csv(tmp_path, "plain.csv", "influencer,followers,engagement_rate\na,1000,0.0234\nb,1000,0.85%\n"
                                             "c,1000,0.045\nd,1000,1.35\ne,1000,inf\nf,1000,0.038\n")
    ingest.ingest_path(database, plain, kind="influencers")
    assert _rows(database, "SELECT influencer, round(engagement_rate, 6) FROM influencers "
                           "WHERE source_file = 'plain.csv' ORDER BY 1") == [
        ("a", 0.0234), ("b", 0.0085), ("c", 0.045), ("d", 0.0135), ("f", 0.038)]
    # an audience share is a fraction up to 1 whatever its header says: 'Female pct' 0.82 is 82%, not 0.82%
    shares = write_csv(tmp_path, "shares.csv", "influencer,followers,female_pct,audience_country_pct\n"
                                               "a,1000,0.82,61\nb,1000,0.4,45\n")
    ingest.ingest_path(database, shares, kind="influencers")
    assert _rows(database, "SELECT influencer, audience_female_share, audience_country_share FROM influencers "
                           "WHERE source_file = 'shares.csv' ORDER BY 1") == [("a", 0.82, 0.61), ("b", 0.4, 0.45)]


def test_a_rate_typed_as_a_number_goes_by_its_size_whatever_its_header_says(database, tmp_path):
    # Excel shows 0.0234 formatted as a percentage as 2.34%, under 'ER %': read as a percentage, it was 0.0234%;
    # a marker beside the numbers has no say
    frame = pd.DataFrame({"Handle": ["maya", "tomo", "cara"], "Followers": [12_480, 1_200_000, 9_000],
                          "ER %": [0.0234, 0.0085, "n/a"]})
    frame.to_excel(tmp_path / "list.xlsx", index=False)
    ingest.ingest_path(database, tmp_path / "list.xlsx", kind="influencers")
    assert _rows(database, "SELECT influencer, engagement_rate FROM influencers ORDER BY 1") == [
        ("cara", None), ("maya", 0.0234), ("tomo", 0.0085)]
    # a General cell under 'ER (%)' holding 0.42 is 0.42% (a celebrity's rate), as are numbers above 1
    for rates in ([0.42, 0.85, 0.97], [2.34, 0.85, 1.5]):
        frame.assign(**{"ER %": rates}).rename(columns={"ER %": "ER (%)"}).to_excel(tmp_path / "list.xlsx",
                                                                                  index=False)
        ingest.ingest_path(database, tmp_path / "list.xlsx", kind="influencers")
        assert _rows(database, "SELECT round(engagement_rate, 6) FROM influencers ORDER BY influencer") == [
            (round(r / 100, 6),) for r in (rates[2], rates[0], rates[1])]
    # numbers typed as text under the header are percentages, small ones too
    frame.assign(**{"ER %": ["0.5", "0.85", "2"]}).to_excel(tmp_path / "list.xlsx", index=False)
    ingest.ingest_path(database, tmp_path / "list.xlsx", kind="influencers")
    assert _rows(database, "SELECT round(engagement_rate, 6) FROM influencers ORDER BY influencer") == [
        (0.02,), (0.005,), (0.0085,)]
    # Parquet stores the fraction as a double (a NaN among them has no say)
    frame.assign(**{"ER %": [0.0234, float("nan"), 0.0085]}).rename(columns={"ER %": "er_%"}).to_parquet(
        tmp_path / "list.parquet")
    ingest.ingest_path(database, tmp_path / "list.parquet", kind="influencers")
    assert _rows(database, "SELECT influencer, round(engagement_rate, 6) FROM influencers "
                           "WHERE source_file = 'list.parquet' ORDER BY 1") == [
        ("cara", 0.0085), ("maya", 0.0234), ("tomo", None)]


def test_european_numbers_are_read_as_such_in_any_file_that_writes_them(database, tmp_path):
    # a comma file: '12.500' followers were 13 and '1.250.000' 1,250,000 in the same column
    path = write_csv(tmp_path, "posts.csv", 'Influencer,Platform,Followers,Likes\nanna,Instagram,"12.500","1.234"\n'
                                            'cara,Instagram,"1.250.000","15.000"\n')
    report = ingest.ingest_path(database, path)
    assert "numbers in the European style" in report.notes[0]
    assert _rows(database, "SELECT influencer, followers, likes FROM posts ORDER BY 1") == [
        ("anna", 12_500, 1_234), ("cara", 1_250_000, 15_000)]
    # German Excel's text export: TAB, UTF-16, '1.020' comments beside '1.200,50 €'
    text = "influencer\tplatform\tfollowers\tcomments\tcost\nben\tinstagram\t20.000\t1.020\t1.200,50 €\n"
    utf16 = tmp_path / "export.txt"
    utf16.write_bytes(text.encode("utf-16"))
    ingest.ingest_path(database, utf16, kind="posts")
    assert _rows(database, "SELECT followers, comments, cost FROM posts WHERE influencer = 'ben'") == [
        (20_000, 1_020, 1200.5)]
    # one cell written the other way ('3.45') keeps the file as everyone else's: '1.234' is then 1.234
    mixed = write_csv(tmp_path, "mixed.csv", "influencer,followers,likes,cost\ndee,1000,5,3.45\neve,2000,5,1.234\n")
    assert "European" not in ingest.ingest_path(database, mixed).notes[0]
    assert _rows(database, "SELECT cost FROM posts WHERE influencer = 'eve'") == [(1.234,)]


def test_lines_ending_in_two_carriage_returns_are_one_line_break_each(database, tmp_path):
    # Python's csv module on Windows writes '\r\r\n': the reader broke lines at the first '\r' and every handle after
    # the first began with '\n'. The first row's caption puts one such ending across the copy's 1 MB chunks.
    header = b"influencer,platform,posted_at,likes,caption\r\r\n"
    first = b"u0,instagram,2024-01-01,5,"
    first += b"x" * ((1 << 20) - len(header) - len(first) - 2) + ingest_read.DOUBLE_CR
    assert len(header + first) == (1 << 20) + 1       # its '\r\r' end one chunk, its '\n' starts the next
    rows = b"".join(b"u%d,instagram,2024-01-0%d,%d,hi\r\r\n" % (i, i + 1, i) for i in range(1, 6))
    path = tmp_path / "scraped.csv"
    path.write_bytes(header + first + rows)
    report = ingest.ingest_path(database, path)
    assert (report.rows_read, report.rows_loaded) == (6, 6) and ingest_read.DOUBLE_CR_NOTE in report.notes[0]
    assert _rows(database, "SELECT influencer, likes, length(caption) FROM posts ORDER BY influencer") == [
        ("u0", 5, (1 << 20) - len(header) - 28), *[(f"u{i}", i, 2) for i in range(1, 6)]]


def test_a_carriage_return_alone_in_a_windows_file_is_a_line_break(database, tmp_path):
    # a stray '\r' in a line of a '\r\n' file: DuckDB took it and the ',' after it for one line break, and ',30'
    # loaded as an account named '30'; read as a line break (as in a '\n' file), the short line loads padded and the
    # line without an account is rejected with its reason
    path = tmp_path / "stray.csv"
    path.write_bytes(b"influencer,platform,followers,likes,comments\r\nanna,instagram,20000,400,20\r\n"
                     b"bob,instagram,30000,500\r,30\r\ncara,instagram,25000,300,10\r\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 3, 1)
    assert ingest_read.LONE_CR_NOTE in report.notes[0]
    assert report.reject_reasons == {f"Influencer handle ('influencer') is {ingest.MISSING_WORDS}": 1}
    assert _rows(database, "SELECT influencer, likes, comments FROM posts ORDER BY influencer") == [
        ("anna", 400, 20), ("bob", 500, None), ("cara", 300, 10)]
    # the same line in a '\n' file, which DuckDB reads so itself
    unix = tmp_path / "stray_unix.csv"
    unix.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    assert ingest_read.line_breaks_to_mend(unix.read_bytes()) == (False, False)
    again = ingest.ingest_path(database, unix)
    assert (again.rows_read, again.rows_loaded, again.rows_rejected) == (4, 3, 1)
    # a '\r' that ends the bytes read may be half of a line break; two before a '\n' are DOUBLE_CR's, not a stray
    assert ingest_read.line_breaks_to_mend(b"a,b\r\nc,d\r") == (False, False)
    assert ingest_read.line_breaks_to_mend(b"a,b\r\r\nc,d\r\r\n") == (True, False)
    assert ingest_read.line_breaks_to_mend(b"a,b\r\r\nc\r,d\r\r\n") == (True, True)


def test_counts_with_dots_between_thousands_are_read_so_where_nothing_else_says_the_style(database, tmp_path):
    # a German sheet saved as TAB text with counts alone: '12.500' followers and '1.020' likes were 13 and 1
    path = write_csv(tmp_path, "list.txt", "influencer\tplatform\tfollowers\tavg_likes\n"
                                           "anna\tinstagram\t12.500\t1.020\nbob\tinstagram\t3.400\t250\n"
                                           "carl\ttiktok\t250.000\t7.500\n")
    report = ingest.ingest_path(database, path, kind="influencers")
    assert _rows(database, "SELECT influencer, followers, avg_likes FROM influencers ORDER BY 1") == [
        ("anna", 12_500, 1_020), ("bob", 3_400, 250), ("carl", 250_000, 7_500)]
    assert ("'followers', 'avg_likes': numbers written with a dot between thousands, so '12.500' is read as 12,500 "
            "(not 12.5).") in report.notes
    # averages with three decimals in a file that writes its rates the US way, or beside plain whole counts, are
    # averages ('611.714' likes were 611,714)
    for rate in ("0.0144", ""):
        path = write_csv(tmp_path, "avg.csv", f"handle,platform,followers,avg_likes,engagement_rate\n"
                                              f"ana,instagram,22611,611.714,{rate}\nbo,instagram,20455,545.333,{rate}\n")
        report = ingest.ingest_path(database, path, kind="influencers")
        assert _rows(database, "SELECT avg_likes FROM influencers WHERE source_file = 'avg.csv' ORDER BY 1") == [
            (545,), (612,)], rate
        assert not any("between thousands" in note for note in report.notes)
    # a column with one number written otherwise ('12.5', '1,234') keeps every number as written
    for other in ("12.5", '"1,234"'):
        path = write_csv(tmp_path, "list.csv", f"influencer,followers,avg_likes\nanna,12000,3.250\nbob,9000,{other}\n")
        report = ingest.ingest_path(database, path, kind="influencers")
        assert _rows(database, "SELECT avg_likes FROM influencers WHERE influencer = 'anna' "
                                 "AND source_file = 'list.csv'") == [(3,)], other
        assert not any("between thousands" in note for note in report.notes)
    # a ';' file of '1.200,50 €' fees is European though a TikTok tool wrote its likes as '1.2K'
    path = write_csv(tmp_path, "list.csv", "influencer;platform;followers;avg_likes;price_per_post\n"
                                           "anna;tiktok;1.2K;3.4K;1.200,50 €\ncarl;instagram;12.500;1,2K;99,90 €\n")
    ingest.ingest_path(database, path, kind="influencers")
    assert _rows(database, "SELECT influencer, followers, avg_likes, price_per_post FROM influencers "
                           "WHERE source_file = 'list.csv' ORDER BY 1") == [
        ("anna", 1_200, 3_400, 1200.5), ("carl", 12_500, 1_200, 99.9)]


def test_fees_beside_counts_with_dots_between_thousands_are_read_alike(database, tmp_path):
    # a comma file whose followers say '12.500' is 12,500: its '1.500' fee is $1,500, not $1.50 (CPE $0.005)
    path = write_csv(tmp_path, "posts.csv", "influencer,platform,followers,likes,cost\n"
                                            "u1,instagram,12.500,300,1.500\nu2,instagram,45.000,200,€2.000\n"
                                            "u3,instagram,8.900,50,750\n")
    report = ingest.ingest_path(database, path, kind="posts")
    assert _rows(database, "SELECT influencer, followers, cost FROM posts ORDER BY 1") == [
        ("u1", 12_500, 1_500), ("u2", 45_000, 2_000), ("u3", 8_900, 750)]
    assert "'followers', 'cost': numbers written with a dot between thousands" in " ".join(report.notes)
    # without a count written so, a fee of '2.125' stays an amount with three decimals
    path = write_csv(tmp_path, "fees.csv", "influencer,platform,followers,likes,cost\nu4,instagram,12500,300,2.125\n")
    report = ingest.ingest_path(database, path, kind="posts")
    assert _rows(database, "SELECT cost FROM posts WHERE source_file = 'fees.csv'") == [(2.125,)]
    assert not any("between thousands" in note for note in report.notes)


def test_a_semicolon_file_with_commas_between_thousands_reads_its_counts_and_fees_so(database, tmp_path):
    # a ';' file is read the European way, but no count is '45,5' followers: '12,000' is 12,000, not 12 (and
    # '45,500' not 46), and its fees beside them are dollars by the thousand too
    path = write_csv(tmp_path, "posts.csv", "influencer;platform;followers;likes;comments;cost\n"
                                            "u1;instagram;12,000;1,200;30;1,200\nu2;instagram;45,500;2,100;40;$2,500\n"
                                            "u3;instagram;8,900;300;5;350\n")
    report = ingest.ingest_path(database, path, kind="posts")
    assert _rows(database, "SELECT influencer, followers, likes, cost FROM posts ORDER BY 1") == [
        ("u1", 12_000, 1_200, 1_200), ("u2", 45_500, 2_100, 2_500), ("u3", 8_900, 300, 350)]
    assert ("'followers', 'likes', 'cost': numbers written with a comma between thousands, so '12,500' is read as "
            "12,500 (not 12.5).") in report.notes
    # a decimal comma anywhere in the column ('4,5') keeps the column European
    path = write_csv(tmp_path, "eu.csv", "influencer;platform;followers;likes;cost\n"
                                         "u5;instagram;12000;1,200;4,5\nu6;instagram;9000;4,5;9,90\n")
    ingest.ingest_path(database, path, kind="posts")
    assert _rows(database, "SELECT likes, cost FROM posts WHERE source_file = 'eu.csv' ORDER BY 1") == [
        (1, 4.5), (5, 9.9)]


def test_a_semicolon_file_reads_every_comma_as_the_decimal_one(database, tmp_path):
    # '3,456%' was 3,456% (and its CPE a thousandth of the truth), '0,125' 125 and so 125%
    path = write_csv(tmp_path, "list.csv", "Handle;Platform;Followers;Engagement rate;Price;Avg likes\n"
                                           "anna;Instagram;12.500;4,6%;1.200,50;1,5K\nben;TikTok;980;0,125;300;45\n")
    ingest.ingest_path(database, path, kind="influencers")
    assert _rows(database, "SELECT influencer, followers, engagement_rate, price_per_post, avg_likes "
                           "FROM influencers ORDER BY 1") == [("anna", 12_500, 0.046, 1200.5, 1_500),
                                                              ("ben", 980, 0.00125, 300.0, 45)]
    path = write_csv(tmp_path, "list.csv", "Handle;Followers;Engagement rate\nanna;12.500;3,456%\n")
    ingest.ingest_path(database, path, kind="influencers")
    assert _rows(database, "SELECT engagement_rate FROM influencers") == [(0.03456,)]


def test_summary_rows_and_a_repeated_header_are_rejected_not_loaded_as_accounts(database, tmp_path):
    path = write_csv(tmp_path, "posts.csv", "handle,platform,likes,comments,views\nmaya,instagram,100,10,1000\n"
                                            "handle,platform,likes,comments,views\nSubtotal Instagram,,300,30,3000\n"
                                            "Total (3 creators),,600,60,6000\nAverage,,200,20,2000\nTOTAL IG,,1,1,1\n"
                                            "Median,,1,1,1\nTotal Beauty,instagram,5,1,50\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (8, 2, 6)
    assert report.reject_reasons == {ingest.TOTALS_REASON: 5, ingest.HEADER_REPEAT_REASON: 1}
    assert _rows(database, "SELECT influencer FROM posts ORDER BY 1") == [("maya",), ("total beauty",)]


def test_a_header_repeated_over_other_values_says_only_its_first_column_was_read(database, tmp_path):
    # an agency sheet with a block of columns per platform: its TikTok accounts were left out without a word
    path = write_csv(tmp_path, "creators.csv", "Creator,Instagram,Instagram,TikTok,TikTok\n"
                                               "Name,Handle,Followers,Handle,Followers\n"
                                               "Anna Lopez,anna.ig,12000,anna.tt,56000\n"
                                               "Bob Ray,bob.ig,3400,bob_tt,120000\n")
    report = ingest.ingest_path(database, path, kind="influencers")
    assert any(note.startswith("'Handle' and 'Followers' appear more than once in the header with other values "
                               "under them: only the first column of each name was read.") for note in report.notes)
    # a header of its own that ends in a number ('Followers_2023') is no repeat, and a short row no trouble
    path = write_csv(tmp_path, "years.csv", "Handle,Platform,Followers_2023,Followers\nanna,instagram,1000,1200\n"
                                            "carl,instagram,300\n")
    report = ingest.ingest_path(database, path, kind="influencers")
    assert (report.error, report.rows_read) == (None, 2) and not any("more than once" in n for n in report.notes)
    # a repeat that says the same in another form (a YouTube list's '224.4M' beside '224400000') is left unsaid
    path = write_csv(tmp_path, "yt.csv", "Youtuber,Subscribers,Subscribers,Avg. likes,Avg. likes\n"
                                         "tseries,224.4M,224400000,4.6K,4600\nmrbeast,104.1M,104100000,2.2M,2200000\n")
    report = ingest.ingest_path(database, path, kind="influencers")
    assert not any("more than once" in note for note in report.notes)
    # headers that differ in case alone are one name (DuckDB's): 'likes' after 'Likes' was dropped unsaid
    path = write_csv(tmp_path, "case.csv", "influencer,followers,Likes,likes\nanna,1000,1,3\nbob,2000,2,4\n")
    report = ingest.ingest_path(database, path, kind="posts")
    assert any(note.startswith("'Likes' appears more than once in the header with other values under it")
               for note in report.notes)
    assert _rows(database, "SELECT likes FROM posts WHERE source_file = 'case.csv' ORDER BY 1") == [(1,), (2,)]


def test_ids_written_as_excel_text_formulas_are_their_text(database, tmp_path):
    # '="17912345678901234"' keeps Excel from rounding an id: stored so, the posts matched no other file's ids
    path = write_csv(tmp_path, "posts.csv", 'influencer,platform,likes,post_id\nanna,instagram,5,="17912345678901234"\n'
                                            'bob,instagram,6,"=""17912345678901235"""\ncy,instagram,7,C1abc\n')
    assert ingest.ingest_path(database, path).rows_loaded == 3
    assert _rows(database, "SELECT post_id FROM posts ORDER BY likes") == [
        ("17912345678901234",), ("17912345678901235",), ("C1abc",)]


def test_empty_rows_are_rejected_as_empty_rows(database, tmp_path):
    # Excel's "Save as CSV" writes ',,,' for rows it once formatted: they were rejected as "handle is missing"
    path = write_csv(tmp_path, "posts.csv", "influencer,platform,followers,likes\nanna,instagram,100,5\n,,,\n"
                                            ",instagram,200,6\n,,,\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_read, report.rows_loaded) == (4, 1)
    assert report.reject_reasons == {ingest.EMPTY_ROW_REASON: 2,
                                     f"Influencer handle ('influencer') is {ingest.MISSING_WORDS}": 1}


def test_slash_dates_no_day_past_the_12th_decides_go_by_the_files_number_style_and_say_so(database, tmp_path):
    # a German sheet's 01/02/2024 was 2 January, its posts a month off and no note said the order was a guess
    path = write_csv(tmp_path, "de.csv", "Creator;Plattform;Datum;Likes;Kosten\nanna;Instagram;01/02/2024;1.234;"
                                         "1.200,50 €\nbob;Instagram;05-03-2024;50;100,00 €\n")
    report = ingest.ingest_path(database, path)
    assert "dates day first (01/02/2024 is 1 February), as European files write them" in report.notes[0]
    assert [str(r[0]) for r in _rows(database, "SELECT CAST(posted_at AS DATE) FROM posts ORDER BY 1")] == [
        "2024-02-01", "2024-03-05"]
    # a file in the US style keeps month first, and says the order is a guess
    path = write_csv(tmp_path, "us.csv", "influencer,platform,posted_at,likes,cost\nanna,instagram,01/02/2024,5,"
                                         "$120.50\n")
    report = ingest.ingest_path(database, path)
    assert "dates month first (01/02/2024 is 2 January): no date in the first rows" in report.notes[0]
    assert _rows(database, "SELECT CAST(posted_at AS DATE)::VARCHAR FROM posts WHERE source_file = 'us.csv'") == [
        ("2024-01-02",)]


def test_slash_dates_are_read_day_first_when_the_file_writes_them_so(database, tmp_path):
    # 05/12/2024 was 12 May beside 25/12/2024 rejected as no date; a campaign ran from 02/12 (read 12 Feb)
    path = write_csv(tmp_path, "posts.csv", "influencer,platform,likes,posted_at\nanna,instagram,10,05/12/2024\n"
                                            "ben,instagram,10,25/12/2024\ncy,instagram,1,2024-12-06\n")
    report = ingest.ingest_path(database, path)
    assert report.rows_rejected == 0 and "dates day first" in report.notes[0]
    assert [str(r[0]) for r in _rows(database, "SELECT CAST(posted_at AS DATE) FROM posts ORDER BY influencer")] == [
        "2024-12-05", "2024-12-25", "2024-12-06"]
    # a US file stays month first, and one date that fits neither order is rejected, not guessed
    us = write_csv(tmp_path, "us.csv", "influencer,likes,posted_at\ndee,1,05/12/2024\neve,1,12/25/2024\n")
    assert ingest.ingest_path(database, us).rows_rejected == 0
    assert [str(r[0]) for r in _rows(database, "SELECT CAST(posted_at AS DATE) FROM posts WHERE influencer IN "
                                               "('dee', 'eve') ORDER BY 1")] == ["2024-05-12", "2024-12-25"]


def test_platform_spellings_and_instagrams_paid_label_load(database, tmp_path):
    path = write_csv(tmp_path, "posts.csv", "influencer,platform,likes,sponsored\nanna,IG ,10,Paid partnership\n"
                                            "ben,IG Story,20,no\ncy,YT ,30,Ja\ndee,tik tok,1,✓\n")
    report = ingest.ingest_path(database, path)
    assert report.rows_rejected == 0
    assert _rows(database, "SELECT influencer, platform, sponsored FROM posts ORDER BY 1") == [
        ("anna", "instagram", True), ("ben", "instagram", False), ("cy", "youtube", True), ("dee", "tiktok", True)]


def test_json_saved_as_csv_is_said_to_be_json_at_once(database, tmp_path):
    # one line of 32,000 objects made 64,000 headers; naming their repeats took minutes (each repeat counted up
    # from _1 again), and the message then spoke of missing columns
    path = tmp_path / "export.csv"
    path.write_text(json.dumps([{"influencer": "a" * 10, "likes": i} for i in range(32_000)]), encoding="utf-8")
    assert ingest.ingest_path(database, path).error == ("This file holds JSON, which is not read; export the data as "
                                                        f"a {ingest_read.SUPPORTED} file.")
    names = ingest.unique_headers(["likes"] * 30_000)
    assert len(set(names)) == 30_000 and names[:3] == ["likes", "likes_1", "likes_2"] and names[-1] == "likes_29999"


def test_merged_cells_in_excel_fill_every_row_they_cover(database, tmp_path):
    # a handle merged over its three posts' rows was in the first only: two posts rejected as having no influencer,
    # and a campaign merged over five rows left four without one, silently. Data from column B, under a title.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B1"] = "Q4 report"
    rows = [["Influencer", "Platform", "Campaign", "Likes"], ["@anna", "instagram", "Xmas", 1], [None, None, None, 2],
            [None, None, None, 3], ["@ben", "tiktok", None, 4], [None, None, None, 5]]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=2):
            sheet.cell(r, c, value)
    for cells in ("B4:B6", "C4:C6", "D4:D8", "B7:B8", "C7:C8"):
        sheet.merge_cells(cells)
    path = tmp_path / "posts.xlsx"
    book.save(path)
    report = ingest.ingest_path(database, path)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (5, 5, 0)
    assert _rows(database, "SELECT influencer, platform, campaign, likes FROM posts ORDER BY likes") == [
        ("anna", "instagram", "Xmas", 1), ("anna", "instagram", "Xmas", 2), ("anna", "instagram", "Xmas", 3),
        ("ben", "tiktok", "Xmas", 4), ("ben", "tiktok", "Xmas", 5)]


def test_handles_and_followers_alone_are_an_influencer_list(database, tmp_path):
    # detected as posts, every account showed one post of 0 engagements and a 0% engagement rate
    roster = write_csv(tmp_path, "roster.csv", "Handle,Platform,Followers\n@anna,Instagram,12500\n")
    assert ingest.ingest_path(database, roster).kind == "influencers"
    posts = write_csv(tmp_path, "posts.csv", "Handle,Platform,Followers,Likes\nben,Instagram,1000,20\n")
    assert ingest.ingest_path(database, posts).kind == "posts"


def test_one_account_written_as_a_handle_an_address_or_with_invisible_characters(database, tmp_path):
    # each made an account of its own: the same person's posts split in four
    forms = ["@GlowWithMaya", "https://www.instagram.com/glowwithmaya/", "\u200b@glowwithmaya", "＠glowwithmaya",
             "https://www.tiktok.com/@glowwithmaya/video/1", "https://www.youtube.com/c/glowwithmaya"]
    body = "".join(f'"{form}",{i}\n' for i, form in enumerate(forms, start=1))
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "influencer,likes\n" + body + "glow.with.maya,9\n"))
    assert _rows(database, "SELECT influencer, count(*) FROM posts GROUP BY 1 ORDER BY 1") == [
        ("glow.with.maya", 1), ("glowwithmaya", 6)]


def test_a_file_read_as_one_column_says_its_columns_were_not_told_apart(database, tmp_path):
    # a '^' or ':' between columns, a fixed-width report, a header under a dozen lines of notes: each was "no column
    # for Influencer handle and Followers", which sent the user to a mapping with one column in it
    lines = "\n".join(f"Report line {i}" for i in range(1, 13))
    for name, text in (("caret.csv", "influencer^platform^followers\na^instagram^1000\n"),
                       ("fixed.txt", "influencer  platform   followers\na           instagram  1000\n"),
                       ("notes.csv", lines + "\ninfluencer,platform,followers\na,instagram,1000\n")):
        report = ingest.ingest_path(database, write_csv(tmp_path, name, text))
        assert report.error.startswith("Every line of this file was read as one column ("), name
        assert "Save it as CSV with the column names on the first line" in report.error
    # a file of one named column is told which column it lacks, a list of handles under a heading too
    report = ingest.ingest_path(database, write_csv(tmp_path, "one.csv", "influencer\nu0\nu1\n"), kind="influencers")
    assert report.error.startswith("This file has no column for Followers")
    report = ingest.ingest_path(database, write_csv(tmp_path, "creators.csv", "Creators\n@maya\n@tomo\n"))
    assert report.error.startswith("This file has no column for Influencer handle")
    # (a list of profile addresses: the ':' of 'https://' is no column mark)
    report = ingest.ingest_path(database, write_csv(tmp_path, "links.csv", "Links\nhttps://www.instagram.com/maya/\n"))
    assert report.error.startswith("This file has no column for")


def test_a_header_without_data_says_so(database, tmp_path):
    report = ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", "influencer,likes\n"))
    assert (report.error, report.rows_read) == (None, 0)
    assert "The file has a header row but no rows of data under it: nothing was loaded." in report.notes


def test_a_workbook_with_a_sheet_per_platform_says_what_it_did_not_read(database, tmp_path):
    # 2 of 5 rows loaded and only "Read sheet 'Instagram' of 2." said so; the sheet's name names the platform
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Instagram"
    for row in (["Username", "Followers", "Likes"], ["anna", 12000, 300], ["ben", 20000, 400]):
        first.append(row)
    second = book.create_sheet("TikTok")
    for row in (["Username", "Followers", "Likes"], ["cy", 5000, 900], ["dee", 7000, 100], ["eve", 9000, 50]):
        second.append(row)
    book.create_sheet("Notes").append(["Exported 5 Dec"])
    path = tmp_path / "creators.xlsx"
    book.save(path)
    report = ingest.ingest_path(database, path)
    assert report.platform == "instagram" and report.rows_loaded == 2
    assert ("The workbook has data on other sheets too (TikTok), which were not read: save each sheet as a file of "
            "its own (CSV) and upload them all.") in report.notes


def test_words_for_no_fee_and_more_spreadsheet_markers_load(database, tmp_path):
    # 'Gifted' or 'Free' as the cost rejected the post as "cost is not an amount"; '#ERROR!', '#SPILL!', 'TBD',
    # '(blank)' and 'Loading...' rejected it as not a number
    path = write_csv(tmp_path, "posts.csv", "influencer,likes,comments,cost\nanna,10,#ERROR!,Gifted\n"
                                            "ben,#SPILL!,2,Free\ncy,(blank),3,TBD\ndee,Loading...,4,on request\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_loaded, report.rows_rejected) == (3, 1)
    assert report.reject_reasons == {"Cost of this post ('cost') is not an amount": 1}   # 'on request' is none
    assert _rows(database, "SELECT influencer, likes, comments, cost FROM posts ORDER BY 1") == [
        ("anna", 10, None, 0.0), ("ben", None, 2, 0.0), ("cy", None, 3, None)]


def test_a_workbook_reads_a_visible_sheet_before_a_hidden_one(database, tmp_path):
    # a hidden 'Posts' (an earlier version) was read before the visible 'Posts visible' of the same columns
    book = openpyxl.Workbook()
    book.active.title = "Readme"
    book.active.append(["Exported 5 Dec"])
    for title, rows, state in (("Posts", [["old", 1]], "hidden"), ("Posts visible", [["anna", 5], ["ben", 7]], None)):
        sheet = book.create_sheet(title)
        for row in (["influencer", "likes"], *rows):
            sheet.append(row)
        if state:
            sheet.sheet_state = state
    path = tmp_path / "posts.xlsx"
    book.save(path)
    report = ingest.ingest_path(database, path, kind="posts")
    assert report.notes[0].startswith("Read sheet 'Posts visible' of 3")
    assert _rows(database, "SELECT influencer FROM posts ORDER BY 1") == [("anna",), ("ben",)]
    # said apart from other data left unread: uploading it too, as that note asks, would count its posts twice
    assert "Hidden sheet not read: Posts." in report.notes
    assert not any(note.startswith("The workbook has data on other sheets too") for note in report.notes)
    # a workbook whose data is on a hidden sheet alone is read, and says the sheet is hidden
    book.remove(book["Posts visible"])
    book.save(path)
    report = ingest.ingest_path(database, path, kind="posts")
    assert report.notes[0].startswith("Read hidden sheet 'Posts' of 2") and report.rows_loaded == 1


def test_a_workbook_formula_without_a_saved_result_is_said_to_read_as_empty(database, tmp_path):
    # openpyxl and reporting tools write '=250*2' without its result: the cost loaded as none (the post then took
    # an estimated cost) and nothing said why
    book = openpyxl.Workbook()
    for row in (["influencer", "platform", "followers", "likes", "cost"], ["fx", "instagram", 50000, 1000, "=250*2"],
                ["gy", "instagram", 40000, 800, 300]):
        book.active.append(row)
    path = tmp_path / "posts.xlsx"
    book.save(path)
    report = ingest.ingest_path(database, path, kind="posts")
    assert ("1 cell of sheet 'Sheet' holds a formula without a saved result (the program that wrote the workbook did "
            "not calculate it), so it reads as empty: open the file in Excel or LibreOffice, save it, and upload it "
            "again.") in report.notes
    assert _rows(database, "SELECT influencer, cost FROM posts ORDER BY 1") == [("fx", None), ("gy", 300)]
    # saved by Excel, the result stands beside the formula: it is read, and nothing needs saying
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp_path / "saved.xlsx", "w") as saved:
        for item in source.infolist():
            data = source.read(item)
            saved.writestr(item, data.replace(b"<f>250*2</f><v></v>", b"<f>250*2</f><v>500</v>")
                           if item.filename.endswith("sheet1.xml") else data)
    report = ingest.ingest_path(database, tmp_path / "saved.xlsx", kind="posts")
    assert not any("saved result" in note for note in report.notes)
    assert _rows(database, "SELECT cost FROM posts WHERE source_file = 'saved.xlsx' AND influencer = 'fx'") == [
        (500,)]


def test_number_styles_are_not_guessed_from_too_little(database, tmp_path):
    # a ';' file that writes '12,500' and '1,200.50' is no European file (followers were 13); a comma file whose
    # rates have three decimals ('2.345') is no European file either (its ER became 2,345%)
    semi = write_csv(tmp_path, "semi.csv", "handle;platform;followers;likes;cost\nmaya;instagram;12,500;1,234;1,200.50\n")
    ingest.ingest_path(database, semi)
    assert _rows(database, "SELECT followers, likes, cost FROM posts") == [(12_500, 1_234, 1200.5)]
    rates = write_csv(tmp_path, "rates.csv", "handle,platform,followers,engagement_rate\nana,instagram,12500,2.345\n"
                                             "bo,instagram,20000,1.250\n")
    assert "European" not in ingest.ingest_path(database, rates, kind="influencers").notes[0]
    assert [r[0] for r in _rows(database, "SELECT engagement_rate FROM influencers ORDER BY 1")] == pytest.approx(
        [0.0125, 0.02345])


def test_a_merged_amount_stays_one_amount(database, tmp_path):
    # a $900 package fee merged over a creator's three posts was copied onto each ($2,700 of spend)
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Influencer", "Likes", "Cost"], ["maya", 1, 900], [None, 2, None], [None, 3, None]):
        sheet.append(row)
    sheet.merge_cells("A2:A4")
    sheet.merge_cells("C2:C4")
    path = tmp_path / "fees.xlsx"
    book.save(path)
    ingest.ingest_path(database, path)
    assert _rows(database, "SELECT influencer, likes, cost FROM posts ORDER BY likes") == [
        ("maya", 1, 900.0), ("maya", 2, None), ("maya", 3, None)]


def test_handles_that_read_like_totals_or_markers_and_post_addresses_are_kept(database, tmp_path):
    path = write_csv(tmp_path, "posts.csv", "influencer,likes\ntotal_ig,1\ntotal.fb,2\nTBD,3\nTBD ,4\n"
                                            "https://www.instagram.com/p/C1abc/,5\ninstagram.com/glowwithmaya,6\n")
    report = ingest.ingest_path(database, path)
    assert report.rows_rejected == 0
    # a post's address names no account: it stays whole (read as a handle, every post address was one account 'p')
    assert _rows(database, "SELECT influencer, sum(likes) FROM posts GROUP BY 1 ORDER BY 1") == [
        ("glowwithmaya", 6), ("https://www.instagram.com/p/c1abc/", 5), ("tbd", 7), ("total.fb", 2), ("total_ig", 1)]


def test_a_footnote_under_the_table_is_rejected_as_a_note_not_loaded_as_an_account(database, tmp_path):
    # the note fills the account column alone; a display name with spaces and figures beside it is an account
    path = write_csv(tmp_path, "posts.csv", "influencer,likes,cost\nana lopez,10,100\nmaya,20,\n,,\n"
                                            '"* Fees exclude VAT. Gifted product not included.",,\n')
    report = ingest.ingest_path(database, path)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 2, 2)
    assert report.reject_reasons[ingest.NOTE_REASON] == 1
    assert _rows(database, "SELECT influencer FROM posts ORDER BY 1") == [("ana lopez",), ("maya",)]


def test_a_workbook_s_text_cells_follow_the_sheet_s_conventions(database, tmp_path):
    # dates and numbers typed as text in a workbook were read as in no file: 05/01/2024 as 1 May beside 25/01/2024
    # rejected, and '1.500 €' as 1.5 beside '12,5K' and '0,85%'
    frame = pd.DataFrame({"Creator": ["maya", "tomo", "rita"], "Posted": ["05/01/2024", "25/01/2024", "13/02/2024"],
                          "Likes": ["1.020", "12,5K", "300"], "Kosten": ["1.500 €", "250,50 €", 99.5]})
    frame.to_excel(tmp_path / "posts.xlsx", index=False)
    report = ingest.ingest_path(database, tmp_path / "posts.xlsx", kind="posts")
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    assert "numbers typed as text in the European style" in report.notes[0]
    assert "dates typed as text day first" in report.notes[0]
    # a number typed as such (99.5) stays itself in a European sheet
    assert _rows(database, "SELECT influencer, posted_at, likes, cost FROM posts ORDER BY posted_at") == [
        ("maya", dt.datetime(2024, 1, 5), 1_020, 1500.0), ("tomo", dt.datetime(2024, 1, 25), 12_500, 250.5),
        ("rita", dt.datetime(2024, 2, 13), 300, 99.5)]
    # a note in a text cell is no value: its '2,5' made a sheet of '$1,200' fees European ($1.20)
    pd.DataFrame({"Creator": ["maya", "tomo"], "Followers": [12_000, 30_000], "Price": ["$1,200", "$2,500"],
                  "Notes": ["rate 2,5 reels", ""]}).to_excel(tmp_path / "fees.xlsx", index=False)
    report = ingest.ingest_path(database, tmp_path / "fees.xlsx", kind="influencers")
    assert "European" not in report.notes[0]
    assert _rows(database, "SELECT price_per_post FROM influencers ORDER BY 1") == [(1200.0,), (2500.0,)]
    # numbers typed as numbers say nothing of the convention: a US sheet with text dates stays month first
    pd.DataFrame({"Creator": ["maya"], "Posted": ["05/01/2024"], "Likes": [1020.5]}).to_excel(
        tmp_path / "posts.xlsx", index=False)
    report = ingest.ingest_path(database, tmp_path / "posts.xlsx", kind="posts")
    assert "European" not in report.notes[0]
    assert _rows(database, "SELECT posted_at, likes FROM posts") == [(dt.datetime(2024, 5, 1), 1_021)]


def test_a_date_cell_formatted_as_a_number_is_the_day_it_counts(database, tmp_path):
    # Excel's General format shows a date as its day number (45296): every post was rejected as having no date
    pd.DataFrame({"Creator": ["maya", "tomo"], "Post date": [45296, 45297.25], "Likes": [100, 200]}).to_excel(
        tmp_path / "posts.xlsx", index=False)
    report = ingest.ingest_path(database, tmp_path / "posts.xlsx", kind="posts")
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    assert _rows(database, "SELECT influencer, posted_at FROM posts ORDER BY 1") == [
        ("maya", dt.datetime(2024, 1, 5)), ("tomo", dt.datetime(2024, 1, 6, 6))]


def test_amounts_in_other_dollars_and_rupees_are_named_as_not_converted(database, tmp_path):
    path = write_csv(tmp_path, "rates.csv", "Handle,Followers,Price\na,10000,US$250\nb,10000,A$300\n"
                                            "c,10000,\"Rs. 5,000\"\n")
    report = ingest.ingest_path(database, path, kind="influencers")
    assert report.rows_loaded == 3
    assert any("'Price' has amounts in AUD, ₹:" in note for note in report.notes)


def test_files_whose_name_or_mark_misleads_are_read_for_what_they_are(database, tmp_path):
    text = "influencer,followers,likes\nmaya,12000,300\ntomo,1500000,9000\n"
    # UTF-16 without its byte-order mark (a Windows tool's export) was "binary"
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"export_{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        report = ingest.ingest_path(database, path, kind="posts")
        assert (report.rows_loaded, report.rows_rejected) == (2, 0)
        assert "Read as UTF-16" in report.notes[0]
    # a CSV named .xlsx was "damaged or password-protected"
    path = tmp_path / "posts.xlsx"
    path.write_text(text, encoding="utf-8")
    assert ingest.ingest_path(database, path, kind="posts").rows_loaded == 2
    # an HTML table saved as .xls (Google Sheets, web tools) is named as such
    path = tmp_path / "report.xls"
    path.write_text("<html><body><table><tr><td>influencer</td><td>likes</td></tr></table></body></html>")
    assert "web page (HTML) or XML saved under an Excel name" in ingest.ingest_path(database, path).error


def test_a_header_repeated_mid_file_is_rejected_as_such_not_for_its_cells(database, tmp_path):
    path = write_csv(tmp_path, "posts.csv", "handle,followers,likes,date\nmaya,12000,300,2024-01-05\n"
                                            "handle,followers,likes,date\nrita,45000,1300,2024-02-01\n")
    report = ingest.ingest_path(database, path, kind="posts")
    assert report.reject_reasons == {ingest.HEADER_REPEAT_REASON: 1}
    assert ingest.rejects_frame(database)["reasons"].tolist() == [
        f"{ingest.HEADER_REPEAT_REASON}; Followers at post time ('followers') is not a number; "
        "Posted at ('date') is not a date"]


def test_a_closing_ctrl_z_line_is_no_account(database, tmp_path):
    # old Windows tools end a text file with Ctrl-Z (0x1A): it loaded as an account named '\x1a' on 'other'
    path = tmp_path / "posts.csv"
    path.write_bytes(b"influencer,platform,followers,likes\r\nann,instagram,20000,10\r\nbob,instagram,30000,20\r\n\x1a")
    report = ingest.ingest_path(database, path)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert _rows(database, "SELECT DISTINCT influencer FROM posts ORDER BY 1") == [("ann",), ("bob",)]


def test_amounts_of_money_are_no_count_of_orders(database, tmp_path):
    # Shopify's 'Sales' of a code, in dollars: read as orders, '$1,234.50' was 1,235 orders and no revenue
    path = write_csv(tmp_path, "sales.csv", 'Code,Sales\nANA15,"$1,234.50"\nBEA10,$99.99\n')
    report = ingest.ingest_path(database, path)
    assert (report.kind, report.mapping, report.rows_loaded) == ("conversions", {"coupon_code": "Code",
                                                                                 "revenue": "Sales"}, 2)
    assert "'Sales' holds amounts of money ('$1,234.50'), not counts of orders: it is read as revenue." in report.notes
    assert _rows(database, "SELECT coupon_code, orders, revenue FROM conversions ORDER BY 1") == [
        ("ANA15", None, 1234.5), ("BEA10", None, 99.99)]
    # beside a revenue column, an amount under orders is rejected, and says why
    path = write_csv(tmp_path, "orders.csv", "Code,Orders,Revenue\nANA15,$5,500\nBEA10,3,300\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_loaded, report.reject_reasons) == (1, {"Orders is an amount of money, not a count": 1})



def test_an_amount_in_a_count_gives_its_own_reason_and_no_other(database, tmp_path):
    # the count's parser marks an amount with a value no count has (ingest.AMOUNT_IN_COUNT), so the reason is a
    # test of the parsed value: an amount under a required count is not also "missing" (nor is a word there: the
    # report counted 'lots' as a missing follower count), and no reason says "negative" for it; a real negative
    # beside it still does
    path = write_csv(tmp_path, "list.csv", "handle,followers,avg_likes\nann,$5,10\nbob,1200,-3\ncyd,lots,4\n"
                                          "dan,800,USD 40\neve,900,12\n")
    report = ingest.ingest_path(database, path, kind="influencers")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (5, 1, 4)
    assert _rows(database, "SELECT source_row, reasons FROM rejects ORDER BY source_row") == [
        (1, ["Followers is an amount of money, not a count"]), (2, ["Average likes ('avg_likes') is negative"]),
        (3, ["Followers is not a number"]),
        (4, ["Average likes ('avg_likes') is an amount of money, not a count"])]
    # the macro on its own (as ml_deliverables and any other caller use it): an amount is no count, NULL
    assert database.execute("SELECT ml_count('$5'), ml_count('USD 40'), ml_count('40')").fetchone() == (None, None, 40)

def test_refunds_in_conversions_load_and_subtract(database, tmp_path):
    # a refund takes its money back, and its order with it: rejected, the code's revenue was $140 too high
    path = write_csv(tmp_path, "orders.csv", 'coupon_code,orders,revenue\nANA15,5,500.00\nANA15,-1,-100.00\n'
                                             'BEA10,2,(40.00)\nBEA10,1,-$50.00\nBEA10,-1,\n')
    report = ingest.ingest_path(database, path)
    # a negative order count with no refund amount beside it is no refund
    assert (report.rows_loaded, report.reject_reasons) == (4, {"Orders is negative": 1})
    assert _rows(database, "SELECT coupon_code, sum(orders), sum(revenue) FROM conversions GROUP BY 1 ORDER BY 1") == [
        ("ANA15", 4, 400.0), ("BEA10", 3, -90.0)]
    # a post's fee is never negative
    path = write_csv(tmp_path, "posts.csv", "influencer,likes,cost\nana,5,(40.00)\n")
    assert ingest.ingest_path(database, path).reject_reasons == {"Cost of this post ('cost') is negative": 1}


def test_a_files_own_text_never_enters_the_sql(database, tmp_path, monkeypatch):
    # headers, the account typed for a file and a reason quoting a header are bound as values; columns are known
    # by position, so a header written as SQL is only ever a header
    hostile = ["influencer", "x\"); DROP TABLE loads; --", "likes' || getenv('HOME') || '", "__src_0"]
    path = write_csv(tmp_path, "posts.csv", ",".join(f'"{h.replace(chr(34), chr(34) * 2)}"' for h in hostile)
                     + "\nana,1,10,a\nbob,2,lots,b\n")
    statements = []
    execute = database.execute
    monkeypatch.setattr(database, "execute", lambda sql, params=None: statements.append(sql) or execute(sql, params))
    report = ingest.ingest_path(database, path, mapping={"likes": hostile[2]}, kind="posts", account="O'Brien")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 1, 1)
    assert not any(h.lower() in sql.lower() for sql in statements for h in hostile[1:3] + ["o'brien", "o''brien"])
    assert _rows(database, "SELECT influencer, likes FROM posts") == [("o'brien", 10)]
    rejected = ingest.rejects_frame(database)
    assert rejected[hostile].values.tolist() == [["bob", "2", "lots", "b"]]
    assert rejected["reasons"].tolist() == [f"Likes ('{hostile[2]}') is not a number"]


def test_a_file_that_quotes_every_cell_keeps_its_quotes_when_one_is_left_open(database, tmp_path):
    # R's write.csv quotes every text cell: one cell left open broke a line or two, and reading the quotes as text
    # instead loaded no row at all ('"2026-03-01"' is no date)
    lines = ['"handle","platform","followers","likes","posted_at","caption"']
    lines += [f'"user{i}","instagram",{20000 + i},{100 + i},"2026-03-{i + 1:02d}","post {i}"' for i in range(28)]
    lines.insert(10, '"oops","instagram",20000,5,"2026-03-09","he said ""wow')
    report = ingest.ingest_path(database, write_csv(tmp_path, "r.csv", "\n".join(lines) + "\n"))
    assert report.rows_loaded >= 26 and report.rows_read == report.rows_loaded + report.rows_rejected
    assert not any("read as part of the text" in n for n in report.notes)


def test_a_posts_export_with_a_comment_count_is_posts(database, tmp_path):
    # 'Comment' over numbers is a count, not a comment's text: the file was read as comments, its posts lost
    path = write_csv(tmp_path, "posts.csv", "Handle,Post URL,Likes,Comment,Date\n"
                     "alice,https://www.instagram.com/p/AAA/,120,14,2026-03-01\n"
                     "bob,https://www.instagram.com/p/BBB/,300,22,2026-03-02\n")
    report = ingest.ingest_path(database, path)
    assert report.kind == "posts" and report.rows_loaded == 2


def test_whole_order_counts_written_with_cents_stay_orders(database, tmp_path):
    # '3.00' orders in a file without revenue were moved to revenue as dollars
    report = ingest.ingest_path(database, write_csv(tmp_path, "orders.csv", "code,orders\nA1,3.00\nA2,4.00\n"))
    assert report.kind == "conversions" and report.mapping.get("orders") == "orders"
    assert _rows(database, "SELECT coupon_code, orders FROM conversions ORDER BY 1") == [("A1", 3), ("A2", 4)]


# Cells of every sort in every column: a value, nothing, missing markers, spreadsheet errors, words, amounts, signs,
# scale words, dates, and text that casts to an infinite number or date (which no parse may load).
MESSY_CELLS = ["7", "", "N/A", "#SPILL!", "lots", "$5", "-3", "Share", "(40.00)", "1,2 Mio.", "25/12/2024",
               "2026-03-01", "1e400", "-inf", "inf", "-infinity", "infinity", "yes", "12.5%", "0"]
_PLAIN = {schema.COUNT: "7", schema.INT: "2", schema.MONEY: "12.50", schema.RATIO: "0.05",
          schema.DATE: "2026-03-01", schema.TIMESTAMP: "2026-03-01 10:00:00", schema.BOOL: "yes"}
_BEYOND_VALUES = {schema.COUNT: "{c} <= -9223372036854775806", schema.INT: "{c} <= -9223372036854775806",
                  schema.MONEY: "NOT isfinite({c})", schema.RATIO: "NOT isfinite({c})",
                  schema.DATE: "NOT isfinite({c})", schema.TIMESTAMP: "NOT isfinite({c})"}


@pytest.mark.parametrize("kind", schema.KINDS)
def test_no_parse_loads_a_value_beyond_every_real_one(database, tmp_path, kind):
    # A parse marks what it cannot read (ingest.NOT_PARSED, AMOUNT_IN_COUNT) with values below every real one, and
    # such a row is rejected: a loaded -9.2e18 likes or a cost of -inf would be summed into every number. Nor does a
    # cell that casts to infinity load as a count, amount, rate or date. One messy cell a row, in each column in turn.
    columns = schema.columns(kind)
    # (text unique to each row: rows of one account, platform and post id would be one post, counted once)
    cells = [[cell if i == j else f"{c.name}{n}" if c.type == schema.TEXT else _PLAIN[c.type]
              for i, c in enumerate(columns)]
             for n, (j, cell) in enumerate((j, cell) for j, c in enumerate(columns) if c.type != schema.TEXT
                                           for cell in MESSY_CELLS)]
    rows = [",".join(f'"{cell}"' for cell in row) for row in cells]
    path = write_csv(tmp_path, f"{kind}.csv", ",".join(c.name for c in columns) + "\n" + "\n".join(rows) + "\n")
    report = ingest.ingest_path(database, path, kind=kind, mapping={c.name: c.name for c in columns})
    assert report.error is None and report.rows_read == len(rows)
    assert report.rows_loaded + report.rows_rejected == len(rows) and 0 < report.rows_rejected < len(rows)
    for c in columns:
        if c.type in _BEYOND_VALUES:
            test = _BEYOND_VALUES[c.type].format(c=f'"{c.name}"')
            assert _rows(database, f'SELECT count(*) FROM "{kind}" WHERE {test}') == [(0,)], c.name


# Values no real export holds, each a slip that once loaded and broke the pages (found by fuzzing): an id rounded to
# 7.5e+18 under likes summed past the largest whole number (every page's query failed), a price of 1e13 drew a
# histogram that took the server's memory, dates in the years 0001 and 10000 broke the takeover's windows, a negative
# engagement rate a log axis. Each is rejected with its reason, beside a row that loads.
@pytest.mark.parametrize("kind, header, bad, good, reason", [
    ("posts", "influencer,platform,likes,comments", "anna,instagram,7.5e+18,1", "bob,instagram,10,1",
     "Likes is too large to be real (over 100 billion)"),
    ("posts", "influencer,platform,likes,views", "anna,instagram,5,100000000001", "bob,instagram,10,20",
     "Views is too large to be real (over 100 billion)"),
    ("influencers", "influencer,platform,followers,price_per_post", "anna,instagram,12000,1e13",
     "bob,instagram,12000,250", "Price per post ('price_per_post') is too large to be real (over 10 billion)"),
    ("influencers", "influencer,platform,followers,engagement_rate", "anna,instagram,12000,-3%",
     "bob,instagram,12000,3%", "Engagement rate ('engagement_rate') is negative"),
    ("influencers", "influencer,platform,followers,engagement_rate", "anna,instagram,12000,1e30",
     "bob,instagram,12000,3%", "Engagement rate ('engagement_rate') is too large to be real (over 100,000%)"),
    ("brand_posts", "influencer,platform,followers,posted_at,likes", "brand,instagram,1000,10000-01-01,5",
     "brand,instagram,1000,2026-05-01,5", "Posted at ('posted_at') is not a date in 1990-2099"),
    ("brand_posts", "influencer,platform,followers,posted_at,likes", "brand,instagram,1000,0001-01-01,5",
     "brand,instagram,1000,2026-05-01,5", "Posted at ('posted_at') is not a date in 1990-2099"),
    ("campaigns", "campaign,influencer,platform,fee,start_date,end_date", "Summer,anna,instagram,1e30,,",
     "Summer,bob,instagram,300,2026-06-01,2026-06-30", "Fee is too large to be real (over 10 billion)"),
])
def test_a_value_beyond_any_real_one_is_rejected_and_every_section_draws(tmp_path, kind, header, bad, good, reason):
    from microlens import db as mdb
    from microlens import report
    from microlens.context import Context
    from microlens.filters import Filters

    database = mdb.new_database()
    ingest.load_sample_data(database)
    loaded = ingest.ingest_path(database, write_csv(tmp_path, f"{kind}.csv", f"{header}\n{bad}\n{good}\n"), kind=kind)
    assert (loaded.rows_read, loaded.rows_loaded, loaded.rows_rejected) == (2, 1, 1)
    assert loaded.reject_reasons == {reason: 1}
    for filters in (Filters(), Filters(use_estimates=False, platforms=("instagram",))):
        assert report.collect(Context(database, filters))          # every area's sections, none failing
    database.close()


def test_a_date_of_the_range_loads_and_an_empty_or_real_one_is_no_slip(database, tmp_path):
    rows = ingest.ingest_path(database, write_csv(tmp_path, "brand.csv", "influencer,platform,posted_at,likes\n"
                                                  "brand,instagram,1990-01-01,1\nbrand,instagram,2099-12-31,2\n"
                                                  "brand,instagram,,3\n"), kind="brand_posts")
    assert (rows.rows_loaded, rows.rows_rejected) == (3, 0)
