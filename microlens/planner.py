"""Fifty vs one: spend a budget on micro-influencer posts, and compare the result with a celebrity post.

`plan_portfolio` solves the choice exactly as an integer programme (a bounded knapsack with side
constraints): pick how many posts x_i in 0..max to buy from each candidate so that expected engagements
are as high as possible while the money spent stays within the budget (and within any per-band share of
it). Money is planned to the cent: prices and budget are converted to integer cents, so the budget
constraint holds exactly rather than up to a solver tolerance.

`celebrity_option` is the other side of the comparison (what the same budget buys from one celebrity),
and `verdict_sentence` states the comparison in one plain sentence for a slide.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix
from scipy.stats import norm

from microlens.metrics import post_cpe
from microlens.text import counted
from microlens.theme import money, times_as_many

PLAN_LEVEL = 0.90                         # the plan's range is a 90% interval
_Z = float(norm.ppf(0.5 + PLAN_LEVEL / 2))  # 1.6449: two-sided 90% normal quantile
DEFAULT_TIME_LIMIT_S = 10.0
# More of the budget left than this share and the verdict compares cost per engagement, not totals: the candidates
# ran out, and a total of part of the budget set against a celebrity post of all of it crowned the celebrity
UNSPENT_SHARE = 0.10
_LP_CORE_COLUMNS = 3000       # columns the LP relaxation is solved on (see _lp_duals)
_CORE_COLUMNS = 300           # columns re-optimised first when ties leave many free (see _solve)
_PRESOLVE_MAX_COLUMNS = 2000
REQUIRED_COLUMNS = ("influencer", "price", "exp_engagements")
OPTIONAL_COLUMNS = ("platform", "band", "followers", "sd_engagements", "exp_reach", "posts_on_record")
CHOSEN_COLUMNS = ["influencer", "platform", "band", "posts", "cost", "exp_engagements"]


@dataclass(frozen=True)
class Plan:
    budget: float
    chosen: pd.DataFrame          # influencer, platform, band, posts, cost, exp_engagements (one row per candidate bought)
    total_cost: float
    exp_engagements: float
    sd: float                     # spread of the total (see _total_sd); NaN when some chosen post has no usable spread
    interval: tuple[float, float]  # PLAN_LEVEL normal-approximation range of total engagements, clipped at 0
    level: float
    exp_reach: float              # summed over chosen posts whose reach is known (NaN when none is)
    reach_posts: int              # how many of the chosen posts have a known expected reach
    cpe: float                    # total_cost / exp_engagements (NaN for an empty plan)
    influencers: int
    posts: int
    optimal: bool                 # True when the solver proved no better plan exists
    gap: float                    # the best possible plan earns at most this share more: 0 when optimal
    candidates: int               # candidate rows that could be planned with
    excluded: int                 # candidate rows left out: no positive price, or no positive expected engagements
    sd_unknown_posts: int         # chosen posts with no spread of their own: estimated from the other candidates


def _to_cents(amount: float) -> int:
    # Round first so 0.29 * 100 = 28.999999999999996 counts as 29 cents, then never spend a fraction of a cent.
    return math.floor(round(amount * 100, 6))


def _usable_candidates(candidates: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    missing = [c for c in REQUIRED_COLUMNS if c not in candidates.columns]
    if missing:
        raise ValueError(f"Candidates need the column(s): {', '.join(missing)}.")
    frame = candidates.copy()
    for column in OPTIONAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = np.nan
    for column in ("price", "exp_engagements", "sd_engagements", "exp_reach", "followers", "posts_on_record"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    price_cents = np.round(frame["price"].to_numpy() * 100)
    # A post expected to earn nothing is never worth its price, so it is not a candidate either.
    usable = (np.isfinite(price_cents) & (price_cents > 0)
              & np.isfinite(frame["exp_engagements"].to_numpy()) & (frame["exp_engagements"].to_numpy() > 0))
    frame = frame.loc[usable].reset_index(drop=True)
    frame["price_cents"] = price_cents[usable].astype(np.int64)
    return frame, int((~usable).sum())


def _constraints(frame: pd.DataFrame, budget_cents: int, max_posts: int, band_caps: dict[str, float],
                 budget: float) -> tuple[csr_matrix, np.ndarray]:
    """Rows of A x <= b: the budget, one row per capped band, one per influencer listed on several platforms."""
    n = len(frame)
    prices = frame["price_cents"].to_numpy(dtype=float)
    rows, upper = [prices], [budget_cents]
    for band, share in band_caps.items():
        in_band = (frame["band"] == band).to_numpy()
        if share < 1 and in_band.any():
            rows.append(np.where(in_band, prices, 0.0))
            upper.append(_to_cents(share * budget))
    # An influencer may appear once per platform; the post cap is per influencer, across platforms.
    for idx in frame.groupby("influencer", sort=False).indices.values():
        if len(idx) > 1:
            row = np.zeros(n)
            row[idx] = 1.0
            rows.append(row)
            upper.append(max_posts)
    return csr_matrix(np.vstack(rows)), np.array(upper, dtype=float)


def _solve(frame: pd.DataFrame, budget_cents: int, max_posts: int, band_caps: dict[str, float],
           budget: float, time_limit_s: float) -> tuple[np.ndarray, bool, float]:
    """Posts to buy per candidate row, whether that choice is proven optimal, and an upper bound on the
    expected engagements of any plan (the LP bound below).

    HiGHS alone spends minutes on a knapsack with tens of thousands of columns, so most columns are
    settled first by reduced-cost fixing: with any dual prices y >= 0 of the LP relaxation, every plan x
    satisfies
        value(x) <= bound - sum_{d_j > 0} d_j (u - x_j) - sum_{d_j < 0} |d_j| x_j,
    where d = e - A'y and bound = y'b + sum max(d_j, 0) u. A column whose |d_j| exceeds bound - value(greedy)
    cannot leave its LP bound without making the plan worse than the greedy plan, so it is fixed there.
    No plan that could be optimal is cut off. The integer programme then runs on the columns left free.
    """
    deadline = time.monotonic() + time_limit_s
    value = frame["exp_engagements"].to_numpy()
    a, b = _constraints(frame, budget_cents, max_posts, band_caps, budget)
    greedy = _greedy(frame, budget_cents, max_posts, band_caps, budget)
    duals = _lp_duals(frame, a, b, max_posts)
    reduced = value - a.T @ duals
    bound = duals @ b + np.maximum(reduced, 0).sum() * max_posts
    # Float rounding in the bound may only leave a column free, never fix it wrongly, hence the tolerance.
    tolerance = 1e-9 * max(1.0, abs(bound))
    margin = bound - value @ greedy + tolerance
    at_max, free = reduced > margin, np.abs(reduced) <= margin
    posts = np.where(at_max, max_posts, 0).astype(np.int64)
    free_columns = np.flatnonzero(free)
    if free_columns.size == 0:
        return posts, True, bound   # every column is fixed; the greedy plan is that one plan
    rhs = b - a[:, at_max] @ posts[at_max]
    best = greedy[free_columns]
    proven = False
    if free_columns.size > _CORE_COLUMNS:
        # Ties (e.g. rate-card prices and band-average rates make engagements per dollar equal) leave
        # thousands of columns free. Re-optimise only the columns nearest the LP's margin, the others keeping
        # their greedy value: a heuristic, proven optimal only when it reaches the LP bound.
        core = _core(np.abs(reduced[free_columns]), best > 0)
        rest = np.setdiff1d(np.arange(free_columns.size), core)
        # Half the time at most, so the exact programme below keeps the rest.
        core_posts = _integer_programme(value[free_columns[core]], a[:, free_columns[core]],
                                        rhs - a[:, free_columns[rest]] @ best[rest], max_posts,
                                        time.monotonic() + (deadline - time.monotonic()) / 2)[0]
        if core_posts is not None:
            trial = best.copy()
            trial[core] = core_posts
            best = _better(value[free_columns], trial, best)
        proven = value[free_columns] @ best + value[at_max] @ posts[at_max] >= bound - tolerance
    if not proven:
        exact, proven = _integer_programme(value[free_columns], a[:, free_columns], rhs, max_posts, deadline)
        if exact is not None:
            best = _better(value[free_columns], exact, best)
    posts[free_columns] = best
    return posts, proven, bound


def _core(distance: np.ndarray, bought: np.ndarray) -> np.ndarray:
    """Positions of the columns nearest the margin, half among those the greedy plan bought and half among
    the rest, so the integer programme can swap posts in and out rather than only fill the leftover cents."""
    half = _CORE_COLUMNS // 2
    nearest = [np.flatnonzero(side)[np.argsort(distance[side], kind="stable")[:half]] for side in (bought, ~bought)]
    return np.concatenate(nearest)


def _better(value: np.ndarray, challenger: np.ndarray, incumbent: np.ndarray) -> np.ndarray:
    return challenger if value @ challenger >= value @ incumbent else incumbent


def _integer_programme(value: np.ndarray, a: csr_matrix, rhs: np.ndarray, max_posts: int,
                       deadline: float) -> tuple[np.ndarray | None, bool]:
    """max value'x s.t. a x <= rhs, x in 0..max_posts: (posts or None if none found in time, proven optimal)."""
    result = milp(
        c=-value,                                   # milp minimises
        integrality=np.ones(value.size),
        bounds=Bounds(0, max_posts),
        constraints=LinearConstraint(a, -np.inf, rhs),
        options={"time_limit": max(0.0, deadline - time.monotonic()),
                 # mip_rel_gap=0: HiGHS otherwise stops within 0.01% of the bound, which is not "exact".
                 "mip_rel_gap": 0.0,
                 # HiGHS presolve is quadratic on a long knapsack row and does not watch the time limit.
                 "presolve": value.size <= _PRESOLVE_MAX_COLUMNS},
    )
    if result.x is None:
        return None, False
    return np.round(result.x).astype(np.int64), result.status == 0


