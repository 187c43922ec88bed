"""Authenticity flags: robust z worked by hand, fallbacks, rules, follower jumps, the combined table."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from microlens import db as mdb
from microlens import flags, ingest
from microlens.filters import Filters
from tests.conftest import write_csv


def _er_frame(rows):
    return pd.DataFrame(rows, columns=["influencer", "platform", "band", "median_er"])


# Six micro Instagram accounts. By hand:
#   sorted ER        0.001 0.026 0.028 0.030 0.032 0.241
#   median           (0.028 + 0.030) / 2 = 0.029
#   |ER - median|    0.028 0.003 0.001 0.001 0.003 0.212  -> sorted 0.001 0.001 0.003 0.003 0.028 0.212
#   MAD              (0.003 + 0.003) / 2 = 0.003
#   robust z(0.241)  0.6745 * 0.212 / 0.003  =  47.66   -> er_high
#   robust z(0.001)  0.6745 * -0.028 / 0.003 = -6.295   -> er_low
#   robust z(0.026)  0.6745 * -0.003 / 0.003 = -0.6745  -> fine
#   in words, distances in MADs (the typical distance): 0.212 / 0.003 = 70.7, 0.028 / 0.003 = 9.3; the
#   flag's line 3.5 / 0.6745 = 5.2 MADs
SIX_MICRO = [("ig_a", "instagram", "micro", 0.030), ("ig_b", "instagram", "micro", 0.028),
             ("ig_c", "instagram", "micro", 0.032), ("ig_d", "instagram", "micro", 0.026),
             ("ig_hot", "instagram", "micro", 0.241), ("ig_cold", "instagram", "micro", 0.001)]


def test_er_robust_z_matches_hand_computation():
    out = flags.er_outliers(_er_frame(SIX_MICRO)).set_index("influencer")
    assert out.loc["ig_hot", "group_median"] == pytest.approx(0.029)
    assert out.loc["ig_hot", "robust_z"] == pytest.approx(47.66, abs=0.01)
    assert out.loc["ig_cold", "robust_z"] == pytest.approx(-6.295, abs=0.001)
    assert out.loc["ig_d", "robust_z"] == pytest.approx(-0.6745, abs=1e-6)
    assert out.loc["ig_hot", "flag"] == "er_high"
    assert out.loc["ig_cold", "flag"] == "er_low"
    assert out.drop(index=["ig_hot", "ig_cold"])["flag"].isna().all()
    assert set(out["compared_with"]) == {"band and platform"}
    assert (out["group_size"] == 6).all()


def test_er_explanation_in_words():
    out = flags.er_outliers(_er_frame(SIX_MICRO)).set_index("influencer")
    assert out.loc["ig_hot", "explanation"] == (
        "ER 24.1% is far above other micro Instagram accounts (median 2.9%; 70.7× as far from it as is typical; "
        "beyond 5.2× stands out) — check for bought engagement.")
    assert out.loc["ig_cold", "explanation"].startswith(
        "ER 0.10% is far below other micro Instagram accounts (median 2.9%; 9.3× as far from it as is typical; "
        "beyond 5.2× stands out)")
    assert out.loc["ig_a", "explanation"].startswith("ER 3.0% is within the usual range")


def test_er_threshold_is_a_parameter():
    # 47.66 is below 50, -6.295 is inside ±50: nothing is flagged at z = 50.
    out = flags.er_outliers(_er_frame(SIX_MICRO), z=50)
    assert out["flag"].isna().all()


def test_er_small_band_falls_back_to_platform_then_skips():
    rows = [("m1", "instagram", "micro", 0.02), ("m2", "instagram", "micro", 0.03),
            ("m3", "instagram", "micro", 0.30),
            ("n1", "instagram", "nano", 0.04), ("n2", "instagram", "nano", 0.05),
            ("n3", "instagram", "nano", 0.06),
            ("t1", "tiktok", "micro", 0.05), ("t2", "tiktok", "micro", 0.50)]
    out = flags.er_outliers(_er_frame(rows)).set_index("influencer")
    # Instagram, all six: sorted 0.02 0.03 0.04 0.05 0.06 0.30, median 0.045;
    # |dev| 0.025 0.015 0.005 0.005 0.015 0.255 -> MAD (0.015 + 0.015) / 2 = 0.015;
    # z(0.30) = 0.6745 * 0.255 / 0.015 = 11.4665.
    assert out.loc["m3", "compared_with"] == "platform"
    assert out.loc["m3", "group_size"] == 6
    assert out.loc["m3", "robust_z"] == pytest.approx(11.4665, abs=1e-3)
    assert out.loc["m3", "flag"] == "er_high"
    assert "Instagram accounts of all sizes" in out.loc["m3", "explanation"]
    assert "only 3 micro Instagram accounts, too few to compare within the band" in out.loc["m3", "explanation"]
    # TikTok has two accounts in all: not checked, and the explanation says why.
    assert out.loc["t2", "compared_with"] == ""
    assert math.isnan(out.loc["t2", "robust_z"]) and pd.isna(out.loc["t2", "flag"])
    assert out.loc["t2", "explanation"] == (
        "Not checked: only 2 TikTok accounts with an ER in the data; at least 5 are needed to say what is unusual.")


def test_er_mad_zero_flags_nothing_and_says_why():
    # Five identical ERs: median 0.02, MAD 0. A scale-free z would call 0.021 extreme; we refuse to score.
    rows = [(f"a{i}", "instagram", "micro", 0.02) for i in range(5)] + [("odd", "instagram", "micro", 0.021)]
    out = flags.er_outliers(_er_frame(rows)).set_index("influencer")
    assert out["flag"].isna().all()
    assert out["robust_z"].isna().all()
    assert "no spread to compare against" in out.loc["odd", "explanation"]


def test_er_missing_values_do_not_count_as_peers():
    # Four known ERs and one NaN in the band: the band has 4 < 5 peers, Instagram as a whole too.
    rows = [("a", "instagram", "micro", 0.02), ("b", "instagram", "micro", 0.03),
            ("c", "instagram", "micro", 0.04), ("d", "instagram", "micro", 0.05),
            ("e", "instagram", "micro", np.nan)]
    out = flags.er_outliers(_er_frame(rows)).set_index("influencer")
    assert out.loc["e", "explanation"] == "Not checked: no engagement rate."
    assert out.loc["a", "compared_with"] == "" and out.loc["a", "group_size"] == 4


def test_er_result_aligns_with_a_non_default_index():
    frame = _er_frame(SIX_MICRO)
    frame.index = [10, 10, 11, 12, 13, 14]   # duplicated labels must not confuse the grouping
    out = flags.er_outliers(frame)
    assert list(out["flag"].fillna("")) == ["", "", "", "", "er_high", "er_low"]


def test_er_requires_its_columns():
    with pytest.raises(ValueError, match="median_er"):
        flags.er_outliers(pd.DataFrame({"influencer": ["a"], "platform": ["x"], "band": ["micro"]}))


def _comment_frame():
    # Six TikTok accounts with comments per like of 1/40, 1/50, 1/32, 1/25, 1/3 and 1/2500.
    # log10 ratios: -1.60206 -1.69897 -1.50515 -1.39794 -0.47712 -3.39794
    # median = (-1.60206 + -1.50515) / 2 = -1.553605  (10^-1.553605 = 0.02795 = "1 per 36")
    # |dev| 0.048455 0.145365 0.048455 0.155665 1.076485 1.844335
    #   sorted 0.048455 0.048455 0.145365 0.155665 1.076485 1.844335 -> MAD = (0.145365 + 0.155665) / 2 = 0.150515
    # z(1/3)    = 0.6745 *  1.076485 / 0.150515 =  4.8241 -> comments_high
    # z(1/2500) = 0.6745 * -1.844335 / 0.150515 = -8.2650 -> comments_low
    # z(1/25)   = 0.6745 *  0.155665 / 0.150515 =  0.6976 -> fine
    rows = [("t40", "tiktok", 40_000, 1_000), ("t50", "tiktok", 50_000, 1_000),
            ("t32", "tiktok", 32_000, 1_000), ("t25", "tiktok", 25_000, 1_000),
            ("pods", "tiktok", 12_000, 4_000), ("quiet", "tiktok", 50_000, 20),
            # 0 comments: no log ratio, so not a peer; flagged by the rule instead.
            ("t_zero", "tiktok", 50_000, 0),
            # Instagram: too few accounts for peers; only the plain-sense rules apply.
            ("giveaway", "instagram", 2_000, 3_000), ("ig_zero", "instagram", 50_000, 0),
            ("ig_small_zero", "instagram", 5_000, 0), ("ig_tiny", "instagram", 900, 400),
            # YouTube: no comment counts anywhere, so not checked (an export without comments).
            ("yt1", "youtube", 20_000, 0), ("yt2", "youtube", 30_000, 0)]
    return pd.DataFrame(rows, columns=["influencer", "platform", "likes", "comments"])


def test_comment_ratio_robust_z_by_hand():
    out = flags.comment_like_outliers(_comment_frame()).set_index("influencer")
    assert out.loc["pods", "robust_z"] == pytest.approx(4.8241, abs=1e-3)
    assert out.loc["quiet", "robust_z"] == pytest.approx(-8.2650, abs=1e-3)
    assert out.loc["t25", "robust_z"] == pytest.approx(0.6976, abs=1e-3)
    assert out.loc["pods", "platform_ratio"] == pytest.approx(0.02795, abs=1e-5)
    assert out.loc["pods", "flag"] == "comments_high"
    assert out.loc["quiet", "flag"] == "comments_low"
    assert out.loc[["t40", "t50", "t32", "t25"], "flag"].isna().all()
    assert out.loc["pods", "explanation"] == (
        "1 comment per 3 likes, far above the usual 1 per 36 on TikTok (7.2× as far from it as is typical; "
        "beyond 5.2× stands out) — comment pods or bots?")
    assert out.loc["quiet", "explanation"] == (
        "1 comment per 2,500 likes, far below the usual 1 per 36 on TikTok (12.3× as far from it as is typical; "
        "beyond 5.2× stands out) — bought likes?")


def test_comment_rules_without_peers():
    out = flags.comment_like_outliers(_comment_frame()).set_index("influencer")
    assert out.loc["giveaway", "flag"] == "comments_high"
    assert out.loc["giveaway", "explanation"].startswith("1.5 comments per like: more comments than likes")
    assert out.loc["ig_zero", "flag"] == "comments_low"
    assert out.loc["ig_zero", "explanation"] == (
        "0 comments on 50,000 likes — bought likes, or are comments missing from the export?")
    # Zero comments on a TikTok account: the rule flags it and names the platform's usual ratio.
    assert out.loc["t_zero", "flag"] == "comments_low"
    assert "the usual on TikTok is 1 per 36" in out.loc["t_zero", "explanation"]
    # 5,000 likes is under the 10,000-like bar for the zero-comment rule.
    assert pd.isna(out.loc["ig_small_zero", "flag"])
    # 900 likes: too few to judge at all, even with more comments than half the likes.
    assert pd.isna(out.loc["ig_tiny", "flag"])
    assert out.loc["ig_tiny", "explanation"].startswith("Not checked: 900 likes")
    # A platform without a single comment has no comment counts: nobody there is flagged.
    assert out.loc[["yt1", "yt2"], "flag"].isna().all()
    assert "no comments recorded for any account on YouTube" in out.loc["yt1", "explanation"]


def test_comment_missing_counts_are_not_checked():
    frame = pd.DataFrame({"influencer": ["a"], "platform": ["tiktok"], "likes": [50_000.0],
                          "comments": [np.nan]})
    out = flags.comment_like_outliers(frame)
    assert pd.isna(out.loc[0, "flag"])
    # the list of top Instagram accounts has likes and no comments: said which
    assert out.loc[0, "explanation"] == "Not checked: no comment count."
    no_likes = flags.comment_like_outliers(frame.assign(likes=np.nan, comments=40.0))
    assert no_likes.loc[0, "explanation"] == "Not checked: no like count."


def _series():
    rows = [
        # a: 41,200 -> 66,000 over three days: +24,800, 24,800 / 41,200 = +60.2% -> a jump.
        ("a", "instagram", "2026-05-01", 41_000), ("a", "instagram", "2026-05-02", 41_200),
        ("a", "instagram", "2026-05-05", 66_000), ("a", "instagram", "2026-05-06", 66_100),
        # b: +25% but only +3,000 followers -> not a jump.
        ("b", "instagram", "2026-05-01", 12_000), ("b", "instagram", "2026-05-02", 15_000),
        # c: +6,000 but only +6.7% -> not a jump.
        ("c", "tiktok", "2026-05-01", 90_000), ("c", "tiktok", "2026-05-02", 96_000),
        # d: a single observation -> cannot jump.
        ("d", "tiktok", "2026-05-01", 30_000),
        # e: +50% and +10,000 but 90 days apart -> growth, not a jump.
        ("e", "instagram", "2026-01-01", 20_000), ("e", "instagram", "2026-04-01", 30_000),
        # f: two posts on 1 May, the day's count the later one's (20,100); 20,100 -> 27,000 the next day = +6,900,
        # +34.3% -> a jump.
        ("f", "tiktok", "2026-05-01 08:00", 20_000), ("f", "tiktok", "2026-05-01 20:00", 20_100),
        ("f", "tiktok", "2026-05-02 09:00", 27_000),
        # h: 20,000 -> 27,000 between two posts of one day: one count a day (the day's last), so no jump.
        ("h", "tiktok", "2026-05-03 08:00", 20_000), ("h", "tiktok", "2026-05-03 20:00", 27_000),
        # g: exactly +20% and exactly +5,000 -> both bars are strict, not a jump; a missing count is skipped.
        ("g", "instagram", "2026-05-01", 25_000), ("g", "instagram", "2026-05-02", np.nan),
        ("g", "instagram", "2026-05-03", 30_000),
    ]
    frame = pd.DataFrame(rows, columns=["influencer", "platform", "date", "followers"])
    return frame.sample(frac=1, random_state=7)   # arrival order must not matter


def _checks(database, tmp_path, series: pd.DataFrame, **rule) -> pd.DataFrame:
    """`series` as a posts file (a post per row, the count at post time), loaded, and the follower_checks query run
    on it with flags.JUMP_RULE (or `rule`)."""
    lines = [f"{i},{'' if p is None else p},{'' if f != f else int(f)},{d},10"
             for i, p, d, f in series.itertuples(index=False)]
    path = write_csv(tmp_path, "posts.csv", "influencer,platform,followers,posted_at,likes\n" + "\n".join(lines))
    ingest.ingest_path(database, path, kind="posts")
    return mdb.run(database, "follower_checks", {**Filters().params(), "influencers": [], **flags.JUMP_RULE, **rule})


def test_follower_jumps_on_a_synthetic_series(database, tmp_path):
    checks = _checks(database, tmp_path, _series()).set_index("influencer")
    # d's one count, g's two (its missing one skipped), f's two days
    assert checks.loc["d", "observations"] == 1 and checks.loc["g", "observations"] == 2
    assert checks.loc["f", "observations"] == 2 and str(checks.loc["a", "last_date"].date()) == "2026-05-06"
    jumps = flags.follower_jumps(checks.reset_index()).set_index("influencer")
    assert sorted(jumps.index) == ["a", "f"]
    assert jumps.loc["a", "followers_before"] == 41_200 and jumps.loc["a", "followers_after"] == 66_000
    assert jumps.loc["a", "change"] == 24_800
    assert jumps.loc["a", "relative_change"] == pytest.approx(24_800 / 41_200)
    assert jumps.loc["a", "explanation"].startswith(
        "Followers jumped from 41,200 to 66,000 (+60%) between 2026-05-02 and 2026-05-05")
    assert jumps.loc["f", "followers_before"] == 20_100
    assert "(+34%) between 2026-05-01 and 2026-05-02" in jumps.loc["f", "explanation"]


def test_follower_jumps_are_listed_by_influencer_platform_and_date(database, tmp_path):
    # the query gives its accounts in no order: the jumps come by influencer, then platform, then date, an
    # account's posts without a platform under 'other'
    series = _series()
    a_rows = series[series["influencer"] == "a"]
    shifted = a_rows.assign(date=a_rows["date"].str.replace("2026-05", "2026-07"))      # a second jump, later
    mixed = pd.concat([series, shifted, a_rows.assign(platform="tiktok"), a_rows.assign(platform=None)])
    jumps = flags.follower_jumps(_checks(database, tmp_path, mixed.sample(frac=1, random_state=3)))
    assert list(zip(jumps["influencer"], jumps["platform"], jumps["date_after"].dt.strftime("%m-%d"))) == [
        ("a", "instagram", "05-05"), ("a", "instagram", "07-05"), ("a", "other", "05-05"), ("a", "tiktok", "05-05"),
        ("f", "tiktok", "05-02")]
    assert flags.follower_jumps(_checks(database, tmp_path, series.head(0))).empty


def test_follower_jump_thresholds_are_parameters(database, tmp_path):
    # With a 10% bar and 2,000 followers, b (+25%, +3,000) jumps too; with a 100-day window e does.
    checks = _checks(database, tmp_path, _series(), min_relative=0.10, min_absolute=2_000, max_gap_days=100)
    assert sorted(flags.follower_jumps(checks)["influencer"]) == ["a", "b", "e", "f", "g"]


def _series_with_two_jumps():
    # A second jump for ig_hot so the summary counts it: 30,000 -> 40,000 -> 52,000 (+33%, +30%).
    return pd.concat([_series(), pd.DataFrame(
        [("ig_hot", "instagram", "2026-05-01", 30_000), ("ig_hot", "instagram", "2026-05-02", 40_000),
         ("ig_hot", "instagram", "2026-05-03", 52_000)],
        columns=["influencer", "platform", "date", "followers"])])


def test_all_flags_and_summary(database, tmp_path):
    table = flags.all_flags(_er_frame(SIX_MICRO), _comment_frame(),
                            _checks(database, tmp_path, _series_with_two_jumps()))
    assert list(table.columns) == ["influencer", "platform", "flag", "severity", "explanation"]
    raised = set(zip(table["influencer"], table["flag"]))
    assert raised == {("ig_hot", "er_high"), ("ig_cold", "er_low"), ("pods", "comments_high"),
                      ("quiet", "comments_low"), ("t_zero", "comments_low"), ("giveaway", "comments_high"),
                      ("ig_zero", "comments_low"), ("a", "follower_jump"), ("f", "follower_jump"),
                      ("ig_hot", "follower_jump")}
    assert len(table) == 11   # ig_hot has two follower jumps
    assert table.loc[table["flag"] == "er_low", "severity"].item() == "info"
    assert (table.loc[table["flag"] != "er_low", "severity"] == "warning").all()
    assert table["severity"].iloc[-1] == "info"   # warnings first
    # only the raised flags are put into words, and in the words each check gives when it words every account
    words = flags.er_outliers(_er_frame(SIX_MICRO)).set_index("influencer")["explanation"]
    assert table.loc[table["flag"] == "er_high", "explanation"].item() == words["ig_hot"]
    words = flags.comment_like_outliers(_comment_frame()).set_index("influencer")["explanation"]
    assert table.loc[table["influencer"] == "pods", "explanation"].item() == words["pods"]

    summary = flags.flags_summary(table).set_index("influencer")
    assert summary.loc["ig_hot", "flags_summary"] == "ER far above peers; follower jump ×2"
    assert summary.loc["ig_hot", "severity"] == "warning"
    assert summary.loc["ig_cold", "flags_summary"] == "ER far below peers"
    assert summary.loc["ig_cold", "severity"] == "info"
    assert "ig_a" not in summary.index


def test_the_influencers_page_raises_the_same_flags_from_its_checks(database, tmp_path):
    # The page runs every check once (account_checks, for the details panel) and takes the raised flags from
    # those rows instead of running the checks again; the result must be what all_flags gives.
    from microlens import area_influencers

    table = _er_frame(SIX_MICRO).merge(_comment_frame(), on=["influencer", "platform"], how="outer")
    checks = _checks(database, tmp_path, _series())
    expected = flags.all_flags(table[["influencer", "platform", "band", "median_er"]],
                               table[["influencer", "platform", "likes", "comments"]], checks)
    got = flags.raised([area_influencers.account_checks(table, checks)[0]])
    assert len(expected) == 9
    pd.testing.assert_frame_equal(got.astype(object), expected.astype(object))   # the same rows, in order
    pd.testing.assert_frame_equal(flags.flags_summary(got), flags.flags_summary(expected))


def test_all_flags_runs_only_the_checks_it_has_data_for():
    only_er = flags.all_flags(influencer_er=_er_frame(SIX_MICRO))
    assert set(only_er["flag"]) == {"er_high", "er_low"}
    empty = flags.all_flags()
    assert empty.empty and list(empty.columns) == flags.FLAG_COLUMNS
    assert flags.flags_summary(empty).empty
