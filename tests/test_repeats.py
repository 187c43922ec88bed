"""A post held by several rows (overlapping exports, a scraper repeating a page) counts once in every number."""
from __future__ import annotations

import pandas as pd
import pytest

from microlens import db as mdb
from microlens import ingest, repeats, views
from microlens.cli import main as cli_main
from microlens.facts import rebuild_facts
from microlens.filters import Filters

POSTS = ["influencer", "platform", "followers", "post_date", "post_url", "likes", "comments", "cost"]


def write(tmp_path, name, rows, columns=POSTS):
    path = tmp_path / name
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    return path


def load(database, *paths, kind=None):
    reports = [ingest.ingest_path(database, p, kind=kind, rebuild=False) for p in paths]
    rebuild_facts(database)
    return reports


def influencer_rows(database) -> dict[str, tuple]:
    table = mdb.run(database, "influencer_table", Filters().params())
    return {r.influencer: (r.posts, r.engagements, r.cost) for r in table.itertuples()}


JAN = [("ann", "instagram", 20000, "2026-01-05", "https://ig/p/1", 100, 10, None),
       ("ann", "instagram", 20000, "2026-01-20", "https://ig/p/2", 200, 20, 150),
       ("bob", "instagram", 30000, "2026-01-07", "https://ig/p/9", 50, 5, None)]
# the quarter's export repeats January's posts with later (higher) counts, and adds one of February
Q1 = [("ann", "instagram", 21000, "2026-01-05", "https://ig/p/1", 130, 12, None),
      ("@Ann", "Instagram", 21000, "2026-01-20", "https://ig/p/2", 260, 25, None),
      ("ann", "instagram", 21000, "2026-02-02", "https://ig/p/3", 80, 8, None)]


def test_overlapping_exports_count_each_post_once(database, tmp_path):
    load(database, write(tmp_path, "jan.csv", JAN), write(tmp_path, "q1.csv", Q1))
    posts = database.df("SELECT url, likes, source_file FROM posts WHERE influencer = 'ann' ORDER BY url")
    # p/1: no copy has a cost, so the most engagements (142 in q1 over 110 in jan); p/2: jan's copy has the cost
    assert posts[["url", "likes", "source_file"]].values.tolist() == [
        ["https://ig/p/1", 130, "q1.csv"], ["https://ig/p/2", 200, "jan.csv"], ["https://ig/p/3", 80, "q1.csv"]]
    # an independent count: the union of the two files, one row per (account, link), chosen as above
    every = pd.concat([pd.DataFrame(JAN, columns=POSTS).assign(file=0), pd.DataFrame(Q1, columns=POSTS).assign(file=1)])
    every["influencer"] = every["influencer"].str.lstrip("@").str.lower()
    every["engagements"] = every["likes"] + every["comments"]
    kept = (every.assign(no_cost=every["cost"].isna())
            .sort_values(["no_cost", "engagements", "file"], ascending=[True, False, False])
            .drop_duplicates(["influencer", "post_url"]))
    expected = kept.groupby("influencer")["engagements"].sum()
    rows = influencer_rows(database)
    assert rows["ann"][:2] == (3, expected["ann"]) == (3, 142 + 220 + 88)
    assert rows["bob"][:2] == (1, expected["bob"])
    loads = mdb.run(database, "loaded_files")
    assert loads["rows_loaded"].tolist() == [3, 3]     # every copy stays loaded: loaded + rejected = rows read
    repeated = mdb.run(database, "repeated_posts")
    assert repeated[["source_file", "rows_repeated"]].values.tolist() == [["jan.csv", 1], ["q1.csv", 1]]
    assert [list(k) for k in repeated["kept_in"]] == [["q1.csv"], ["jan.csv"]]


def test_a_post_repeated_within_one_file_counts_once(database, tmp_path):
    rows = [("cat", "tiktok", 50000, "2026-03-01", "https://tt/v/1", 500, 50, None),
            ("cat", "tiktok", 50000, "2026-03-02", "https://tt/v/2", 10, 1, None),
            ("cat", "tiktok", 50000, "2026-03-01", "https://tt/v/1", 500, 50, None)]
    load(database, write(tmp_path, "scrape.csv", rows))
    assert influencer_rows(database)["cat"][:2] == (2, 550 + 11)
    # the first of two equal copies counts (row 1); row 3 is the repeat
    assert database.df("SELECT source_row FROM posts ORDER BY source_row")["source_row"].tolist() == [1, 2]
    note = repeats.note(1, ["scrape.csv"], "scrape.csv")
    assert note.startswith("1 row repeats a post of this file (same account, platform and post id or link)")


