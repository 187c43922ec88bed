"""Takeover lift: a hand-worked case, the verdicts, agreement with scipy's bootstrap, interval coverage."""
from __future__ import annotations

import math
import time

import numpy as np
import pytest
from scipy import stats

from microlens.lift import takeover_lift


def test_hand_worked_point_values():
    # Baseline median of 10, 20, 30, 40, 50 = 30; takeover median of 45 and 51 = 48;
    # lift = (48 - 30) / 30 = 0.6.
    result = takeover_lift([10, 20, 30, 40, 50], [45, 51])
    assert (result.baseline_median, result.takeover_value) == (30.0, 48.0)
    assert result.lift == pytest.approx(0.6)
    assert (result.n_baseline, result.n_takeover, result.n_missing) == (5, 2, 0)
    # Every resampled median is one of the five posts, every resampled takeover median lies in [45, 51], so the
    # interval lies within (45 - 50) / 50 = -10% and (51 - 10) / 10 = +410%.
    assert -0.1 <= result.ci_low <= result.lift <= result.ci_high <= 4.1


def test_missing_values_are_left_out_and_counted():
    result = takeover_lift([10, np.nan, 20, 30, 40, 50], [45, None, 51])
    assert (result.baseline_median, result.takeover_value, result.n_missing) == (30.0, 48.0, 2)


def test_clear_lift():
    rng = np.random.default_rng(1)
    baseline = rng.normal(1_000, 100, size=60)
    takeover = rng.normal(1_500, 150, size=12)
    result = takeover_lift(baseline, takeover)
    assert result.verdict == "lift"
    assert 0 < result.ci_low < result.lift < result.ci_high
    assert result.lift == pytest.approx(0.5, abs=0.1)


def test_clear_drop():
    rng = np.random.default_rng(2)
    result = takeover_lift(rng.normal(1_000, 100, size=60), rng.normal(600, 100, size=12))
    assert result.verdict == "drop"
    assert result.ci_low < result.lift < result.ci_high < 0


def test_no_detectable_lift():
    # Same symmetric distribution on both sides (mean = median), few takeover posts: the interval straddles 0.
    rng = np.random.default_rng(3)
    result = takeover_lift(rng.normal(1_000, 300, size=40), rng.normal(1_000, 300, size=4))
    assert result.verdict == "no detectable lift"
    assert result.ci_low < 0 < result.ci_high


@pytest.mark.parametrize(("baseline", "takeover"), [
    ([10, 20, 30, 40], [100]),          # 4 brand posts: fewer than 5
    ([10, 20, 30, 40, 50], []),         # no takeover posts
    ([0, 0, 0, 5, 9], [100, 200]),      # the brand's usual post earned 0
])
def test_not_enough_data(baseline, takeover):
    result = takeover_lift(baseline, takeover)
    assert result.verdict == "not enough data"
    assert math.isnan(result.ci_low) and math.isnan(result.ci_high)


def test_both_groups_are_resampled():
    # A constant baseline leaves only takeover variation; a single takeover post leaves only baseline
    # variation. Each alone must still give an interval of positive width.
    only_takeover = takeover_lift([100] * 20, [80, 120, 150, 200, 90])
    assert only_takeover.ci_high - only_takeover.ci_low > 0.3
    only_baseline = takeover_lift([60, 80, 100, 120, 140, 160, 90, 110], [150])
    assert only_baseline.ci_high - only_baseline.ci_low > 0.3


def test_agrees_with_scipy_percentile_bootstrap():
    # scipy resamples both samples independently too (paired=False); with 20,000 resamples each side the
    # two Monte Carlo estimates of the same interval agree to a few percent of its width.
    rng = np.random.default_rng(4)
    baseline, takeover = rng.lognormal(6, 0.7, size=80), 1.3 * rng.lognormal(6, 0.7, size=25)
    ours = takeover_lift(baseline, takeover, n_boot=20_000, seed=5)
    theirs = stats.bootstrap(
        (baseline, takeover), lambda b, t, axis: np.median(t, axis=axis) / np.median(b, axis=axis) - 1,
        n_resamples=20_000, method="percentile", paired=False, vectorized=True, random_state=6,
        confidence_level=0.95).confidence_interval
    width = ours.ci_high - ours.ci_low
    assert ours.ci_low == pytest.approx(theirs.low, abs=0.05 * width)
    assert ours.ci_high == pytest.approx(theirs.high, abs=0.05 * width)


