"""Planner ("fifty vs one"): what a budget buys from micro-influencers, against one celebrity post.

Candidates come from queries/planner_candidates.sql (one row per influencer and platform under the global
filters: price per post, median engagements per post and their spread). microlens.planner picks the posts that
maximise expected engagements within the budget, the per-influencer post cap and the band caps; the celebrity
side is the chosen celebrity benchmark (price, followers, engagement-rate sources) bought with the same budget.

Who may be in the portfolio, and why:
- the celebrity band is the other side of the comparison, and accounts under 1K followers are not what a
  brand books as influencers, so both are left out;
- an influencer whose price is only estimated from the rate card is left out unless estimates are included
  (then marked), because the plan would otherwise rest on a guessed price; they are included by default only
  when no candidate has a known price, so a user with none still gets a plan, labelled as at the estimates;
- accounts with an authenticity warning (microlens.flags) are left out by default: an optimiser that buys
  the most engagements per dollar goes straight for bought engagement.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field, replace

import pandas as pd

from . import area_campaigns, charts_campaigns, charts_cost
from . import bands as bands_mod
from . import benchmarks as bm
from . import flags, metrics, theme
from .charts_planner import build_comparison
from .area_cost import SAME_BASIS_CPE
from .area_influencers import viral
from .context import Context
from .filters import Filters
from .roster import Roster, match_key
from .export import Section
from .planner import (
    UNSPENT_SHARE,
    CelebrityOption,
    Plan,
    against_celebrity,
    all_micro,
    celebrity_option,
    celebrity_posts,
    plan_portfolio,
    plan_posts,
    unspent_note,
    verdict_sentence,
)
from .text import at_estimated_prices, counted, in_words

CANDIDATES_QUERY, FOLLOWER_CHECKS_QUERY = "planner_candidates", "follower_checks"
# one celebrity post at the brief's lowest price ($20,000): fifty vs one at the same spend (at $25,000 the
# celebrity side spent $20,000 of it and the micro side what it could)
DEFAULT_BUDGET = 20_000.0
DEFAULT_MAX_POSTS = 1
# The celebrity price slider's low end: the brief's $20,000 is the default, but benchmark sources on the Benchmarks
# page price a celebrity post from $2,500 (the grid's TikTok mega tier) and $3,138 (Klear's 'celebrity').
CELEBRITY_PRICE_FLOOR = 1_000.0
NOT_IN_PORTFOLIO = ("under 1K", "celebrity")
# The default mix is the brief's claim as stated, fifty *micro* influencers against one celebrity; the
# sliders open nano and mid-tier accounts.
DEFAULT_BAND_CAPS = {"nano": 0.0, "micro": 1.0, "mid": 0.0, "macro": 0.0}
ROSTER_STAGES = ("on roster", "trial post")


@dataclass(frozen=True)
class Settings:
    budget: float = DEFAULT_BUDGET
    max_posts: int = DEFAULT_MAX_POSTS
    band_caps: tuple[tuple[str, float], ...] = tuple(DEFAULT_BAND_CAPS.items())   # (band, largest budget share)
    include_estimated: bool | None = None   # None: only when no candidate has a known price (no_known_price)
    exclude_flagged: bool = True
    exclude_viral: bool = True
    viral_er: float = metrics.VIRAL_ER        # the median ER above which an account is skipped as viral
    celebrity_price: float | None = None      # None: the low end of the benchmark price range
    roster: tuple[tuple[str, str], ...] | None = None   # (handle key, platform key); None: everyone in the data

    def caps(self) -> dict[str, float]:
        return dict(self.band_caps)


@dataclass(frozen=True)
class CelebrityBenchmark:
    price_low: float
    price_high: float
    followers: float
    er: float                 # median of the chosen ER sources
    er_low: float
    er_high: float
    source: str               # citations of the price and ER records
    counts: str = ""          # what the chosen ERs count as an engagement, in words ('likes or likes + comments')


@dataclass
class Excluded:
    band: int = 0             # celebrity / under-1K accounts
    no_band: int = 0          # no follower count, so no band
    capped: int = 0           # in a band whose cap is 0% of the budget
    capped_bands: tuple[str, ...] = ()   # those bands that held some, in the scheme's order
    estimated: int = 0        # price only estimated (and estimates not included)
    no_price: int = 0
    flagged: int = 0          # authenticity warning
    viral: int = 0            # median ER over viral_er
    off_roster: int = 0
    no_engagements: int = 0   # no engagement figures to expect a post to earn (or none earned)
    viral_er: float = metrics.VIRAL_ER   # the line the plan skipped viral accounts at (Settings.viral_er)


@dataclass
class PlannerResult:
    settings: Settings
    candidates: pd.DataFrame           # the portfolio candidates the plan chose from
    excluded: Excluded
    plan: Plan
    celebrity: CelebrityOption
    benchmark: CelebrityBenchmark
    sentence: str
    portfolio: pd.DataFrame            # the chosen posts with the candidates' details
    notes: list[str] = field(default_factory=list)
    alike: CountedAlike | None = None  # the comparison counted like for like, where the celebrity's ERs count fewer


def portfolio_bands(scheme) -> list[str]:
    """The band names of a scheme that can be in the portfolio, smallest first."""
    return [b.name for b in scheme if b.name not in NOT_IN_PORTFOLIO]


def default_caps(bands: list[str]) -> dict[str, float]:
    return {b: DEFAULT_BAND_CAPS.get(b, 0.0) for b in bands}


def no_known_price(frame: pd.DataFrame, bands: list[str]) -> bool:
    """No account in the portfolio's bands has a price someone asked or was paid (frame: the candidates query): a
    crawl or a list without prices, where the plan can only be at the rate card's estimates."""
    in_bands = frame["band"].isin(bands)
    known = frame["price"].notna() & ~frame["price_estimated"].fillna(False).astype(bool)
    return not (in_bands & known).any()