def test_the_same_id_on_two_accounts_or_platforms_is_two_posts(database, tmp_path):
    columns = ["influencer", "platform", "followers", "post_id", "likes"]
    rows = [("ann", "instagram", 20000, "1", 10), ("bob", "instagram", 20000, "1", 20),
            ("ann", "tiktok", 20000, "1", 30), ("ann", "instagram", 20000, None, 40),
            ("ann", "instagram", 20000, None, 40)]
    load(database, write(tmp_path, "ids.csv", rows, columns))
    assert mdb.run(database, "repeated_posts").empty
    assert database.df("SELECT sum(likes) AS s FROM posts")["s"].iloc[0] == 140   # posts without id or link all count


def test_the_post_id_is_the_key_where_there_is_one(database, tmp_path):
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    rows = [("ann", "instagram", 20000, "A1", "https://ig/p/1?utm=x", 10),
            ("ann", "instagram", 20000, "A1", "https://ig/p/1", 30)]
    load(database, write(tmp_path, "ids.csv", rows, columns))
    assert database.df("SELECT likes FROM posts")["likes"].tolist() == [30]


def test_removing_the_file_whose_copy_counts_brings_the_other_back(database, tmp_path):
    load(database, write(tmp_path, "jan.csv", JAN), write(tmp_path, "q1.csv", Q1))
    ingest.forget_file(database, "q1.csv")
    rebuild_facts(database)
    assert mdb.run(database, "repeated_posts").empty
    assert influencer_rows(database)["ann"][:2] == (2, 110 + 220)
    # and a re-upload of the same file under its own name replaces it, repeating nothing
    load(database, write(tmp_path, "jan.csv", JAN))
    assert mdb.run(database, "repeated_posts").empty


def test_a_file_uploaded_twice_under_two_names_counts_once(database, tmp_path):
    first = write(tmp_path, "posts.csv", JAN)
    second = write(tmp_path, "posts (1).csv", JAN)
    load(database, first)
    alone = influencer_rows(database)
    load(database, second)
    assert influencer_rows(database) == alone
    repeated = mdb.run(database, "repeated_posts")
    # equal copies: the file loaded last counts
    assert repeated[["source_file", "rows_repeated"]].values.tolist() == [["posts.csv", 3]]
    assert list(repeated["kept_in"].iloc[0]) == ["posts (1).csv"]


def test_brand_posts_count_once_too(database, tmp_path):
    columns = ["account", "platform", "followers", "post_date", "post_url", "likes"]
    rows = [("brand", "instagram", 90000, "2026-01-01", "https://ig/p/b1", 10),
            ("brand", "instagram", 90000, "2026-01-01", "https://ig/p/b1", 12)]
    load(database, write(tmp_path, "brand.csv", rows, columns), kind="brand_posts")
    assert database.df("SELECT likes FROM brand_posts")["likes"].tolist() == [12]


@pytest.mark.parametrize("with_json", [False, True])
def test_check_names_the_repeats_of_each_file(tmp_path, capsys, with_json):
    jan, q1 = write(tmp_path, "jan.csv", JAN), write(tmp_path, "q1.csv", Q1)
    assert cli_main(["check", str(jan), str(q1)] + (["--json"] if with_json else [])) == 0
    out = capsys.readouterr().out
    if with_json:   # the JSON's fields are the issue's; notes are for people
        assert "repeat" not in out
    else:
        assert ("jan.csv: posts: 3 loaded, 0 rejected of 3 rows read\n"
                "  note: Read as UTF-8 text, delimiter ','.\n"
                "  note: 1 row repeats a post of 'q1.csv' (same account, platform and post id or link)") in out
        assert "  note: 1 row repeats a post of 'jan.csv'" in out


