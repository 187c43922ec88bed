"""Value parsing of real-export forms, table-driven, through the DuckDB macros ingest uses."""
from __future__ import annotations

import datetime as dt

import pytest

NUMBERS = [
    ("−5", -5.0), ("1.2k", 1200.0), ("3.4M", 3_400_000.0), ("29.0b", 29_000_000_000.0), ("475.8m", 475_800_000.0),
    ("0.89k", 890.0), ("1,200", 1200.0), ("12,345,678", 12_345_678.0), ("$1,200.50", 1200.5),
    ("€1.200,50", 1200.5), ("1.200.000", 1_200_000.0), ("4,5", 4.5), ("353.1K", 353_100.0),
    (" 657 ", 657.0), ("USD 99", 99.0), ("-3", -3.0), ("7.5e+18", 7.5e18), ("13800000.00", 13_800_000.0),
    ("$1234.50", 1234.5), ("$12", 12.0), ("12.3K", 12_300.0), ("1,234,567.5", 1_234_567.5), ("-1,200", -1200.0),
    ("1,200k", 1_200_000.0), ("12 k", 12_000.0),
    # rate cards and European sheets: a price per post, whole euros, scale words
    ("$250/post", 250.0), ("250 per video", 250.0), ("250 USD / post", 250.0), ("350,-", 350.0),
    ("1.200,-", 1200.0), ("CHF 300.-", 300.0), ("€ 350,–", 350.0), ("1,2 Mio.", 1_200_000.0),
    ("12,5 Millionen", 12_500_000.0), ("48 Tsd.", 48_000.0), ("1.2 million", 1_200_000.0), ("3 Mrd.", 3e9),
    ("1.5bn", 1.5e9), ("10 Mio. €", 10_000_000.0), ("2,5 millions", 2_500_000.0), ("1,5 Mds", 1.5e9),
    ("300 pro Beitrag", 300.0), ("$250 / IG post", 250.0),
    # a fuzz review (5 Dec): French thousands with a narrow or thin no-break space, Swiss apostrophes, other
    # dollars and rupees before the number, the Indian grouping, an audience word after a follower count
    ("12\u202f480", 12_480.0), ("1\u202f200,50 €", 1200.5), ("12\u2009480", 12_480.0), ("CHF 1'200.–", 1200.0),
    ("1’200", 1200.0), ("US$250", 250.0), ("A$300", 300.0), ("C$ 80", 80.0), ("Rs. 5,000", 5000.0),
    ("₹2,50,000", 250_000.0), ("₹12,34,56,789", 123_456_789.0), ("12.5K followers", 12_500.0),
    ("48K subscribers", 48_000.0), ("1,2 Mio. Abonnenten", 1_200_000.0),
    # euros with a dot between thousands, in a file written otherwise (no decimal comma anywhere)
    ("€1.200", 1200.0), ("€2.500", 2500.0), ("1.200 €", 1200.0), ("EUR 12.500", 12_500.0), ("€1.200.000", 1.2e6),
    ("€1.20", 1.2), ("€12.5", 12.5), ("1.200", 1.2),
    # refunds as accountants and shops write them
    ("(40.00)", -40.0), ("($1,200.50)", -1200.5), ("-$50.00", -50.0), ("(€1.200,50)", -1200.5),
]
MISSING = ["NaN", "N/A", "N/A'", "-", "#VALOR!", "#VALUE!", "", "  ", "null", "NaN%", "—", "–", "?", " n/a ",
           "Unknown", "NONE", "#DIV/0!", "#n/a", "N/A\u00a0", "\u00a0-"]   # a no-break space from a spreadsheet
# 'infk', 'nank', '1e400k': a suffix on a text DuckDB would cast to a non-finite double is still not a number.
GARBAGE = ["abc", "12k5", "1.2.3,4,5", "$$", "ten", "infk", "nank", "1e400k", "Nine", "unknown count", "1/2",
           "2 x $150", "abc/post", "per post", "12 per 3",
           # a price per something else is no price per post
           "$3,000 per campaign", "$500/month", "$1,200 per year", "50 per hour"]