def _lp_duals(frame: pd.DataFrame, a: csr_matrix, b: np.ndarray, max_posts: int) -> np.ndarray:
    """Dual prices y >= 0 of the LP relaxation, from its best-value columns only.

    HiGHS takes ~30 s on the LP with 100,000 columns but milliseconds on a few thousand, and the optimal
    plan lives among the best engagements-per-dollar columns anyway. Any y >= 0 gives a valid bound, so
    solving the LP on this core can only make the fixing weaker, never wrong.
    """
    ratio = frame["exp_engagements"].to_numpy() / frame["price_cents"].to_numpy()
    core = np.argsort(-ratio, kind="stable")[:_LP_CORE_COLUMNS]
    lp = linprog(-frame["exp_engagements"].to_numpy()[core], A_ub=a[:, core], b_ub=b, bounds=(0, max_posts),
                 method="highs", options={"presolve": False})   # HiGHS presolve is quadratic on knapsack rows
    if lp.status != 0:
        return np.zeros(len(b))   # still a valid (weak) bound: nothing gets fixed wrongly
    return np.maximum(-lp.ineqlin.marginals, 0.0)   # linprog minimises, so its marginals are <= 0


def _greedy(frame: pd.DataFrame, budget_cents: int, max_posts: int, band_caps: dict[str, float],
            budget: float) -> np.ndarray:
    """Best engagements-per-dollar first, as many posts as every cap allows: a feasible plan, not an optimal one."""
    posts = np.zeros(len(frame), dtype=np.int64)
    left = budget_cents
    band_left = {b: _to_cents(s * budget) for b, s in band_caps.items() if s < 1}
    per_influencer: dict[str, int] = {}
    prices = frame["price_cents"].tolist()
    bands, influencers = frame["band"].tolist(), frame["influencer"].tolist()
    cheapest = min(prices)
    order = np.argsort(-(frame["exp_engagements"].to_numpy() / frame["price_cents"].to_numpy()), kind="stable")
    for i in order:
        if left < cheapest:
            break
        price, band, who = prices[i], bands[i], influencers[i]
        room = min(max_posts - per_influencer.get(who, 0), left // price,
                   band_left[band] // price if band in band_left else max_posts)
        if room > 0:
            posts[i] = room
            left -= room * price
            per_influencer[who] = per_influencer.get(who, 0) + room
            if band in band_left:
                band_left[band] -= room * price
    return posts


def plan_portfolio(candidates: pd.DataFrame, budget: float, max_posts_per_influencer: int = 3,
                   band_caps: dict[str, float] | None = None,
                   time_limit_s: float = DEFAULT_TIME_LIMIT_S) -> Plan:
    """The set of posts that maximises expected engagements within `budget` (and within `band_caps`).

    candidates: one row per influencer on a platform with influencer, platform, band, followers, price
    (one post), exp_engagements (per post), sd_engagements (post-to-post), exp_reach (per post), posts_on_record
    (the posts exp_engagements rests on: the range then includes its error).
    band_caps: the largest share of the budget a band may take, e.g. {"nano": 0.2}; bands not named are
    uncapped.
    """
    if not (math.isfinite(budget) and budget >= 0):
        raise ValueError("The budget must be a non-negative amount.")
    if max_posts_per_influencer < 1 or max_posts_per_influencer != int(max_posts_per_influencer):
        raise ValueError("Allow a whole number of posts per influencer, at least one.")
    max_posts_per_influencer = int(max_posts_per_influencer)
    band_caps = dict(band_caps or {})
    if any(not (math.isfinite(s) and s >= 0) for s in band_caps.values()):
        raise ValueError("Band caps are shares of the budget: 0 or more (1.0 = no cap).")

    frame, excluded = _usable_candidates(candidates)
    budget_cents = _to_cents(budget)
    if len(frame) and budget_cents >= frame["price_cents"].min():
        posts, optimal, upper = _solve(frame, budget_cents, max_posts_per_influencer, band_caps, budget,
                                       time_limit_s)
    else:
        posts, optimal, upper = np.zeros(len(frame), dtype=np.int64), True, 0.0   # nothing is affordable
    frame["posts"] = posts
    bought = frame.loc[frame["posts"] > 0].copy()
    bought["cost"] = bought["posts"] * bought["price_cents"] / 100
    bought["exp_engagements"] = bought["posts"] * bought["exp_engagements"]

    sd = _total_sd(frame, bought)
    total_cost = float(bought["cost"].sum())
    total_engagements = float(bought["exp_engagements"].sum())
    interval = ((math.nan, math.nan) if math.isnan(sd)
                else (max(0.0, total_engagements - _Z * sd), total_engagements + _Z * sd))
    reach_known = bought["exp_reach"].notna()
    chosen = (bought[CHOSEN_COLUMNS].sort_values(["exp_engagements", "influencer"], ascending=[False, True])
              .reset_index(drop=True))
    return Plan(
        budget=float(budget),
        chosen=chosen,
        total_cost=total_cost,
        exp_engagements=total_engagements,
        sd=sd,
        interval=interval,
        level=PLAN_LEVEL,
        exp_reach=float((bought["posts"] * bought["exp_reach"])[reach_known].sum()) if reach_known.any() else math.nan,
        reach_posts=int(bought.loc[reach_known, "posts"].sum()),
        cpe=total_cost / total_engagements if total_engagements > 0 else math.nan,
        influencers=int(bought["influencer"].nunique()),
        posts=int(bought["posts"].sum()),
        optimal=bool(optimal),
        gap=0.0 if optimal else max(0.0, (upper - total_engagements) / upper),
        candidates=len(frame),
        excluded=excluded,
        sd_unknown_posts=int(bought.loc[_spread_unknown(bought), "posts"].sum()),
    )


def unspent_note(plan: Plan, candidates: pd.DataFrame, max_posts_per_influencer: int,
                 band_caps: dict[str, float] | None = None) -> str | None:
    """Why more than 1% of the budget is left, in one sentence: every candidate account the plan could still buy
    from is held back by the post cap (counted per handle, across its platforms), by its band's share of the budget
    or by its price. None when the budget is spent, when nothing was bought (the verdict sentence says so) or when
    the solver stopped at its time limit (a note says so)."""
    left = plan.budget - plan.total_cost
    if left <= 0.01 * plan.budget or plan.posts == 0 or not plan.optimal:
        return None
    frame, _ = _usable_candidates(candidates)
    bought = frame[["influencer", "platform"]].merge(plan.chosen[["influencer", "platform", "posts"]],
                                                     on=["influencer", "platform"], how="left")["posts"].fillna(0)
    at_cap = (bought.groupby(frame["influencer"]).transform("sum") >= max_posts_per_influencer).to_numpy()
    shared = at_cap & (bought.to_numpy() == 0)     # held back only by the same handle's posts on another platform
    # in whole cents, as the plan was made: a cap of $200.0175 holds $200.01
    caps = {b: s for b, s in (band_caps or {}).items() if s < 1}
    spent = (plan.chosen.groupby("band")["cost"].sum() * 100).round()
    room = np.array([_to_cents(caps[b] * plan.budget) - spent.get(b, 0) if b in caps else math.inf
                     for b in frame["band"]])
    price = frame["price_cents"].to_numpy()
    band_full = ~at_cap & (price > room)
    too_dear = ~at_cap & ~band_full & (price > _to_cents(plan.budget) - round(plan.total_cost * 100))
    parts, advice = [], []
    if at_cap.any():
        who = f"all {at_cap.sum():,}" if at_cap.all() else f"{at_cap.sum():,} of the {len(frame):,}"
        per = counted(max_posts_per_influencer, "post")
        parts.append(f"{who} candidate accounts already have the most posts allowed ({per} per influencer)"
                     + (f", {shared.sum():,} of them because the same handle was bought on another platform"
                        if shared.any() else ""))
        advice.append("raise 'Most posts per influencer'")
    for band in sorted(set(frame.loc[band_full, "band"])):
        n = int((band_full & (frame["band"] == band).to_numpy()).sum())
        parts.append(f"{n:,} {'is' if n == 1 else 'are'} {band}, whose {caps[band]:.0%} share of the budget "
                     "is spent")
        advice.append(f"raise {band}'s share")
    if too_dear.any():
        n = int(too_dear.sum())
        parts.append(f"{n:,} {'costs' if n == 1 else 'cost'} more than the {money(left)} left")
    if not parts:
        return None
    text = f"{money(left)} of the {money(plan.budget)} budget is left: {'; '.join(parts)}."
    return text + (f" To spend it, {' or '.join(advice)}." if advice else "")


def _spread_unknown(frame: pd.DataFrame) -> pd.Series:
    # A single post gives no post-to-post spread: inputs mark that as NaN or 0, so both mean "unknown".
    return ~(frame["sd_engagements"] > 0)


def _total_sd(candidates: pd.DataFrame, bought: pd.DataFrame) -> float:
    """Standard deviation of the plan's total engagements (NaN when a spread is needed but none is known).

    Two parts. Posts are independent draws around their account's expectation: a candidate bought k times
    contributes k * sd^2. And the expectation itself is estimated from the n posts on record (posts_on_record,
    where the candidates give it; a list's average counts as one): its error, about sd^2 / n, is shared by all k
    posts of the account, so it contributes k^2 * sd^2 / n. Without it, 34 accounts known from one post each
    promised a total within ±12%. The total's sd is sqrt(sum k_i * sd_i^2 * (1 + k_i / n_i)).
    A chosen candidate with unknown spread gets sd = exp_engagements * (median sd/mean ratio of the
    candidates whose spread is known) rather than 0, which would pretend its posts are certain.
    """
    if bought.empty:
        return 0.0
    sd = bought["sd_engagements"].to_numpy(copy=True)
    posts = bought["posts"].to_numpy()
    per_post = bought["exp_engagements"].to_numpy() / posts
    unknown = _spread_unknown(bought).to_numpy()
    if unknown.any():
        known = (~_spread_unknown(candidates)) & (candidates["exp_engagements"] > 0)
        if not known.any():
            return math.nan
        cv = float((candidates.loc[known, "sd_engagements"] / candidates.loc[known, "exp_engagements"]).median())
        sd[unknown] = cv * per_post[unknown]
    on_record = bought["posts_on_record"].to_numpy(dtype=float)
    shared = np.where(np.isnan(on_record), 0.0, posts / np.maximum(on_record, 1.0))
    return float(np.sqrt(np.sum(posts * sd ** 2 * (1 + shared))))


@dataclass(frozen=True)
class CelebrityOption:
    budget: float
    price: float
    followers: float
    er: float
    posts: int                 # celebrity posts the budget affords
    cost: float
    exp_engagements: float     # posts * followers * er
    reach: float               # posts * followers: the audience the posts are shown to, an upper bound on organic reach
    cpe: float                 # price / (followers * er): the benchmark CPE, defined even when no post is affordable
    engagements_low: float     # posts * followers * er_low (= exp_engagements when no range was given)
    engagements_high: float
    cpe_low: float             # from er_high: the cheapest the celebrity's engagements could be
    cpe_high: float

    @property
    def has_range(self) -> bool:
        return self.cpe_low != self.cpe_high


def celebrity_option(budget: float, price: float, followers: float, er: float,
                     er_low: float | None = None, er_high: float | None = None) -> CelebrityOption:
    """What `budget` buys from one celebrity at `price` per post, with an ER range when the sources disagree."""
    if not (price > 0 and followers > 0 and er > 0):
        raise ValueError("The celebrity needs a positive price, follower count and engagement rate.")
    if not (math.isfinite(budget) and budget >= 0):
        raise ValueError("The budget must be a non-negative amount.")
    low = er if er_low is None else er_low
    high = er if er_high is None else er_high
    if not (0 < low <= high):
        raise ValueError("The engagement-rate range must be positive, low ≤ high.")
    posts = math.floor(round(budget / price, 9))
    return CelebrityOption(
        budget=float(budget), price=float(price), followers=float(followers), er=float(er),
        posts=posts, cost=posts * price, exp_engagements=posts * followers * er, reach=posts * followers,
        cpe=post_cpe(price, followers, er),
        engagements_low=posts * followers * low, engagements_high=posts * followers * high,
        cpe_low=post_cpe(price, followers, high), cpe_high=post_cpe(price, followers, low),
    )


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _about(value: float) -> str:
    """An engagement count as a reader would say it: two significant figures from 1,000 (61,234 -> 61,000),
    three from 100,000 (1,123,456 -> 1,120,000) so that a range of large numbers does not collapse."""
    if value < 1000:
        return f"{value:,.0f}"
    figures = 2 if value < 100_000 else 3
    digits = math.floor(math.log10(value)) - figures + 1
    return f"{round(value, -digits):,.0f}"


def celebrity_posts(celeb: CelebrityOption) -> str:
    n = celeb.posts
    count = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else f"{n:,}"
    each = " each" if n > 1 else ""
    return f"{count} celebrity post{'s' if n > 1 else ''} at {money(celeb.price)}{each}"


def _celebrity_range(celeb: CelebrityOption) -> str:
    return f"{_about(celeb.engagements_low)}–{_about(celeb.engagements_high)} across engagement-rate sources"


def against_celebrity(plan: Plan, celeb: CelebrityOption) -> str:
    """The plan's CPE against the celebrity's range: 'under the celebrity's $0.24–$1.21 at $20,000 a post' (or
    over, or within). The price is named: beside the Cost page's $0.24–$6.06 (the benchmark's whole price range),
    the range at the one price planned read as another celebrity benchmark."""
    span = money(celeb.cpe_low) + (f"–{money(celeb.cpe_high)}" if celeb.has_range else "")
    where = ("under" if plan.cpe < celeb.cpe_low else "over" if plan.cpe > celeb.cpe_high else "within")
    return f"{where} the celebrity's {span} at {money(celeb.price)} a post"


def _celebrity_cpe(celeb: CelebrityOption) -> str:
    """'$0.40 ($0.24–$1.21 across engagement-rate sources)': the middle figure alone read as a third celebrity CPE
    beside the Cost page's range."""
    text = money(celeb.cpe)
    if celeb.has_range:
        text += f" ({money(celeb.cpe_low)}–{money(celeb.cpe_high)} across engagement-rate sources)"
    return text


def posts_by_band(plan: Plan) -> dict[str, int]:
    """Posts the plan buys in each follower band, most first (ties by name)."""
    if plan.chosen.empty or "band" not in plan.chosen:
        return {}
    counts = plan.chosen.groupby(plan.chosen["band"].fillna("band unknown"))["posts"].sum()
    return {band: int(n) for band, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))}


