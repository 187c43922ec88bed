"""Takeover lift: the window and post queries, the lift per metric, the figures, the sections and the page.

The fixture brand account `brandco` (followers 10,000) and its Instagram posts, with engagements = likes +
comments + shares + saves (saves missing: counts 0):
  pre-period (30 days before 2026-03-01, i.e. from 2026-01-30), day-to-day:
    01-30 08:00  90+10+0 = 100, impressions 1000      02-05  180+20+0 = 200, 2000
    02-12        270+30+0 = 300, 3000                 02-19  360+40+0 = 400, 4000
    02-26        450+50+0 = 500, 5000
    -> median engagements 300, impressions 3000, likes 270
  left out: 01-29 23:00 (before the pre-period, not fetched); 02-10 sponsored (5,000 engagements: excluded);
            03-04 in the window but not marked (50 engagements); 03-09 after the window (not fetched);
            a TikTok post on 02-15 (another platform)
  takeover, marked 'Spring Takeover' (contract 03-01 .. 03-07):
    03-02        360+40+0 = 400, impressions 4000     03-07 22:00  450+50+0 = 500, impressions 8000
    -> median engagements 450, impressions 6000, likes 405 (medians of two: their means)
  lift: engagements 450 / 300 - 1 = +50%; impressions 6000 / 3000 - 1 = +100%; likes 405 / 270 - 1 = +50%.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from microlens import area_takeover as area
from microlens import db as mdb
from microlens import ingest
from microlens import lift as lift_mod
from microlens.context import Context
from microlens.filters import Filters
from tests.conftest import ROOT, app_on, shown, write_csv

BRAND_CSV = "influencer,platform,followers,posted_at,likes,comments,shares,saves,impressions,views," \
            "sponsored,campaign,post_id,caption\n" + """\
