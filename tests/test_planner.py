"""Planner: exact against brute force, hand-worked totals and spread, celebrity arithmetic, the sentence."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from microlens.planner import celebrity_option, plan_portfolio, unspent_note, verdict_sentence


def _candidates(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["influencer", "platform", "band", "followers", "price",
                                       "exp_engagements", "sd_engagements", "exp_reach"])


def _random_case(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 6
    names = [f"@creator{i}" for i in range(n)]
    names[-1] = names[0]   # one influencer on two platforms: the post cap must hold across both
    return pd.DataFrame({
        "influencer": names,
        "platform": ["instagram"] * (n - 1) + ["tiktok"],
        "band": rng.choice(["nano", "micro"], size=n),
        "followers": rng.integers(2_000, 90_000, size=n),
        "price": np.round(rng.uniform(40, 400, size=n), 2),
        # Integer engagements in half the cases so exact ties between plans occur too.
        "exp_engagements": (rng.integers(50, 2_000, size=n).astype(float) if seed % 2
                            else rng.uniform(50, 2_000, size=n)),
        "sd_engagements": rng.uniform(10, 500, size=n),
        "exp_reach": rng.uniform(1_000, 30_000, size=n),
    })


def _brute_force(frame: pd.DataFrame, budget: float, max_posts: int, band_caps: dict[str, float]) -> float:
    """Best total over every combination of 0..max_posts posts per row, checked in integer cents."""
    grid = np.array(list(itertools.product(range(max_posts + 1), repeat=len(frame))))
    cents = np.round(frame["price"].to_numpy() * 100).astype(np.int64)
    feasible = grid @ cents <= round(budget * 100)
    for band, share in band_caps.items():
        in_band = (frame["band"] == band).to_numpy()
        feasible &= grid[:, in_band] @ cents[in_band] <= math.floor(round(share * budget * 100, 6))
    for name in frame["influencer"].unique():
        feasible &= grid[:, (frame["influencer"] == name).to_numpy()].sum(axis=1) <= max_posts
    return float((grid[feasible] @ frame["exp_engagements"].to_numpy()).max())


def _assert_feasible(plan, frame: pd.DataFrame, budget: float, max_posts: int, band_caps: dict[str, float]):
    assert plan.total_cost <= budget + 1e-9
    for band, share in band_caps.items():
        assert plan.chosen.loc[plan.chosen["band"] == band, "cost"].sum() <= share * budget + 1e-9
    assert (plan.chosen.groupby("influencer")["posts"].sum() <= max_posts).all()


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("band_caps", [{}, {"nano": 0.25, "micro": 0.6}])
def test_plan_matches_brute_force(seed, band_caps):
    frame = _random_case(seed)
    max_posts = 2 + seed % 2
    # Between a quarter and three quarters of what buying every allowed post would cost.
    budget = round(float((frame["price"] * max_posts).sum()) * (0.25 + 0.05 * seed), 2)
    plan = plan_portfolio(frame, budget, max_posts_per_influencer=max_posts, band_caps=band_caps)
    assert plan.optimal
    assert plan.exp_engagements == pytest.approx(_brute_force(frame, budget, max_posts, band_caps), rel=1e-9)
    _assert_feasible(plan, frame, budget, max_posts, band_caps)
    assert plan.total_cost == pytest.approx(plan.chosen["cost"].sum())
    assert plan.posts == plan.chosen["posts"].sum()


def test_plan_matches_plain_integer_programme_on_hundreds_of_candidates():
    # Most columns are fixed by reduced costs before the integer programme runs; the independent check is
    # the same programme handed whole to HiGHS, without any fixing.
    rng = np.random.default_rng(7)
    n = 400
    followers = rng.integers(2_000, 100_000, size=n)
    frame = pd.DataFrame({
        "influencer": [f"@c{i}" for i in range(n)],
        "band": np.where(followers < 10_000, "nano", "micro"),
        "price": np.round(rng.lognormal(np.log(200), 0.6, size=n), 2),
        "exp_engagements": followers * rng.lognormal(np.log(0.03), 0.5, size=n),
    })
    budget, caps = 20_000.0, {"nano": 0.2}
    plan = plan_portfolio(frame, budget, max_posts_per_influencer=3, band_caps=caps)

    cents = np.round(frame["price"].to_numpy() * 100)
    nano = (frame["band"] == "nano").to_numpy()
    reference = milp(-frame["exp_engagements"].to_numpy(), integrality=np.ones(n), bounds=Bounds(0, 3),
                     constraints=LinearConstraint(np.vstack([cents, np.where(nano, cents, 0)]), -np.inf,
                                                  [budget * 100, 0.2 * budget * 100]),
                     options={"mip_rel_gap": 0.0})
    assert reference.status == 0 and plan.optimal
    assert plan.exp_engagements == pytest.approx(-reference.fun, rel=1e-9)
    _assert_feasible(plan, frame, budget, 3, caps)


def test_equal_value_per_dollar_spends_the_budget_to_the_cent():
    # Rate-card prices (1 cent per follower) and one band-average ER (3%) give every candidate the same
    # 3 engagements per dollar, so no plan can beat 3 x $25,000 = 75,000 and the one that spends exactly
    # $25,000.00 is optimal. Thousands of tied columns defeat reduced-cost fixing: this is the core path.
    rng = np.random.default_rng(3)
    followers = rng.integers(10_000, 100_000, size=3_000)
    frame = pd.DataFrame({"influencer": [f"@t{i}" for i in range(followers.size)], "band": "micro",
                          "price": followers * 0.01, "exp_engagements": followers * 0.03})
    plan = plan_portfolio(frame, 25_000)
    assert plan.optimal and plan.gap == 0
    assert plan.total_cost == pytest.approx(25_000.00, abs=1e-6)
    assert plan.exp_engagements == pytest.approx(75_000, rel=1e-9)


def test_out_of_time_gives_a_feasible_plan_marked_not_optimal_with_its_gap():
    # Engagements per dollar within 0.1% of each other: thousands of near-ties that HiGHS cannot settle in
    # half a second, so the plan is the best found so far and says how far from the best possible it may be.
    rng = np.random.default_rng(3)
    followers = rng.integers(10_000, 100_000, size=1_000)
    frame = pd.DataFrame({"influencer": [f"@t{i}" for i in range(followers.size)], "band": "micro",
                          "price": followers * 0.01,
                          "exp_engagements": followers * 0.03 * rng.uniform(0.999, 1.001, size=followers.size)})
    plan = plan_portfolio(frame, 25_000, max_posts_per_influencer=3, time_limit_s=0.5)
    assert not plan.optimal
    assert 0 < plan.total_cost <= 25_000
    # Independent upper bound for one budget row (Dantzig): buy the best engagements per dollar first,
    # 3 posts each, and a fraction of the first candidate that no longer fits.
    order = np.argsort(-(frame["exp_engagements"] / frame["price"]).to_numpy())
    price, value = frame["price"].to_numpy()[order] * 3, frame["exp_engagements"].to_numpy()[order] * 3
    full = np.searchsorted(np.cumsum(price), 25_000, side="right")
    dantzig = value[:full].sum() + (25_000 - price[:full].sum()) / price[full] * value[full]
    assert plan.exp_engagements < dantzig
    assert plan.gap == pytest.approx((dantzig - plan.exp_engagements) / dantzig, rel=1e-6)
    assert plan.gap < 1e-3


def test_hand_worked_plan_spread_interval_and_reach():
    frame = _candidates([
        ("@ana", "instagram", "micro", 20_000, 100.0, 1_000.0, 300.0, 8_000.0),
        ("@ben", "instagram", "micro", 40_000, 200.0, 2_500.0, 400.0, np.nan),
    ])
    # Budget $500, up to 2 posts each. Plans: 2 ben + 1 ana = $500 -> 6,000; 2 ben = $400 -> 5,000;
    # 2 ana + 1 ben = $400 -> 4,500. Best: 2 ben + 1 ana.
    plan = plan_portfolio(frame, 500, max_posts_per_influencer=2)
    assert plan.optimal
    assert plan.chosen[["influencer", "posts", "cost", "exp_engagements"]].values.tolist() == [
        ["@ben", 2, 400.0, 5_000.0], ["@ana", 1, 100.0, 1_000.0]]
    assert (plan.total_cost, plan.exp_engagements, plan.posts, plan.influencers) == (500.0, 6_000.0, 3, 2)
    # Independent posts: sd = sqrt(1 * 300^2 + 2 * 400^2) = sqrt(410,000) = 640.31.
    assert plan.sd == pytest.approx(640.3124, abs=1e-3)
    # 90% normal range: 6,000 -/+ 1.644854 * 640.3124 = 6,000 -/+ 1,053.22.
    assert plan.level == 0.90
    assert plan.interval == pytest.approx((4_946.78, 7_053.22), abs=0.01)
    assert plan.cpe == pytest.approx(500 / 6_000)
    # Reach known only for ana's one post: 8,000; ben's two posts are counted as unknown.
    assert (plan.exp_reach, plan.reach_posts) == (8_000.0, 1)
    assert plan.sd_unknown_posts == 0
    # Each expectation estimated from the posts on record (ana 1, ben 4) adds its error, shared by the account's
    # posts: var = 1 * 300^2 * (1 + 1/1) + 2 * 400^2 * (1 + 2/4) = 180,000 + 480,000 = 660,000; sd = 812.40.
    estimated = plan_portfolio(frame.assign(posts_on_record=[1, 4]), 500, max_posts_per_influencer=2)
    assert estimated.exp_engagements == 6_000.0 and estimated.sd == pytest.approx(812.404, abs=1e-3)


def test_interval_is_clipped_at_zero():
    frame = _candidates([("@solo", "tiktok", "nano", 5_000, 50.0, 100.0, 200.0, np.nan)])
    plan = plan_portfolio(frame, 50, max_posts_per_influencer=1)
    # 100 - 1.644854 * 200 = -229 -> 0; upper 100 + 329 = 429.
    assert plan.interval[0] == 0.0
    assert plan.interval[1] == pytest.approx(428.97, abs=0.01)
    assert math.isnan(plan.exp_reach) and plan.reach_posts == 0


def test_unknown_spread_is_estimated_from_the_other_candidates():
    frame = _candidates([
        ("@ana", "instagram", "micro", 20_000, 100.0, 1_000.0, 300.0, np.nan),   # sd/mean 0.30
        ("@ben", "instagram", "micro", 40_000, 200.0, 2_500.0, 400.0, np.nan),   # sd/mean 0.16
        ("@cat", "instagram", "micro", 15_000, 50.0, 800.0, np.nan, np.nan),     # one post: no spread
    ])
    plan = plan_portfolio(frame, 50, max_posts_per_influencer=1)   # only cat fits
    # cat's sd = 800 * median(0.30, 0.16) = 800 * 0.23 = 184.
    assert plan.sd == pytest.approx(184.0)
    assert plan.sd_unknown_posts == 1
    # With no candidate that has a spread, the range is unknown rather than zero.
    alone = plan_portfolio(frame.iloc[[2]], 50)
    assert math.isnan(alone.sd) and all(math.isnan(v) for v in alone.interval)


def test_unusable_rows_are_counted_and_an_unaffordable_budget_buys_nothing():
    frame = _candidates([
        ("@ok", "instagram", "micro", 20_000, 100.0, 1_000.0, 300.0, np.nan),
        ("@free", "instagram", "micro", 20_000, 0.0, 1_000.0, 300.0, np.nan),
        ("@noprice", "instagram", "micro", 20_000, np.nan, 1_000.0, 300.0, np.nan),
        ("@noestimate", "instagram", "micro", 20_000, 100.0, np.nan, 300.0, np.nan),
    ])
    plan = plan_portfolio(frame, 99.99)
    assert (plan.candidates, plan.excluded) == (1, 3)
    assert plan.posts == 0 and plan.total_cost == 0 and plan.optimal
    assert math.isnan(plan.cpe)


def test_band_cap_changes_the_choice():
    frame = _candidates([
        ("@nano", "instagram", "nano", 5_000, 100.0, 2_000.0, 100.0, np.nan),
        ("@micro", "instagram", "micro", 50_000, 100.0, 1_000.0, 100.0, np.nan),
    ])
    # Uncapped: 3 nano posts ($300, 6,000). Nano capped at 1/3 of $300 = $100: 1 nano + 2 micro = 4,000.
    assert plan_portfolio(frame, 300).exp_engagements == 6_000
    capped = plan_portfolio(frame, 300, band_caps={"nano": 1 / 3})
    assert capped.exp_engagements == 4_000
    assert dict(zip(capped.chosen["influencer"], capped.chosen["posts"])) == {"@nano": 1, "@micro": 2}


def test_celebrity_option_arithmetic():
    # $25,000 buys floor(25,000 / 20,000) = 1 post; 5M followers x 1.66% = 83,000 engagements;
    # CPE = 20,000 / 83,000 = $0.241. ER range 0.33%-1.66% -> 16,500-83,000 engagements.
    celeb = celebrity_option(25_000, 20_000, 5_000_000, 0.0166, er_low=0.0033, er_high=0.0166)
    assert (celeb.posts, celeb.cost, celeb.reach) == (1, 20_000, 5_000_000)
    assert celeb.exp_engagements == pytest.approx(83_000)
    assert celeb.cpe == pytest.approx(0.240964, abs=1e-6)
    assert (celeb.engagements_low, celeb.engagements_high) == pytest.approx((16_500, 83_000))
    assert (celeb.cpe_low, celeb.cpe_high) == pytest.approx((20_000 / 83_000, 20_000 / 16_500))
    assert celeb.has_range
    short = celebrity_option(19_999.99, 20_000, 5_000_000, 0.0166)
    assert (short.posts, short.cost, short.exp_engagements) == (0, 0, 0)
    assert short.cpe == pytest.approx(0.240964, abs=1e-6) and not short.has_range
    assert celebrity_option(60_000, 20_000, 5_000_000, 0.0166).posts == 3
    with pytest.raises(ValueError):
        celebrity_option(25_000, 20_000, 5_000_000, 0.01, er_low=0.02, er_high=0.005)


@pytest.fixture
def fifty_posts():
    # 50 influencers at $500 for 1,200 engagements (sd 400): $25,000 buys one post from each.
    # Total 60,000; sd = sqrt(50 * 400^2) = 2,828.4; 90% range 60,000 -/+ 4,652 = 55,348-64,652.
    frame = pd.DataFrame({"influencer": [f"@m{i}" for i in range(50)], "band": "micro", "price": 500.0,
                          "exp_engagements": 1_200.0, "sd_engagements": 400.0})
    return plan_portfolio(frame, 25_000, max_posts_per_influencer=1)


def test_sentence_micro_wins(fifty_posts):
    celeb = celebrity_option(25_000, 25_000, 5_000_000, 0.0052)   # 26,000 engagements; 60,000 / 26,000 = 2.31
    assert verdict_sentence(fifty_posts, celeb) == (
        "For $25,000, 50 micro posts from 50 influencers are expected to earn 60,000 engagements, 2.3× one "
        "celebrity post at $25,000 (26,000 engagements); the micro posts' 90% range is 55,000–65,000.")


def test_sentence_names_the_bands_of_a_plan_that_is_not_all_micro():
    # 46 micro posts at $500, 2 mid and 2 nano: 50 posts for $25,000, 1,200 engagements each = 60,000. A mixed plan
    # read "50 micro posts".
    bands = ["micro"] * 46 + ["mid", "mid", "nano", "nano"]
    frame = pd.DataFrame({"influencer": [f"@m{i}" for i in range(50)], "band": bands, "price": 500.0,
                          "exp_engagements": 1_200.0, "sd_engagements": 400.0})
    plan = plan_portfolio(frame, 25_000, max_posts_per_influencer=1)
    celeb = celebrity_option(25_000, 25_000, 5_000_000, 0.0052)
    assert verdict_sentence(plan, celeb) == (
        "For $25,000, 50 posts (46 micro, 2 mid, 2 nano) from 50 influencers are expected to earn 60,000 "
        "engagements, 2.3× one celebrity post at $25,000 (26,000 engagements); the plan's posts' 90% range is "
        "55,000–65,000.")


def test_sentence_celebrity_wins(fifty_posts):
    celeb = celebrity_option(25_000, 25_000, 5_000_000, 0.02)     # 100,000 engagements; / 60,000 = 1.67
    assert verdict_sentence(fifty_posts, celeb) == (
        "For $25,000, one celebrity post at $25,000 is expected to earn 100,000 engagements, 1.7× the "
        "60,000 engagements that 50 micro posts from 50 influencers are expected to earn; the micro posts' 90% "
        "range is 55,000–65,000.")


def test_sentence_budget_below_one_celebrity_post(fifty_posts):
    # Micro CPE 25,000 / 60,000 = $0.42; celebrity 30,000 / (5M x 0.52%) = 30,000 / 26,000 = $1.15.
    celeb = celebrity_option(25_000, 30_000, 5_000_000, 0.0052)
    assert verdict_sentence(fifty_posts, celeb) == (
        "For $25,000, 50 micro posts from 50 influencers are expected to earn 60,000 engagements at $0.42 per "
        "engagement; the budget does not buy one celebrity post ($30,000), whose benchmark is $1.15 per "
        "engagement; the micro posts' 90% range is 55,000–65,000.")


def test_sentence_says_when_the_celebrity_er_range_flips_the_verdict(fifty_posts):
    # 5M x 0.26%..2.08% = 13,000..104,000 engagements: the micro plan's 60,000 lies inside.
    celeb = celebrity_option(25_000, 12_500, 5_000_000, 0.0026, er_low=0.0013, er_high=0.0104)
    assert verdict_sentence(fifty_posts, celeb) == (
        "For $25,000, 50 micro posts from 50 influencers are expected to earn 60,000 engagements, 2.3× two "
        "celebrity posts at $12,500 each (26,000 engagements); the micro posts' 90% range is 55,000–65,000, the "
        "celebrity's 13,000–104,000 across engagement-rate sources, so the winner depends on which celebrity "
        "engagement rate is right.")


def test_sentence_without_candidates_or_affordable_posts():
    celeb = celebrity_option(100, 20_000, 5_000_000, 0.0166)
    empty = plan_portfolio(_candidates([]), 100)
    assert verdict_sentence(empty, celeb) == (
        "The data and filters hold no micro-influencer, so there is nothing to set against the celebrity's $0.24 "
        "per engagement at $20,000 a post.")         # $20,000 ÷ (5,000,000 × 1.66%)
    unpriced = plan_portfolio(_candidates([("@a", "instagram", "micro", 20_000, np.nan, 900.0, 0.0, np.nan),
                                           ("@b", "instagram", "micro", 30_000, 200.0, np.nan, 0.0, np.nan)]), 100)
    assert verdict_sentence(unpriced, celeb) == (
        "None of the 2 candidate micro-influencers has both a price and expected engagements, so there is nothing "
        "to set against the celebrity's $0.24 per engagement at $20,000 a post.")
    # with an ER range, the range as well as its middle (the middle alone read as a third celebrity figure)
    ranged = celebrity_option(100, 20_000, 5_000_000, 0.01, er_low=0.0033, er_high=0.0166)
    assert verdict_sentence(empty, ranged).endswith(
        "the celebrity's $0.40 ($0.24–$1.21 across engagement-rate sources) per engagement at $20,000 a post.")
    pricey = plan_portfolio(_candidates([("@a", "instagram", "micro", 20_000, 250.0, 900.0, 0.0, np.nan)]), 100)
    assert verdict_sentence(pricey, celeb) == (
        "No post from the 1 candidate micro-influencer fits a $100 budget; it does not buy a celebrity "
        "post either ($20,000 each).")
    with pytest.raises(ValueError):
        verdict_sentence(pricey, celebrity_option(25_000, 20_000, 5_000_000, 0.0166))


def test_unspent_budget_is_explained():
    # Budget $1,000, one post per influencer, nano capped at 20% ($200).
    #   a/instagram $100 → 1,000   a/tiktok $100 → 900 (same handle)   b $200 → 1,500
    #   n1 (nano) $150 → 1,000      n2 (nano) $100 → 600                d $600 → 100
    # Best: a/instagram + b + n1 = $450 for 3,500 (any plan with d earns at most 2,600; n2 instead of n1 earns
    # less). $550 is left: a/tiktok shares a's one post, nano has $50 of its $200 left for n2's $100, d costs $600.
    frame = _candidates([
        ("a", "instagram", "micro", 20_000, 100, 1000, 50, np.nan),
        ("a", "tiktok", "micro", 20_000, 100, 900, 50, np.nan),
        ("b", "instagram", "micro", 30_000, 200, 1500, 50, np.nan),
        ("n1", "instagram", "nano", 5_000, 150, 1000, 50, np.nan),
        ("n2", "instagram", "nano", 5_000, 100, 600, 50, np.nan),
        ("d", "instagram", "micro", 60_000, 600, 100, 50, np.nan),
    ])
    caps = {"nano": 0.2, "micro": 1.0}
    plan = plan_portfolio(frame, 1000, 1, caps)
    assert sorted(zip(plan.chosen["influencer"], plan.chosen["platform"])) == [
        ("a", "instagram"), ("b", "instagram"), ("n1", "instagram")]
    assert unspent_note(plan, frame, 1, caps) == (
        "$550 of the $1,000 budget is left: 4 of the 6 candidate accounts already have the most posts allowed "
        "(1 post per influencer), 1 of them because the same handle was bought on another platform; 1 is nano, "
        "whose 20% share of the budget is spent; 1 costs more than the $550 left. To spend it, raise 'Most posts "
        "per influencer' or raise nano's share.")
    # With three posts allowed the budget is spent: a/instagram ×3 ($300, 3,000) + b ×3 ($600, 4,500) + n2 ($100,
    # 600) = $1,000 for 8,100 (b ×2 + n2 ×2 instead earns 7,200), so there is nothing to explain.
    roomy = plan_portfolio(frame, 1000, 3, caps)
    assert (roomy.total_cost, roomy.exp_engagements) == (1000, 8100)
    assert unspent_note(roomy, frame, 3, caps) is None
    # Nothing bought: the verdict sentence already says why.
    assert unspent_note(plan_portfolio(frame, 50, 1, caps), frame, 1, caps) is None


def test_sentence_weighs_cost_per_engagement_when_the_budget_is_not_all_spent():
    # Two posts of $100 for 10,000 engagements each, one post per influencer: $200 of $25,000 is spent for 20,000
    # engagements ($0.010 each). One celebrity post at $20,000 to 5M followers: 50,000 engagements at ER 1%,
    # 15,000-83,000 at 0.3%-1.66%, i.e. $20,000 / 83,000 = $0.24 to $20,000 / 15,000 = $1.33 per engagement.
    frame = _candidates([("a", "instagram", "micro", 20_000, 100, 10_000, 500, np.nan),
                         ("b", "instagram", "micro", 30_000, 100, 10_000, 500, np.nan)])
    plan = plan_portfolio(frame, 25_000, 1)
    celeb = celebrity_option(25_000, 20_000, 5_000_000, 0.01, 0.003, 0.0166)
    # 99% of the budget unspent: the candidates ran out, so no winner by totals; per engagement instead
    assert verdict_sentence(plan, celeb) == (
        "For $25,000 ($200 spent), 2 micro posts from 2 influencers are expected to earn 20,000 engagements at $0.010 "
        "per engagement, under the celebrity's $0.24–$1.33 at $20,000 a post; $24,800 of the budget buys no further "
        "candidate post, while one celebrity post at $20,000 is expected to earn 50,000 engagements; the micro posts' 90% range is "
        "19,000–21,000, the celebrity's 15,000–83,000 across engagement-rate sources.")
    # the same plan had it spent all but 8% of the budget: the totals answer, and the clause weighs per engagement
    import dataclasses
    spent = dataclasses.replace(plan, total_cost=23_000.0)      # (CPE left as it was: only the money left differs)
    sentence = verdict_sentence(spent, celeb)
    assert "so the winner depends on which celebrity engagement rate is right" in sentence
    assert sentence.endswith("; per engagement, though, the micro posts cost $0.010 against the celebrity's "
                             "$0.24–$1.33, with $2,000 of the budget left.")
    # all but 1%: the totals compare like with like
    assert "per engagement" not in verdict_sentence(dataclasses.replace(plan, total_cost=24_800.0), celeb)
    # When the micro posts win on totals as well, the clause adds to the verdict instead of turning it: ten such
    # posts earn 100,000 engagements for $1,000, twice the celebrity's 50,000 (as if $23,500 were spent).
    many = _candidates([(f"m{i}", "instagram", "micro", 20_000, 100, 10_000, 500, np.nan) for i in range(10)])
    winning = verdict_sentence(dataclasses.replace(plan_portfolio(many, 25_000, 1), total_cost=23_500.0), celeb)
    assert "2.0× one celebrity post" in winning and "so the winner depends" not in winning
    assert winning.endswith("; per engagement, too, the micro posts cost $0.010 against the celebrity's "
                            "$0.24–$1.33, with $1,500 of the budget left.")


def test_the_left_out_sentence_counts_with_thousands_separators():
    from microlens.area_planner import Excluded, excluded_sentence

    # the real TikTok crawl with the influencer lists: thousands of accounts outside the portfolio's bands
    assert excluded_sentence(Excluded(band=1419, capped=1124, estimated=584)) == (
        "Left out of the portfolio (each account counted once, under the first of these reasons that applies): "
        "1,419 celebrity or under-1K accounts; 1,124 in bands set to 0% of the budget; 584 whose price is only "
        "estimated.")
    assert excluded_sentence(Excluded(viral=3)) == "Left out of the portfolio: 3 whose median ER is over 100% (viral)."
    assert excluded_sentence(Excluded()) == ""


def test_the_method_note_says_which_posts_the_plan_counts():
    from microlens.area_planner import posts_counted_note
    from microlens.filters import Filters

    assert "this plan counts every post, sponsored or not" in posts_counted_note(Filters())
    assert posts_counted_note(Filters(campaigns=("Spring Launch",))).endswith(
        "this plan counts only the posts of campaign 'Spring Launch'.")
    assert posts_counted_note(Filters(campaigns=("A", "B"))).endswith("the posts of campaigns 'A' and 'B'.")