def all_micro(plan: Plan) -> bool:
    return set(posts_by_band(plan)) <= {"micro"}


def plan_posts(plan: Plan) -> str:
    """'50 micro posts', or '50 posts (46 micro, 2 mid, 2 nano)' when the plan buys from other bands too: a mixed
    plan read '50 micro posts'."""
    if all_micro(plan):
        return counted(plan.posts, "micro post")
    return f"{counted(plan.posts, 'post')} ({', '.join(f'{n:,} {band}' for band, n in posts_by_band(plan).items())})"


def _the_posts(plan: Plan) -> str:
    return "the micro posts" if all_micro(plan) else "the plan's posts"


def _micro(plan: Plan) -> str:
    return f"{plan_posts(plan)} from {counted(plan.influencers, 'influencer')}"


def _ranges(plan: Plan, celeb: CelebrityOption | None = None) -> str:
    """The spread behind the two totals, as a clause after the answer ("; the micro posts' 90% range is …"), so
    the answer itself stays short enough to be a slide's headline."""
    parts = []
    if not math.isnan(plan.sd):
        low, high = plan.interval
        parts.append(f"{_the_posts(plan)}' {plan.level:.0%} range is {_about(low)}–{_about(high)}")
    if celeb is not None and celeb.has_range:
        parts.append(f"the celebrity's {'' if parts else 'range is '}{_celebrity_range(celeb)}")
    return "; " + ", ".join(parts) if parts else ""