@pytest.mark.parametrize("text,expected", NUMBERS)
def test_numbers(database, text, expected):
    assert database.execute("SELECT ml_number($v)", {"v": text}).fetchone()[0] == pytest.approx(expected)


@pytest.mark.parametrize("text", MISSING)
def test_missing_markers_are_null_and_known_missing(database, text):
    value, missing = database.execute("SELECT ml_number($v), ml_is_missing($v)", {"v": text}).fetchone()
    assert value is None and missing is True


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_null_but_not_missing(database, text):
    # The distinction lets ingest reject garbage with a reason instead of loading it as empty.
    value, missing = database.execute("SELECT ml_number($v), ml_is_missing($v)", {"v": text}).fetchone()
    assert value is None and missing is False


# Each parser that ingest asks for its `fail` value, with that value of its type (ingest.NOT_PARSED), and a cell
# of each outcome: a value, nothing, a missing marker, a spreadsheet's error, and garbage.
FAILING = [("ml_count", "-7::BIGINT", "1.2k", 1200), ("ml_deliverables", "-7::BIGINT", "2 posts + 1 story", 3),
           ("ml_money", "-7::DOUBLE", "$1,200.50", 1200.5), ("ml_ratio", "-7::DOUBLE", "4.5%", 0.045),
           ("ml_ratio_percent", "-7::DOUBLE", "4.5", 0.045),
           ("ml_timestamp", "'1999-09-09'::TIMESTAMP", "1/2/2026", dt.datetime(2026, 1, 2)),
           ("ml_date", "'1999-09-09'::DATE", "2026-01-02", dt.date(2026, 1, 2)),
           ("ml_timestamp_dmy", "'1999-09-09'::TIMESTAMP", "1/2/2026", dt.datetime(2026, 2, 1)),
           ("ml_date_dmy", "'1999-09-09'::DATE", "02-01-2026", dt.date(2026, 1, 2))]


@pytest.mark.parametrize("parser,fail,value,expected", FAILING)
def test_a_parser_marks_what_it_cannot_read_with_fail(database, parser, fail, value, expected):
    # garbage gets `fail`, so that ingest's reason "is not a number" is a test of the parsed value alone; a missing
    # marker or an empty cell stays NULL (no reason), a value is read as without `fail`, and without it garbage is
    # NULL as before
    cells = [value, None, "N/A", "#SPILL!", "lots", "last tuesday"]
    marked = database.execute(f"SELECT [{parser}(c, fail := {fail}) FOR c IN $cells]", {"cells": cells}).fetchone()[0]
    fail_value = database.execute(f"SELECT {fail}").fetchone()[0]
    assert marked == [pytest.approx(expected) if isinstance(expected, float) else expected, None, None, None,
                      fail_value, fail_value]
    plain = database.execute(f"SELECT [{parser}(c) FOR c IN $cells]", {"cells": cells}).fetchone()[0]
    assert plain[1:] == [None] * 5


@pytest.mark.parametrize("marker", ["#VALEUR!", "#NOM?", "#¡VALOR!", "#¿NOMBRE?", "#N/D", "#VALORE!", "#NOME?",
                                    "#RIF!", "#WAARDE!", "#DEEL/0!", "#WERT!", "k.A.", "k. A.", "n/d", "s/d", "n.d."])
def test_spreadsheet_errors_in_other_languages_and_no_data_words_are_missing_numbers(database, marker):
    # French, Spanish, Italian, Portuguese and Dutch Excel write their own error values: a row with one under a
    # count was rejected as "is not a number", where the German and English ones load as missing
    assert database.execute("SELECT ml_count($v, fail := -7::BIGINT), ml_is_missing_number($v)",
                            {"v": marker}).fetchone() == (None, True)