def test_a_missing_or_rounded_id_is_no_key(database, tmp_path):
    # 'N/A' and '-' ids are no ids (four different links: four posts); '7.5e+18' is a spreadsheet's rounding of
    # many TikTok ids (two links: two posts); two 'X1' ids are one post whatever their links
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    rows = [("ann", "instagram", 20000, pid, f"https://ig/p/{link}", likes)
            for pid, link, likes in (("N/A", "A", 1), ("N/A", "B", 2), ("-", "C", 4), ("-", "D", 8))]
    rows += [("bob", "tiktok", 20000, pid, link, likes)
             for pid, link, likes in (("7.5e+18", "https://tt/v/1", 16), ("7.5E+18", "https://tt/v/2", 32))]
    rows += [("cy", "instagram", 20000, pid, link, likes)
             for pid, link, likes in (("X1", "https://ig/p/X", 64), ("X1", "https://ig/p/X?x", 128))]
    load(database, write(tmp_path, "ids.csv", rows, columns))
    assert database.df("SELECT sum(likes) AS s FROM posts")["s"].iloc[0] == 1 + 2 + 4 + 8 + 16 + 32 + 128
    assert mdb.run(database, "repeated_posts")["rows_repeated"].tolist() == [1]


def test_the_copy_that_carries_the_campaign_counts_over_a_later_scrape(database, tmp_path):
    # a campaign file's post (its contract's cost is spread over it) and a later scrape of the same link with more
    # likes: the campaign's copy counts, or the $500 contract would have no post delivered
    campaign = write(tmp_path, "campaign_posts.csv",
                     [("ann", "instagram", 20000, "2026-03-01", "https://ig/p/1", 100, 10, "Spring")],
                     ["influencer", "platform", "followers", "post_date", "post_url", "likes", "comments", "campaign"])
    scrape = write(tmp_path, "scrape.csv", [("ann", "instagram", 21000, "2026-03-01", "https://ig/p/1", 300, 30, None)])
    contracts = tmp_path / "campaigns.csv"
    contracts.write_text("campaign,influencer,platform,fee\nSpring,ann,instagram,500\n", encoding="utf-8")
    ingest.ingest_path(database, contracts, kind="campaigns", rebuild=False)
    load(database, campaign, scrape)
    assert database.df("SELECT campaign, likes FROM posts").values.tolist() == [["Spring", 100]]
    assert influencer_rows(database)["ann"] == (1, 110, 500.0)


def test_a_hidden_count_where_one_is_required_or_in_a_shop_export_is_rejected(database, tmp_path):
    listed = tmp_path / "list.csv"
    listed.write_text("influencer,platform,followers,avg_likes\nann,instagram,-1,50\nbob,instagram,20000,-1\n",
                      encoding="utf-8")
    report = ingest.ingest_path(database, listed)
    # followers are required in a list: -1 is as missing as an empty cell; bob's hidden average likes are unknown
    assert report.reject_reasons == {
        "Followers is missing (empty, N/A or a spreadsheet error, or -1 for a hidden count)": 1}
    assert database.execute("SELECT influencer, avg_likes FROM influencers").fetchall() == [("bob", None)]
    orders = tmp_path / "orders.csv"
    orders.write_text("coupon_code,orders,revenue\nANN10,-1,\nANN10,2,50\n", encoding="utf-8")
    # a shop's -1 orders is a refund, no hidden count: rejected as before
    assert ingest.ingest_path(database, orders).reject_reasons == {"Orders is negative": 1}


def test_loading_another_kind_does_not_count_the_posts_again(database, tmp_path, monkeypatch):
    load(database, write(tmp_path, "jan.csv", JAN), write(tmp_path, "q1.csv", Q1))
    counted_again = []
    real = database.execute
    monkeypatch.setattr(database, "execute", lambda sql, params=None: (
        counted_again.append(sql) if sql.startswith("DELETE FROM repeated_posts") else None) or real(sql, params))
    contracts = tmp_path / "campaigns.csv"
    contracts.write_text("campaign,influencer,platform,fee\nSpring,ann,instagram,500\n", encoding="utf-8")
    ingest.ingest_path(database, contracts, kind="campaigns")
    assert counted_again == [] and influencer_rows(database)["ann"][:2] == (3, 142 + 220 + 88)
    # a new posts file does count them again, and the repeats follow it
    load(database, write(tmp_path, "feb.csv", [("bob", "instagram", 30000, "2026-01-07", "https://ig/p/9", 50, 5,
                                                 None)]))
    assert len(counted_again) == 1 and influencer_rows(database)["bob"][:2] == (1, 55)