def test_same_seed_same_interval_and_fast():
    rng = np.random.default_rng(5)
    baseline, takeover = rng.lognormal(5, 1, size=200), rng.lognormal(5.3, 1, size=200)
    start = time.perf_counter()
    first = takeover_lift(baseline, takeover)
    elapsed = time.perf_counter() - start
    assert first == takeover_lift(baseline, takeover)
    assert first != takeover_lift(baseline, takeover, seed=1)
    assert elapsed < 0.5   # typically ~0.02 s for 2,000 resamples of 200 + 200 posts


def test_interval_covers_the_true_lift_at_about_the_stated_rate():
    # Population: brand posts ~ LogNormal(log 1000, 0.5), so their median is exactly 1000. Takeover posts
    # are brand-like posts scaled by k = 1.3, so their median is 1,300. The true lift is the statistic's
    # population value: takeover median / brand median - 1 = 0.3 (and 0 when k = 1: no built-in lift).
    sigma, k, sims = 0.5, 1.3, 200
    true_lift = k - 1
    rng = np.random.default_rng(123)
    covered = 0
    for i in range(sims):
        baseline = rng.lognormal(math.log(1000), sigma, size=80)
        takeover = k * rng.lognormal(math.log(1000), sigma, size=40)
        result = takeover_lift(baseline, takeover, n_boot=1_000, seed=i)
        covered += result.ci_low <= true_lift <= result.ci_high
    # Binomial spread of 200 draws at 95% is about 1.5 points; 0.90-0.99 is roughly +-3 of them.
    assert 0.90 <= covered / sims <= 0.99


def test_sentences():
    rng = np.random.default_rng(1)
    lift = takeover_lift(rng.normal(1_000, 100, size=60), rng.normal(1_500, 150, size=12))
    assert lift.sentence() == (
        f"Takeover posts earned {lift.lift:.0%} more engagements per post than the brand's usual posts "
        f"(95% interval +{lift.ci_low:.0%} to +{lift.ci_high:.0%}).")
    hand = takeover_lift([10, 20, 30, 40, 50], [45, 51])
    assert hand.sentence("likes").startswith("Takeover posts earned 60% more likes per post than")
    rng = np.random.default_rng(2)
    drop = takeover_lift(rng.normal(1_000, 100, size=60), rng.normal(600, 100, size=12))
    assert drop.sentence().startswith(f"Takeover posts earned {-drop.lift:.0%} fewer engagements per post")
    assert f"(95% interval −{-drop.ci_low:.0%} to −{-drop.ci_high:.0%})" in drop.sentence()
    rng = np.random.default_rng(3)
    flat = takeover_lift(rng.normal(1_000, 300, size=40), rng.normal(1_000, 300, size=8))
    assert flat.sentence().endswith("includes no change, so there is no detectable lift.")
    # four takeover posts: the median of a resample takes few values, so the interval is flagged as rough
    few = takeover_lift(rng.normal(1_000, 300, size=40), rng.normal(1_000, 300, size=4))
    assert few.sentence().endswith(" Only 4 takeover posts: read the interval as a rough guide.")
    assert takeover_lift([10, 20, 30, 40, 50], [45]).few_posts_caveat() == (
        "only one takeover post: read the interval as a rough guide")
    assert lift.few_posts_caveat() == ""                                   # 12 posts
    assert takeover_lift([10, 20, 30, 40], [100]).sentence() == (
        "Not enough data for a takeover lift: only 4 of the brand's own posts in the pre-period "
        "(at least 5 are needed).")
    assert takeover_lift([1, 2, 3, 4, 5], []).sentence() == (
        "Not enough data for a takeover lift: there are no takeover posts.")
    assert takeover_lift([0, 0, 0, 5, 9], [3]).sentence() == (
        "Not enough data for a takeover lift: the brand's usual post earned 0 engagements, so a change "
        "relative to it is undefined.")


def test_metric_no_takeover_post_reports_is_said_plainly():
    # TikTok posts carry views but no impressions: the takeover values are all missing, not absent.
    lift = takeover_lift([100.0, 120, 90, 110, 105], [float("nan"), float("nan")])
    assert lift.verdict == "not enough data"
    assert lift.sentence("impressions") == ("Not enough data for a takeover lift: no takeover post reports "
                                            "impressions.")