@pytest.mark.parametrize("text,expected", [("Share", 0), ("Shares", 0), ("1.6M", 1_600_000), ("30K", 30_000),
                                           ("1161", 1161), ("2.5", 3), ("12,345", 12_345), ("3.4k", 3_400),
                                           (" Like ", 0), ("1,5", 2), ("abc", None), (None, None),
                                           # an amount of money is no count
                                           ("$1,234.50", None), ("$12", None), ("€12", None), ("1 200 €", None),
                                           ("£5", None), ("USD 1,234.50", None), ("1,234.50 USD", None),
                                           ("US$250", None), (" $5", None), ("EUR 1.000", None),
                                           ("Eurovision 5", None)])
def test_counts_and_ui_labels(database, text, expected):
    assert database.execute("SELECT ml_count($v)", {"v": text}).fetchone()[0] == expected


def test_the_sql_names_the_currencies_kinds_knows(database):
    # ml_is_amount spells the codes out (a macro takes no parameter from Python): each of kinds' codes is money
    from microlens import kinds

    for code in ["USD", *kinds.CURRENCY_CODES.split("|")]:
        assert database.execute("SELECT ml_is_amount($v)", {"v": f"{code} 40"}).fetchone()[0], code


@pytest.mark.parametrize("text,expected", [("4.5%", 0.045), ("1.39%", 0.0139), ("0.05", 0.05), ("2.3", 0.023),
                                           ("NaN%", None)])
def test_ratios_are_fractions(database, text, expected):
    got = database.execute("SELECT ml_ratio($v)", {"v": text}).fetchone()[0]
    assert got == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize("text,expected", [
    ("2025-05-21 09:44:45", dt.datetime(2025, 5, 21, 9, 44, 45)),
    ("2025-05-21", dt.datetime(2025, 5, 21)),
    ("2025-05-21T09:44:45Z", dt.datetime(2025, 5, 21, 9, 44, 45)),
    ("2025-05-21T09:44:45+02:00", dt.datetime(2025, 5, 21, 7, 44, 45)),   # converted to UTC
    ("2025-05-21 09:44:45+00:00", dt.datetime(2025, 5, 21, 9, 44, 45)),   # pandas' UTC form
    ("2025-05-21T09:44:45+00:00", dt.datetime(2025, 5, 21, 9, 44, 45)),
    ("2025-13-21 09:44:45+00:00", None),
    ("5.3.2024", dt.datetime(2024, 3, 5)),                                  # D.M.YYYY: day first
    ("3/5/2024", dt.datetime(2024, 3, 5)),                                  # M/D/YYYY: month first
    ("3/5/2024 14:30", dt.datetime(2024, 3, 5, 14, 30)),
    ("1716000000", dt.datetime(2024, 5, 18, 2, 40)),                         # Unix seconds
    ("1716000000000", dt.datetime(2024, 5, 18, 2, 40)),                      # Unix milliseconds
    (" 2025-05-21 09:44:45 ", dt.datetime(2025, 5, 21, 9, 44, 45)),
    ("2025-05-21 09:44-05:00", dt.datetime(2025, 5, 21, 14, 44)),             # short form with a zone
    ("2025-05-21 09:44:45.5", dt.datetime(2025, 5, 21, 9, 44, 45, 500000)),
    ("12/31/2025 11:59 PM", dt.datetime(2025, 12, 31, 23, 59)),
    ("2025/05/21", dt.datetime(2025, 5, 21)),
    ("2025/5/21 10:00:00", dt.datetime(2025, 5, 21, 10)),
    # M/D/YY, Excel's US default: %Y alone read 12/3/24 as the year 24
    ("12/3/24", dt.datetime(2024, 12, 3)), ("1/15/25 13:45", dt.datetime(2025, 1, 15, 13, 45)),
    ("1/15/25 1:45 PM", dt.datetime(2025, 1, 15, 13, 45)), ("12/31/99", dt.datetime(1999, 12, 31)),
    ("12/3/24 ", dt.datetime(2024, 12, 3)), ("13/3/24", None), ("5.3.24", dt.datetime(2024, 3, 5)),
    ("21.05.2025", dt.datetime(2025, 5, 21)),                                # 10 characters, yet day first
    ("garbage", None), ("N/A", None),
    # Shopify's zone after a space, written +HHMM: 14:03 at UTC-5 is 19:03 UTC
    ("2026-01-05 14:03:12 -0500", dt.datetime(2026, 1, 5, 19, 3, 12)),
    ("2026-01-05T14:03:12+0100", dt.datetime(2026, 1, 5, 13, 3, 12)),
    # written-out forms of exports and hand-made sheets
    ("05-Jan-2026", dt.datetime(2026, 1, 5)), ("5-Jan-26", dt.datetime(2026, 1, 5)),
    ("1/5/2026 2:03:04 PM", dt.datetime(2026, 1, 5, 14, 3, 4)), ("Jan 5, 2026 2:03 PM", dt.datetime(2026, 1, 5, 14, 3)),
    ("January 5, 2026 at 3:04 PM", dt.datetime(2026, 1, 5, 15, 4)),
    ("Sat, 05 Jan 2026 14:03:12 GMT", dt.datetime(2026, 1, 5, 14, 3, 12)), ("20260105", dt.datetime(2026, 1, 5)),
    ("20261345", None),
    # Excel's day number where a date cell is formatted as a number; dots from year to day; a month without comma;
    # dashes as slashes (month first unless the file puts the day first)
    ("45296", dt.datetime(2024, 1, 5)), ("45296.5", dt.datetime(2024, 1, 5, 12)),
    ("45296,5", dt.datetime(2024, 1, 5, 12)), ("2024.01.05", dt.datetime(2024, 1, 5)),
    ("Jan 05 2024", dt.datetime(2024, 1, 5)), ("01-05-2024", dt.datetime(2024, 1, 5)), ("13-02-2024", None),
])
def test_dates(database, text, expected):
    assert database.execute("SELECT ml_timestamp($v)", {"v": text}).fetchone()[0] == expected