@pytest.mark.parametrize("with_id, with_link", [
    ("7301234567890123456", "https://www.tiktok.com/@cat/video/7301234567890123456?is_from_webapp=1&lang=en"),
    ("dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ"),
    ("dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s"),
    ("C1aBc-D_e2", "https://www.instagram.com/reel/C1aBc-D_e2/?utm_source=ig_web_copy_link"),
])
def test_an_export_with_ids_and_one_with_links_name_a_post_alike(database, tmp_path, with_id, with_link):
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    ids = write(tmp_path, "ids.csv", [("cat", "tiktok", 20000, with_id, None, 10),
                                      ("cat", "tiktok", 20000, "other1", None, 5)], columns)
    links = write(tmp_path, "links.csv", [("cat", "tiktok", 20000, None, with_link, 30)], columns)
    load(database, ids, links)
    # the link's copy has more engagements, so it counts; the other post of the id export stays
    assert sorted(database.df("SELECT likes FROM posts")["likes"].tolist()) == [5, 30]


def test_a_links_tracking_tail_or_closing_slash_makes_no_other_post(database, tmp_path):
    columns = ["influencer", "platform", "followers", "post_url", "likes"]
    rows = [("ann", "facebook", 20000, "https://www.facebook.com/ann/posts/123/?utm_source=x", 10),
            ("ann", "facebook", 20000, "http://facebook.com/ann/posts/123", 40),
            ("ann", "facebook", 20000, "https://www.facebook.com/ann/posts/124#comments", 7)]
    load(database, write(tmp_path, "links.csv", rows, columns))
    assert sorted(database.df("SELECT likes FROM posts")["likes"].tolist()) == [7, 40]


def test_a_rounded_id_beside_its_link_meets_the_full_id(database, tmp_path):
    # a spreadsheet rounded the second export's ids to 7.51235E+18: the rows went by their links for the exact key
    # but the first sieve hashed the rounded id, so the two exports' copies never met
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    ids = write(tmp_path, "ids.csv", [("alice", "tiktok", 20000, "7512345678901234567", None, 100),
                                      ("alice", "tiktok", 20000, "7512345678901234999", None, 50)], columns)
    links = write(tmp_path, "links.csv", [
        ("alice", "tiktok", 20000, "7.51235E+18", "https://www.tiktok.com/@alice/video/7512345678901234567", 120),
        ("alice", "tiktok", 20000, "7.51235E+18", "https://www.tiktok.com/@alice/video/7512345678901234999", 60)],
        columns)
    load(database, ids, links)
    assert sorted(database.df("SELECT likes FROM posts")["likes"].tolist()) == [60, 120]


# Meta Business Suite names an Instagram post by its Graph API id beside its permalink; a tracking sheet or a scraper
# by the link alone (with a share tail), its own media id beside the link, its shortcode or that id alone. Each pair
# names one post.
GRAPH = [("ann", "instagram", 20000, "17895695668004550", "https://www.instagram.com/p/C1aBc-D_e2/", 300),
         ("ann", "instagram", 20000, "17912345678901234", "https://www.instagram.com/reel/C9zYx_W-v8/", 90)]


@pytest.mark.parametrize("scraped", [
    ("ann", "instagram", 20000, None, "https://instagram.com/p/C1aBc-D_e2?igsh=MWx0bHE5", 320),      # the link alone
    ("ann", "instagram", 20000, "3312345678901234567", "https://www.instagram.com/p/C1aBc-D_e2/", 320),  # media id
    ("ann", "instagram", 20000, "C1aBc-D_e2", None, 320),                                               # shortcode
    ("ann", "instagram", 20000, "17895695668004550", None, 320),                                        # Graph id
])
def test_two_tools_names_for_one_instagram_post_meet_through_its_link(database, tmp_path, scraped):
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    load(database, write(tmp_path, "business_suite.csv", GRAPH, columns),
         write(tmp_path, "scrape.csv", [scraped], columns))
    # the scrape's copy has more engagements and counts; the reel only Business Suite has stays
    assert sorted(database.df("SELECT likes FROM posts")["likes"].tolist()) == [90, 320]
    assert influencer_rows(database)["ann"][:2] == (2, 410)
    repeated = mdb.run(database, "repeated_posts")
    assert repeated[["source_file", "rows_repeated"]].values.tolist() == [["business_suite.csv", 1]]