def _for_budget(plan: Plan) -> str:
    text = f"For {money(plan.budget)}"
    if plan.budget - plan.total_cost > 0.01 * plan.budget:
        text += f" ({money(plan.total_cost)} spent)"
    return text


def verdict_sentence(plan: Plan, celeb: CelebrityOption, after_alike: bool = False) -> str:
    """The fifty-vs-one answer in one plain sentence. after_alike: it follows the answer counted like for like, which
    named the plan's posts and gave the multiple; the posts are then "they" (or "the micro posts" after the
    celebrity's), and the totals carry no multiple of their own: the plan's four parts of an engagement against a
    celebrity ER that counts fewer made "3.9× one celebrity post" beside "2.2× cheaper" per like."""
    if not math.isclose(plan.budget, celeb.budget):
        raise ValueError("Compare the plan and the celebrity option at the same budget.")
    if plan.candidates == 0:
        # a list of celebrities alone (top_insta) has no micro-influencer at all, which "none has a price" hid
        who = (f"None of the {counted(plan.excluded, 'candidate micro-influencer')} has both a price and expected "
               "engagements" if plan.excluded else "The data and filters hold no micro-influencer")
        # at the plan's price: beside the Cost page's range over every benchmark price, a bare "$0.40" read as a
        # second celebrity CPE
        return (f"{who}, so there is nothing to set against the celebrity's {_celebrity_cpe(celeb)} per engagement "
                f"at {money(celeb.price)} a post.")
    if plan.posts == 0:
        celeb_part = (f"it buys {celebrity_posts(celeb)} ({_about(celeb.exp_engagements)} engagements)"
                      if celeb.posts
                      else f"it does not buy a celebrity post either ({money(celeb.price)} each)")
        return (f"No post from the {counted(plan.candidates, 'candidate micro-influencer')} fits a "
                f"{money(plan.budget)} budget; {celeb_part}.")
    who = "they" if after_alike else _micro(plan)
    micro = f"{who} are expected to earn {_about(plan.exp_engagements)} engagements"
    if celeb.posts == 0:
        return (f"{_for_budget(plan)}, {micro} at {money(plan.cpe)} per engagement; the budget does not buy "
                f"one celebrity post ({money(celeb.price)}), whose benchmark is {_celebrity_cpe(celeb)} per engagement"
                f"{_ranges(plan)}.")
    # The verdict flips inside the celebrity's ER range when the micro estimate falls within it.
    depends = (", so the winner depends on which celebrity engagement rate is right"
               if celeb.has_range and celeb.engagements_low <= plan.exp_engagements <= celeb.engagements_high
               else "")
    left = plan.budget - plan.total_cost
    if left > UNSPENT_SHARE * plan.budget:
        # no further candidate post fits (all at their cap, or dearer than what is left: unspent_note says which):
        # totals would set a part of the budget against all of it ("five celebrity posts earn 1.3× the micro posts"
        # with 82% of the micro budget unspent), so the answer is per engagement
        return (f"{_for_budget(plan)}, {micro} at {money(plan.cpe)} per engagement, {against_celebrity(plan, celeb)}"
                f"; {money(left)} of the budget buys no further candidate post, while {celebrity_posts(celeb)} "
                f"{'is' if celeb.posts == 1 else 'are'} expected to earn {_about(celeb.exp_engagements)} "
                f"engagements{_ranges(plan, celeb)}.")
    if left > 0.01 * plan.budget and plan.cpe < celeb.cpe_low:
        # totals compare a part-spent budget with a whole celebrity post: per engagement the answer does not depend.
        # "though" only where the totals left the answer open or gave it to the celebrity.
        turn = "though" if depends or plan.exp_engagements < celeb.exp_engagements else "too"
        depends += (f"; per engagement, {turn}, {_the_posts(plan)} cost {money(plan.cpe)} against the celebrity's "
                    f"{money(celeb.cpe_low)}" + (f"–{money(celeb.cpe_high)}" if celeb.has_range else "")
                    + f", with {money(left)} of the budget left")
    if plan.exp_engagements >= celeb.exp_engagements:
        if after_alike:
            # "against 50,000 for one celebrity post": a bare "(50,000)" beside the card's 49.8K said no unit, and
            # with "engagements" a crawl's slide ran 19 px past 720
            return (f"{_for_budget(plan)}, {micro}, against {_about(celeb.exp_engagements)} for "
                    f"{celebrity_posts(celeb)}{_ranges(plan, celeb)}{depends}.")
        return (f"{_for_budget(plan)}, {micro}, {times_as_many(plan.exp_engagements / celeb.exp_engagements)} "
                f"{celebrity_posts(celeb)} ({_about(celeb.exp_engagements)} engagements){_ranges(plan, celeb)}"
                f"{depends}.")
    times = "against" if after_alike else times_as_many(celeb.exp_engagements / plan.exp_engagements)
    return (f"For {money(plan.budget)}, {celebrity_posts(celeb)} "
            f"{'is' if celeb.posts == 1 else 'are'} expected to earn {_about(celeb.exp_engagements)} "
            f"engagements, {times} the {_about(plan.exp_engagements)} engagements "
            f"that {_the_posts(plan) if after_alike else _micro(plan)} are expected to earn{_ranges(plan, celeb)}"
            f"{depends}.")