@pytest.mark.parametrize("text,expected", [("25/12/2024", dt.datetime(2024, 12, 25)),
                                           ("13-02-2024", dt.datetime(2024, 2, 13)),
                                           ("05-01-2024 14:30", dt.datetime(2024, 1, 5, 14, 30)),
                                           ("2024-01-05", dt.datetime(2024, 1, 5)),
                                           ("5.3.2024", dt.datetime(2024, 3, 5))])
def test_dates_of_a_file_that_puts_the_day_first(database, text, expected):
    assert database.execute("SELECT ml_timestamp_dmy($v)", {"v": text}).fetchone()[0] == expected


@pytest.mark.parametrize("text,expected", [("true", True), ("Yes", True), ("sponsored", True), ("#ad", True),
                                           ("FALSE", False), ("organic", False), ("0", False), ("maybe", None),
                                           ("Y", True), ("n", False), ("1.0", True), (" no ", False),
                                           ("N/A", None),
                                           # French, German, Spanish/Italian Excel write TRUE and FALSE in words
                                           ("VRAI", True), ("FAUX", False), ("WAHR", True), ("FALSCH", False),
                                           ("VERDADERO", True), ("falso", False),
                                           ("Paid partnership with glowco", True),
                                           # paid in product or as a partner: a brand's post all the same
                                           ("Gifted", True), ("Partner", True), ("collab", True)])
def test_booleans(database, text, expected):
    assert database.execute("SELECT ml_bool($v)", {"v": text}).fetchone()[0] is expected


