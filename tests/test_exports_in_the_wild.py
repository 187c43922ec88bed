"""Files as the tools marketers use export them (scrapers, creator platforms, schedulers, shops, trackers), written
here in miniature with their real headers and value forms: each must load as that tool's users would expect."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from microlens import cli, ingest, schema
from tests.conftest import write_csv


def _rows(database, sql: str) -> list[tuple]:
    return database.execute(sql).fetchall()


def test_a_tiktok_scraper_export_with_camel_case_and_slash_headers(database, tmp_path):
    # Apify's TikTok scraper: 'authorMeta/name' is the handle, 'diggCount' the likes, 'webVideoUrl' the post
    path = write_csv(tmp_path, "dataset_tiktok-scraper.csv",
                     "id,text,createTimeISO,authorMeta/name,authorMeta/nickName,authorMeta/fans,diggCount,"
                     "shareCount,playCount,commentCount,collectCount,webVideoUrl,isAd\n"
                     "7456123456789012345,serum day #ad,2026-01-05T08:00:00.000Z,mia.glows,Mia,48200,3400,120,"
                     "98000,210,300,https://www.tiktok.com/@mia.glows/video/7456123456789012345,true\n")
    report = ingest.ingest_path(database, path)
    assert report.kind == "posts" and report.rows_loaded == 1
    assert {k: report.mapping[k] for k in ("influencer", "followers", "likes", "saves", "url", "sponsored")} == {
        "influencer": "authorMeta/name", "followers": "authorMeta/fans", "likes": "diggCount",
        "saves": "collectCount", "url": "webVideoUrl", "sponsored": "isAd"}
    assert _rows(database, "SELECT influencer, platform, followers, likes, shares, views, comments, saves, "
                           "sponsored, posted_at FROM posts") == [
        ("mia.glows", "tiktok", 48200, 3400, 120, 98000, 210, 300, True, dt.datetime(2026, 1, 5, 8))]


def test_a_creator_platform_list_takes_the_handle_not_the_display_name(database, tmp_path):
    # CreatorIQ: 'Creator Name' is a person's name, which never joins to the posts; 'Primary Handle' does
    path = write_csv(tmp_path, "creatoriq.csv", "Creator Name,Primary Handle,Network,Follower Count,Engagement Rate\n"
                                                "Ana López,@ana.lopez.fit,Instagram,48.2K,3.4%\n")
    report = ingest.ingest_path(database, path)
    assert report.kind == "influencers" and report.mapping["influencer"] == "Primary Handle"
    assert _rows(database, "SELECT influencer, followers FROM influencers") == [("ana.lopez.fit", 48200)]


def test_a_post_export_without_a_platform_column_reads_each_rows_platform_from_its_link(database, tmp_path):
    path = write_csv(tmp_path, "export.csv", "Account username,Publish time,Permalink,Likes\n"
                                             "mia.glows,01/05/2026 14:03,https://www.instagram.com/p/C1/,10\n"
                                             "mia.glows,01/06/2026 14:03,https://youtu.be/abc,20\n"
                                             "mia.glows,01/07/2026 14:03,https://m.tiktok.com/@mia.glows/video/1,30\n"
                                             "mia.glows,01/08/2026 14:03,https://brand.com/instagram.com/reel,40\n")
    report = ingest.ingest_path(database, path)
    assert _rows(database, "SELECT platform, likes FROM posts ORDER BY likes") == [
        ("instagram", 10), ("youtube", 20), ("tiktok", 30), (None, 40)]
    assert report.platform is None
    assert ("No platform column: each row's platform is read from its link ('Permalink'); 1 row links elsewhere "
            "and has none: choose the platform for this file if they are all on one.") in report.notes


def test_a_comments_export_credits_no_commenter_as_the_influencer(database, tmp_path):
    # the Graph API's comments: 'username' wrote the comment; it has a like_count as posts do
    path = write_csv(tmp_path, "comments.csv", "comment_id,media_id,media_permalink,username,text,timestamp,"
                                               "like_count\n1791,1799,https://www.instagram.com/p/Q1/,anna_k,"
                                               "where can I buy this?,2026-01-05T15:02:11+0000,3\n")
    report = ingest.ingest_path(database, path)
    assert report.kind == "comments" and "influencer" not in report.mapping
    assert _rows(database, "SELECT post_id, url, platform, influencer, date FROM comments") == [
        ("1799", "https://www.instagram.com/p/Q1/", "instagram", None, dt.datetime(2026, 1, 5, 15, 2, 11))]


def test_a_campaign_tracker_counts_deliverables_written_as_words(database, tmp_path):
    # '2 posts + 3 stories' is five deliverables; 'Live date' and 'Wrap date' are the campaign's dates
    path = write_csv(tmp_path, "tracker.csv", "Campaign,Creator,Deliverables,Fee,Live date,Wrap date\n"
                                              'Glow,@ana,1 reel,$1.2k,"Jan 5, 2026",05-Feb-2026\n'
                                              "Glow,@chloe,2 posts + 3 stories,$300,2026/01/05,2026/01/31\n"
                                              "Glow,@ben,3,$300,2026/01/05,2026/01/31\n"
                                              "Glow,@dev,2 x $150,$300,2026/01/05,2026/01/31\n")
    report = ingest.ingest_path(database, path)
    assert report.kind == "campaigns"
    # '2 x $150' says no count of posts: the contract loads without one (it was rejected, its fee with it)
    assert report.reject_reasons == {}
    assert ("'Deliverables' gives no count of posts contracted on 1 row ('2 x $150'): such a contract loads without "
            "one.") in report.notes
    assert _rows(database, "SELECT influencer, posts_contracted, fee, start_date, end_date FROM campaigns "
                           "ORDER BY influencer") == [
        ("ana", 1, 1200.0, dt.date(2026, 1, 5), dt.date(2026, 2, 5)),
        ("ben", 3, 300.0, dt.date(2026, 1, 5), dt.date(2026, 1, 31)),
        ("chloe", 5, 300.0, dt.date(2026, 1, 5), dt.date(2026, 1, 31)),
        ("dev", None, 300.0, dt.date(2026, 1, 5), dt.date(2026, 1, 31))]


def test_a_shop_report_by_discount_code_counts_net_sales_and_no_sales_channel_as_an_influencer(database, tmp_path):
    # Shopify's sales by discount: revenue is net sales (total sales add shipping and taxes); in its orders export
    # 'Source' is the sales channel ('web'), not who brought the order
    path = write_csv(tmp_path, "sales_by_discount.csv", "Order discount code,Orders,Gross sales,Net sales,Total sales\n"
                                                        'MIA15,42,"$2,310.00","$1,963.50","$2,171.40"\n')
    report = ingest.ingest_path(database, path)
    assert report.kind == "conversions" and report.mapping["revenue"] == "Net sales"
    assert _rows(database, "SELECT coupon_code, orders, revenue FROM conversions") == [("MIA15", 42, 1963.5)]
    orders = write_csv(tmp_path, "orders_export.csv", "Name,Created at,Discount Code,Total,Source\n"
                                                      "#1001,2026-01-05 14:03:12 -0500,MIA15,55.00,web\n"
                                                      "#1002,2026-01-05 15:00:00 -0500,,40.00,web\n")
    report = ingest.ingest_path(database, orders)
    assert "influencer" not in report.mapping and report.rows_loaded == 1
    # the order no code brought in is rejected, saying so
    assert report.reject_reasons == {"no coupon code and no influencer: not an order or sign-up from a code": 1}
    assert _rows(database, "SELECT coupon_code, date, revenue FROM conversions WHERE coupon_code = 'MIA15' "
                           "AND revenue = 55") == [("MIA15", dt.date(2026, 1, 5), 55.0)]


def test_a_refunded_or_declined_order_brings_in_no_revenue(database, tmp_path):
    # Shopify's orders export keeps a refunded order's total on its row, and an affiliate network lists its declined
    # conversions: counted, the code's revenue included money the shop gave back. A part refund still sold.
    path = write_csv(tmp_path, "orders_export.csv", "Name,Financial Status,Created at,Discount Code,Total\n"
                                                    "#1001,paid,2026-01-05 10:00:00 -0500,ANNA20,102.20\n"
                                                    "#1002,refunded,2026-01-06 10:00:00 -0500,ANNA20,54.00\n"
                                                    "#1003,partially_refunded,2026-01-07 10:00:00 -0500,ANNA20,30.00\n"
                                                    "#1004,Voided,2026-01-08 10:00:00 -0500,ANNA20,12.00\n")
    report = ingest.ingest_path(database, path)
    assert report.mapping["status"] == "Financial Status"
    assert (report.rows_loaded, report.reject_reasons) == (2, {schema.VOID_ORDER_REASON: 2})
    assert _rows(database, "SELECT sum(revenue) FROM conversions") == [(132.2,)]
    network = write_csv(tmp_path, "conversions.csv", "Promo code,Sale amount,Conversion status\nMIA15,80,Approved\n"
                                                     "MIA15,60,Declined\nMIA15,40,Pending\n")
    assert ingest.ingest_path(database, network).reject_reasons == {schema.VOID_ORDER_REASON: 1}
    # a refund's own row takes its money back: it loads and subtracts
    refunds = write_csv(tmp_path, "refunds.csv", "Order,Coupon Code,Date,Revenue,Order status\n"
                                                 "1001,ANNA20,2024-03-01,100.00,Paid\n"
                                                 "1001,ANNA20,2024-03-05,-100.00,Refunded\n"
                                                 "1002,ANNA20,2024-03-02,50.00,Paid\n")
    assert ingest.ingest_path(database, refunds).rows_loaded == 3
    assert _rows(database, "SELECT sum(revenue) FROM conversions WHERE source_file = 'refunds.csv'") == [(50.0,)]
    # a 'Status' alone is no order's: a subscription's cancelled sign-up happened
    subs = write_csv(tmp_path, "subs.csv", "Creator,Code,Signup Date,Signups,Status\nanna,ANNA20,2024-03-01,1,active\n"
                                           "anna,ANNA20,2024-03-02,1,cancelled\n")
    report = ingest.ingest_path(database, subs)
    assert "status" not in report.mapping and report.rows_loaded == 2


def test_a_scheduler_export_with_slashed_dates_and_times(database, tmp_path):
    # Hootsuite: 'Date (GMT)' as 2026/01/05 14:00, the network as 'INSTAGRAMBUSINESS', 'Post Permalink'
    path = write_csv(tmp_path, "hootsuite.csv", "Date (GMT),Social Network,Profile,Post Message,Post Permalink,Likes\n"
                                                "2026/01/05 14:00,INSTAGRAMBUSINESS,nina_travels,Lisbon day 0,"
                                                "https://www.instagram.com/p/HS0/,613\n")
    report = ingest.ingest_path(database, path)
    assert report.rows_loaded == 1
    assert _rows(database, "SELECT influencer, platform, posted_at, caption, url FROM posts") == [
        ("nina_travels", "instagram", dt.datetime(2026, 1, 5, 14), "Lisbon day 0", "https://www.instagram.com/p/HS0/")]


YOUTUBE_STUDIO = ("Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Impressions\n"
                  "Total,,,,9895,202.5,39,141234\n"
                  'dQw4w9WgXc0,My honest review #0,"Jan 5, 2026",300,1794,146.2,17,85752\n'
                  'dQw4w9WgXc1,My honest review #1,"Jan 6, 2026",317,8101,56.3,22,55482\n')


def test_a_creators_own_studio_export_loads_under_the_account_typed_for_it(database, tmp_path):
    # YouTube Studio's videos: no account column, a 'Total' row on top, 'Subscribers' gained per video
    path = write_csv(tmp_path, "Table data.csv", YOUTUBE_STUDIO)
    without = ingest.ingest_path(database, path)
    assert without.error and without.error.endswith("For one account's own export (YouTube Studio, TikTok Studio), "
                                                     "type its handle under Account.")
    report = ingest.ingest_path(database, path, platform="youtube", account=" @DewyDiego ")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert report.reject_reasons == {ingest.TOTALS_REASON: 1} and report.account == "@DewyDiego"
    assert "followers" not in report.mapping      # 17 subscribers gained is not a channel of 17 followers
    assert _rows(database, "SELECT influencer, platform, post_id, views, impressions, caption, posted_at FROM posts "
                           "ORDER BY views") == [
        ("dewydiego", "youtube", "dQw4w9WgXc0", 1794, 85752, "My honest review #0", dt.datetime(2026, 1, 5)),
        ("dewydiego", "youtube", "dQw4w9WgXc1", 8101, 55482, "My honest review #1", dt.datetime(2026, 1, 6))]
    assert "No account column: every row is a post of @DewyDiego, as typed for this file." in report.notes


def test_a_tiktok_studio_export_is_posts_with_its_total_columns(database, tmp_path):
    # TikTok Studio writes each video's counts as 'Total likes', 'Total comments' …; an account typed for the file
    # says it holds one account's posts
    path = write_csv(tmp_path, "tiktok_studio.csv", "Video title,Video link,Post time,Total likes,Total comments,"
                                                    "Total shares,Total views\nserum day,https://www.tiktok.com/@mia/"
                                                    "video/1,2026-01-05 08:00,3400,210,120,98000\n")
    report = ingest.ingest_path(database, path, account="mia")
    assert report.kind == "posts" and report.rows_loaded == 1
    assert _rows(database, "SELECT influencer, platform, likes, comments, shares, views, url FROM posts") == [
        ("mia", "tiktok", 3400, 210, 120, 98000, "https://www.tiktok.com/@mia/video/1")]


def test_fees_in_other_currencies_are_read_as_written_and_said_not_converted(database, tmp_path):
    # a campaign sheet paid in several currencies: read as the numbers written, with a warning, never summed silently
    path = write_csv(tmp_path, "tracker.csv", "Campaign,Creator,Fee\nGlow,@ana,$300\nGlow,@ben,1 200 €\n"
                                              "Glow,@cy,CHF 300\nGlow,@dee,350 EUR\nGlow,@eve,USD 350\n")
    report = ingest.ingest_path(database, path, kind="campaigns")
    assert report.rows_loaded == 5
    assert _rows(database, "SELECT influencer, fee FROM campaigns ORDER BY influencer") == [
        ("ana", 300.0), ("ben", 1200.0), ("cy", 300.0), ("dee", 350.0), ("eve", 350.0)]
    assert ("'Fee' has amounts in CHF, €: every amount is read as the number written and counted as US dollars, "
            "not converted. Convert them to dollars in the file and upload it again.") in report.notes
    assert report.currencies == ["CHF", "€"]
    dollars = write_csv(tmp_path, "dollars.csv", "Campaign,Creator,Fee\nGlow,@ana,$300\nGlow,@eve,USD 350\n")
    assert not [n for n in ingest.ingest_path(database, dollars, kind="campaigns").notes if "converted" in n]


def test_amounts_of_a_file_in_another_currency_are_converted_at_the_rate_given(database, tmp_path):
    # a German agency's sheets: fees, prices and revenue in euros beside benchmarks in dollars
    fees = write_csv(tmp_path, "kampagne.csv", "Campaign,Creator,Fee (€),Product cost\nGlow,@ana,1200,50\n"
                                               "Glow,@ben,lots,10\nGlow,@cy,,\n")
    report = ingest.ingest_path(database, fees, kind="campaigns", usd_rate=1.25)
    # 1,200 € x 1.25 = $1,500; 50 € x 1.25 = $62.50; 'lots' is still no amount
    assert _rows(database, "SELECT influencer, fee, product_cost FROM campaigns ORDER BY 1") == [
        ("ana", 1500.0, 62.5), ("cy", None, None)]
    assert report.rows_rejected == 1 and report.usd_rate == 1.25
    assert ("Amounts converted to US dollars at 1.25 dollars per unit of the file's currency, as given for this file: "
            "'Fee (€)', 'Product cost'.") in report.notes
    assert not [n for n in report.notes if "not converted" in n]
    posts = write_csv(tmp_path, "posts.csv", "influencer,followers,likes,cost\nana,20000,900,€80\n")
    ingest.ingest_path(database, posts, usd_rate=0.5)
    assert _rows(database, "SELECT cost FROM posts") == [(40.0,)]
    orders = write_csv(tmp_path, "orders.csv", "Code,Orders,Revenue\nANA15,3,120.00\n")
    ingest.ingest_path(database, orders, usd_rate=1.1)
    assert _rows(database, "SELECT round(revenue, 6) FROM conversions") == [(132.0,)]
    listing = write_csv(tmp_path, "list.csv", "influencer,platform,followers,price_per_post\nana,instagram,20000,200\n")
    ingest.ingest_path(database, listing, usd_rate=1.1)
    assert _rows(database, "SELECT round(price_per_post, 6) FROM influencers") == [(220.0,)]
    # a file without amounts says the rate is not used; a rate of 0 or a slip of the keyboard is refused
    counts = write_csv(tmp_path, "counts.csv", "influencer,followers,likes\nana,20000,900\n")
    assert ("The rate to US dollars given for this file is not used: none of its columns holds amounts of money."
            in ingest.ingest_path(database, counts, usd_rate=1.1).notes)
    for wrong in (0, -1.1, 1e6):
        refused = ingest.ingest_path(database, counts, file_name="counts2.csv", usd_rate=wrong)
        assert refused.error.startswith("The rate to US dollars must be above 0 and at most 10,000")


def test_a_workbook_of_fees_in_pounds_says_they_are_not_converted(database, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for row in (["Campaign", "Creator", "Fee", "Deliverables"], ["Glow", "@ana", "£400", 1]):
        book.active.append(row)
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    report = ingest.ingest_path(database, path)
    assert report.kind == "campaigns" and report.rows_loaded == 1
    assert any(n.startswith("'Fee' has amounts in £:") for n in report.notes)


# ---- from a review of the day's changes: what they broke, kept working

def test_comment_scraper_exports_stay_comments_and_credit_no_commenter(database, tmp_path):
    # Apify's Instagram comments ('ownerUsername' wrote the comment; one like count beside a text) and TikTok
    # comments ('cid', 'videoWebUrl'): both loaded as posts of every commenter
    instagram = write_csv(tmp_path, "ig_comments.csv", "id,text,ownerUsername,timestamp,postUrl,likesCount\n"
                                                      "1790,where can I buy this?,anna_k,2026-01-05T15:02:11.000Z,"
                                                      "https://www.instagram.com/p/C1abc/,3\n")
    tiktok = write_csv(tmp_path, "tt_comments.csv", "cid,text,createTimeISO,diggCount,uniqueId,videoWebUrl\n"
                                                    "7300,love it,2026-01-05T16:02:11.000Z,1,bob,"
                                                    "https://www.tiktok.com/@mia/video/7456\n")
    for path in (instagram, tiktok):
        report = ingest.ingest_path(database, path)
        assert report.kind == "comments" and "influencer" not in report.mapping and report.rows_loaded == 1
    assert _rows(database, "SELECT url, platform, influencer FROM comments ORDER BY url") == [
        ("https://www.instagram.com/p/C1abc/", "instagram", None),
        ("https://www.tiktok.com/@mia/video/7456", "tiktok", None)]


def test_posts_whose_platform_comes_from_links_join_a_list_without_platforms(database, tmp_path):
    # the posts' links say Instagram, the list says nothing: one account, not a listed 'other' with no posts
    # beside an Instagram account with no followers
    posts = ("influencer,posted_at,url,likes,comments,cost\nmia,2026-01-05,https://www.instagram.com/p/C1/,1000,50,200\n"
             "mia,2026-01-06,https://www.instagram.com/p/C2/,1200,40,200\n")
    ingest.ingest_path(database, write_csv(tmp_path, "posts.csv", posts))
    ingest.ingest_path(database, write_csv(tmp_path, "list.csv", "influencer,followers,price_per_post\nmia,48000,200\n"))
    from microlens.cli import influencer_table

    table = influencer_table(database)
    # 2 posts, 1,050 and 1,240 engagements over 48,000 followers: median ER (2.1875% + 2.5833%) / 2
    assert table[["influencer", "platform", "band", "followers", "posts"]].values.tolist() == [
        ["mia", "instagram", "micro", 48000, 2]]
    assert table.loc[0, "median_er"] == pytest.approx((1050 / 48000 + 1240 / 48000) / 2)


def test_first_column_totals_are_looked_for_only_in_a_file_of_one_typed_account(database, tmp_path):
    # a video titled "Total (Official Video)" or a comment "Total 🙌" is data wherever the file names its rows
    videos = write_csv(tmp_path, "videos.csv", "Video title,Channel,Views,Likes\nTotal (Official Video),mia,100,10\n"
                                               "Average,mia,100,10\n")
    assert ingest.ingest_path(database, videos).rows_loaded == 2
    comments = write_csv(tmp_path, "comments.csv", "text,url\nTotal 🙌,https://www.instagram.com/p/C1/\n")
    assert ingest.ingest_path(database, comments).rows_loaded == 1


def test_an_account_typed_for_files_that_name_their_accounts_changes_nothing(database, tmp_path):
    lists = write_csv(tmp_path, "list.csv", "influencer,followers\nmia,48000\n")
    report = ingest.ingest_path(database, lists, account="someone")
    assert report.kind == "influencers" and report.account is None
    assert _rows(database, "SELECT influencer FROM influencers") == [("mia",)]


def test_a_tracker_column_saying_whether_a_post_is_published_is_no_date(database, tmp_path):
    path = write_csv(tmp_path, "tracker.csv", "Creator,Platform,Deliverables,Fee,Content,Published\n"
                                              "ana,instagram,1 reel,300,Reel about serum,Yes\n")
    report = ingest.ingest_path(database, path)
    assert report.rows_loaded == 1 and "Published" not in report.mapping.values()


def test_subscribers_are_followers_except_in_a_studio_export_of_videos():
    from microlens import kinds

    sheet = kinds.detect(["Creator", "Date", "Subscribers", "Views", "Likes", "Comments"])
    assert sheet.mapping["followers"] == "Subscribers"
    studio = kinds.detect(["Content", "Video title", "Video publish time", "Views", "Watch time (hours)",
                           "Subscribers"])
    assert "followers" not in studio.mapping


def test_lower_case_currency_codes_are_noted_too(database, tmp_path):
    path = write_csv(tmp_path, "fees.csv", "Campaign,Creator,Fee\nGlow,@ben,350 eur\nGlow,@cy,chf 300\n")
    report = ingest.ingest_path(database, path, kind="campaigns")
    assert report.rows_loaded == 2
    assert any(n.startswith("'Fee' has amounts in CHF, €:") for n in report.notes)


def test_french_and_german_excel_exports_map_their_own_headers(database, tmp_path):
    # French Excel: accents in headers ('Abonnés', 'Coût'), numbers with spaces and decimal commas; German Excel's
    # header names its currency ('Kosten (€)') where its cells do not
    french = write_csv(tmp_path, "fr.csv", "Influenceur;Plateforme;Abonnés;Date de publication;J'aime;Commentaires;"
                                           "Partages;Enregistrements;Vues;Coût;Sponsorisé;Lien\n"
                                           "@léa.beauté;Instagram;23 400;05/01/2026;1 204;87;12;45;;350,00;Oui;"
                                           "https://www.instagram.com/p/AAA/\n")
    report = ingest.ingest_path(database, french)
    assert report.kind == "posts" and report.rows_loaded == 1
    assert set(report.mapping) == {"influencer", "platform", "followers", "posted_at", "likes", "comments", "shares",
                                   "saves", "views", "cost", "sponsored", "url"}
    assert _rows(database, "SELECT followers, likes, cost, sponsored FROM posts") == [(23400, 1204, 350.0, True)]
    german = write_csv(tmp_path, "de.csv", "Influencer;Plattform;Follower;Datum;Likes;Kommentare;Kosten (€)\n"
                                           "@jonas;Instagram;45.200;05.01.2026;2.104;87;1.200,00\n")
    report = ingest.ingest_path(database, german)
    assert report.mapping["cost"] == "Kosten (€)" and report.mapping["posted_at"] == "Datum"
    assert any(n.startswith("'Kosten (€)' has amounts in €:") for n in report.notes)
    assert _rows(database, "SELECT followers, likes, cost, posted_at FROM posts WHERE influencer = 'jonas'") == [
        (45200, 2104, 1200.0, dt.datetime(2026, 1, 5))]


def test_an_instagram_scraper_export_with_hidden_likes_loads_them_as_unknown(database, tmp_path):
    # Apify's Instagram scraper writes likesCount -1 where the creator hides likes (and -1 plays on a photo):
    # the post is real, its likes unknown; a count of -2 is no such marker and still rejects its row
    path = write_csv(tmp_path, "dataset_instagram-scraper.csv",
                     "ownerUsername,likesCount,commentsCount,videoPlayCount,url\n"
                     "mia.glows,-1,48,-1,https://www.instagram.com/p/C1/\n"
                     "mia.glows,-1.0,12,,https://www.instagram.com/p/C2/\n"
                     "mia.glows,310,-2,900,https://www.instagram.com/p/C3/\n")
    report = ingest.ingest_path(database, path)
    assert (report.rows_loaded, report.rows_rejected) == (2, 1)
    assert report.reject_reasons == {"Comments ('commentsCount') is negative": 1}
    assert _rows(database, "SELECT likes, comments, views FROM posts ORDER BY url") == [(None, 48, None),
                                                                                      (None, 12, None)]


def test_a_scraped_post_at_zero_followers_has_an_unknown_audience(database, tmp_path):
    # a crawl's 0 followers beside 162,480 engagements is a gap in the scrape: the account's audience comes from its
    # other post (21,000, micro), and an account seen only at 0 has no band, not the under-1K one; the rows still load
    path = write_csv(tmp_path, "tiktok_crawl.csv",
                     "user_name,user_nfollower,vid_id,vid_postTime,vid_nlike,vid_ncomment\n"
                     "trung,0,1,2025-05-11,120100,4589\n"
                     "lan,0,2,2025-05-01,500,20\n"
                     "lan,21000,3,2025-05-02,700,30\n")
    report = ingest.ingest_path(database, path, platform="tiktok")
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    assert _rows(database, "SELECT influencer, followers FROM posts ORDER BY post_id") == [
        ("trung", None), ("lan", None), ("lan", 21000)]
    table = cli.influencer_table(database).set_index("influencer")
    assert table.loc["lan", ["followers", "band"]].tolist() == [21000, "micro"]
    assert pd.isna(table.loc["trung", "followers"]) and pd.isna(table.loc["trung", "band"])


def test_rate_card_and_european_amounts_read_as_written(database, tmp_path):
    # a rate card's '$250/post', a German sheet's '1.200,-' (whole euros) and '1,2 Mio.' followers
    path = write_csv(tmp_path, "rates.csv", "Handle,Platform,Followers,Price per post\n"
                                            "mia.glows,Instagram,\"1,2 Mio.\",$250/post\n"
                                            "ben.cooks,Instagram,48 Tsd.,\"1.200,-\"\n"
                                            "cara.runs,TikTok,1.5 million,350 per video\n")
    report = ingest.ingest_path(database, path)
    assert report.kind == "influencers" and report.rows_rejected == 0
    assert _rows(database, "SELECT influencer, followers, price_per_post FROM influencers ORDER BY 1") == [
        ("ben.cooks", 48_000, 1200.0), ("cara.runs", 1_500_000, 350.0), ("mia.glows", 1_200_000, 250.0)]


@pytest.mark.parametrize("kind, headers, expected", [
    # Meta Business Suite's export in German: its account column had no name, and the file was refused
    ("posts", ["Beitrags-ID", "Konto-Benutzername", "Veröffentlichungszeit", "Gefällt mir", "Kommentare", "Follower"],
     {"post_id": "Beitrags-ID", "influencer": "Konto-Benutzername", "posted_at": "Veröffentlichungszeit",
      "likes": "Gefällt mir", "comments": "Kommentare", "followers": "Follower"}),
    # a German contracts sheet: product costs and posts contracted were passed over without a word
    ("campaigns", ["Kampagne", "Influencer", "Honorar (€)", "Produktkosten", "Anzahl Posts", "Beginn", "Ende"],
     {"campaign": "Kampagne", "influencer": "Influencer", "fee": "Honorar (€)", "product_cost": "Produktkosten",
      "posts_contracted": "Anzahl Posts", "start_date": "Beginn", "end_date": "Ende"}),
    # a coupon report: 'Datum' left all its orders undated
    ("conversions", ["Datum", "Gutscheincode", "Bestellungen", "Umsatz"],
     {"date": "Datum", "coupon_code": "Gutscheincode", "orders": "Bestellungen", "revenue": "Umsatz"}),
    # 'Ø' is German for average: folded away, 'Ø Likes' was 'Likes'; 'Stand' is the list's as-of date
    ("influencers", ["Handle", "Follower", "Ø Likes", "Ø Kommentare", "Preis pro Post", "Stichtag"],
     {"influencer": "Handle", "followers": "Follower", "avg_likes": "Ø Likes", "avg_comments": "Ø Kommentare",
      "price_per_post": "Preis pro Post", "snapshot_date": "Stichtag"}),
    # 'Stand' alone is a status as often as a date ('aktiv'): not mapped, or a list of statuses was all rejected
    ("influencers", ["Handle", "Follower", "Stand", "ø Likes"],
     {"influencer": "Handle", "followers": "Follower", "avg_likes": "ø Likes"}),
])
def test_german_exports_and_sheets_map_their_columns(kind, headers, expected):
    from microlens import kinds

    assert kinds.map_columns(kind, headers) == expected
    assert kinds.detect(headers, "export.csv").kind == kind


def test_the_average_sign_is_read_only_standing_alone():
    from microlens.kinds import header_key

    assert [header_key(h) for h in ("Ø Likes", "ø Likes", "⌀ Views", "Følgere", "FØLGERE", "Øre")] == [
        "avg_likes", "avg_likes", "avg_views", "flgere", "flgere", "re"]


def test_one_rate_for_two_currencies_is_said_to_convert_one_wrong(database, tmp_path):
    path = write_csv(tmp_path, "tracker.csv", "Campaign,Creator,Fee\nGlow,@ana,1 200 €\nGlow,@cy,CHF 300\n")
    report = ingest.ingest_path(database, path, kind="campaigns", usd_rate=1.1)
    assert report.amounts_as_dollars          # so the panel and every page still warn
    assert ("Amounts converted to US dollars at 1.1 dollars per unit, but the file names CHF, €: one rate converts "
            "one currency, and the others are wrong. Convert them to dollars in the file and upload it again."
            in report.notes)
    assert not ingest.ingest_path(database, path, file_name="t2.csv", kind="campaigns").notes[-1].startswith(
        "Amounts converted")


def test_an_orders_export_with_a_currency_column_says_its_amounts_are_in_it(database, tmp_path):
    # Shopify writes the order's currency in a column of its own ('Currency': EUR) and bare numbers under 'Total':
    # euros counted as dollars without a word
    header = "Name,Financial Status,Currency,Total,Discount Code,Created at,Id\n"
    euros = write_csv(tmp_path, "orders_export_1.csv", header + "#1001,paid,EUR,117.67,ANA10,2026-03-28 07:41,1\n")
    report = ingest.ingest_path(database, euros)
    assert report.kind == "conversions" and report.currencies == ["€"]
    assert any(n.startswith("'Total' has amounts in €: every amount is read as the number written") for n in report.notes)
    dollars = write_csv(tmp_path, "orders_export_2.csv", header + "#1002,paid,USD,50.00,BO10,2026-03-29 08:00,2\n")
    assert ingest.ingest_path(database, dollars).currencies == []