brandco,instagram,10000,2026-01-29T23:00:00,9000,999,0,,90000,,false,,b0,too early
brandco,instagram,10000,2026-01-30T08:00:00,90,10,0,,1000,,false,,b1,first day of the pre-period
brandco,instagram,10000,2026-02-05T10:00:00,180,20,0,,2000,,false,,b2,usual
brandco,instagram,10000,2026-02-10T10:00:00,4500,500,0,,50000,,true,,b3,paid boost
brandco,instagram,10000,2026-02-12T10:00:00,270,30,0,,3000,,false,,b4,usual
brandco,tiktok,5000,2026-02-15T10:00:00,700,30,20,,,9000,false,,t1,tiktok usual
brandco,instagram,10000,2026-02-19T10:00:00,360,40,0,,4000,,false,,b5,usual
brandco,instagram,10000,2026-02-26T10:00:00,450,50,0,,5000,,false,,b6,<b>usual</b>
brandco,instagram,10000,2026-03-02T10:00:00,360,40,0,,4000,,true,Spring Takeover,b7,takeover day 1
brandco,instagram,10000,2026-03-04T10:00:00,45,5,0,,500,,false,,b8,brand post during the takeover
brandco,instagram,10000,2026-03-07T22:00:00,450,50,0,,8000,,true,Spring Takeover,b9,takeover last day
brandco,instagram,10000,2026-03-09T10:00:00,9000,999,0,,90000,,false,,b10,too late
"""
CAMPAIGNS_CSV = """campaign,influencer,platform,fee,start_date,end_date
Spring Takeover,ana,instagram,500,2026-03-01,2026-03-07
Autumn,ben,instagram,100,2026-09-01,2026-09-30
"""
BASELINE = [100, 200, 300, 400, 500]
TAKEOVER = [400, 500]


@pytest.fixture
def brand_db(tmp_path):
    db = mdb.new_database()
    ingest.ingest_path(db, write_csv(tmp_path, "brand_posts.csv", BRAND_CSV), kind="brand_posts")
    ingest.ingest_path(db, write_csv(tmp_path, "campaigns.csv", CAMPAIGNS_CSV), kind="campaigns")
    yield db
    db.close()


def _window(db) -> area.Window:
    return next(w for w in area.windows(Context(db=db)) if w.campaign == "Spring Takeover")


def test_status_and_windows(brand_db):
    ctx = Context(db=brand_db)
    status = area.status(ctx)
    assert (status.brand_posts, status.dated_posts) == (12, 12)
    assert (status.first_post, status.last_post) == (dt.date(2026, 1, 29), dt.date(2026, 3, 9))
    assert status.platforms == ("instagram", "tiktok")
    windows = area.windows(ctx)
    # Spring Takeover: 2 posts marked with it, first (most marked posts); then the sponsored post without a
    # campaign (02-10) as its own window; Autumn has contracts only.
    assert [(w.campaign, w.start, w.end, w.marked_posts) for w in windows] == [
        ("Spring Takeover", dt.date(2026, 3, 1), dt.date(2026, 3, 7), 2),
        (None, dt.date(2026, 2, 10), dt.date(2026, 2, 10), 1),
        ("Autumn", dt.date(2026, 9, 1), dt.date(2026, 9, 30), 0),
    ]
    assert windows[0].label == "Spring Takeover (01 Mar – 07 Mar 2026)"
    assert windows[2].label == "Autumn (01 Sep – 30 Sep 2026) · no brand post marked with it"
    assert area.default_window(windows) == windows[0]
    assert area.default_window(windows, ("Autumn",)).campaign == "Autumn"


def test_a_campaign_spelled_in_another_case_on_the_brands_posts_is_one_window(tmp_path):
    # the sheet's 'Spring Takeover' and the brand's 'spring takeover': two windows, the sheet's with no post, and
    # the sidebar (which offers one spelling) opened the empty one
    db = mdb.new_database()
    ingest.ingest_path(db, write_csv(tmp_path, "brand_posts.csv", BRAND_CSV.replace(",Spring Takeover,",
                                                                                    ",spring takeover,")),
                       kind="brand_posts")
    ingest.ingest_path(db, write_csv(tmp_path, "campaigns.csv", CAMPAIGNS_CSV), kind="campaigns")
    windows = area.windows(Context(db=db))
    spring = [w for w in windows if w.campaign and w.campaign.lower() == "spring takeover"]
    assert [(w.campaign, w.marked_posts, w.start, w.end) for w in spring] == [
        ("Spring Takeover", 2, dt.date(2026, 3, 1), dt.date(2026, 3, 7))]
    assert area.default_window(windows, ("spring takeover",)) == spring[0]
    posts = area.load_posts(Context(db=db), spring[0], pre_days=30)
    assert sorted(posts.loc[posts["role"] == "takeover", "post_id"]) == ["b7", "b9"]
    db.close()


def test_posts_query_roles(brand_db):
    posts = area.load_posts(Context(db=brand_db), _window(brand_db), pre_days=30)
    ig = posts[posts["platform"] == "instagram"].set_index("post_id")
    # b0 (before 01-30) and b10 (after 03-07) are outside the dates asked for.
    assert sorted(ig.index) == ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9"]
    assert ig["role"].to_dict() == {"b1": "baseline", "b2": "baseline", "b3": "excluded", "b4": "baseline",
                                    "b5": "baseline", "b6": "baseline", "b7": "takeover", "b8": "excluded",
                                    "b9": "takeover"}
    assert set(ig["takeover_rule"]) == {"campaign"}
    assert ig.loc[ig["role"] == "baseline", "engagements"].tolist() == BASELINE
    assert ig.loc[ig["role"] == "takeover", "engagements"].tolist() == TAKEOVER
    assert ig.loc["b1", "er"] == pytest.approx(100 / 10_000)
    assert ig.loc["b3", "note"].startswith("sponsored or campaign post before the window")
    tiktok = posts[posts["platform"] == "tiktok"]
    assert tiktok[["post_id", "role", "takeover_rule"]].values.tolist() == [["t1", "baseline", "unmarked campaign"]]
    # The sidebar's platform filter reaches the query.
    only_tiktok = area.load_posts(Context(db=brand_db, filters=Filters(platforms=("tiktok",))), _window(brand_db), 30)
    assert set(only_tiktok["platform"]) == {"tiktok"}


def test_a_posts_row_counts_the_broken_lines_above_it(tmp_path):
    # the posts' table names each post's row in its file: DuckDB numbers the rows it parsed, and a broken line above
    # made every later post's row one too few (a marketer looking up row 6 found the post above it)
    lines = BRAND_CSV.splitlines()
    broken = "\n".join([*lines[:3], lines[3] + ",a cell too many", *lines[4:]]) + "\n"
    db = mdb.new_database()
    report = ingest.ingest_path(db, write_csv(tmp_path, "brand_posts.csv", broken), kind="brand_posts")
    assert report.rows_rejected == 1
    ingest.ingest_path(db, write_csv(tmp_path, "campaigns.csv", CAMPAIGNS_CSV), kind="campaigns")
    posts = area.load_posts(Context(db=db), _window(db), pre_days=30).set_index("post_id")
    in_file = {cells.split(",")[12]: row for row, cells in enumerate(lines[1:], start=1)}     # post id: its row
    assert posts["source_row"].to_dict() == {pid: in_file[pid] for pid in posts.index}
    assert posts.loc["b9", "source_row"] == 11      # b0-b4, t1, b5-b8 above it
    db.close()


def test_a_campaign_the_brand_marked_no_post_with_is_not_called_a_takeover(brand_db):
    # The sample's Back to School ran on influencers' accounts: none of the brand's posts in its dates is marked,
    # and the page said "Takeover posts earned 26% more engagements" of the brand's ordinary posts. The same
    # dates picked by hand stay a takeover: the user said so by picking them.
    ctx = Context(db=brand_db)
    winter = area.Window(dt.date(2026, 2, 26), dt.date(2026, 3, 1), "Winter", "Winter (26 Feb – 01 Mar 2026)", 0)
    ig = area.posts_of(area.load_posts(ctx, winter, 60), ("brandco", "instagram"))
    assert set(ig["takeover_rule"]) == {"unmarked campaign"}
    assert ig.loc[ig["role"] == "takeover", "post_id"].tolist() == ["b6"]
    m = area.measure(ig, "engagements", n_boot=200)
    assert m.unmarked and m.sentence().startswith("Posts in the campaign's dates earned ")
    headline, detail = area.title_for(m, "instagram")
    assert headline.startswith("Instagram posts in the campaign's dates (none marked): ")
    assert detail.endswith("the brand marked none of its posts as the takeover, so every post in the dates counts")
    assert area.rule_sentence(ig, winter, 60).startswith("Compared: the 1 Instagram post in the dates of 'Winter' "
                                                         "(the brand marked none of its posts with it")
    names = {t.name for t in area.timeline(ig, m, winter, 60).data}
    assert "post in the campaign's dates" in names and "takeover post" not in names
    rows = area.summary_rows(area.load_posts(ctx, winter, 60), n_boot=200)
    assert area.summary_title(rows, winter).startswith("The brand's posts in the dates of Winter (none marked): ")
    picked = area.posts_of(area.load_posts(ctx, area.custom_window(winter.start, winter.end), 60),
                           ("brandco", "instagram"))
    kept = area.measure(picked, "engagements", n_boot=200)
    assert not kept.unmarked and kept.sentence().startswith("Takeover posts earned ")
    assert area.title_for(kept, "instagram")[0].startswith("Instagram takeover posts: ")


def test_custom_windows_use_marked_posts_or_the_whole_window(brand_db):
    ctx = Context(db=brand_db)
    marked = area.load_posts(ctx, area.custom_window(dt.date(2026, 3, 1), dt.date(2026, 3, 7)), 30)
    ig = marked[marked["platform"] == "instagram"]
    assert set(ig["takeover_rule"]) == {"marked"}
    assert sorted(ig.loc[ig["role"] == "takeover", "post_id"]) == ["b7", "b9"]
    # 02-19 .. 02-26 holds only unmarked posts: all of them are the takeover. The 30 days before start on
    # 01-20, so b0 (01-29) is a usual post now; b3 (sponsored) is still left out.
    whole = area.load_posts(ctx, area.custom_window(dt.date(2026, 2, 19), dt.date(2026, 2, 26)), 30)
    ig = whole[whole["platform"] == "instagram"]
    assert set(ig["takeover_rule"]) == {"whole window"}
    assert sorted(ig.loc[ig["role"] == "takeover", "post_id"]) == ["b5", "b6"]
    assert sorted(ig.loc[ig["role"] == "baseline", "post_id"]) == ["b0", "b1", "b2", "b4"]
    assert ig.loc[ig["post_id"] == "b3", "role"].item() == "excluded"
    with pytest.raises(ValueError):
        area.custom_window(dt.date(2026, 3, 7), dt.date(2026, 3, 1))


def test_lift_per_metric_by_hand(brand_db):
    window = _window(brand_db)
    posts = area.load_posts(Context(db=brand_db), window, pre_days=30)
    ig = area.posts_of(posts, ("brandco", "instagram"))
    lifts = {m.metric: m for m in area.measure_all(ig)}
    assert lifts["engagements"].result.lift == pytest.approx(0.5)       # 450 / 300 - 1
    assert lifts["impressions"].result.lift == pytest.approx(1.0)       # 6000 / 3000 - 1
    assert lifts["likes"].result.lift == pytest.approx(0.5)             # 405 / 270 - 1
    assert (lifts["likes"].result.baseline_median, lifts["likes"].result.takeover_value) == (270, 405)
    # The same call on the hand-written lists gives the same interval and verdict.
    by_hand = lift_mod.takeover_lift(BASELINE, TAKEOVER, n_boot=area.N_BOOT, seed=area.SEED)
    got = lifts["engagements"].result
    assert (got.ci_low, got.ci_high, got.verdict) == (by_hand.ci_low, by_hand.ci_high, by_hand.verdict)
    assert area.title_for(lifts["impressions"], "instagram")[0].startswith(
        "Instagram takeover posts: +100% impressions per post")


def test_platform_without_impressions_measures_views(brand_db):
    posts = area.load_posts(Context(db=brand_db), area.custom_window(dt.date(2026, 2, 15), dt.date(2026, 2, 15)), 30)
    tiktok = area.posts_of(posts, ("brandco", "tiktok"))
    m = area.measure(tiktok, "impressions")
    assert (m.column, m.label, m.measurable) == ("views", "Views", True)
    assert "report views, not impressions" in m.note
    # One TikTok post and no earlier one: not enough data, said in words rather than as a number.
    assert m.result.verdict == lift_mod.NOT_ENOUGH
    assert m.sentence().startswith("Not enough data for a takeover lift")


def test_timeline_figure(brand_db):
    window = _window(brand_db)
    ig = area.posts_of(area.load_posts(Context(db=brand_db), window, 30), ("brandco", "instagram"))
    m = area.measure(ig, "engagements")
    fig = area.timeline(ig, m, window, 30)
    assert isinstance(fig, go.Figure)
    names = [t.name for t in fig.data]
    assert names == ["middle half of usual posts", "usual post (median before the window)",
                     "other brand post (not compared)", "brand's day-to-day post", "takeover post",
                     "takeover median"]
    median_line = fig.data[1]
    assert list(median_line.y) == [300, 300]
    # IQR band of 100..500: 200 to 400.
    assert sorted(set(fig.data[0].y)) == [200, 400]
    assert list(fig.data[5].y) == [450, 450]
    assert fig.layout.title.text == area.title_for(m, "instagram")[0]
    assert fig.layout.title.subtitle.text == area.title_for(m, "instagram")[1]
    assert fig.layout.title.subtitle.text.startswith(area.interval_text(m.result))
    # the fixture's two takeover posts: the subtitle says the interval is rough
    assert m.result.n_takeover == 2
    assert fig.layout.title.subtitle.text.endswith("; only 2 takeover posts: read the interval as a rough guide")
    # The user's caption reaches the hover text escaped, never as markup.
    assert "&lt;b&gt;usual&lt;/b&gt;" in str(fig.data[3].customdata.tolist())


def test_sections(brand_db):
    ctx = Context(db=brand_db)
    sections = area.sections(ctx, pre_days=30)
    assert [s.key for s in sections] == ["takeover_brandco_instagram", "takeover_summary"]
    first = sections[0]
    assert first.finding.startswith("Instagram takeover posts: +50% engagements per post")
    assert "0.47%" in first.source and "rivaliq" not in first.source     # Instagram: the 2022 report's figure
    assert set(first.table["role"]) == {"baseline", "takeover", "excluded"}
    summary = sections[1].table
    assert summary.loc[summary["metric"] == "impressions", "lift"].iloc[0] == pytest.approx(1.0)
    # The TikTok rows (one usual post, no takeover post) have no interval, so the chart has Instagram's three.
    assert set(summary.loc[summary["platform"] == "tiktok", "verdict"]) == {lift_mod.NOT_ENOUGH}
    dots = sections[1].figure.data[0]
    assert sorted(dots.x) == pytest.approx([0.5, 0.5, 1.0])
    # Five usual posts and two takeover posts: +50%, but the interval (−10% to +350%) includes no change.
    assert sections[1].finding == "Spring Takeover: no detectable lift on Instagram; not enough data on TikTok"


def test_no_brand_posts_gives_no_sections_and_a_plain_page(tmp_path):
    db = mdb.new_database()
    ingest.ingest_path(db, write_csv(tmp_path, "posts.csv",
                                     "influencer,platform,followers,posted_at,likes\nana,instagram,20000,"
                                     "2026-03-05T10:00:00,900\n"), kind="posts")
    assert area.sections(Context(db=db)) == []
    at = app_on(db, "pages/takeover.py")
    assert not at.exception
    assert any("brand posts** file" in i.value for i in at.info)
    assert not at.metric


def test_page_on_the_fixture(brand_db):
    at = app_on(brand_db, "pages/takeover.py")
    assert not at.exception
    at.segmented_control(key="takeover_pre_days").set_value(30).run()
    assert not at.exception
    cards = {m.label: m.value for m in at.metric}
    assert cards == {"Engagements per post vs usual": "+50%", "Impressions per post vs usual": "+100%",
                     "Likes per post vs usual": "+50%"}
    assert any("5 day-to-day Instagram posts in the 30 days before" in shown(c.value)
               for c in at.caption)
    assert not any("do not apply" in c.value or "does not apply" in c.value for c in at.caption)
    # a sidebar date range that leaves the window out changes nothing here, and the page says why
    at.session_state["filters"] = Filters(date_from=dt.date(2030, 1, 1), date_to=dt.date(2030, 12, 31))
    at.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == cards
    captions = [shown(c.value) for c in at.caption]
    assert ("The date range filter does not apply to the brand's own posts: the takeover window and the "
            "days before it set the dates compared; the platform filter does.") in captions
    # a price range that empties every other page: the same lift, said so
    at.session_state["filters"] = Filters(price_min=90_000.0, price_max=95_000.0, bands=("micro",))
    at.run()
    assert {m.label: m.value for m in at.metric} == cards
    assert ("The follower band and price per post filters do not apply to the brand's own posts; the "
            "platform filter does.") in [shown(c.value) for c in at.caption]


def test_without_a_campaign_the_page_waits_for_dates_the_user_picks(tmp_path):
    # brand posts marked with no campaign and none sponsored, no campaigns file: the page once chose the last two
    # weeks itself and gave a verdict on dates nobody chose
    db = mdb.new_database()
    unmarked = BRAND_CSV.replace(",Spring Takeover,", ",,").replace(",true,", ",false,")
    ingest.ingest_path(db, write_csv(tmp_path, "brand_posts.csv", unmarked), kind="brand_posts")
    at = app_on(db, "pages/takeover.py")
    assert not at.exception and not at.metric
    assert at.selectbox(key="takeover_window").value == "Custom dates…"
    assert [i.value for i in at.info] == ["Pick the takeover's first and last day (the brand's posts run from 29 Jan "
                                          "2026 to 09 Mar 2026)."]
    at.date_input(key="takeover_custom_dates").set_value((dt.date(2026, 3, 2), dt.date(2026, 3, 7))).run()
    assert not at.exception and at.metric and not at.info
    db.close()


def _independent_sample_lift(metric: str, platform: str, pre_days: int) -> float:
    """Summer Takeover from the sample CSV with pandas alone: median of the takeover posts ÷ median of the
    unmarked posts of the pre-period − 1."""
    frame = pd.read_csv(ROOT / "sample_data" / "brand_posts.csv", parse_dates=["posted_at"])
    frame = frame[frame["platform"] == platform]
    frame["engagements"] = frame[["likes", "comments", "shares", "saves"]].fillna(0).sum(axis=1)
    start, end = pd.Timestamp("2026-07-06"), pd.Timestamp("2026-07-27")
    takeover = frame[(frame["campaign"] == "Summer Takeover") & frame["posted_at"].between(start, end)]
    usual = frame[(frame["posted_at"] >= start - pd.Timedelta(days=pre_days)) & (frame["posted_at"] < start)
                  & ~frame["sponsored"].astype(bool) & frame["campaign"].isna()]
    return takeover[metric].median() / usual[metric].median() - 1


def test_page_on_sample_data():
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/takeover.py").run()
    assert not at.exception
    assert at.selectbox(key="takeover_window").value.startswith("Summer Takeover")
    expected = _independent_sample_lift("engagements", "instagram", area.DEFAULT_PRE_DAYS)
    assert at.metric[0].value == f"+{expected:.0%}"
    at.selectbox(key="takeover_platform").set_value(("lumenskin", "tiktok")).run()
    assert not at.exception
    tiktok = _independent_sample_lift("engagements", "tiktok", area.DEFAULT_PRE_DAYS)
    assert at.metric[0].value == f"+{tiktok:.0%}"
    assert at.metric[1].label == "Views per post vs usual"          # TikTok reports views, not impressions
    assert len(at.get("plotly_chart")) == 2                         # the timeline and every platform at a glance
    at.session_state["present"] = True                               # presenter mode: the same takeover, no controls
    at.run()
    assert not at.exception
    assert not at.selectbox and at.metric[0].value == f"+{tiktok:.0%}"


def test_the_at_a_glance_chart_names_its_no_change_line_in_the_key_not_over_the_subtitle():
    import pandas as pd

    from microlens import charts_takeover

    rows = pd.DataFrame({"label": ["Instagram · engagements"], "lift": [0.35], "ci_low": [0.18], "ci_high": [0.5],
                         "interval": ["+18% to +50%"], "verdict": ["lift"]})
    fig = charts_takeover.build_lift_summary(rows, "Takeover lift by platform")
    assert [s.x0 for s in fig.layout.shapes] == [0]                     # the no-change line is drawn
    assert not [a for a in fig.layout.annotations if a.text and "no change" in a.text.lower()]
    assert "black line: no change" in fig.layout.title.subtitle.text


def test_a_platform_without_a_brand_median_says_so():
    # the brand's usual post beside Rival IQ's median for its platform; Twitch has none, and the page said nothing
    posts = pd.DataFrame({"platform": ["twitch"] * 3, "role": ["baseline", "baseline", "takeover"],
                          "er": [0.01, 0.03, 0.2]})
    assert area.brand_context(posts) == (
        "The brand's usual Twitch post earns 2.00% of its followers (median ER by followers of 2 pre-period posts). "
        "No published median of brand accounts on Twitch is in the benchmarks.")
    assert area.brand_context(posts.assign(platform="other")).endswith(
        "No published median of brand accounts on this platform is in the benchmarks.")
    assert area.brand_context(posts.assign(platform="instagram")).endswith(
        "Median for brand accounts on Instagram: 0.47% (Rival IQ Social Media Industry Benchmark Report 2023, 2022 "
        "data; median engagements per post ÷ followers) — " + area.RIVAL_IQ["instagram"].url)