@pytest.mark.parametrize("text,expected", [("@GlowWithMaya ", "glowwithmaya"), ("user", "user"), ("N/A", None),
                                           ("GlowWithMaya", "glowwithmaya"), (" @maya", "maya"),
                                           ("@@maya", "maya"), ("Nadia", "nadia"), ("unknown", None),
                                           ("@Maya\u00a0", "maya"),
                                           # invisible marks after or around a pasted handle made a second account
                                           ("glowwithmaya\u200b", "glowwithmaya"),
                                           ("glowwithmaya\u200e", "glowwithmaya"),
                                           ("\u2068GlowWithMaya\u2069", "glowwithmaya"), ("@maya\ufeff ", "maya"),
                                           ("josé", "josé"),
                                           # a Mac's export writes 'é' as 'e' and a combining accent: one account
                                           ("jose\u0301", "jos\u00e9"), ("@Jose\u0301 ", "jos\u00e9"),
                                           # '@' alone or an invisible mark alone names no one (was '', an account)
                                           ("@", None), (" @ ", None), ("\u200b", None), ("@\u200b", None),
                                           # profile addresses on the platforms beyond the first five
                                           ("https://www.twitch.tv/GlowLive", "glowlive"),
                                           ("https://www.linkedin.com/in/glow-ma/", "glow-ma"),
                                           ("snapchat.com/add/glowsnap", "glowsnap"),
                                           ("https://www.threads.net/@glow/post/C1", "glow"),
                                           ("https://www.pinterest.com/glowpins/", "glowpins"),
                                           # a pin's or a Twitch video's address names no account: kept whole
                                           ("https://www.pinterest.com/pin/123/", "https://www.pinterest.com/pin/123/"),
                                           ("twitch.tv/videos/99", "twitch.tv/videos/99")])
def test_handles(database, text, expected):
    assert database.execute("SELECT ml_handle($v)", {"v": text}).fetchone()[0] == expected


@pytest.mark.parametrize("text,expected", [("Summer glow", "Summer glow"), ("  padded  ", "padded"), ("N/A", None),
                                           ("Nadia's launch", "Nadia's launch"), ("#ad", "#ad"), ("#N/A", None),
                                           (" - ", None), ("unknown", None), ("Unknown brand", "Unknown brand"),
                                           ("-5% off", "-5% off"), (None, None),
                                           # no-break spaces (spreadsheets) surround text like plain ones
                                           ("unknown\u00a0", None), ("\u00a0padded text\u00a0", "padded text")])
def test_text(database, text, expected):
    assert database.execute("SELECT ml_text($v)", {"v": text}).fetchone()[0] == expected


@pytest.mark.parametrize("text,expected", [("glow10", "GLOW10"), (" nadia20 ", "NADIA20"), ("n/a", None)])
def test_coupon_codes(database, text, expected):
    assert database.execute("SELECT ml_code($v)", {"v": text}).fetchone()[0] == expected


@pytest.mark.parametrize("text,expected", [("Instagram", "instagram"), ("IG", "instagram"), ("TikTok", "tiktok"),
                                           ("YouTube Shorts", "youtube"), ("Mastodon", "other"),
                                           ("instagram", "instagram"), (" tiktok ", "tiktok"), ("-", None),
                                           ("YOUTUBE", "youtube"), ("Facebook", "facebook"), ("N/A", None),
                                           # a format names no platform before a name does
                                           ("Facebook Reels", "facebook"), ("TikTok reel", "tiktok"),
                                           ("Reels", "instagram"), ("FB reel", "facebook"),
                                           # platforms of their own, no longer one 'other' account per handle
                                           ("Pinterest", "pinterest"), ("twitch", "twitch"), ("LinkedIn", "linkedin"),
                                           ("Linked In", "linkedin"), ("Snapchat", "snapchat"), ("Snap", "snapchat"),
                                           ("Pinterest Idea Pin", "pinterest"), ("Twitch stream", "twitch"),
                                           # Meta's Threads is no Instagram account
                                           ("Threads", "threads"), ("Threads (Instagram)", "threads"),
                                           ("Instagram Threads", "threads")])
def test_platforms(database, text, expected):
    assert database.execute("SELECT ml_platform($v)", {"v": text}).fetchone()[0] == expected


def test_ids_stay_text(database, tmp_path):
    from microlens import ingest

    path = tmp_path / "posts.csv"
    path.write_text("user_name,vid_id,vid_nlike\nanna,7506832682593094928,10\nbob,7.5e+18,5\n", encoding="utf-8")
    report = ingest.ingest_path(database, path)
    assert report.kind == "posts" and report.rows_loaded == 2
    ids = [r[0] for r in database.execute("SELECT post_id FROM posts ORDER BY influencer").fetchall()]
    assert ids == ["7506832682593094928", "7.5e+18"]