def test_a_scrape_without_ids_leaves_other_posts_apart(database, tmp_path):
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    scraped = [("ann", "instagram", 20000, None, "https://www.instagram.com/p/Other1/", 10),
               ("bob", "instagram", 20000, None, "https://www.instagram.com/p/C1aBc-D_e2/", 20)]   # another account
    load(database, write(tmp_path, "business_suite.csv", GRAPH, columns),
         write(tmp_path, "scrape.csv", scraped, columns))
    assert mdb.run(database, "repeated_posts").empty
    assert sorted(database.df("SELECT likes FROM posts")["likes"].tolist()) == [10, 20, 90, 300]


def test_files_that_name_posts_alike_keep_the_cheap_sieve(database, tmp_path):
    # keying every row by its link costs 0.3 s a million posts: only files that need it pay it
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    tiktok = [("cat", "tiktok", 20000, "7301234567890123456", "https://www.tiktok.com/@cat/video/7301234567890123456",
               10)]
    load(database, write(tmp_path, "jan.csv", tiktok, columns), write(tmp_path, "feb.csv", tiktok, columns))
    assert not repeats._bridged(database, "posts", views.data_tables(database, "posts"))   # ids are their links' keys
    assert database.df("SELECT likes FROM posts")["likes"].tolist() == [10]
    load(database, write(tmp_path, "suite.csv", GRAPH, columns))          # Graph ids are no link's key
    assert repeats._bridged(database, "posts", views.data_tables(database, "posts"))
    assert not repeats._bridged(database, "brand_posts", views.data_tables(database, "brand_posts"))   # no file


def test_an_accounts_page_in_the_link_column_never_makes_its_posts_one(database, tmp_path):
    # an export that puts the account's page where the post's link goes, beside each post's own id
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    paged = [("ann", "instagram", 20000, f"1789569566800455{i}", "https://www.instagram.com/ann/", 10 * i)
             for i in range(1, 4)]
    load(database, write(tmp_path, "suite.csv", paged, columns), write(tmp_path, "sheet.csv", [
        ("ann", "instagram", 20000, None, "https://www.instagram.com/p/C1aBc-D_e2/", 5)], columns))
    assert influencer_rows(database)["ann"][:2] == (4, 65)


def test_two_exports_with_the_accounts_page_beside_each_video_keep_both_videos(database, tmp_path):
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    tiktok = [("bob", "tiktok", 20000, "7376917763432657801", "https://www.tiktok.com/@bob", 100)]
    load(database, write(tmp_path, "may.csv", tiktok, columns), write(tmp_path, "june.csv", [
        ("bob", "tiktok", 20000, "7400000000000000002", "https://www.tiktok.com/@bob", 200)], columns))
    assert influencer_rows(database)["bob"][:2] == (2, 300)


@pytest.mark.parametrize("first, second", [
    # a link's path in capitals is the same video
    ((None, "https://youtu.be/dQw4w9WgXcQ"), (None, "HTTPS://YOUTU.BE/dQw4w9WgXcQ")),
    (("dQw4w9WgXcQ", None), (None, "HTTPS://WWW.YOUTUBE.COM/WATCH?V=dQw4w9WgXcQ")),
])
def test_a_link_in_capitals_names_its_post(database, tmp_path, first, second):
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    load(database, write(tmp_path, "one.csv", [("cy", "youtube", 20000, *first, 100),
                                               ("cy", "youtube", 20000, *second, 120)], columns))
    assert database.df("SELECT likes FROM posts")["likes"].tolist() == [120]


