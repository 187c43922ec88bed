"""Takeover lift: how an influencer takeover's posts did against the brand's own day-to-day posts.

lift = (takeover value - baseline median) / baseline median, where the baseline is the brand's posts of
the same platform in the pre-period (the median, so one viral post does not set the bar) and the takeover
value is the median per takeover post too: comparing a mean with a median would build in a positive "lift"
for right-skewed counts (13% at lognormal sigma 0.5, 65% at 1.0, with no real change). The interval is a
percentile bootstrap that resamples both groups independently, so it carries the uncertainty of the
brand's usual level as well as that of the takeover.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import theme

MIN_BASELINE_POSTS = 5
# Under this many takeover posts a bootstrap of their median has only a handful of values to draw (two posts:
# three), so the interval is a rough guide rather than 95% coverage, and the result says so
FEW_TAKEOVER_POSTS = 5
LIFT, NO_LIFT, DROP, NOT_ENOUGH = "lift", "no detectable lift", "drop", "not enough data"
_RESAMPLE_CELLS = 2_000_000   # resampled values held in memory at once (16 MB of float64)


@dataclass(frozen=True)
class Lift:
    baseline_median: float     # median metric of the brand's own posts (pre-period)
    takeover_value: float      # median metric per takeover post
    lift: float                # (takeover_value - baseline_median) / baseline_median; NaN when undefined
    ci_low: float              # percentile bootstrap interval of `lift` at `level`; NaN without enough data
    ci_high: float
    level: float
    n_baseline: int            # posts used (values that are not a number are left out and counted in n_missing)
    n_takeover: int
    n_missing: int
    verdict: str               # "lift", "no detectable lift", "drop" or "not enough data"

    def sentence(self, metric: str = "engagements", subject: str = "Takeover posts") -> str:
        """The result in plain English; `metric` is a plural noun ("engagements", "likes", "impressions"),
        `subject` what was compared with the usual posts."""
        if self.verdict == NOT_ENOUGH:
            return f"Not enough data for a takeover lift: {self._shortfall(metric)}."
        interval = self.interval()
        if round(self.lift * 100) == 0:
            change = f"about the same {metric} per post as"
        else:
            change = f"{abs(self.lift):.0%} {'more' if self.lift > 0 else 'fewer'} {metric} per post than"
        said = f"{subject} earned {change} the brand's usual posts"
        if self.verdict == NO_LIFT:
            said += f", but the {interval} includes no change, so there is no detectable lift."
        else:
            said += f" ({interval})."
        caveat = self.few_posts_caveat()
        return f"{said} {caveat[:1].upper()}{caveat[1:]}." if caveat else said

    def interval(self) -> str:
        """'90% interval +4% to +31%'."""
        return f"{self.level:.0%} interval {signed_percent(self.ci_low)} to {signed_percent(self.ci_high)}"

    def few_posts_caveat(self) -> str:
        """'only 2 takeover posts: …' for an interval that rests on very few takeover posts, else ''."""
        if self.verdict == NOT_ENOUGH or self.n_takeover >= FEW_TAKEOVER_POSTS:
            return ""
        posts = "one takeover post" if self.n_takeover == 1 else f"{self.n_takeover} takeover posts"
        return f"only {posts}: read the interval as a rough guide"

    def _shortfall(self, metric: str) -> str:
        if self.n_takeover == 0:
            return (f"no takeover post reports {metric}" if self.n_missing else "there are no takeover posts")
        if self.n_baseline < MIN_BASELINE_POSTS:
            return (f"only {self.n_baseline} of the brand's own posts in the pre-period "
                    f"(at least {MIN_BASELINE_POSTS} are needed)")
        return f"the brand's usual post earned 0 {metric}, so a change relative to it is undefined"


def signed_percent(ratio: float) -> str:
    """'+12%' / '−5%'; an unbounded end of an interval in words, a missing one as every missing value reads."""
    if math.isnan(ratio):
        return theme.MISSING
    if math.isinf(ratio):
        return "no upper limit" if ratio > 0 else "no lower limit"
    return f"{'+' if ratio >= 0 else '−'}{abs(ratio):.0%}"


def _clean(values) -> tuple[np.ndarray, int]:
    array = np.asarray(values, dtype=float).ravel()
    finite = np.isfinite(array)
    if (array[finite] < 0).any():
        raise ValueError("The metric must be a count or rate of 0 or more.")
    return array[finite], int((~finite).sum())


def _bootstrap(values: np.ndarray, statistic, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """`statistic` (a numpy reducer taking axis=1) of n_boot resamples with replacement, in memory-bounded blocks."""
    block = max(1, _RESAMPLE_CELLS // values.size)
    out = np.empty(n_boot)
    for start in range(0, n_boot, block):
        rows = min(block, n_boot - start)
        out[start:start + rows] = statistic(values[rng.integers(0, values.size, size=(rows, values.size))], axis=1)
    return out


def takeover_lift(baseline, takeover, n_boot: int = 2000, seed: int = 0, level: float = 0.95) -> Lift:
    """Lift of takeover posts over the brand's usual post, with a bootstrap interval and a verdict.

    baseline: the metric per brand post in the pre-period; takeover: the metric per takeover post.
    """
    if not 0 < level < 1:
        raise ValueError("The interval level must be between 0 and 1, e.g. 0.95.")
    if n_boot < 1:
        raise ValueError("Use at least one bootstrap resample.")
    base, missing_base = _clean(baseline)
    take, missing_take = _clean(takeover)
    median = float(np.median(base)) if base.size else math.nan
    take_median = float(np.median(take)) if take.size else math.nan
    lift = (take_median - median) / median if median > 0 else math.nan

    def result(ci_low: float, ci_high: float, verdict: str) -> Lift:
        return Lift(baseline_median=median, takeover_value=take_median, lift=lift, ci_low=ci_low, ci_high=ci_high,
                    level=level, n_baseline=int(base.size), n_takeover=int(take.size),
                    n_missing=missing_base + missing_take, verdict=verdict)

    if base.size < MIN_BASELINE_POSTS or take.size == 0 or not median > 0:
        return result(math.nan, math.nan, NOT_ENOUGH)

    rng = np.random.default_rng(seed)
    medians = _bootstrap(base, np.median, n_boot, rng)
    take_medians = _bootstrap(take, np.median, n_boot, rng)
    # A resample can draw a zero median when many brand posts earned nothing: any positive takeover median is
    # then an unbounded lift, and 0 against 0 is no change.
    with np.errstate(divide="ignore", invalid="ignore"):
        lifts = np.where(medians > 0, take_medians / medians - 1, np.where(take_medians > 0, np.inf, 0.0))
    # "inverted_cdf" picks resampled values themselves (the textbook percentile interval), which also stays
    # defined when the upper tail is infinite.
    alpha = 1 - level
    ci_low, ci_high = np.quantile(lifts, [alpha / 2, 1 - alpha / 2], method="inverted_cdf")
    verdict = LIFT if ci_low > 0 else DROP if ci_high < 0 else NO_LIFT
    return result(float(ci_low), float(ci_high), verdict)