@pytest.mark.parametrize("text,reason", [
    # past a BIGINT: a number all the same, too large (it was "not a number"); past a DOUBLE, none
    ("99999999999999999999", "is too large to be real (over 100 billion)"),
    ("1e+20", "is too large to be real (over 100 billion)"), ("-1e20", "is negative"), ("1e400", "is not a number"),
    ("4.5%", "is not a number")])        # a rate in the wrong column was 5 likes
def test_numbers_a_count_cannot_hold_are_rejected_not_crashing(database, tmp_path, text, reason):
    from microlens import ingest

    path = tmp_path / "posts.csv"
    path.write_text(f"influencer,followers,likes\nmaya,12000,{text}\nzoe,15000,10\n", encoding="utf-8")
    report = ingest.ingest_path(database, path, kind="posts")
    assert report.error is None
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert report.reject_reasons == {f"Likes {reason}": 1}


@pytest.mark.parametrize("text,expected", [
    ("3", 3), ("1 reel", 1), ("2 posts + 3 stories", 5), ("1 IG reel & 2 stories", 3),
    ("3 posts + 1 story (24h)", 4),          # the '24' of the note in brackets is no deliverable
    ("2 tiktoks, 1 story", 3), ("2 x $150", None), ("3 months", None), ("4 weeks", None),
    ("99999999999999999999 posts", None),    # too large for a count: no count, not a failed file
    ("2x Reels", 2), ("1x TikTok", 1), ("2 x reels + 1 story", 3), ("1 dedicated video", 1),
    ("1 integrated YouTube video", 1), ("2 x $150 + 1 reel", None), ("1 YouTube integration", 1),
    ("1 dedicated review + 2 shoutouts", 3),
    # numbers in words, 'a' or 'an' for one, before a deliverable
    ("one reel", 1), ("two posts", 2), ("Three TikToks", 3), ("a story", 1), ("An IG reel", 1), ("ten posts", 10),
    ("twenty reels", 20), ("two posts + a story", 3), ("Three TikToks and a Story", 4), ("two Pinterest pins", 2),
    ("one Twitch stream", 1), ("four carousels, one short", 5), ("eleven tweets", 11),
    # still no count: a range, a count of nothing, words that say no number, a number past twenty, a word alone
    ("3-5 posts", None), ("2 (1 IG + 1 TT)", None), ("one or two posts", None), ("a pair of posts", None),
    ("a few posts", None), ("twenty-one posts", None), ("one", None), ("two months", None), ("twox reels", None),
])
def test_deliverables(database, text, expected):
    assert database.execute("SELECT ml_deliverables($v)", {"v": text}).fetchone()[0] == expected


@pytest.mark.parametrize("text,expected", [
    ("https://www.instagram.com/p/C1/", "instagram"), ("HTTPS://WWW.INSTAGRAM.COM/p/1", "instagram"),
    ("instagram.com:443/p/1", "instagram"), ("https://youtu.be/abc", "youtube"),
    ("https://m.tiktok.com/@mia/video/1", "tiktok"), ("https://brand.com/instagram.com/reel", None), (None, None),
    ("https://www.pinterest.com/pin/1/", "pinterest"), ("https://pin.it/4xYz", "pinterest"),
    ("https://www.pinterest.co.uk/pin/1/", "pinterest"), ("https://de.pinterest.com/glow/", "pinterest"),
    ("https://www.twitch.tv/videos/1", "twitch"), ("https://clips.twitch.tv/Abc", "twitch"),
    ("https://www.linkedin.com/posts/glow_1", "linkedin"), ("https://lnkd.in/e4Xy", "linkedin"),
    ("https://www.snapchat.com/spotlight/W7", "snapchat"), ("https://www.threads.net/@glow/post/C1", "threads"),
    ("https://www.threads.com/@glow/post/C1", "threads"), ("https://spin.it/x", None),
    ("https://notpinterest.com/pin/1", None)])
def test_platform_of_a_link(database, text, expected):
    assert database.execute("SELECT ml_platform_of_link($v)", {"v": text}).fetchone()[0] == expected