def test_an_n_a_link_beside_a_graph_id_leaves_the_other_ids_bridged(database, tmp_path):
    columns = ["influencer", "platform", "followers", "post_id", "post_url", "likes"]
    graph = [("anna", "instagram", 20000, "17890000000000001", "https://www.instagram.com/p/CAAAAAAAAA1/", 10),
             ("anna", "instagram", 20000, "17890000000000002", "N/A", 10),
             ("anna", "instagram", 20000, "17890000000000003", "N/A", 10)]
    load(database, write(tmp_path, "graph.csv", graph, columns), write(tmp_path, "links.csv", [
        ("anna", "instagram", 20000, None, "https://www.instagram.com/p/CAAAAAAAAA1/", 12)], columns))
    assert sorted(database.df("SELECT likes FROM posts")["likes"].tolist()) == [10, 10, 12]


# ------------------------------------------------------------------ orders

CONVERSIONS = ["coupon_code", "date", "orders", "revenue"]


def conversions_total(database) -> tuple[int, float]:
    return database.execute("SELECT sum(orders), sum(revenue) FROM conversions").fetchone()


def test_overlapping_order_exports_count_each_order_once(database, tmp_path):
    # the quarter's export repeats May's two rows of ANA10 on 05-02 (two orders of $40: two rows, both real)
    may = [("ANA10", "2026-05-02", 1, 40.0), ("ANA10", "2026-05-02", 1, 40.0), ("BEN5", "2026-05-03", 2, 90.0)]
    quarter = may + [("ANA10", "2026-06-01", 1, 55.0)]
    load(database, write(tmp_path, "may.csv", may, CONVERSIONS), kind="conversions")
    assert conversions_total(database) == (4, 170.0)      # one file: its identical rows are two orders
    reports = load(database, write(tmp_path, "q2.csv", quarter, CONVERSIONS), kind="conversions")
    # 4 + 1 + 1 + 1 + 1 rows loaded, May's three counted from the quarter's copies (loaded last): 5 orders, $225
    assert [r.rows_loaded for r in reports] == [4]
    assert conversions_total(database) == (5, 225.0)
    repeated = mdb.run(database, "repeated_posts")
    assert repeated[["source_file", "kind", "rows_repeated"]].values.tolist() == [["may.csv", "conversions", 3]]
    assert repeats.note(3, ["q2.csv"], "may.csv", "conversions").startswith("3 rows repeat orders of 'q2.csv'")


def test_an_order_id_makes_a_row_one_order_and_its_copies_one(database, tmp_path):
    # a shop's export: an order per row, no column counting them; the second export repeats order 5002, and its
    # 'Id' 5004 is another order than the first file's row numbered alike would be
    columns = ["Id", "Discount Code", "Created at", "Total"]
    first = [(5001, "ALBA15", "2026-05-10", 50.0), (5002, "ALBA15", "2026-05-11", 30.0)]
    second = [(5002, "ALBA15", "2026-05-11", 30.0), (5003, "ALBA15", "2026-05-11", 30.0),
              (5001, "NORA10", "2026-05-12", 25.0)]
    reports = load(database, write(tmp_path, "orders_1.csv", first, columns),
                   write(tmp_path, "orders_2.csv", second, columns))
    assert reports[0].kind == "conversions" and reports[0].mapping["order_id"] == "Id"
    assert ("No column counts orders: each row with an order id ('Id') is one order, a refund's row one order "
            "returned.") in reports[0].notes
    # 5001, 5002 (once), 5003, and 5001 of another code (no copy of the first 5001): 4 orders, $135
    assert conversions_total(database) == (4, 135.0)
    # a refund of 5003, its own row with a negative total: one order returned, its money taken back
    load(database, write(tmp_path, "refunds.csv", [(5003, "ALBA15", "2026-05-14", -30.0)], columns))
    assert conversions_total(database) == (3, 105.0)


def test_the_overview_says_how_many_loaded_rows_repeat_an_order(database, tmp_path):
    from tests.conftest import app_on, shown

    may = [("ANA10", "2026-05-02", 1, 40.0), ("BEN5", "2026-05-03", 2, 90.0)]
    load(database, write(tmp_path, "may.csv", may, CONVERSIONS), write(tmp_path, "q2.csv", may, CONVERSIONS),
         kind="conversions")
    at = app_on(database, "pages/overview.py")
    assert not at.exception
    assert ("2 loaded rows repeat an order (same order id, or without one the same code, date and amounts in another "
            "file): each counts once. The Data page names the files.") in [shown(c.value) for c in at.caption]