def candidates(ctx: Context, jumps_of: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every influencer and platform under the filters, with its authenticity flags (authenticity_flags: a
    short summary, '' when none; flag_severity: 'warning', 'info' or missing). jumps_of: the handles whose
    follower jumps are checked (empty: every account's), the other checks weighing each account against all."""
    frame = ctx.query(CANDIDATES_QUERY)
    if frame.empty:
        return frame.assign(authenticity_flags=pd.Series(dtype=object), flag_severity=pd.Series(dtype=object))
    raised = flags.all_flags(frame[["influencer", "platform", "band", "median_er"]],
                             frame[["influencer", "platform", "likes", "comments"]],
                             ctx.query(FOLLOWER_CHECKS_QUERY, influencers=list(jumps_of), **flags.JUMP_RULE))
    summary = flags.flags_summary(raised).rename(columns={"flags_summary": "authenticity_flags",
                                                          "severity": "flag_severity"})
    out = frame.merge(summary, on=["influencer", "platform"], how="left")
    out["authenticity_flags"] = out["authenticity_flags"].fillna("")
    return out


def roster_keys(entries: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """(handle, platform) match keys of roster entries; platform '' = the entry covers every platform.

    Handles in loaded data are lower case without '@' (ingest's ml_handle), so roster handles are matched the
    same way."""
    return tuple(sorted({match_key(i, p) for i, p in zip(entries["influencer"], entries["platform"])}))


def load_roster_keys(path=None) -> tuple[tuple[str, str], ...]:
    """Keys of the roster entries at stage 'on roster' or 'trial post' (roster file errors propagate)."""
    return roster_keys(Roster(path).entries(ROSTER_STAGES))


def select(frame: pd.DataFrame, settings: Settings, bands: list[str]) -> tuple[pd.DataFrame, Excluded]:
    """The candidates the plan may choose from, and how many were left out for each reason (in this order)."""
    excluded = Excluded()
    keep = frame["band"].isin(bands)
    excluded.no_band = int(frame["band"].isna().sum())
    excluded.band = int((~keep).sum()) - excluded.no_band
    # A band capped at 0% cannot take a post: its accounts are not candidates (the plan is the same, and the
    # sentence's count of candidates stays honest).
    closed = [band for band, share in settings.band_caps if share <= 0]
    excluded.capped = int((keep & frame["band"].isin(closed)).sum())
    excluded.capped_bands = tuple(b for b in bands if b in closed and (keep & (frame["band"] == b)).any())
    keep &= ~frame["band"].isin(closed)
    if settings.roster is not None:
        on_roster = _on_roster(frame, settings.roster)
        excluded.off_roster = int((keep & ~on_roster).sum())
        keep &= on_roster
    # (the plan can buy neither a post at $0, a gift, nor one expected to earn nothing: they were dropped unsaid)
    no_price = ~(frame["price"] > 0)
    excluded.no_price = int((keep & no_price).sum())
    keep &= ~no_price
    no_engagements = ~(frame["exp_engagements"] > 0)
    excluded.no_engagements = int((keep & no_engagements).sum())
    keep &= ~no_engagements
    estimated = frame["price_estimated"].fillna(False).astype(bool)
    if not settings.include_estimated:
        excluded.estimated = int((keep & estimated).sum())
        keep &= ~estimated
    if settings.exclude_flagged:
        warned = frame["flag_severity"] == flags.WARNING
        excluded.flagged = int((keep & warned).sum())
        keep &= ~warned
    if settings.exclude_viral:
        # as the Influencers shortlist does: the plan expects a new post to earn the account's median, and a crawl
        # of trending posts (one 11.5M-view video of a 95K account) promised "664× one celebrity post"
        gone_viral = frame["median_er"] > settings.viral_er
        excluded.viral, excluded.viral_er = int((keep & gone_viral).sum()), settings.viral_er
        keep &= ~gone_viral
    return frame[keep].reset_index(drop=True), excluded


def _on_roster(frame: pd.DataFrame, keys: tuple[tuple[str, str], ...]) -> pd.Series:
    exact = set(keys)
    any_platform = {handle for handle, platform in keys if platform == ""}
    return pd.Series([(h, p) in exact or h in any_platform
                      for h, p in zip(frame["influencer"].str.lower(), frame["platform"].str.lower())],
                     index=frame.index, dtype=bool)


def roster_missing(pool: pd.DataFrame, keys: tuple[tuple[str, str], ...]) -> list[str]:
    """Roster entries (handle, or handle on platform) with no row among the portfolio candidates."""
    present = set(zip(pool["influencer"].str.lower(), pool["platform"].str.lower()))
    handles = {h for h, _ in present}
    return [f"{h} on {p}" if p else h for h, p in keys
            if ((h, p) not in present if p else h not in handles)]


# What an engagement counts, as the chart under the Planner's bars says it: the data's, and an ER's numerator
ALL_PARTS = "likes + comments + shares + saves"
NUMERATOR_WORDS = {"likes": "likes", "likes+comments": "likes + comments",
                   "likes+comments+shares": "likes + comments + shares", "likes+comments+shares+saves": ALL_PARTS,
                   "unstated": "engagements as each source counts them"}


def celebrity_benchmark(ctx: Context) -> CelebrityBenchmark:
    """One celebrity post as the benchmark defines it: price range, followers, ER (median and range of sources)."""
    prices, ers, followers = ctx.celebrity()
    spans = [bm.price_range_at(p, followers) for p in prices]
    values = [r.er for r in ers]
    source = "; ".join([p.citation for p in prices] + [r.citation for r in ers]) + f" | {followers:,.0f} followers"
    counts = " or ".join(NUMERATOR_WORDS[n] for n in bm.NUMERATORS if any(r.numerator == n for r in ers))
    return CelebrityBenchmark(price_low=min(lo for lo, _ in spans), price_high=max(hi for _, hi in spans),
                              followers=followers, er=float(statistics.median(values)),
                              er_low=min(values), er_high=max(values), source=source, counts=counts)


def run(ctx: Context, settings: Settings = Settings()) -> PlannerResult:
    """Plan the portfolio, price the celebrity option and say which wins, for these settings."""
    all_candidates = candidates(ctx)
    bands = portfolio_bands(ctx.filters.band_scheme)
    if settings.include_estimated is None:
        settings = replace(settings, include_estimated=no_known_price(all_candidates, bands))
    pool, excluded = select(all_candidates, settings, bands)
    at_estimates = not pool.empty and bool(pool["price_estimated"].all())
    caps = {b: s for b, s in settings.caps().items() if b in bands}
    plan = plan_portfolio(pool.assign(posts_on_record=pool["posts"]), settings.budget, settings.max_posts, caps)
    bench = celebrity_benchmark(ctx)
    price = bench.price_low if settings.celebrity_price is None else settings.celebrity_price
    celeb = celebrity_option(settings.budget, price, bench.followers, bench.er, bench.er_low, bench.er_high)
    notes = []
    if at_estimates:
        notes.append(f"No candidate has a known price (a listed price or fees paid), so every price here is the rate "
                     f"card's estimate ({theme.money(ctx.filters.rate_per_1k, 2)} per 1,000 followers): the plan "
                     "shows what the budget buys at that rate, not at prices anyone quoted.")
    if not plan.optimal:
        notes.append(f"The solver stopped at its time limit: the best plan earns at most {plan.gap:.1%} more.")
    if plan.reach_posts:
        celeb_reach = (f" The celebrity posts reach at most their {celeb.reach:,.0f} followers." if celeb.posts
                       else "")
        notes.append(f"Reach, summed over the {plan.reach_posts:,} of {plan.posts:,} chosen posts whose influencer's "
                     f"posts report it (median reach per post; audiences may overlap): {plan.exp_reach:,.0f}. No "
                     f"reach rate is assumed for the others.{celeb_reach}")
    if bm.mixes_instagram(plan.chosen["platform"]):     # (the note itself is the comparison's, in every export)
        notes.append(bm.PLATFORM_FILTER_HINT)
    if unspent := unspent_note(plan, pool, settings.max_posts, caps):
        notes.append(unspent)
    if viral := viral_note(plan, pool):
        notes.append(viral)
    alike = counted_alike(plan, pool, celeb, ctx.celebrity()[1])
    if alike is None and (basis := basis_note(ctx.celebrity()[1])):
        notes.append(basis)
    if plan.sd_unknown_posts:
        notes.append(f"{plan.sd_unknown_posts} chosen posts come from influencers with fewer than two posts: their "
                     "spread is estimated from the other candidates.")
    sentence = verdict_sentence(plan, celeb, after_alike=alike is not None)
    if alike is not None:
        # counted alike first: the totals set the plan's four parts of an engagement against celebrity rates that
        # count fewer, and "3.9× one celebrity post" led a slide beside Cost vs celebrity's "2.2× cheaper" per like
        sentence = f"{alike_sentence(alike, plan)}; {counting_every_part(alike)}{sentence[0].lower()}{sentence[1:]}"
    if at_estimates:
        # its answer says what it rests on; the page's note says what the rate card makes of it (a caveat here too
        # took a crawl's slide past the foot of a 720-px projector)
        sentence = at_estimated_prices(sentence, rate_card_only=True)
    if caveat := thin_evidence(plan, pool):
        # said in the answer too: the slide's headline is what a client remembers ("33× one celebrity post"), and
        # the caveat after it is small print
        sentence = f"{THIN_EVIDENCE}{sentence[0].lower()}{sentence[1:].rstrip('.')}; {caveat}."
    return PlannerResult(settings, pool, excluded, plan, celeb, bench, sentence, portfolio_table(plan, pool), notes,
                         alike)


def viral_note(plan: Plan, pool: pd.DataFrame) -> str | None:
    """A warning when the chosen accounts' posts earn more engagements than they have followers (a crawl of
    trending posts): the plan expects a new post to earn each account's median, which such posts overstate."""
    chosen = pool.merge(plan.chosen[["influencer", "platform"]], on=["influencer", "platform"])
    middle = chosen["median_er"].median()
    if not middle > metrics.VIRAL_ER:
        return None
    return (f"The chosen accounts' posts earn more engagements than they have followers (middle account's ER "
            f"{theme.percent(middle, 0)}): posts picked for going viral, most likely. The plan expects a new post to "
            "earn as much, which it will rarely do; treat the micro side as a best case.")


THIN_EVIDENCE = "On thin evidence: "


def thin_evidence(plan: Plan, pool: pd.DataFrame) -> str:
    """What the expected engagements rest on where it is thin, for the finding itself (it travels to a slide without
    the page's notes): chosen accounts whose median ER nears or passes the viral line, and a plan whose accounts are
    mostly known from one post. On a crawl, "43 micro posts … 40× one celebrity post" rested on accounts at 61-100%
    ER, 40 of them with one post, while the shortlist slide warned of the same accounts."""
    chosen = pool.merge(plan.chosen[["influencer", "platform"]], on=["influencer", "platform"])
    if chosen.empty:
        return ""
    parts = []
    middle = chosen["median_er"].median()
    if middle > metrics.NEAR_VIRAL_ER:
        where = "past" if middle > metrics.VIRAL_ER else "near"
        parts.append(f"the chosen accounts' median ER of {theme.percent(middle, 0)} is {where} the "
                     f"{theme.percent(metrics.VIRAL_ER, 0)} at which an account counts as viral, which a new post "
                     "rarely matches")
    single = int((chosen["posts"].fillna(0) <= 1).sum())
    if single > len(chosen) / 2:
        which = ({1: "the one account is", 2: "both accounts are"}.get(single, f"all {single} accounts are")
                 if single == len(chosen) else f"{single} of the {len(chosen)} accounts are")
        parts.append(f"{which} known from a single post (or a list's average)")
    return "; ".join(parts)


# A celebrity ER that counts fewer parts of an engagement, and the candidates' expected engagements counted so
# (queries/planner_candidates.sql); an ER that counts every part (or does not say) is set against exp_engagements.
# (named as Cost vs celebrity names them, whose like-for-like figure this one matches)
PART_COLUMNS = {numerator: (column, SAME_BASIS_CPE[numerator][1])
                for numerator, column in (("likes", "exp_likes"), ("likes+comments", "exp_likes_comments"))}


@dataclass(frozen=True)
class CountedAlike:
    """The plan's CPE against the celebrity's at the planned price, each counting the parts of an engagement that
    one chosen celebrity ER counts: the pair least favourable to the portfolio."""
    micro_cpe: float
    celebrity_cpe: float
    basis: str              # 'likes only', 'likes + comments'

    @property
    def multiple(self) -> float:
        return self.celebrity_cpe / self.micro_cpe

    @property
    def words(self) -> tuple[str, str]:
        """(its unit, 'per like', and the parts it leaves out, 'comments, shares and saves'; '' for none)"""
        return charts_cost.BASIS_WORDS.get(self.basis, ("per engagement", ""))


def counted_alike(plan: Plan, pool: pd.DataFrame, celeb: CelebrityOption, ers) -> CountedAlike | None:
    """The comparison counted like for like, when some chosen celebrity ER counts fewer parts than the plan's
    engagements (likes + comments + shares + saves): a like rate set against all four favoured the portfolio, and
    the Planner's "3.9x one celebrity post" stood beside Cost vs celebrity's "2.2x cheaper", counted per like.
    A chosen account that reports none of those parts counts them at the plan's share of its engagements; None
    when no chosen account reports them (basis_note then says the comparison favours the portfolio)."""
    if plan.posts == 0 or not any(r.numerator in PART_COLUMNS for r in ers):
        return None
    chosen = pool.drop(columns="posts").merge(plan.chosen[["influencer", "platform", "posts"]],
                                              on=["influencer", "platform"])
    pairs = []
    for r in ers:
        column, basis = PART_COLUMNS.get(r.numerator, ("exp_engagements", ""))
        parts = pd.to_numeric(chosen[column], errors="coerce")
        known = parts.notna()
        if not known.any():
            return None
        share = (parts[known] * chosen["posts"][known]).sum() / (chosen["exp_engagements"][known]
                                                               * chosen["posts"][known]).sum()
        counted_parts = (parts.where(known, chosen["exp_engagements"] * share) * chosen["posts"]).sum()
        if counted_parts > 0:
            pairs.append(CountedAlike(plan.total_cost / counted_parts,
                                      metrics.post_cpe(celeb.price, celeb.followers, r.er), basis))
    return min(pairs, key=lambda p: p.multiple) if pairs else None


def alike_sentence(alike: CountedAlike, plan: Plan) -> str:
    """'Per like, the plan's 117 micro posts cost $0.11 against the closest celebrity benchmark's $0.24: 2.2× cheaper'
    (or dearer): the finding's answer, and so a slide's headline, where a celebrity ER counts fewer parts; in Cost vs
    celebrity's words, the sources named in the notes (with the source here, a crawl's Planner slide ran past a
    720-px screen). The plan's posts by name: beside Cost vs celebrity's "the median micro-influencer costs $0.021 per
    like, 11× cheaper", a bare "the micro posts … 14× cheaper" read as the same question answered twice."""
    return (f"{alike.words[0].capitalize()}, the plan's {plan_posts(plan)} cost {theme.money(alike.micro_cpe)} against the "
            f"closest celebrity benchmark's {theme.money(alike.celebrity_cpe)}: {alike_verdict(alike)}")


def alike_verdict(alike: CountedAlike) -> str:
    ratio = alike.multiple
    return (theme.how_much(ratio, "cheaper", smaller=True) if ratio >= 1
            else theme.how_much(1 / ratio, "dearer", smaller=False))


def counting_every_part(alike: CountedAlike) -> str:
    """What the totals after the like-for-like answer count that the celebrity's rates do not ('counting comments,
    shares and saves too, ')."""
    rest = alike.words[1]
    return f"counting {rest} too, " if rest else ""


def basis_note(ers) -> str | None:
    """When the celebrity's engagement rates count fewer parts of an engagement than the portfolio's (all four), a
    sentence saying so: the comparison then favours the portfolio (Cost vs celebrity shows it counted alike)."""
    fewer = [r for r in ers if r.numerator in bm.COUNTS_FEWER_PARTS]
    if not fewer:
        return None
    named = "; ".join(f"{r.source} {bm.year_text(r.year)}: {r.numerator.replace('+', ' + ')}" for r in fewer)
    return ("The celebrity's engagement rates count fewer parts of an engagement than the portfolio's likes, "
            f"comments, shares and saves ({named}), which favours the portfolio; Cost vs celebrity compares them "
            "counted alike.")


def no_candidates_reason(result: PlannerResult, band_filter: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """Why the plan has no candidate, when one of the plan's own settings, the sidebar's `band_filter` or the data's
    bands is the reason: (what is so, said of the data for a report, and the step that changes it); None otherwise."""
    excluded, settings = result.excluded, result.settings
    later = (excluded.off_roster + excluded.no_price + excluded.no_engagements + excluded.estimated + excluded.flagged
             + excluded.viral)
    if excluded.band and not (excluded.capped or later):
        outside = excluded.band + excluded.no_band
        if band_filter and set(band_filter) <= set(NOT_IN_PORTFOLIO):
            return (f"The sidebar's band filter keeps {in_words(list(band_filter))} accounts only, which the plan "
                    "does not buy from: it buys from the bands between them and sets them against one celebrity "
                    "post.", "Choose other bands under 'Follower band' in the sidebar.")
        # a list of top accounts was told to widen filters that were at their defaults, the reason on the line below
        return (f"{'The one influencer' if outside == 1 else f'All {outside:,} influencers'} in the data and filters "
                f"{'is a' if outside == 1 else 'are'} celebrity or under-1K account{'' if outside == 1 else 's'}"
                + (" or without a follower count" if excluded.no_band else "")
                + ": the plan buys posts from the bands between them and sets them against one celebrity post.",
                "Load posts or an influencer list with smaller accounts to plan with them.")
    if excluded.capped and not later:
        # the sidebar's mid band beside the plan's 0% for mid read "no influencers with a price … in the filters",
        # with 31 priced mid accounts there
        closed = list(excluded.capped_bands)
        return (f"The {counted(excluded.capped, 'influencer')} in the filters {'is' if excluded.capped == 1 else 'are'}"
                f" in {'a band' if len(closed) == 1 else 'bands'} the plan gives 0% of the budget "
                f"({in_words(closed)}).", "Raise that share under 'Band mix' to plan with them.")
    if excluded.flagged and settings.exclude_flagged:
        return (f"Every influencer with a price carries an authenticity warning ({excluded.flagged:,}).",
                "Untick 'Skip flagged accounts' to plan with them anyway.")
    if excluded.viral and settings.exclude_viral:
        return (f"Every influencer left has a median ER over {theme.percent(excluded.viral_er, 0)} "
                f"({excluded.viral:,}, viral posts).",
                "Raise that line or untick 'Skip viral accounts' to plan with them as a best case.")
    if excluded.estimated and not settings.include_estimated:
        return (f"No influencer the plan could buy from has a known price (a listed price or fees paid): all "
                f"{excluded.estimated:,} have only the rate card's estimate, and the plan counts known prices only.",
                "Tick 'Include estimated prices' to plan at the estimates, or load an influencer list with prices "
                "or campaigns with fees.")
    return None


# "posts_to_buy", not "posts": beside the Influencers table's posts (on record) a slide's "Posts" read as a count of
# past posts, and the plan's accounts often have one or none on record. What the plan is judged by first: slides and
# presenter mode show the first 8 columns, and they had left out the expected engagements the title is about
PORTFOLIO_COLUMNS = ["influencer", "platform", "band", "followers", "exp_engagements", "cost", "price", "price_basis",
                     "posts_to_buy", "engagements_per_post", "sd_engagements", "median_er", "posts_on_record",
                     "exp_reach", "authenticity_flags"]


def portfolio_table(plan: Plan, pool: pd.DataFrame) -> pd.DataFrame:
    """The chosen posts, one row per influencer and platform, with where each price and estimate comes from."""
    details = pool[["influencer", "platform", "followers", "price", "price_basis", "exp_engagements",
                    "sd_engagements", "median_er", "posts", "exp_reach", "authenticity_flags"]].rename(
        columns={"exp_engagements": "engagements_per_post", "posts": "posts_on_record"})
    table = plan.chosen.rename(columns={"posts": "posts_to_buy"}).merge(details, on=["influencer", "platform"],
                                                                      how="left")
    return table[PORTFOLIO_COLUMNS]


def portfolio_name(plan) -> str:
    """What the cards and the chart call the plan: 'Micro portfolio' unless it buys from other bands too."""
    return "Micro portfolio" if all_micro(plan) else "Portfolio across bands"


def comparison_frame(result: PlannerResult) -> pd.DataFrame:
    """The chart's data: expected engagements of each side with its range, cost and CPE, and (counts), where the
    celebrity's ERs count fewer parts of an engagement than the plan's, what each side's engagements count: the
    bars of 193.4K and 49.8K stood under a title of 2.2× cheaper per like, and read as 3.9×."""
    plan, celeb = result.plan, result.celebrity
    low, high = plan.interval
    counts = (ALL_PARTS, result.benchmark.counts) if result.alike is not None else ("", "")
    return pd.DataFrame([
        {"option": f"{portfolio_name(plan)}: {plan.posts:,} posts from {plan.influencers:,} influencers",
         "posts": plan.posts, "cost": plan.total_cost, "exp_engagements": plan.exp_engagements,
         "engagements_low": low, "engagements_high": high, "range": f"{plan.level:.0%} range, post-to-post variation",
         "cpe": plan.cpe, "cpe_low": plan.total_cost / high if high > 0 else math.nan,
         "cpe_high": plan.total_cost / low if low > 0 else math.nan, "counts": counts[0]},
        {"option": f"Celebrity: {celeb.posts:,} post{'s' if celeb.posts != 1 else ''} at {theme.money(celeb.price)}",
         "posts": celeb.posts, "cost": celeb.cost, "exp_engagements": celeb.exp_engagements,
         "engagements_low": celeb.engagements_low, "engagements_high": celeb.engagements_high,
         "range": "across engagement-rate sources", "cpe": celeb.cpe, "cpe_low": celeb.cpe_low,
         "cpe_high": celeb.cpe_high, "counts": counts[1]},
    ])


def compares_per_engagement(result: PlannerResult) -> bool:
    """The candidates ran out with much of the budget unspent: totals would set part of the budget against all of
    it ("$4,500 spent · 27,438 engagements" under a bar shorter than the celebrity's, beside a finding that the
    micro posts are cheaper), so the title and the chart compare cost per engagement."""
    plan = result.plan
    return plan.posts > 0 and result.celebrity.posts > 0 and \
        plan.budget - plan.total_cost > UNSPENT_SHARE * plan.budget


def comparison_title(result: PlannerResult) -> str:
    plan, celeb = result.plan, result.celebrity
    budget = theme.money(plan.budget)
    if plan.posts == 0:
        return f"{budget} buys no micro-influencer post from the candidates"
    micro = f"{theme.count(plan.exp_engagements)} engagements from {plan_posts(plan)}"
    if celeb.posts == 0:
        return f"{budget}: {micro}; not enough for one celebrity post ({theme.money(celeb.price)})"
    if compares_per_engagement(result):
        return (f"{budget} ({theme.money(plan.total_cost)} spent): {micro} at {theme.money(plan.cpe)} per "
                f"engagement, {against_celebrity(plan, celeb)}")
    ratio = plan.exp_engagements / celeb.exp_engagements if celeb.exp_engagements else math.inf
    celeb_text = (f"{theme.count(celeb.exp_engagements)} from {celeb.posts} celebrity "
                  f"post{'s' if celeb.posts > 1 else ''}")
    if result.alike is not None:
        # the totals count more parts on the micro side: the multiple said is the one counted alike
        # ...against the closest benchmark, which is not the bars' celebrity post (the middle of the chosen ERs):
        # "2.2× cheaper" over bars of $0.095 and $0.40 an engagement read as a sum gone wrong
        return (f"{budget}: {micro} against {celeb_text}; {result.alike.words[0]}, {alike_verdict(result.alike)} "
                "than the closest celebrity benchmark")
    if ratio >= 1:
        return f"{budget}: {micro}, {theme.times_as_many(ratio)} the {celeb_text}"
    return f"{budget}: {celeb_text}, {theme.times_as_many(1 / ratio)} the {micro}"


def kpis(result: PlannerResult) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """(label, value, help) of the micro portfolio cards and of the celebrity cards."""
    plan, celeb, bench = result.plan, result.celebrity, result.benchmark
    low, high = plan.interval
    range_text = (f"{plan.level:.0%} range {low:,.0f}–{high:,.0f}: the spread of what the posts may earn around "
                  "their medians, posts treated as independent." if math.isfinite(low) else
                  "No range: no candidate has two or more posts to measure a spread from.")
    micro = [
        ("Posts", f"{plan.posts:,}", f"Up to {result.settings.max_posts} per influencer; "
                                     f"{theme.money(plan.total_cost)} of {theme.money(plan.budget)} spent."),
        ("Influencers", f"{plan.influencers:,}", f"Chosen from {plan.candidates:,} candidates."),
        ("Expected engagements", theme.count(plan.exp_engagements), range_text),
        # "expected": money spent over what the posts should earn, not the catalog's CPE of posts already paid for
        ("Cost per expected engagement", theme.money(plan.cpe), "Money spent ÷ expected engagements."),
    ]
    # to three significant digits: 5,000,000 × "1.00%" is not the card's 49.8K, × 0.995% is
    er_digits = max(2, 2 - math.floor(math.log10(bench.er * 100))) if bench.er > 0 else 2
    er_text = (f"{bench.followers:,.0f} followers × ER {bench.er:.{er_digits}%} (median of the chosen sources; "
               f"{bench.er_low:.2%}–{bench.er_high:.2%} across them).")
    # a budget under one celebrity post buys none: "0 engagements" beside a CPE read as a celebrity who earns
    # nothing; the engagements one post would earn, said as such
    one_post = celeb.exp_engagements if celeb.posts else celeb.followers * celeb.er
    celebrity = [
        ("Celebrity posts", f"{celeb.posts:,}", f"{theme.money(celeb.price)} per post; the benchmark price range is "
                                                f"{theme.money(bench.price_low)}–{theme.money(bench.price_high)}."
                                                + ("" if celeb.posts else " The budget does not buy one.")),
        ("Expected engagements" if celeb.posts else "One post would earn", theme.count(one_post),
         f"{er_text} Range {celeb.engagements_low:,.0f}–{celeb.engagements_high:,.0f}." if celeb.posts else
         f"{er_text} The budget buys no post: these are the engagements of one, for scale."),
        # at the price chosen here: beside the Cost vs celebrity page's range over the benchmark's whole price
        # range ($0.24–$6.06), a bare "$0.40" read as a third celebrity CPE
        (f"Cost per engagement at {theme.money(celeb.price)} a post", theme.money(celeb.cpe),
         f"This plan's celebrity post: the chosen price ÷ its expected engagements (followers × ER); "
         f"{theme.money(celeb.cpe_low)}–{theme.money(celeb.cpe_high)} across the ER sources at that price. The "
         "Cost vs celebrity page's range spans the benchmark's whole price range."),
    ]
    return micro, celebrity


def excluded_reasons(excluded: Excluded) -> list[tuple[str, int]]:
    """(why, how many accounts) for each reason an account is left out of the portfolio."""
    return [("celebrity or under-1K accounts", excluded.band),
            ("without a follower count (so no band)", excluded.no_band),
            ("in bands set to 0% of the budget", excluded.capped),
            ("not on the roster (stage 'on roster' or 'trial post')", excluded.off_roster),
            ("without a price (or at $0)", excluded.no_price),
            ("without engagement figures to expect", excluded.no_engagements),
            ("whose price is only estimated", excluded.estimated),
            ("with an authenticity warning", excluded.flagged),
            (f"whose median ER is over {theme.percent(excluded.viral_er, 0)} (viral)", excluded.viral)]


def excluded_sentence(excluded: Excluded) -> str:
    """Each reason counts only the accounts the reasons before it left in, so the viral count here is smaller than
    the Overview's (which counts every band and price): the sentence says so when it names more than one."""
    parts = [f"{count:,} {reason}" for reason, count in excluded_reasons(excluded) if count]
    if not parts:
        return ""
    return ("Left out of the portfolio" + (" (each account counted once, under the first of these reasons that "
                                           "applies)" if len(parts) > 1 else "") + ": " + "; ".join(parts) + ".")


def sales_projection(portfolio: pd.DataFrame, celeb: CelebrityOption, per_band: pd.DataFrame) -> str:
    """The plan and the celebrity option in revenue, at what $1 brought back in each band of the loaded sales
    campaigns (per_band: area_campaigns.by_band): a projection from past coupon-code sales, said as such. '' when
    those campaigns have no return for the celebrity band or for a band the portfolio spends in."""
    returns = charts_campaigns.sales_by_band(per_band).set_index("band")["roas"]
    spend = portfolio.groupby("band")["cost"].sum()
    spend = spend[spend > 0]
    if spend.empty or bands_mod.CELEBRITY not in returns or not set(spend.index) <= set(returns.index):
        return ""
    used = [*spend.index, bands_mod.CELEBRITY]
    rates = ", ".join(f"{b} {theme.money(returns[b])}" for b in dict.fromkeys(used))
    micro = float((spend * returns[spend.index]).sum())
    text = (f"At what $1 brought back in your sales campaigns ({rates}), the portfolio's "
            f"{theme.money(float(spend.sum()))} would bring in about {theme.money(micro, 0)}")
    if celeb.posts:
        text += (f"; {celebrity_posts(celeb)}, about {theme.money(celeb.cost * returns[bands_mod.CELEBRITY], 0)}")
    return text + ". A projection from past coupon-code sales, not a forecast."


def projection(ctx: Context, result: PlannerResult) -> str:
    """sales_projection for this result from the loaded campaigns ('' without campaigns with sales), with the
    Campaigns page's warning when the date range cuts contracts short (their return reads low here too)."""
    evidence = area_campaigns.band_evidence(ctx)
    if not evidence:
        return ""
    per_band, date_cut = evidence
    text = sales_projection(result.portfolio, result.celebrity, per_band)
    return f"{text} {date_cut}" if text and date_cut else text


def portfolio_finding(result: PlannerResult) -> str:
    """What the portfolio buys, with the caveats the comparison leads with (the rate card's prices, thin evidence)
    and the budget where much of it is left: quoted alone, as the answer's "What does the budget buy?", "3 micro
    posts … for $2,522" hid a $20,000 budget and a plan on 85%-ER accounts at guessed prices."""
    plan = result.plan
    if plan.posts == 0:
        return "No micro-influencer post fits the budget"
    budget = result.settings.budget
    of = f" of {theme.money(budget)}" if budget - plan.total_cost > 0.01 * budget else ""
    sentence = (f"{plan_posts(plan)} from {plan.influencers:,} influencers for {theme.money(plan.total_cost)}{of}: "
                f"{theme.money(plan.cpe)} per expected engagement")
    if not result.candidates.empty and bool(result.candidates["price_estimated"].all()):
        sentence = at_estimated_prices(sentence, rate_card_only=True)
    if thin_evidence(plan, result.candidates):
        sentence = f"{THIN_EVIDENCE}{sentence[0].lower()}{sentence[1:]}"
    return sentence


METHOD_NOTE = ("Expected engagements per post = the influencer's median engagements per post in the current "
               "filters (an influencer list without posts: its average). The plan maximises expected "
               "engagements within the budget, the post cap and the band caps: the best mix, worked out exactly, "
               "not picked by a rule of thumb such as cheapest first.")


def posts_counted_note(filters: Filters) -> str:
    """Which posts the expected engagements come from. Said as a fact of this plan, not as a step in the app: the
    sentence travels into a client's deck, where 'pick a campaign in the sidebar' meant nothing."""
    penalty = "Sponsored posts tend to earn less than organic ones (Mavrck's branded-content penalty)"
    if filters.campaigns:
        which = "campaigns" if len(filters.campaigns) > 1 else "campaign"
        named = in_words([f"'{c}'" for c in filters.campaigns])
        return f"{penalty}: this plan counts only the posts of {which} {named}."
    return f"{penalty}; this plan counts every post, sponsored or not, so a sponsored post may earn less than expected."


# "Many", not "Fifty": a slide headed "Fifty vs one" went on to count 117 posts
COMPARISON_TITLE = "Many vs one"


def sections(ctx: Context, settings: Settings = Settings()) -> list[Section]:
    """The fifty-vs-one comparison (at the default budget of $20,000 unless `settings` say otherwise) and
    the chosen portfolio."""
    return result_sections(ctx, run(ctx, settings))


def result_sections(ctx: Context, result: PlannerResult) -> list[Section]:
    settings = result.settings
    bands = portfolio_bands(ctx.filters.band_scheme)     # the caps of bands this scheme has, not of others
    budget_note = (f"Budget {theme.money(settings.budget)}, up to {counted(settings.max_posts, 'post')} per "
                   "influencer, "
                   f"band caps {', '.join(f'{b} {s:.0%}' for b, s in settings.band_caps if b in bands)}. ")
    sql = ctx.sql(CANDIDATES_QUERY)
    if result.plan.candidates == 0:
        # the report's answer to its own question says why there is none (the section was left out unsaid)
        left_out = pd.DataFrame([(reason, count) for reason, count in excluded_reasons(result.excluded) if count],
                                columns=["left_out", "accounts"])
        # the page's own reason first ("2 have only the rate card's estimate"): the deck has no warning box
        return [Section("planner_comparison", f"{COMPARISON_TITLE}: {theme.money(settings.budget)}",
                        reason[0] if (reason := no_candidates_reason(result, ctx.filters.bands)) else result.sentence,
                        None, left_out,
                        budget_note + excluded_sentence(result.excluded), sql)]
    frame = comparison_frame(result)
    title = comparison_title(result)
    if result.sentence.startswith(THIN_EVIDENCE):   # the chart travels alone as a PNG, its title with it
        title += " (on thin evidence)"
    return [
        Section("planner_comparison", f"{COMPARISON_TITLE}: {theme.money(settings.budget)}", result.sentence,
                build_comparison(frame, title, compares_per_engagement(result)), frame,
                " ".join(filter(None, [bm.instagram_only_note(result.plan.chosen["platform"], "the portfolio"),
                                       budget_note + "Celebrity: " + result.benchmark.source + ".", METHOD_NOTE,
                                       posts_counted_note(ctx.filters), projection(ctx, result)])), sql),
        Section("planner_portfolio", f"The {portfolio_name(result.plan).lower()}", portfolio_finding(result), None,
                result.portfolio,
                budget_note + excluded_sentence(result.excluded), sql),
    ]
